/* import_job — see import_job.h. */
#include "server/import_job.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/app.h"
#include "server/fileio.h"
#include "server/log.h"
#include "server/recheck.h"
#include "server/store.h"

static struct {
	pthread_mutex_t lock;
	pthread_t thread;
	int started;             /* a thread to join */
	int running;
	volatile int cancel;
	int64_t id;
	long rows_done;
	struct srv_ctx *ctx;
	char path[1200], name[256], source[32], as_of[16], ip[64];
	int64_t user_id;
} J = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void progress(void *arg, long rows)
{
	pthread_mutex_lock(&J.lock);
	J.rows_done = rows;
	pthread_mutex_unlock(&J.lock);
}

/* What one run needs, copied when it starts: J may be reused by the next
 * import as soon as this one says it is no longer running. */
struct run_args {
	struct srv_ctx *ctx;
	int64_t id, user_id;
	char path[1200], name[256], source[32], as_of[16], ip[64];
};

/* The import's last word: done (the rows are in; why the re-check did not
 * finish, if it did not) or failed (why). */
static void finish(struct store *st, const struct run_args *a, const char *status, long rows,
		   const char *why)
{
	if (why)
		log_msg("anzhid: import %lld: %s", (long long)a->id, why);
	if (!st || store_begin(st) != STORE_OK)
		return;
	if (store_import_finish(st, a->id, status, rows, why) == STORE_OK)
		store_commit(st);
	else
		store_rollback(st);
}

static void *run(void *unused)
{
	struct run_args a;
	struct store *st = NULL;
	char err[512];
	size_t len = 0;
	struct recheck_stats rs;
	pthread_mutex_lock(&J.lock);
	a = (struct run_args){ .ctx = J.ctx, .id = J.id, .user_id = J.user_id };
	memcpy(a.path, J.path, sizeof a.path);
	memcpy(a.name, J.name, sizeof a.name);
	memcpy(a.source, J.source, sizeof a.source);
	memcpy(a.as_of, J.as_of, sizeof a.as_of);
	memcpy(a.ip, J.ip, sizeof a.ip);
	pthread_mutex_unlock(&J.lock);
	char *text = srv_read_file(a.path, &len);
	unlink(a.path);
	const char *status = "failed", *why = NULL;
	long rows = 0;
	if (store_open(&st, a.ctx->cfg.db, &a.ctx->regions, err, sizeof err) != STORE_OK) {
		log_msg("anzhid: import %lld: %s", (long long)a.id, err);
		st = NULL;
	} else if (!text) {
		why = "the uploaded file is gone";
	} else {
		struct import_input in = { .source = a.source, .text = text, .len = len,
					   .origin = a.name, .as_of = a.as_of,
					   .import_id = a.id, .user_id = a.user_id, .ip = a.ip,
					   .progress = progress, .cancel = &J.cancel };
		if (import_run(a.ctx, st, &in, err, sizeof err) != 0) {
			why = err;
		} else {
			status = "done";
			rows = in.rows;
			if (recheck_import(a.ctx, st, a.id, &rs, err, sizeof err) != 0)
				why = err; /* the next import finishes the re-check */
		}
	}
	free(text);
	/* the next import may start now; this one's last write queues behind it */
	pthread_mutex_lock(&J.lock);
	J.running = 0;
	pthread_mutex_unlock(&J.lock);
	finish(st, &a, status, rows, why);
	store_close(st);
	return NULL;
}

int import_job_busy(void)
{
	pthread_mutex_lock(&J.lock);
	int busy = J.running;
	pthread_mutex_unlock(&J.lock);
	return busy;
}

int import_job_start(struct srv_ctx *ctx, int64_t id, const char *path, const char *name,
		     const char *source, const char *as_of, int64_t user_id, const char *ip)
{
	pthread_mutex_lock(&J.lock);
	if (J.running) {
		pthread_mutex_unlock(&J.lock);
		return -1;
	}
	if (J.started) {
		pthread_join(J.thread, NULL); /* the last one has finished */
		J.started = 0;
	}
	J.ctx = ctx;
	J.id = id;
	J.rows_done = 0;
	J.cancel = 0;
	J.user_id = user_id;
	snprintf(J.path, sizeof J.path, "%s", path);
	snprintf(J.name, sizeof J.name, "%s", name);
	snprintf(J.source, sizeof J.source, "%s", source);
	snprintf(J.as_of, sizeof J.as_of, "%s", as_of);
	snprintf(J.ip, sizeof J.ip, "%s", ip);
	J.running = 1;
	if (pthread_create(&J.thread, NULL, run, NULL) != 0) {
		J.running = 0;
		pthread_mutex_unlock(&J.lock);
		return -1;
	}
	J.started = 1;
	pthread_mutex_unlock(&J.lock);
	return 0;
}

int import_job_progress(int64_t id, long *rows_done)
{
	pthread_mutex_lock(&J.lock);
	int here = J.running && J.id == id;
	if (here)
		*rows_done = J.rows_done;
	pthread_mutex_unlock(&J.lock);
	return here ? 0 : -1;
}

void import_job_stop(void)
{
	pthread_mutex_lock(&J.lock);
	J.cancel = 1;
	int join = J.started;
	J.started = 0;
	pthread_mutex_unlock(&J.lock);
	if (join)
		pthread_join(J.thread, NULL);
}
