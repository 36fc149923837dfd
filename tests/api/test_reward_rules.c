/* The over-quota reward's rules over HTTPS (SPEC §5.4, §7.2), on 集宁福利院's
 * business year built through the API: who counts (employment age, Inner
 * Mongolia household registration, a certificate valid that month; a
 * dispatched person for one side only), the exclusions (a 公益一类
 * institution), an application only once the declaration passed, and the
 * window path (窗口): federation staff apply with the staff count and bank
 * account they enter, and the supervisor's review is someone else's. */
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
static char *t_jining, *t_xinghe, *t_reviewer, *t_supervisor, *t_sup2, *t_admin;
static const char *jining, *xinghe;
static int year;
static long long app_id;

/* Persons not in the registry: every check but age, certificate and
 * contract fails, so each is confirmed by a reviewer from the materials. */
static const struct scenario_person aged = { "15090219600315011", "常守业", "150902", false,
					     4, 3 };
static const struct scenario_person outsider = { "11010519850620013", "钱立群", "110105",
						 false, 4, 4 };
static const struct scenario_person dispatched_here = { "15090219900411015", "武晓光", "150902",
							true, 4, 3 };
static const struct scenario_person dispatched_there = { "15090219880808017", "聂长青", "150902",
							 false, 4, 3 };

/* The persons of the demo that need materials or a reviewer at 集宁. */
static int confirm_demo_persons(void)
{
	struct resp r;
	char path[128];
	size_t i;
	json_t *it;
	int rc = 0;
	/* the demo has some with their materials missing, some awaiting review */
	for (const char *const *st = (const char *const[]){ "incomplete", "pending", NULL }; *st; st++) {
		snprintf(path, sizeof path, "/units/%s/years/%d/placements?status=%s", jining, year,
			 *st);
		http(&srv, "GET", path, t_jining, NULL, NULL, &r);
		json_array_foreach(jget(r.json, "items"), i, it) {
			long long pid = jint(it, "id");
			rc |= scenario_upload_needs(&srv, t_jining, pid) ||
			      scenario_review_valid(&srv, t_reviewer, pid);
		}
		resp_free(&r);
	}
	return rc;
}

static const struct scenario_login cast[] = {
	{ "jining", &t_jining }, { "xinghe", &t_xinghe }, { "reviewer", &t_reviewer },
	{ "supervisor", &t_supervisor }, { "sup2", &t_sup2 }, { "admin", &t_admin },
};
#define NCAST (sizeof cast / sizeof cast[0])

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	year = (int)jint(srv.demo, "year");
	jining = demo_unit_of(&srv, "jining");
	xinghe = demo_unit_of(&srv, "xinghe");
	if (scenario_add_sup2(&srv) || scenario_login_all(&srv, cast, NCAST))
		return -1;
	/* 聂长青: dispatched to 兴和宏达 (the receiving unit, confirmed there
	 * first), also registered at 集宁 under an ordinary contract */
	if (scenario_confirmed(&srv, t_xinghe, t_reviewer, xinghe, year,
			       &(struct scenario_person){ "15090219880808017", "聂长青", "150902",
							  true, 4, 3 }) < 0 ||
	    scenario_confirmed(&srv, t_jining, t_reviewer, jining, year, &dispatched_there) < 0)
		return -1;
	/* 武晓光: dispatched to 集宁 (confirmed there first); 兴和宏达 has him
	 * under an ordinary contract too */
	if (scenario_confirmed(&srv, t_jining, t_reviewer, jining, year, &dispatched_here) < 0 ||
	    scenario_confirmed(&srv, t_xinghe, t_reviewer, xinghe, year,
			       &(struct scenario_person){ "15090219900411015", "武晓光", "150902",
							  false, 4, 3 }) < 0)
		return -1;
	if (scenario_confirmed(&srv, t_jining, t_reviewer, jining, year, &aged) < 0 ||
	    scenario_confirmed(&srv, t_jining, t_reviewer, jining, year, &outsider) < 0 ||
	    confirm_demo_persons() != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	return scenario_stop(&srv, cast, NCAST);
}

static void apply_path(char *path, size_t len, const char *uscc)
{
	snprintf(path, len, "/units/%s/years/%d/rewards", uscc, year);
}

static const char window_body[] =
	"{\"staff\":\"40\",\"channel\":\"window\",\"bank\":{\"payee\":\"乌兰察布市集宁区社会福利院\","
	"\"account\":\"6228480000000000777\",\"bank\":\"中国农业银行集宁支行\"}}";

static void test_window_application_needs_the_staff_count_and_bank_entered(void **state)
{
	struct resp r;
	char path[128];
	apply_path(path, sizeof path, jining);
	http(&srv, "POST", path, t_reviewer, "{}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "staff");
	resp_free(&r);
	http(&srv, "POST", path, t_reviewer, "{\"staff\":40}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "bank");
	resp_free(&r);
	/* staff of the unit apply online, never "at the window" */
	http(&srv, "POST", path, t_jining, "{\"channel\":\"window\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "channel");
	resp_free(&r);
}

static void test_no_application_before_the_declaration_passed(void **state)
{
	struct resp r;
	char path[128];
	apply_path(path, sizeof path, jining);
	http(&srv, "POST", path, t_sup2, window_body, NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "declaration_not_passed");
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d/submit", jining, year);
	http(&srv, "POST", path, t_jining, NULL, NULL, &r);
	assert_int_equal(r.status, 200); /* every person confirmed */
	resp_free(&r);
	apply_path(path, sizeof path, jining);
	http(&srv, "POST", path, t_sup2, window_body, NULL, &r);
	assert_int_equal(r.status, 409); /* submitted is not passed */
	assert_string_equal(jstr(r.json, "code"), "declaration_not_passed");
	resp_free(&r);
	assert_int_equal(scenario_annual_review(&srv, t_reviewer, jining, year, "pass"), 0);
}

static void test_a_fiscally_funded_institution_is_excluded_with_the_reason(void **state)
{
	struct resp r, u;
	char path[128], etag[48], upath[64];
	apply_path(path, sizeof path, jining);
	http(&srv, "POST", path, t_sup2, window_body, NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "excluded");
	assert_string_equal(jstr(r.json, "field"), "institution_category");
	assert_non_null(strstr(jstr(r.json, "detail"), "公益一类"));
	resp_free(&r);
	/* the preview says so too */
	http(&srv, "GET", path, t_jining, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "excluded.rule"), "institution_category");
	resp_free(&r);
	/* the unit may not change what the federation sets */
	snprintf(upath, sizeof upath, "/units/%s", jining);
	http(&srv, "GET", upath, t_admin, NULL, NULL, &u);
	json_object_set_new(u.json, "institution_category", json_string("business"));
	json_object_del(u.json, "version");
	char *text = json_dumps(u.json, JSON_COMPACT);
	snprintf(etag, sizeof etag, "If-Match: %s", u.etag);
	const char *h[] = { etag, NULL };
	http(&srv, "PUT", upath, t_jining, text, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "institution_category");
	resp_free(&r);
	/* the federation (admin) sets it: 经营类, not excluded */
	http(&srv, "PUT", upath, t_admin, text, h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "institution_category"), "business");
	resp_free(&r);
	free(text);
	resp_free(&u);
}

static json_t *person_named(json_t *app, const char *masked)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(app, "persons"), i, p)
		if (strcmp(jstr(p, "name_masked"), masked) == 0)
			return p;
	return NULL;
}

static void test_window_application_counts_only_qualifying_persons(void **state)
{
	struct resp r;
	char path[128];
	apply_path(path, sizeof path, jining);
	http(&srv, "POST", path, t_sup2, window_body, NULL, &r);
	assert_int_equal(r.status, 201);
	app_id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "channel"), "window");
	assert_string_equal(jstr(r.json, "applied_by"), "sup2");
	assert_string_equal(jstr(r.json, "status"), "first_passed"); /* to the supervisor's review */
	assert_string_equal(jstr(r.json, "staff"), "40");
	assert_string_equal(jstr(r.json, "bank.account"), "6228480000000000777");
	/* retired in 2020: no month of employment age */
	json_t *p = person_named(r.json, "常*业");
	assert_non_null(p);
	assert_false(json_is_true(json_object_get(p, "counted")));
	assert_string_equal(jstr(p, "reason"), "employment_age");
	assert_string_equal(jstr(p, "months.0.reason"), "employment_age");
	/* household registration in Beijing */
	p = person_named(r.json, "钱*群");
	assert_string_equal(jstr(p, "reason"), "hukou");
	/* certificate ended 30 June: months 7–12 left out, 1–6 counted */
	p = person_named(r.json, "*和");
	assert_non_null(p);
	assert_true(json_is_true(json_object_get(p, "counted")));
	assert_int_equal(jint(p, "months_counted"), 6);
	assert_true(json_is_true(jget(p, "months.5.counted")));
	assert_string_equal(jstr(p, "months.6.reason"), "certificate");
	/* dispatched to 集宁: counted here, the receiving unit */
	p = person_named(r.json, "武*光");
	assert_true(json_is_true(json_object_get(p, "counted")));
	assert_int_equal(jint(p, "months_counted"), 12);
	/* dispatched to 兴和宏达: counted there, not here */
	p = person_named(r.json, "聂*青");
	assert_string_equal(jstr(p, "reason"), "dispatch_other_side");
	/* confirmed at 兴和宏达 as well, neither dispatched: counted at neither */
	p = person_named(r.json, "杨*军");
	assert_string_equal(jstr(p, "reason"), "confirmed_elsewhere");
	/* 智力 and 精神 certificates and level 2 count twice (SPEC §6) */
	p = person_named(r.json, "袁*涛");
	assert_int_equal(jint(p, "months_counted"), 24);
	/* 138 counted months = 11.50 placed; 40 × 1.5% = 0.60; excess 10.90 →
	 * 10 persons × 5 × 2380 (一类, December) */
	assert_int_equal(jint(r.json, "months_counted"), 138);
	assert_string_equal(jstr(r.json, "placed"), "11.50");
	assert_string_equal(jstr(r.json, "required"), "0.60");
	assert_string_equal(jstr(r.json, "excess"), "10.90");
	assert_string_equal(jstr(r.json, "persons_rewarded"), "10");
	assert_string_equal(jstr(r.json, "min_wage"), "2380.00");
	assert_string_equal(jstr(r.json, "amount"), "119000.00");
	resp_free(&r);
}

static void test_the_other_side_of_a_dispatch_sees_it_the_other_way(void **state)
{
	struct resp r;
	char path[128];
	apply_path(path, sizeof path, xinghe);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	json_t *pv = json_object_get(r.json, "preview");
	assert_string_equal(jstr(person_named(pv, "武*光"), "reason"), "dispatch_other_side");
	assert_true(json_is_true(json_object_get(person_named(pv, "聂*青"), "counted")));
	resp_free(&r);
}

static void review(const char *tok, const char *step, const char *etag, const char *body,
		   struct resp *r)
{
	char path[96], h1[48];
	snprintf(path, sizeof path, "/rewards/%lld/%s", app_id, step);
	snprintf(h1, sizeof h1, "If-Match: %s", etag);
	const char *h[] = { h1, NULL };
	http(&srv, "PUT", path, tok, body, h, r);
}

static void test_the_window_applicant_may_not_do_the_second_review(void **state)
{
	struct resp r;
	review(t_sup2, "second-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "four_eyes");
	resp_free(&r);
	/* a reviewer does not do second reviews at all */
	review(t_reviewer, "second-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* a window application has no first review */
	review(t_reviewer, "first-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "conflict");
	resp_free(&r);
	review(t_supervisor, "second-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "approved");
	assert_string_equal(jstr(r.json, "second_review.reviewer"), "supervisor");
	resp_free(&r);
}

static void test_the_unit_hears_of_the_window_application_and_the_approval(void **state)
{
	struct resp r;
	int applied = 0, approved = 0;
	size_t i;
	json_t *n;
	http(&srv, "GET", "/notices", t_jining, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, n) {
		applied += strcmp(jstr(n, "title"), "超比例奖励申请受理通知") == 0;
		approved += strcmp(jstr(n, "title"), "超比例奖励申请审核通过通知") == 0 &&
			    strstr(jstr(n, "body"), "119000.00") != NULL;
	}
	assert_int_equal(applied, 1);
	assert_int_equal(approved, 1);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_application_needs_the_staff_count_and_bank_entered),
		cmocka_unit_test(test_no_application_before_the_declaration_passed),
		cmocka_unit_test(test_a_fiscally_funded_institution_is_excluded_with_the_reason),
		cmocka_unit_test(test_window_application_counts_only_qualifying_persons),
		cmocka_unit_test(test_the_other_side_of_a_dispatch_sees_it_the_other_way),
		cmocka_unit_test(test_the_window_applicant_may_not_do_the_second_review),
		cmocka_unit_test(test_the_unit_hears_of_the_window_application_and_the_approval),
	};
	return cmocka_run_group_tests_name("reward_rules", tests, setup, teardown);
}
