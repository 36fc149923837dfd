/* The federation's review over HTTPS: the queue holds only the reviewer's
 * region; decisions per month (无效 needs a reason) set the status, and a
 * finished person sends the unit 安置人员“X”资料审核完成通知. */
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
static char *t_reviewer, *t_xinghe, *t_supervisor;
static long long pid_li;   /* 李建国: wage missing 7–9, materials uploaded → pending */

static int setup(void **state)
{
	struct resp r;
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_supervisor = login(&srv, "supervisor", "demo1234");
	http(&srv, "GET", "/review/placements", t_reviewer, NULL, NULL, &r);
	size_t i;
	json_t *it;
	json_array_foreach(jget(r.json, "items"), i, it)
		if (strcmp(jstr(it, "name_masked"), "李*国") == 0)
			pid_li = jint(it, "id");
	resp_free(&r);
	return t_reviewer && t_xinghe && t_supervisor && pid_li > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_reviewer);
	free(t_xinghe);
	free(t_supervisor);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static void test_queue_holds_pending_placements_of_the_region_only(void **state)
{
	struct resp r;
	http(&srv, "GET", "/review/placements", t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(jint(r.json, "total") >= 2);
	size_t i;
	json_t *it;
	json_array_foreach(jget(r.json, "items"), i, it) {
		assert_int_equal(strncmp(jstr(it, "status"), "pending", 7), 0);
		/* 150900's units only: 兴和 (150924) and 集宁 (150902). */
		assert_true(strcmp(jstr(it, "uscc"), demo_unit_of(&srv, "xinghe")) == 0 ||
			    strcmp(jstr(it, "uscc"), demo_unit_of(&srv, "jining")) == 0);
	}
	assert_null(strstr(r.body, "李建国")); /* masked */
	resp_free(&r);
	http(&srv, "GET", "/review/placements", t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

static void test_invalid_without_reason_names_the_field(void **state)
{
	struct resp r;
	char path[80];
	const char *h[] = { "If-Match: \"2\"", NULL };
	char body[200];
	int y = (int)jint(srv.demo, "year");
	snprintf(path, sizeof path, "/placements/%lld/review", pid_li);
	snprintf(body, sizeof body,
		 "{\"months\":[{\"month\":\"%d07\",\"result\":\"valid\"},"
		 "{\"month\":\"%d08\",\"result\":\"invalid\"}]}", y, y);
	http(&srv, "PUT", path, t_reviewer, body, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "months[1].reason");
	resp_free(&r);
	http(&srv, "PUT", path, t_reviewer,
	     "{\"months\":[{\"month\":\"202413\",\"result\":\"valid\"}]}", h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "months[0].month");
	resp_free(&r);
}

/* A reason is read by the unit and printed in reports: the same text rule as
 * every other stored field (no controls, escapes or bidi overrides). */
static void test_reason_with_controls_escapes_or_bidi_overrides_is_422(void **state)
{
	static const char *const bad[] = { "\\u001b[2J\\u001b[31m伪造", "工资\\u202e凭证",
					   "a\\u0085b", "a\\u2067b", "a\\u007fb" };
	struct resp r;
	char path[80], body[300];
	const char *h[] = { "If-Match: \"2\"", NULL };
	int y = (int)jint(srv.demo, "year");
	snprintf(path, sizeof path, "/placements/%lld/review", pid_li);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body,
			 "{\"months\":[{\"month\":\"%d08\",\"result\":\"invalid\","
			 "\"reason\":\"%s\"}]}", y, bad[i]);
		http(&srv, "PUT", path, t_reviewer, body, h, &r);
		assert_int_equal(r.status, 422);
		assert_string_equal(jstr(r.json, "code"), "invalid_field");
		assert_string_equal(jstr(r.json, "field"), "months[0].reason");
		resp_free(&r);
	}
}

static void test_unit_users_may_not_review_403(void **state)
{
	struct resp r;
	char path[80];
	const char *h[] = { "If-Match: \"2\"", NULL };
	snprintf(path, sizeof path, "/placements/%lld/review", pid_li);
	http(&srv, "PUT", path, t_xinghe, "{\"months\":[{\"month\":\"202507\",\"result\":\"valid\"}]}",
	     h, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

static void test_deciding_every_pending_month_confirms_and_notifies(void **state)
{
	struct resp r;
	char path[80], year_months[200];
	int y = (int)jint(srv.demo, "year");
	const char *h[] = { "If-Match: \"2\"", NULL };
	snprintf(path, sizeof path, "/placements/%lld/review", pid_li);
	snprintf(year_months, sizeof year_months,
		 "{\"months\":[{\"month\":\"%d07\",\"result\":\"valid\"},"
		 "{\"month\":\"%d08\",\"result\":\"valid\"}]}", y, y);
	http(&srv, "PUT", path, t_reviewer, year_months, h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "pending"); /* 09 still waits */
	assert_string_equal(jstr(r.json, "months.6.reviewer"), "reviewer");
	resp_free(&r);
	const char *stale[] = { "If-Match: \"2\"", NULL };
	http(&srv, "PUT", path, t_reviewer, year_months, stale, &r);
	assert_int_equal(r.status, 412);
	resp_free(&r);
	const char *h3[] = { "If-Match: \"3\"", NULL };
	snprintf(year_months, sizeof year_months,
		 "{\"months\":[{\"month\":\"%d09\",\"result\":\"invalid\",\"reason\":\"工资凭证不符\"}]}",
		 y);
	http(&srv, "PUT", path, t_reviewer, year_months, h3, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "partially_rejected");
	assert_string_equal(jstr(r.json, "months.8.review_reason"), "工资凭证不符");
	assert_int_equal(jint(r.json, "months_confirmed"), 11);
	resp_free(&r);
	http(&srv, "GET", "/notices", t_xinghe, NULL, NULL, &r);
	assert_non_null(strstr(r.body, "安置人员“李建国”资料审核完成通知"));
	char expect[64];
	snprintf(expect, sizeof expect, "%d08,%d10", y, y); /* 09 is not valid */
	assert_non_null(strstr(r.body, expect));
	resp_free(&r);
}

static void test_reviewer_outside_the_region_gets_404(void **state)
{
	struct resp l, r;
	char path[160];
	snprintf(path, sizeof path, "/units/%s/years/%lld/placements", demo_unit_of(&srv, "caoyuan"),
		 jint(srv.demo, "year"));
	http(&srv, "GET", path, t_supervisor, NULL, NULL, &l); /* the supervisor sees it */
	assert_int_equal(l.status, 200);
	snprintf(path, sizeof path, "/placements/%lld/review", jint(l.json, "items.0.id"));
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", path, t_reviewer, "{\"months\":[{\"month\":\"202501\",\"result\":\"valid\"}]}",
	     h, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	resp_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_holds_pending_placements_of_the_region_only),
		cmocka_unit_test(test_invalid_without_reason_names_the_field),
		cmocka_unit_test(test_reason_with_controls_escapes_or_bidi_overrides_is_422),
		cmocka_unit_test(test_unit_users_may_not_review_403),
		cmocka_unit_test(test_deciding_every_pending_month_confirms_and_notifies),
		cmocka_unit_test(test_reviewer_outside_the_region_gets_404),
	};
	return cmocka_run_group_tests_name("api_review", tests, setup, teardown);
}
