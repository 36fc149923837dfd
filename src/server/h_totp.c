/* h_totp — enrolling a second factor (POST /me/totp: a new secret, pending
 * until a code from it is confirmed, and ten one-time recovery codes shown
 * once), confirming it, and removing it with a code or a recovery code.
 * Wrong codes to remove it count as failed logins (the limiter of auth.h),
 * like a wrong password: a stolen session cannot guess its way through. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/access.h"
#include "server/auth.h"
#include "server/handlers.h"
#include "server/store.h"
#include "server/totp.h"

void h_totp_enrol(struct srv_req *rq, struct srv_reply *rp)
{
	unsigned char secret[TOTP_SECRET_BYTES], sealed[128];
	char b32[TOTP_BASE32_MAX + 1], uri[512], codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_CHARS + 1];
	char hashes[TOTP_RECOVERY_CODES][65];
	size_t sealed_len;
	struct totp_row t;
	if (store_totp_get(rq->st, rq->user.id, &t) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the account");
		return;
	}
	if (t.state == STORE_TOTP_ON) {
		srv_problem(rp, 409, "conflict", NULL,
			    "a second factor is on: remove it first (DELETE /me/totp)");
		return;
	}
	randombytes_buf(secret, sizeof secret);
	int ok = totp_seal(secret, sizeof secret, sealed, sizeof sealed, &sealed_len) == 0 &&
		 totp_base32(secret, sizeof secret, b32, sizeof b32) == 0;
	sodium_memzero(secret, sizeof secret);
	for (int i = 0; ok && i < TOTP_RECOVERY_CODES; i++) {
		totp_recovery_code(codes[i]);
		ok = totp_recovery_hash(rq->user.id, codes[i], hashes[i]) == 0;
	}
	if (!ok || store_totp_set(rq->st, rq->user.id, STORE_TOTP_PENDING, sealed, sealed_len) !=
			   STORE_OK ||
	    store_recovery_codes_set(rq->st, rq->user.id, hashes, TOTP_RECOVERY_CODES) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not start the enrolment");
		return;
	}
	if (access_audit(rq, rp, "user", rq->user.username, "totp_enrol", NULL, NULL) != 0)
		return;
	totp_uri(rq->user.username, b32, uri, sizeof uri);
	json_t *list = json_array();
	for (int i = 0; i < TOTP_RECOVERY_CODES; i++)
		json_array_append_new(list, json_string(codes[i]));
	sodium_memzero(codes, sizeof codes);
	srv_json(rp, 201, json_pack("{s:s, s:s, s:o, s:s}", "secret", b32, "otpauth_uri", uri,
				    "recovery_codes", list, "status", "pending"));
	sodium_memzero(b32, sizeof b32);
}

/* The code's time step when it is a good code of the user's secret, else -1. */
static int64_t code_step(struct srv_req *rq, const struct totp_row *t, const char *code)
{
	unsigned char secret[64];
	size_t len;
	int64_t step = -1;
	if (totp_open(t->sealed, t->sealed_len, secret, sizeof secret, &len) != 0)
		return -1;
	if (totp_match(secret, len, (int64_t)time(NULL), code, &step) != 0)
		step = -1;
	sodium_memzero(secret, sizeof secret);
	return step;
}

void h_totp_confirm(struct srv_req *rq, struct srv_reply *rp)
{
	struct totp_row t;
	const char *code = json_string_value(json_object_get(rq->body, "code"));
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"code\"}");
		return;
	}
	if (!code || !*code) {
		srv_problem(rp, 422, "missing_field", "code", "the 6-digit code is required");
		return;
	}
	if (store_totp_get(rq->st, rq->user.id, &t) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the account");
		return;
	}
	if (t.state != STORE_TOTP_PENDING) {
		srv_problem(rp, 409, "conflict", NULL,
			    t.state == STORE_TOTP_ON ? "the second factor is already on"
						     : "nothing to confirm: enrol first (POST /me/totp)");
		return;
	}
	int64_t step = code_step(rq, &t, code);
	if (step < 0) {
		srv_problem(rp, 422, "invalid_field", "code",
			    "not the code your authenticator shows now (check its clock)");
		return;
	}
	if (store_totp_confirm(rq->st, rq->user.id, step) != STORE_OK ||
	    access_audit(rq, rp, "user", rq->user.username, "totp_on", NULL, NULL) != 0) {
		if (rp->status < 400)
			srv_problem(rp, 500, "internal", NULL, "could not confirm");
		return;
	}
	srv_json(rp, 200, json_pack("{s:s}", "status", "on"));
}

/* DELETE /me/totp {"code"} or {"recovery_code"} in steps: 0 checks; a
 * wrong one is counted and answered late (1: 422). */
void h_totp_delete(struct srv_req *rq, struct srv_reply *rp)
{
	struct totp_row t;
	const char *code = json_string_value(json_object_get(rq->body, "code"));
	const char *recovery = json_string_value(json_object_get(rq->body, "recovery_code"));
	const char *field = code && *code ? "code" : "recovery_code";
	char hex[65];
	if (rq->step == 1) {
		srv_problem(rp, 422, "invalid_field", field, "wrong, used or expired code");
		return;
	}
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"code\"} or {\"recovery_code\"}");
		return;
	}
	if ((!code || !*code) && (!recovery || !*recovery)) {
		srv_problem(rp, 422, "missing_field", "code",
			    "a code of the authenticator, or a recovery code, is required");
		return;
	}
	if (store_totp_get(rq->st, rq->user.id, &t) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the account");
		return;
	}
	if (t.state == STORE_TOTP_NONE) {
		srv_problem(rp, 409, "conflict", NULL, "no second factor to remove");
		return;
	}
	/* a code is guessed no faster than a password: counted as a failed
	 * login until it proves right; the delay's deferral commits the count */
	int64_t attempt;
	int wait = auth_limit_take(rq->st, rq->user.username, rq->ip, &attempt);
	if (auth_limit_answer(rp, wait) != 0)
		return;
	int good;
	if (code && *code) {
		int64_t step = code_step(rq, &t, code);
		good = step > t.last_step &&
		       store_totp_step_use(rq->st, rq->user.id, step) == STORE_OK;
	} else {
		good = totp_recovery_hash(rq->user.id, recovery, hex) == 0 &&
		       store_recovery_code_use(rq->st, rq->user.id, hex, (int64_t)time(NULL)) ==
			       STORE_OK;
	}
	if (!good) {
		srv_defer_delay(rq, rp, auth_failure_delay_ms(rq->st, rq->user.username, rq->ip));
		return;
	}
	auth_limit_succeeded(rq->st, rq->user.username, rq->ip);
	if (store_totp_set(rq->st, rq->user.id, STORE_TOTP_NONE, NULL, 0) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not remove the second factor");
		return;
	}
	if (access_audit(rq, rp, "user", rq->user.username, "totp_off", NULL, NULL) == 0)
		srv_json(rp, 204, NULL);
}
