/* h_session — health, login (POST /sessions), logout, the user's own
 * sessions (GET /sessions, DELETE /sessions/{id}) and GET /me. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/auth.h"
#include "server/handlers.h"
#include "server/store.h"
#include "server/totp.h"

void h_health(struct srv_req *rq, struct srv_reply *rp)
{
	/* the upload limit too, so a client can refuse a file before sending it */
	srv_json(rp, 200, json_pack("{s:s, s:s, s:I}", "status", "ok", "version", ANZHI_VERSION,
				    "max_upload_bytes", (json_int_t)rq->ctx->cfg.max_upload));
}

static json_t *user_json(struct srv_req *rq, const struct srv_user *u)
{
	json_t *unit_name = json_null(), *region_name = json_null();
	struct unit_ref unit;
	if (u->unit[0] && store_unit_ref(rq->st, u->unit, &unit) == STORE_OK) {
		json_decref(unit_name);
		unit_name = json_string(unit.name);
	}
	if (u->region[0]) {
		const struct region *r = regions_find(&rq->ctx->regions, u->region);
		if (r) {
			json_decref(region_name);
			region_name = json_string(r->name);
		}
	}
	int64_t unread = 0;
	notices_unread(rq, u, &unread);
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:I}", "username", u->username,
			      "display_name", u->display_name, "role", u->role, "unit",
			      u->unit[0] ? json_string(u->unit) : json_null(), "unit_name", unit_name,
			      "region", u->region[0] ? json_string(u->region) : json_null(),
			      "region_name", region_name, "year", rq->ctx->cfg.year, "unread_notices",
			      (json_int_t)unread);
	account_user_fields(rq, u, o);
	return o;
}

/* A login runs in steps, so that no request thread ever hashes a password
 * or sleeps (a flood of logins would otherwise stall every other request):
 *   0  check the body and the limiter (which counts the attempt as a
 *      failure), look the account up; hash on the pool
 *   1  hashed: on success a session (201), the pair's failures forgotten;
 *      on failure wait auth_failure_delay_ms on a timer
 *   2  waited: 401. */
struct login {
	struct srv_ctx *ctx;
	int64_t attempt;       /* its row in login_failures */
	struct srv_user u;
	int found, ok, hashed;
	char hash[crypto_pwhash_STRBYTES + 1];
	char *password; /* sodium_malloc'd; wiped once hashed */
	size_t password_len;
};

static void login_free(void *state)
{
	struct login *l = state;
	/* Dropped before its hash (the pool's queue was full, or stopping):
	 * not a guess, so not a failure. */
	if (!l->hashed && l->attempt)
		auth_limit_forget(srv_store(l->ctx), l->attempt);
	if (l->password)
		sodium_free(l->password);
	sodium_memzero(l->hash, sizeof l->hash);
	free(l);
}

/* On the hashing pool. An unknown account is verified against a real hash
 * too, so timing does not reveal who exists. */
static void login_verify(void *state)
{
	struct login *l = state;
	const char *hash = l->found ? l->hash : auth_dummy_hash();
	l->ok = auth_verify_password(hash, l->password) == 0 && l->found;
	l->hashed = 1;
	sodium_memzero(l->password, l->password_len);
}

static void login_start(struct srv_req *rq, struct srv_reply *rp)
{
	const char *user = json_string_value(json_object_get(rq->body, "username"));
	const char *pass = json_string_value(json_object_get(rq->body, "password"));

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
	if (strlen(user) > AUTH_USERNAME_MAX || strlen(pass) > 200) {
		srv_problem(rp, 401, "unauthorized", NULL, "wrong username or password");
		return;
	}
	struct login *l = calloc(1, sizeof *l);
	if (!l || !(l->password = sodium_malloc(strlen(pass) + 1))) {
		free(l);
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return;
	}
	l->ctx = rq->ctx;
	rq->step_state = l;
	rq->step_free = login_free;
	if (auth_limit_answer(rp, auth_limit_begin(rq->st, user, rq->ip, &l->attempt)) != 0)
		return;
	l->password_len = strlen(pass);
	memcpy(l->password, pass, l->password_len + 1);
	l->found = store_user_by_name(rq->st, user, &l->u, l->hash, sizeof l->hash) == STORE_OK &&
		   !l->u.disabled;
	srv_defer_work(rq, rp, login_verify, l);
}

static void login_verified(struct srv_req *rq, struct srv_reply *rp)
{
	struct login *l = rq->step_state;
	const char *user = json_string_value(json_object_get(rq->body, "username"));
	char token[AUTH_TOKEN_CHARS];
	/* The second factor is its own step of the chain (totp.c). A wrong
	 * code leaves the attempt counted like a wrong password: codes are
	 * guessed no faster than passwords, per account and address. The right
	 * password without a code is no guess: the attempt is forgotten. */
	enum totp_login factor = l->ok ? totp_login_check(rq, rp, &l->u) : TOTP_LOGIN_PASS;
	if (factor == TOTP_LOGIN_ANSWERED) {
		auth_limit_forget(rq->st, l->attempt);
		l->attempt = 0;
		return;
	}
	if (!l->ok || factor == TOTP_LOGIN_WRONG) {
		srv_defer_delay(rq, rp, auth_failure_delay_ms(rq->st, user, rq->ip));
		return;
	}
	auth_limit_succeeded(rq->st, user, rq->ip);
	if (auth_session_create(rq->st, &rq->ctx->cfg, l->u.id, rq->ip,
				srv_header(rq, "User-Agent"), token) != 0) {
		srv_problem(rp, 500, "internal", NULL, "could not create a session");
		return;
	}
	int lifetime = rq->ctx->cfg.session_lifetime;
	srv_json(rp, 201, json_pack("{s:s, s:i, s:o}", "token", token, "expires_in",
				    AUTH_IDLE_SECONDS < lifetime ? AUTH_IDLE_SECONDS : lifetime,
				    "user", user_json(rq, &l->u)));
}

static void login_refused(struct srv_req *rq, struct srv_reply *rp)
{
	srv_problem(rp, 401, "unauthorized", NULL, "wrong username or password");
}

void h_session_create(struct srv_req *rq, struct srv_reply *rp)
{
	static void (*const steps[])(struct srv_req *, struct srv_reply *) = {
		login_start, login_verified, login_refused,
	};
	if (rq->step < 0 || (size_t)rq->step >= sizeof steps / sizeof steps[0]) {
		srv_problem(rp, 500, "internal", NULL, "login step %d", rq->step);
		return;
	}
	steps[rq->step](rq, rp);
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

void h_session_list(struct srv_req *rq, struct srv_reply *rp)
{
	json_t *items = store_session_list(rq->st, rq->user.id, (int64_t)time(NULL),
					   rq->session_id);
	srv_json(rp, 200, json_pack("{s:o}", "items", items));
}

/* Ends one of the caller's own sessions; another user's is not found. */
void h_session_end(struct srv_req *rq, struct srv_reply *rp)
{
	char *end;
	long long id = strtoll(rq->params[0], &end, 10);
	if (*end || id <= 0 || store_session_end(rq->st, rq->user.id, id) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "no such session");
		return;
	}
	if (access_audit(rq, rp, "session", rq->params[0], "end", NULL, NULL) == 0)
		srv_json(rp, 204, NULL);
}

void h_me(struct srv_req *rq, struct srv_reply *rp)
{
	srv_json(rp, 200, user_json(rq, &rq->user));
}
