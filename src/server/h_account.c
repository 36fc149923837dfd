/* h_account — 用户中心: changing one's own password (修改密码: the current one
 * checked on the hashing pool, failures counted by the login limiter, every
 * other session of the user ended) and the legal person's agent accounts
 * (代理人账号管理: the unit's own account — role unit — lists, creates,
 * disables and resets the password of its agents; an agent cannot). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/accounts.h"
#include "server/auth.h"
#include "server/filing.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/store.h"
#include "server/totp.h"

void account_user_fields(struct srv_req *rq, const struct srv_user *u, json_t *user)
{
	char roles[96] = "";
	totp_required_roles(rq->st, roles, sizeof roles);
	json_object_set_new(user, "totp", json_boolean(u->totp_on));
	json_object_set_new(user, "totp_required", json_boolean(totp_role_listed(roles, u->role)));
	filing_fields(rq, 0, rq->ctx->cfg.year, user);
}

/* ------------------------------------------------------------ my password */

/* PUT /me/password {"current","new"} in steps: 0 check the body and the
 * limiter (auth_limit_take counts the attempt as a failure), verify
 * `current` and hash `new` on the pool; 1 a wrong current password stays a
 * failed login (answered late), a right one clears the failures, saves
 * the new hash and ends the user's other sessions; 2 (after the delay) 422. */
void h_me_password(struct srv_req *rq, struct srv_reply *rp)
{
	const struct srv_user *me = &rq->user;
	const char *cur = json_string_value(json_object_get(rq->body, "current"));
	const char *next = json_string_value(json_object_get(rq->body, "new"));
	char why[160], hash[crypto_pwhash_STRBYTES], keep[65];
	if (rq->step == 2) {
		srv_problem(rp, 422, "invalid_field", "current", "the current password is wrong");
		return;
	}
	const struct pwjob *j = accounts_job(rq);
	if (j) {
		if (!j->check_ok) {
			srv_defer_delay(rq, rp, auth_failure_delay_ms(rq->st, me->username, rq->ip));
			return;
		}
		if (!j->made_ok) {
			srv_problem(rp, 500, "internal", NULL, "could not hash the password");
			return;
		}
		auth_limit_succeeded(rq->st, me->username, rq->ip);
		const char *a = srv_header(rq, "Authorization");
		auth_token_hash(a ? a + 7 : "", keep);
		if (store_user_set_hash(rq->st, me->id, j->made) != STORE_OK ||
		    store_sessions_end_others(rq->st, me->id, keep) != STORE_OK) {
			srv_problem(rp, 500, "internal", NULL, "could not save the password");
			return;
		}
		if (access_audit(rq, rp, "user", me->username, "change_password", NULL, NULL) == 0)
			srv_json(rp, 204, NULL);
		return;
	}
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"current\",\"new\"}");
		return;
	}
	if (!cur || !*cur) {
		srv_problem(rp, 422, "missing_field", "current", "the current password is required");
		return;
	}
	if (!next || !*next) {
		srv_problem(rp, 422, "missing_field", "new", "the new password is required");
		return;
	}
	if (password_acceptable(me->username, next, why, sizeof why) != 0) {
		srv_problem(rp, 422, "weak_password", "new", "new: %s", why);
		return;
	}
	if (strcmp(cur, next) == 0) {
		srv_problem(rp, 422, "invalid_field", "new", "the new password is the current one");
		return;
	}
	if (strlen(cur) > PASSWORD_MAX ||
	    store_user_pwhash(rq->st, me->id, hash, sizeof hash) != STORE_OK) {
		srv_problem(rp, 422, "invalid_field", "current", "the current password is wrong");
		return;
	}
	/* counted as a failed login until the check passes; the deferral
	 * commits the count */
	int64_t attempt;
	int wait = auth_limit_take(rq->st, me->username, rq->ip, &attempt);
	if (auth_limit_answer(rp, wait) != 0)
		return;
	pwjob_defer_counted(rq, rp, attempt, cur, hash, next);
}

/* ----------------------------------------------------------------- agents */

/* The unit whose agents the caller manages: its own (role unit), or any the
 * administrator names. 404 outside. */
static int agent_unit(struct srv_req *rq, struct srv_reply *rp, const char *uscc,
		      struct unit_ref *u)
{
	return access_unit(rq, rp, uscc, u);
}

void h_agent_list(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	char at[20];
	int64_t after, next;
	int limit;
	if (agent_unit(rq, rp, rq->params[0], &u) != 0 ||
	    listing_page_params(rq, rp, &limit, at, &after) != 0)
		return;
	struct account_query q = { .role = "agent", .unit = u.uscc, .after_id = after,
				   .limit = limit };
	json_t *items = json_array();
	if (store_account_page(rq->st, &q, items, &next) != STORE_OK) {
		json_decref(items);
		srv_problem(rp, 500, "internal", NULL, "could not list the agents");
		return;
	}
	srv_json(rp, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
				    listing_cursor_json(NULL, next)));
}

void h_agent_create(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct srv_user a;
	const char *password;
	if (agent_unit(rq, rp, rq->params[0], &u) != 0 ||
	    accounts_take_new(rq, rp, &a, &password) != 0)
		return;
	snprintf(a.role, sizeof a.role, "agent");
	snprintf(a.unit, sizeof a.unit, "%s", u.uscc);
	const struct pwjob *j = accounts_job(rq);
	if (!j) {
		pwjob_defer(rq, rp, NULL, NULL, password);
		return;
	}
	if (!j->made_ok) {
		srv_problem(rp, 500, "internal", NULL, "could not hash the password");
		return;
	}
	accounts_insert(rq, rp, &a, j->made);
}

/* PUT /agents/{id} {"display_name"?, "disabled"?, "password"?} with If-Match:
 * only an agent of the caller's own unit (404 for any other account). */
void h_agent_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct srv_user a;
	struct unit_ref u;
	const char *display, *password;
	int has_disabled, disabled;
	char *end;
	long long id = strtoll(rq->params[0], &end, 10);
	if (*end || id <= 0 || store_user_by_id(rq->st, id, &a) != STORE_OK ||
	    strcmp(a.role, "agent") != 0 || store_unit_ref(rq->st, a.unit, &u) != STORE_OK ||
	    !access_unit_visible(rq, &u)) {
		srv_problem(rp, 404, "not_found", NULL, "no such agent");
		return;
	}
	if (access_if_match(rq, rp, a.version) != 0)
		return;
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL,
			    "send {\"display_name\",\"disabled\",\"password\"}");
		return;
	}
	if (accounts_take_display_name(rq, rp, &display) != 0 ||
	    accounts_take_disabled(rq, rp, &has_disabled, &disabled) != 0 ||
	    accounts_take_password(rq, rp, a.username, &password) != 0)
		return;
	if (display)
		snprintf(a.display_name, sizeof a.display_name, "%s", display);
	if (has_disabled)
		a.disabled = disabled;
	const struct pwjob *j = accounts_job(rq);
	if (password && !j) {
		pwjob_defer(rq, rp, NULL, NULL, password);
		return;
	}
	if (j && !j->made_ok) {
		srv_problem(rp, 500, "internal", NULL, "could not hash the password");
		return;
	}
	accounts_update(rq, rp, &a, j ? j->made : NULL);
}
