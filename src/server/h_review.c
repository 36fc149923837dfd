/* h_review — the federation's decisions on a placement (SPEC §5.2): per month
 * and, for a dispatch placement, per item (劳务派遣资质, 三方协议, 劳动合同)
 * 有效 / 无效 (+ reason), all of a case in one request; reopening a decision
 * (audited, with its reason) until the unit submits; the common 无效 reasons.
 * Only what awaits a reviewer can be decided, and nothing once the unit has
 * submitted its declaration (the annual review takes over). When nothing is
 * left undecided the unit gets the notice 安置人员“X”资料审核完成通知 listing
 * the valid months. The queue is in h_lists.c, the history in h_history.c. */
#include <stdbool.h>
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

/* The placement's item named word, or NULL. */
static struct dispatch_row *find_item(struct placement *p, const char *word)
{
	enum dispatch_item item;
	return wire_dispatch_item_parse(word, &item) ? placement_item_find(p, item) : NULL;
}

/* One decision of the body, found in the placement. */
struct decision {
	struct placement_month *month;   /* one of these two */
	struct dispatch_row *item;
	enum month_decision result;
	const char *reason;
};

/* The body's decisions: at most every month and every item once. */
struct decisions {
	struct decision d[12 + DISPATCH_ITEM__COUNT];
	int n, n_months;                 /* the first n_months are months */
};

/* months / dispatch of a body: absent, or an array (422 otherwise). */
static int body_array(struct srv_reply *rp, const json_t *body, const char *key, json_t **out)
{
	*out = json_object_get(body, key);
	if (*out && !json_is_array(*out)) {
		srv_problem(rp, 422, "invalid_field", key, "an array");
		return -1;
	}
	return 0;
}

static int body_arrays(struct srv_req *rq, struct srv_reply *rp, json_t **months,
		       json_t **dispatch)
{
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send a JSON object");
		return -1;
	}
	if (body_array(rp, rq->body, "months", months) != 0 ||
	    body_array(rp, rq->body, "dispatch", dispatch) != 0)
		return -1;
	if (json_array_size(*months) + json_array_size(*dispatch) == 0) {
		srv_problem(rp, 422, "missing_field", "months",
			    "send months, dispatch or both, not neither");
		return -1;
	}
	return 0;
}

/* A reason is shown to the unit and in the history: absent, null, or text
 * without control characters or bidi overrides (wire_text_ok). */
static bool reason_text_ok(const json_t *r)
{
	return !r || json_is_null(r) ||
	       (json_is_string(r) && wire_text_ok(json_string_value(r), json_string_length(r)));
}

/* result and reason of one entry; 422 naming entry.result / entry.reason. */
static int entry_result(struct srv_reply *rp, const json_t *e, const char *at,
			struct decision *d)
{
	char f[48];
	const char *reason = sget(e, "reason");
	d->result = wire_month_decision_parse(sget(e, "result"));
	if (!wire_decision_is_reviewers(d->result)) {
		snprintf(f, sizeof f, "%s.result", at);
		srv_problem(rp, 422, "invalid_field", f, "expected valid or invalid");
		return -1;
	}
	snprintf(f, sizeof f, "%s.reason", at);
	if (d->result == MONTH_DECISION_INVALID && !*reason) {
		srv_problem(rp, 422, "missing_field", f, "say why it is invalid");
		return -1;
	}
	if (strlen(reason) > WIRE_TEXT_MAX) {
		srv_problem(rp, 422, "invalid_field", f, "at most %d bytes", WIRE_TEXT_MAX);
		return -1;
	}
	if (!reason_text_ok(json_object_get(e, "reason"))) {
		srv_problem(rp, 422, "invalid_field", f,
			    "text without control characters or bidi overrides");
		return -1;
	}
	d->reason = reason;
	return 0;
}

static int seen(const struct decisions *ds, const struct decision *d)
{
	for (int i = 0; i < ds->n; i++)
		if ((d->month && ds->d[i].month == d->month) || (d->item && ds->d[i].item == d->item))
			return 1;
	return 0;
}

/* Checks the whole body first (422): the store is untouched when any entry is bad. */
static int parse_decisions(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
			   struct decisions *ds)
{
	json_t *months, *dispatch, *e;
	size_t i;
	char at[32], f[48];
	ds->n = 0;
	if (body_arrays(rq, rp, &months, &dispatch) != 0)
		return -1;
	json_array_foreach(months, i, e) {
		struct decision d = { .month = find_month(p, sget(e, "month")) };
		snprintf(at, sizeof at, "months[%zu]", i);
		snprintf(f, sizeof f, "%s.month", at);
		if (!d.month || seen(ds, &d)) {
			srv_problem(rp, 422, "invalid_field", f, d.month ? "decided twice"
					    : "not a registered month of this placement");
			return -1;
		}
		if (entry_result(rp, e, at, &d) != 0)
			return -1;
		ds->d[ds->n++] = d;
	}
	ds->n_months = ds->n;
	if (json_array_size(dispatch) && p->n_items == 0) {
		srv_problem(rp, 422, "invalid_field", "dispatch", "not a dispatch placement");
		return -1;
	}
	json_array_foreach(dispatch, i, e) {
		struct decision d = { .item = find_item(p, sget(e, "item")) };
		snprintf(at, sizeof at, "dispatch[%zu]", i);
		snprintf(f, sizeof f, "%s.item", at);
		if (!d.item || seen(ds, &d)) {
			srv_problem(rp, 422, "invalid_field", f, d.item ? "decided twice"
					    : "expected licence, agreement or contract");
			return -1;
		}
		if (entry_result(rp, e, at, &d) != 0)
			return -1;
		ds->d[ds->n++] = d;
	}
	return 0;
}

/* Decisions close when the unit submits (SPEC §5.3: changes then go through
 * the annual review): 409 declaration_submitted. */
static int year_open(struct srv_req *rq, struct srv_reply *rp, const struct placement *p)
{
	struct year_row y;
	if (store_year_get(rq->st, p->unit_id, p->year, &y) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
		return -1;
	}
	if (wire_declaration_locks_list(y.status)) {
		srv_problem(rp, 409, "declaration_submitted", NULL,
			    "the unit's declaration for %d is %s: decisions are closed", p->year,
			    wire_declaration_word(y.status));
		return -1;
	}
	return 0;
}

/* The field path of decision i: months[k] or dispatch[k]. */
static void decision_field(const struct decisions *ds, int i, char *f, size_t len)
{
	if (i < ds->n_months)
		snprintf(f, len, "months[%d]", i);
	else
		snprintf(f, len, "dispatch[%d]", i - ds->n_months);
}

/* Only what awaits a reviewer (PENDING) is open to a decision: 409 otherwise
 * (a system-confirmed month, one already decided, one still without its
 * materials). */
static int all_pending(struct srv_reply *rp, const struct decisions *ds)
{
	for (int i = 0; i < ds->n; i++) {
		const struct decision *d = &ds->d[i];
		enum month_decision now = d->month ? d->month->result : d->item->result;
		if (now == MONTH_DECISION_PENDING)
			continue;
		char f[32];
		decision_field(ds, i, f, sizeof f);
		srv_problem(rp, 409, d->month ? "month_not_pending" : "item_not_pending", f,
			    "not awaiting review (it is %s)",
			    now == MONTH_DECISION_NONE ? "waiting for its materials"
						       : wire_month_decision_word(now));
		return -1;
	}
	return 0;
}

/* Every registered month and item decided: nothing waits any more. */
static int all_decided(const struct placement *p)
{
	for (int i = 0; i < p->n_months; i++)
		if (p->months[i].result == MONTH_DECISION_NONE ||
		    p->months[i].result == MONTH_DECISION_PENDING)
			return 0;
	for (int i = 0; i < p->n_items; i++)
		if (!wire_decision_is_reviewers(p->items[i].result))
			return 0;
	return 1;
}

/* 安置人员“施嵘”资料审核完成通知 once every registered month and item is
 * decided, listing the months that count (none when a dispatch item failed). */
static int notify_if_done(struct srv_req *rq, struct srv_reply *rp, const struct placement *p)
{
	char title[200], body[600] = "", now[20], text[800];
	size_t n = 0;
	if (!all_decided(p))
		return 0;
	for (int i = 0; i < p->n_months && p->months_confirmed > 0; i++) {
		const struct placement_month *m = &p->months[i];
		if (m->result == MONTH_DECISION_VALID || m->result == MONTH_DECISION_SYSTEM)
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

/* Saves p after a review step, audits it (extra members go into the audit's
 * after document) and replies with the PLACEMENT. */
static void save_and_reply(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
			   const struct unit_ref *u, json_t *before, const char *action,
			   json_t *extra)
{
	char id[24];
	if (placement_save(rq, rp, p, u, 0) != 0)
		return;
	json_t *after = placement_json(p, NULL);
	if (extra)
		json_object_update(after, extra);
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	if (access_audit(rq, rp, "placement", id, action, before, after) == 0 &&
	    notify_if_done(rq, rp, p) == 0)
		placement_reply(rq, rp, 200, p);
	json_decref(after);
}

void h_review_put(struct srv_req *rq, struct srv_reply *rp)
{
	char now[20];
	struct unit_ref u;
	struct placement p;
	struct decisions ds;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	if (access_if_match(rq, rp, p.version) != 0 || parse_decisions(rq, rp, &p, &ds) != 0 ||
	    year_open(rq, rp, &p) != 0 || all_pending(rp, &ds) != 0)
		goto out;
	json_t *before = placement_json(&p, NULL);
	eval_now(now);
	for (int i = 0; i < ds.n; i++) {
		struct decision *d = &ds.d[i];
		struct review_mark *mark = d->month ? &d->month->review : &d->item->review;
		review_mark_set(mark, rq->user.id, rq->user.display_name, now,
				d->result == MONTH_DECISION_INVALID ? d->reason : NULL);
		if (d->month) {
			d->month->result = d->result;
			d->month->dirty = 1;
		} else {
			d->item->result = d->result;
			d->item->dirty = 1;
		}
	}
	save_and_reply(rq, rp, &p, &u, before, "review", NULL);
	json_decref(before);
out:
	placement_free(&p);
}

/* ---------------------------------------------------------------- reopen */

/* {"months":["202503",…],"dispatch":["licence",…],"reason":"…"} → the
 * decisions to reopen (422 on a bad body). */
static int parse_reopen(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
			struct decisions *ds, const char **reason)
{
	json_t *months, *dispatch, *e;
	size_t i;
	char f[32];
	ds->n = 0;
	if (body_arrays(rq, rp, &months, &dispatch) != 0)
		return -1;
	*reason = sget(rq->body, "reason");
	if (!**reason || strlen(*reason) > WIRE_TEXT_MAX ||
	    !reason_text_ok(json_object_get(rq->body, "reason"))) {
		srv_problem(rp, 422, **reason ? "invalid_field" : "missing_field", "reason",
			    "say why the decision is reopened (at most %d bytes, no control characters)",
			    WIRE_TEXT_MAX);
		return -1;
	}
	json_array_foreach(months, i, e) {
		struct decision d = { .month = find_month(p, json_string_value(e)) };
		snprintf(f, sizeof f, "months[%zu]", i);
		if (!d.month || seen(ds, &d)) {
			srv_problem(rp, 422, "invalid_field", f, "not a registered month, or twice");
			return -1;
		}
		ds->d[ds->n++] = d;
	}
	ds->n_months = ds->n;
	json_array_foreach(dispatch, i, e) {
		struct decision d = { .item = find_item(p, json_string_value(e)) };
		snprintf(f, sizeof f, "dispatch[%zu]", i);
		if (!d.item || seen(ds, &d)) {
			srv_problem(rp, 422, "invalid_field", f,
				    "not an item of this placement, or twice");
			return -1;
		}
		ds->d[ds->n++] = d;
	}
	return 0;
}

/* A reviewer reopens what it decided; a supervisor or an administrator any
 * decision it can see. Only decisions by a person can be reopened (409). */
static int may_reopen(struct srv_req *rq, struct srv_reply *rp, const struct decisions *ds)
{
	int any = rq->user.role_bit & (SRV_ROLE_SUPERVISOR | SRV_ROLE_ADMIN);
	for (int i = 0; i < ds->n; i++) {
		const struct decision *d = &ds->d[i];
		enum month_decision now = d->month ? d->month->result : d->item->result;
		const struct review_mark *mark = d->month ? &d->month->review : &d->item->review;
		char f[32];
		decision_field(ds, i, f, sizeof f);
		if (!wire_decision_is_reviewers(now)) {
			srv_problem(rp, 409, "not_decided", f, "no reviewer has decided it");
			return -1;
		}
		if (!any && mark->reviewer_id != rq->user.id) {
			srv_problem(rp, 403, "not_your_decision", f,
				    "another reviewer decided it: a supervisor may reopen it");
			return -1;
		}
	}
	return 0;
}

void h_review_reopen(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	struct decisions ds;
	const char *reason;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	if ((rq->has_if_match && access_if_match(rq, rp, p.version) != 0) ||
	    parse_reopen(rq, rp, &p, &ds, &reason) != 0 || year_open(rq, rp, &p) != 0 ||
	    may_reopen(rq, rp, &ds) != 0)
		goto out;
	json_t *before = placement_json(&p, NULL);
	/* back to awaiting review: the checks then say PENDING (or NONE when a
	 * material has gone meanwhile) */
	for (int i = 0; i < ds.n; i++) {
		struct decision *d = &ds.d[i];
		if (d->month) {
			d->month->result = MONTH_DECISION_PENDING;
			review_mark_clear(&d->month->review);
			d->month->dirty = 1;
		} else {
			d->item->result = MONTH_DECISION_PENDING;
			review_mark_clear(&d->item->review);
			d->item->dirty = 1;
		}
	}
	json_t *extra = json_pack("{s:s}", "reopen_reason", reason);
	save_and_reply(rq, rp, &p, &u, before, "reopen", extra);
	json_decref(extra);
	json_decref(before);
out:
	placement_free(&p);
}

/* --------------------------------------------------------------- reasons */

void h_review_reasons(struct srv_req *rq, struct srv_reply *rp)
{
	if (!rq->ctx->review_reasons) {
		srv_problem(rp, 500, "internal", NULL, "no review reasons loaded");
		return;
	}
	srv_json(rp, 200, json_incref(rq->ctx->review_reasons));
}
