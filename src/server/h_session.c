/* h_session — health, login (POST /sessions), logout and GET /me. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/regions.h"
#include "server/auth.h"
#include "server/handlers.h"
#include "server/store.h"

void h_health(struct srv_req *rq, struct srv_reply *rp)
{
	/* the upload limit too, so a client can refuse a file before sending it */
	srv_json(rp, 200, json_pack("{s:s, s:s, s:I}", "status", "ok", "version", ANZHI_VERSION,
				    "max_upload_bytes", (json_int_t)rq->ctx->cfg.max_upload));
}

static json_t *user_json(struct srv_req *rq, const struct srv_user *u)
{
	json_t *unit_name = json_null(), *region_name = json_null();
	if (u->unit[0]) {
		json_t *unit = store_unit_get(rq->st, u->unit);
		const char *n = json_string_value(json_object_get(unit, "name"));
		if (n) {
			json_decref(unit_name);
			unit_name = json_string(n);
		}
		json_decref(unit);
	}
	if (u->region[0]) {
		const struct region *r = regions_find(&rq->ctx->regions, u->region);
		if (r) {
			json_decref(region_name);
			region_name = json_string(r->name);
		}
	}
	json_t *notices = store_notice_list(rq->st, u->id, u->unit[0] ? u->unit : NULL);
	size_t i, unread = 0;
	json_t *n;
	json_array_foreach(notices, i, n)
		unread += !json_is_true(json_object_get(n, "read"));
	json_decref(notices);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:I}", "username", u->username,
			 "display_name", u->display_name, "role", u->role, "unit",
			 u->unit[0] ? json_string(u->unit) : json_null(), "unit_name", unit_name,
			 "region", u->region[0] ? json_string(u->region) : json_null(),
			 "region_name", region_name, "year", rq->ctx->cfg.year, "unread_notices",
			 (json_int_t)unread);
}

void h_session_create(struct srv_req *rq, struct srv_reply *rp)
{
	const char *user = json_string_value(json_object_get(rq->body, "username"));
	const char *pass = json_string_value(json_object_get(rq->body, "password"));
	char hash[crypto_pwhash_STRBYTES + 1] = "";
	char token[AUTH_TOKEN_CHARS];
	struct srv_user u;

	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"username\",\"password\"}");
		return;
	}
	if (!user || !*user) {
		srv_problem(rp, 422, "missing_field", "username", "username is required");
		return;
	}
	if (!pass || !*pass) {
		srv_problem(rp, 422, "missing_field", "password", "password is required");
		return;
	}
	if (strlen(user) > 60 || strlen(pass) > 200) {
		srv_problem(rp, 401, "unauthorized", NULL, "wrong username or password");
		return;
	}
	int wait = auth_limit_check(user, rq->ip);
	if (wait > 0) {
		srv_problem(rp, 429, "rate_limited", NULL, "too many failed logins: wait %d s", wait);
		rp->retry_after = wait;
		return;
	}
	int found = store_user_by_name(rq->st, user, &u, hash, sizeof hash) == STORE_OK;
	/* Verify even for unknown users so timing does not reveal who exists. */
	int ok = auth_verify_password(found ? hash : auth_dummy_hash(), pass) == 0 && found;
	if (!ok) {
		auth_limit_failed(user, rq->ip);
		usleep(200 * 1000); /* slow guessing down a little more */
		srv_problem(rp, 401, "unauthorized", NULL, "wrong username or password");
		return;
	}
	auth_limit_succeeded(user);
	if (auth_session_create(rq->st, u.id, token) != 0) {
		srv_problem(rp, 500, "internal", NULL, "could not create a session");
		return;
	}
	srv_json(rp, 201, json_pack("{s:s, s:i, s:o}", "token", token, "expires_in",
				    AUTH_IDLE_SECONDS, "user", user_json(rq, &u)));
}

void h_session_delete(struct srv_req *rq, struct srv_reply *rp)
{
	char hex[65];
	const char *a = srv_header(rq, "Authorization");
	if (a && strncmp(a, "Bearer ", 7) == 0) {
		auth_token_hash(a + 7, hex);
		store_session_delete(rq->st, hex);
	}
	srv_json(rp, 204, NULL);
}

void h_me(struct srv_req *rq, struct srv_reply *rp)
{
	srv_json(rp, 200, user_json(rq, &rq->user));
}
