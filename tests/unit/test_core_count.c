/* Tests of src/core/count: SPEC §6 registered / confirmed / counted months. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/count.h"
#include "test_core_fixture.h"

static struct policy P;

static int setup(void **state)
{
	(void)state;
	fixture_policy(&P);
	return 0;
}

static void year_of(struct count_month m[12], int weight)
{
	for (int i = 0; i < 12; i++)
		m[i] = (struct count_month){true, true, weight};
}

static void test_seed_12_confirmed_months_of_mental_level_4_count_24(void **state)
{
	struct count_month m[12];
	struct count_totals t;

	(void)state;
	year_of(m, count_weight(&P, CERT_DISABILITY, 4, 6));
	count_placement(m, 12, &t);
	assert_int_equal(t.registered, 12);
	assert_int_equal(t.confirmed, 12);
	assert_int_equal(t.counted, 24);
}

static void test_seed_12_confirmed_months_of_an_ordinary_holder_count_12(void **state)
{
	struct count_month m[12];
	struct count_totals t;

	(void)state;
	year_of(m, count_weight(&P, CERT_DISABILITY, 4, 4));
	count_placement(m, 12, &t);
	assert_int_equal(t.counted, 12);
}

static void test_only_registered_and_confirmed_months_count(void **state)
{
	struct count_month m[12];
	struct count_totals t;

	(void)state;
	year_of(m, 2);
	m[0].registered = false;          /* not registered: confirmed flag ignored */
	m[1].confirmed = false;           /* registered, rejected or pending */
	m[2].confirmed = false;
	count_placement(m, 12, &t);
	assert_int_equal(t.registered, 11);
	assert_int_equal(t.confirmed, 9);
	assert_int_equal(t.counted, 18);
}

static void test_weight_two_for_levels_1_2_and_veterans_1_3(void **state)
{
	(void)state;
	assert_int_equal(count_weight(&P, CERT_DISABILITY, 1, 1), 2);
	assert_int_equal(count_weight(&P, CERT_DISABILITY, 2, 3), 2);
	assert_int_equal(count_weight(&P, CERT_DISABILITY, 3, 3), 1);
	assert_int_equal(count_weight(&P, CERT_VETERAN, 1, 4), 2);
	assert_int_equal(count_weight(&P, CERT_VETERAN, 3, 4), 2);
	assert_int_equal(count_weight(&P, CERT_VETERAN, 5, 4), 1);
	assert_int_equal(count_weight(&P, CERT_DISABILITY, 4, 5), 2);
}

static void test_placed_persons_is_counted_over_12_exactly(void **state)
{
	char buf[32];
	struct dec placed = count_placed_persons(7);

	(void)state;
	assert_int_equal(dec_cmp(count_placed_persons(24), dec_int(2)), 0);
	assert_int_equal(placed.num, 7);
	assert_int_equal(placed.den, 12);
	assert_true(count_format_persons(&P, placed, buf, sizeof buf));
	assert_string_equal(buf, "0.58");
	assert_true(count_format_persons(&P, count_placed_persons(24), buf, sizeof buf));
	assert_string_equal(buf, "2.00");
}

static void test_unit_totals_add_up_over_placements(void **state)
{
	struct count_totals a = {12, 12, 24}, b = {12, 12, 12};

	(void)state;
	count_add(&a, &b);
	assert_int_equal(a.registered, 24);
	assert_int_equal(a.confirmed, 24);
	assert_int_equal(a.counted, 36);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_12_confirmed_months_of_mental_level_4_count_24),
		cmocka_unit_test(test_seed_12_confirmed_months_of_an_ordinary_holder_count_12),
		cmocka_unit_test(test_only_registered_and_confirmed_months_count),
		cmocka_unit_test(test_weight_two_for_levels_1_2_and_veterans_1_3),
		cmocka_unit_test(test_placed_persons_is_counted_over_12_exactly),
		cmocka_unit_test(test_unit_totals_add_up_over_placements),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
