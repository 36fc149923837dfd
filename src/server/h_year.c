/* h_year — the unit's declaration for a business year (年审申报): its totals,
 * 完成申报 (submit: every person confirmed) and 年审申报撤回 (withdraw before the
 * federation acts). A submitted declaration locks the placement list. */
#include <stdio.h>
#include <string.h>

#include "core/count.h"
#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/store.h"
#include "wire/enums.h"

/* YEAR: the stored declaration (or an open one) with totals over placements. */
static json_t *year_json(struct srv_req *rq, const char *uscc, int year)
{
	char persons[32] = "0.00";
	json_t *decl = store_year_get(rq->st, uscc, year);
	json_t *list = store_placement_list(rq->st, uscc, year);
	long confirmed = 0, counted = 0;
	size_t i;
	json_t *p;
	json_array_foreach(list, i, p) {
		confirmed += (long)json_integer_value(json_object_get(p, "months_confirmed"));
		counted += (long)json_integer_value(json_object_get(p, "months_counted"));
	}
	json_decref(list);
	if (rq->ctx->have_policy)
		count_format_persons(&rq->ctx->policy, count_placed_persons(counted), persons,
				     sizeof persons);
	json_t *y = json_pack("{s:s, s:i, s:s, s:i, s:i, s:s, s:n, s:n, s:n, s:i}", "uscc", uscc,
			      "year", year, "status", wire_declaration_word(DECLARATION_OPEN), "months_confirmed", (int)confirmed,
			      "months_counted", (int)counted, "placed_persons", persons,
			      "submitted_at", "reviewed_at", "review_reason", "version", 0);
	if (decl) {
		static const char *const keys[] = { "status", "submitted_at", "reviewed_at",
						    "review_reason", "version" };
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			json_t *v = json_object_get(decl, keys[k]);
			if (v)
				json_object_set(y, keys[k], v);
		}
		json_decref(decl);
	}
	return y;
}

static void reply_year(struct srv_reply *rp, json_t *y)
{
	srv_etag(rp, json_integer_value(json_object_get(y, "version")));
	srv_json(rp, 200, y);
}

void h_year_get(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	json_t *unit = access_unit(rq, rp, rq->params[0]);
	if (!unit)
		return;
	json_decref(unit);
	if (access_year(rp, rq->params[1], &year) != 0)
		return;
	reply_year(rp, year_json(rq, rq->params[0], year));
}

/* Moves the declaration from one status to another, recording the change. */
static void transition(struct srv_req *rq, struct srv_reply *rp, enum declaration_status from_s,
		       enum declaration_status to_s, const char *action)
{
	const char *from = wire_declaration_word(from_s), *to = wire_declaration_word(to_s);
	int year;
	char now[20];
	json_t *unit = access_unit(rq, rp, rq->params[0]);
	if (!unit)
		return;
	json_decref(unit);
	if (access_year(rp, rq->params[1], &year) != 0)
		return;
	json_t *before = year_json(rq, rq->params[0], year);
	const char *status = json_string_value(json_object_get(before, "status"));
	if (strcmp(status, from) != 0) {
		srv_problem(rp, 409, "conflict", NULL, "the declaration is %s, not %s", status, from);
		json_decref(before);
		return;
	}
	if (to_s == DECLARATION_SUBMITTED) {
		json_t *list = store_placement_list(rq->st, rq->params[0], year);
		size_t i, waiting = 0;
		json_t *p;
		json_array_foreach(list, i, p)
			waiting += wire_placement_status_parse(json_string_value(json_object_get(p, "status")))
				   != PLACEMENT_CONFIRMED;
		json_decref(list);
		if (waiting > 0) {
			srv_problem(rp, 409, "conflict", NULL,
				    "%zu person(s) not yet confirmed: confirm or delete them first",
				    waiting);
			json_decref(before);
			return;
		}
	}
	eval_now(now);
	json_t *decl = json_pack("{s:s, s:o, s:n, s:n}", "status", to, "submitted_at",
				 to_s == DECLARATION_SUBMITTED ? json_string(now) : json_null(),
				 "reviewed_at", "review_reason");
	int rc = store_year_put(rq->st, rq->params[0], year, decl);
	json_decref(decl);
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not save the declaration");
		json_decref(before);
		return;
	}
	json_t *after = year_json(rq, rq->params[0], year);
	char id[128];
	snprintf(id, sizeof id, "%.96s/%d", rq->params[0], year);
	if (access_audit(rq, rp, "declaration", id, action, before, after) == 0)
		reply_year(rp, json_incref(after));
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
