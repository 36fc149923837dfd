/* The federation's review over HTTPS (SPEC §4, §5.2): the queue holds only
 * the reviewer's region; decisions per month (无效 needs a reason) and, for a
 * dispatch placement, per item (劳务派遣资质, 三方协议, 劳动合同) set the status;
 * only what awaits review can be decided (a system-confirmed month is not,
 * 409), nothing once the unit has submitted (409); a second reviewer on a
 * stale version gets 412 and sees the first one's decision; a resent decision
 * with its Idempotency-Key gets its first answer; a finished person sends the
 * unit 安置人员“X”资料审核完成通知; the common 无效 reasons come from data. */
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
static char *t_reviewer, *t_reviewer2, *t_xinghe, *t_jining, *t_supervisor;
static int year;
/* 李建国: wage missing 7–9, proof uploaded → months 7–9 pending, the rest
 * the system's; 黄晓峰: dispatched, every check passes → three items pending;
 * 董秀兰 at 集宁: wage missing 7–9, pending */
static long long pid_li, pid_huang, pid_dong;

/* The id of the queue item whose masked name is `masked`. */
static long long queue_id(const char *masked)
{
	struct resp r;
	long long id = 0;
	size_t i;
	json_t *it;
	http(&srv, "GET", "/review/placements?limit=500", t_reviewer, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, it)
		if (strcmp(jstr(it, "name_masked"), masked) == 0)
			id = jint(it, "id");
	resp_free(&r);
	return id;
}

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0 ||
	    server_add_user(&srv, "reviewer2", "reviewer", "150900", "long-password-2") != 0)
		return -1;
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_reviewer2 = login(&srv, "reviewer2", "long-password-2");
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_jining = login(&srv, "jining", "demo1234");
	t_supervisor = login(&srv, "supervisor", "demo1234");
	year = (int)jint(srv.demo, "year");
	pid_li = queue_id("李*国");
	pid_huang = queue_id("黄*峰");
	pid_dong = queue_id("董*兰");
	return t_reviewer && t_reviewer2 && t_xinghe && t_jining && t_supervisor && pid_li > 0 &&
			       pid_huang > 0 && pid_dong > 0
		       ? 0
		       : -1;
}

static int teardown(void **state)
{
	free(t_reviewer);
	free(t_reviewer2);
	free(t_xinghe);
	free(t_jining);
	free(t_supervisor);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* GET /placements/id as tok into r. */
static void get_placement(const char *tok, long long id, struct resp *r)
{
	char path[64];
	snprintf(path, sizeof path, "/placements/%lld", id);
	http(&srv, "GET", path, tok, NULL, NULL, r);
	assert_int_equal(r->status, 200);
}

static long long version_of(long long id)
{
	struct resp r;
	get_placement(t_reviewer, id, &r);
	long long v = jint(r.json, "version");
	resp_free(&r);
	return v;
}

/* PUT /placements/id/review with If-Match version (and an Idempotency-Key
 * when key is not NULL). */
static void review(const char *tok, long long id, long long version, const char *body,
		   const char *key, struct resp *r)
{
	char path[64], im[48], idem[96];
	const char *h[] = { im, key ? idem : NULL, NULL };
	snprintf(path, sizeof path, "/placements/%lld/review", id);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", version);
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", key ? key : "");
	http(&srv, "PUT", path, tok, body, h, r);
}

/* {"months":[{"month":"Y07","result":R},…]} for months from..to of the demo's year. */
static char *months_body(int from, int to, const char *result, const char *reason)
{
	json_t *a = json_array();
	for (int m = from; m <= to; m++) {
		char ym[8];
		snprintf(ym, sizeof ym, "%d%02d", year, m);
		json_t *d = json_pack("{s:s, s:s}", "month", ym, "result", result);
		if (reason)
			json_object_set_new(d, "reason", json_string(reason));
		json_array_append_new(a, d);
	}
	json_t *b = json_pack("{s:o}", "months", a);
	char *s = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	return s;
}

static void test_queue_holds_pending_placements_of_the_region_only(void **state)
{
	struct resp r;
	http(&srv, "GET", "/review/placements", t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* the demo keeps seven cases for 150900: two at 兴和, five at 集宁, two of
	 * them dispatch cases */
	assert_int_equal(jint(r.json, "total"), 7);
	assert_int_equal(jint(r.json, "counts.pending_contract"), 2);
	size_t i;
	json_t *it;
	json_array_foreach(jget(r.json, "items"), i, it) {
		assert_int_equal(strncmp(jstr(it, "status"), "pending", 7), 0);
		/* 150900's units only: 兴和 (150924) and 集宁 (150902). */
		assert_true(strcmp(jstr(it, "uscc"), demo_unit_of(&srv, "xinghe")) == 0 ||
			    strcmp(jstr(it, "uscc"), demo_unit_of(&srv, "jining")) == 0);
		assert_true(jint(it, "materials") >= 1);
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
	char body[200];
	snprintf(body, sizeof body,
		 "{\"months\":[{\"month\":\"%d07\",\"result\":\"valid\"},"
		 "{\"month\":\"%d08\",\"result\":\"invalid\"}]}", year, year);
	review(t_reviewer, pid_li, version_of(pid_li), body, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "months[1].reason");
	resp_free(&r);
	review(t_reviewer, pid_li, version_of(pid_li),
	       "{\"months\":[{\"month\":\"202413\",\"result\":\"valid\"}]}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "months[0].month");
	resp_free(&r);
	review(t_reviewer, pid_li, version_of(pid_li), "{\"months\":[],\"dispatch\":[]}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "code"), "missing_field");
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
	review(t_xinghe, pid_li, version_of(pid_li),
	       "{\"months\":[{\"month\":\"202507\",\"result\":\"valid\"}]}", NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

/* Before: a reviewer could mark a month the system had confirmed 无效. Now
 * nothing of the request is applied. */
static void test_system_confirmed_month_is_not_open_to_decisions_409(void **state)
{
	struct resp r;
	char body[300];
	long long v = version_of(pid_li);
	snprintf(body, sizeof body,
		 "{\"months\":[{\"month\":\"%d07\",\"result\":\"valid\"},"
		 "{\"month\":\"%d01\",\"result\":\"invalid\",\"reason\":\"工资低于最低工资标准\"}]}",
		 year, year);
	review(t_reviewer, pid_li, v, body, NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "month_not_pending");
	assert_string_equal(jstr(r.json, "field"), "months[1]");
	resp_free(&r);
	get_placement(t_reviewer, pid_li, &r);
	assert_int_equal(jint(r.json, "version"), v);
	assert_string_equal(jstr(r.json, "months.0.result"), "system");
	assert_string_equal(jstr(r.json, "months.6.result"), "pending");
	resp_free(&r);
}

static void test_deciding_every_pending_month_confirms_and_notifies(void **state)
{
	struct resp r;
	long long v = version_of(pid_li);
	char *body = months_body(7, 8, "valid", NULL);
	review(t_reviewer, pid_li, v, body, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "pending"); /* 09 still waits */
	resp_free(&r);
	review(t_reviewer, pid_li, v, body, NULL, &r); /* the old version: stale */
	assert_int_equal(r.status, 412);
	resp_free(&r);
	review(t_reviewer, pid_li, v + 1, body, NULL, &r); /* decided already */
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "month_not_pending");
	assert_string_equal(jstr(r.json, "field"), "months[0]");
	resp_free(&r);
	free(body);
	body = months_body(9, 9, "invalid", "工资凭证不符");
	review(t_reviewer, pid_li, v + 1, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "partially_rejected");
	assert_string_equal(jstr(r.json, "months.8.review_reason"), "工资凭证不符");
	assert_int_equal(jint(r.json, "months_confirmed"), 11);
	assert_true(json_is_null(jget(r.json, "dispatch_items")));
	resp_free(&r);
	/* the unit sees who decided each month, and when (审核人员, 审核时间) */
	get_placement(t_xinghe, pid_li, &r);
	assert_string_equal(jstr(r.json, "months.6.reviewer"), "乌兰察布市残联 审核员");
	assert_int_equal(strlen(jstr(r.json, "months.6.reviewed_at")), 19);
	assert_true(json_is_null(jget(r.json, "months.0.reviewer"))); /* the system's */
	resp_free(&r);
	http(&srv, "GET", "/notices", t_xinghe, NULL, NULL, &r);
	assert_non_null(strstr(r.body, "安置人员“李建国”资料审核完成通知"));
	char expect[64];
	snprintf(expect, sizeof expect, "%d08,%d10", year, year); /* 09 is not valid */
	assert_non_null(strstr(r.body, expect));
	resp_free(&r);
}

/* SPEC §4: a dispatch placement shows 劳务派遣资质, 三方协议, 劳动合同 with their
 * materials; it is confirmed only when the three are valid. */
static void test_dispatch_case_is_confirmed_by_its_three_items(void **state)
{
	struct resp r;
	get_placement(t_reviewer, pid_huang, &r);
	assert_string_equal(jstr(r.json, "status"), "pending_contract");
	assert_int_equal(json_array_size(jget(r.json, "dispatch_items")), 3);
	assert_string_equal(jstr(r.json, "dispatch_items.0.item"), "licence");
	assert_string_equal(jstr(r.json, "dispatch_items.0.material_kind"), "dispatch_licence");
	assert_string_equal(jstr(r.json, "dispatch_items.1.item"), "agreement");
	assert_string_equal(jstr(r.json, "dispatch_items.1.material_kind"), "dispatch");
	assert_string_equal(jstr(r.json, "dispatch_items.2.material_kind"), "contract");
	assert_string_equal(jstr(r.json, "dispatch_items.2.result"), "pending");
	assert_int_equal(jint(r.json, "months_confirmed"), 0); /* nothing counts yet */
	size_t i;
	json_t *m;
	int kinds = 0;
	json_array_foreach(jget(r.json, "materials"), i, m)
		kinds += strcmp(jstr(m, "kind"), "dispatch_licence") == 0;
	assert_int_equal(kinds, 1); /* the demo uploaded the licence */
	long long v = jint(r.json, "version");
	resp_free(&r);

	review(t_reviewer, pid_li, version_of(pid_li),
	       "{\"dispatch\":[{\"item\":\"licence\",\"result\":\"valid\"}]}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "dispatch");
	resp_free(&r);
	review(t_reviewer, pid_huang, v,
	       "{\"dispatch\":[{\"item\":\"licence\",\"result\":\"valid\"},"
	       "{\"item\":\"agreement\",\"result\":\"invalid\"}]}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "dispatch[1].reason");
	resp_free(&r);
	review(t_reviewer, pid_huang, v,
	       "{\"dispatch\":[{\"item\":\"licence\",\"result\":\"valid\"},"
	       "{\"item\":\"agreement\",\"result\":\"valid\"}]}", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "pending_contract");
	assert_string_equal(jstr(r.json, "dispatch_items.0.result"), "valid");
	assert_string_equal(jstr(r.json, "dispatch_items.0.reviewer"), "乌兰察布市残联 审核员");
	resp_free(&r);
	review(t_reviewer, pid_huang, v + 1,
	       "{\"dispatch\":[{\"item\":\"licence\",\"result\":\"invalid\",\"reason\":\"x\"}]}",
	       NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "item_not_pending");
	assert_string_equal(jstr(r.json, "field"), "dispatch[0]");
	resp_free(&r);
	review(t_reviewer, pid_huang, v + 1,
	       "{\"dispatch\":[{\"item\":\"contract\",\"result\":\"valid\"}]}", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "confirmed");
	assert_string_equal(jstr(r.json, "confirmed_by"), "manual");
	assert_int_equal(jint(r.json, "months_confirmed"), 12);
	resp_free(&r);
}

/* Two reviewers on one case: the second, on the version it read, gets 412
 * and then sees the first one's decision; nothing of the first is lost. A
 * decision resent with its Idempotency-Key (its reply lost) gets the first
 * answer again, not its own new version's 412. */
static void test_second_reviewer_on_a_stale_version_gets_412_and_sees_the_first(void **state)
{
	struct resp r;
	long long v = version_of(pid_dong);
	char *valid = months_body(7, 9, "valid", NULL);
	char *invalid = months_body(7, 9, "invalid", "工资低于最低工资标准");
	review(t_reviewer, pid_dong, v, valid, "outbox-dong-1", &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	review(t_reviewer, pid_dong, v, valid, "outbox-dong-1", &r); /* the resend */
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "confirmed");
	resp_free(&r);
	review(t_reviewer2, pid_dong, v, invalid, "outbox-dong-2", &r);
	assert_int_equal(r.status, 412);
	resp_free(&r);
	get_placement(t_reviewer2, pid_dong, &r);
	assert_string_equal(jstr(r.json, "months.6.result"), "valid");
	assert_string_equal(jstr(r.json, "months.6.reviewer"), "乌兰察布市残联 审核员");
	long long now = jint(r.json, "version");
	resp_free(&r);
	review(t_reviewer2, pid_dong, now, invalid, NULL, &r); /* re-deciding is reopening */
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "month_not_pending");
	resp_free(&r);
	free(valid);
	free(invalid);
}

static void test_reviewer_outside_the_region_gets_404(void **state)
{
	struct resp l, r;
	char path[160];
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", demo_unit_of(&srv, "caoyuan"),
		 year);
	http(&srv, "GET", path, t_supervisor, NULL, NULL, &l); /* the supervisor sees it */
	assert_int_equal(l.status, 200);
	long long id = jint(l.json, "items.0.id");
	resp_free(&l);
	snprintf(path, sizeof path, "/placements/%lld/review", id);
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", path, t_reviewer, "{\"months\":[{\"month\":\"202501\",\"result\":\"valid\"}]}",
	     h, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld/review/reopen", id);
	http(&srv, "POST", path, t_reviewer, "{\"months\":[\"202501\"],\"reason\":\"x\"}", NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
}

static void test_common_reasons_come_from_data(void **state)
{
	struct resp r;
	http(&srv, "GET", "/review/reasons", t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_array_size(jget(r.json, "reasons")) >= 10);
	int wage = 0, agreement = 0;
	size_t i;
	json_t *it;
	json_array_foreach(jget(r.json, "reasons"), i, it) {
		if (strcmp(jstr(it, "text"), "工资低于最低工资标准") == 0)
			wage = strcmp(jstr(it, "checks.0"), "wage") == 0;
		if (strcmp(jstr(it, "text"), "劳务派遣协议未约定残疾人计入用工单位") == 0)
			agreement = strcmp(jstr(it, "items.0"), "agreement") == 0;
		assert_true(json_is_array(jget(it, "checks")) && json_is_array(jget(it, "items")));
	}
	assert_true(wage && agreement);
	resp_free(&r);
	http(&srv, "GET", "/review/reasons", t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

/* Decides every month and item of placement id that awaits review. */
static void decide_all_pending(long long id)
{
	struct resp r;
	get_placement(t_reviewer, id, &r);
	json_t *months = json_array(), *items = json_array(), *m;
	size_t i;
	json_array_foreach(jget(r.json, "months"), i, m)
		if (strcmp(jstr(m, "result"), "pending") == 0)
			json_array_append_new(months, json_pack("{s:s, s:s}", "month", jstr(m, "month"),
								"result", "valid"));
	json_array_foreach(jget(r.json, "dispatch_items"), i, m)
		if (strcmp(jstr(m, "result"), "pending") == 0)
			json_array_append_new(items, json_pack("{s:s, s:s}", "item", jstr(m, "item"),
							       "result", "valid"));
	long long v = jint(r.json, "version");
	resp_free(&r);
	json_t *b = json_pack("{s:o, s:o}", "months", months, "dispatch", items);
	char *body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	review(t_reviewer, id, v, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 200);
	resp_free(&r);
}

/* Before: after the unit submitted, a reviewer could still mark months
 * 无效 and lower the submitted declaration's totals. Now decisions and
 * reopening are closed until the unit withdraws. */
static void test_decisions_close_when_the_unit_submits_409(void **state)
{
	struct resp r, l;
	char path[200];
	const char *uscc = demo_unit_of(&srv, "jining");
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=100", uscc, year);
	http(&srv, "GET", path, t_jining, NULL, NULL, &l);
	size_t i;
	json_t *it;
	json_array_foreach(jget(l.json, "items"), i, it) {
		char one[80], im[40];
		if (strcmp(jstr(it, "status"), "incomplete") == 0) { /* 杨海军: deleted */
			snprintf(one, sizeof one, "/placements/%lld", jint(it, "id"));
			snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(it, "version"));
			const char *h[] = { im, NULL };
			http(&srv, "DELETE", one, t_jining, NULL, h, &r);
			assert_int_equal(r.status, 204);
			resp_free(&r);
		} else if (strncmp(jstr(it, "status"), "pending", 7) == 0) {
			decide_all_pending(jint(it, "id"));
		}
	}
	resp_free(&l);
	snprintf(path, sizeof path, "/units/%s/years/%d/submit", uscc, year);
	http(&srv, "POST", path, t_jining, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	long long confirmed = jint(r.json, "months_confirmed");
	resp_free(&r);

	char *invalid = months_body(7, 9, "invalid", "工资低于最低工资标准");
	review(t_reviewer, pid_dong, version_of(pid_dong), invalid, NULL, &r);
	free(invalid);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "declaration_submitted");
	resp_free(&r);
	char reopen[120];
	snprintf(reopen, sizeof reopen, "{\"months\":[\"%d07\"],\"reason\":\"复核\"}", year);
	snprintf(path, sizeof path, "/placements/%lld/review/reopen", pid_dong);
	http(&srv, "POST", path, t_supervisor, reopen, NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "declaration_submitted");
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d", uscc, year);
	http(&srv, "GET", path, t_jining, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "months_confirmed"), confirmed); /* totals untouched */
	resp_free(&r);

	snprintf(path, sizeof path, "/units/%s/years/%d/withdraw", uscc, year);
	http(&srv, "POST", path, t_jining, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld/review/reopen", pid_dong);
	http(&srv, "POST", path, t_supervisor, reopen, NULL, &r);
	assert_int_equal(r.status, 200); /* open again: the supervisor reopens it */
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_holds_pending_placements_of_the_region_only),
		cmocka_unit_test(test_invalid_without_reason_names_the_field),
		cmocka_unit_test(test_reason_with_controls_escapes_or_bidi_overrides_is_422),
		cmocka_unit_test(test_unit_users_may_not_review_403),
		cmocka_unit_test(test_system_confirmed_month_is_not_open_to_decisions_409),
		cmocka_unit_test(test_deciding_every_pending_month_confirms_and_notifies),
		cmocka_unit_test(test_dispatch_case_is_confirmed_by_its_three_items),
		cmocka_unit_test(test_second_reviewer_on_a_stale_version_gets_412_and_sees_the_first),
		cmocka_unit_test(test_reviewer_outside_the_region_gets_404),
		cmocka_unit_test(test_common_reasons_come_from_data),
		cmocka_unit_test(test_decisions_close_when_the_unit_submits_409),
	};
	return cmocka_run_group_tests_name("api_review", tests, setup, teardown);
}
