/* accounts — what making or changing an account checks and writes, shared
 * by the unit's agents (h_account.c) and the administrator's users
 * (h_users.c): the new account's fields, a new password by the rules
 * (passwords.h), the insert or update with its audit row, and ending the
 * account's sessions when it is disabled or its password is reset. */
#ifndef ANZHI_SERVER_ACCOUNTS_H
#define ANZHI_SERVER_ACCOUNTS_H

#include <jansson.h>

#include "server/passwords.h"
#include "server/srv.h"

/* From rq->body: username (clean text, at most 60 bytes, free),
 * display_name (default: the username) and password (by the rules) into u
 * and *password. -1 with 422 (field named) or 409 (username taken) in rp. */
int accounts_take_new(struct srv_req *rq, struct srv_reply *rp, struct srv_user *u,
		      const char **password);
/* An optional key of rq->body: absent → 0 and *out NULL. A present one is
 * checked (display_name: clean name; password: the rules for username). */
int accounts_take_display_name(struct srv_req *rq, struct srv_reply *rp, const char **out);
int accounts_take_password(struct srv_req *rq, struct srv_reply *rp, const char *username,
			   const char **out);
/* "disabled": absent → 0 and *present 0. */
int accounts_take_disabled(struct srv_req *rq, struct srv_reply *rp, int *present, int *value);

/* Inserts u with hash (made by the pool), audits, answers 201 ACCOUNT. */
void accounts_insert(struct srv_req *rq, struct srv_reply *rp, struct srv_user *u,
		     const char *hash);
/* Writes u (its version checked: 412 when stale) and hash when not NULL;
 * a disabled account or a new password ends the account's sessions; audits
 * before → after; answers 200 ACCOUNT with its ETag. */
void accounts_update(struct srv_req *rq, struct srv_reply *rp, const struct srv_user *u,
		     const char *hash);

/* The finished hashing job of step 1 (rq->step_state), NULL at step 0. */
const struct pwjob *accounts_job(const struct srv_req *rq);

#endif
