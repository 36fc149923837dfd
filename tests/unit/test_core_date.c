/* Tests of src/core/date: civil dates, month indices, strict parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static void test_ym_index_is_year_times_12_plus_month_minus_1(void **state)
{
	(void)state;
	assert_int_equal(ym_make(2025, 1), 2025 * 12);
	assert_int_equal(ym_year(ym_make(2025, 12)), 2025);
	assert_int_equal(ym_month(ym_make(2025, 12)), 12);
	/* 1965-01 + 60 years 1 month = 2025-02 */
	assert_int_equal(ym_make(1965, 1) + 721, ym_make(2025, 2));
}

static void test_days_in_month_knows_leap_years(void **state)
{
	(void)state;
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2025, 4), 30);
	assert_int_equal(date_days_in_month(2025, 13), 0);
}

static void test_date_parse_strict_yyyy_mm_dd(void **state)
{
	struct ymd d;
	struct core_error err;

	(void)state;
	assert_true(date_parse("2025-01-31", NULL, &d, &err));
	assert_int_equal(d.y, 2025);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 31);
	assert_false(date_parse("2025-1-31", "start", &d, &err));
	assert_int_equal(err.code, CORE_ERR_DATE);
	assert_string_equal(err.field, "start");
	assert_false(date_parse("2025-02-30", NULL, &d, &err));
	assert_false(date_parse("2025-01-31x", NULL, &d, &err));
	assert_false(date_parse("", NULL, &d, &err));
}

static void test_ym_parse_strict_yyyymm(void **state)
{
	int ym;

	(void)state;
	assert_true(ym_parse("202501", NULL, &ym, NULL));
	assert_int_equal(ym, ym_make(2025, 1));
	assert_false(ym_parse("202513", NULL, &ym, NULL));
	assert_false(ym_parse("202500", NULL, &ym, NULL));
	assert_false(ym_parse("2025-01", NULL, &ym, NULL));
}

static void test_days_round_trip_and_epoch(void **state)
{
	(void)state;
	assert_int_equal(date_to_days((struct ymd){1970, 1, 1}), 0);
	assert_int_equal(date_to_days((struct ymd){2000, 3, 1}) - date_to_days((struct ymd){2000, 2, 28}), 2);
	for (long z = -700000; z < 800000; z += 997) {
		struct ymd d = date_from_days(z);

		assert_true(date_valid(d));
		assert_int_equal(date_to_days(d), z);
	}
}

static void test_range_touches_month_counts_one_day(void **state)
{
	(void)state;
	/* a certificate valid until 2025-03-01 is valid during March */
	assert_true(date_range_touches_month((struct ymd){2020, 1, 1}, (struct ymd){2025, 3, 1},
					     ym_make(2025, 3)));
	assert_false(date_range_touches_month((struct ymd){2020, 1, 1}, (struct ymd){2025, 2, 28},
					      ym_make(2025, 3)));
	assert_true(date_range_touches_month((struct ymd){2025, 3, 31}, DATE_OPEN_END, ym_make(2025, 3)));
	assert_false(date_range_touches_month((struct ymd){2025, 4, 1}, DATE_OPEN_END, ym_make(2025, 3)));
}

static void test_format_date_and_month(void **state)
{
	char d[11], m[7];

	(void)state;
	date_format((struct ymd){2025, 1, 5}, d);
	assert_string_equal(d, "2025-01-05");
	ym_format(ym_make(2025, 12), m);
	assert_string_equal(m, "202512");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ym_index_is_year_times_12_plus_month_minus_1),
		cmocka_unit_test(test_days_in_month_knows_leap_years),
		cmocka_unit_test(test_date_parse_strict_yyyy_mm_dd),
		cmocka_unit_test(test_ym_parse_strict_yyyymm),
		cmocka_unit_test(test_days_round_trip_and_epoch),
		cmocka_unit_test(test_range_touches_month_counts_one_day),
		cmocka_unit_test(test_format_date_and_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
