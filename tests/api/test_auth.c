/* Accounts and sessions over HTTPS: login, me, logout, wrong passwords,
 * role refusals, problem details; and the login limiter of issue 13: per
 * (account, address) and per address, in the store, counted before the
 * hash, each failure answered later than the one before, and never a lock
 * on the account from addresses that are not the user's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/api/raw.h"

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

/* A guess at `user` from `source`: the status and the Retry-After (0 when
 * none); *ms the time it took. No assertion here: threads call it. */
static long try_login(const char *source, const char *user, const char *password, long *ms,
		      int *retry_after)
{
	struct resp r;
	char body[200];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
	long t0 = raw_now_ms();
	http_from(&srv, source, "POST", "/sessions", NULL, body, NULL, &r);
	if (ms)
		*ms = raw_now_ms() - t0;
	long st = r.status;
	*retry_after = atoi(r.retry_after);
	resp_free(&r);
	return st;
}

/* The same on the test's thread: a 429 must say how long to wait. */
static long guess(const char *source, const char *user, const char *password, long *ms)
{
	int retry;
	long st = try_login(source, user, password, ms, &retry);
	if (st == 429)
		assert_true(retry > 0 && retry <= 901);
	return st;
}

static void test_five_failures_from_an_address_then_429_there_only(void **state)
{
	for (int i = 0; i < 5; i++)
		assert_int_equal(guess("127.0.0.21", "supervisor", "wrong-password", NULL), 401);
	/* From there even the right password waits now… */
	assert_int_equal(guess("127.0.0.21", "supervisor", "demo1234", NULL), 429);
	/* …but the user, from their own address, is not locked out. */
	assert_int_equal(guess("127.0.0.1", "supervisor", "demo1234", NULL), 201);
	assert_int_equal(guess("127.0.0.26", "supervisor", "demo1234", NULL), 201);
}

static void test_sixty_guesses_from_one_address_never_get_in(void **state)
{
	int s401 = 0, s429 = 0;
	for (int i = 0; i < 60; i++) {
		long st = guess("127.0.0.22", "admin", "not-the-password", NULL);
		s401 += st == 401;
		s429 += st == 429;
	}
	assert_int_equal(s401, 5);
	assert_int_equal(s429, 55);
	assert_int_equal(guess("127.0.0.22", "admin", "demo1234", NULL), 429);
}

struct parallel {
	pthread_t th;
	long status;
};

static void *parallel_guess(void *arg)
{
	struct parallel *p = arg;
	int retry;
	p->status = try_login("127.0.0.23", "reviewer", "not-the-password", NULL, &retry);
	return NULL;
}

static void test_parallel_guesses_count_before_they_are_hashed(void **state)
{
	struct parallel p[24];
	int s401 = 0;
	for (int i = 0; i < 24; i++)
		pthread_create(&p[i].th, NULL, parallel_guess, &p[i]);
	for (int i = 0; i < 24; i++)
		pthread_join(p[i].th, NULL);
	for (int i = 0; i < 24; i++) {
		s401 += p[i].status == 401;
		assert_true(p[i].status == 401 || p[i].status == 429 || p[i].status == 503);
	}
	fprintf(stderr, "24 parallel guesses from one address: %d checked\n", s401);
	assert_true(s401 <= 5);
	assert_int_equal(guess("127.0.0.23", "reviewer", "demo1234", NULL), 429);
}

static void test_each_failure_from_an_address_is_answered_later(void **state)
{
	long ms[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(guess("127.0.0.25", "jining", "not-the-password", &ms[i]), 401);
	fprintf(stderr, "failures answered after %ld, %ld, %ld, %ld ms\n", ms[0], ms[1], ms[2], ms[3]);
	/* At least the delays 200, 400, 800, 1600 ms (argon2id adds to each). */
	assert_true(ms[0] >= 200 && ms[1] >= 400 && ms[2] >= 800 && ms[3] >= 1600);
	/* The account itself is not slowed down from elsewhere. */
	char *tok = login(&srv, "jining", "demo1234");
	assert_non_null(tok);
	free(tok);
}

static void test_an_address_guessing_many_accounts_is_capped(void **state)
{
	char user[32];
	for (int i = 0; i < 20; i++) {
		snprintf(user, sizeof user, "nobody-%d", i);
		assert_int_equal(guess("127.0.0.24", user, "not-the-password", NULL), 401);
	}
	assert_int_equal(guess("127.0.0.24", "nobody-20", "not-the-password", NULL), 429);
	assert_int_equal(guess("127.0.0.24", "caoyuan", "demo1234", NULL), 429);
	assert_int_equal(guess("127.0.0.27", "caoyuan", "demo1234", NULL), 201);
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
		cmocka_unit_test(test_five_failures_from_an_address_then_429_there_only),
		cmocka_unit_test(test_sixty_guesses_from_one_address_never_get_in),
		cmocka_unit_test(test_parallel_guesses_count_before_they_are_hashed),
		cmocka_unit_test(test_each_failure_from_an_address_is_answered_later),
		cmocka_unit_test(test_an_address_guessing_many_accounts_is_capped),
		cmocka_unit_test(test_reviewer_may_not_change_placements_403),
		cmocka_unit_test(test_unknown_path_404_and_wrong_method_405),
	};
	return cmocka_run_group_tests_name("api_auth", tests, setup, teardown);
}
