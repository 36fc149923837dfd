/* Tests of src/core/reward: SPEC §7.2 over-quota reward (Inner Mongolia). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

static void test_seed_staff_30_placed_2_min_wage_1980_rewards_9900(void **state)
{
	struct reward_input in = {.staff = dec_int(30), .placed = dec_int(2),
				  .has_min_wage = true, .min_wage_fen = 198000};
	struct reward_result r;
	char buf[32];

	(void)state;
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_true(r.eligible);
	/* required 30 × 1.5% = 0.45, shown (and used) as 1 */
	assert_int_equal(r.steps[0].kind, REWARD_STEP_REQUIRED);
	assert_int_equal(dec_cmp(r.steps[0].c, dec_frac(45, 100)), 0);
	assert_int_equal(dec_cmp(r.required, dec_int(1)), 0);
	assert_int_equal(dec_cmp(r.excess, dec_int(1)), 0);
	assert_int_equal(r.reward_fen, 990000);
	money_format_fen(r.reward_fen, buf, sizeof buf);
	assert_string_equal(buf, "9900.00");
}

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

static void test_not_strictly_above_quota_not_eligible(void **state)
{
	/* 200 staff: quota 3 persons; 3 placed is exactly 1.5% */
	struct reward_input in = {.staff = dec_int(200), .placed = dec_int(3),
				  .has_min_wage = true, .min_wage_fen = 198000};
	struct reward_result r;

	(void)state;
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_false(r.eligible);
	assert_int_equal(r.why, REWARD_NOT_ABOVE_QUOTA);
	assert_int_equal(r.reward_fen, 0);
	assert_int_equal(r.steps[r.n_steps - 1].kind, REWARD_STEP_NOT_ELIGIBLE);
}

static void test_excess_below_one_person_not_eligible(void **state)
{
	/* 100 staff: 1.5 required shown as 2; 2.5 placed is above quota but the
	 * excess 0.5 rounds down to 0 */
	struct reward_input in = {.staff = dec_int(100), .placed = dec_frac(5, 2),
				  .has_min_wage = true, .min_wage_fen = 198000};
	struct reward_result r;

	(void)state;
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_false(r.eligible);
	assert_int_equal(r.why, REWARD_EXCESS_TOO_SMALL);
}

static void test_fractional_excess_rounds_down_to_whole_persons(void **state)
{
	/* 100 staff, 4.75 placed: 4.75 − 2 = 2.75 → 2 persons */
	struct reward_input in = {.staff = dec_int(100), .placed = dec_frac(19, 4),
				  .has_min_wage = true, .min_wage_fen = 198000};
	struct reward_result r;

	(void)state;
	assert_true(reward_compute(&P, &in, &r, NULL));
	assert_int_equal(dec_cmp(r.excess, dec_int(2)), 0);
	assert_int_equal(r.reward_fen, 2 * 5 * 198000);
}

static void test_missing_minimum_wage_row_is_a_policy_error(void **state)
{
	struct reward_input in = {.staff = dec_int(30), .placed = dec_int(2), .year = 2020};
	struct reward_result r;
	struct core_error err;

	(void)state;
	assert_false(reward_compute(&P, &in, &r, &err));
	assert_int_equal(err.code, CORE_ERR_POLICY);
	assert_string_equal(err.field, "min_wage");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_staff_30_placed_2_min_wage_1980_rewards_9900),
		cmocka_unit_test(test_min_wage_from_policy_december_of_the_data_year),
		cmocka_unit_test(test_not_strictly_above_quota_not_eligible),
		cmocka_unit_test(test_excess_below_one_person_not_eligible),
		cmocka_unit_test(test_fractional_excess_rounds_down_to_whole_persons),
		cmocka_unit_test(test_missing_minimum_wage_row_is_a_policy_error),
		cmocka_unit_test(test_bad_inputs_refused),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
