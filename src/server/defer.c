/* defer — see defer.h. A ring of jobs under one mutex for the pool, a
 * binary min-heap of due times for the timer thread (CLOCK_MONOTONIC). */
#include "server/defer.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 16
#define WORKER_NICE 10

struct job {
	defer_work_fn work;
	defer_done_fn done;
	void *arg;
};

struct timer {
	long long due; /* monotonic ms */
	unsigned long long seq; /* equal due times fire in the order they were set */
	defer_done_fn done;
	void *arg;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t work_ready, timer_change;
	int running, stopping;
	/* pool */
	pthread_t workers[MAX_WORKERS];
	int nworkers;
	struct job *queue;
	int qmax, qhead, qlen;
	/* timers */
	pthread_t timer_thread;
	struct timer *heap;
	size_t nheap, heapcap;
	unsigned long long seq;
} D = { .lock = PTHREAD_MUTEX_INITIALIZER };

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *worker(void *unused)
{
	(void)unused;
	/* Below the request threads: when hashing saturates the CPU (a login
	 * flood), every other request still gets it first. */
	setpriority(PRIO_PROCESS, (id_t)gettid(), WORKER_NICE);
	pthread_mutex_lock(&D.lock);
	for (;;) {
		while (D.qlen == 0 && !D.stopping)
			pthread_cond_wait(&D.work_ready, &D.lock);
		if (D.qlen == 0)
			break; /* stopping and nothing left that may run */
		struct job j = D.queue[D.qhead];
		D.qhead = (D.qhead + 1) % D.qmax;
		D.qlen--;
		pthread_mutex_unlock(&D.lock);
		j.work(j.arg);
		j.done(j.arg, 1);
		pthread_mutex_lock(&D.lock);
	}
	pthread_mutex_unlock(&D.lock);
	return NULL;
}

/* ------------------------------------------------------------- timers */

static int earlier(const struct timer *a, const struct timer *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void heap_swap(size_t i, size_t j)
{
	struct timer t = D.heap[i];
	D.heap[i] = D.heap[j];
	D.heap[j] = t;
}

static void heap_up(size_t i)
{
	while (i > 0 && earlier(&D.heap[i], &D.heap[(i - 1) / 2])) {
		heap_swap(i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < D.nheap && earlier(&D.heap[l], &D.heap[m]))
			m = l;
		if (r < D.nheap && earlier(&D.heap[r], &D.heap[m]))
			m = r;
		if (m == i)
			return;
		heap_swap(i, m);
		i = m;
	}
}

static struct timer heap_pop(void)
{
	struct timer t = D.heap[0];
	D.heap[0] = D.heap[--D.nheap];
	heap_down(0);
	return t;
}

static void *timer_loop(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&D.lock);
	for (;;) {
		if (D.nheap == 0) {
			if (D.stopping)
				break;
			pthread_cond_wait(&D.timer_change, &D.lock);
			continue;
		}
		long long now = now_ms();
		if (D.heap[0].due > now && !D.stopping) {
			struct timespec until = { (time_t)(D.heap[0].due / 1000),
						  (long)(D.heap[0].due % 1000) * 1000000 };
			pthread_cond_timedwait(&D.timer_change, &D.lock, &until);
			continue;
		}
		struct timer t = heap_pop();
		pthread_mutex_unlock(&D.lock);
		t.done(t.arg, 1);
		pthread_mutex_lock(&D.lock);
	}
	pthread_mutex_unlock(&D.lock);
	return NULL;
}

/* ---------------------------------------------------------------- api */

int defer_start(int workers, int queue_max)
{
	pthread_condattr_t ca;
	if (workers < 1 || workers > MAX_WORKERS || queue_max < 1)
		return -1;
	D.queue = calloc((size_t)queue_max, sizeof *D.queue);
	if (!D.queue)
		return -1;
	D.qmax = queue_max;
	D.qhead = D.qlen = 0;
	D.stopping = 0;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&D.timer_change, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&D.work_ready, NULL);
	D.running = 1;
	D.nworkers = 0;
	if (pthread_create(&D.timer_thread, NULL, timer_loop, NULL) != 0)
		goto fail;
	for (int i = 0; i < workers; i++) {
		if (pthread_create(&D.workers[i], NULL, worker, NULL) != 0)
			goto fail;
		D.nworkers++;
	}
	return 0;
fail:
	defer_stop();
	return -1;
}

void defer_stop(void)
{
	struct job *dropped;
	int ndropped = 0;
	if (!D.running)
		return;
	pthread_mutex_lock(&D.lock);
	D.stopping = 1;
	/* Queued work that has not started is dropped, not run: stopping
	 * should not wait for a queue of hashes. */
	dropped = calloc((size_t)D.qmax, sizeof *dropped);
	while (D.qlen > 0 && dropped) {
		dropped[ndropped++] = D.queue[D.qhead];
		D.qhead = (D.qhead + 1) % D.qmax;
		D.qlen--;
	}
	pthread_cond_broadcast(&D.work_ready);
	pthread_cond_broadcast(&D.timer_change);
	pthread_mutex_unlock(&D.lock);
	for (int i = 0; i < ndropped; i++)
		dropped[i].done(dropped[i].arg, 0);
	free(dropped);
	for (int i = 0; i < D.nworkers; i++)
		pthread_join(D.workers[i], NULL);
	pthread_join(D.timer_thread, NULL); /* it fired every pending timer */
	pthread_cond_destroy(&D.work_ready);
	pthread_cond_destroy(&D.timer_change);
	free(D.queue);
	free(D.heap);
	D.queue = NULL;
	D.heap = NULL;
	D.nheap = D.heapcap = 0;
	D.nworkers = 0;
	D.running = 0;
}

int defer_work(defer_work_fn work, defer_done_fn done, void *arg)
{
	int rc = -1;
	pthread_mutex_lock(&D.lock);
	if (D.running && !D.stopping && D.qlen < D.qmax) {
		D.queue[(D.qhead + D.qlen) % D.qmax] = (struct job){ work, done, arg };
		D.qlen++;
		pthread_cond_signal(&D.work_ready);
		rc = 0;
	}
	pthread_mutex_unlock(&D.lock);
	return rc;
}

int defer_after(long ms, defer_done_fn done, void *arg)
{
	int rc = -1;
	pthread_mutex_lock(&D.lock);
	if (D.running && !D.stopping) {
		if (D.nheap == D.heapcap) {
			size_t cap = D.heapcap ? D.heapcap * 2 : 64;
			struct timer *nh = realloc(D.heap, cap * sizeof *nh);
			if (nh) {
				D.heap = nh;
				D.heapcap = cap;
			}
		}
		if (D.nheap < D.heapcap) {
			D.heap[D.nheap] = (struct timer){ now_ms() + (ms > 0 ? ms : 0), D.seq++,
							  done, arg };
			heap_up(D.nheap++);
			pthread_cond_signal(&D.timer_change);
			rc = 0;
		}
	}
	pthread_mutex_unlock(&D.lock);
	return rc;
}
