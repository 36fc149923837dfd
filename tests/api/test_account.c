/* 用户中心 over HTTPS: the legal person's account manages its agents (create,
 * list, disable, reset the password; an agent, federation staff and other
 * units cannot), new passwords follow the rules, and 修改密码 checks the
 * current password (failures counted like logins) and ends every other
 * session of the user. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/api/scenario.h"

static struct server srv;
static char *tok_xinghe, *tok_agent, *tok_reviewer, *tok_admin, *tok_caoyuan;
static char agents_path[96];

static const struct scenario_login cast[] = {
	{ "xinghe", &tok_xinghe }, { "xinghe-agent", &tok_agent }, { "reviewer", &tok_reviewer },
	{ "admin", &tok_admin }, { "caoyuan", &tok_caoyuan },
};
#define NCAST (sizeof cast / sizeof cast[0])

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	snprintf(agents_path, sizeof agents_path, "/units/%s/agents", demo_unit_of(&srv, "xinghe"));
	return scenario_login_all(&srv, cast, NCAST);
}

static int teardown(void **state)
{
	return scenario_stop(&srv, cast, NCAST);
}

/* Creates an agent of xinghe; returns its id and fills the If-Match header. */
static long long new_agent(const char *username, const char *password, char ifmatch[48])
{
	struct resp r;
	char body[256];
	snprintf(body, sizeof body,
		 "{\"username\":\"%s\",\"display_name\":\"代理人 %s\",\"password\":\"%s\"}",
		 username, username, password);
	http(&srv, "POST", agents_path, tok_xinghe, body, NULL, &r);
	assert_int_equal(r.status, 201);
	long long id = jint(r.json, "id");
	snprintf(ifmatch, 48, "If-Match: %s", r.etag);
	resp_free(&r);
	return id;
}

static void test_legal_person_creates_an_agent_who_can_sign_in(void **state)
{
	struct resp r;
	char im[48];
	new_agent("hd-agent-1", "Hongda#2025agent", im);
	http(&srv, "GET", agents_path, tok_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	int found = 0;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++) {
		json_t *a = json_array_get(jget(r.json, "items"), i);
		assert_string_equal(jstr(a, "role"), "agent");
		assert_string_equal(jstr(a, "unit"), demo_unit_of(&srv, "xinghe"));
		found |= strcmp(jstr(a, "username"), "hd-agent-1") == 0;
	}
	assert_true(found);
	resp_free(&r);
	char *tok = login(&srv, "hd-agent-1", "Hongda#2025agent");
	assert_non_null(tok);
	http(&srv, "GET", "/me", tok, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "role"), "agent");
	assert_string_equal(jstr(r.json, "unit"), demo_unit_of(&srv, "xinghe"));
	assert_string_equal(jstr(r.json, "display_name"), "代理人 hd-agent-1");
	resp_free(&r);
	free(tok);
}

static void test_agent_and_federation_staff_cannot_manage_agents_403(void **state)
{
	const char *body = "{\"username\":\"x-agent\",\"password\":\"Hongda#2025agent\"}";
	assert_int_equal(scenario_status_of(&srv, "GET", agents_path, tok_agent, NULL, NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&srv, "POST", agents_path, tok_agent, body, NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&srv, "POST", agents_path, tok_reviewer, body, NULL, "forbidden"), 403);
	const char *h[] = { "If-Match: \"1\"", NULL };
	assert_int_equal(scenario_status_of(&srv, "PUT", "/agents/5", tok_agent, "{\"disabled\":true}", h,
				   "forbidden"), 403);
}

static void test_another_unit_sees_no_agents_of_ours_404(void **state)
{
	char im[48];
	long long id = new_agent("hd-agent-2", "Hongda#2025agent", im);
	char path[64];
	const char *h[] = { im, NULL };
	assert_int_equal(scenario_status_of(&srv, "GET", agents_path, tok_caoyuan, NULL, NULL, "not_found"), 404);
	snprintf(path, sizeof path, "/agents/%lld", id);
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_caoyuan, "{\"disabled\":true}", h,
				   "not_found"), 404);
	/* a unit's own account is no agent to manage */
	struct resp r;
	http(&srv, "GET", "/users?role=unit", tok_admin, NULL, NULL, &r);
	snprintf(path, sizeof path, "/agents/%lld", jint(r.json, "items.0.id"));
	resp_free(&r);
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_xinghe, "{\"disabled\":true}", h, "not_found"),
			 404);
}

static void test_new_passwords_follow_the_rules_422_naming_the_field(void **state)
{
	static const char *const weak[] = { "short7!", "hd-agent-3", "password1", "12345678" };
	char body[200];
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		struct resp r;
		snprintf(body, sizeof body, "{\"username\":\"hd-agent-3\",\"password\":\"%s\"}",
			 weak[i]);
		http(&srv, "POST", agents_path, tok_xinghe, body, NULL, &r);
		assert_int_equal(r.status, 422);
		assert_string_equal(jstr(r.json, "code"), "weak_password");
		assert_string_equal(jstr(r.json, "field"), "password");
		resp_free(&r);
	}
	assert_int_equal(scenario_status_of(&srv, "POST", agents_path, tok_xinghe, "{\"username\":\"hd-agent-3\"}",
				   NULL, "missing_field"), 422);
	assert_int_equal(scenario_status_of(&srv, "POST", agents_path, tok_xinghe,
				   "{\"username\":\"hd\\u0007x\",\"password\":\"Hongda#2025agent\"}",
				   NULL, "invalid_field"), 422);
	/* a taken username is 409 naming it */
	struct resp r;
	http(&srv, "POST", agents_path, tok_xinghe,
	     "{\"username\":\"reviewer\",\"password\":\"Hongda#2025agent\"}", NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "field"), "username");
	resp_free(&r);
}

static void test_disabling_an_agent_ends_its_sessions_and_logins(void **state)
{
	char im[48], path[64];
	long long id = new_agent("hd-agent-4", "Hongda#2025agent", im);
	char *tok = login(&srv, "hd-agent-4", "Hongda#2025agent");
	assert_non_null(tok);
	snprintf(path, sizeof path, "/agents/%lld", id);
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_xinghe, "{\"disabled\":true}", NULL,
				   "precondition_required"), 428);
	const char *stale[] = { "If-Match: \"9\"", NULL };
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_xinghe, "{\"disabled\":true}", stale,
				   "precondition_failed"), 412);
	struct resp r;
	const char *h[] = { im, NULL };
	http(&srv, "PUT", path, tok_xinghe, "{\"disabled\":true}", h, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_true(jget(r.json, "disabled")));
	assert_int_equal(jint(r.json, "version"), 2);
	resp_free(&r);
	assert_int_equal(scenario_status_of(&srv, "GET", "/me", tok, NULL, NULL, "unauthorized"), 401);
	assert_null(login(&srv, "hd-agent-4", "Hongda#2025agent"));
	/* enabled again, it signs in */
	const char *h2[] = { "If-Match: \"2\"", NULL };
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_xinghe, "{\"disabled\":false}", h2, NULL), 200);
	char *again = login(&srv, "hd-agent-4", "Hongda#2025agent");
	assert_non_null(again);
	free(again);
	free(tok);
}

static void test_reset_password_of_an_agent_signs_it_out(void **state)
{
	char im[48], path[64];
	long long id = new_agent("hd-agent-5", "Hongda#2025agent", im);
	char *tok = login(&srv, "hd-agent-5", "Hongda#2025agent");
	snprintf(path, sizeof path, "/agents/%lld", id);
	const char *h[] = { im, NULL };
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_xinghe, "{\"password\":\"hd-agent-5\"}", h,
				   "weak_password"), 422);
	assert_int_equal(scenario_status_of(&srv, "PUT", path, tok_xinghe, "{\"password\":\"Reset-2025-hongda\"}",
				   h, NULL), 200);
	assert_int_equal(scenario_status_of(&srv, "GET", "/me", tok, NULL, NULL, "unauthorized"), 401);
	assert_null(login(&srv, "hd-agent-5", "Hongda#2025agent"));
	char *now = login(&srv, "hd-agent-5", "Reset-2025-hongda");
	assert_non_null(now);
	free(now);
	free(tok);
}

static void test_admin_manages_any_units_agents(void **state)
{
	struct resp r;
	char path[96];
	snprintf(path, sizeof path, "/units/%s/agents", demo_unit_of(&srv, "caoyuan"));
	http(&srv, "POST", path, tok_admin,
	     "{\"username\":\"cy-agent\",\"password\":\"Caoyuan#2025agent\"}", NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "unit"), demo_unit_of(&srv, "caoyuan"));
	assert_string_equal(jstr(r.json, "display_name"), "cy-agent");
	resp_free(&r);
	http(&srv, "GET", path, tok_caoyuan, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	resp_free(&r);
}

/* A retried POST with the same Idempotency-Key gets the first answer, even
 * though the write waited for its password hash in between. */
static void test_a_retried_agent_creation_is_answered_once(void **state)
{
	struct resp a, b;
	const char *h[] = { "Idempotency-Key: agent-7-create", NULL };
	const char *body = "{\"username\":\"hd-agent-7\",\"password\":\"Hongda#2025agent\"}";
	http(&srv, "POST", agents_path, tok_xinghe, body, h, &a);
	assert_int_equal(a.status, 201);
	http(&srv, "POST", agents_path, tok_xinghe, body, h, &b);
	assert_int_equal(b.status, 201);
	assert_int_equal(jint(a.json, "id"), jint(b.json, "id"));
	assert_string_equal(a.etag, b.etag);
	resp_free(&a);
	resp_free(&b);
	/* without the key, the same body is a second attempt: the name is taken */
	http(&srv, "POST", agents_path, tok_xinghe, body, NULL, &a);
	assert_int_equal(a.status, 409);
	resp_free(&a);
}

/* 修改密码: the current password is checked; the other sessions end, this one goes on. */
static void test_change_password_ends_the_other_sessions(void **state)
{
	char *other = login(&srv, "jining", "demo1234");
	char *mine = login(&srv, "jining", "demo1234");
	assert_non_null(other);
	assert_non_null(mine);
	const char *body = "{\"current\":\"demo1234\",\"new\":\"Jining-welfare-2025\"}";
	assert_int_equal(scenario_status_of(&srv, "PUT", "/me/password", mine, body, NULL, NULL), 204);
	assert_int_equal(scenario_status_of(&srv, "GET", "/me", other, NULL, NULL, "unauthorized"), 401);
	assert_int_equal(scenario_status_of(&srv, "GET", "/me", mine, NULL, NULL, NULL), 200);
	assert_null(login(&srv, "jining", "demo1234"));
	char *fresh = login(&srv, "jining", "Jining-welfare-2025");
	assert_non_null(fresh);
	free(fresh);
	free(other);
	free(mine);
}

static void test_change_password_checks_the_new_one_422(void **state)
{
	struct resp r;
	http(&srv, "PUT", "/me/password", tok_caoyuan, "{\"current\":\"demo1234\",\"new\":\"caoyuan\"}",
	     NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "new");
	resp_free(&r);
	http(&srv, "PUT", "/me/password", tok_caoyuan, "{\"new\":\"Caoyuan#2025x\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "current");
	assert_string_equal(jstr(r.json, "code"), "missing_field");
	resp_free(&r);
}

/* A wrong current password is a failed login: five, and even the right one waits. */
static void test_wrong_current_password_is_counted_like_a_login(void **state)
{
	char *tok = login(&srv, "beifang", "demo1234");
	const char *bad = "{\"current\":\"not-my-password\",\"new\":\"Beifang-2025-new\"}";
	for (int i = 0; i < 5; i++) {
		struct resp r;
		http(&srv, "PUT", "/me/password", tok, bad, NULL, &r);
		assert_int_equal(r.status, 422);
		assert_string_equal(jstr(r.json, "field"), "current");
		resp_free(&r);
	}
	struct resp r;
	http(&srv, "PUT", "/me/password", tok, "{\"current\":\"demo1234\",\"new\":\"Beifang-2025-new\"}",
	     NULL, &r);
	assert_int_equal(r.status, 429);
	assert_true(atoi(r.retry_after) > 0);
	resp_free(&r);
	assert_null(login(&srv, "beifang", "demo1234"));
	free(tok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legal_person_creates_an_agent_who_can_sign_in),
		cmocka_unit_test(test_agent_and_federation_staff_cannot_manage_agents_403),
		cmocka_unit_test(test_another_unit_sees_no_agents_of_ours_404),
		cmocka_unit_test(test_new_passwords_follow_the_rules_422_naming_the_field),
		cmocka_unit_test(test_disabling_an_agent_ends_its_sessions_and_logins),
		cmocka_unit_test(test_reset_password_of_an_agent_signs_it_out),
		cmocka_unit_test(test_admin_manages_any_units_agents),
		cmocka_unit_test(test_a_retried_agent_creation_is_answered_once),
		cmocka_unit_test(test_change_password_ends_the_other_sessions),
		cmocka_unit_test(test_change_password_checks_the_new_one_422),
		cmocka_unit_test(test_wrong_current_password_is_counted_like_a_login),
	};
	return cmocka_run_group_tests_name("account", tests, setup, teardown);
}
