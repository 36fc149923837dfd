/* Tests of src/core/age: SPEC §10 employment age and the 2024 retirement delay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/age.h"
#include "test_core_fixture.h"

static struct policy P;

static int setup(void **state)
{
	(void)state;
	fixture_policy(&P);
	return 0;
}

static void test_man_born_1965_01_retires_2025_02_at_60y1m(void **state)
{
	int birth = ym_make(1965, 1);

	(void)state;
	assert_int_equal(age_retire_delay_months(&P.age, birth, RETIRE_MALE), 1);
	assert_int_equal(age_retirement_ym(&P.age, birth, RETIRE_MALE), ym_make(2025, 2));
}

static void test_man_born_1964_12_retires_at_60_unchanged(void **state)
{
	int birth = ym_make(1964, 12);

	(void)state;
	assert_int_equal(age_retire_delay_months(&P.age, birth, RETIRE_MALE), 0);
	assert_int_equal(age_retirement_ym(&P.age, birth, RETIRE_MALE), ym_make(2024, 12));
}

static void test_man_born_1965_05_gains_two_months(void **state)
{
	(void)state;
	/* k = 4: one month per four months of birth */
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1965, 4), RETIRE_MALE), 1);
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1965, 5), RETIRE_MALE), 2);
}

static void test_man_born_1976_09_retires_at_63(void **state)
{
	int birth = ym_make(1976, 9);

	(void)state;
	assert_int_equal(age_retire_delay_months(&P.age, birth, RETIRE_MALE), 36);
	assert_int_equal(age_retirement_ym(&P.age, birth, RETIRE_MALE), birth + 63 * 12);
	/* and the cap holds for anyone later */
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1990, 1), RETIRE_MALE), 36);
}

static void test_woman50_born_1984_11_retires_at_55(void **state)
{
	int birth = ym_make(1984, 11);

	(void)state;
	assert_int_equal(age_retire_delay_months(&P.age, birth, RETIRE_FEMALE50), 60);
	assert_int_equal(age_retirement_ym(&P.age, birth, RETIRE_FEMALE50), birth + 55 * 12);
}

static void test_woman50_born_1975_01_gains_one_month_per_two(void **state)
{
	(void)state;
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1974, 12), RETIRE_FEMALE50), 0);
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1975, 1), RETIRE_FEMALE50), 1);
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1975, 3), RETIRE_FEMALE50), 2);
}

static void test_woman55_from_1970_01_up_to_58(void **state)
{
	(void)state;
	assert_int_equal(age_retire_delay_months(&P.age, ym_make(1969, 12), RETIRE_FEMALE55), 0);
	assert_int_equal(age_retirement_ym(&P.age, ym_make(1970, 1), RETIRE_FEMALE55),
			 ym_make(1970, 1) + 55 * 12 + 1);
	assert_int_equal(age_retirement_ym(&P.age, ym_make(1985, 1), RETIRE_FEMALE55),
			 ym_make(1985, 1) + 58 * 12);
}

static void test_employment_age_starts_the_month_one_turns_16(void **state)
{
	int birth = ym_make(2009, 3);

	(void)state;
	assert_int_equal(age_status_at(&P.age, birth, RETIRE_MALE, ym_make(2025, 2)), AGE_UNDER_16);
	assert_int_equal(age_status_at(&P.age, birth, RETIRE_MALE, ym_make(2025, 3)), AGE_IN_RANGE);
}

static void test_employment_age_ends_the_month_before_retirement(void **state)
{
	int birth = ym_make(1965, 1);

	(void)state;
	/* retires 2025-02: January is the last month in employment age */
	assert_true(age_in_employment(&P.age, birth, RETIRE_MALE, ym_make(2025, 1)));
	assert_int_equal(age_status_at(&P.age, birth, RETIRE_MALE, ym_make(2025, 2)), AGE_RETIRED);
}

static void test_boundary_settings_change_both_ends(void **state)
{
	struct policy_age rule = P.age;
	int birth = ym_make(1965, 1);

	(void)state;
	rule.retire_month_included = true;
	rule.start_month_included = false;
	assert_true(age_in_employment(&rule, birth, RETIRE_MALE, ym_make(2025, 2)));
	assert_false(age_in_employment(&rule, birth, RETIRE_MALE, ym_make(2025, 3)));
	assert_false(age_in_employment(&rule, ym_make(2009, 3), RETIRE_MALE, ym_make(2025, 3)));
	assert_true(age_in_employment(&rule, ym_make(2009, 3), RETIRE_MALE, ym_make(2025, 4)));
}

static void test_unknown_female_group_defaults_to_50_and_says_so(void **state)
{
	bool defaulted = false;

	(void)state;
	assert_int_equal(age_resolve_group(&P.age, GENDER_FEMALE, false, RETIRE_MALE, &defaulted),
			 RETIRE_FEMALE50);
	assert_true(defaulted);
	assert_int_equal(age_resolve_group(&P.age, GENDER_FEMALE, true, RETIRE_FEMALE55, &defaulted),
			 RETIRE_FEMALE55);
	assert_false(defaulted);
	assert_int_equal(age_resolve_group(&P.age, GENDER_MALE, true, RETIRE_FEMALE55, &defaulted),
			 RETIRE_MALE);
	assert_false(defaulted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_born_1965_01_retires_2025_02_at_60y1m),
		cmocka_unit_test(test_man_born_1964_12_retires_at_60_unchanged),
		cmocka_unit_test(test_man_born_1965_05_gains_two_months),
		cmocka_unit_test(test_man_born_1976_09_retires_at_63),
		cmocka_unit_test(test_woman50_born_1984_11_retires_at_55),
		cmocka_unit_test(test_woman50_born_1975_01_gains_one_month_per_two),
		cmocka_unit_test(test_woman55_from_1970_01_up_to_58),
		cmocka_unit_test(test_employment_age_starts_the_month_one_turns_16),
		cmocka_unit_test(test_employment_age_ends_the_month_before_retirement),
		cmocka_unit_test(test_boundary_settings_change_both_ends),
		cmocka_unit_test(test_unknown_female_group_defaults_to_50_and_says_so),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
