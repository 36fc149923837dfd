/* recheck — see recheck.h. */
#include "server/recheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/eval.h"
#include "server/policy_tables.h"
#include "server/records.h"
#include "server/store.h"

#define BATCH 500

struct run {
	struct srv_ctx *ctx;
	struct store *st;
	int64_t current;        /* the placement whose months are being collected */
	int64_t current_unit;   /* …its unit and year */
	int current_year;
	unsigned mask;          /* its touched months (bit = month number) */
	int in_batch;
	struct unit_ref unit;   /* the last unit loaded (placements come grouped by id) */
	struct eval_facts *facts;
	struct recheck_stats *rs;
	char *err;
	size_t errlen;
};

static int fail(struct run *r, const char *what)
{
	snprintf(r->err, r->errlen, "re-check: %s: %s", what, store_errmsg(r->st));
	return -1;
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

/* Re-checks months (bits) of one placement; a placement deleted meanwhile
 * has nothing left to check. */
static int recheck_one(struct run *r, int64_t placement_id, unsigned mask)
{
	struct placement p;
	unsigned have;
	char err[160];
	int rc = store_placement_load(r->st, placement_id, &p);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != STORE_OK)
		return fail(r, "load");
	rc = -1;
	if (p.unit_id != r->unit.id && store_unit_ref_by_id(r->st, p.unit_id, &r->unit) != STORE_OK) {
		fail(r, "unit");
		goto out;
	}
	if (eval_facts_from_placement(r->ctx, &p, r->unit.wage_area_class, r->facts, err,
				      sizeof err) != 0) {
		snprintf(r->err, r->errlen, "re-check of placement %lld: %s", (long long)p.id, err);
		goto out;
	}
	if (eval_facts_load(r->st, &p, r->facts) != 0 ||
	    store_material_kinds(r->st, p.id, &have) != STORE_OK) {
		fail(r, "facts");
		goto out;
	}
	struct placement before = p;
	eval_run(policy_tables_in_force(r->ctx, r->st, r->unit.federation_region, p.year), r->facts, &p,
		 have, 0, mask);
	r->rs->placements++;
	for (unsigned m = mask; m; m &= m - 1)
		r->rs->months++;
	if (changed(&before, &p)) {
		r->rs->changed++;
		if (store_placement_save(r->st, &p) != STORE_OK) {
			fail(r, "save");
			goto out;
		}
	}
	rc = 0;
out:
	placement_free(&p);
	return rc;
}

/* The collected months of r->current: re-checked, or deferred while the
 * declaration locks its list (frozen). */
static int finish_one(struct run *r)
{
	struct year_row y;
	if (!r->current)
		return 0;
	int64_t id = r->current;
	unsigned mask = r->mask;
	r->current = 0;
	r->mask = 0;
	if (store_year_get(r->st, r->current_unit, r->current_year, &y) != STORE_OK)
		return fail(r, "declaration");
	if (!wire_declaration_locks_list(y.status))
		return recheck_one(r, id, mask);
	r->rs->deferred++;
	if (store_recheck_defer(r->st, r->current_unit, r->current_year, id, mask) != STORE_OK)
		return fail(r, "defer");
	return 0;
}

/* One (placement, month) from the queue, in placement order. */
static int take(void *arg, int64_t placement_id, int ym, int64_t unit_id, int year)
{
	struct run *r = arg;
	if (placement_id != r->current) {
		if (finish_one(r) != 0)
			return -1;
		if (++r->in_batch >= BATCH) {
			if (store_commit(r->st) != STORE_OK || store_begin(r->st) != STORE_OK)
				return fail(r, "commit");
			r->in_batch = 0;
		}
		r->current = placement_id;
		r->current_unit = unit_id;
		r->current_year = year;
	}
	r->mask |= 1u << (ym % 100);
	return 0;
}

static int start(struct run *r, struct srv_ctx *ctx, struct store *st, struct recheck_stats *rs,
		 char *err, size_t errlen)
{
	*r = (struct run){ .ctx = ctx, .st = st, .rs = rs, .err = err, .errlen = errlen };
	memset(rs, 0, sizeof *rs);
	err[0] = '\0';
	if (!ctx->have_policy) {
		snprintf(err, errlen, "re-check: no policy table loaded");
		return -1;
	}
	r->facts = malloc(sizeof *r->facts);
	if (!r->facts) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int recheck_import(struct srv_ctx *ctx, struct store *st, int64_t import_id,
		   struct recheck_stats *rs, char *err, size_t errlen)
{
	struct run r;
	if (start(&r, ctx, st, rs, err, errlen) != 0)
		return -1;
	int rc = store_begin(st) == STORE_OK ? 0 : fail(&r, "begin");
	if (rc == 0 && store_recheck_each(st, import_id, take, &r) != STORE_OK)
		rc = err[0] ? -1 : fail(&r, "queue");
	if (rc == 0)
		rc = finish_one(&r);
	if (rc == 0) {
		char id[24];
		json_t *after = json_pack("{s:i, s:i, s:i, s:i}", "placements", (int)rs->placements,
					  "months", (int)rs->months, "changed", (int)rs->changed,
					  "deferred", (int)rs->deferred);
		snprintf(id, sizeof id, "%lld", (long long)import_id);
		if (store_recheck_done(st, import_id, (int64_t)time(NULL)) != STORE_OK ||
		    store_import_recheck_stats(st, import_id, rs->placements, rs->months,
					       rs->changed) != STORE_OK ||
		    store_audit(st, 0, "cli", "import", id, "recheck", NULL, after) != STORE_OK ||
		    store_commit(st) != STORE_OK)
			rc = fail(&r, "finish");
		json_decref(after);
	}
	if (rc != 0)
		store_rollback(st);
	free(r.facts);
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

static int take_deferred(void *arg, int64_t placement_id, unsigned months)
{
	return recheck_one(arg, placement_id, months);
}

int recheck_deferred(struct srv_ctx *ctx, struct store *st, int64_t unit_id, int year,
		     struct recheck_stats *rs, char *err, size_t errlen)
{
	struct run r;
	if (start(&r, ctx, st, rs, err, errlen) != 0)
		return -1;
	int rc = 0;
	if (store_recheck_deferred(st, unit_id, year, take_deferred, &r) != STORE_OK)
		rc = err[0] ? -1 : fail(&r, "deferred");
	free(r.facts);
	return rc;
}
