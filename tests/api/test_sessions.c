/* Sessions (issue 13): a user lists their own sessions (never a token) and
 * ends any of them; a user has at most --sessions-per-user sessions (the
 * oldest ends when a login makes one more); a session ends at its absolute
 * lifetime (--session-lifetime) however busy it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/api/raw.h"

static struct server srv;

static int setup(void **state)
{
	return server_start(&srv, NULL, NULL);
}

static int teardown(void **state)
{
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* Logs in with a User-Agent; a malloc'd token or NULL. */
static char *login_as(struct server *s, const char *user, const char *agent)
{
	struct resp r;
	char body[200], ua[200];
	const char *h[] = { ua, NULL };
	char *tok = NULL;
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"demo1234\"}", user);
	snprintf(ua, sizeof ua, "User-Agent: %s", agent);
	if (http(s, "POST", "/sessions", NULL, body, h, &r) == 0 && r.status == 201)
		tok = strdup(jstr(r.json, "token"));
	resp_free(&r);
	return tok;
}

static long me(struct server *s, const char *tok)
{
	struct resp r;
	http(s, "GET", "/me", tok, NULL, NULL, &r);
	long st = r.status;
	resp_free(&r);
	return st;
}

static int matches(const char *re, const char *s)
{
	regex_t rx;
	assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	int ok = s && regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return ok;
}

/* The id of the session in items whose user agent is ua (0: none). */
static long long session_with_agent(json_t *items, const char *ua)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (strcmp(jstr(it, "user_agent"), ua) == 0)
			return jint(it, "id");
	return 0;
}

static void test_users_list_their_own_sessions_and_never_a_token(void **state)
{
	struct resp r;
	char *one = login_as(&srv, "beifang", "anzhi-test/1 (one)");
	char *two = login_as(&srv, "beifang", "anzhi-test/1 (two)");
	char *other = login_as(&srv, "jining", "anzhi-test/1 (jining)");
	assert_non_null(one);
	assert_non_null(two);
	assert_non_null(other);
	http(&srv, "GET", "/sessions", two, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	json_t *items = jget(r.json, "items");
	assert_int_equal(json_array_size(items), 2);
	int current = 0;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		assert_true(jint(it, "id") > 0);
		assert_true(matches("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
				    jstr(it, "created_at")));
		assert_true(matches("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
				    jstr(it, "last_seen")));
		assert_string_equal(jstr(it, "ip"), "127.0.0.1");
		assert_true(json_is_boolean(jget(it, "current")));
		if (json_is_true(jget(it, "current"))) {
			current++;
			assert_string_equal(jstr(it, "user_agent"), "anzhi-test/1 (two)");
		}
	}
	assert_int_equal(current, 1);
	assert_null(strstr(r.body, one));
	assert_null(strstr(r.body, two));
	assert_null(strstr(r.body, "token"));
	assert_int_equal(session_with_agent(items, "anzhi-test/1 (jining)"), 0);
	resp_free(&r);
	free(one);
	free(two);
	free(other);
}

static void test_a_user_ends_another_of_their_sessions_and_no_one_elses(void **state)
{
	struct resp r;
	char path[64];
	char *phone = login_as(&srv, "caoyuan", "anzhi-test/1 (phone)");
	char *desk = login_as(&srv, "caoyuan", "anzhi-test/1 (desk)");
	char *other = login_as(&srv, "jining", "anzhi-test/1 (someone else)");
	http(&srv, "GET", "/sessions", other, NULL, NULL, &r);
	long long others = session_with_agent(jget(r.json, "items"), "anzhi-test/1 (someone else)");
	resp_free(&r);
	http(&srv, "GET", "/sessions", desk, NULL, NULL, &r);
	long long phone_id = session_with_agent(jget(r.json, "items"), "anzhi-test/1 (phone)");
	resp_free(&r);
	assert_true(phone_id > 0 && others > 0);

	snprintf(path, sizeof path, "/sessions/%lld", others);
	http(&srv, "DELETE", path, desk, NULL, NULL, &r);
	assert_int_equal(r.status, 404);     /* another user's: as if it did not exist */
	resp_free(&r);
	assert_int_equal(me(&srv, other), 200);
	http(&srv, "DELETE", "/sessions/999999", desk, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);

	snprintf(path, sizeof path, "/sessions/%lld", phone_id);
	http(&srv, "DELETE", path, desk, NULL, NULL, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	assert_int_equal(me(&srv, phone), 401);
	assert_int_equal(me(&srv, desk), 200);
	free(phone);
	free(desk);
	free(other);
}

static void test_a_login_beyond_ten_sessions_ends_the_oldest(void **state)
{
	struct resp r;
	char *tok[11];
	for (int i = 0; i < 11; i++) {
		char ua[40];
		snprintf(ua, sizeof ua, "anzhi-test/1 (%d)", i);
		tok[i] = login_as(&srv, "xinghe-agent", ua);
		assert_non_null(tok[i]);
	}
	assert_int_equal(me(&srv, tok[0]), 401);
	for (int i = 1; i < 11; i++)
		assert_int_equal(me(&srv, tok[i]), 200);
	http(&srv, "GET", "/sessions", tok[10], NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 10);
	assert_int_equal(session_with_agent(jget(r.json, "items"), "anzhi-test/1 (0)"), 0);
	resp_free(&r);
	for (int i = 0; i < 11; i++)
		free(tok[i]);
}

static struct server own;

static int own_stop(void **state)
{
	if (own.pid > 0 || own.dir[0])
		server_stop(&own, 0);
	return 0;
}

static void test_a_session_ends_at_its_absolute_lifetime_however_busy(void **state)
{
	const char *args[] = { "--session-lifetime", "3", NULL };
	assert_int_equal(server_start(&own, NULL, args), 0);
	char *tok = login(&own, "xinghe", "demo1234");
	assert_non_null(tok);
	long t0 = raw_now_ms(), ended = -1;
	while (raw_now_ms() - t0 < 8000) {
		if (me(&own, tok) == 401) {
			ended = raw_now_ms() - t0;
			break;
		}
		raw_sleep_ms(250);
	}
	fprintf(stderr, "a 3 s session, used every 250 ms, ended after %ld ms\n", ended);
	assert_true(ended >= 1000 && ended <= 6000); /* 3 s, counted in whole seconds */
	free(tok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_users_list_their_own_sessions_and_never_a_token),
		cmocka_unit_test(test_a_user_ends_another_of_their_sessions_and_no_one_elses),
		cmocka_unit_test(test_a_login_beyond_ten_sessions_ends_the_oldest),
		cmocka_unit_test_teardown(test_a_session_ends_at_its_absolute_lifetime_however_busy,
					  own_stop),
	};
	return cmocka_run_group_tests_name("api_sessions", tests, setup, teardown);
}
