/* h_application_review — the federation's two-step review of reward and
 * graduate applications (SPEC §5.4): 初审 (first review, reviewer or
 * supervisor) → 复审 (second review, a supervisor who is neither the first
 * reviewer nor, at the window, the one who applied: 409 four_eyes) →
 * approved, or rejected with a reason at either step. Each step sends the
 * unit a notice. And the 奖励审核认定书 once approved. */
#include <stdio.h>
#include <string.h>

#include "server/access.h"
#include "server/application.h"
#include "server/application_cert.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "wire/wire.h"

enum step { FIRST, SECOND };

/* {"result":"pass"|"fail","reason"}: a failure says why. */
static int review_body(struct srv_req *rq, struct srv_reply *rp, int *pass, const char **reason)
{
	static const char *const results[] = { "pass", "fail", NULL };
	const json_t *r = json_object_get(rq->body, "reason");
	const char *result = json_string_value(json_object_get(rq->body, "result"));
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"result\",\"reason\"}");
		return -1;
	}
	if (!wire_enum_ok(results, result)) {
		srv_problem(rp, 422, result ? "invalid_field" : "missing_field", "result",
			    "expected pass or fail");
		return -1;
	}
	*pass = strcmp(result, "pass") == 0;
	*reason = json_string_value(r);
	if (r && !json_is_null(r) &&
	    (!json_is_string(r) || json_string_length(r) > WIRE_TEXT_MAX ||
	     !wire_text_ok(*reason, json_string_length(r)))) {
		srv_problem(rp, 422, "invalid_field", "reason",
			    "at most 300 bytes of text without control characters");
		return -1;
	}
	if (!*pass && (!*reason || !**reason)) {
		srv_problem(rp, 422, "missing_field", "reason", "say why the application fails");
		return -1;
	}
	return 0;
}

/* The status each step acts on, and who may not take the second step. */
static int step_allowed(struct srv_req *rq, struct srv_reply *rp, const struct application_row *a,
			enum step step)
{
	enum application_status want = step == FIRST ? APPLICATION_APPLIED
						     : APPLICATION_FIRST_PASSED;
	if (a->status != want) {
		srv_problem(rp, 409, "conflict", NULL, "the application is %s, not %s",
			    wire_application_status_word(a->status), wire_application_status_word(want));
		return -1;
	}
	if (step == SECOND && (a->first.by == rq->user.id ||
			       (a->channel == CHANNEL_WINDOW && a->applied_by == rq->user.id))) {
		srv_problem(rp, 409, "four_eyes", NULL,
			    a->first.by == rq->user.id
				    ? "the second review is another supervisor's: you did the first"
				    : "the second review is another supervisor's: you applied for it");
		return -1;
	}
	return 0;
}

static void record(struct srv_req *rq, struct application_review *r, int pass, const char *reason)
{
	r->by = rq->user.id;
	snprintf(r->by_name, sizeof r->by_name, "%s", rq->user.username);
	snprintf(r->result, sizeof r->result, "%s", pass ? "pass" : "fail");
	snprintf(r->reason, sizeof r->reason, "%s", reason ? reason : "");
	eval_now(r->at);
}

/* The unit's notice of a step: 初审通过 / 审核通过 / 审核未通过 (with the reason). */
static int notify(struct store *st, const struct application_row *a, enum step step, int pass,
		  const char *reason)
{
	char body[600], amount[24];
	const char *title = application_kind_info(a->kind)->title;
	const char *name = step == FIRST ? "初审" : "复审";
	money_format_fen(a->amount_fen, amount, sizeof amount);
	if (!pass)
		snprintf(body, sizeof body, "贵单位%d年度%s%s未通过，原因：%s", a->year, title, name,
			 reason);
	else if (step == FIRST)
		snprintf(body, sizeof body, "贵单位%d年度%s已通过初审，待复审。", a->year, title);
	else
		snprintf(body, sizeof body, "贵单位%d年度%s已通过复审，金额%s元。%s", a->year, title,
			 amount, a->kind == APPLICATION_REWARD ? "您可下载奖励审核认定书。" : "");
	return application_notify(st, a, !pass ? "审核未通过通知"
					 : step == FIRST ? "初审通过通知" : "审核通过通知", body);
}

static void review(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind,
		   enum step step)
{
	struct application_row a;
	int pass;
	const char *reason;
	char id[24];
	json_t *before = NULL, *after = NULL;
	if (application_access(rq, rp, rq->params[0], kind, &a) != 0)
		return;
	if (access_if_match(rq, rp, a.version) != 0 || review_body(rq, rp, &pass, &reason) != 0 ||
	    step_allowed(rq, rp, &a, step) != 0)
		return;
	before = application_load_json(rq->st, &a);
	record(rq, step == FIRST ? &a.first : &a.second, pass, reason);
	a.status = !pass ? APPLICATION_REJECTED
		   : step == FIRST ? APPLICATION_FIRST_PASSED : APPLICATION_APPROVED;
	int rc = before ? store_application_review(rq->st, &a) : STORE_ERROR;
	if (rc != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			srv_problem(rp, 412, "precondition_failed", NULL,
				    "the application changed: reload it");
		else
			srv_problem(rp, 500, "internal", NULL, "could not save the review");
		goto out;
	}
	after = application_load_json(rq->st, &a);
	snprintf(id, sizeof id, "%lld", (long long)a.id);
	if (!after || access_audit(rq, rp, application_kind_info(kind)->entity, id,
				   step == FIRST ? "first_review" : "second_review", before,
				   after) != 0)
		goto fail;
	if (notify(rq->st, &a, step, pass, reason) != STORE_OK)
		goto fail;
	srv_etag(rp, a.version);
	srv_json(rp, 200, after);
	after = NULL;
	goto out;
fail:
	if (rp->status < 400)
		srv_problem(rp, 500, "internal", NULL, "could not record the review");
out:
	json_decref(before);
	json_decref(after);
}

static void first_review(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	review(rq, rp, kind, FIRST);
}

static void second_review(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	review(rq, rp, kind, SECOND);
}

APPLICATION_HANDLERS(first_review, first_review)
APPLICATION_HANDLERS(second_review, second_review)

/* GET /rewards/{id}/document: the 奖励审核认定书, once approved. */
void h_reward_document(struct srv_req *rq, struct srv_reply *rp)
{
	struct application_row a;
	json_t *persons;
	struct application_cert cert = { 0 };
	if (application_access(rq, rp, rq->params[0], APPLICATION_REWARD, &a) != 0)
		return;
	if (a.status != APPLICATION_APPROVED) {
		srv_problem(rp, 409, "conflict", NULL,
			    "the application is %s: the certification is issued once approved",
			    wire_application_status_word(a.status));
		return;
	}
	persons = store_application_persons(rq->st, a.id);
	if (!persons || application_cert_fill(rq->ctx, rq->st, &a, persons, &cert) != 0)
		srv_problem(rp, 500, "internal", NULL, "could not read the application");
	else
		application_cert_issue(rq, rp, &a, &cert);
	application_cert_free(&cert);
	json_decref(persons);
}
