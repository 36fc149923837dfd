/* recheck_ahead — reading the next batches while this one is checked and
 * saved (see recheck_int.h). Reading is most of a re-check's work and the
 * writer holds the store's one write lock: the reads run beside the checks
 * and saves. Two readers, each with its own connection, take every other
 * batch (reading costs more than writing: one reader would keep the writer
 * waiting, two share the cores with it); each batch has its slot, filled by
 * its reader and emptied in order by the caller.
 *
 * What is read ahead is only what the re-check itself never writes and a
 * concurrent writer changes only with the placement's version (a save
 * refuses a stale version: recheck.c reads that placement again on its own
 * connection); what other placements decide (months confirmed elsewhere)
 * and a declaration's lock are read by the writer (batch_settle). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/recheck_int.h"

#define READERS 2
#define SLOTS (2 * READERS) /* batch k goes to slot k % SLOTS, read by k % READERS */

struct slot {
	struct batch *b;
	size_t from;  /* the batch's first todo */
	int full;     /* read (or failed: rc) and not yet taken back */
	int rc;
	char err[320];
};

/* One reading thread and its connection. */
struct ahead_reader {
	struct ahead *a;
	int first; /* reads batches first, first + READERS, … */
	pthread_t thread;
	int running;
	struct reader rd;
};

struct ahead {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct ahead_reader readers[READERS];
	const struct todo *todo;
	size_t n;
	struct slot slot[SLOTS];
	int stop;
};

static void *read_ahead(void *arg)
{
	struct ahead_reader *ar = arg;
	struct ahead *a = ar->a;
	for (size_t k = (size_t)ar->first; k * STORE_BATCH < a->n; k += READERS) {
		size_t from = k * STORE_BATCH;
		struct slot *s = &a->slot[k % SLOTS];
		pthread_mutex_lock(&a->lock);
		while (s->full && !a->stop)
			pthread_cond_wait(&a->changed, &a->lock);
		int stop = a->stop;
		pthread_mutex_unlock(&a->lock);
		if (stop)
			break;
		int count = (int)(a->n - from < STORE_BATCH ? a->n - from : STORE_BATCH);
		batch_free(s->b); /* the batch the caller gave back: freed here, off its path */
		int rc = batch_read(&ar->rd, s->b, &a->todo[from], count);
		pthread_mutex_lock(&a->lock);
		s->from = from;
		s->rc = rc;
		if (rc != 0)
			snprintf(s->err, sizeof s->err, "%s", ar->rd.err);
		s->full = 1;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->lock);
		if (rc != 0)
			break; /* the caller stops at this batch */
	}
	return NULL;
}

static void ahead_free(struct ahead *a)
{
	for (int i = 0; i < SLOTS; i++) {
		if (a->slot[i].b)
			batch_free(a->slot[i].b);
		free(a->slot[i].b);
	}
	for (int i = 0; i < READERS; i++)
		if (a->readers[i].rd.st) {
			store_defer(a->readers[i].rd.st, 0);
			store_close(a->readers[i].rd.st);
		}
	pthread_cond_destroy(&a->changed);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

/* Stops and joins the readers that run. */
static void stop_readers(struct ahead *a)
{
	pthread_mutex_lock(&a->lock);
	a->stop = 1;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
	for (int i = 0; i < READERS; i++)
		if (a->readers[i].running)
			pthread_join(a->readers[i].thread, NULL);
}

struct ahead *ahead_start(const struct srv_ctx *ctx, const char *target, const struct todo *todo,
			  size_t n)
{
	char err[256];
	struct ahead *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->changed, NULL);
	a->todo = todo;
	a->n = n;
	int ok = 1;
	for (int i = 0; ok && i < SLOTS; i++)
		ok = (a->slot[i].b = calloc(1, sizeof *a->slot[i].b)) != NULL;
	for (int i = 0; ok && i < READERS; i++) {
		struct ahead_reader *ar = &a->readers[i];
		*ar = (struct ahead_reader){ .a = a, .first = i, .rd = { .ctx = ctx } };
		ok = store_open(&ar->rd.st, target, &ctx->regions, err, sizeof err) == STORE_OK;
		if (ok) /* a loader's cache (and map) on this connection */
			store_defer(ar->rd.st, 1);
	}
	for (int i = 0; ok && i < READERS; i++)
		ok = a->readers[i].running =
			pthread_create(&a->readers[i].thread, NULL, read_ahead, &a->readers[i]) == 0;
	if (!ok) {
		stop_readers(a);
		ahead_free(a);
		return NULL;
	}
	return a;
}

struct batch *ahead_take(struct ahead *a, size_t from, char *err, size_t errlen)
{
	struct slot *s = &a->slot[(from / STORE_BATCH) % SLOTS];
	pthread_mutex_lock(&a->lock);
	while (!s->full)
		pthread_cond_wait(&a->changed, &a->lock);
	pthread_mutex_unlock(&a->lock);
	if (s->from != from) {
		snprintf(err, errlen, "re-check: batch at %zu read for %zu", s->from, from);
		return NULL;
	}
	if (s->rc != 0) {
		snprintf(err, errlen, "%s", s->err);
		return NULL;
	}
	return s->b;
}

void ahead_done(struct ahead *a, struct batch *b)
{
	pthread_mutex_lock(&a->lock);
	for (int i = 0; i < SLOTS; i++)
		if (a->slot[i].b == b)
			a->slot[i].full = 0;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
}

void ahead_stop(struct ahead *a)
{
	if (!a)
		return;
	stop_readers(a);
	ahead_free(a);
}
