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
	char path[1200], source[32], as_of[16], ip[64];
	int64_t user_id;
} J = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void progress(void *arg, long rows)
{
	pthread_mutex_lock(&J.lock);
	J.rows_done = rows;
	pthread_mutex_unlock(&J.lock);
}

static void fail(struct store *st, const char *why)
{
	log_msg("anzhid: import %lld failed: %s", (long long)J.id, why);
	if (st && store_begin(st) == STORE_OK) {
		if (store_import_finish(st, J.id, "failed", 0, why) == STORE_OK)
			store_commit(st);
		else
			store_rollback(st);
	}
}

static void *run(void *unused)
{
	struct store *st = NULL;
	char err[512];
	size_t len = 0;
	struct recheck_stats rs;
	char *text = srv_read_file(J.path, &len);
	if (store_open(&st, J.ctx->cfg.data_dir, &J.ctx->regions, err, sizeof err) != STORE_OK) {
		log_msg("anzhid: import %lld: %s", (long long)J.id, err);
		st = NULL;
	} else if (!text) {
		fail(st, "the uploaded file is gone");
	} else {
		const char *base = strrchr(J.path, '/');
		struct import_input in = { .source = J.source, .text = text, .len = len,
					   .origin = base ? base + 1 : J.path, .as_of = J.as_of,
					   .import_id = J.id, .user_id = J.user_id, .ip = J.ip,
					   .progress = progress, .cancel = &J.cancel };
		if (import_run(J.ctx, st, &in, err, sizeof err) != 0)
			fail(st, err);
		else if (recheck_import(J.ctx, st, J.id, &rs, err, sizeof err) != 0)
			log_msg("anzhid: import %lld: %s (the next import finishes it)",
				(long long)J.id, err);
	}
	free(text);
	unlink(J.path);
	store_close(st);
	pthread_mutex_lock(&J.lock);
	J.running = 0;
	pthread_mutex_unlock(&J.lock);
	return NULL;
}

int import_job_busy(void)
{
	pthread_mutex_lock(&J.lock);
	int busy = J.running;
	pthread_mutex_unlock(&J.lock);
	return busy;
}

int import_job_start(struct srv_ctx *ctx, int64_t id, const char *path, const char *source,
		     const char *as_of, int64_t user_id, const char *ip)
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
