/* eval + store: a placement's months are checked against registry data by
 * the core and its status follows doc/api.md "Placement status"; the store
 * keeps versions, refuses a second registration of a person, and rolls back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "server/app.h"
#include "server/eval.h"
#include "server/store.h"

#define USCC "91350100M000100Y43"
#define OTHER "91150924MA0HXD012T"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-eval-XXXXXX";
static char idno[19], certno[24];
static int64_t imp;

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static int setup(void **state)
{
	char err[256];
	if (!mkdtemp(dir))
		return -1;
	snprintf(ctx.cfg.data_dir, sizeof ctx.cfg.data_dir, "%s", dir);
	snprintf(ctx.cfg.datadir, sizeof ctx.cfg.datadir, "%s", ANZHI_DATADIR);
	if (app_open(&ctx, &st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	/* A man born 1986-05-14 in 兴和县, 肢体三级. */
	snprintf(idno, sizeof idno, "15092419860514101%c", idno_check_char("15092419860514101"));
	snprintf(certno, sizeof certno, "%s43", idno);
	if (store_import_add(st, "wages", "2025-12-31", "t", 0, &imp) != STORE_OK)
		return -1;
	for (int m = 1; m <= 12; m++) {
		char ym[16];
		snprintf(ym, sizeof ym, "2025%02d", m);
		if (m != 7)
			store_registry_payment_add(st, "wages", idno, ym, USCC, 300000, imp);
		store_registry_payment_add(st, "social", idno, ym, USCC, 0, imp);
		store_registry_payment_add(st, "medical", idno, ym, USCC, 0, imp);
	}
	return 0;
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static json_t *placement(const char *uscc, int months, int dispatch, int category, int level)
{
	char cert[24];
	snprintf(cert, sizeof cert, "%s%d%d", idno, category, level);
	json_t *p = json_pack(
		"{s:s, s:i, s:{s:s, s:s, s:s}, s:[{s:i, s:b, s:s, s:s, s:n, s:s}],"
		" s:[{s:i, s:s, s:s, s:s, s:n, s:i, s:i}], s:[]}",
		"uscc", uscc, "year", 2025, "person", "idno", idno, "name", "傅晓东", "retire_group",
		"male", "contracts", "id", 1, "dispatch", dispatch, "type", "open_ended", "start",
		"2020-01-01", "end", "dispatch_agency", "某劳务公司", "certificates", "id", 1, "number",
		cert, "type", "disability", "valid_from", "2019-01-01", "valid_to", "level", level,
		"category", category, "months");
	json_t *list = json_array();
	for (int m = 1; m <= months; m++) {
		char ym[16];
		snprintf(ym, sizeof ym, "2025%02d", m);
		json_array_append_new(list, json_string(ym));
	}
	eval_set_months(p, list);
	json_decref(list);
	return p;
}

static json_t *unit(void)
{
	return json_pack("{s:s, s:i}", "uscc", USCC, "wage_area_class", 1);
}

static void eval(json_t *p, json_t *materials, int reset)
{
	char err[160];
	json_t *u = unit();
	assert_int_equal(eval_placement(&ctx, st, p, u, materials, reset, err, sizeof err), 0);
	json_decref(u);
}

static const char *s(json_t *p, const char *k)
{
	return json_string_value(json_object_get(p, k));
}

static json_t *month(json_t *p, int m)
{
	return json_array_get(json_object_get(p, "months"), (size_t)m - 1);
}

static void test_no_months_registered_is_incomplete(void **state)
{
	json_t *p = placement(USCC, 0, 0, 4, 3);
	eval(p, NULL, 1);
	assert_string_equal(s(p, "status"), "incomplete");
	json_decref(p);
}

static void test_failed_month_without_materials_is_incomplete_and_needs_wage(void **state)
{
	json_t *p = placement(USCC, 12, 0, 4, 3);
	eval(p, NULL, 1);
	assert_string_equal(s(p, "status"), "incomplete");
	assert_string_equal(json_string_value(json_array_get(json_object_get(p, "needs"), 0)),
			    "wage");
	assert_string_equal(s(month(p, 1), "result"), "system");
	assert_true(json_is_null(json_object_get(month(p, 7), "result")));
	json_t *wage = json_object_get(json_object_get(month(p, 7), "checks"), "wage");
	assert_string_equal(s(wage, "reason"), "no_wage_record");
	assert_string_equal(s(wage, "source"), "wages 2025-12-31");
	assert_int_equal(json_integer_value(json_object_get(p, "months_confirmed")), 11);
	json_decref(p);
}

static void test_with_the_needed_material_the_month_awaits_review(void **state)
{
	json_t *p = placement(USCC, 12, 0, 4, 3);
	json_t *mats = json_pack("[{s:s}]", "kind", "wage");
	eval(p, mats, 1);
	assert_string_equal(s(p, "status"), "pending");
	assert_string_equal(s(month(p, 7), "result"), "pending");
	json_decref(mats);
	json_decref(p);
}

static void test_reviewer_decisions_give_manual_partial_and_rejected(void **state)
{
	json_t *mats = json_pack("[{s:s}]", "kind", "wage");
	json_t *p = placement(USCC, 12, 0, 4, 3);
	eval(p, mats, 1);
	json_object_set_new(month(p, 7), "result", json_string("valid"));
	eval(p, mats, 0);
	assert_string_equal(s(p, "status"), "confirmed");
	assert_string_equal(s(p, "confirmed_by"), "manual");
	json_object_set_new(month(p, 7), "result", json_string("invalid"));
	eval(p, mats, 0);
	assert_string_equal(s(p, "status"), "partially_rejected");
	for (int m = 1; m <= 12; m++)
		json_object_set_new(month(p, m), "result", json_string("invalid"));
	eval(p, mats, 0);
	assert_string_equal(s(p, "status"), "rejected");
	eval(p, mats, 1); /* re-register: decisions dropped, checked again */
	assert_string_equal(s(p, "status"), "pending");
	json_decref(mats);
	json_decref(p);
}

static void test_dispatch_contract_always_goes_to_review(void **state)
{
	json_t *p = placement(USCC, 6, 1, 4, 3); /* months 1–6 pass every check */
	eval(p, NULL, 1);
	assert_string_equal(s(p, "status"), "incomplete");
	json_t *mats = json_pack("[{s:s}, {s:s}]", "kind", "dispatch", "kind", "contract");
	eval(p, mats, 1);
	assert_string_equal(s(p, "status"), "pending_contract");
	json_decref(mats);
	json_decref(p);
}

static void test_mental_level_4_counts_double_12_to_24(void **state)
{
	json_t *p = placement(USCC, 6, 0, 6, 4);
	eval(p, NULL, 1);
	assert_string_equal(s(p, "status"), "confirmed");
	assert_string_equal(s(p, "confirmed_by"), "system");
	assert_int_equal(json_integer_value(json_object_get(p, "months_confirmed")), 6);
	assert_int_equal(json_integer_value(json_object_get(p, "months_counted")), 12);
	json_decref(p);
}

static void test_month_confirmed_at_another_unit_fails_exclusive(void **state)
{
	int64_t id;
	json_t *here = placement(USCC, 3, 0, 4, 3);
	eval(here, NULL, 1);
	assert_int_equal(store_placement_insert(st, here, &id), STORE_OK);
	json_t *there = placement(OTHER, 3, 0, 4, 3);
	eval(there, NULL, 1);
	json_t *ex = json_object_get(json_object_get(month(there, 1), "checks"), "exclusive");
	assert_true(json_is_false(json_object_get(ex, "ok")));
	assert_string_equal(s(ex, "reason"), "confirmed_elsewhere");
	/* The same person twice at one unit in one year: refused by the store. */
	int64_t id2;
	json_t *again = placement(USCC, 1, 0, 4, 3);
	eval(again, NULL, 1);
	assert_int_equal(store_placement_insert(st, again, &id2), STORE_CONFLICT);
	assert_int_equal(store_placement_delete(st, id), STORE_OK);
	json_decref(again);
	json_decref(there);
	json_decref(here);
}

/* SPEC §7.2: "A month for which no rate is known is never a silent ✓: the check
 * says the rate is unknown and the month goes to a reviewer."  2019 falls under the
 * four-class table of 内政办发〔2017〕135号 (1760 … 1460 元/月), whose classes are not
 * the unit's recorded one: 1600 元 may or may not meet the unit's rate. */
static void test_month_with_unknown_minimum_wage_goes_to_review(void **state)
{
	for (int m = 1; m <= 3; m++) {
		char ym[16];
		snprintf(ym, sizeof ym, "2019%02d", m);
		assert_int_equal(store_registry_payment_add(st, "wages", idno, ym, USCC,
							    m < 3 ? 160000 : 176000, imp), STORE_OK);
		store_registry_payment_add(st, "social", idno, ym, USCC, 0, imp);
		store_registry_payment_add(st, "medical", idno, ym, USCC, 0, imp);
	}
	json_t *p = placement(USCC, 0, 0, 4, 3);
	json_object_set_new(p, "year", json_integer(2019));
	json_object_set_new(json_array_get(json_object_get(p, "contracts"), 0), "start",
			    json_string("2018-01-01"));
	json_t *list = json_pack("[s, s, s]", "201901", "201902", "201903");
	eval_set_months(p, list);
	json_decref(list);
	eval(p, NULL, 1);
	json_t *wage = json_object_get(json_object_get(month(p, 1), "checks"), "wage");
	assert_true(json_is_false(json_object_get(wage, "ok")));
	assert_string_equal(s(wage, "reason"), "min_wage_unknown");
	assert_true(json_is_null(json_object_get(month(p, 1), "result")));    /* not ✓ */
	assert_string_equal(s(month(p, 3), "result"), "system");  /* 1760: every class's rate */
	assert_string_equal(s(p, "status"), "incomplete");
	assert_string_equal(json_string_value(json_array_get(json_object_get(p, "needs"), 0)),
			    "wage");
	json_t *mats = json_pack("[{s:s}]", "kind", "wage");
	eval(p, mats, 1);
	assert_string_equal(s(month(p, 1), "result"), "pending");  /* a reviewer decides */
	assert_string_equal(s(p, "status"), "pending");
	json_decref(mats);
	json_decref(p);
}

static void test_store_versions_and_rollback(void **state)
{
	json_t *u = json_pack("{s:s, s:s, s:s}", "uscc", USCC, "name", "测试单位",
			      "federation_region", "150924");
	assert_int_equal(store_unit_insert(st, u), STORE_OK);
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	assert_int_equal(json_integer_value(json_object_get(u, "version")), 2);
	json_object_set_new(u, "version", json_integer(1));
	assert_int_equal(store_unit_update(st, u), STORE_NOTFOUND); /* stale */
	json_decref(u);
	assert_int_equal(store_begin(st), STORE_OK);
	int64_t nid;
	assert_int_equal(store_notice_add(st, NULL, "t", "b", "2026-01-01 00:00:00", &nid), STORE_OK);
	store_rollback(st);
	json_t *list = store_notice_list(st, 1, NULL);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_int_equal(store_migrate(st), STORE_OK); /* applying again is a no-op */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_months_registered_is_incomplete),
		cmocka_unit_test(test_failed_month_without_materials_is_incomplete_and_needs_wage),
		cmocka_unit_test(test_with_the_needed_material_the_month_awaits_review),
		cmocka_unit_test(test_reviewer_decisions_give_manual_partial_and_rejected),
		cmocka_unit_test(test_dispatch_contract_always_goes_to_review),
		cmocka_unit_test(test_mental_level_4_counts_double_12_to_24),
		cmocka_unit_test(test_month_confirmed_at_another_unit_fails_exclusive),
		cmocka_unit_test(test_month_with_unknown_minimum_wage_goes_to_review),
		cmocka_unit_test(test_store_versions_and_rollback),
	};
	return cmocka_run_group_tests_name("server_eval", tests, setup, teardown);
}
