/* Tests of src/core/levy: SPEC §7.1 (财税〔2015〕72号 art. 8, 财税〔2018〕39号 cap,
 * 财政部公告2019年第98号 / 2023年第8号 tiers, small-enterprise exemption). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/levy.h"
#include "test_core_fixture.h"

static struct policy P;

static int setup(void **state)
{
	(void)state;
	fixture_policy(&P);
	return 0;
}

/* staff 100, avg wage 60000 yuan, data year 2024, enterprise */
static struct levy_input base_input(struct dec placed)
{
	return (struct levy_input){
		.staff = dec_int(100), .placed = placed, .avg_wage_fen = 6000000,
		.year = 2024, .kind = UNIT_ENTERPRISE,
	};
}

static const struct levy_step *find_step(const struct levy_result *r, enum levy_step_kind k)
{
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].kind == k)
			return &r->steps[i];
	return NULL;
}

static void test_below_1_percent_pays_90_percent(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	/* (100 × 1.5% − 0) × 60000 = 90000; × 0.9 = 81000 */
	assert_int_equal(find_step(&r, LEVY_STEP_BASE)->result.num, 90000);
	assert_int_equal(r.due_fen, 8100000);
	assert_int_equal(dec_cmp(r.factor, dec_frac(9, 10)), 0);
	assert_int_equal(r.steps[r.n_steps - 1].kind, LEVY_STEP_DUE);
}

static void test_from_1_percent_below_quota_pays_50_percent(void **state)
{
	struct levy_input in = base_input(dec_int(1));
	struct levy_result r;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	/* (1.5 − 1) × 60000 = 30000; × 0.5 = 15000 */
	assert_int_equal(r.due_fen, 1500000);
	assert_non_null(find_step(&r, LEVY_STEP_TIER));
}

static void test_at_quota_nothing_due(void **state)
{
	struct levy_input in = base_input(dec_frac(3, 2));
	struct levy_result r;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_int_equal(r.due_fen, 0);
	assert_non_null(find_step(&r, LEVY_STEP_NOTHING_DUE));
	assert_false(r.whatif.has_quota);
}

static void test_after_2027_no_tier_applies(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	in.year = 2027;           /* assessed 2028: the tiers ended 2027-12-31 */
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_int_equal(r.due_fen, 9000000);
	assert_null(find_step(&r, LEVY_STEP_TIER));
}

static void test_wage_capped_at_2x_social_average(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;
	const struct levy_step *cap;

	(void)state;
	in.avg_wage_fen = 25000000;          /* 250000 yuan */
	in.has_social_avg = true;
	in.social_avg_wage_fen = 9000000;    /* 90000 → cap 180000 */
	assert_true(levy_compute(&P, &in, &r, NULL));
	cap = find_step(&r, LEVY_STEP_WAGE_CAP);
	assert_non_null(cap);
	assert_true(cap->capped);
	assert_int_equal(r.wage_fen, 18000000);
	/* 1.5 × 180000 × 0.9 = 243000 */
	assert_int_equal(r.due_fen, 24300000);
}

/* avg wage 250000 yuan against a social average wage of 60000, assessed on date */
static struct levy_result capped_on(struct ymd date)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	in.avg_wage_fen = 25000000;
	in.has_social_avg = true;
	in.social_avg_wage_fen = 6000000;
	in.date = date;
	assert_true(levy_compute(&P, &in, &r, NULL));
	return r;
}

/* 财税〔2015〕72号 第八条: "保障金年缴纳额=(上年用人单位在职职工人数×…安排残疾人就业
 * 比例-上年用人单位实际安排的残疾人就业人数)×上年用人单位在职职工年平均工资" —
 * the unit's own average wage, with no upper limit until 2017-04-01. */
static void test_no_wage_cap_before_2017_04_01(void **state)
{
	struct levy_result r = capped_on((struct ymd){2017, 3, 31});

	(void)state;
	assert_int_equal(r.wage_fen, 25000000);
	assert_non_null(find_step(&r, LEVY_STEP_NO_CAP));
	assert_null(find_step(&r, LEVY_STEP_WAGE_CAP));
}

/* 财税〔2017〕18号 (from 2017-04-01): "用人单位在职职工年平均工资未超过当地社会平均工资
 * 3倍(含)的，按用人单位在职职工年平均工资计征残疾人就业保障金；超过当地社会平均工资
 * 3倍以上的，按当地社会平均工资3倍计征" */
static void test_wage_cap_3x_from_2017_04_01(void **state)
{
	struct levy_result r = capped_on((struct ymd){2017, 4, 1});

	(void)state;
	assert_int_equal(r.wage_fen, 18000000);       /* 3 × 60000 */
	assert_true(find_step(&r, LEVY_STEP_WAGE_CAP)->capped);
	assert_int_equal(find_step(&r, LEVY_STEP_WAGE_CAP)->b.num, 3);
	r = capped_on((struct ymd){2018, 3, 31});
	assert_int_equal(r.wage_fen, 18000000);
}

/* 财税〔2018〕39号 (from 2018-04-01): "将残疾人就业保障金征收标准上限，由当地社会平均工资
 * 的3倍降低至2倍" */
static void test_wage_cap_2x_from_2018_04_01(void **state)
{
	struct levy_result r = capped_on((struct ymd){2018, 4, 1});

	(void)state;
	assert_int_equal(r.wage_fen, 12000000);       /* 2 × 60000 */
	assert_int_equal(find_step(&r, LEVY_STEP_WAGE_CAP)->b.num, 2);
}

/* 财税〔2018〕39号: "用人单位在职职工平均工资未超过当地社会平均工资2倍(含)的，按用人
 * 单位在职职工年平均工资计征" — exactly 2 × is used as is, one fen more is capped. */
static void test_average_wage_of_exactly_2x_is_not_capped(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	in.avg_wage_fen = 12000000;
	in.has_social_avg = true;
	in.social_avg_wage_fen = 6000000;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_false(find_step(&r, LEVY_STEP_WAGE_CAP)->capped);
	assert_int_equal(r.wage_fen, 12000000);
	in.avg_wage_fen = 12000001;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_true(find_step(&r, LEVY_STEP_WAGE_CAP)->capped);
	assert_int_equal(r.wage_fen, 12000000);
}

static void test_wage_below_cap_is_not_capped(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_false(find_step(&r, LEVY_STEP_WAGE_CAP)->capped);
	assert_int_equal(r.wage_fen, 6000000);
}

static void test_average_wage_from_total_wages(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	in.has_total_wages = true;
	in.total_wages_fen = 600000000;      /* 6,000,000 yuan over 100 staff */
	in.avg_wage_fen = 0;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_int_equal(find_step(&r, LEVY_STEP_AVG_WAGE)->result.num, 60000);
	assert_int_equal(r.due_fen, 8100000);
}

static void test_enterprise_with_30_staff_is_exempt_institution_is_not(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	in.staff = dec_int(30);
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_true(r.exempt);
	assert_int_equal(r.due_fen, 0);
	assert_non_null(find_step(&r, LEVY_STEP_EXEMPT_SMALL));
	in.kind = UNIT_INSTITUTION;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_false(r.exempt);
	/* 30 × 1.5% = 0.45 × 60000 = 27000 × 0.9 = 24300 */
	assert_int_equal(r.due_fen, 2430000);
	in.kind = UNIT_ENTERPRISE;
	in.staff = dec_int(31);
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_false(r.exempt);
}

static void test_whatif_one_more_person_for_7_months_reaches_50_percent(void **state)
{
	struct levy_input in = base_input(dec_frac(5, 12));
	struct levy_result r;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_true(r.whatif.has_next_tier);
	assert_int_equal(r.whatif.months_to_next_tier, 7);
	assert_int_equal(dec_cmp(r.whatif.next_tier_factor, dec_frac(1, 2)), 0);
	/* with 12 counted months: (1.5 − 1) × 60000 × 0.5 */
	assert_int_equal(r.whatif.next_tier_due_fen, 1500000);
	assert_true(r.whatif.has_quota);
	assert_int_equal(r.whatif.months_to_quota, 13);
}

static void test_whatif_from_zero_needs_12_then_18_months(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	assert_int_equal(r.whatif.months_to_next_tier, 12);
	assert_int_equal(r.whatif.months_to_quota, 18);
}

static void test_placed_rounded_to_2_decimals_before_use(void **state)
{
	struct levy_input in = base_input(dec_frac(7, 12));   /* 0.5833… → 0.58 */
	struct levy_result r;
	const struct levy_step *s;

	(void)state;
	assert_true(levy_compute(&P, &in, &r, NULL));
	s = find_step(&r, LEVY_STEP_PLACED_ROUNDED);
	assert_int_equal(dec_cmp(s->result, dec_frac(58, 100)), 0);
	/* (1.5 − 0.58) × 60000 = 55200 × 0.9 = 49680 */
	assert_int_equal(r.due_fen, 4968000);
}

static void test_bad_inputs_are_refused_with_the_field(void **state)
{
	struct levy_input in = base_input(dec_int(0));
	struct levy_result r;
	struct core_error err;

	(void)state;
	in.staff = dec_int(0);
	assert_false(levy_compute(&P, &in, &r, &err));
	assert_int_equal(err.code, CORE_ERR_RANGE);
	assert_string_equal(err.field, "staff");
	in = base_input(dec_int(-1));
	assert_false(levy_compute(&P, &in, &r, &err));
	assert_string_equal(err.field, "placed");
}

static void test_step_names_are_stable(void **state)
{
	(void)state;
	assert_string_equal(levy_step_name(LEVY_STEP_WAGE_CAP), "wage_cap");
	assert_string_equal(levy_step_name(LEVY_STEP_DUE), "due");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_below_1_percent_pays_90_percent),
		cmocka_unit_test(test_from_1_percent_below_quota_pays_50_percent),
		cmocka_unit_test(test_at_quota_nothing_due),
		cmocka_unit_test(test_after_2027_no_tier_applies),
		cmocka_unit_test(test_wage_capped_at_2x_social_average),
		cmocka_unit_test(test_no_wage_cap_before_2017_04_01),
		cmocka_unit_test(test_wage_cap_3x_from_2017_04_01),
		cmocka_unit_test(test_wage_cap_2x_from_2018_04_01),
		cmocka_unit_test(test_average_wage_of_exactly_2x_is_not_capped),
		cmocka_unit_test(test_wage_below_cap_is_not_capped),
		cmocka_unit_test(test_average_wage_from_total_wages),
		cmocka_unit_test(test_enterprise_with_30_staff_is_exempt_institution_is_not),
		cmocka_unit_test(test_whatif_one_more_person_for_7_months_reaches_50_percent),
		cmocka_unit_test(test_whatif_from_zero_needs_12_then_18_months),
		cmocka_unit_test(test_placed_rounded_to_2_decimals_before_use),
		cmocka_unit_test(test_bad_inputs_are_refused_with_the_field),
		cmocka_unit_test(test_step_names_are_stable),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
