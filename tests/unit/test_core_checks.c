/* Tests of src/core/checks: SPEC §4 month checks, one rule per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/checks.h"
#include "test_core_fixture.h"

#define UNIT  "91350100M000100Y43"
#define OTHER "91150900MA0N000000"
#define AGENT "91150100MA0Q111111"

static struct policy P;

static int setup(void **state)
{
	(void)state;
	fixture_policy(&P);
	return 0;
}

/* A person-month where every check passes: a man born 1980-06, 2023-03,
 * paid 3000 by the unit, insured by it, contract 2023, 精神四级 certificate. */
struct world {
	struct wage_record wages[4];
	struct insurance_payment social[4], medical[4];
	struct contract_facts contracts[2];
	struct cert_facts certs[2];
	int elsewhere[2];
	struct month_facts f;
};

static void world_init(struct world *w)
{
	memset(w, 0, sizeof *w);
	w->wages[0] = (struct wage_record){UNIT, ym_make(2023, 3), 300000};
	w->social[0] = (struct insurance_payment){UNIT, ym_make(2023, 3)};
	w->medical[0] = (struct insurance_payment){UNIT, ym_make(2023, 3)};
	w->contracts[0] = (struct contract_facts){CONTRACT_FIXED, {2023, 1, 1}, {2023, 12, 31},
						  false, "", ""};
	w->certs[0] = (struct cert_facts){CERT_DISABILITY, 4, 6, {2019, 1, 1}, {2029, 1, 1}};
	w->f = (struct month_facts){
		.uscc = UNIT, .ym = ym_make(2023, 3), .birth = {1980, 6, 15},
		.gender = GENDER_MALE, .area_class = 1,
		.wages = w->wages, .n_wages = 1, .social = w->social, .n_social = 1,
		.medical = w->medical, .n_medical = 1, .contracts = w->contracts,
		.n_contracts = 1, .certs = w->certs, .n_certs = 1,
		.confirmed_elsewhere = w->elsewhere, .n_confirmed_elsewhere = 0,
	};
}

static void test_all_checks_pass_confirms_the_month(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	assert_true(checks_run_month(&P, &w.f, &r));
	for (int k = 0; k < CHECK__COUNT; k++) {
		assert_true(r.check[k].ok);
		assert_int_equal(r.check[k].reason, REASON_NONE);
	}
	assert_true(r.has_cert);
	assert_int_equal(r.cert_type, CERT_DISABILITY);
	assert_int_equal(r.cert_level, 4);
	assert_int_equal(r.weight, 2);       /* 精神 counts double in Inner Mongolia */
	assert_int_equal(checks_needs(&r), 0);
}

static void test_wage_missing_is_no_wage_record(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.wages[0].ym = ym_make(2023, 2);
	assert_false(checks_run_month(&P, &w.f, &r));
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_NO_WAGE_RECORD);
	assert_string_equal(checks_reason_name(r.check[CHECK_WAGE].reason), "no_wage_record");
	assert_int_equal(checks_needs(&r), 1u << MATERIAL_WAGE);
}

static void test_wage_below_1980_in_2023_area_1_fails(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.wages[0].fen = 197999;
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_BELOW_MINIMUM_WAGE);
	assert_int_equal(r.min_wage_fen, 198000);
	w.wages[0].fen = 198000;
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_WAGE].ok);
}

static void test_wage_uses_the_area_class_of_the_unit(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.wages[0].fen = 185000;
	w.f.area_class = 3;
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_WAGE].ok);
	w.f.area_class = 2;
	checks_run_month(&P, &w.f, &r);
	assert_false(r.check[CHECK_WAGE].ok);
	w.f.area_class = 0;               /* unknown: the default 一类 floor, not none */
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_BELOW_MINIMUM_WAGE);
	assert_int_equal(r.min_wage_fen, 198000);
}

/* SPEC §7.2: "A month for which no rate is known is never a silent ✓: the check
 * says the rate is unknown and the month goes to a reviewer."  No table covers
 * 2014-06 (none was found before 2014-07-01). */
static void test_wage_month_without_a_minimum_wage_is_unknown_not_passed(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.wages[0].ym = w.f.ym = ym_make(2014, 6);
	w.wages[0].fen = 900000;             /* even a high wage: the floor is unknown */
	assert_false(checks_run_month(&P, &w.f, &r));
	assert_false(r.check[CHECK_WAGE].ok);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_MIN_WAGE_UNKNOWN);
	assert_string_equal(checks_reason_name(r.check[CHECK_WAGE].reason), "min_wage_unknown");
	assert_int_equal(r.min_wage_fen, 0);
	assert_true(checks_needs(&r) & 1u << MATERIAL_WAGE);     /* to a reviewer */
}

/* 内政办发〔2017〕135号 (2017-08-01 to 2021-11-30): four area classes, 1760 1660 1560
 * 1460 元/月, classified otherwise than the unit's recorded (2021) class: at least
 * the highest rate passes, below the lowest fails, in between is unknown. */
static void test_wage_under_the_four_class_table_of_2017(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.wages[0].ym = w.f.ym = ym_make(2019, 5);
	w.f.area_class = 3;
	w.wages[0].fen = 176000;
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_WAGE].ok);
	assert_int_equal(r.min_wage_fen, 176000);
	w.wages[0].fen = 175999;
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_MIN_WAGE_UNKNOWN);
	w.wages[0].fen = 146000;
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_MIN_WAGE_UNKNOWN);
	w.wages[0].fen = 145999;
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_BELOW_MINIMUM_WAGE);
	assert_int_equal(r.min_wage_fen, 146000);
}

static void test_wage_split_records_of_the_unit_are_summed(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.wages[0].fen = 100000;
	w.wages[1] = (struct wage_record){UNIT, ym_make(2023, 3), 100000};
	w.f.n_wages = 2;
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_WAGE].ok);
	assert_int_equal(r.wage_fen, 200000);
}

static void test_wage_paid_by_another_unit(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	strcpy(w.wages[0].payer, OTHER);
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_WAGE].reason, REASON_WAGE_PAID_BY_OTHER);
}

static void test_social_paid_by_contract_si_unit_passes(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	strcpy(w.social[0].payer, AGENT);
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_SOCIAL].reason, REASON_SOCIAL_PAID_BY_OTHER);
	strcpy(w.contracts[0].si_unit, AGENT);
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_SOCIAL].ok);
	/* the si_unit does not cover medical insurance */
	strcpy(w.medical[0].payer, AGENT);
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_MEDICAL].reason, REASON_MEDICAL_PAID_BY_OTHER);
	strcpy(w.contracts[0].mi_unit, AGENT);
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_MEDICAL].ok);
}

static void test_no_insurance_payment_that_month(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.f.n_social = 0;
	w.medical[0].ym = ym_make(2023, 4);
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_SOCIAL].reason, REASON_NO_SOCIAL_PAYMENT);
	assert_int_equal(r.check[CHECK_MEDICAL].reason, REASON_NO_MEDICAL_PAYMENT);
	assert_int_equal(checks_needs(&r), 1u << MATERIAL_SOCIAL | 1u << MATERIAL_MEDICAL);
}

static void test_certificate_valid_one_day_of_the_month_counts(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.certs[0].valid_to = (struct ymd){2023, 3, 1};
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_CERTIFICATE].ok);
	w.certs[0].valid_to = (struct ymd){2023, 2, 28};
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_CERTIFICATE].reason, REASON_NO_VALID_CERTIFICATE);
	assert_false(r.has_cert);
	assert_int_equal(r.weight, 1);
}

static void test_best_certificate_of_the_month_is_shown(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.certs[0] = (struct cert_facts){CERT_DISABILITY, 3, 4, {2019, 1, 1}, DATE_OPEN_END};
	w.certs[1] = (struct cert_facts){CERT_DISABILITY, 2, 4, {2023, 3, 20}, DATE_OPEN_END};
	w.f.n_certs = 2;
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.cert_level, 2);
	assert_int_equal(r.weight, 2);
	w.f.ym = ym_make(2023, 2);        /* the 二级 one is not yet valid */
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.cert_level, 3);
	assert_int_equal(r.weight, 1);
}

static void test_age_under_16_and_retired(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.f.birth = (struct ymd){2007, 4, 2};      /* turns 16 in 2023-04 */
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_AGE].reason, REASON_UNDER_16);
	w.f.birth = (struct ymd){1963, 3, 2};      /* man, 60 in 2023-03 */
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_AGE].reason, REASON_RETIRED);
	w.f.birth = (struct ymd){1963, 4, 2};
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_AGE].ok);
}

static void test_age_woman_without_group_uses_50_and_reports_it(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.f.gender = GENDER_FEMALE;
	w.f.birth = (struct ymd){1972, 1, 10};     /* 50 in 2022-01, before the reform */
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_AGE].reason, REASON_RETIRED);
	assert_true(r.group_defaulted);
	assert_int_equal(r.group_used, RETIRE_FEMALE50);
	w.f.has_retire_group = true;
	w.f.retire_group = RETIRE_FEMALE55;
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_AGE].ok);
	assert_false(r.group_defaulted);
}

static void test_contract_must_cover_the_month(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.contracts[0].start = (struct ymd){2023, 4, 1};
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_CONTRACT].reason, REASON_NO_CONTRACT);
	assert_true(checks_needs(&r) & (1u << MATERIAL_CONTRACT));
	/* 编制 without an end date covers every month after its start */
	w.contracts[0] = (struct contract_facts){CONTRACT_ESTABLISHMENT, {2010, 1, 1}, DATE_OPEN_END,
						 false, "", ""};
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_CONTRACT].ok);
}

/* SPEC §3: public institutions' 编制 staff have no labour contract; their
 * proof is the 编制本, which is what a failed contract check asks them for —
 * and a 编制本 uploaded also meets a contract need. */
static void test_establishment_month_without_cover_needs_the_establishment_register(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.contracts[0] = (struct contract_facts){CONTRACT_ESTABLISHMENT, {2023, 4, 1}, DATE_OPEN_END,
						 false, "", ""};
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_CONTRACT].reason, REASON_NO_CONTRACT);
	assert_true(r.establishment);
	assert_true(checks_needs(&r) & (1u << MATERIAL_ESTABLISHMENT));
	assert_false(checks_needs(&r) & (1u << MATERIAL_CONTRACT));
	assert_string_equal(checks_material_name(MATERIAL_ESTABLISHMENT), "establishment");
	enum material_kind k;
	assert_true(checks_material_parse("establishment", &k));
	assert_int_equal(k, MATERIAL_ESTABLISHMENT);
	unsigned held = checks_materials_held(1u << MATERIAL_ESTABLISHMENT);
	assert_true(held & (1u << MATERIAL_CONTRACT));
	assert_false(checks_materials_held(1u << MATERIAL_CONTRACT) & (1u << MATERIAL_ESTABLISHMENT));
}

/* SPEC §4: a dispatch placement always needs review of 劳务派遣资质, 三方协议 and
 * 劳动合同 — three items of the placement, each proved by its material; a
 * month that passes every check needs nothing more for being dispatched. */
static void test_dispatch_items_need_licence_agreement_and_contract(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.contracts[0].dispatch = true;
	assert_true(checks_run_month(&P, &w.f, &r));
	assert_true(r.dispatch);
	assert_int_equal(checks_needs(&r), 0);
	assert_int_equal(checks_dispatch_material(DISPATCH_LICENCE), MATERIAL_DISPATCH_LICENCE);
	assert_int_equal(checks_dispatch_material(DISPATCH_AGREEMENT), MATERIAL_DISPATCH);
	assert_int_equal(checks_dispatch_material(DISPATCH_CONTRACT), MATERIAL_CONTRACT);
	assert_string_equal(checks_material_name(MATERIAL_DISPATCH_LICENCE), "dispatch_licence");
	static const char *const items[] = { "licence", "agreement", "contract" };
	for (int i = 0; i < DISPATCH_ITEM__COUNT; i++) {
		enum dispatch_item it;
		assert_string_equal(checks_dispatch_item_name((enum dispatch_item)i), items[i]);
		assert_true(checks_dispatch_item_parse(items[i], &it));
		assert_int_equal(it, i);
	}
	enum dispatch_item it;
	assert_false(checks_dispatch_item_parse("dispatch", &it));
}

static void test_month_confirmed_at_another_unit_is_not_exclusive(void **state)
{
	struct world w;
	struct month_result r;

	(void)state;
	world_init(&w);
	w.elsewhere[0] = ym_make(2023, 2);
	w.elsewhere[1] = ym_make(2023, 3);
	w.f.n_confirmed_elsewhere = 2;
	checks_run_month(&P, &w.f, &r);
	assert_int_equal(r.check[CHECK_EXCLUSIVE].reason, REASON_CONFIRMED_ELSEWHERE);
	w.f.n_confirmed_elsewhere = 1;
	checks_run_month(&P, &w.f, &r);
	assert_true(r.check[CHECK_EXCLUSIVE].ok);
}

static void test_reason_and_kind_names_match_the_api(void **state)
{
	static const char *const api[] = {
		"no_wage_record", "below_minimum_wage", "wage_paid_by_other", "no_social_payment",
		"social_paid_by_other", "no_medical_payment", "medical_paid_by_other",
		"no_valid_certificate", "under_16", "retired", "no_contract", "confirmed_elsewhere",
		"min_wage_unknown",
	};
	enum check_reason r;

	(void)state;
	for (size_t i = 0; i < sizeof api / sizeof api[0]; i++) {
		assert_true(checks_reason_parse(api[i], &r));
		assert_string_equal(checks_reason_name(r), api[i]);
	}
	assert_false(checks_reason_parse("", &r));
	assert_string_equal(checks_kind_name(CHECK_EXCLUSIVE), "exclusive");
	assert_string_equal(checks_material_name(MATERIAL_CERTIFICATE), "certificate");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_checks_pass_confirms_the_month),
		cmocka_unit_test(test_wage_missing_is_no_wage_record),
		cmocka_unit_test(test_wage_below_1980_in_2023_area_1_fails),
		cmocka_unit_test(test_wage_uses_the_area_class_of_the_unit),
		cmocka_unit_test(test_wage_month_without_a_minimum_wage_is_unknown_not_passed),
		cmocka_unit_test(test_wage_under_the_four_class_table_of_2017),
		cmocka_unit_test(test_wage_split_records_of_the_unit_are_summed),
		cmocka_unit_test(test_wage_paid_by_another_unit),
		cmocka_unit_test(test_social_paid_by_contract_si_unit_passes),
		cmocka_unit_test(test_no_insurance_payment_that_month),
		cmocka_unit_test(test_certificate_valid_one_day_of_the_month_counts),
		cmocka_unit_test(test_best_certificate_of_the_month_is_shown),
		cmocka_unit_test(test_age_under_16_and_retired),
		cmocka_unit_test(test_age_woman_without_group_uses_50_and_reports_it),
		cmocka_unit_test(test_contract_must_cover_the_month),
		cmocka_unit_test(test_establishment_month_without_cover_needs_the_establishment_register),
		cmocka_unit_test(test_dispatch_items_need_licence_agreement_and_contract),
		cmocka_unit_test(test_month_confirmed_at_another_unit_is_not_exclusive),
		cmocka_unit_test(test_reason_and_kind_names_match_the_api),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
