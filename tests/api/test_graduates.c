/* Graduate placement (安置残疾大学生申请, SPEC §5.5) over HTTPS: a person marked
 * 高校毕业生 needs the 学位学历 material; a unit applies for the graduates who
 * qualify under the policy's (example) conditions and amount, and the
 * application is reviewed like a reward, four eyes included. */
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
#include "tests/samples.h"

static struct server srv;
static char *t_xinghe, *t_caoyuan, *t_reviewer, *t_supervisor, *t_sup2;
static const char *xinghe, *caoyuan;
static int year;
static long long app_id;

static const struct scenario_login cast[] = {
	{ "xinghe", &t_xinghe }, { "caoyuan", &t_caoyuan }, { "reviewer", &t_reviewer },
	{ "supervisor", &t_supervisor }, { "sup2", &t_sup2 },
};
#define NCAST (sizeof cast / sizeof cast[0])

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	year = (int)jint(srv.demo, "year");
	xinghe = demo_unit_of(&srv, "xinghe");
	caoyuan = demo_unit_of(&srv, "caoyuan");
	return scenario_add_sup2(&srv) || scenario_login_all(&srv, cast, NCAST) ? -1 : 0;
}

static int teardown(void **state)
{
	return scenario_stop(&srv, cast, NCAST);
}

/* The placement id of a masked name on 草原绿能's list this year. */
static long long placement_of(const char *masked)
{
	struct resp r;
	char path[128];
	long long id = -1;
	size_t i;
	json_t *it;
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", caoyuan, year);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, it)
		if (strcmp(jstr(it, "name_masked"), masked) == 0)
			id = jint(it, "id");
	resp_free(&r);
	return id;
}

static void test_a_graduate_needs_the_degree_material(void **state)
{
	struct resp r;
	struct sample png;
	char path[96];
	long long graduate = placement_of("吴*杰"), other = placement_of("周*兰");
	assert_true(graduate > 0 && other > 0);
	snprintf(path, sizeof path, "/placements/%lld", graduate);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	assert_true(json_is_true(jget(r.json, "person.graduate")));
	assert_int_equal(json_array_size(jget(r.json, "needs")), 1);
	assert_string_equal(jstr(r.json, "needs.0"), "degree");
	assert_string_equal(jstr(r.json, "status"), "confirmed"); /* the months are not held up */
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld", other);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "needs")), 0); /* not a graduate */
	resp_free(&r);
	sample_png(&png);
	snprintf(path, sizeof path, "/placements/%lld/materials", graduate);
	upload(&srv, path, t_caoyuan, "degree", "学位证书.png", png.b, png.n, &r);
	assert_int_equal(r.status, 201);
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld", graduate);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "needs")), 0);
	resp_free(&r);
}

static void test_graduate_without_the_degree_is_left_out(void **state)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/graduate-applications", caoyuan, year - 1);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "preview.persons")), 1); /* graduates only */
	assert_string_equal(jstr(r.json, "preview.persons.0.name_masked"), "吴*杰");
	assert_string_equal(jstr(r.json, "preview.persons.0.reason"), "no_degree");
	assert_false(json_is_true(jget(r.json, "preview.eligible")));
	resp_free(&r);
	http(&srv, "POST", path, t_caoyuan, "{}", NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "not_eligible");
	resp_free(&r);
}

static void test_unit_applies_for_its_qualifying_graduates(void **state)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/graduate-applications", xinghe, year);
	http(&srv, "POST", path, t_xinghe, "{}", NULL, &r);
	assert_int_equal(r.status, 409); /* this year's declaration is open */
	assert_string_equal(jstr(r.json, "code"), "declaration_not_passed");
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d/graduate-applications", xinghe, year - 1);
	http(&srv, "POST", path, t_xinghe, "{}", NULL, &r);
	assert_int_equal(r.status, 201);
	app_id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "kind"), "graduate");
	assert_string_equal(jstr(r.json, "placed"), "1"); /* 曾宪文, bachelor, degree on file */
	assert_string_equal(jstr(r.json, "persons.0.name_masked"), "曾*文");
	assert_true(json_is_true(jget(r.json, "persons.0.counted")));
	assert_string_equal(jstr(r.json, "amount"), "5000.00"); /* the example amount */
	assert_true(json_is_null(jget(r.json, "excess")));
	resp_free(&r);
	http(&srv, "POST", path, t_xinghe, "{}", NULL, &r);
	assert_int_equal(r.status, 409); /* once a year */
	resp_free(&r);
}

static void test_the_application_takes_the_degree_copy_as_an_attachment(void **state)
{
	struct resp r, g;
	struct sample pdf;
	char path[96];
	sample_pdf(&pdf);
	snprintf(path, sizeof path, "/graduate-applications/%lld/attachments", app_id);
	upload(&srv, path, t_xinghe, "degree", "毕业证书.pdf", pdf.b, pdf.n, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "kind"), "degree");
	assert_string_equal(jstr(r.json, "content_type"), "application/pdf");
	snprintf(path, sizeof path, "/graduate-applications/%lld/attachments/%lld", app_id,
		 jint(r.json, "id"));
	resp_free(&r);
	http(&srv, "GET", path, t_reviewer, NULL, NULL, &g);
	assert_int_equal(g.status, 200);
	assert_memory_equal(g.body, pdf.b, pdf.n);
	resp_free(&g);
	snprintf(path, sizeof path, "/graduate-applications/%lld", app_id);
	http(&srv, "GET", path, t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "attachments")), 1);
	assert_string_equal(r.etag, "\"1\"");
	resp_free(&r);
}

static void step(const char *tok, const char *which, const char *etag, const char *body,
		 struct resp *r)
{
	char path[96], h1[48];
	snprintf(path, sizeof path, "/graduate-applications/%lld/%s", app_id, which);
	snprintf(h1, sizeof h1, "If-Match: %s", etag);
	const char *h[] = { h1, NULL };
	http(&srv, "PUT", path, tok, body, h, r);
}

static void test_graduate_application_is_reviewed_like_a_reward(void **state)
{
	struct resp r;
	step(t_reviewer, "first-review", "\"1\"", "{\"result\":\"fail\",\"reason\":\"\"}", &r);
	assert_int_equal(r.status, 422);
	resp_free(&r);
	step(t_supervisor, "first-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	step(t_supervisor, "second-review", "\"2\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "four_eyes");
	resp_free(&r);
	step(t_sup2, "second-review", "\"2\"",
	     "{\"result\":\"fail\",\"reason\":\"学位证书未经学信网认证\"}", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "rejected");
	resp_free(&r);
	http(&srv, "GET", "/notices", t_xinghe, NULL, NULL, &r);
	assert_non_null(strstr(r.body, "安置残疾大学生申请审核未通过通知"));
	assert_non_null(strstr(r.body, "复审未通过，原因：学位证书未经学信网认证"));
	resp_free(&r);
}

static void test_graduate_applications_are_a_list_of_their_own(void **state)
{
	struct resp r;
	char path[96];
	http(&srv, "GET", "/graduate-applications", t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_string_equal(jstr(r.json, "items.0.kind"), "graduate");
	resp_free(&r);
	http(&srv, "GET", "/rewards", t_xinghe, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
	snprintf(path, sizeof path, "/rewards/%lld", app_id);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 404); /* not a reward */
	resp_free(&r);
	http(&srv, "GET", "/graduate-applications?status=rejected", t_reviewer, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	resp_free(&r);
}

static void test_the_subsidy_is_marked_as_an_example(void **state)
{
	struct resp r;
	http(&srv, "GET", "/policy", t_xinghe, NULL, NULL, &r);
	assert_true(json_is_true(jget(r.json, "graduate_subsidy.example")));
	assert_non_null(strstr(jstr(r.json, "graduate_subsidy.note"), "EXAMPLE"));
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_graduate_needs_the_degree_material),
		cmocka_unit_test(test_graduate_without_the_degree_is_left_out),
		cmocka_unit_test(test_unit_applies_for_its_qualifying_graduates),
		cmocka_unit_test(test_the_application_takes_the_degree_copy_as_an_attachment),
		cmocka_unit_test(test_graduate_application_is_reviewed_like_a_reward),
		cmocka_unit_test(test_graduate_applications_are_a_list_of_their_own),
		cmocka_unit_test(test_the_subsidy_is_marked_as_an_example),
	};
	return cmocka_run_group_tests_name("graduates", tests, setup, teardown);
}
