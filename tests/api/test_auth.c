/* Accounts and sessions over HTTPS: login, me, logout, wrong passwords,
 * rate limiting, role refusals, problem details. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"

static struct server srv;
static char *unit_token, *reviewer_token;

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	unit_token = login(&srv, "xinghe", "demo1234");
	reviewer_token = login(&srv, "reviewer", "demo1234");
	return unit_token && reviewer_token ? 0 : -1;
}

static int teardown(void **state)
{
	free(unit_token);
	free(reviewer_token);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static void test_health_needs_no_login(void **state)
{
	struct resp r;
	assert_int_equal(http(&srv, "GET", "/health", NULL, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "ok");
	assert_string_equal(jstr(r.json, "version"), "0.1.0");
	resp_free(&r);
}

static void test_login_returns_token_user_and_8h_expiry(void **state)
{
	struct resp r;
	http(&srv, "POST", "/sessions", NULL, "{\"username\":\"jining\",\"password\":\"demo1234\"}",
	     NULL, &r);
	assert_int_equal(r.status, 201);
	assert_true(strlen(jstr(r.json, "token")) >= 43);
	assert_int_equal(jint(r.json, "expires_in"), 28800);
	assert_string_equal(jstr(r.json, "user.role"), "unit");
	assert_string_equal(jstr(r.json, "user.unit_name"), "乌兰察布市集宁区社会福利院");
	resp_free(&r);
}

static void test_me_describes_the_logged_in_user(void **state)
{
	struct resp r;
	http(&srv, "GET", "/me", unit_token, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "username"), "xinghe");
	assert_string_equal(jstr(r.json, "unit"), demo_unit_of(&srv, "xinghe"));
	assert_int_equal(jint(r.json, "year"), jint(srv.demo, "year"));
	assert_true(jint(r.json, "unread_notices") >= 1);
	resp_free(&r);
	http(&srv, "GET", "/me", reviewer_token, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "region"), "150900");
	assert_string_equal(jstr(r.json, "region_name"), "乌兰察布市");
	assert_true(json_is_null(jget(r.json, "unit")));
	resp_free(&r);
}

static void test_wrong_password_is_401_problem_json(void **state)
{
	struct resp r;
	http(&srv, "POST", "/sessions", NULL, "{\"username\":\"caoyuan\",\"password\":\"nope-nope\"}",
	     NULL, &r);
	assert_int_equal(r.status, 401);
	assert_string_equal(r.content_type, "application/problem+json");
	assert_string_equal(jstr(r.json, "code"), "unauthorized");
	assert_int_equal(jint(r.json, "status"), 401);
	resp_free(&r);
}

static void test_login_without_password_names_the_field(void **state)
{
	struct resp r;
	http(&srv, "POST", "/sessions", NULL, "{\"username\":\"caoyuan\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "code"), "missing_field");
	assert_string_equal(jstr(r.json, "field"), "password");
	resp_free(&r);
}

static void test_malformed_json_is_400_invalid_json(void **state)
{
	struct resp r;
	http(&srv, "POST", "/sessions", NULL, "{\"username\":", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(jstr(r.json, "code"), "invalid_json");
	resp_free(&r);
}

static void test_json_body_over_1_mib_is_413(void **state)
{
	struct resp r;
	size_t n = 2u << 20;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	http(&srv, "POST", "/sessions", NULL, big, NULL, &r);
	free(big);
	assert_int_equal(r.status, 413);
	resp_free(&r);
}

static void test_no_or_bad_token_is_401(void **state)
{
	struct resp r;
	http(&srv, "GET", "/me", NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_string_equal(jstr(r.json, "code"), "unauthorized");
	resp_free(&r);
	http(&srv, "GET", "/me", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	resp_free(&r);
}

static void test_logout_ends_the_session(void **state)
{
	struct resp r;
	char *tok = login(&srv, "beifang", "demo1234");
	assert_non_null(tok);
	http(&srv, "DELETE", "/sessions/current", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	http(&srv, "GET", "/me", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	free(tok);
}

static void test_five_failures_then_429_with_retry_after(void **state)
{
	struct resp r;
	const char *bad = "{\"username\":\"supervisor\",\"password\":\"wrong-password\"}";
	for (int i = 0; i < 5; i++) {
		http(&srv, "POST", "/sessions", NULL, bad, NULL, &r);
		assert_int_equal(r.status, 401);
		resp_free(&r);
	}
	/* Even the right password waits now. */
	http(&srv, "POST", "/sessions", NULL,
	     "{\"username\":\"supervisor\",\"password\":\"demo1234\"}", NULL, &r);
	assert_int_equal(r.status, 429);
	assert_string_equal(jstr(r.json, "code"), "rate_limited");
	assert_true(atoi(r.retry_after) > 0 && atoi(r.retry_after) <= 901);
	resp_free(&r);
	/* Other accounts are not locked out. */
	char *tok = login(&srv, "admin", "demo1234");
	assert_non_null(tok);
	free(tok);
}

static void test_reviewer_may_not_change_placements_403(void **state)
{
	struct resp r;
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", "/placements/1/months", reviewer_token, "{\"months\":[]}", h, &r);
	assert_int_equal(r.status, 403);
	assert_string_equal(jstr(r.json, "code"), "forbidden");
	resp_free(&r);
}

static void test_unknown_path_404_and_wrong_method_405(void **state)
{
	struct resp r;
	http(&srv, "GET", "/nothing-here", unit_token, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	http(&srv, "PATCH", "/me", unit_token, NULL, NULL, &r);
	assert_int_equal(r.status, 405);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health_needs_no_login),
		cmocka_unit_test(test_login_returns_token_user_and_8h_expiry),
		cmocka_unit_test(test_me_describes_the_logged_in_user),
		cmocka_unit_test(test_wrong_password_is_401_problem_json),
		cmocka_unit_test(test_login_without_password_names_the_field),
		cmocka_unit_test(test_malformed_json_is_400_invalid_json),
		cmocka_unit_test(test_json_body_over_1_mib_is_413),
		cmocka_unit_test(test_no_or_bad_token_is_401),
		cmocka_unit_test(test_logout_ends_the_session),
		cmocka_unit_test(test_five_failures_then_429_with_retry_after),
		cmocka_unit_test(test_reviewer_may_not_change_placements_403),
		cmocka_unit_test(test_unknown_path_404_and_wrong_method_405),
	};
	return cmocka_run_group_tests_name("api_auth", tests, setup, teardown);
}
