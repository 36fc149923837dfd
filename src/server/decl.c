/* decl — see decl.h. */
#include "server/decl.h"

#include <stdio.h>
#include <string.h>

#include "core/count.h"
#include "server/access.h"
#include "server/decl_docs.h"
#include "server/decl_notice.h"
#include "server/eval.h"
#include "server/filing.h"
#include "server/policy_tables.h"
#include "server/recheck.h"
#include "wire/wire.h"

/* Persons on the list not yet confirmed (counted, not scanned). */
static int unconfirmed(struct store *st, int64_t unit_id, int year, int64_t *n)
{
	struct status_counts c;
	*n = 0;
	if (store_unit_counts(st, unit_id, year, &c) != STORE_OK)
		return -1;
	for (int k = 0; k < SK__COUNT; k++)
		if (k != SK_CONFIRMED_SYSTEM && k != SK_CONFIRMED_MANUAL)
			*n += c.n[k];
	return 0;
}

static int load_facts(struct store *st, struct decl *d)
{
	struct unit_figures f;
	if (store_year_get(st, d->unit.id, d->year, &d->y) != STORE_OK ||
	    store_unit_figures(st, d->unit.id, &f) != STORE_OK ||
	    unconfirmed(st, d->unit.id, d->year, &d->facts.unconfirmed) != 0 ||
	    filing_closed(st, d->unit.id, d->year, &d->facts.filing_closed, d->facts.deadline) != 0)
		return -1;
	d->facts.missing_figure = f.staff_last_year < 1 ? "staff_last_year"
				  : !f.has_wages       ? "wages_last_year"
						       : NULL;
	d->facts.has_reason = d->reason && *d->reason;
	d->facts.feedback_pending = d->y.feedback_id != 0;
	d->facts.cancellation_pending = d->y.cancellation_id != 0;
	return 0;
}

int decl_load(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u, int year,
	      const char *reason, struct decl *d)
{
	memset(d, 0, sizeof *d);
	d->unit = *u;
	d->year = year;
	d->reason = reason;
	d->action = DECL_ACTION_UNKNOWN;
	d->to = DECLARATION_STATUS_UNKNOWN;
	eval_now(d->now);
	if (load_facts(rq->st, d) != 0) {
		srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
		return -1;
	}
	d->next = d->y;
	return 0;
}

int decl_check(struct srv_req *rq, struct srv_reply *rp, struct decl *d,
	       enum declaration_action a)
{
	struct decl_verdict v;
	decl_fsm_decide(d->y.status, a, rq->user.role_bit, &d->facts, &v);
	if (v.status) {
		srv_problem(rp, v.status, v.code, v.field, "%s", v.detail);
		return -1;
	}
	d->action = a;
	d->to = v.to;
	return 0;
}

/* The fields a status sets or clears when the declaration enters it. */
enum { F_SUBMITTED = 1, F_REVIEW = 2, F_TAX = 4 };
static const struct {
	unsigned set, clear;
} on_enter[DECLARATION_STATUS__COUNT] = {
	[DECLARATION_OPEN] = { 0, F_SUBMITTED | F_REVIEW | F_TAX },
	[DECLARATION_SUBMITTED] = { F_SUBMITTED, F_REVIEW | F_TAX },
	[DECLARATION_PASSED] = { F_REVIEW, F_TAX },
	[DECLARATION_FAILED] = { F_REVIEW, F_TAX },
	[DECLARATION_SENT_TO_TAX] = { F_TAX, 0 },
	[DECLARATION_CANCELLED] = { 0, 0 },
};

static void enter(struct srv_req *rq, struct decl *d)
{
	struct year_row *n = &d->next;
	if (d->to == d->y.status)
		return;
	unsigned set = on_enter[d->to].set, clear = on_enter[d->to].clear;
	n->status = d->to;
	snprintf(n->status_at, sizeof n->status_at, "%s", d->now);
	if (clear & F_SUBMITTED)
		n->submitted_at[0] = '\0';
	if (clear & F_REVIEW) {
		n->reviewed_at[0] = n->review_reason[0] = n->reviewer[0] = '\0';
		n->reviewer_id = 0;
	}
	if (clear & F_TAX)
		n->sent_to_tax_at[0] = '\0';
	if (set & F_SUBMITTED)
		snprintf(n->submitted_at, sizeof n->submitted_at, "%s", d->now);
	if (set & F_REVIEW) {
		snprintf(n->reviewed_at, sizeof n->reviewed_at, "%s", d->now);
		snprintf(n->reviewer, sizeof n->reviewer, "%s", rq->user.username);
		snprintf(n->review_reason, sizeof n->review_reason, "%s", d->reason ? d->reason : "");
		n->reviewer_id = rq->user.id;
	}
	if (set & F_TAX)
		snprintf(n->sent_to_tax_at, sizeof n->sent_to_tax_at, "%s", d->now);
}

/* What follows from leaving one status for another, whatever the action. */
static int consequences(struct srv_req *rq, struct srv_reply *rp, struct decl *d)
{
	enum declaration_status from = d->y.status, to = d->to;
	char err[256], why[80];
	int64_t n;
	if (wire_declaration_locks_list(from) && !wire_declaration_locks_list(to)) {
		struct recheck_stats rs;
		if (recheck_deferred(rq->ctx, rq->st, d->unit.id, d->year, &rs, err, sizeof err) != 0)
			return srv_problem(rp, 500, "internal", NULL, "%s", err), -1;
	}
	if (wire_declaration_passed(from) && !wire_declaration_passed(to)) {
		snprintf(why, sizeof why, "declaration %s (%s)", wire_declaration_word(to),
			 wire_declaration_action_word(d->action));
		if (decl_revoke_certification(rq->st, d->unit.id, d->year, d->now, why, &n) != 0)
			return srv_problem(rp, 500, "internal", NULL,
					   "could not revoke the certification"), -1;
	}
	if (from == DECLARATION_SENT_TO_TAX && to != DECLARATION_SENT_TO_TAX &&
	    store_tax_withdraw(rq->st, d->unit.id, d->year, d->now) == STORE_ERROR)
		return srv_problem(rp, 500, "internal", NULL, "could not withdraw the tax record"), -1;
	return 0;
}

/* The audit row: the YEAR before and after, under the action's word. */
static int audit(struct srv_req *rq, struct srv_reply *rp, struct decl *d, json_t *before)
{
	char id[64];
	snprintf(id, sizeof id, "%s/%d", d->unit.uscc, d->year);
	json_t *after = decl_year_json(rq, &d->unit, d->year);
	int rc = after ? access_audit(rq, rp, "declaration", id,
				      wire_declaration_action_word(d->action), before, after)
		       : srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
	json_decref(after);
	return rc ? -1 : 0;
}

/* The steps after the table said yes; -1 with rp filled. */
static int apply(struct srv_req *rq, struct srv_reply *rp, struct decl *d, decl_effect effect,
		 void *arg, json_t *before)
{
	if (effect && effect(rq, rp, d, arg) != 0)
		return -1;
	enter(rq, d);
	int rc = store_year_put(rq->st, d->unit.id, d->year, &d->next);
	if (rc == STORE_NOTFOUND)
		return srv_problem(rp, 412, "precondition_failed", NULL,
				   "the declaration changed: reload it"), -1;
	if (rc != STORE_OK)
		return srv_problem(rp, 500, "internal", NULL, "could not save the declaration"), -1;
	if (consequences(rq, rp, d) != 0)
		return -1;
	if (decl_notify(rq->st, d) != 0)
		return srv_problem(rp, 500, "internal", NULL, "could not send the notice"), -1;
	return audit(rq, rp, d, before);
}

int decl_take(struct srv_req *rq, struct srv_reply *rp, struct decl *d,
	      enum declaration_action a, decl_effect effect, void *arg)
{
	if (decl_check(rq, rp, d, a) != 0)
		return -1;
	json_t *before = decl_year_json(rq, &d->unit, d->year);
	if (!before)
		return srv_problem(rp, 500, "internal", NULL, "could not read the declaration"), -1;
	int rc = apply(rq, rp, d, effect, arg, before);
	json_decref(before);
	return rc;
}

/* ------------------------------------------------------------------ YEAR */

static json_t *text_or_null(const char *t)
{
	return t && *t ? json_string(t) : json_null();
}

json_t *decl_year_json(struct srv_req *rq, const struct unit_ref *u, int year)
{
	char persons[32] = "0.00";
	struct decl d = { .unit = *u, .year = year };
	if (load_facts(rq->st, &d) != 0)
		return NULL;
	const struct year_row *y = &d.y;
	if (rq->ctx->have_policy)
		count_format_persons(policy_tables_for_unit(rq->ctx, rq->st, u->id, year),
				     count_placed_persons((long)y->months_counted), persons,
				     sizeof persons);
	json_t *actions = json_array();
	unsigned bits = decl_fsm_available(y->status, rq->user.role_bit, &d.facts);
	for (int a = 0; a < DECL_ACTION__COUNT; a++)
		if (bits & (1u << a))
			json_array_append_new(actions, json_string(wire_declaration_action_word(
							       (enum declaration_action)a)));
	json_t *o = json_pack("{s:s, s:i, s:s, s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:o,"
			 " s:I}",
			 "uscc", u->uscc, "year", year, "status", wire_declaration_word(y->status),
			 "months_confirmed", (json_int_t)y->months_confirmed, "months_counted",
			 (json_int_t)y->months_counted, "placed_persons", persons, "submitted_at",
			 text_or_null(y->submitted_at), "reviewed_at", text_or_null(y->reviewed_at),
			 "review_reason", text_or_null(y->review_reason), "reviewer",
			 text_or_null(y->reviewer), "sent_to_tax_at", text_or_null(y->sent_to_tax_at),
			 "feedback_pending", y->feedback_id != 0, "cancellation_pending",
			 y->cancellation_id != 0, "actions", actions, "version",
			 (json_int_t)y->version);
	if (o)
		filing_fields(rq, u->id, year, o);
	return o;
}

void decl_reply_year(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u, int year)
{
	json_t *y = decl_year_json(rq, u, year);
	if (!y) {
		srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
		return;
	}
	srv_etag(rp, json_integer_value(json_object_get(y, "version")));
	srv_json(rp, 200, y);
}

int decl_body_reason(struct srv_req *rq, struct srv_reply *rp, const char **reason)
{
	const json_t *r = json_is_object(rq->body) ? json_object_get(rq->body, "reason") : NULL;
	*reason = NULL;
	if (!r || json_is_null(r))
		return 0;
	if (!json_is_string(r) || json_string_length(r) > REVIEW_REASON_MAX ||
	    !wire_text_ok(json_string_value(r), json_string_length(r))) {
		srv_problem(rp, 422, "invalid_field", "reason",
			    "text of at most %d bytes without control characters",
			    REVIEW_REASON_MAX);
		return -1;
	}
	*reason = json_string_value(r);
	return 0;
}

int decl_body_result(struct srv_req *rq, struct srv_reply *rp, int *pass, const char **reason)
{
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL,
			    "send {\"result\":\"pass\"|\"fail\",\"reason\"}");
		return -1;
	}
	const char *result = json_string_value(json_object_get(rq->body, "result"));
	if (!result || (strcmp(result, "pass") != 0 && strcmp(result, "fail") != 0)) {
		srv_problem(rp, 422, result ? "invalid_field" : "missing_field", "result",
			    "pass or fail");
		return -1;
	}
	*pass = strcmp(result, "pass") == 0;
	return decl_body_reason(rq, rp, reason);
}
