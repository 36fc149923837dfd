/* common — what every soak attack shares (bench/soak): the options, time,
 * latency samples and their percentiles, a pinned libcurl handle to the
 * service from a chosen loopback address, and the well-behaved client that
 * asks GET /health every 20 ms meanwhile. */
#ifndef ANZHI_BENCH_SOAK_COMMON_H
#define ANZHI_BENCH_SOAK_COMMON_H

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

struct opts {
	const char *cmd, *pin;
	const char *token;       /* registry: a unit account's session */
	const char *user;        /* guess: the account guessed at… */
	const char *password;    /* …and its real password, for its real user */
	int port, conns, addrs, one_addr, trickle_ms, threads;
	double seconds;
};

double now_ms(void);
void sleep_ms(long ms);

/* A growing list of samples (ms) and its nearest-rank percentiles. */
struct samples {
	double *v;
	long n, cap;
	pthread_mutex_t lock;
};
void samples_add(struct samples *s, double x);
double samples_pct(struct samples *s, double p);

/* A handle for https://127.0.0.1:PORT/api/v1PATH, pinned, from source
 * ("host!127.x.y.z") when not NULL; the answer's body is dropped. */
CURL *client(const struct opts *o, const char *path, const char *source);

struct health {
	const struct opts *o;
	atomic_int stop;
	struct samples lat;
	long errors;
};
void *health_loop(void *arg);
/* " health_n=… health_p50=… health_p99=… health_max=… health_errors=…" */
void health_print(struct health *hc);

/* accounts.c: what one account can get out of the service by guessing or
 * enumerating (see soak.c's usage). */
int run_registry(const struct opts *o);
int run_guess(const struct opts *o);

#endif
