/* 系统管理 over HTTPS, the yearly data: the business year and its filing
 * deadline (submit refused after it until the federation reopens the unit's
 * filing), notices to a region's units, registry imports run in the
 * background with progress, and policy table versions (the one in force is
 * the one the month checks use). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/api/harness.h"
#include "tests/api/scenario.h"

static struct scenario_admin fx;
static int year;

static int setup(void **state)
{
	if (scenario_admin_start(&fx) != 0)
		return -1;
	year = (int)jint(fx.srv.demo, "year");
	return 0;
}

static int teardown(void **state)
{
	return scenario_admin_stop(&fx);
}

/* ------------------------------------------------------ years and deadline */

static void date_from_today(int days, char out[11])
{
	time_t t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void test_demo_year_has_a_deadline_weeks_ahead(void **state)
{
	struct resp r;
	char path[80];
	http(&fx.srv, "GET", "/years", fx.xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "items.0.year"), year);
	assert_true(json_is_true(jget(r.json, "items.0.open")));
	assert_int_equal(jint(r.json, "items.0.days_left"), 42);
	resp_free(&r);
	http(&fx.srv, "GET", "/me", fx.xinghe, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "days_left"), 42);
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d", demo_unit_of(&fx.srv, "xinghe"), year);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "days_left"), 42);
	assert_true(json_is_false(jget(r.json, "filing_reopened")));
	resp_free(&r);
}

static void put_year(const char *body, long want)
{
	struct resp g;
	char path[32], im[48];
	http(&fx.srv, "GET", "/years", fx.admin, NULL, NULL, &g);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(g.json, "items.0.version"));
	resp_free(&g);
	const char *h[] = { im, NULL };
	snprintf(path, sizeof path, "/years/%d", year);
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin, body, h, NULL), want);
}

static int has_title(struct resp *r, const char *title)
{
	for (size_t i = 0; i < json_array_size(jget(r->json, "items")); i++)
		if (strcmp(jstr(json_array_get(jget(r->json, "items"), i), "title"), title) == 0)
			return 1;
	return 0;
}

static void test_after_the_deadline_submit_waits_for_a_reopen(void **state)
{
	struct resp r, l;
	char base[96], path[160], body[96], yesterday[11];
	snprintf(path, sizeof path, "/years/%d", year);
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin, "{\"open\":true}", NULL,
			      "precondition_required"), 428);
	date_from_today(-1, yesterday);
	snprintf(body, sizeof body, "{\"open\":true,\"deadline\":\"%s\"}", yesterday);
	put_year(body, 200);
	/* beifang withdraws, drops its unconfirmed person, and may not submit now */
	snprintf(base, sizeof base, "/units/%s/years/%d", demo_unit_of(&fx.srv, "beifang"), year);
	snprintf(path, sizeof path, "%s/withdraw", base);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", path, fx.beifang, NULL, NULL, NULL), 200);
	snprintf(path, sizeof path, "%s/placements?status=incomplete", base);
	http(&fx.srv, "GET", path, fx.beifang, NULL, NULL, &l);
	char del[64], im[48];
	snprintf(del, sizeof del, "/placements/%lld", jint(l.json, "items.0.id"));
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(l.json, "items.0.version"));
	resp_free(&l);
	const char *h[] = { im, NULL };
	assert_int_equal(scenario_status_of(&fx.srv, "DELETE", del, fx.beifang, NULL, h, NULL), 204);
	snprintf(path, sizeof path, "%s/submit", base);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", path, fx.beifang, NULL, NULL, "deadline_passed"), 409);
	http(&fx.srv, "GET", base, fx.beifang, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "days_left"), -1);
	resp_free(&r);
	/* reopening: federation staff whose region holds the unit; not the unit */
	snprintf(path, sizeof path, "%s/reopen-filing", base);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", path, fx.beifang, NULL, NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", path, fx.reviewer, NULL, NULL, "not_found"), 404);
	http(&fx.srv, "POST", path, fx.supervisor, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_true(jget(r.json, "filing_reopened")));
	assert_string_equal(jstr(r.json, "reopened_by"), "supervisor");
	resp_free(&r);
	snprintf(path, sizeof path, "%s/submit", base);
	http(&fx.srv, "POST", path, fx.beifang, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "submitted");
	assert_true(json_is_true(jget(r.json, "filing_reopened")));
	resp_free(&r);
	/* the unit was told (before the notice of its submission) */
	http(&fx.srv, "GET", "/notices", fx.beifang, NULL, NULL, &r);
	char reopened[64];
	snprintf(reopened, sizeof reopened, "%d年度申报已重新开放", year);
	assert_true(has_title(&r, reopened));
	resp_free(&r);
	/* a year the administrator closes takes no filing at all */
	put_year("{\"open\":false}", 200);
	snprintf(path, sizeof path, "/units/%s/years/%d/submit", demo_unit_of(&fx.srv, "xinghe"), year);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", path, fx.xinghe, NULL, NULL, "year_closed"), 409);
	put_year("{\"open\":true,\"deadline\":\"1999-01-01\"}", 422);
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", "/years/1999", fx.admin, "{\"open\":true}", NULL, "not_found"),
			 404);
}

/* ----------------------------------------------------------------- notices */

static void test_staff_publish_to_the_units_of_their_region(void **state)
{
	struct resp r;
	http(&fx.srv, "POST", "/notices", fx.reviewer,
	     "{\"title\":\"兴和县年审培训通知\",\"body\":\"请于下周一到县残联参加培训。\\n地点：二楼会议室\","
	     "\"region\":\"150924\"}", NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "region"), "150924");
	resp_free(&r);
	/* outside the reviewer's 乌兰察布: refused, naming the field */
	http(&fx.srv, "POST", "/notices", fx.reviewer,
	     "{\"title\":\"包头通知\",\"body\":\"x\",\"region\":\"150200\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "region");
	resp_free(&r);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/notices", fx.reviewer,
			      "{\"title\":\"全区通知\",\"body\":\"x\",\"region\":null}", NULL,
			      "invalid_field"), 422);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/notices", fx.reviewer,
			      "{\"title\":\"bad\\u001b[2J\",\"body\":\"x\"}", NULL, "invalid_field"),
			 422);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/notices", fx.xinghe, "{\"title\":\"t\",\"body\":\"b\"}",
			      NULL, "forbidden"), 403);
	/* the reviewer's own region by default: all of 乌兰察布 */
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/notices", fx.reviewer,
			      "{\"title\":\"乌兰察布市年审提醒\",\"body\":\"截止日期前完成申报。\"}", NULL,
			      NULL), 201);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/notices", fx.admin,
			      "{\"title\":\"全区系统维护通知\",\"body\":\"周六停机。\",\"region\":null}",
			      NULL, NULL), 201);
	http(&fx.srv, "GET", "/notices", fx.xinghe, NULL, NULL, &r); /* 150924 */
	assert_true(has_title(&r, "兴和县年审培训通知"));
	assert_true(has_title(&r, "乌兰察布市年审提醒"));
	assert_true(has_title(&r, "全区系统维护通知"));
	resp_free(&r);
	http(&fx.srv, "GET", "/notices", fx.jining, NULL, NULL, &r); /* 150902: not 兴和 */
	assert_false(has_title(&r, "兴和县年审培训通知"));
	assert_true(has_title(&r, "乌兰察布市年审提醒"));
	resp_free(&r);
	http(&fx.srv, "GET", "/notices", fx.beifang, NULL, NULL, &r); /* 包头 */
	assert_false(has_title(&r, "乌兰察布市年审提醒"));
	assert_true(has_title(&r, "全区系统维护通知"));
	resp_free(&r);
	http(&fx.srv, "GET", "/notices?limit=1", fx.xinghe, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_true(json_is_string(jget(r.json, "next_cursor")));
	resp_free(&r);
}

/* ----------------------------------------------------------------- imports */

static long long wait_done(long long id, struct resp *r)
{
	char path[40];
	snprintf(path, sizeof path, "/imports/%lld", id);
	for (int i = 0; i < 200; i++) {
		http(&fx.srv, "GET", path, fx.admin, NULL, NULL, r);
		assert_int_equal(r->status, 200);
		if (strcmp(jstr(r->json, "status"), "running") != 0)
			return 0;
		resp_free(r);
		usleep(50 * 1000);
	}
	fail_msg("import %lld still running", id);
	return -1;
}

static void test_registry_import_runs_in_the_background_with_progress(void **state)
{
	struct resp r, l, p;
	char path[160], csv[600];
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", demo_unit_of(&fx.srv, "xinghe"),
		 year);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &l);
	snprintf(path, sizeof path, "/placements/%lld", jint(l.json, "items.0.id"));
	resp_free(&l);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &p);
	const char *idno = jstr(p.json, "person.idno");
	int month = 0;
	for (size_t i = 0; i < 12 && !month; i++)
		if (json_is_true(jget(json_array_get(jget(p.json, "months"), i), "registered")))
			month = atoi(jstr(json_array_get(jget(p.json, "months"), i), "month"));
	assert_true(month > 0);
	snprintf(csv, sizeof csv, "idno,month,uscc,amount\n%s,%d,%s,4321.00\n", idno, month,
		 demo_unit_of(&fx.srv, "xinghe"));
	resp_free(&p);
	struct part parts[] = { { "source", NULL, "wages", 5 },
				{ "as_of", NULL, "2026-01-31", 10 },
				{ "file", "wages-2026-01.csv", csv, strlen(csv) } };
	upload_parts(&fx.srv, "/imports", fx.admin, parts, 3, &r);
	assert_int_equal(r.status, 202);
	assert_string_equal(jstr(r.json, "status"), "running");
	assert_int_equal(jint(r.json, "rows_total"), 1);
	long long id = jint(r.json, "id");
	resp_free(&r);
	wait_done(id, &r);
	assert_string_equal(jstr(r.json, "status"), "done");
	assert_int_equal(jint(r.json, "rows_done"), 1);
	assert_int_equal(jint(r.json, "rows"), 1);
	assert_string_equal(jstr(r.json, "source"), "wages");
	assert_string_equal(jstr(r.json, "as_of"), "2026-01-31");
	assert_string_equal(jstr(r.json, "user"), "admin");
	assert_int_equal(jint(r.json, "rechecked"), 1);
	assert_int_equal(jint(r.json, "rechecked_placements"), 1);
	resp_free(&r);
	http(&fx.srv, "GET", "/imports", fx.admin, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
}

/* A larger file: answered 202 before a row is in, then rows_done grows to
 * rows_total and never passes it. */
static void test_import_progress_is_reported_while_it_runs(void **state)
{
	enum { ROWS = 3000 };
	struct resp r;
	size_t cap = 64 + ROWS * 64, n = 0;
	char *csv = malloc(cap);
	n += (size_t)snprintf(csv + n, cap - n, "idno,month,uscc,amount\n");
	for (int i = 0; i < ROWS; i++)
		n += (size_t)snprintf(csv + n, cap - n, "11010519491231002X,%d%02d,%s,1.00\n",
				      2000 + i / 12 % 20, 1 + i % 12, demo_unit_of(&fx.srv, "caoyuan"));
	struct part parts[] = { { "source", NULL, "wages", 5 }, { "file", "big.csv", csv, n } };
	upload_parts(&fx.srv, "/imports", fx.admin, parts, 2, &r);
	free(csv);
	assert_int_equal(r.status, 202);
	assert_int_equal(jint(r.json, "rows_total"), ROWS);
	assert_int_equal(jint(r.json, "rows_done"), 0);
	long long id = jint(r.json, "id");
	resp_free(&r);
	char path[40];
	long long last = 0;
	snprintf(path, sizeof path, "/imports/%lld", id);
	for (int i = 0; i < 400; i++) {
		http(&fx.srv, "GET", path, fx.admin, NULL, NULL, &r);
		long long done = jint(r.json, "rows_done");
		assert_true(done >= last && done <= ROWS);
		assert_int_equal(jint(r.json, "rows_total"), ROWS);
		last = done;
		int running = strcmp(jstr(r.json, "status"), "running") == 0;
		if (!running)
			assert_string_equal(jstr(r.json, "status"), "done");
		resp_free(&r);
		if (!running)
			break;
		usleep(20 * 1000);
	}
	assert_int_equal(last, ROWS);
}

static void test_a_bad_registry_file_fails_naming_its_line(void **state)
{
	struct resp r;
	const char *csv = "idno,month,uscc,amount\n"
			  "11010519491231002X,202501,91350100M000100Y43,100.00\n"
			  "11010519491231002X,202513,91350100M000100Y43,100.00\n";
	struct part parts[] = { { "source", NULL, "wages", 5 },
				{ "file", "bad.csv", csv, strlen(csv) } };
	upload_parts(&fx.srv, "/imports", fx.admin, parts, 2, &r);
	assert_int_equal(r.status, 202);
	long long id = jint(r.json, "id");
	resp_free(&r);
	wait_done(id, &r);
	assert_string_equal(jstr(r.json, "status"), "failed");
	assert_non_null(strstr(jstr(r.json, "error"), "bad.csv:3: month"));
	assert_int_equal(jint(r.json, "rows"), 0);
	resp_free(&r);
	struct part nosource[] = { { "file", "x.csv", csv, strlen(csv) } };
	upload_parts(&fx.srv, "/imports", fx.admin, nosource, 1, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "source");
	resp_free(&r);
}

/* ------------------------------------------------------------ policy tables */

static char *policy_text(const char *region, const char *version, const char *from)
{
	json_t *p = json_load_file("data/policy/150000.json", 0, NULL);
	assert_non_null(p);
	json_object_set_new(p, "region", json_string(region));
	json_object_set_new(p, "version", json_string(version));
	json_object_set_new(json_object_get(p, "valid"), "from", json_string(from));
	char *text = json_dumps(p, 0);
	json_decref(p);
	return text;
}

static void test_policy_versions_upload_and_choose_by_region_and_year(void **state)
{
	struct resp r;
	char *text = policy_text("150900", "2026.9-wlcb", "2020-01-01");
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/policies/tables", fx.supervisor, text, NULL, "forbidden"),
			 403);
	http(&fx.srv, "POST", "/policies/tables", fx.admin, text, NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "region"), "150900");
	assert_string_equal(jstr(r.json, "source"), "uploaded");
	resp_free(&r);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/policies/tables", fx.admin, text, NULL, "conflict"), 409);
	free(text);
	char path[96];
	snprintf(path, sizeof path, "/policies/tables?region=150924&year=%d", year);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "in_force.table.version"), "2026.9-wlcb");
	resp_free(&r);
	snprintf(path, sizeof path, "/policies/tables?region=150202&year=%d", year);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "in_force.table.source"), "shipped");
	resp_free(&r);
	/* a year before its validity uses the shipped table */
	http(&fx.srv, "GET", "/policies/tables?region=150924&year=2019", fx.xinghe, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "in_force.table.source"), "shipped");
	resp_free(&r);
	snprintf(path, sizeof path, "/policy?region=150924&year=%d", year);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "version"), "2026.9-wlcb");
	resp_free(&r);
	/* a broken table is refused with policy_load's key path */
	json_t *p = json_load_file("data/policy/150000.json", 0, NULL);
	json_object_set_new(p, "version", json_string("bad-1"));
	json_object_set_new(p, "quota", json_string("1.5%"));
	char *bad = json_dumps(p, 0);
	json_decref(p);
	http(&fx.srv, "POST", "/policies/tables", fx.admin, bad, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(jstr(r.json, "field"), "quota"));
	resp_free(&r);
	free(bad);
}

/* The month checks of a unit use the table in force for its region: a
 * version whose minimum wage no demo wage reaches fails the wage check of
 * xinghe's (兴和, in 乌兰察布) months when they are checked again. */
static void test_checks_use_the_policy_in_force_for_the_units_region(void **state)
{
	struct resp r, l, p;
	json_t *pol = json_load_file("data/policy/150000.json", 0, NULL);
	size_t i;
	json_t *row;
	json_object_set_new(pol, "region", json_string("150900"));
	json_object_set_new(pol, "version", json_string("2026.9-wlcb-high"));
	json_array_foreach(json_object_get(pol, "min_wage"), i, row)
		json_object_set_new(row, "monthly", json_pack("[s,s,s]", "99999.00", "99999.00",
							       "99999.00"));
	char *text = json_dumps(pol, 0);
	json_decref(pol);
	http(&fx.srv, "POST", "/policies/tables", fx.admin, text, NULL, &r);
	assert_int_equal(r.status, 201);
	resp_free(&r);
	free(text);
	char path[160], im[48];
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?status=confirmed",
		 demo_unit_of(&fx.srv, "xinghe"), year);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &l);
	assert_true(json_array_size(jget(l.json, "items")) > 0);
	snprintf(path, sizeof path, "/placements/%lld", jint(l.json, "items.0.id"));
	resp_free(&l);
	http(&fx.srv, "GET", path, fx.xinghe, NULL, NULL, &p);
	json_t *months = json_array(), *m;
	json_array_foreach(jget(p.json, "months"), i, m)
		if (json_is_true(json_object_get(m, "registered")))
			json_array_append(months, json_object_get(m, "month"));
	assert_true(json_array_size(months) > 0);
	snprintf(im, sizeof im, "If-Match: %s", p.etag);
	resp_free(&p);
	json_t *body = json_pack("{s:o}", "months", months);
	char *b = json_dumps(body, 0);
	json_decref(body);
	const char *h[] = { im, NULL };
	snprintf(path + strlen(path), sizeof path - strlen(path), "/months");
	http(&fx.srv, "PUT", path, fx.xinghe, b, h, &r);
	free(b);
	assert_int_equal(r.status, 200);
	json_array_foreach(jget(r.json, "months"), i, m)
		if (json_is_true(json_object_get(m, "registered")))
			assert_string_equal(jstr(m, "checks.wage.reason"), "below_minimum_wage");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_year_has_a_deadline_weeks_ahead),
		cmocka_unit_test(test_after_the_deadline_submit_waits_for_a_reopen),
		cmocka_unit_test(test_staff_publish_to_the_units_of_their_region),
		cmocka_unit_test(test_registry_import_runs_in_the_background_with_progress),
		cmocka_unit_test(test_import_progress_is_reported_while_it_runs),
		cmocka_unit_test(test_a_bad_registry_file_fails_naming_its_line),
		cmocka_unit_test(test_policy_versions_upload_and_choose_by_region_and_year),
		cmocka_unit_test(test_checks_use_the_policy_in_force_for_the_units_region),
	};
	return cmocka_run_group_tests_name("admin_data", tests, setup, teardown);
}
