/* The second factor over HTTPS: enrolment (secret, otpauth URI, ten recovery
 * codes; pending until a code confirms it), login asking for the code (401
 * totp_required, no token) and taking it once (a replay is refused),
 * recovery codes good once, wrong codes limited like passwords, removal with
 * a code, and the administrator requiring it of a role (everything but
 * enrolment is then 403 until the user enrols). Codes are computed here with
 * GnuTLS's HMAC-SHA-1, independently of the service's liboath. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/api/harness.h"

static struct server srv;
static char *tok_admin;

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	tok_admin = login(&srv, "admin", "demo1234");
	return tok_admin ? 0 : -1;
}

static int teardown(void **state)
{
	free(tok_admin);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static size_t base32_decode(const char *in, unsigned char *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned buf = 0;
	int bits = 0;
	size_t n = 0;
	for (; *in && *in != '='; in++) {
		const char *p = strchr(abc, *in);
		assert_non_null(p);
		buf = (buf << 5) | (unsigned)(p - abc);
		bits += 5;
		if (bits >= 8) {
			out[n++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return n;
}

/* RFC 6238 with SHA-1, 6 digits, for the step of time t. */
static void code_at(const char *b32, time_t t, char out[7])
{
	unsigned char key[64], msg[8], mac[20];
	size_t klen = base32_decode(b32, key);
	uint64_t step = (uint64_t)t / 30;
	for (int i = 7; i >= 0; i--, step >>= 8)
		msg[i] = (unsigned char)step;
	assert_int_equal(gnutls_hmac_fast(GNUTLS_MAC_SHA1, key, klen, msg, 8, mac), 0);
	int off = mac[19] & 15;
	uint32_t v = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
		     ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
	snprintf(out, 7, "%06u", v % 1000000);
}

static long post(const char *path, const char *tok, const char *body, const char *code)
{
	struct resp r;
	http(&srv, "POST", path, tok, body, NULL, &r);
	long st = r.status;
	if (code)
		assert_string_equal(jstr(r.json, "code"), code);
	resp_free(&r);
	return st;
}

static long login_with(const char *user, const char *extra, char **token)
{
	struct resp r;
	char body[256];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"demo1234\"%s}", user, extra);
	http(&srv, "POST", "/sessions", NULL, body, NULL, &r);
	long st = r.status;
	if (token)
		*token = st == 201 ? strdup(jstr(r.json, "token")) : NULL;
	if (st == 401)
		assert_null(jget(r.json, "token"));
	resp_free(&r);
	return st;
}

/* Enrols user and confirms with the current code; fills its secret and
 * first recovery codes. */
static void enrol(const char *user, char secret[64], char codes[10][16])
{
	struct resp r;
	char *tok = login(&srv, user, "demo1234"), body[64], code[7];
	assert_non_null(tok);
	http(&srv, "POST", "/me/totp", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 201);
	snprintf(secret, 64, "%s", jstr(r.json, "secret"));
	assert_int_equal(strlen(secret), 32);
	assert_non_null(strstr(jstr(r.json, "otpauth_uri"), secret));
	assert_int_equal(strncmp(jstr(r.json, "otpauth_uri"), "otpauth://totp/anzhi:", 21), 0);
	assert_int_equal(json_array_size(jget(r.json, "recovery_codes")), 10);
	for (int i = 0; i < 10; i++)
		snprintf(codes[i], 16, "%s",
			 json_string_value(json_array_get(jget(r.json, "recovery_codes"), i)));
	resp_free(&r);
	/* pending: logging in still needs no code */
	assert_int_equal(login_with(user, "", NULL), 201);
	assert_int_equal(post("/me/totp/confirm", tok, "{\"code\":\"000000\"}", "invalid_field"),
			 422);
	code_at(secret, time(NULL), code);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	assert_int_equal(post("/me/totp/confirm", tok, body, NULL), 200);
	assert_int_equal(post("/me/totp/confirm", tok, body, "conflict"), 409);
	free(tok);
}

static void test_enrolled_login_asks_for_the_code_then_takes_it_once(void **state)
{
	char secret[64], codes[10][16], extra[64], code[7], *tok = NULL;
	enrol("xinghe", secret, codes);
	assert_int_equal(login_with("xinghe", "", NULL), 401);
	struct resp r;
	http(&srv, "POST", "/sessions", NULL, "{\"username\":\"xinghe\",\"password\":\"demo1234\"}",
	     NULL, &r);
	assert_string_equal(jstr(r.json, "code"), "totp_required");
	resp_free(&r);
	/* the code of the next step: the confirming code's step is used */
	code_at(secret, time(NULL) + 30, code);
	snprintf(extra, sizeof extra, ",\"totp\":\"%s\"", code);
	assert_int_equal(login_with("xinghe", extra, &tok), 201);
	http(&srv, "GET", "/me", tok, NULL, NULL, &r);
	assert_true(json_is_true(jget(r.json, "totp")));
	resp_free(&r);
	free(tok);
	/* the same code again: replayed, refused */
	assert_int_equal(login_with("xinghe", extra, NULL), 401);
}

static void test_recovery_codes_log_in_once_each(void **state)
{
	char secret[64], codes[10][16], extra[64];
	enrol("caoyuan", secret, codes);
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[3]);
	assert_int_equal(login_with("caoyuan", extra, NULL), 201);
	assert_int_equal(login_with("caoyuan", extra, NULL), 401);
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[4]);
	assert_int_equal(login_with("caoyuan", extra, NULL), 201);
	/* the wrong password with a good code is still refused */
	struct resp r;
	char body[200];
	snprintf(body, sizeof body,
		 "{\"username\":\"caoyuan\",\"password\":\"wrong-one\",\"recovery_code\":\"%s\"}",
		 codes[5]);
	http(&srv, "POST", "/sessions", NULL, body, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_string_equal(jstr(r.json, "code"), "unauthorized");
	resp_free(&r);
}

static void test_code_guesses_are_limited_like_passwords(void **state)
{
	char secret[64], codes[10][16], code[7], extra[64];
	enrol("beifang", secret, codes);
	for (int i = 0; i < 5; i++)
		assert_int_equal(login_with("beifang", ",\"totp\":\"123456\"", NULL), 401);
	code_at(secret, time(NULL) + 30, code);
	snprintf(extra, sizeof extra, ",\"totp\":\"%s\"", code);
	struct resp r;
	char body[200];
	snprintf(body, sizeof body, "{\"username\":\"beifang\",\"password\":\"demo1234\"%s}", extra);
	http(&srv, "POST", "/sessions", NULL, body, NULL, &r);
	assert_int_equal(r.status, 429);
	assert_string_equal(jstr(r.json, "code"), "rate_limited");
	assert_true(atoi(r.retry_after) > 0);
	resp_free(&r);
}

/* The right password without a code answers totp_required: no guess, so
 * asking again and again never makes the user wait. */
static void test_the_right_password_without_a_code_is_no_guess(void **state)
{
	char secret[64], codes[10][16], code[7], extra[64];
	enrol("chayouqian", secret, codes);
	for (int i = 0; i < 6; i++)
		assert_int_equal(login_with("chayouqian", "", NULL), 401);
	code_at(secret, time(NULL) + 30, code);
	snprintf(extra, sizeof extra, ",\"totp\":\"%s\"", code);
	assert_int_equal(login_with("chayouqian", extra, NULL), 201);
}

/* Wrong codes to remove the factor are failed logins of the account from
 * that address: five, and neither the right code nor a login gets through. */
static void test_wrong_removal_codes_count_like_failed_logins(void **state)
{
	char secret[64], codes[10][16], code[7], body[64], extra[64], *tok = NULL;
	enrol("fengzhen", secret, codes);
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[0]);
	assert_int_equal(login_with("fengzhen", extra, &tok), 201);
	struct resp r;
	for (int i = 0; i < 5; i++) {
		http(&srv, "DELETE", "/me/totp", tok, "{\"code\":\"999999\"}", NULL, &r);
		assert_int_equal(r.status, 422);
		resp_free(&r);
	}
	code_at(secret, time(NULL) + 30, code);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	http(&srv, "DELETE", "/me/totp", tok, body, NULL, &r);
	assert_int_equal(r.status, 429);
	assert_string_equal(jstr(r.json, "code"), "rate_limited");
	resp_free(&r);
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[1]);
	assert_int_equal(login_with("fengzhen", extra, NULL), 429);
	free(tok);
}

static void test_removing_the_factor_needs_a_code(void **state)
{
	char secret[64], codes[10][16], code[7], body[64], *tok = NULL, extra[64];
	enrol("jining", secret, codes);
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[0]);
	assert_int_equal(login_with("jining", extra, &tok), 201);
	struct resp r;
	http(&srv, "DELETE", "/me/totp", tok, "{\"code\":\"999999\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "code");
	resp_free(&r);
	http(&srv, "DELETE", "/me/totp", tok, "{\"recovery_code\":\"aaaaa-bbbbb\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "recovery_code");
	resp_free(&r);
	code_at(secret, time(NULL) + 30, code);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	http(&srv, "DELETE", "/me/totp", tok, body, NULL, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	assert_int_equal(login_with("jining", "", NULL), 201);
	/* enrolling again starts afresh (the old recovery codes are gone) */
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[1]);
	assert_int_equal(login_with("jining", extra, NULL), 201); /* no factor: the code is ignored */
	free(tok);
}

static void test_admin_requires_a_factor_of_a_role(void **state)
{
	struct resp r;
	char *tok = login(&srv, "supervisor", "demo1234");
	assert_non_null(tok);
	char *unit_tok = login(&srv, "xinghe-agent", "demo1234");
	assert_non_null(unit_tok);
	http(&srv, "GET", "/settings", tok_admin, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "totp_required_roles")), 0);
	char im[48];
	snprintf(im, sizeof im, "If-Match: %s", r.etag);
	resp_free(&r);
	const char *h[] = { im, NULL };
	http(&srv, "PUT", "/settings", tok, "{\"totp_required_roles\":[\"supervisor\"]}", h, &r);
	assert_int_equal(r.status, 403); /* not an admin */
	resp_free(&r);
	http(&srv, "PUT", "/settings", tok_admin, "{\"totp_required_roles\":[\"agent\"]}", h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "totp_required_roles[0]");
	resp_free(&r);
	http(&srv, "PUT", "/settings", tok_admin,
	     "{\"totp_required_roles\":[\"supervisor\",\"reviewer\"]}", h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "totp_required_roles.0"), "reviewer");
	resp_free(&r);
	/* the supervisor's session may only enrol now */
	http(&srv, "GET", "/review/placements", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	assert_string_equal(jstr(r.json, "code"), "totp_enrolment_required");
	resp_free(&r);
	http(&srv, "GET", "/me", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_true(jget(r.json, "totp_required")));
	assert_true(json_is_false(jget(r.json, "totp")));
	resp_free(&r);
	/* other roles go on */
	http(&srv, "GET", "/notices", unit_tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	char secret[64], codes[10][16];
	enrol("supervisor", secret, codes);
	char extra[64], *tok2 = NULL;
	snprintf(extra, sizeof extra, ",\"recovery_code\":\"%s\"", codes[9]);
	assert_int_equal(login_with("supervisor", extra, &tok2), 201);
	http(&srv, "GET", "/review/placements", tok2, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* the demo's other accounts have no factor: the reviewer must enrol first */
	char *rtok = login(&srv, "reviewer", "demo1234");
	http(&srv, "GET", "/review/placements", rtok, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	free(rtok);
	free(tok2);
	free(tok);
	free(unit_tok);
}

static void test_admin_removes_a_lost_factor(void **state)
{
	struct resp r;
	char secret[64], codes[10][16];
	enrol("xinghe-agent", secret, codes);
	assert_int_equal(login_with("xinghe-agent", "", NULL), 401);
	http(&srv, "GET", "/users?q=xinghe-agent", tok_admin, NULL, NULL, &r);
	char path[48], im[48];
	snprintf(path, sizeof path, "/users/%lld", jint(r.json, "items.0.id"));
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(r.json, "items.0.version"));
	assert_true(json_is_true(jget(r.json, "items.0.totp")));
	resp_free(&r);
	const char *h[] = { im, NULL };
	http(&srv, "PUT", path, tok_admin, "{\"totp\":false}", h, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_false(jget(r.json, "totp")));
	resp_free(&r);
	assert_int_equal(login_with("xinghe-agent", "", NULL), 201);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enrolled_login_asks_for_the_code_then_takes_it_once),
		cmocka_unit_test(test_recovery_codes_log_in_once_each),
		cmocka_unit_test(test_code_guesses_are_limited_like_passwords),
		cmocka_unit_test(test_the_right_password_without_a_code_is_no_guess),
		cmocka_unit_test(test_wrong_removal_codes_count_like_failed_logins),
		cmocka_unit_test(test_removing_the_factor_needs_a_code),
		cmocka_unit_test(test_admin_requires_a_factor_of_a_role),
		cmocka_unit_test(test_admin_removes_a_lost_factor),
	};
	return cmocka_run_group_tests_name("totp", tests, setup, teardown);
}
