/* h_years — the business years (业务年度): the list with each filing
 * deadline and the days left, the administrator opening a year and setting
 * its deadline, and federation staff reopening one unit's filing after the
 * deadline (filing.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "server/access.h"
#include "server/eval.h"
#include "server/filing.h"
#include "server/handlers.h"
#include "server/store.h"
#include "wire/wire.h"

#define YEARS_MAX 200

/* BUSINESS_YEAR {"year","open","deadline","days_left","version"} */
static json_t *year_json(const struct business_year *y)
{
	json_t *o = json_pack("{s:i, s:b, s:o, s:o, s:I}", "year", y->year, "open", y->open,
			      "deadline", y->deadline[0] ? json_string(y->deadline) : json_null(),
			      "days_left",
			      y->deadline[0] ? json_integer(filing_days_left(y->deadline))
					     : json_null(),
			      "version", (json_int_t)y->version);
	return o;
}

void h_years_list(struct srv_req *rq, struct srv_reply *rp)
{
	struct business_year *ys = calloc(YEARS_MAX, sizeof *ys);
	int n = 0;
	if (!ys || store_business_years(rq->st, ys, YEARS_MAX, &n) != STORE_OK) {
		free(ys);
		srv_problem(rp, 500, "internal", NULL, "could not read the business years");
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, year_json(&ys[i]));
	free(ys);
	srv_json(rp, 200, json_pack("{s:o, s:i}", "items", items, "current", rq->ctx->cfg.year));
}

/* PUT /years/{year} {"open":true,"deadline":"YYYY-MM-DD"|null}: creates the
 * year (no If-Match needed) or changes it (If-Match: its version). */
void h_business_year_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct business_year y, before;
	struct ymd d;
	int year;
	char id[16];
	if (access_year(rp, rq->params[0], &year) != 0)
		return;
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"open\",\"deadline\"}");
		return;
	}
	json_t *open = json_object_get(rq->body, "open");
	json_t *deadline = json_object_get(rq->body, "deadline");
	if (!open) {
		srv_problem(rp, 422, "missing_field", "open", "open is required");
		return;
	}
	if (!json_is_boolean(open)) {
		srv_problem(rp, 422, "invalid_field", "open", "true or false");
		return;
	}
	if (deadline && !json_is_null(deadline) &&
	    (!json_is_string(deadline) ||
	     !date_parse(json_string_value(deadline), "deadline", &d, NULL))) {
		srv_problem(rp, 422, "invalid_field", "deadline", "a date YYYY-MM-DD or null");
		return;
	}
	if (json_is_string(deadline) && (d.y < year || d.y > year + 2)) {
		srv_problem(rp, 422, "invalid_field", "deadline",
			    "a deadline for %d falls in %d to %d", year, year, year + 2);
		return;
	}
	int rc = store_business_year_get(rq->st, year, &before);
	if (rc == STORE_ERROR) {
		srv_problem(rp, 500, "internal", NULL, "could not read the business year");
		return;
	}
	int exists = rc == STORE_OK;
	if (exists && access_if_match(rq, rp, before.version) != 0)
		return;
	memset(&y, 0, sizeof y);
	y.year = year;
	y.open = json_is_true(open);
	y.version = exists ? before.version : 0;
	if (json_is_string(deadline))
		snprintf(y.deadline, sizeof y.deadline, "%s", json_string_value(deadline));
	rc = store_business_year_put(rq->st, &y);
	if (rc != STORE_OK) {
		if (rc == STORE_ERROR)
			srv_problem(rp, 500, "internal", NULL, "could not save the business year");
		else
			srv_problem(rp, 412, "precondition_failed", NULL, "the year changed: reload it");
		return;
	}
	y.version = exists ? before.version + 1 : 1;
	json_t *after = year_json(&y), *was = exists ? year_json(&before) : NULL;
	snprintf(id, sizeof id, "%d", year);
	int rc2 = access_audit(rq, rp, "business_year", id, exists ? "update" : "create", was, after);
	json_decref(was);
	if (rc2 != 0) {
		json_decref(after);
		return;
	}
	srv_etag(rp, y.version);
	srv_json(rp, 200, after);
}

/* POST /units/{uscc}/years/{year}/reopen-filing: past the deadline, the
 * federation lets one unit submit after all (the unit is told by a notice). */
void h_year_reopen_filing(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct business_year by;
	struct year_row yr;
	int year;
	char now[20], id[128], title[160], text[400];
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0)
		return;
	int rc = store_business_year_get(rq->st, year, &by);
	if (rc == STORE_ERROR || store_year_get(rq->st, u.id, year, &yr) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the business year");
		return;
	}
	if (rc == STORE_NOTFOUND || !by.deadline[0] || filing_days_left(by.deadline) >= 0) {
		srv_problem(rp, 409, "conflict", NULL,
			    "filing for %d is not past its deadline: nothing to reopen", year);
		return;
	}
	/* the two statuses 完成申报 leaves from (decl_fsm.c) */
	if (yr.status != DECLARATION_OPEN && yr.status != DECLARATION_FAILED) {
		srv_problem(rp, 409, "conflict", NULL, "the declaration is %s: nothing to submit",
			    wire_declaration_word(yr.status));
		return;
	}
	eval_now(now);
	snprintf(id, sizeof id, "%.96s/%d", u.uscc, year);
	snprintf(title, sizeof title, "%d年度申报已重新开放", year);
	snprintf(text, sizeof text,
		 "申报截止日期(%s)已过，残联已为贵单位重新开放%d年度申报，请尽快完成申报。",
		 by.deadline, year);
	json_t *after = json_pack("{s:s, s:i, s:s, s:s}", "uscc", u.uscc, "year", year,
				  "reopened_at", now, "reopened_by", rq->user.username);
	if (store_filing_reopen(rq->st, u.id, year, now, rq->user.id) != STORE_OK ||
	    store_notice_add(rq->st, u.uscc, title, text, now, NULL) != STORE_OK) {
		json_decref(after);
		srv_problem(rp, 500, "internal", NULL, "could not reopen the filing");
		return;
	}
	if (access_audit(rq, rp, "declaration", id, "reopen_filing", NULL, after) != 0) {
		json_decref(after);
		return;
	}
	json_object_set_new(after, "deadline", json_string(by.deadline));
	json_object_set_new(after, "days_left", json_integer(filing_days_left(by.deadline)));
	json_object_set_new(after, "filing_reopened", json_true());
	srv_json(rp, 200, after);
}
