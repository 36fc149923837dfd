/* h_review — the federation's side of a placement (SPEC §5.2): per-month
 * decisions 有效 / 无效 (+ reason); the queue is in h_lists.c. When no month
 * is left undecided the unit gets the notice 安置人员“X”资料审核完成通知
 * listing the valid months. */
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

/* "YYYYMM" → the registered month of p, or NULL. */
static struct placement_month *find_month(struct placement *p, const char *month)
{
	char *end;
	long ym = month && *month ? strtol(month, &end, 10) : 0;
	return ym > 0 && !*end && strlen(month) == 6 ? placement_month_find(p, (int)ym) : NULL;
}

/* Checks the whole body first: the store is untouched when any entry is bad. */
static int validate(struct srv_req *rq, struct srv_reply *rp, struct placement *p)
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
static int notify_if_done(struct srv_req *rq, struct srv_reply *rp, const struct placement *p)
{
	char title[200], body[600] = "", now[20], text[800];
	size_t n = 0;
	for (int i = 0; i < p->n_months; i++) {
		const struct placement_month *m = &p->months[i];
		if (m->result == RESULT_NONE || m->result == RESULT_PENDING)
			return 0; /* not finished yet */
		if (m->result == RESULT_VALID || m->result == RESULT_SYSTEM)
			snprintf(body + strlen(body), sizeof body - strlen(body), "%s%06d",
				 n++ ? "," : "", m->ym);
	}
	const char *name = sget(p->person, "name");
	snprintf(title, sizeof title, "安置人员“%s”资料审核完成通知", name);
	snprintf(text, sizeof text, "贵单位安置人员“%s”资料审核已完成，有效月份为%s", name,
		 n ? body : "无");
	eval_now(now);
	if (store_notice_add(rq->st, p->uscc, title, text, now, NULL) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not send the notice");
		return -1;
	}
	return 0;
}

void h_review_put(struct srv_req *rq, struct srv_reply *rp)
{
	char now[20], id[24];
	struct unit_ref u;
	struct placement p;
	json_t *before = NULL, *after = NULL;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	/* a list its declaration locks is frozen: no decision changes its months */
	if (access_year_open(rq, rp, u.id, p.year) != 0 || access_if_match(rq, rp, p.version) != 0 ||
	    validate(rq, rp, &p) != 0)
		goto out;
	before = placement_json(&p, NULL);
	eval_now(now);
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(rq->body, "months"), i, d) {
		struct placement_month *m = find_month(&p, sget(d, "month"));
		int invalid = strcmp(sget(d, "result"), "invalid") == 0;
		m->result = invalid ? RESULT_INVALID : RESULT_VALID;
		snprintf(m->review_reason, sizeof m->review_reason, "%s",
			 invalid ? sget(d, "reason") : "");
		m->reviewer_id = rq->user.id;
		snprintf(m->reviewer, sizeof m->reviewer, "%s", rq->user.username);
		snprintf(m->reviewed_at, sizeof m->reviewed_at, "%s", now);
		m->dirty = 1;
	}
	if (placement_save(rq, rp, &p, &u, 0) != 0)
		goto out;
	after = placement_json(&p, NULL);
	snprintf(id, sizeof id, "%lld", (long long)p.id);
	if (access_audit(rq, rp, "placement", id, "review", before, after) != 0 ||
	    notify_if_done(rq, rp, &p) != 0)
		goto out;
	placement_reply(rq, rp, 200, &p);
out:
	json_decref(after);
	json_decref(before);
	placement_free(&p);
}
