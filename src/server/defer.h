/* defer — what a request thread must never wait for: slow work (password
 * hashing, argon2id at 64 MiB) runs on a small pool of its own with a
 * bounded queue, and delays (after a failed login) are timers, not sleeps.
 * Each job ends by calling its done callback, which http.c uses to resume
 * the suspended connection; the request thread meanwhile serves others.
 * No libmicrohttpd types here. */
#ifndef ANZHI_SERVER_DEFER_H
#define ANZHI_SERVER_DEFER_H

/* done(arg, ran): ran is 0 when the job was dropped at defer_stop. */
typedef void (*defer_done_fn)(void *arg, int ran);
typedef void (*defer_work_fn)(void *arg);

/* Starts `workers` pool threads (queue of at most queue_max jobs) and the
 * timer thread. 0 on success. */
int defer_start(int workers, int queue_max);
/* Stops: work already running finishes (done(arg, 1)); queued work is
 * dropped (done(arg, 0)); pending timers fire at once (done(arg, 1)). When it
 * returns, every done callback has been called. */
void defer_stop(void);

/* Queues work(arg) for a pool thread, then done(arg, 1) on that thread.
 * -1 when the queue is full or stopped (nothing will be called). */
int defer_work(defer_work_fn work, defer_done_fn done, void *arg);
/* Calls done(arg, 1) on the timer thread after ms. -1 when stopped or out
 * of memory (nothing will be called). */
int defer_after(long ms, defer_done_fn done, void *arg);

#endif
