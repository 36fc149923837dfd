/* defer: slow work runs on the pool (never on the caller's thread), a full
 * queue refuses instead of growing, delays are timers that fire in due
 * order, and stopping calls every done callback exactly once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "server/defer.h"

struct probe {
	pthread_t ran_on;
	atomic_int started, worked, done, ran;
	sem_t finished;
	sem_t *gate; /* work waits here when not NULL */
	int order;
};

static atomic_int next_order;

static void work(void *arg)
{
	struct probe *p = arg;
	p->ran_on = pthread_self();
	atomic_store(&p->started, 1);
	if (p->gate)
		sem_wait(p->gate);
	atomic_fetch_add(&p->worked, 1);
}

static void done(void *arg, int ran)
{
	struct probe *p = arg;
	p->order = atomic_fetch_add(&next_order, 1);
	atomic_store(&p->ran, ran);
	atomic_fetch_add(&p->done, 1);
	sem_post(&p->finished);
}

static void probe_init(struct probe *p, sem_t *gate)
{
	memset(p, 0, sizeof *p);
	sem_init(&p->finished, 0, 0);
	p->gate = gate;
}

static long long ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_work_runs_off_the_caller_thread_then_done(void **state)
{
	struct probe p;
	probe_init(&p, NULL);
	assert_int_equal(defer_start(2, 8), 0);
	assert_int_equal(defer_work(work, done, &p), 0);
	sem_wait(&p.finished);
	assert_int_equal(p.worked, 1);
	assert_int_equal(p.done, 1);
	assert_int_equal(p.ran, 1);
	assert_false(pthread_equal(p.ran_on, pthread_self()));
	defer_stop();
}

static void test_a_full_queue_refuses_more_work(void **state)
{
	sem_t gate;
	struct probe busy, q[2], extra;
	sem_init(&gate, 0, 0);
	probe_init(&busy, &gate);
	assert_int_equal(defer_start(1, 2), 0);
	assert_int_equal(defer_work(work, done, &busy), 0);
	while (!atomic_load(&busy.started)) /* the only worker is now held at the gate */
		sched_yield();
	for (int i = 0; i < 2; i++) {
		probe_init(&q[i], NULL);
		assert_int_equal(defer_work(work, done, &q[i]), 0);
	}
	probe_init(&extra, NULL);
	assert_int_equal(defer_work(work, done, &extra), -1);
	sem_post(&gate);
	for (int i = 0; i < 2; i++)
		sem_wait(&q[i].finished);
	assert_int_equal(extra.done, 0); /* refused: never called */
	defer_stop();
}

static void test_timers_fire_in_due_order_without_holding_the_caller(void **state)
{
	struct probe p[3];
	long delays[3] = { 150, 30, 90 };
	assert_int_equal(defer_start(1, 4), 0);
	long long t0 = ms();
	for (int i = 0; i < 3; i++) {
		probe_init(&p[i], NULL);
		assert_int_equal(defer_after(delays[i], done, &p[i]), 0);
	}
	assert_true(ms() - t0 < 30); /* setting timers waits for none of them */
	for (int i = 0; i < 3; i++)
		sem_wait(&p[i].finished);
	assert_true(ms() - t0 >= 150);
	assert_true(p[1].order < p[2].order && p[2].order < p[0].order);
	defer_stop();
}

static void *stop_thread(void *unused)
{
	defer_stop();
	return unused;
}

static void test_stop_calls_every_done_once_dropping_queued_work(void **state)
{
	sem_t gate;
	struct probe busy, queued, timer;
	sem_init(&gate, 0, 0);
	probe_init(&busy, &gate);
	probe_init(&queued, NULL);
	probe_init(&timer, NULL);
	assert_int_equal(defer_start(1, 4), 0);
	assert_int_equal(defer_work(work, done, &busy), 0);
	while (!atomic_load(&busy.started))
		sched_yield();
	assert_int_equal(defer_work(work, done, &queued), 0);
	assert_int_equal(defer_after(60000, done, &timer), 0);
	long long t0 = ms();
	pthread_t stopper;
	assert_int_equal(pthread_create(&stopper, NULL, stop_thread, NULL), 0);
	sem_wait(&queued.finished); /* dropped while the running job still runs */
	sem_post(&gate);	      /* now the running job may finish */
	pthread_join(stopper, NULL);
	assert_true(ms() - t0 < 5000); /* the 60 s timer did not hold the stop */
	assert_int_equal(busy.done, 1);
	assert_int_equal(busy.ran, 1);
	assert_int_equal(queued.done, 1);
	assert_int_equal(queued.ran, 0);
	assert_int_equal(queued.worked, 0);
	assert_int_equal(timer.done, 1);
	assert_int_equal(defer_work(work, done, &queued), -1); /* stopped */
	assert_int_equal(defer_after(1, done, &timer), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_work_runs_off_the_caller_thread_then_done),
		cmocka_unit_test(test_a_full_queue_refuses_more_work),
		cmocka_unit_test(test_timers_fire_in_due_order_without_holding_the_caller),
		cmocka_unit_test(test_stop_calls_every_done_once_dropping_queued_work),
	};
	return cmocka_run_group_tests_name("server_defer", tests, NULL, NULL);
}
