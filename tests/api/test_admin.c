/* 系统管理 over HTTPS, accounts and employers: accounts (create, validate the
 * role's region or unit, disable, no self-lockout) and employers (list, add
 * one, a CSV all or nothing with line numbers; 残联/税务主管部门 are the
 * federation's to set). Admin-only (403). The yearly data: test_admin_data.c. */
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

#include "core/ident.h"
#include "tests/api/harness.h"
#include "tests/api/scenario.h"

static struct scenario_admin fx;

static int setup(void **state)
{
	return scenario_admin_start(&fx);
}

static int teardown(void **state)
{
	return scenario_admin_stop(&fx);
}

static void uscc_make(const char *first17, char out[19])
{
	snprintf(out, 19, "%.17s%c", first17, uscc_check_char(first17));
}

/* ------------------------------------------------------------------- users */

static void test_only_the_admin_manages_accounts_403(void **state)
{
	assert_int_equal(scenario_status_of(&fx.srv, "GET", "/users", fx.supervisor, NULL, NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/users", fx.xinghe, "{}", NULL, "forbidden"), 403);
	/* the unit search is the federation's (h_unit_search.c); adding units the admin's */
	assert_int_equal(scenario_status_of(&fx.srv, "GET", "/units", fx.xinghe, NULL, NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/units", fx.reviewer, "{}", NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&fx.srv, "GET", "/imports", fx.supervisor, NULL, NULL, "forbidden"), 403);
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", "/settings", fx.xinghe, "{}", NULL, "forbidden"), 403);
}

static void test_admin_creates_staff_with_a_known_region_only(void **state)
{
	struct resp r;
	http(&fx.srv, "POST", "/users", fx.admin,
	     "{\"username\":\"bt-reviewer\",\"display_name\":\"包头市残联 审核员\","
	     "\"password\":\"Baotou#2025rev\",\"role\":\"reviewer\",\"region\":\"159999\"}",
	     NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "region");
	resp_free(&r);
	http(&fx.srv, "POST", "/users", fx.admin,
	     "{\"username\":\"bt-reviewer\",\"display_name\":\"包头市残联 审核员\","
	     "\"password\":\"Baotou#2025rev\",\"role\":\"reviewer\",\"region\":\"150200\"}",
	     NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "region"), "150200");
	assert_true(json_is_null(jget(r.json, "unit")));
	assert_int_equal(jint(r.json, "version"), 1);
	resp_free(&r);
	char *tok = login(&fx.srv, "bt-reviewer", "Baotou#2025rev");
	assert_non_null(tok);
	http(&fx.srv, "GET", "/review/placements", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	free(tok);
	/* a unit account needs a unit that exists */
	http(&fx.srv, "POST", "/users", fx.admin,
	     "{\"username\":\"nobody-unit\",\"password\":\"Nobody#2025x\",\"role\":\"unit\","
	     "\"unit\":\"91350100M000100Y43\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "unit");
	resp_free(&r);
	http(&fx.srv, "POST", "/users", fx.admin,
	     "{\"username\":\"x\",\"password\":\"Nobody#2025x\",\"role\":\"boss\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "role");
	resp_free(&r);
}

/* Searches ignore the case of ASCII letters on either backend (SQLite's
 * LIKE does; PostgreSQL runs it as ILIKE). */
static void test_user_search_ignores_letter_case(void **state)
{
	struct resp r;
	http(&fx.srv, "GET", "/users?q=REVIEWER&role=reviewer", fx.admin, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "items.0.username"), "reviewer");
	resp_free(&r);
}

static void test_admin_moves_disables_and_resets_an_account(void **state)
{
	struct resp r;
	http(&fx.srv, "GET", "/users?q=reviewer&role=reviewer", fx.admin, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "items.0.username"), "reviewer");
	long long id = jint(r.json, "items.0.id");
	resp_free(&r);
	char path[48];
	snprintf(path, sizeof path, "/users/%lld", id);
	char *tok = login(&fx.srv, "reviewer", "demo1234");
	const char *h1[] = { "If-Match: \"1\"", NULL };
	http(&fx.srv, "PUT", path, fx.admin, "{\"region\":\"150902\"}", h1, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "region"), "150902");
	resp_free(&r);
	http(&fx.srv, "GET", "/me", tok, NULL, NULL, &r); /* scope follows at once */
	assert_string_equal(jstr(r.json, "region"), "150902");
	resp_free(&r);
	const char *h2[] = { "If-Match: \"2\"", NULL };
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin, "{\"disabled\":true}", h1,
			      "precondition_failed"), 412);
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin, "{\"disabled\":true}", h2, NULL), 200);
	assert_int_equal(scenario_status_of(&fx.srv, "GET", "/me", tok, NULL, NULL, "unauthorized"), 401);
	assert_null(login(&fx.srv, "reviewer", "demo1234"));
	const char *h3[] = { "If-Match: \"3\"", NULL };
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin,
			      "{\"disabled\":false,\"region\":\"150900\",\"password\":\"Wulanchabu#25\"}",
			      h3, NULL), 200);
	char *again = login(&fx.srv, "reviewer", "Wulanchabu#25");
	assert_non_null(again);
	free(fx.reviewer);
	fx.reviewer = again;
	free(tok);
}

static void test_admin_cannot_lock_themselves_out_409(void **state)
{
	struct resp r;
	http(&fx.srv, "GET", "/users?role=admin", fx.admin, NULL, NULL, &r);
	char path[48], im[48];
	snprintf(path, sizeof path, "/users/%lld", jint(r.json, "items.0.id"));
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(r.json, "items.0.version"));
	resp_free(&r);
	const char *h[] = { im, NULL };
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin, "{\"disabled\":true}", h, "conflict"), 409);
	assert_int_equal(scenario_status_of(&fx.srv, "PUT", path, fx.admin, "{\"role\":\"reviewer\",\"region\":\"150000\"}",
			      h, "conflict"), 409);
}

/* ------------------------------------------------------------------- units */

static void test_admin_adds_a_unit_and_then_its_account_the_search_finds_it(void **state)
{
	struct resp r;
	char uscc[19], body[600];
	uscc_make("91150921MA0QXL01K", uscc);
	snprintf(body, sizeof body,
		 "{\"uscc\":\"%s\",\"name\":\"察哈尔右翼前旗新利食品有限公司\",\"kind\":\"enterprise\","
		 "\"federation_region\":\"150926\",\"tax_region\":\"150926\",\"staff_last_year\":64}",
		 uscc);
	http(&fx.srv, "POST", "/units", fx.admin, body, NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "uscc"), uscc);
	assert_string_equal(jstr(r.json, "admin_region"), "150926"); /* the federation's by default */
	assert_int_equal(jint(r.json, "version"), 1);
	resp_free(&r);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/units", fx.admin, body, NULL, "conflict"), 409);
	snprintf(body, sizeof body,
		 "{\"username\":\"xinli\",\"password\":\"Xinli#2025food\",\"role\":\"unit\","
		 "\"unit\":\"%s\"}", uscc);
	assert_int_equal(scenario_status_of(&fx.srv, "POST", "/users", fx.admin, body, NULL, NULL), 201);
	char *tok = login(&fx.srv, "xinli", "Xinli#2025food");
	assert_non_null(tok);
	char path[64];
	snprintf(path, sizeof path, "/units/%s", uscc);
	assert_int_equal(scenario_status_of(&fx.srv, "GET", path, tok, NULL, NULL, NULL), 200);
	/* the 乌兰察布 reviewer sees it, the list finds it by name */
	assert_int_equal(scenario_status_of(&fx.srv, "GET", path, fx.reviewer, NULL, NULL, NULL), 200);
	http(&fx.srv, "GET", "/units?q=%E6%96%B0%E5%88%A9", fx.admin, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_string_equal(jstr(r.json, "items.0.uscc"), uscc);
	resp_free(&r);
	/* one search for the window and the admin: the reviewer of its region finds it
	 * with the same item, the departments and last year's staff in it */
	http(&fx.srv, "GET", "/units?q=%E6%96%B0%E5%88%A9", fx.reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_string_equal(jstr(r.json, "items.0.uscc"), uscc);
	assert_string_equal(jstr(r.json, "items.0.tax_region"), "150926");
	assert_string_equal(jstr(r.json, "items.0.admin_region"), "150926");
	assert_int_equal(jint(r.json, "items.0.staff_last_year"), 64);
	resp_free(&r);
	free(tok);
	snprintf(body, sizeof body, "{\"uscc\":\"%.17sZ\",\"name\":\"x\",\"kind\":\"enterprise\","
		 "\"federation_region\":\"150926\"}", uscc);
	http(&fx.srv, "POST", "/units", fx.admin, body, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "uscc");
	resp_free(&r);
}

static void test_units_list_pages_by_keyset(void **state)
{
	struct resp r;
	http(&fx.srv, "GET", "/units?limit=2", fx.admin, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 2);
	char path[160];
	snprintf(path, sizeof path, "/units?limit=2&cursor=%s", jstr(r.json, "next_cursor"));
	char first[19];
	snprintf(first, sizeof first, "%s", jstr(r.json, "items.0.uscc"));
	resp_free(&r);
	http(&fx.srv, "GET", path, fx.admin, NULL, NULL, &r);
	assert_true(json_array_size(jget(r.json, "items")) >= 1);
	assert_string_not_equal(jstr(r.json, "items.0.uscc"), first);
	resp_free(&r);
}

static const char csv_header[] =
	"uscc,name,tax_no,org_code,kind,economic_type,industry,federation_region,tax_region,"
	"admin_region,legal_name,legal_idno,legal_phone,phone,staff_last_year,contact_name,"
	"contact_phone,business_address,registered_address,bank_payee,bank_account,bank_name,"
	"wage_area_class\n";

static long import_units(const char *csv, struct resp *r)
{
	struct part p[] = { { "file", "units.csv", csv, strlen(csv) } };
	upload_parts(&fx.srv, "/units/import", fx.admin, p, 1, r);
	return r->status;
}

static void test_units_csv_is_all_or_nothing_with_line_numbers(void **state)
{
	char a[19], b[19], csv[2048];
	struct resp r;
	uscc_make("91150902MA0JN0A1K", a);
	uscc_make("91150902MA0JN0B2K", b);
	snprintf(csv, sizeof csv,
		 "%s%s,集宁区甲公司,,,enterprise,私营,制造业,150902,150902,150902,,,,,30,,,,,,,,1\n"
		 "%s,\"集宁区乙公司, 分公司\",,,enterprise,私营,制造业,159999,150902,150902,,,,,12,,,,,,,,\n",
		 csv_header, a, b);
	assert_int_equal(import_units(csv, &r), 422);
	assert_string_equal(jstr(r.json, "field"), "file");
	assert_non_null(strstr(jstr(r.json, "detail"), "units.csv:3: federation_region"));
	resp_free(&r);
	char path[40];
	snprintf(path, sizeof path, "/units/%s", a);
	assert_int_equal(scenario_status_of(&fx.srv, "GET", path, fx.admin, NULL, NULL, "not_found"), 404); /* nothing kept */
	snprintf(csv, sizeof csv,
		 "%s%s,集宁区甲公司,,,enterprise,私营,制造业,150902,150902,150902,,,,,30,,,,,,,,1\n"
		 "# a comment line\n"
		 "%s,\"集宁区乙公司, 分公司\",,,enterprise,私营,制造业,150902,150902,150902,,,,,12,,,,,,,,\n",
		 csv_header, a, b);
	assert_int_equal(import_units(csv, &r), 201);
	assert_int_equal(jint(r.json, "imported"), 2);
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s", b);
	http(&fx.srv, "GET", path, fx.admin, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "name"), "集宁区乙公司, 分公司");
	assert_int_equal(jint(r.json, "staff_last_year"), 12);
	resp_free(&r);
	/* again: the first row's unit exists now */
	assert_int_equal(import_units(csv, &r), 409);
	assert_non_null(strstr(jstr(r.json, "detail"), "units.csv:2: uscc"));
	resp_free(&r);
	assert_int_equal(import_units("uscc,name\n", &r), 422);
	assert_non_null(strstr(jstr(r.json, "detail"), "units.csv:1: header"));
	resp_free(&r);
}

static void test_unit_cannot_change_the_federation_fields_422(void **state)
{
	struct resp g, r;
	char path[40];
	snprintf(path, sizeof path, "/units/%s", demo_unit_of(&fx.srv, "jining"));
	http(&fx.srv, "GET", path, fx.jining, NULL, NULL, &g);
	char im[48];
	snprintf(im, sizeof im, "If-Match: %s", g.etag);
	const char *h[] = { im, NULL };
	json_t *u = json_deep_copy(g.json);
	json_object_del(u, "uscc");
	json_object_del(u, "version");
	json_object_set_new(u, "tax_region", json_string("150900"));
	char *body = json_dumps(u, 0);
	http(&fx.srv, "PUT", path, fx.jining, body, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "tax_region");
	resp_free(&r);
	/* the administrator sets it */
	http(&fx.srv, "PUT", path, fx.admin, body, h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "tax_region"), "150900");
	resp_free(&r);
	free(body);
	json_decref(u);
	resp_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_the_admin_manages_accounts_403),
		cmocka_unit_test(test_admin_creates_staff_with_a_known_region_only),
		cmocka_unit_test(test_user_search_ignores_letter_case),
		cmocka_unit_test(test_admin_moves_disables_and_resets_an_account),
		cmocka_unit_test(test_admin_cannot_lock_themselves_out_409),
		cmocka_unit_test(test_admin_adds_a_unit_and_then_its_account_the_search_finds_it),
		cmocka_unit_test(test_units_list_pages_by_keyset),
		cmocka_unit_test(test_units_csv_is_all_or_nothing_with_line_numbers),
		cmocka_unit_test(test_unit_cannot_change_the_federation_fields_422),
	};
	return cmocka_run_group_tests_name("admin", tests, setup, teardown);
}
