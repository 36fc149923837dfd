/* h_review — the federation's side of a placement (SPEC §5.2): the queue of
 * placements awaiting review in the reviewer's region, and per-month
 * decisions 有效 / 无效 (+ reason). When no month is left undecided the unit
 * gets the notice 安置人员“X”资料审核完成通知 listing the valid months. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/placement.h"
#include "server/store.h"
#include "wire/wire.h"

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

void h_review_queue(struct srv_req *rq, struct srv_reply *rp)
{
	const char *ys = srv_query(rq, "year");
	int year = ys && *ys ? atoi(ys) : rq->ctx->cfg.year;
	if (year < 2000 || year > 2100) {
		srv_problem(rp, 422, "invalid_field", "year", "year is 2000–2100");
		return;
	}
	json_t *units = store_unit_list(rq->st), *items = json_array();
	size_t i, j;
	json_t *u, *p;
	json_array_foreach(units, i, u) {
		if (!access_unit_visible(rq, u))
			continue;
		json_t *list = store_placement_list(rq->st, sget(u, "uscc"), year);
		json_array_foreach(list, j, p) {
			if (strncmp(sget(p, "status"), "pending", 7) != 0)
				continue;
			json_t *it = eval_placement_item(p);
			json_object_set_new(it, "uscc", json_string(sget(u, "uscc")));
			json_object_set_new(it, "unit_name", json_string(sget(u, "name")));
			json_array_append_new(items, it);
		}
		json_decref(list);
	}
	json_decref(units);
	srv_json(rp, 200, json_pack("{s:i, s:I, s:o}", "year", year, "total",
				    (json_int_t)json_array_size(items), "items", items));
}

static json_t *find_month(json_t *p, const char *month)
{
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(p, "months"), i, m)
		if (strcmp(sget(m, "month"), month) == 0)
			return m;
	return NULL;
}

/* Checks the whole body first: the store is untouched when any entry is bad. */
static int validate(struct srv_req *rq, struct srv_reply *rp, json_t *p)
{
	json_t *arr = json_is_object(rq->body) ? json_object_get(rq->body, "months") : NULL;
	static const char *const results[] = { "valid", "invalid", NULL };
	size_t i;
	json_t *d;
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL,
			    "send {\"months\":[{\"month\",\"result\",\"reason\"}]}");
		return -1;
	}
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		srv_problem(rp, 422, arr ? "invalid_field" : "missing_field", "months",
			    "a non-empty array of decisions");
		return -1;
	}
	json_array_foreach(arr, i, d) {
		char f[48];
		const char *reason = sget(d, "reason");
		snprintf(f, sizeof f, "months[%zu].month", i);
		if (!find_month(p, sget(d, "month"))) {
			srv_problem(rp, 422, "invalid_field", f, "not a registered month");
			return -1;
		}
		snprintf(f, sizeof f, "months[%zu].result", i);
		if (!wire_enum_ok(results, sget(d, "result"))) {
			srv_problem(rp, 422, "invalid_field", f, "expected valid or invalid");
			return -1;
		}
		snprintf(f, sizeof f, "months[%zu].reason", i);
		if (strcmp(sget(d, "result"), "invalid") == 0 && !*reason) {
			srv_problem(rp, 422, "missing_field", f, "say why the month is invalid");
			return -1;
		}
		if (strlen(reason) > WIRE_TEXT_MAX) {
			srv_problem(rp, 422, "invalid_field", f, "too long");
			return -1;
		}
		const json_t *r = json_object_get(d, "reason");
		if (r && !json_is_null(r) &&
		    (!json_is_string(r) || !wire_text_ok(reason, json_string_length(r)))) {
			srv_problem(rp, 422, "invalid_field", f,
				    "text without control characters or bidi overrides");
			return -1;
		}
	}
	return 0;
}

/* 安置人员“施嵘”资料审核完成通知 once every registered month is decided. */
static int notify_if_done(struct srv_req *rq, struct srv_reply *rp, json_t *p)
{
	char title[200], body[600] = "", now[20];
	size_t i, n = 0;
	json_t *m;
	json_array_foreach(json_object_get(p, "months"), i, m) {
		const char *r = sget(m, "result");
		if (!*r || strcmp(r, "pending") == 0)
			return 0; /* not finished yet */
		if (strcmp(r, "valid") == 0 || strcmp(r, "system") == 0)
			snprintf(body + strlen(body), sizeof body - strlen(body), "%s%s", n++ ? "," : "",
				 sget(m, "month"));
	}
	const char *name = sget(json_object_get(p, "person"), "name");
	char text[800];
	snprintf(title, sizeof title, "安置人员“%s”资料审核完成通知", name);
	snprintf(text, sizeof text, "贵单位安置人员“%s”资料审核已完成，有效月份为%s", name,
		 n ? body : "无");
	eval_now(now);
	if (store_notice_add(rq->st, sget(p, "uscc"), title, text, now, NULL) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not send the notice");
		return -1;
	}
	return 0;
}

void h_review_put(struct srv_req *rq, struct srv_reply *rp)
{
	char now[20];
	json_t *unit, *before = NULL;
	json_t *p = access_placement(rq, rp, rq->params[0], &unit);
	if (!p)
		return;
	if (access_if_match(rq, rp, json_integer_value(json_object_get(p, "version"))) != 0 ||
	    validate(rq, rp, p) != 0)
		goto out;
	before = json_deep_copy(p);
	eval_now(now);
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(rq->body, "months"), i, d) {
		json_t *m = find_month(p, sget(d, "month"));
		int invalid = strcmp(sget(d, "result"), "invalid") == 0;
		json_object_set_new(m, "result", json_string(sget(d, "result")));
		json_object_set_new(m, "review_reason",
				    invalid ? json_string(sget(d, "reason")) : json_null());
		json_object_set_new(m, "reviewer", json_string(rq->user.username));
		json_object_set_new(m, "reviewed_at", json_string(now));
	}
	if (placement_save(rq, rp, p, unit, 0) != 0 ||
	    access_audit(rq, rp, "placement", rq->params[0], "review", before, p) != 0 ||
	    notify_if_done(rq, rp, p) != 0)
		goto out;
	placement_reply(rq, rp, 200, p);
out:
	json_decref(before);
	json_decref(p);
	json_decref(unit);
}
