/* recheck — see recheck.h. Placements are read STORE_BATCH at a time (one
 * statement per kind of row for the whole batch: store_batch.c), checked,
 * and saved one by one when anything changed; those of a locked list are
 * deferred instead (read after their rows are locked: a declaration changing
 * status waits for the batch, or the batch for it). */
#include "server/recheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "server/eval.h"
#include "server/policy_tables.h"
#include "server/records.h"
#include "server/store.h"

#define COMMIT_EVERY (8 * STORE_BATCH) /* placements per transaction */
#define TRIES 4                         /* a batch that deadlocked runs again */

/* A placement to re-check, its unit and year, and its touched months (bit =
 * month number). */
struct todo {
	int64_t id, unit_id;
	int year;
	unsigned mask;
};

struct run {
	struct srv_ctx *ctx;
	struct store *st;
	struct todo *todo;
	size_t n, cap;
	struct recheck_stats *rs;
	char *err;
	size_t errlen;
	int defer_locked;          /* an import's re-check: locked lists wait */
	/* the batch in hand */
	struct placement p[STORE_BATCH];
	int area[STORE_BATCH];
	unsigned kinds[STORE_BATCH];
	unsigned char locked[STORE_BATCH]; /* deferred, not checked */
	const char *idno[STORE_BATCH];
	int by_idno[STORE_BATCH];  /* batch positions in ID number order */
	int nby;
	char last[24];             /* the ID number the rows were last about… */
	int last_first, last_n;    /* …and where it is in by_idno */
	int count;
	struct eval_facts *facts; /* STORE_BATCH of them */
	/* import labels, looked up once per run */
	struct { int64_t id; char label[48]; } labels[16];
	int nlabels;
	int failed;
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

/* The label of an import into f (as eval_facts_load gives it), from the
 * run's own list. */
static void facts_label(struct run *r, struct eval_facts *f, int64_t import_id)
{
	int n = (int)(sizeof f->labels / sizeof f->labels[0]), i, j;
	for (i = 0; i < f->n_labels; i++)
		if (f->labels[i].id == import_id)
			return;
	if (f->n_labels >= n)
		return;
	for (j = 0; j < r->nlabels && r->labels[j].id != import_id; j++)
		;
	if (j == r->nlabels) {
		int rc = store_import_label(r->st, import_id, r->labels[j % 16].label,
					    sizeof r->labels[0].label);
		if (rc == STORE_ERROR)
			r->failed = 1;
		if (rc != STORE_OK)
			return;
		j %= 16;
		r->labels[j].id = import_id;
		if (r->nlabels < 16)
			r->nlabels++;
	}
	f->labels[f->n_labels].id = import_id;
	memcpy(f->labels[f->n_labels++].label, r->labels[j].label, sizeof r->labels[j].label);
}

/* by_idno: the batch's positions sorted by ID number (insertion: 64 at most). */
static void index_idnos(struct run *r)
{
	r->nby = 0;
	for (int i = 0; i < r->count; i++) {
		if (!r->idno[i])
			continue;
		int k = r->nby++;
		while (k > 0 && strcmp(r->idno[r->by_idno[k - 1]], r->idno[i]) > 0) {
			r->by_idno[k] = r->by_idno[k - 1];
			k--;
		}
		r->by_idno[k] = i;
	}
	r->last[0] = '\0';
	r->last_n = 0;
}

/* The batch's placements of this person (rows come grouped by person, so
 * mostly the last answer again): *first in by_idno, and how many. */
static int find_idno(struct run *r, const char *idno, int *first)
{
	if (strcmp(idno, r->last) != 0) {
		int lo = 0, hi = r->nby;
		while (lo < hi) { /* the first position not below idno */
			int mid = (lo + hi) / 2;
			if (strcmp(r->idno[r->by_idno[mid]], idno) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		int n = 0;
		while (lo + n < r->nby && strcmp(r->idno[r->by_idno[lo + n]], idno) == 0)
			n++;
		snprintf(r->last, sizeof r->last, "%s", idno);
		r->last_first = lo;
		r->last_n = n;
	}
	*first = r->last_first;
	return r->last_n;
}

static void on_payment(void *arg, const char *idno, const struct registry_payment *pay)
{
	struct run *r = arg;
	int first, n = find_idno(r, idno, &first);
	for (int k = first; k < first + n; k++) {
		struct eval_facts *f = &r->facts[r->by_idno[k]];
		eval_facts_add_payment(f, pay->source, pay->ym, pay->payer, pay->fen, pay->import_id);
		facts_label(r, f, pay->import_id);
	}
}

/* A month this person has confirmed: elsewhere for the placements of
 * other units. */
static void on_confirmed(void *arg, const char *idno, int64_t unit_id, int ym)
{
	struct run *r = arg;
	int first, n = find_idno(r, idno, &first);
	for (int k = first; k < first + n; k++) {
		int i = r->by_idno[k];
		struct eval_facts *f = &r->facts[i];
		if (r->p[i].unit_id != unit_id && f->n_elsewhere < EVAL_MAX_ROWS)
			f->elsewhere[f->n_elsewhere++] = ym_make(ym / 100, ym % 100);
	}
}

/* Reads the batch's placements and their facts. */
static int load_batch(struct run *r, const struct todo *t, int count)
{
	int64_t ids[STORE_BATCH] = { 0 };
	char why[160];
	r->count = count;
	for (int i = 0; i < count; i++)
		ids[i] = t[i].id;
	if (store_placements_load_many(r->st, ids, count, r->p, r->area) != STORE_OK)
		return fail(r, "load");
	if (!r->defer_locked)
		memset(r->locked, 0, sizeof r->locked);
	else if (store_lists_locked_many(r->st, ids, count, r->locked) != STORE_OK)
		return fail(r, "declaration");
	int year = 0;
	for (int i = 0; i < count; i++) {
		r->idno[i] = NULL;
		if (!r->p[i].id || r->locked[i])
			continue; /* deleted since the import, or deferred */
		if (eval_facts_from_placement(r->ctx, &r->p[i], r->area[i], &r->facts[i], why,
					      sizeof why) != 0) {
			snprintf(r->err, r->errlen, "re-check of placement %lld: %s",
				 (long long)r->p[i].id, why);
			return -1;
		}
		r->idno[i] = json_string_value(json_object_get(r->p[i].person, "idno"));
		year = r->p[i].year; /* one import: one business year */
	}
	if (!year)
		return 0;
	const char *idnos[STORE_BATCH];
	int n = 0;
	for (int i = 0; i < count; i++)
		if (r->idno[i])
			idnos[n++] = r->idno[i];
	index_idnos(r);
	r->failed = 0;
	if (store_payments_many(r->st, idnos, n, year * 100 + 1, year * 100 + 12, on_payment, r) !=
		    STORE_OK ||
	    r->failed || store_confirmed_many(r->st, idnos, n, year, on_confirmed, r) != STORE_OK ||
	    store_material_kinds_many(r->st, ids, count, r->kinds) != STORE_OK)
		return fail(r, "facts");
	return 0;
}

/* Re-checks the batch's touched months; saves what changed. */
static int check_batch(struct run *r, const struct todo *t, struct recheck_stats *rs)
{
	/* the table in force for the unit's region and year (queue order keeps a
	 * unit's placements together: looked up once per unit and year) */
	const struct policy *policy = NULL;
	int64_t policy_unit = 0;
	int policy_year = 0;
	for (int i = 0; i < r->count; i++) {
		struct placement *p = &r->p[i];
		if (!p->id)
			continue;
		if (r->locked[i]) {
			rs->deferred++;
			if (store_recheck_defer(r->st, t[i].unit_id, t[i].year, p->id, t[i].mask) !=
			    STORE_OK)
				return fail(r, "defer");
			continue;
		}
		struct placement before = *p;
		if (!policy || t[i].unit_id != policy_unit || t[i].year != policy_year) {
			policy = policy_tables_for_unit(r->ctx, r->st, t[i].unit_id, t[i].year);
			policy_unit = t[i].unit_id;
			policy_year = t[i].year;
		}
		eval_run(policy, &r->facts[i], p, r->kinds[i], 0, t[i].mask);
		rs->placements++;
		for (unsigned m = t[i].mask; m; m &= m - 1)
			rs->months++;
		if (changed(&before, p)) {
			rs->changed++;
			if (store_placement_save(r->st, p) != STORE_OK)
				return fail(r, "save");
		}
	}
	return 0;
}

static void free_batch(struct run *r)
{
	for (int i = 0; i < r->count; i++)
		placement_free(&r->p[i]);
	r->count = 0;
}

/* todo[from, to) in the transaction open, a batch at a time. */
static int check_range(struct run *r, size_t from, size_t to, struct recheck_stats *span)
{
	int rc = 0;
	for (size_t i = from; rc == 0 && i < to; i += STORE_BATCH) {
		int count = (int)(to - i < STORE_BATCH ? to - i : STORE_BATCH);
		rc = load_batch(r, &r->todo[i], count);
		if (rc == 0)
			rc = check_batch(r, &r->todo[i], span);
		free_batch(r);
	}
	return rc;
}

static void stats_add(struct recheck_stats *to, const struct recheck_stats *from)
{
	to->placements += from->placements;
	to->months += from->months;
	to->changed += from->changed;
	to->deferred += from->deferred;
}

/* todo[from, to) in one transaction; again when it deadlocked with the
 * service's writers (PostgreSQL). */
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
	struct eval_facts *facts = malloc(STORE_BATCH * sizeof *facts);
	if (!r || !facts) {
		snprintf(err, errlen, "out of memory");
		free(r);
		free(facts);
		return NULL;
	}
	*r = (struct run){ .ctx = ctx, .st = st, .rs = rs, .err = err, .errlen = errlen,
			   .facts = facts };
	return r;
}

static void finish(struct run *r)
{
	free(r->todo);
	free(r->facts);
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
	store_defer(st, 1);
	for (size_t i = 0; i < r->n; i += COMMIT_EVERY)
		if (run_span(r, i, i + COMMIT_EVERY < r->n ? i + COMMIT_EVERY : r->n) != 0) {
			store_defer(st, 0);
			goto out;
		}
	store_defer(st, 0);
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
