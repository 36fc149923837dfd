/* The declaration's state table over HTTPS (SPEC §5.3, doc/api.md "After the
 * declaration"): every status × action × role of the table as doc/api.md
 * shows it — a role that may never take the action is 403, a refused cell
 * 409 with the table's reason, an allowed one leads to the table's status
 * and sends the unit its notice; the guards (the unit's figures, a reason,
 * one pending request at a time); region scope. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/decl.h"

static struct server srv;
static struct decl_t d;         /* 察哈尔右翼前旗绿源 (150926): all persons confirmed */
static struct table_row *rows;
static int nrows;

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0 || decl_open(&d, &srv, "chayouqian") != 0)
		return -1;
	nrows = decl_table(&rows);
	/* a reviewed feedback and cancellation exist, so that a review sent where
	 * none awaits meets one already answered (409), never an unknown id */
	if (decl_reach(&d, "passed", 'f') || decl_do(&d, R_REVIEWER, "feedback-reject") ||
	    decl_reach(&d, "open", 'c') || decl_do(&d, R_REVIEWER, "cancel-reject"))
		return -1;
	return nrows > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	decl_close(&d);
	free(rows);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static const char *const statuses[] = { "open", "submitted", "passed", "failed", "sent_to_tax",
					"cancelled" };

/* What the doc's table shows is what the service uses (the unit test
 * compares the two): every status and action, 72 rows. */
static void test_doc_table_has_every_status_and_action(void **state)
{
	assert_int_equal(nrows, 6 * 12);
	for (int i = 0; i < nrows; i++)
		assert_true(rows[i].to[0] || rows[i].refusal[0]);
}

/* Refusals: from each status, every action a role may never take is 403,
 * every cell the table refuses is 409 with its reason; nothing changes. */
static void test_refused_cells_are_403_or_409_with_the_tables_reason(void **state)
{
	int checked = 0;
	for (size_t s = 0; s < sizeof statuses / sizeof statuses[0]; s++) {
		assert_int_equal(decl_reach(&d, statuses[s], 0), 0);
		json_t *before = decl_year(&d);
		for (int i = 0; i < nrows; i++) {
			const struct table_row *row = &rows[i];
			if (strcmp(row->status, statuses[s]) != 0)
				continue;
			for (int role = 0; role < R__COUNT; role++) {
				int admits = decl_row_admits(row, role);
				if (admits && row->to[0])
					continue; /* allowed: the next test takes it */
				struct resp r;
				decl_send(&d, role, row->action, &r);
				if (!admits) {
					assert_int_equal(r.status, 403);
					assert_string_equal(jstr(r.json, "code"), "forbidden");
				} else {
					if (r.status != 409)
						fprintf(stderr, "%s %s as %s: %ld %s\n", row->status,
							row->action, decl_role_words[role], r.status,
							r.body);
					assert_int_equal(r.status, 409);
					assert_string_equal(jstr(r.json, "code"), "conflict");
					/* a review where none awaits meets an answered one */
					if (!strstr(row->action, "-accept") &&
					    !strstr(row->action, "-reject") &&
					    !strstr(row->action, "-approve"))
						assert_non_null(strstr(jstr(r.json, "detail"),
								       row->refusal));
				}
				resp_free(&r);
				checked++;
			}
		}
		json_t *after = decl_year(&d);
		assert_int_equal(jint(after, "version"), jint(before, "version"));
		assert_string_equal(jstr(after, "status"), statuses[s]);
		json_decref(before);
		json_decref(after);
	}
	assert_true(checked > 200);
}

/* The notice the unit gets for an action, "" when it gets none. */
static const char *notice_of(const char *action, char *buf, size_t len)
{
	static const struct {
		const char *action, *title;
	} titles[] = {
		{ "submit", "年度年审申报已提交" },
		{ "pass", "年度年审认证审核通过" },
		{ "fail", "年度年审认证审核不通过" },
		{ "feedback-accept", "年度年审认证反馈审核通过" },
		{ "feedback-reject", "年度年审认证反馈审核不通过" },
		{ "send-to-tax", "年度年审认证结果已发送税务" },
		{ "cancel-approve", "年度注销安置登记审核通过" },
		{ "cancel-reject", "年度注销安置登记审核不通过" },
		{ "reopen", "年度年审申报已重新开放" },
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (strcmp(titles[i].action, action) == 0)
			snprintf(buf, len, "%d%s", d.year, titles[i].title);
	return buf;
}

/* Allowed cells: every role the table names takes the action from that
 * status to the table's status, and the unit gets its notice. */
static void test_allowed_cells_lead_to_the_tables_status_with_a_notice(void **state)
{
	int taken = 0;
	for (int i = 0; i < nrows; i++) {
		const struct table_row *row = &rows[i];
		if (!row->to[0])
			continue;
		char pending = strstr(row->action, "feedback-") ? 'f'
			       : strstr(row->action, "cancel-") &&
					 strcmp(row->action, "cancel-request") != 0
				       ? 'c'
				       : 0;
		for (int role = 0; role < R__COUNT; role++) {
			char want[128], mark[256];
			if (!decl_row_admits(row, role))
				continue;
			assert_int_equal(decl_reach(&d, row->status, pending), 0);
			snprintf(mark, sizeof mark, "%s", decl_newest_notice(&d));
			struct resp r;
			decl_send(&d, role, row->action, &r);
			if (r.status >= 300)
				fprintf(stderr, "%s %s as %s: %ld %s\n", row->status, row->action,
					decl_role_words[role], r.status, r.body);
			assert_true(r.status == 200 || r.status == 201);
			resp_free(&r);
			assert_string_equal(decl_status(&d), row->to);
			notice_of(row->action, want, sizeof want);
			if (want[0])
				assert_string_equal(decl_newest_notice(&d), want);
			else /* the unit's own step: no notice */
				assert_string_equal(decl_newest_notice(&d), mark);
			taken++;
		}
	}
	assert_true(taken >= 60);
}

/* YEAR.actions: the caller's next steps. */
static void test_year_lists_the_actions_the_caller_may_take(void **state)
{
	struct resp r;
	char path[96];
	assert_int_equal(decl_reach(&d, "submitted", 0), 0);
	snprintf(path, sizeof path, "/units/%s/years/%d", d.uscc, d.year);
	http(&srv, "GET", path, d.tok[R_UNIT], NULL, NULL, &r);
	char *a = json_dumps(jget(r.json, "actions"), JSON_COMPACT);
	assert_string_equal(a, "[\"withdraw\"]");
	free(a);
	resp_free(&r);
	http(&srv, "GET", path, d.tok[R_REVIEWER], NULL, NULL, &r);
	a = json_dumps(jget(r.json, "actions"), JSON_COMPACT);
	assert_string_equal(a, "[\"pass\",\"fail\"]");
	free(a);
	resp_free(&r);
}

/* A fail needs the reason the unit will read; the unit sees it. */
static void test_fail_without_a_reason_is_422_and_the_unit_sees_the_reason(void **state)
{
	struct resp r;
	char path[96];
	assert_int_equal(decl_reach(&d, "submitted", 0), 0);
	snprintf(path, sizeof path, "/units/%s/years/%d/annual-review", d.uscc, d.year);
	http(&srv, "POST", path, d.tok[R_REVIEWER], "{\"result\":\"fail\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "reason");
	resp_free(&r);
	http(&srv, "POST", path, d.tok[R_REVIEWER], "{\"result\":\"maybe\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "result");
	resp_free(&r);
	http(&srv, "POST", path, d.tok[R_REVIEWER],
	     "{\"result\":\"fail\",\"reason\":\"社保凭证\\u202e不全\"}", NULL, &r);
	assert_int_equal(r.status, 422); /* a bidi override is not clean text */
	resp_free(&r);
	http(&srv, "POST", path, d.tok[R_REVIEWER],
	     "{\"result\":\"fail\",\"reason\":\"缺少12月工资凭证\"}", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "failed");
	resp_free(&r);
	json_t *y = decl_year(&d);
	assert_string_equal(jstr(y, "review_reason"), "缺少12月工资凭证");
	assert_string_equal(jstr(y, "reviewer"), "reviewer");
	json_decref(y);
	http(&srv, "GET", "/notices", d.tok[R_UNIT], NULL, NULL, &r);
	assert_non_null(strstr(jstr(r.json, "items.0.body"), "原因：缺少12月工资凭证"));
	resp_free(&r);
}

/* 完成申报 needs 上年度职工数 and 上年度在职职工工资总额: 422 naming the field. */
static void test_submit_without_the_units_wages_is_422_naming_the_field(void **state)
{
	struct resp r;
	char path[96], im[48];
	assert_int_equal(decl_reach(&d, "open", 0), 0);
	snprintf(path, sizeof path, "/units/%s", d.uscc);
	http(&srv, "GET", path, d.tok[R_UNIT], NULL, NULL, &r);
	json_t *unit = json_incref(r.json);
	snprintf(im, sizeof im, "If-Match: %s", r.etag);
	resp_free(&r);
	assert_string_equal(jstr(unit, "wages_last_year"), "7500000.00");
	json_t *changed = json_deep_copy(unit);
	json_object_set_new(changed, "wages_last_year", json_null());
	char *body = json_dumps(changed, JSON_COMPACT);
	const char *h[] = { im, NULL };
	http(&srv, "PUT", path, d.tok[R_UNIT], body, h, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_null(jget(r.json, "wages_last_year")));
	snprintf(im, sizeof im, "If-Match: %s", r.etag);
	resp_free(&r);
	free(body);
	assert_int_equal(decl_send(&d, R_UNIT, "submit", &r), 0);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "code"), "missing_field");
	assert_string_equal(jstr(r.json, "field"), "wages_last_year");
	resp_free(&r);
	/* money with more than two decimals is refused, never rounded */
	json_object_set_new(changed, "wages_last_year", json_string("7500000.005"));
	body = json_dumps(changed, JSON_COMPACT);
	http(&srv, "PUT", path, d.tok[R_UNIT], body, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "wages_last_year");
	resp_free(&r);
	free(body);
	body = json_dumps(unit, JSON_COMPACT);
	http(&srv, "PUT", path, d.tok[R_UNIT], body, h, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	free(body);
	json_decref(changed);
	json_decref(unit);
	assert_int_equal(decl_do(&d, R_UNIT, "submit"), 0);
}

/* One feedback (one cancellation) awaits review at a time, and a passed
 * declaration with feedback pending is not sent to tax meanwhile. */
static void test_one_pending_request_at_a_time(void **state)
{
	struct resp r;
	assert_int_equal(decl_reach(&d, "passed", 'f'), 0);
	decl_send(&d, R_UNIT, "feedback", &r);
	assert_int_equal(r.status, 409);
	assert_non_null(strstr(jstr(r.json, "detail"), "feedback awaits review"));
	resp_free(&r);
	decl_send(&d, R_REVIEWER, "send-to-tax", &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	decl_send(&d, R_UNIT, "cancel-request", &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	json_t *y = decl_year(&d);
	assert_true(json_is_true(jget(y, "feedback_pending")));
	json_decref(y);
}

/* Region scope as for review: outside the region 404, for units too. */
static void test_outside_the_region_or_unit_is_404(void **state)
{
	struct resp r;
	char path[128];
	char *caoyuan = login(&srv, "caoyuan", "demo1234");
	snprintf(path, sizeof path, "/units/%s/years/%d/annual-review",
		 demo_unit_of(&srv, "beifang"), d.year); /* 包头, outside 150900 */
	http(&srv, "POST", path, d.tok[R_REVIEWER], "{\"result\":\"pass\"}", NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d/withdraw", d.uscc, d.year);
	http(&srv, "POST", path, caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d/feedback", d.uscc, d.year);
	http(&srv, "GET", path, caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	http(&srv, "GET", "/review/declarations?region=150200", d.tok[R_REVIEWER], NULL, NULL, &r);
	assert_int_equal(r.status, 422); /* a region outside the reviewer's */
	assert_string_equal(jstr(r.json, "field"), "region");
	resp_free(&r);
	http(&srv, "GET", "/review/declarations", caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	free(caoyuan);
}

/* A stale If-Match on a declaration's step is 412; a review needs one. */
static void test_if_match_guards_declarations_and_reviews(void **state)
{
	struct resp r;
	char path[128];
	assert_int_equal(decl_reach(&d, "submitted", 0), 0);
	snprintf(path, sizeof path, "/units/%s/years/%d/annual-review", d.uscc, d.year);
	const char *stale[] = { "If-Match: \"1\"", NULL };
	http(&srv, "POST", path, d.tok[R_REVIEWER], "{\"result\":\"pass\"}", stale, &r);
	assert_int_equal(r.status, 412);
	resp_free(&r);
	assert_int_equal(decl_reach(&d, "passed", 'f'), 0);
	struct resp l;
	snprintf(path, sizeof path, "/units/%s/years/%d/feedback", d.uscc, d.year);
	http(&srv, "GET", path, d.tok[R_UNIT], NULL, NULL, &l);
	snprintf(path, sizeof path, "/feedback/%lld/review", jint(l.json, "items.0.id"));
	resp_free(&l);
	http(&srv, "PUT", path, d.tok[R_REVIEWER], "{\"result\":\"pass\"}", NULL, &r);
	assert_int_equal(r.status, 428);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_table_has_every_status_and_action),
		cmocka_unit_test(test_refused_cells_are_403_or_409_with_the_tables_reason),
		cmocka_unit_test(test_allowed_cells_lead_to_the_tables_status_with_a_notice),
		cmocka_unit_test(test_year_lists_the_actions_the_caller_may_take),
		cmocka_unit_test(test_fail_without_a_reason_is_422_and_the_unit_sees_the_reason),
		cmocka_unit_test(test_submit_without_the_units_wages_is_422_naming_the_field),
		cmocka_unit_test(test_one_pending_request_at_a_time),
		cmocka_unit_test(test_outside_the_region_or_unit_is_404),
		cmocka_unit_test(test_if_match_guards_declarations_and_reviews),
	};
	return cmocka_run_group_tests_name("api_declaration", tests, setup, teardown);
}
