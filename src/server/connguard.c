/* connguard — see connguard.h. One list of open connections under one mutex
 * (a scan of a few thousand entries every TICK_MS costs microseconds), and
 * the lingering sockets, owned by the watchdog thread alone. */
#include "server/connguard.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "server/log.h"

#define TICK_MS 200
#define LOG_EVERY_MS 10000

enum phase { PHASE_HEAD, PHASE_BODY, PHASE_REPLY, PHASE_WORK };

struct guard_conn {
	struct guard_conn *prev, *next;
	int fd;
	enum phase phase;
	long long deadline; /* monotonic ms; 0: none */
	int cut;            /* already shut down by the watchdog */
	int linger;
};

struct lingering {
	int fd;
	long long until;
	size_t read;
};

static struct {
	struct connguard_config cfg;
	pthread_mutex_t lock;
	pthread_t thread;
	int running;
	atomic_int stop;
	struct guard_conn head; /* list sentinel */
	/* sockets handed over to linger: added under lock, taken by the thread */
	int pending[CONNGUARD_LINGER_MAX];
	int npending;
	struct lingering linger[CONNGUARD_LINGER_MAX];
	int nlinger;
	long cuts[3]; /* head, body, reply: since the last log line */
	long long logged_at;
} G = { .lock = PTHREAD_MUTEX_INITIALIZER };

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The head deadline plus up to a quarter more, at random: connections an
 * attacker opened together are not all cut, and do not all come back with
 * a TLS handshake, in the same instant. */
static long long head_deadline(void)
{
	return now_ms() + G.cfg.head_ms +
	       (long long)randombytes_uniform((uint32_t)(G.cfg.head_ms / 4 + 1));
}

/* Cuts every connection past its deadline. Called with the lock held. */
static void cut_overdue(long long now)
{
	for (struct guard_conn *g = G.head.next; g != &G.head; g = g->next) {
		if (g->cut || !g->deadline || now < g->deadline)
			continue;
		shutdown(g->fd, SHUT_RDWR); /* libmicrohttpd sees the end and closes it */
		g->cut = 1;
		G.cuts[g->phase]++;
	}
}

static void log_cuts(long long now)
{
	if (G.cuts[0] + G.cuts[1] + G.cuts[2] == 0 || now - G.logged_at < LOG_EVERY_MS)
		return;
	log_msg("anzhid: closed slow connections past their deadline: %ld in the request head "
		"(over %ld ms), %ld in the body, %ld reading the answer",
		G.cuts[0], G.cfg.head_ms, G.cuts[1], G.cuts[2]);
	G.cuts[0] = G.cuts[1] = G.cuts[2] = 0;
	G.logged_at = now;
}

/* Reads and drops what lingering sockets send; closes those that ended,
 * sent enough or waited long enough. Watchdog thread only. */
static void linger_step(long long now)
{
	struct pollfd pfd[CONNGUARD_LINGER_MAX];
	char drop[16384];
	pthread_mutex_lock(&G.lock);
	for (int i = 0; i < G.npending && G.nlinger < CONNGUARD_LINGER_MAX; i++)
		G.linger[G.nlinger++] =
			(struct lingering){ G.pending[i], now + CONNGUARD_LINGER_MS, 0 };
	G.npending = 0;
	pthread_mutex_unlock(&G.lock);
	for (int i = 0; i < G.nlinger; i++)
		pfd[i] = (struct pollfd){ .fd = G.linger[i].fd, .events = POLLIN };
	if (poll(pfd, (nfds_t)G.nlinger, TICK_MS) < 0 && errno != EINTR)
		return;
	now = now_ms();
	for (int i = 0; i < G.nlinger; i++) {
		struct lingering *l = &G.linger[i];
		int done = now >= l->until;
		if (!done && pfd[i].revents) {
			ssize_t r = recv(l->fd, drop, sizeof drop, MSG_DONTWAIT);
			if (r > 0)
				l->read += (size_t)r;
			done = r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR) ||
			       l->read >= CONNGUARD_LINGER_BYTES;
		}
		if (done) {
			close(l->fd);
			G.linger[i--] = G.linger[--G.nlinger];
		}
	}
}

static void *watchdog(void *arg)
{
	(void)arg;
	while (!atomic_load(&G.stop)) {
		long long now = now_ms();
		pthread_mutex_lock(&G.lock);
		cut_overdue(now);
		log_cuts(now);
		pthread_mutex_unlock(&G.lock);
		linger_step(now); /* waits up to TICK_MS */
	}
	return NULL;
}

int connguard_start(const struct connguard_config *cfg)
{
	G.cfg = *cfg;
	G.head.next = G.head.prev = &G.head;
	atomic_store(&G.stop, 0);
	G.logged_at = 0;
	if (pthread_create(&G.thread, NULL, watchdog, NULL) != 0)
		return -1;
	G.running = 1;
	return 0;
}

void connguard_stop(void)
{
	if (!G.running)
		return;
	atomic_store(&G.stop, 1);
	pthread_join(G.thread, NULL);
	G.running = 0;
	for (int i = 0; i < G.nlinger; i++)
		close(G.linger[i].fd);
	for (int i = 0; i < G.npending; i++)
		close(G.pending[i]);
	G.nlinger = G.npending = 0;
}

struct guard_conn *connguard_open(int fd)
{
	struct guard_conn *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->fd = fd;
	pthread_mutex_lock(&G.lock);
	g->phase = PHASE_HEAD;
	g->deadline = head_deadline();
	g->next = G.head.next;
	g->prev = &G.head;
	G.head.next->prev = g;
	G.head.next = g;
	pthread_mutex_unlock(&G.lock);
	return g;
}

void connguard_close(struct guard_conn *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&G.lock);
	g->prev->next = g->next;
	g->next->prev = g->prev;
	if (g->linger && !g->cut && G.running && G.npending < CONNGUARD_LINGER_MAX &&
	    G.nlinger + G.npending < CONNGUARD_LINGER_MAX) {
		/* A second descriptor keeps the socket open after libmicrohttpd
		 * closes its own; FIN now, so the client sees the end. */
		int dup_fd = fcntl(g->fd, F_DUPFD_CLOEXEC, 0);
		if (dup_fd >= 0) {
			shutdown(dup_fd, SHUT_WR);
			G.pending[G.npending++] = dup_fd;
		}
	}
	pthread_mutex_unlock(&G.lock);
	free(g);
}

static void set_phase(struct guard_conn *g, enum phase p, long long deadline)
{
	if (!g)
		return;
	pthread_mutex_lock(&G.lock);
	g->phase = p;
	g->deadline = deadline;
	pthread_mutex_unlock(&G.lock);
}

/* The base allowance plus a second per min_rate bytes. */
static long long transfer_deadline(uint64_t bytes)
{
	if (bytes > (1ull << 40))
		bytes = 1ull << 40;
	uint64_t extra = G.cfg.min_rate ? bytes * 1000 / G.cfg.min_rate : 0;
	return now_ms() + G.cfg.body_ms + (long long)extra;
}

void connguard_head_done(struct guard_conn *g, uint64_t body_bytes)
{
	set_phase(g, PHASE_BODY, transfer_deadline(body_bytes));
}

void connguard_body_done(struct guard_conn *g)
{
	set_phase(g, PHASE_WORK, 0);
}

void connguard_reply(struct guard_conn *g, uint64_t reply_bytes)
{
	set_phase(g, PHASE_REPLY, transfer_deadline(reply_bytes));
}

void connguard_request_done(struct guard_conn *g)
{
	set_phase(g, PHASE_HEAD, head_deadline());
}

void connguard_linger(struct guard_conn *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&G.lock);
	g->linger = 1;
	pthread_mutex_unlock(&G.lock);
}
