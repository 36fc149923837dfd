/* Access over HTTPS: a unit user never sees or changes another unit's data
 * (404, not 403) on any endpoint; a reviewer sees only units whose
 * federation department lies in its region subtree; roles that may not write
 * get 403. */
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
static char *t_xinghe, *t_caoyuan, *t_agent, *t_reviewer, *t_supervisor, *t_admin;
static const char *u_xinghe, *u_caoyuan, *u_jining;
static int year;
static long long pid_xinghe, mid_xinghe, pid_caoyuan;

/* The first placement of the unit in a status ("" any) and its first material. */
static long long first_with_material(const char *tok, const char *uscc, const char *status,
				     long long *mid)
{
	struct resp l, p;
	char path[160];
	long long found = 0;
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?status=%s", uscc, year, status);
	http(&srv, "GET", path, tok, NULL, NULL, &l);
	snprintf(path, sizeof path, "/placements/%lld", jint(l.json, "items.0.id"));
	http(&srv, "GET", path, tok, NULL, NULL, &p);
	found = jint(p.json, "id");
	*mid = jint(p.json, "materials.0.id");
	resp_free(&l);
	resp_free(&p);
	return found;
}

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_caoyuan = login(&srv, "caoyuan", "demo1234");
	t_agent = login(&srv, "xinghe-agent", "demo1234");
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_supervisor = login(&srv, "supervisor", "demo1234");
	t_admin = login(&srv, "admin", "demo1234");
	u_xinghe = demo_unit_of(&srv, "xinghe");
	u_caoyuan = demo_unit_of(&srv, "caoyuan");
	u_jining = demo_unit_of(&srv, "jining");
	year = (int)jint(srv.demo, "year");
	long long unused;
	pid_xinghe = first_with_material(t_xinghe, u_xinghe, "pending", &mid_xinghe);
	pid_caoyuan = first_with_material(t_caoyuan, u_caoyuan, "", &unused);
	return t_xinghe && t_caoyuan && t_agent && t_reviewer && t_supervisor && t_admin &&
			       pid_xinghe > 0 && mid_xinghe > 0 && pid_caoyuan > 0
		       ? 0
		       : -1;
}

static int teardown(void **state)
{
	free(t_xinghe);
	free(t_caoyuan);
	free(t_agent);
	free(t_reviewer);
	free(t_supervisor);
	free(t_admin);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static long call(const char *tok, const char *method, const char *path, const char *body)
{
	struct resp r;
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, method, path, tok, body, h, &r);
	long st = r.status;
	if (st == 404)
		assert_string_equal(jstr(r.json, "code"), "not_found");
	resp_free(&r);
	return st;
}

/* Every endpoint that names another unit's data answers 404. */
static void test_unit_user_gets_404_for_another_units_data_everywhere(void **state)
{
	char p[200];
	const char *t = t_caoyuan;
	snprintf(p, sizeof p, "/units/%s", u_xinghe);
	assert_int_equal(call(t, "GET", p, NULL), 404);
	assert_int_equal(call(t, "PUT", p, "{\"name\":\"x\",\"kind\":\"other\","
					    "\"federation_region\":\"150105\"}"), 404);
	snprintf(p, sizeof p, "/units/%s/years/%d", u_xinghe, year);
	assert_int_equal(call(t, "GET", p, NULL), 404);
	snprintf(p, sizeof p, "/units/%s/years/%d/submit", u_xinghe, year);
	assert_int_equal(call(t, "POST", p, NULL), 404);
	snprintf(p, sizeof p, "/units/%s/years/%d/withdraw", u_xinghe, year);
	assert_int_equal(call(t, "POST", p, NULL), 404);
	snprintf(p, sizeof p, "/units/%s/years/%d/placements", u_xinghe, year);
	assert_int_equal(call(t, "GET", p, NULL), 404);
	assert_int_equal(call(t, "POST", p, "{}"), 404);
	snprintf(p, sizeof p, "/units/%s/years/%d/placements/import-previous", u_xinghe, year);
	assert_int_equal(call(t, "POST", p, NULL), 404);
	snprintf(p, sizeof p, "/placements/%lld", pid_xinghe);
	assert_int_equal(call(t, "GET", p, NULL), 404);
	assert_int_equal(call(t, "PUT", p, "{}"), 404);
	assert_int_equal(call(t, "DELETE", p, NULL), 404);
	snprintf(p, sizeof p, "/placements/%lld/reregister", pid_xinghe);
	assert_int_equal(call(t, "POST", p, NULL), 404);
	snprintf(p, sizeof p, "/placements/%lld/months", pid_xinghe);
	assert_int_equal(call(t, "PUT", p, "{\"months\":[]}"), 404);
	snprintf(p, sizeof p, "/placements/%lld/materials/%lld", pid_xinghe, mid_xinghe);
	assert_int_equal(call(t, "GET", p, NULL), 404);
	assert_int_equal(call(t, "DELETE", p, NULL), 404);
	struct resp r;
	snprintf(p, sizeof p, "/placements/%lld/materials", pid_xinghe);
	upload(&srv, p, t, "wage", "a.pdf", "%PDF-1.4\n", 9, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	/* A placement id that does not exist looks the same. */
	assert_int_equal(call(t, "GET", "/placements/999999", NULL), 404);
}

static void test_unit_user_sees_its_own_unit(void **state)
{
	char p[200];
	snprintf(p, sizeof p, "/placements/%lld", pid_caoyuan);
	assert_int_equal(call(t_caoyuan, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/units/%s", u_caoyuan);
	assert_int_equal(call(t_caoyuan, "GET", p, NULL), 200);
}

static void test_agent_acts_for_its_unit_only(void **state)
{
	char p[200];
	snprintf(p, sizeof p, "/placements/%lld", pid_xinghe);
	assert_int_equal(call(t_agent, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/placements/%lld", pid_caoyuan);
	assert_int_equal(call(t_agent, "GET", p, NULL), 404);
}

static void test_reviewer_at_150900_sees_only_its_subtree(void **state)
{
	char p[200];
	snprintf(p, sizeof p, "/units/%s", u_xinghe); /* 150924 兴和县 */
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/units/%s", u_jining); /* 150902 集宁区 */
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/units/%s/years/%d/placements", u_xinghe, year);
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/placements/%lld/materials/%lld", pid_xinghe, mid_xinghe);
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/units/%s", u_caoyuan); /* 150105 赛罕区, outside */
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 404);
	snprintf(p, sizeof p, "/units/%s/years/%d/placements", u_caoyuan, year);
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 404);
	snprintf(p, sizeof p, "/placements/%lld", pid_caoyuan);
	assert_int_equal(call(t_reviewer, "GET", p, NULL), 404);
}

static void test_reviewer_and_supervisor_may_not_write_unit_data_403(void **state)
{
	char p[200];
	snprintf(p, sizeof p, "/placements/%lld", pid_xinghe);
	assert_int_equal(call(t_reviewer, "DELETE", p, NULL), 403);
	assert_int_equal(call(t_supervisor, "PUT", p, "{}"), 403);
	snprintf(p, sizeof p, "/units/%s/years/%d/placements", u_xinghe, year);
	assert_int_equal(call(t_reviewer, "POST", p, "{}"), 403);
	snprintf(p, sizeof p, "/units/%s/years/%d/submit", u_xinghe, year);
	assert_int_equal(call(t_reviewer, "POST", p, NULL), 403);
}

static void test_supervisor_at_150000_and_admin_see_every_unit(void **state)
{
	char p[200];
	snprintf(p, sizeof p, "/units/%s", u_caoyuan);
	assert_int_equal(call(t_supervisor, "GET", p, NULL), 200);
	assert_int_equal(call(t_admin, "GET", p, NULL), 200);
	snprintf(p, sizeof p, "/placements/%lld", pid_xinghe);
	assert_int_equal(call(t_admin, "GET", p, NULL), 200);
}

static void test_notices_of_another_unit_stay_hidden(void **state)
{
	struct resp r;
	http(&srv, "GET", "/notices", t_caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "施嵘"));
	resp_free(&r);
	http(&srv, "GET", "/notices", t_xinghe, NULL, NULL, &r);
	long long id = 0;
	size_t i;
	json_t *n;
	json_array_foreach(jget(r.json, "items"), i, n)
		if (strstr(jstr(n, "title"), "施嵘"))
			id = jint(n, "id");
	resp_free(&r);
	assert_true(id > 0);
	char p[64];
	snprintf(p, sizeof p, "/notices/%lld/read", id);
	assert_int_equal(call(t_caoyuan, "POST", p, NULL), 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_user_gets_404_for_another_units_data_everywhere),
		cmocka_unit_test(test_unit_user_sees_its_own_unit),
		cmocka_unit_test(test_agent_acts_for_its_unit_only),
		cmocka_unit_test(test_reviewer_at_150900_sees_only_its_subtree),
		cmocka_unit_test(test_reviewer_and_supervisor_may_not_write_unit_data_403),
		cmocka_unit_test(test_supervisor_at_150000_and_admin_see_every_unit),
		cmocka_unit_test(test_notices_of_another_unit_stay_hidden),
	};
	return cmocka_run_group_tests_name("api_access", tests, setup, teardown);
}
