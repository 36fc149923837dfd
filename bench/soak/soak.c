/* soak: attacks for `make soak` (bench/soak/run), on loopback only, each
 * with a well-behaved client measuring GET /health meanwhile.
 *
 *   soak slowloris --port P --pin PIN [--conns 1000] [--addrs 40]
 *        [--one-addr 100] [--trickle-ms 2000] [--seconds 40]
 *     N connections from source addresses 127.1.0.1..A (the kernel routes
 *     all of 127/8 to lo), each a TLS handshake and then a request head sent
 *     one byte per trickle-ms; a connection the service closes is opened
 *     again. --one-addr more connections come from 127.2.0.1 alone (the
 *     per-address limit: bench/soak/run counts what the service holds from
 *     it with ss). Prints one line of key=value. peak_open counts
 *     connections the client believes open (it notices a cut within a
 *     loop turn, so it may run a little over what the service holds).
 *
 *   soak logins --port P --pin PIN [--threads 16] [--seconds 30]
 *     failed logins as fast as the threads go, from 127.3.T.1..250 (a fresh
 *     address every 15 tries, under the per-address limiter), unknown
 *     usernames (each costs the service an argon2id hash).
 *
 *   soak quiet --port P --pin PIN [--seconds 10]
 *     the good client alone: the baseline.
 *
 *   soak registry --port P --pin PIN --token T [--threads 4] [--seconds 30]
 *     registry enumeration by one unit account (session T): valid ID
 *     numbers of one county, born 1950-1999, as fast as the threads go
 *     (accounts.c). Prints what was answered (200/404), found (200) and
 *     refused (429), and the rate tried.
 *
 *   soak guess --port P --pin PIN --user U --password PW [--addrs 1]
 *        [--threads 4] [--seconds 30]
 *     wrong passwords at account U from --addrs addresses (127.4.0.1 when
 *     1, else 127.5.x.y, each used until it is refused), while U's real user
 *     signs in with PW from 127.0.0.1 every 2 s (accounts.c). Prints the
 *     guesses the service checked (401), refused (429, 503), any that got in,
 *     the most checked from one address, and the real user's sign-ins.
 *
 * The good client uses 127.0.0.1, a kept-alive connection, and asks every
 * 20 ms: its p50/p99/max and errors are the figures the issue names. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_ATTACK_THREADS 8

/* ---------------------------------------------------------- slowloris */

struct slot {
	int fd;
	gnutls_session_t tls;
	double opened, next_byte, retry_at;
	size_t sent;
	char src[24];
};

struct attack {
	const struct opts *o;
	struct slot *slots;
	int nslots;
	double deadline;
	gnutls_certificate_credentials_t cred;
};

static atomic_long open_now, open_peak, connects, refused, cuts;
static struct samples cut_after;

static void slot_close(struct slot *s)
{
	if (s->tls)
		gnutls_deinit(s->tls);
	if (s->fd >= 0)
		close(s->fd);
	s->tls = NULL;
	s->fd = -1;
}

/* TCP from s->src, a TLS handshake, the first line of a request. */
static bool slot_open(struct attack *a, struct slot *s)
{
	struct sockaddr_in from = { .sin_family = AF_INET }, to = { .sin_family = AF_INET };
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	inet_pton(AF_INET, s->src, &from.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
	to.sin_port = htons((uint16_t)a->o->port);
	atomic_fetch_add(&connects, 1);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&from, sizeof from) != 0 ||
	    connect(s->fd, (struct sockaddr *)&to, sizeof to) != 0)
		goto refused;
	gnutls_init(&s->tls, GNUTLS_CLIENT);
	gnutls_set_default_priority(s->tls);
	gnutls_credentials_set(s->tls, GNUTLS_CRD_CERTIFICATE, a->cred);
	gnutls_transport_set_int(s->tls, s->fd);
	gnutls_handshake_set_timeout(s->tls, 5000);
	int rc;
	do
		rc = gnutls_handshake(s->tls);
	while (rc < 0 && !gnutls_error_is_fatal(rc));
	static const char line[] = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
	if (rc < 0 || gnutls_record_send(s->tls, line, sizeof line - 1) < 0)
		goto refused;
	s->opened = now_ms();
	s->next_byte = s->opened + a->o->trickle_ms;
	s->sent = 0;
	long n = atomic_fetch_add(&open_now, 1) + 1;
	for (long p = atomic_load(&open_peak); n > p && !atomic_compare_exchange_weak(&open_peak, &p, n);)
		;
	return true;
refused:
	atomic_fetch_add(&refused, 1);
	slot_close(s);
	s->retry_at = now_ms() + 1000;
	return false;
}

/* The service closed it (or it broke): count the cut and its lifetime. */
static void slot_lost(struct slot *s)
{
	samples_add(&cut_after, now_ms() - s->opened);
	atomic_fetch_add(&cuts, 1);
	atomic_fetch_sub(&open_now, 1);
	slot_close(s);
	s->retry_at = now_ms();
}

static void *attack_loop(void *arg)
{
	static const char trickle[] = "X-Slow: 1234567890abcdefghij\r\n";
	struct attack *a = arg;
	struct pollfd *pfd = calloc((size_t)a->nslots, sizeof *pfd);
	while (pfd && now_ms() < a->deadline) {
		double now = now_ms();
		for (int i = 0; i < a->nslots; i++) {
			struct slot *s = &a->slots[i];
			if (s->fd < 0 && now >= s->retry_at && now < a->deadline)
				slot_open(a, s);
			pfd[i] = (struct pollfd){ .fd = s->fd, .events = POLLIN };
		}
		poll(pfd, (nfds_t)a->nslots, 50);
		now = now_ms();
		for (int i = 0; i < a->nslots; i++) {
			struct slot *s = &a->slots[i];
			if (s->fd < 0)
				continue;
			if (pfd[i].revents) {
				char b[512];
				ssize_t r = gnutls_record_recv(s->tls, b, sizeof b);
				if (r != GNUTLS_E_AGAIN && r != GNUTLS_E_INTERRUPTED) {
					slot_lost(s);
					continue;
				}
			}
			if (now >= s->next_byte) {
				char c = trickle[s->sent++ % (sizeof trickle - 1)];
				if (gnutls_record_send(s->tls, &c, 1) < 0) {
					slot_lost(s);
					continue;
				}
				s->next_byte = now + a->o->trickle_ms;
			}
		}
	}
	for (int i = 0; i < a->nslots; i++)
		if (a->slots[i].fd >= 0) {
			atomic_fetch_sub(&open_now, 1);
			slot_close(&a->slots[i]);
		}
	free(pfd);
	return NULL;
}

static int run_slowloris(const struct opts *o)
{
	int total = o->conns + o->one_addr, nthreads = MAX_ATTACK_THREADS;
	struct slot *slots = calloc((size_t)total, sizeof *slots);
	struct attack att[MAX_ATTACK_THREADS];
	pthread_t th[MAX_ATTACK_THREADS], hth;
	struct health hc = { .o = o, .lat.lock = PTHREAD_MUTEX_INITIALIZER };
	gnutls_certificate_credentials_t cred;
	pthread_mutex_init(&cut_after.lock, NULL);
	gnutls_global_init();
	gnutls_certificate_allocate_credentials(&cred);
	for (int i = 0; i < total; i++) {
		slots[i].fd = -1;
		if (i < o->conns)
			snprintf(slots[i].src, sizeof slots[i].src, "127.1.%d.%d", 0,
				 1 + i % o->addrs);
		else
			snprintf(slots[i].src, sizeof slots[i].src, "127.2.0.1");
	}
	double t0 = now_ms();
	pthread_create(&hth, NULL, health_loop, &hc);
	for (int t = 0; t < nthreads; t++) {
		int from = total * t / nthreads, to = total * (t + 1) / nthreads;
		att[t] = (struct attack){ o, slots + from, to - from, t0 + o->seconds * 1e3, cred };
		pthread_create(&th[t], NULL, attack_loop, &att[t]);
	}
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);
	atomic_store(&hc.stop, 1);
	pthread_join(hth, NULL);
	printf("slowloris conns=%d addrs=%d one_addr=%d trickle_ms=%d seconds=%.0f peak_open=%ld "
	       "connects=%ld refused=%ld cuts=%ld cut_p50_ms=%.0f cut_max_ms=%.0f",
	       o->conns, o->addrs, o->one_addr, o->trickle_ms, o->seconds, atomic_load(&open_peak),
	       atomic_load(&connects), atomic_load(&refused), atomic_load(&cuts),
	       samples_pct(&cut_after, 50), samples_pct(&cut_after, 100));
	health_print(&hc);
	printf("\n");
	gnutls_certificate_free_credentials(cred);
	free(slots);
	return 0;
}

/* ------------------------------------------------------------- logins */

struct flood {
	const struct opts *o;
	int index;
	double deadline;
	long attempts, s401, s429, s503, other;
	struct samples *lat;
};

static void *flood_loop(void *arg)
{
	struct flood *f = arg;
	struct curl_slist *hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	CURL *h = NULL;
	int addr = -1;
	for (long k = 0; now_ms() < f->deadline; k++) {
		char body[160], src[48];
		long status = 0;
		if ((int)(k / 15) % 250 != addr) { /* a fresh address: a fresh connection */
			addr = (int)(k / 15) % 250;
			if (h)
				curl_easy_cleanup(h);
			snprintf(src, sizeof src, "host!127.3.%d.%d", f->index, addr + 1);
			h = client(f->o, "/sessions", src);
			curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
		}
		snprintf(body, sizeof body,
			 "{\"username\":\"flood-%d-%ld\",\"password\":\"not-the-password\"}", f->index, k);
		curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, body);
		double t0 = now_ms();
		CURLcode rc = curl_easy_perform(h);
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		samples_add(f->lat, now_ms() - t0);
		f->attempts++;
		if (rc != CURLE_OK)
			f->other++;
		else if (status == 401)
			f->s401++;
		else if (status == 429)
			f->s429++;
		else if (status == 503)
			f->s503++;
		else
			f->other++;
	}
	if (h)
		curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	return NULL;
}

static int run_logins(const struct opts *o)
{
	struct flood f[64];
	pthread_t th[64], hth;
	struct samples lat = { .lock = PTHREAD_MUTEX_INITIALIZER };
	struct health hc = { .o = o, .lat.lock = PTHREAD_MUTEX_INITIALIZER };
	long a = 0, s401 = 0, s429 = 0, s503 = 0, other = 0;
	double t0 = now_ms();
	pthread_create(&hth, NULL, health_loop, &hc);
	for (int t = 0; t < o->threads; t++) {
		f[t] = (struct flood){ .o = o, .index = t, .deadline = t0 + o->seconds * 1e3,
				       .lat = &lat };
		pthread_create(&th[t], NULL, flood_loop, &f[t]);
	}
	for (int t = 0; t < o->threads; t++) {
		pthread_join(th[t], NULL);
		a += f[t].attempts, s401 += f[t].s401, s429 += f[t].s429;
		s503 += f[t].s503, other += f[t].other;
	}
	atomic_store(&hc.stop, 1);
	pthread_join(hth, NULL);
	printf("logins threads=%d seconds=%.0f attempts=%ld s401=%ld s429=%ld s503=%ld other=%ld "
	       "login_p50=%.0f login_p99=%.0f",
	       o->threads, o->seconds, a, s401, s429, s503, other, samples_pct(&lat, 50),
	       samples_pct(&lat, 99));
	health_print(&hc);
	printf("\n");
	return 0;
}

static int run_quiet(const struct opts *o)
{
	struct health hc = { .o = o, .lat.lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t hth;
	pthread_create(&hth, NULL, health_loop, &hc);
	sleep_ms((long)(o->seconds * 1e3));
	atomic_store(&hc.stop, 1);
	pthread_join(hth, NULL);
	printf("quiet seconds=%.0f", o->seconds);
	health_print(&hc);
	printf("\n");
	return 0;
}

/* -------------------------------------------------------------- main */

static bool parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ .conns = 1000, .addrs = 40, .one_addr = 100, .trickle_ms = 2000,
			    .threads = 16, .seconds = 30 };
	if (argc < 2)
		return false;
	o->cmd = argv[1];
	for (int i = 2; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		struct {
			const char *name;
			int *dst;
		} ints[] = { { "--port", &o->port },	      { "--conns", &o->conns },
			     { "--addrs", &o->addrs },	      { "--one-addr", &o->one_addr },
			     { "--trickle-ms", &o->trickle_ms }, { "--threads", &o->threads } };
		bool known = false;
		for (size_t j = 0; j < sizeof ints / sizeof ints[0]; j++)
			if (strcmp(k, ints[j].name) == 0) {
				*ints[j].dst = atoi(v);
				known = true;
			}
		if (strcmp(k, "--pin") == 0)
			o->pin = v, known = true;
		if (strcmp(k, "--token") == 0)
			o->token = v, known = true;
		if (strcmp(k, "--user") == 0)
			o->user = v, known = true;
		if (strcmp(k, "--password") == 0)
			o->password = v, known = true;
		if (strcmp(k, "--seconds") == 0)
			o->seconds = atof(v), known = true;
		if (!known)
			return false;
	}
	/* bounded, loopback only */
	return o->pin && o->port > 0 && o->conns >= 0 && o->conns <= 5000 && o->addrs >= 1 &&
	       o->addrs <= 250 && o->one_addr >= 0 && o->one_addr <= 1000 &&
	       o->trickle_ms >= 10 && o->threads >= 1 && o->threads <= 64 && o->seconds > 0 &&
	       o->seconds <= 300;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct rlimit rl;
	if (!parse(argc, argv, &o)) {
		fprintf(stderr, "usage: soak slowloris|logins|quiet|registry|guess --port P --pin PIN"
				" [options]\n"
				"(see bench/soak/soak.c)\n");
		return 2;
	}
	/* One descriptor per attacking connection. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = strcmp(o.cmd, "slowloris") == 0 ? run_slowloris(&o)
		 : strcmp(o.cmd, "logins") == 0	  ? run_logins(&o)
		 : strcmp(o.cmd, "quiet") == 0	  ? run_quiet(&o)
		 : strcmp(o.cmd, "registry") == 0 && o.token ? run_registry(&o)
		 : strcmp(o.cmd, "guess") == 0 && o.user && o.password ? run_guess(&o)
						  : 2;
	curl_global_cleanup();
	return rc;
}
