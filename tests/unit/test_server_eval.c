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
#include "server/records.h"
#include "server/store.h"

#define USCC "91350100M000100Y43"
#define OTHER "91150924MA0HXD012T"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-eval-XXXXXX";
static char idno[19], certno[24];
static int64_t imp;
static struct unit_ref here_unit, other_unit;

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static void pay(enum registry_source src, int ym, int64_t fen)
{
	struct registry_payment p = { .source = src, .ym = ym, .fen = fen, .import_id = imp };
	snprintf(p.payer, sizeof p.payer, "%s", USCC);
	assert_int_equal(store_registry_payment_add(st, &p, idno, 0), STORE_OK);
}

static int add_unit(const char *uscc, struct unit_ref *u)
{
	int64_t id;
	json_t *j = json_pack("{s:s, s:s, s:s, s:i}", "uscc", uscc, "name", "测试单位",
			      "federation_region", "150924", "wage_area_class", 1);
	int rc = store_unit_insert(st, j, &id);
	json_decref(j);
	return rc == STORE_OK ? store_unit_ref_by_id(st, id, u) : rc;
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
	if (store_import_add(st, "wages", "2025-12-31", "t", 0, &imp) != STORE_OK ||
	    add_unit(USCC, &here_unit) != STORE_OK || add_unit(OTHER, &other_unit) != STORE_OK)
		return -1;
	for (int m = 1; m <= 12; m++) {
		if (m != 7)
			pay(SOURCE_WAGES, 202500 + m, 300000);
		pay(SOURCE_SOCIAL, 202500 + m, 0);
		pay(SOURCE_MEDICAL, 202500 + m, 0);
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

static struct placement *placement(const struct unit_ref *u, int months, int dispatch,
				   int category, int level)
{
	char cert[24];
	int yms[12];
	struct placement *p = malloc(sizeof *p);
	placement_init(p);
	snprintf(cert, sizeof cert, "%s%d%d", idno, category, level);
	p->year = 2025;
	p->unit_id = u->id;
	snprintf(p->uscc, sizeof p->uscc, "%s", u->uscc);
	snprintf(p->submitted_at, sizeof p->submitted_at, "2026-01-15 09:00:00");
	p->person = json_pack("{s:s, s:s, s:s}", "idno", idno, "name", "傅晓东", "retire_group",
			      "male");
	p->contracts = json_pack("[{s:i, s:b, s:s, s:s, s:n, s:s}]", "id", 1, "dispatch", dispatch,
				 "type", "open_ended", "start", "2020-01-01", "end",
				 "dispatch_agency", "某劳务公司");
	p->certificates = json_pack("[{s:i, s:s, s:s, s:s, s:n, s:i, s:i}]", "id", 1, "number",
				    cert, "type", "disability", "valid_from", "2019-01-01",
				    "valid_to", "level", level, "category", category);
	p->details_dirty = 1;
	for (int m = 1; m <= months; m++)
		yms[m - 1] = 202500 + m;
	placement_set_months(p, yms, months);
	return p;
}

static void drop(struct placement *p)
{
	placement_free(p);
	free(p);
}

/* The checks with the given material kinds (bits) uploaded. */
static void eval(struct placement *p, unsigned have, int reset)
{
	char err[160];
	struct eval_facts *f = malloc(sizeof *f);
	assert_int_equal(eval_facts_from_placement(&ctx, p, 1, f, err, sizeof err), 0);
	assert_int_equal(eval_facts_load(st, p, f), 0);
	eval_run(&ctx.policy, f, p, have, reset, 0);
	free(f);
}

static struct placement_month *month(struct placement *p, int m)
{
	return placement_month_find(p, 202500 + m);
}

#define WAGE (1u << MATERIAL_WAGE)

static void test_no_months_registered_is_incomplete(void **state)
{
	struct placement *p = placement(&here_unit, 0, 0, 4, 3);
	eval(p, 0, 1);
	assert_int_equal(p->status, PLACEMENT_INCOMPLETE);
	drop(p);
}

static void test_failed_month_without_materials_is_incomplete_and_needs_wage(void **state)
{
	struct placement *p = placement(&here_unit, 12, 0, 4, 3);
	eval(p, 0, 1);
	assert_int_equal(p->status, PLACEMENT_INCOMPLETE);
	assert_int_equal(p->needs, WAGE);
	assert_int_equal(month(p, 1)->result, MONTH_DECISION_SYSTEM);
	assert_int_equal(month(p, 7)->result, MONTH_DECISION_NONE);
	assert_true(month(p, 7)->failed & (1u << CHECK_WAGE));
	assert_int_equal(month(p, 7)->reason[CHECK_WAGE], REASON_NO_WAGE_RECORD);
	assert_string_equal(month(p, 7)->source_label[SOURCE_WAGES], "wages 2025-12-31");
	assert_int_equal(p->months_confirmed, 11);
	drop(p);
}

static void test_with_the_needed_material_the_month_awaits_review(void **state)
{
	struct placement *p = placement(&here_unit, 12, 0, 4, 3);
	eval(p, WAGE, 1);
	assert_int_equal(p->status, PLACEMENT_PENDING);
	assert_int_equal(month(p, 7)->result, MONTH_DECISION_PENDING);
	assert_int_equal(p->months_pending, 1);
	drop(p);
}

static void test_reviewer_decisions_give_manual_partial_and_rejected(void **state)
{
	struct placement *p = placement(&here_unit, 12, 0, 4, 3);
	eval(p, WAGE, 1);
	month(p, 7)->result = MONTH_DECISION_VALID;
	eval(p, WAGE, 0);
	assert_int_equal(p->status, PLACEMENT_CONFIRMED);
	assert_int_equal(p->confirmed_by, CONFIRMED_BY_MANUAL);
	month(p, 7)->result = MONTH_DECISION_INVALID;
	eval(p, WAGE, 0);
	assert_int_equal(p->status, PLACEMENT_PARTIALLY_REJECTED);
	for (int m = 1; m <= 12; m++)
		month(p, m)->result = MONTH_DECISION_INVALID;
	eval(p, WAGE, 0);
	assert_int_equal(p->status, PLACEMENT_REJECTED);
	eval(p, WAGE, 1); /* re-register: decisions dropped, checked again */
	assert_int_equal(p->status, PLACEMENT_PENDING);
	drop(p);
}

#define DISPATCH_ALL (1u << MATERIAL_DISPATCH_LICENCE | 1u << MATERIAL_DISPATCH | 1u << MATERIAL_CONTRACT)

/* SPEC §4: a dispatch placement always goes to a reviewer for 劳务派遣资质,
 * 三方协议 and 劳动合同, each with its material; months that pass every check
 * stay the system's, but none counts until the three items are valid. */
static void test_dispatch_placement_is_confirmed_only_with_its_three_items_valid(void **state)
{
	struct placement *p = placement(&here_unit, 6, 1, 4, 3); /* months 1–6 pass every check */
	eval(p, 0, 1);
	assert_int_equal(p->status, PLACEMENT_INCOMPLETE);
	assert_int_equal(p->n_items, DISPATCH_ITEM__COUNT);
	assert_int_equal(p->needs, DISPATCH_ALL);
	assert_int_equal(month(p, 3)->result, MONTH_DECISION_SYSTEM);
	assert_int_equal(p->months_confirmed, 0);
	eval(p, 1u << MATERIAL_DISPATCH | 1u << MATERIAL_CONTRACT, 1); /* no licence yet */
	assert_int_equal(p->status, PLACEMENT_INCOMPLETE);
	assert_int_equal(placement_item_find(p, DISPATCH_LICENCE)->result, MONTH_DECISION_NONE);
	eval(p, DISPATCH_ALL, 1);
	assert_int_equal(p->status, PLACEMENT_PENDING_CONTRACT);
	assert_int_equal(placement_item_find(p, DISPATCH_AGREEMENT)->result, MONTH_DECISION_PENDING);
	struct review_mark by;
	review_mark_set(&by, 7, "审核员", "2026-02-10 10:30:00", NULL);
	assert_int_equal(placement_decide_pending(p, MONTH_DECISION_VALID, &by), 3);
	eval(p, DISPATCH_ALL, 0);
	assert_int_equal(p->status, PLACEMENT_CONFIRMED);
	assert_int_equal(p->confirmed_by, CONFIRMED_BY_MANUAL);
	assert_int_equal(p->months_confirmed, 6);
	assert_string_equal(placement_item_find(p, DISPATCH_CONTRACT)->review.reviewer, "审核员");
	/* a licence found invalid: the person does not count for this unit */
	placement_item_find(p, DISPATCH_LICENCE)->result = MONTH_DECISION_INVALID;
	eval(p, DISPATCH_ALL, 0);
	assert_int_equal(p->status, PLACEMENT_REJECTED);
	assert_int_equal(p->months_confirmed, 0);
	assert_int_equal(p->months_counted, 0);
	/* no longer dispatched: the items go */
	json_object_set_new(json_array_get(p->contracts, 0), "dispatch", json_false());
	eval(p, DISPATCH_ALL, 0);
	assert_int_equal(p->n_items, 0);
	assert_int_equal(p->status, PLACEMENT_CONFIRMED);
	assert_int_equal(p->confirmed_by, CONFIRMED_BY_SYSTEM);
	drop(p);
}

static void test_mental_level_4_counts_double_12_to_24(void **state)
{
	struct placement *p = placement(&here_unit, 6, 0, 6, 4);
	eval(p, 0, 1);
	assert_int_equal(p->status, PLACEMENT_CONFIRMED);
	assert_int_equal(p->confirmed_by, CONFIRMED_BY_SYSTEM);
	assert_int_equal(p->months_confirmed, 6);
	assert_int_equal(p->months_counted, 12);
	drop(p);
}

static void test_month_confirmed_at_another_unit_fails_exclusive(void **state)
{
	struct placement *here = placement(&here_unit, 3, 0, 4, 3);
	eval(here, 0, 1);
	assert_int_equal(store_placement_insert(st, here, &here_unit), STORE_OK);
	struct placement *there = placement(&other_unit, 3, 0, 4, 3);
	eval(there, 0, 1);
	assert_true(month(there, 1)->failed & (1u << CHECK_EXCLUSIVE));
	assert_int_equal(month(there, 1)->reason[CHECK_EXCLUSIVE], REASON_CONFIRMED_ELSEWHERE);
	/* The same person twice at one unit in one year: refused by the store. */
	struct placement *again = placement(&here_unit, 1, 0, 4, 3);
	eval(again, 0, 1);
	assert_int_equal(store_placement_insert(st, again, &here_unit), STORE_CONFLICT);
	assert_int_equal(store_placement_delete(st, here->id), STORE_OK);
	drop(again);
	drop(there);
	drop(here);
}

/* SPEC §7.2: "A month for which no rate is known is never a silent ✓: the check
 * says the rate is unknown and the month goes to a reviewer."  2019 falls under the
 * four-class table of 内政办发〔2017〕135号 (1760 … 1460 元/月), whose classes are not
 * the unit's recorded one: 1600 元 may or may not meet the unit's rate. */
static void test_month_with_unknown_minimum_wage_goes_to_review(void **state)
{
	for (int m = 1; m <= 3; m++) {
		int ym = 201900 + m;
		pay(SOURCE_WAGES, ym, m < 3 ? 160000 : 176000);
		pay(SOURCE_SOCIAL, ym, 0);
		pay(SOURCE_MEDICAL, ym, 0);
	}
	struct placement *p = placement(&here_unit, 0, 0, 4, 3);
	int yms[3] = { 201901, 201902, 201903 };
	p->year = 2019;
	json_object_set_new(json_array_get(p->contracts, 0), "start", json_string("2018-01-01"));
	placement_set_months(p, yms, 3);
	eval(p, 0, 1);
	struct placement_month *jan = placement_month_find(p, 201901);
	assert_true(jan->failed & (1u << CHECK_WAGE));
	assert_int_equal(jan->reason[CHECK_WAGE], REASON_MIN_WAGE_UNKNOWN);
	assert_int_equal(jan->result, MONTH_DECISION_NONE);                   /* not ✓ */
	assert_int_equal(placement_month_find(p, 201903)->result, MONTH_DECISION_SYSTEM); /* 1760: every class's rate */
	assert_int_equal(p->status, PLACEMENT_INCOMPLETE);
	assert_int_equal(p->needs, WAGE);
	eval(p, WAGE, 1);
	assert_int_equal(placement_month_find(p, 201901)->result, MONTH_DECISION_PENDING); /* a reviewer decides */
	assert_int_equal(p->status, PLACEMENT_PENDING);
	drop(p);
}

static void test_store_versions_and_rollback(void **state)
{
	json_t *u = store_unit_get(st, USCC);
	assert_non_null(u);
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	assert_int_equal(json_integer_value(json_object_get(u, "version")), 2);
	json_object_set_new(u, "version", json_integer(1));
	assert_int_equal(store_unit_update(st, u), STORE_NOTFOUND); /* stale */
	json_decref(u);
	assert_int_equal(store_begin(st), STORE_OK);
	int64_t nid;
	assert_int_equal(store_notice_add(st, NULL, "t", "b", "2026-01-01 00:00:00", &nid), STORE_OK);
	store_rollback(st);
	struct notice_audience everyone = { .user_id = 1 };
	json_t *list = store_notice_list(st, &everyone);
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
		cmocka_unit_test(test_dispatch_placement_is_confirmed_only_with_its_three_items_valid),
		cmocka_unit_test(test_mental_level_4_counts_double_12_to_24),
		cmocka_unit_test(test_month_confirmed_at_another_unit_fails_exclusive),
		cmocka_unit_test(test_month_with_unknown_minimum_wage_goes_to_review),
		cmocka_unit_test(test_store_versions_and_rollback),
	};
	return cmocka_run_group_tests_name("server_eval", tests, setup, teardown);
}
