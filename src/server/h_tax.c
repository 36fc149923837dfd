/* h_tax — 发送税务: a passed declaration goes to the tax bureau as a tax
 * record (USCC, year, 在职职工人数, placed persons, the levy due as the core
 * computes it with its steps, the wage figures it used), and the records of
 * a region and year for the tax bureau (税务查询, `anzhi tax export`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/decl.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/policy_tables.h"
#include "server/taxrec.h"

/* The tax record of the declaration as it stands (decl_take's effect). */
static int make_record(struct srv_req *rq, struct srv_reply *rp, struct decl *d, void *arg)
{
	struct tax_row *t = arg;
	struct unit_figures f;
	struct core_error ce;
	if (store_unit_figures(rq->st, d->unit.id, &f) != STORE_OK)
		return srv_problem(rp, 500, "internal", NULL, "could not read the unit"), -1;
	if (!rq->ctx->have_policy ||
	    !taxrec_make(policy_tables_for_unit(rq->ctx, rq->st, d->unit.id, d->year), &f, d->year, d->y.months_confirmed, d->y.months_counted,
			 t, &ce))
		return srv_problem(rp, 409, "conflict", NULL, "the levy cannot be computed: %s",
				   rq->ctx->have_policy ? ce.msg : "no policy table"), -1;
	snprintf(t->sent_at, sizeof t->sent_at, "%s", d->now);
	snprintf(t->sent_by, sizeof t->sent_by, "%s", rq->user.username);
	if (store_tax_add(rq->st, t, &d->unit) != STORE_OK)
		return srv_problem(rp, 500, "internal", NULL, "could not record the tax record"), -1;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	json_t *after = taxrec_json(t);
	int rc = access_audit(rq, rp, "tax_record", id, "create", NULL, after);
	json_decref(after);
	return rc;
}

void h_year_send_to_tax(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	struct unit_ref u;
	struct decl d;
	struct tax_row *t = calloc(1, sizeof *t);
	if (!t) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return;
	}
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0 ||
	    decl_load(rq, rp, &u, year, NULL, &d) != 0)
		goto out;
	if (rq->has_if_match && access_if_match(rq, rp, d.y.version) != 0)
		goto out;
	if (decl_take(rq, rp, &d, DECL_SEND_TO_TAX, make_record, t) == 0)
		srv_json(rp, 201, taxrec_json(t));
out:
	free(t);
}

/* ------------------------------------------------------------------ list */

struct page {
	struct jw *w;
};

static int write_record(void *arg, const struct tax_row *t)
{
	struct page *pg = arg;
	json_t *o = taxrec_json(t);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!text)
		return -1;
	jw_raw(pg->w, text);
	free(text);
	return 0;
}

void h_tax_list(struct srv_req *rq, struct srv_reply *rp)
{
	char at[20];
	int64_t next = 0;
	struct tax_query q = { 0 };
	if (listing_year(rq, rp, &q.year) != 0 ||
	    listing_region(rq, rp, &q.region, &q.region_column) != 0 ||
	    listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	struct jw w;
	struct page pg = { &w };
	jw_init(&w);
	jw_object(&w);
	jw_kint(&w, "year", q.year);
	jw_kstr(&w, "region", q.region);
	jw_key(&w, "items");
	jw_array(&w);
	int ok = store_tax_page(rq->st, &q, write_record, &pg, &next) == STORE_OK;
	jw_end(&w);
	listing_cursor_member(&w, NULL, next);
	jw_end(&w);
	listing_reply(rp, &w, ok, "tax records");
}
