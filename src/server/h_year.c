/* h_year — the unit's declaration for a business year (年审申报): its totals,
 * 完成申报 (submit: every person confirmed) and 年审申报撤回 (withdraw before the
 * federation acts). A submitted declaration locks the placement list. */
#include <stdio.h>

#include "core/count.h"
#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/store.h"

/* YEAR: the declaration (or an open one) with the totals kept beside it. */
static json_t *year_json(struct srv_req *rq, const struct unit_ref *u, int year)
{
	char persons[32] = "0.00";
	struct year_row y;
	if (store_year_get(rq->st, u->id, year, &y) != STORE_OK)
		return NULL;
	if (rq->ctx->have_policy)
		count_format_persons(&rq->ctx->policy, count_placed_persons((long)y.months_counted),
				     persons, sizeof persons);
	return json_pack("{s:s, s:i, s:s, s:I, s:I, s:s, s:o, s:o, s:o, s:I}", "uscc", u->uscc,
			 "year", year, "status", wire_declaration_word(y.status), "months_confirmed",
			 (json_int_t)y.months_confirmed, "months_counted",
			 (json_int_t)y.months_counted, "placed_persons", persons, "submitted_at",
			 y.submitted_at[0] ? json_string(y.submitted_at) : json_null(),
			 "reviewed_at", y.reviewed_at[0] ? json_string(y.reviewed_at) : json_null(),
			 "review_reason",
			 y.review_reason[0] ? json_string(y.review_reason) : json_null(), "version",
			 (json_int_t)y.version);
}

static void reply_year(struct srv_reply *rp, json_t *y)
{
	if (!y) {
		srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
		return;
	}
	srv_etag(rp, json_integer_value(json_object_get(y, "version")));
	srv_json(rp, 200, y);
}

void h_year_get(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	struct unit_ref u;
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0)
		return;
	reply_year(rp, year_json(rq, &u, year));
}

/* Persons on the list not yet confirmed (counted, not scanned). */
static int64_t unconfirmed(struct srv_req *rq, int64_t unit_id, int year)
{
	struct status_counts c;
	int64_t n = 0;
	if (store_unit_counts(rq->st, unit_id, year, &c) != STORE_OK)
		return -1;
	for (int k = 0; k < SK__COUNT; k++)
		if (k != SK_CONFIRMED_SYSTEM && k != SK_CONFIRMED_MANUAL)
			n += c.n[k];
	return n;
}

/* Moves the declaration from one status to another, recording the change. */
static void transition(struct srv_req *rq, struct srv_reply *rp, enum declaration_status from,
		       enum declaration_status to, const char *action)
{
	int year;
	char now[20], id[128];
	struct unit_ref u;
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0)
		return;
	json_t *before = year_json(rq, &u, year), *after = NULL;
	if (!before) {
		reply_year(rp, NULL);
		return;
	}
	const char *status = json_string_value(json_object_get(before, "status"));
	if (wire_declaration_parse(status) != from) {
		srv_problem(rp, 409, "conflict", NULL, "the declaration is %s, not %s", status,
			    wire_declaration_word(from));
		goto out;
	}
	int submit = to == DECLARATION_SUBMITTED;
	int64_t waiting = submit ? unconfirmed(rq, u.id, year) : 0;
	if (waiting != 0) {
		if (waiting < 0)
			srv_problem(rp, 500, "internal", NULL, "could not count the list");
		else
			srv_problem(rp, 409, "conflict", NULL,
				    "%lld person(s) not yet confirmed: confirm or delete them first",
				    (long long)waiting);
		goto out;
	}
	eval_now(now);
	if (store_year_set_status(rq->st, u.id, year, to, submit ? now : NULL, NULL, NULL) !=
	    STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not save the declaration");
		goto out;
	}
	after = year_json(rq, &u, year);
	snprintf(id, sizeof id, "%.96s/%d", rq->params[0], year);
	if (after && access_audit(rq, rp, "declaration", id, action, before, after) == 0)
		reply_year(rp, json_incref(after));
	else if (!after)
		reply_year(rp, NULL);
out:
	json_decref(after);
	json_decref(before);
}

void h_year_submit(struct srv_req *rq, struct srv_reply *rp)
{
	transition(rq, rp, DECLARATION_OPEN, DECLARATION_SUBMITTED, "submit");
}

void h_year_withdraw(struct srv_req *rq, struct srv_reply *rp)
{
	transition(rq, rp, DECLARATION_SUBMITTED, DECLARATION_OPEN, "withdraw");
}
