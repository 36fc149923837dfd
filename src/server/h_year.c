/* h_year — the unit's declaration for a business year (年审申报, SPEC §5.3)
 * and the steps that need nothing but the declaration: 完成申报 (submit),
 * 年审申报撤回 (withdraw), 年审认证审核 (annual review: pass, or fail with a
 * reason) and reopening a cancelled year. Each is one action of the state
 * table (decl_fsm.c) taken through decl_take; feedback, cancellation and
 * sending to tax have their own files. */
#include "server/access.h"
#include "server/decl.h"
#include "server/handlers.h"

/* The unit and year of the path, visible to the caller (else 404). */
static int path_year(struct srv_req *rq, struct srv_reply *rp, struct unit_ref *u, int *year)
{
	if (access_unit(rq, rp, rq->params[0], u) != 0 || access_year(rp, rq->params[1], year) != 0)
		return -1;
	return 0;
}

void h_year_get(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	struct unit_ref u;
	if (path_year(rq, rp, &u, &year) == 0)
		decl_reply_year(rq, rp, &u, year);
}

/* Takes action a on the path's declaration with reason; an If-Match, when
 * sent, names the declaration's version. Replies the YEAR after it. */
static void act(struct srv_req *rq, struct srv_reply *rp, enum declaration_action a,
		const char *reason)
{
	int year;
	struct unit_ref u;
	struct decl d;
	if (path_year(rq, rp, &u, &year) != 0 || decl_load(rq, rp, &u, year, reason, &d) != 0)
		return;
	if (rq->has_if_match && access_if_match(rq, rp, d.y.version) != 0)
		return;
	if (decl_take(rq, rp, &d, a, NULL, NULL) == 0)
		decl_reply_year(rq, rp, &u, year);
}

void h_year_submit(struct srv_req *rq, struct srv_reply *rp)
{
	act(rq, rp, DECL_SUBMIT, NULL);
}

void h_year_withdraw(struct srv_req *rq, struct srv_reply *rp)
{
	act(rq, rp, DECL_WITHDRAW, NULL);
}

/* {"result":"pass"|"fail","reason"}: a fail needs the reason the unit sees. */
void h_year_review(struct srv_req *rq, struct srv_reply *rp)
{
	const char *reason;
	int pass;
	if (decl_body_result(rq, rp, &pass, &reason) == 0)
		act(rq, rp, pass ? DECL_PASS : DECL_FAIL, reason);
}

/* {"reason"}: a cancelled year opens again (the supervisor's). */
void h_year_reopen(struct srv_req *rq, struct srv_reply *rp)
{
	const char *reason;
	if (rq->body && !json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"reason\"}");
		return;
	}
	if (decl_body_reason(rq, rp, &reason) == 0)
		act(rq, rp, DECL_REOPEN, reason);
}
