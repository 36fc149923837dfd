/* recheck — see recheck.h. Placements are read STORE_BATCH at a time
 * (recheck_read.c; by a second connection ahead of the checks when there are
 * many: recheck_ahead.c), checked, and saved one by one when anything
 * changed; those of a locked list are deferred instead (the lock read when
 * the batch is checked, under the write lock: a declaration changing status
 * waits for the batch, or the batch for it). */
#include "server/recheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/policy_tables.h"
#include "server/recheck_int.h"

#define COMMIT_EVERY (8 * STORE_BATCH) /* placements per transaction */
#define TRIES 4                         /* a batch that deadlocked runs again */
#define AHEAD_FROM (4 * STORE_BATCH)    /* placements worth a second connection */

struct run {
	struct srv_ctx *ctx;
	struct store *st;
	struct todo *todo;
	size_t n, cap;
	struct recheck_stats *rs;
	char *err;
	size_t errlen;
	int defer_locked;          /* an import's re-check: locked lists wait */
	struct reader rd;          /* reads on st (no reading ahead, or again) */
	struct batch *own;         /* what rd reads into */
	struct ahead *ahead;       /* reads the next batches on a connection of its own */
};

static int fail(struct run *r, const char *what)
{
	snprintf(r->err, r->errlen, "re-check: %s: %s", what, store_errmsg(r->st));
	return -1;
}

/* One more placement to re-check (ascending ids). */
static int todo_add(struct run *r, int64_t placement_id, int64_t unit_id, int year,
		    unsigned mask)
{
	if (r->n == 0 || r->todo[r->n - 1].id != placement_id) {
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 4096;
			struct todo *t = realloc(r->todo, cap * sizeof *t);
			if (!t) {
				snprintf(r->err, r->errlen, "out of memory");
				return -1;
			}
			r->todo = t;
			r->cap = cap;
		}
		r->todo[r->n++] = (struct todo){ placement_id, unit_id, year, 0 };
	}
	r->todo[r->n - 1].mask |= mask;
	return 0;
}

/* One (placement, month) from the queue, grouped by placement (ascending). */
static int take(void *arg, int64_t placement_id, int ym, int64_t unit_id, int year)
{
	return todo_add(arg, placement_id, unit_id, year, 1u << (ym % 100));
}

static int changed(const struct placement *before, const struct placement *after)
{
	for (int i = 0; i < after->n_months; i++)
		if (after->months[i].dirty)
			return 1;
	for (int i = 0; i < after->n_items; i++)
		if (after->items[i].dirty)
			return 1;
	return before->status != after->status || before->confirmed_by != after->confirmed_by ||
	       before->n_items != after->n_items ||
	       before->months_confirmed != after->months_confirmed ||
	       before->months_counted != after->months_counted ||
	       before->months_pending != after->months_pending || before->needs != after->needs;
}

/* t[0..count) read on the run's own connection into r->own. */
static struct batch *read_here(struct run *r, const struct todo *t, int count)
{
	if (batch_read(&r->rd, r->own, t, count) != 0) {
		snprintf(r->err, r->errlen, "%s", r->rd.err);
		batch_free(r->own);
		return NULL;
	}
	return r->own;
}

static int check_batch(struct run *r, struct batch *b, struct recheck_stats *rs, int again);

/* b's placement i changed since it was read ahead (its save found another
 * version): read it again here, under the write lock, and check it. */
static int check_again(struct run *r, const struct todo *t, struct recheck_stats *rs)
{
	struct batch *one = read_here(r, t, 1);
	if (!one)
		return -1;
	rs->reread++;
	int rc = batch_settle(r->st, one, r->defer_locked, r->err, r->errlen) == 0
			 ? check_batch(r, one, rs, 1) : -1;
	batch_free(one);
	return rc;
}

/* Re-checks the batch's touched months; saves what changed. again: b was
 * read on the writing connection (a stale version is then an error). */
static int check_batch(struct run *r, struct batch *b, struct recheck_stats *rs, int again)
{
	/* the table in force for the unit's region and year (queue order keeps a
	 * unit's placements together: looked up once per unit and year) */
	const struct policy *policy = NULL;
	int64_t policy_unit = 0;
	int policy_year = 0;
	for (int i = 0; i < b->count; i++) {
		struct placement *p = &b->p[i];
		const struct todo *t = &b->t[i];
		if (!p->id)
			continue;
		if (b->locked[i]) {
			rs->deferred++;
			if (store_recheck_defer(r->st, t->unit_id, t->year, p->id, t->mask) !=
			    STORE_OK)
				return fail(r, "defer");
			continue;
		}
		struct placement before = *p;
		if (!policy || t->unit_id != policy_unit || t->year != policy_year) {
			policy = policy_tables_for_unit(r->ctx, r->st, t->unit_id, t->year);
			policy_unit = t->unit_id;
			policy_year = t->year;
		}
		eval_run(policy, &b->facts[i], p, b->kinds[i], 0, t->mask);
		if (changed(&before, p)) {
			int rc = store_placement_save(r->st, p);
			if (rc == STORE_NOTFOUND && !again) {
				if (check_again(r, t, rs) != 0)
					return -1;
				continue; /* counted there */
			}
			if (rc != STORE_OK)
				return fail(r, "save");
			rs->changed++;
		}
		rs->placements++;
		for (unsigned m = t->mask; m; m &= m - 1)
			rs->months++;
	}
	return 0;
}

/* todo[from, to) in the transaction open, a batch at a time: read ahead when
 * a reader runs, else here. */
static int check_range(struct run *r, size_t from, size_t to, struct recheck_stats *span)
{
	int rc = 0;
	for (size_t i = from; rc == 0 && i < to; i += STORE_BATCH) {
		int count = (int)(to - i < STORE_BATCH ? to - i : STORE_BATCH);
		struct batch *b = r->ahead ? ahead_take(r->ahead, i, r->err, r->errlen)
					   : read_here(r, &r->todo[i], count);
		if (!b)
			return -1;
		rc = batch_settle(r->st, b, r->defer_locked, r->err, r->errlen);
		if (rc == 0)
			rc = check_batch(r, b, span, r->ahead == NULL);
		if (r->ahead)
			ahead_done(r->ahead, b);
		else
			batch_free(b);
	}
	return rc;
}

static void stats_add(struct recheck_stats *to, const struct recheck_stats *from)
{
	to->placements += from->placements;
	to->months += from->months;
	to->changed += from->changed;
	to->deferred += from->deferred;
	to->reread += from->reread;
}

/* todo[from, to) in one transaction; again when it deadlocked with the
 * service's writers (PostgreSQL) — read here from then on: the batches read
 * ahead for the span were used. */
static int run_span(struct run *r, size_t from, size_t to)
{
	for (int attempt = 1;; attempt++) {
		struct recheck_stats span = { 0 };
		int rc = store_begin(r->st) == STORE_OK ? 0 : fail(r, "begin");
		if (rc == 0)
			rc = check_range(r, from, to, &span);
		if (rc == 0 && store_commit(r->st) != STORE_OK)
			rc = fail(r, "commit");
		if (rc == 0) {
			stats_add(r->rs, &span);
			return 0;
		}
		int again = store_retryable(r->st) && attempt < TRIES;
		store_rollback(r->st);
		ahead_stop(r->ahead);
		r->ahead = NULL;
		if (!again)
			return -1;
	}
}

/* A run's state, or NULL with err set. */
static struct run *start(struct srv_ctx *ctx, struct store *st, struct recheck_stats *rs,
			 char *err, size_t errlen)
{
	memset(rs, 0, sizeof *rs);
	err[0] = '\0';
	if (!ctx->have_policy) {
		snprintf(err, errlen, "re-check: no policy table loaded");
		return NULL;
	}
	struct run *r = calloc(1, sizeof *r);
	struct batch *own = calloc(1, sizeof *own);
	if (!r || !own) {
		snprintf(err, errlen, "out of memory");
		free(r);
		free(own);
		return NULL;
	}
	*r = (struct run){ .ctx = ctx, .st = st, .rs = rs, .err = err, .errlen = errlen,
			   .own = own, .rd = { .ctx = ctx, .st = st } };
	return r;
}

static void finish(struct run *r)
{
	ahead_stop(r->ahead);
	free(r->todo);
	free(r->own);
	free(r);
}

int recheck_import(struct srv_ctx *ctx, struct store *st, int64_t import_id,
		   struct recheck_stats *rs, char *err, size_t errlen)
{
	int rc = -1;
	struct run *r = start(ctx, st, rs, err, errlen);
	if (!r)
		return -1;
	r->defer_locked = 1;
	if (store_recheck_each(st, import_id, take, r) != STORE_OK) {
		if (!err[0])
			fail(r, "queue");
		goto out;
	}
	/* more than a few batches: read ahead on a second connection (none in a
	 * store opened without a target: tests' in-process stores) */
	if (r->n > AHEAD_FROM && ctx->cfg.db[0])
		r->ahead = ahead_start(ctx, ctx->cfg.db, r->todo, r->n);
	store_defer(st, 1);
	for (size_t i = 0; i < r->n; i += COMMIT_EVERY)
		if (run_span(r, i, i + COMMIT_EVERY < r->n ? i + COMMIT_EVERY : r->n) != 0) {
			store_defer(st, 0);
			goto out;
		}
	store_defer(st, 0);
	ahead_stop(r->ahead);
	r->ahead = NULL;
	char id[24];
	json_t *after = json_pack("{s:i, s:i, s:i, s:i}", "placements", (int)rs->placements,
				  "months", (int)rs->months, "changed", (int)rs->changed,
				  "deferred", (int)rs->deferred);
	snprintf(id, sizeof id, "%lld", (long long)import_id);
	if (store_begin(st) != STORE_OK || store_recheck_done(st, import_id, (int64_t)time(NULL)) !=
		    STORE_OK ||
	    store_import_recheck_stats(st, import_id, rs->placements, rs->months, rs->changed) !=
		    STORE_OK ||
	    store_audit(st, 0, "cli", "import", id, "recheck", NULL, after) != STORE_OK ||
	    store_commit(st) != STORE_OK) {
		fail(r, "finish");
		store_rollback(st);
	} else {
		rc = 0;
	}
	json_decref(after);
out:
	finish(r);
	return rc;
}

int recheck_pending(struct srv_ctx *ctx, struct store *st, struct recheck_stats *total,
		    char *err, size_t errlen)
{
	int64_t id;
	struct recheck_stats rs;
	memset(total, 0, sizeof *total);
	for (;;) {
		if (store_recheck_pending(st, &id) != STORE_OK) {
			snprintf(err, errlen, "re-check: %s", store_errmsg(st));
			return -1;
		}
		if (id == 0)
			return 0;
		if (recheck_import(ctx, st, id, &rs, err, errlen) != 0)
			return -1;
		total->placements += rs.placements;
		total->months += rs.months;
		total->changed += rs.changed;
		total->deferred += rs.deferred;
		total->reread += rs.reread;
	}
}

struct deferred {
	struct run *r;
	int64_t unit_id;
	int year;
};

static int take_deferred(void *arg, int64_t placement_id, unsigned months)
{
	struct deferred *d = arg;
	return todo_add(d->r, placement_id, d->unit_id, d->year, months);
}

int recheck_deferred(struct srv_ctx *ctx, struct store *st, int64_t unit_id, int year,
		     struct recheck_stats *rs, char *err, size_t errlen)
{
	struct run *r = start(ctx, st, rs, err, errlen);
	if (!r)
		return -1;
	struct deferred d = { r, unit_id, year };
	int rc = 0;
	if (store_recheck_deferred(st, unit_id, year, take_deferred, &d) != STORE_OK)
		rc = err[0] ? -1 : fail(r, "deferred");
	if (rc == 0)
		rc = check_range(r, 0, r->n, rs);
	finish(r);
	return rc;
}
