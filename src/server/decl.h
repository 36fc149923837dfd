/* decl — the declaration's life (年审申报, SPEC §5.3) as every handler takes
 * it: load the declaration and the facts its guards look at, ask the state
 * table (decl_fsm) whether the caller's action is allowed, let the action
 * write its own records, then write the declaration and what follows from
 * its statuses — a list that opens again gets the re-checks it missed while
 * frozen, a certification that no longer stands is revoked, a tax record
 * whose year reopened is withdrawn — the unit's notice and the audit row.
 * All inside the request's transaction. */
#ifndef ANZHI_SERVER_DECL_H
#define ANZHI_SERVER_DECL_H

#include <jansson.h>

#include "server/decl_fsm.h"
#include "server/srv.h"
#include "server/store.h"

struct decl {
	struct unit_ref unit;
	int year;
	struct year_row y;          /* as stored */
	struct year_row next;       /* as the action leaves it (effects may set its request ids) */
	struct decl_facts facts;
	enum declaration_action action;
	enum declaration_status to;
	const char *reason;         /* the request's reason (fail, reject, reopen), or NULL */
	char now[20];
	int64_t request_id;         /* the feedback or cancellation the action is about */
};

/* An action's own records, written before the declaration: 0, or -1 with
 * the refusal in rp. */
typedef int (*decl_effect)(struct srv_req *rq, struct srv_reply *rp, struct decl *d, void *arg);

/* Loads the unit's declaration of year (the caller checked access) and the
 * facts; reason may be NULL. -1 with a 500 in rp. */
int decl_load(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u, int year,
	      const char *reason, struct decl *d);
/* Asks the table about action a on d for rq's user: 0 when allowed (d->to
 * set), else -1 with the 403/409/422 in rp. Changes nothing. */
int decl_check(struct srv_req *rq, struct srv_reply *rp, struct decl *d,
	       enum declaration_action a);
/* decl_check, then effect (may be NULL), then the declaration and its
 * consequences, the notice and the audit. 0, or -1 with rp filled (412 when
 * the declaration changed meanwhile). */
int decl_take(struct srv_req *rq, struct srv_reply *rp, struct decl *d,
	      enum declaration_action a, decl_effect effect, void *arg);

/* The API's YEAR for rq's user (with the actions it may take now); NULL on a
 * store error. */
json_t *decl_year_json(struct srv_req *rq, const struct unit_ref *u, int year);
/* Replies 200 with the YEAR (and its ETag), or 500. */
void decl_reply_year(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u, int year);

/* The body's "reason" (absent or null → NULL; clean text of at most
 * REVIEW_REASON_MAX bytes, else 422 field reason). 0 or -1. */
int decl_body_reason(struct srv_req *rq, struct srv_reply *rp, const char **reason);
/* A review's body {"result":"pass"|"fail","reason"}: *pass and the reason
 * (400 not an object, 422 field result|reason). 0 or -1. */
int decl_body_result(struct srv_req *rq, struct srv_reply *rp, int *pass, const char **reason);

#endif
