/* Tests of src/core/reward: SPEC §7.2 over-quota reward (Inner Mongolia). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/reward.h"
#include "test_core_fixture.h"

static struct policy P;

static int setup(void **state)
{
	(void)state;
	fixture_policy(&P);
	return 0;
}

/* 《内蒙古自治区超比例安排残疾人就业奖励办法(试行)》: "奖励对象为安排残疾人就业人数超过
 * 本单位在职职工总数1.5%(不含1.5%)，超出部分为1人以上(含1人)的用人单位" and "每超额安排
 * 1名残疾人" 5 × the local monthly minimum wage.  SPEC §7.2: excess = placed − staff × 1.5%,
 * exact — the required count is not rounded; reward = ⌊excess⌋ × 5 × minimum wage. */

static struct reward_result reward_of(struct dec staff, struct dec placed)
{
	struct reward_input in = {.staff = staff, .placed = placed,
				  .has_min_wage = true, .min_wage_fen = 198000};
	struct reward_result r;

	assert_true(reward_compute(&P, &in, &r, NULL));
	return r;
}

static const struct reward_step *find_step(const struct reward_result *r,
					   enum reward_step_kind k)
{
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].kind == k)
			return &r->steps[i];
	return NULL;
}

/* The seed: staff 30, placed 2 → excess 2 − 0.45 = 1.55 → 1 person; 1 × 5 × 1980. */
static void test_seed_staff_30_placed_2_min_wage_1980_rewards_9900(void **state)
{
	struct reward_result r = reward_of(dec_int(30), dec_int(2));
	char buf[32];

	(void)state;
	assert_true(r.eligible);
	/* required 30 × 1.5% = 0.45, used as it is (not rounded up to 1) */
	assert_int_equal(r.steps[0].kind, REWARD_STEP_REQUIRED);
	assert_int_equal(dec_cmp(r.steps[0].result, dec_frac(45, 100)), 0);
	assert_int_equal(dec_cmp(r.required, dec_frac(45, 100)), 0);
	assert_int_equal(dec_cmp(r.excess, dec_frac(155, 100)), 0);
	assert_int_equal(dec_cmp(r.persons, dec_int(1)), 0);
	assert_int_equal(r.reward_fen, 990000);
	money_format_fen(r.reward_fen, buf, sizeof buf);
	assert_string_equal(buf, "9900.00");
}

/* SPEC §7.2: "staff 100, placed 3.5 → excess 2 → 19800" (the rounded-up required
 * count of 2 would have given 1 person, 9900). */
static void test_staff_100_placed_3_5_excess_2_rewards_19800(void **state)
{
	struct reward_result r = reward_of(dec_int(100), dec_frac(7, 2));

	(void)state;
	assert_true(r.eligible);
	assert_int_equal(dec_cmp(r.excess, dec_int(2)), 0);
	assert_int_equal(dec_cmp(r.persons, dec_int(2)), 0);
	assert_int_equal(r.reward_fen, 1980000);
}

/* "超出部分为1人以上(含1人)": staff 100, placed 2.5 → excess exactly 1.00 → eligible, 9900. */
static void test_excess_of_exactly_one_person_is_eligible(void **state)
{
	struct reward_result r = reward_of(dec_int(100), dec_frac(5, 2));
	const struct reward_step *e = find_step(&r, REWARD_STEP_ELIGIBLE);

	(void)state;
	assert_true(r.eligible);
	assert_int_equal(r.why, REWARD_OK);
	assert_int_equal(dec_cmp(r.excess, dec_int(1)), 0);
	assert_int_equal(r.reward_fen, 990000);
	assert_non_null(e);
	assert_int_equal(dec_cmp(e->c, dec_int(1)), 0);        /* the excess */
	assert_int_equal(dec_cmp(e->d, dec_int(1)), 0);        /* at least 1 */
	assert_null(find_step(&r, REWARD_STEP_NOT_ELIGIBLE));
}

/* "超过…1.5%(不含1.5%)": 200 staff, 3 placed is exactly 1.5% — not above the quota. */
static void test_exactly_at_the_quota_is_not_eligible(void **state)
{
	struct reward_result r = reward_of(dec_int(200), dec_int(3));

	(void)state;
	assert_false(r.eligible);
	assert_int_equal(r.why, REWARD_NOT_ABOVE_QUOTA);
	assert_int_equal(r.reward_fen, 0);
	assert_int_equal(r.steps[r.n_steps - 1].kind, REWARD_STEP_NOT_ELIGIBLE);
	assert_int_equal(dec_cmp(r.steps[r.n_steps - 1].a, dec_frac(15, 1000)), 0);
}

/* "超出部分为1人以上(含1人)": 100 staff, 2.49 placed is above 1.5% but the excess
 * 0.99 is less than one person. */
static void test_excess_below_one_person_is_not_eligible(void **state)
{
	struct reward_result r = reward_of(dec_int(100), dec_frac(249, 100));

	(void)state;
	assert_false(r.eligible);
	assert_int_equal(r.why, REWARD_EXCESS_TOO_SMALL);
	assert_int_equal(dec_cmp(r.excess, dec_frac(99, 100)), 0);
	assert_int_equal(dec_cmp(r.persons, dec_int(0)), 0);
	assert_null(find_step(&r, REWARD_STEP_MIN_WAGE));
}

/* "每超额安排1名残疾人": only whole persons earn a reward — 100 staff, 4.75 placed:
 * excess 3.25 → 3 persons → 3 × 5 × 1980. */
static void test_fractional_excess_rewards_whole_persons_only(void **state)
{
	struct reward_result r = reward_of(dec_int(100), dec_frac(19, 4));
	const struct reward_step *p = find_step(&r, REWARD_STEP_PERSONS);

	(void)state;
	assert_int_equal(dec_cmp(r.excess, dec_frac(13, 4)), 0);
	assert_non_null(p);
	assert_int_equal(dec_cmp(p->result, dec_int(3)), 0);
	assert_int_equal(r.reward_fen, 3 * 5 * 198000);
}

/* SPEC §7.2: the minimum wage in force in December of the data year (policy
 * min_wage_month "data_year_end"), of the unit's area class. */
static void test_min_wage_from_policy_december_of_the_data_year(void **state)
{
	struct reward_input in = {.staff = dec_int(30), .placed = dec_int(2), .year = 2023,
				  .area_class = 1};
	struct reward_result r;

	(void)state;
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_int_equal(r.min_wage_fen, 198000);
	assert_int_equal(r.reward_fen, 990000);
	in.year = 2024;                      /* 2024-12: the new 2270 applies */
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_int_equal(r.reward_fen, 1135000);
	in.area_class = 3;
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_int_equal(r.reward_fen, 1070000);
}

/* The reward needs the unit's rate: none before 2014-07 (no source found), and
 * the four-class tables before 2021-12 do not say which is the unit's. */
static void test_unknown_minimum_wage_is_a_policy_error(void **state)
{
	struct reward_input in = {.staff = dec_int(30), .placed = dec_int(2), .year = 2013};
	struct reward_result r;
	struct core_error err;

	(void)state;
	assert_false(reward_compute(&P, &in, &r, &err));
	assert_int_equal(err.code, CORE_ERR_POLICY);
	assert_string_equal(err.field, "min_wage");
	assert_non_null(strstr(err.msg, "no minimum wage for area class 1 in 2013-12"));
	in.year = 2020;
	assert_false(reward_compute(&P, &in, &r, &err));
	assert_string_equal(err.field, "min_wage");
	assert_non_null(strstr(err.msg, "classifies areas otherwise"));
	in.year = 2025;                      /* 2025-12: 2380 (from 2025-12-01) */
	assert_true(reward_compute(&P, &in, &r, &err));
	assert_int_equal(r.min_wage_fen, 238000);
}

static void test_bad_inputs_refused(void **state)
{
	struct reward_input in = {.staff = dec_int(0), .placed = dec_int(2)};
	struct reward_result r;
	struct core_error err;

	(void)state;
	assert_false(reward_compute(&P, &in, &r, &err));
	assert_string_equal(err.field, "staff");
	in.staff = dec_int(30);
	in.area_class = 4;
	assert_false(reward_compute(&P, &in, &r, &err));
	assert_string_equal(err.field, "area_class");
}

/* The 办法 leaves out fiscally funded units (机关; 公益一类/二类事业单位) and 集中安置
 * units on the VAT refund; the table (reward.exclusions) says which. */
static enum reward_exclusion excluded(enum unit_kind kind, bool has_category,
				      enum institution_category category, bool concentrated,
				      bool vat_refund)
{
	struct reward_unit u = {kind, has_category, category, concentrated, vat_refund};

	return reward_unit_exclusion(&P, &u);
}

static void test_fiscally_funded_units_are_excluded(void **state)
{
	(void)state;
	assert_int_equal(excluded(UNIT_GOVERNMENT, false, 0, false, false), REWARD_EXCLUDED_KIND);
	assert_int_equal(excluded(UNIT_INSTITUTION, true, INSTITUTION_PUBLIC_WELFARE_1, false, false),
			 REWARD_EXCLUDED_CATEGORY);
	assert_int_equal(excluded(UNIT_INSTITUTION, true, INSTITUTION_PUBLIC_WELFARE_2, false, false),
			 REWARD_EXCLUDED_CATEGORY);
	/* 经营类 institutions, and an institution whose category is not recorded */
	assert_int_equal(excluded(UNIT_INSTITUTION, true, INSTITUTION_BUSINESS, false, false),
			 REWARD_UNIT_INCLUDED);
	assert_int_equal(excluded(UNIT_INSTITUTION, false, 0, false, false), REWARD_UNIT_INCLUDED);
	assert_int_equal(excluded(UNIT_ENTERPRISE, false, 0, false, false), REWARD_UNIT_INCLUDED);
	assert_string_equal(reward_exclusion_name(REWARD_EXCLUDED_CATEGORY), "institution_category");
}

static void test_concentrated_units_only_on_the_vat_refund_are_excluded(void **state)
{
	(void)state;
	assert_int_equal(excluded(UNIT_ENTERPRISE, false, 0, true, true),
			 REWARD_EXCLUDED_CONCENTRATED);
	assert_int_equal(excluded(UNIT_ENTERPRISE, false, 0, true, false), REWARD_UNIT_INCLUDED);
	assert_int_equal(excluded(UNIT_ENTERPRISE, false, 0, false, true), REWARD_UNIT_INCLUDED);
}

static void test_household_registration_rule_is_in_the_table(void **state)
{
	(void)state;
	assert_true(P.reward.local_hukou);
	assert_string_equal(P.region, "150000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_staff_30_placed_2_min_wage_1980_rewards_9900),
		cmocka_unit_test(test_staff_100_placed_3_5_excess_2_rewards_19800),
		cmocka_unit_test(test_excess_of_exactly_one_person_is_eligible),
		cmocka_unit_test(test_exactly_at_the_quota_is_not_eligible),
		cmocka_unit_test(test_excess_below_one_person_is_not_eligible),
		cmocka_unit_test(test_fractional_excess_rewards_whole_persons_only),
		cmocka_unit_test(test_min_wage_from_policy_december_of_the_data_year),
		cmocka_unit_test(test_unknown_minimum_wage_is_a_policy_error),
		cmocka_unit_test(test_bad_inputs_refused),
		cmocka_unit_test(test_fiscally_funded_units_are_excluded),
		cmocka_unit_test(test_concentrated_units_only_on_the_vat_refund_are_excluded),
		cmocka_unit_test(test_household_registration_rule_is_in_the_table),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
