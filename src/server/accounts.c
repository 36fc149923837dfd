/* accounts — see accounts.h. */
#include "server/accounts.h"

#include <stdio.h>
#include <string.h>

#include "server/access.h"
#include "server/auth.h"
#include "server/store.h"
#include "wire/wire.h"

static int take_text(struct srv_req *rq, struct srv_reply *rp, const char *key, size_t max,
		     const char **out)
{
	json_t *v = json_object_get(rq->body, key);
	*out = NULL;
	if (!v)
		return 0;
	const char *s = json_string_value(v);
	if (!s || !*s || strlen(s) > max || !wire_text_ok(s, strlen(s)) || s[0] == ' ' ||
	    s[strlen(s) - 1] == ' ') {
		srv_problem(rp, 422, s && !*s ? "missing_field" : "invalid_field", key,
			    "1–%zu bytes of UTF-8 text without control characters or outer spaces",
			    max);
		return -1;
	}
	*out = s;
	return 0;
}

int accounts_take_display_name(struct srv_req *rq, struct srv_reply *rp, const char **out)
{
	return take_text(rq, rp, "display_name", WIRE_NAME_MAX, out);
}

int accounts_take_password(struct srv_req *rq, struct srv_reply *rp, const char *username,
			   const char **out)
{
	char why[160];
	json_t *v = json_object_get(rq->body, "password");
	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_string(v)) {
		srv_problem(rp, 422, "invalid_field", "password", "a string");
		return -1;
	}
	if (password_acceptable(username, json_string_value(v), why, sizeof why) != 0) {
		srv_problem(rp, 422, "weak_password", "password", "password: %s", why);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int accounts_take_disabled(struct srv_req *rq, struct srv_reply *rp, int *present, int *value)
{
	json_t *v = json_object_get(rq->body, "disabled");
	*present = v != NULL;
	*value = json_is_true(v);
	if (v && !json_is_boolean(v)) {
		srv_problem(rp, 422, "invalid_field", "disabled", "true or false");
		return -1;
	}
	return 0;
}

int accounts_take_new(struct srv_req *rq, struct srv_reply *rp, struct srv_user *u,
		      const char **password)
{
	const char *name, *display;
	struct srv_user other;
	memset(u, 0, sizeof *u);
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL,
			    "send {\"username\",\"display_name\",\"password\"}");
		return -1;
	}
	if (!json_object_get(rq->body, "username")) {
		srv_problem(rp, 422, "missing_field", "username", "username is required");
		return -1;
	}
	if (!json_object_get(rq->body, "password")) {
		srv_problem(rp, 422, "missing_field", "password", "password is required");
		return -1;
	}
	if (take_text(rq, rp, "username", AUTH_USERNAME_MAX, &name) != 0 ||
	    accounts_take_display_name(rq, rp, &display) != 0 ||
	    accounts_take_password(rq, rp, name, password) != 0)
		return -1;
	if (store_user_by_name(rq->st, name, &other, NULL, 0) == STORE_OK) {
		srv_problem(rp, 409, "conflict", "username", "that username is taken");
		return -1;
	}
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "%s", display ? display : name);
	return 0;
}

const struct pwjob *accounts_job(const struct srv_req *rq)
{
	return rq->step > 0 ? rq->step_state : NULL;
}

static void answer_account(struct srv_req *rq, struct srv_reply *rp, int64_t id, int status,
			   json_t *before, const char *action)
{
	char id_text[24];
	json_t *after = store_account_get(rq->st, id);
	if (!after) {
		json_decref(before);
		srv_problem(rp, 500, "internal", NULL, "could not read the account");
		return;
	}
	snprintf(id_text, sizeof id_text, "%lld", (long long)id);
	int rc = access_audit(rq, rp, "user", id_text, action, before, after);
	json_decref(before);
	if (rc != 0) {
		json_decref(after);
		return;
	}
	srv_etag(rp, json_integer_value(json_object_get(after, "version")));
	srv_json(rp, status, after);
}

void accounts_insert(struct srv_req *rq, struct srv_reply *rp, struct srv_user *u,
		     const char *hash)
{
	int64_t id;
	int rc = store_user_create(rq->st, u, hash, rq->user.id, &id);
	if (rc == STORE_CONFLICT) {
		srv_problem(rp, 409, "conflict", "username", "that username is taken");
		return;
	}
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not create the account");
		return;
	}
	answer_account(rq, rp, id, 201, NULL, "create");
}

void accounts_update(struct srv_req *rq, struct srv_reply *rp, const struct srv_user *u,
		     const char *hash)
{
	json_t *before = store_account_get(rq->st, u->id);
	int rc = store_user_update(rq->st, u);
	if (rc == STORE_NOTFOUND) {
		json_decref(before);
		srv_problem(rp, 412, "precondition_failed", NULL, "the account changed: reload it");
		return;
	}
	if (rc == STORE_OK && hash)
		rc = store_user_set_hash(rq->st, u->id, hash);
	/* a disabled account, or one whose password was reset, is signed out */
	if (rc == STORE_OK && (u->disabled || hash))
		rc = store_sessions_end_others(rq->st, u->id, NULL);
	if (rc != STORE_OK) {
		json_decref(before);
		srv_problem(rp, 500, "internal", NULL, "could not save the account");
		return;
	}
	answer_account(rq, rp, u->id, 200, before,
		       hash ? "reset_password" : u->disabled ? "disable" : "update");
}
