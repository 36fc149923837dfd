/* Tests of src/core/money: exact decimals, rounding modes, fen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/money.h"

static struct dec D(const char *s)
{
	struct dec d = {0, 1};

	assert_true(dec_parse(s, NULL, &d, NULL));
	return d;
}

static const char *fmt(struct dec d, int places, enum round_mode m)
{
	static char buf[64];

	assert_true(dec_format(d, places, m, buf, sizeof buf));
	return buf;
}

static void test_parse_and_format_yuan(void **state)
{
	(void)state;
	assert_string_equal(fmt(D("1980"), 2, ROUND_HALF_UP), "1980.00");
	assert_string_equal(fmt(D("1980.5"), 2, ROUND_HALF_UP), "1980.50");
	assert_string_equal(fmt(D("3000.00"), 2, ROUND_HALF_UP), "3000.00");
	assert_string_equal(fmt(D("0.05"), 2, ROUND_HALF_UP), "0.05");
	assert_string_equal(fmt(D("-1.05"), 2, ROUND_HALF_UP), "-1.05");
	assert_string_equal(fmt(D("7"), 0, ROUND_HALF_UP), "7");
}

static void test_parse_refuses_non_numbers(void **state)
{
	struct dec d;
	struct core_error err;

	(void)state;
	assert_false(dec_parse("12a", "staff", &d, &err));
	assert_int_equal(err.code, CORE_ERR_FORMAT);
	assert_string_equal(err.field, "staff");
	assert_false(dec_parse("1980.", NULL, &d, NULL));
	assert_false(dec_parse(".", NULL, &d, NULL));
	assert_false(dec_parse("", NULL, &d, NULL));
	assert_false(dec_parse("1e3", NULL, &d, NULL));
	assert_false(dec_parse("1,000", NULL, &d, NULL));
	assert_false(dec_parse("99999999999999999999", NULL, &d, &err));
	assert_int_equal(err.code, CORE_ERR_OVERFLOW);
}

static void test_placed_persons_one_twelfth_stays_exact(void **state)
{
	struct dec sum = dec_int(0), twelfth = dec_frac(1, 12);

	(void)state;
	for (int i = 0; i < 12; i++)
		assert_true(dec_add(sum, twelfth, &sum));
	assert_int_equal(dec_cmp(sum, dec_int(1)), 0);
}

static void test_rounding_modes_at_a_half(void **state)
{
	(void)state;
	assert_string_equal(fmt(D("0.125"), 2, ROUND_HALF_UP), "0.13");
	assert_string_equal(fmt(D("0.125"), 2, ROUND_HALF_EVEN), "0.12");
	assert_string_equal(fmt(D("0.135"), 2, ROUND_HALF_EVEN), "0.14");
	assert_string_equal(fmt(D("1.559"), 2, ROUND_DOWN), "1.55");
	assert_string_equal(fmt(D("0.451"), 0, ROUND_UP), "1");
	assert_string_equal(fmt(D("-0.125"), 2, ROUND_HALF_UP), "-0.13");
	assert_string_equal(fmt(dec_frac(7, 12), 2, ROUND_HALF_UP), "0.58");
	assert_string_equal(fmt(dec_frac(1, 3), 4, ROUND_HALF_UP), "0.3333");
}

static void test_required_045_shown_as_1_when_rounding_up(void **state)
{
	struct dec r;

	(void)state;
	assert_true(dec_mul(dec_int(30), D("0.015"), &r));
	assert_string_equal(fmt(r, 2, ROUND_HALF_UP), "0.45");
	assert_string_equal(fmt(r, 0, ROUND_UP), "1");
}

static void test_money_fen_parse_and_format(void **state)
{
	int64_t fen;
	char buf[24];
	struct core_error err;

	(void)state;
	assert_true(money_parse_fen("9900", NULL, &fen, NULL));
	assert_int_equal(fen, 990000);
	assert_true(money_parse_fen("1980.5", NULL, &fen, NULL));
	assert_int_equal(fen, 198050);
	assert_false(money_parse_fen("1.005", "avg_wage", &fen, &err));
	assert_int_equal(err.code, CORE_ERR_FORMAT);
	money_format_fen(990000, buf, sizeof buf);
	assert_string_equal(buf, "9900.00");
	money_format_fen(-105, buf, sizeof buf);
	assert_string_equal(buf, "-1.05");
	money_format_fen(7, buf, sizeof buf);
	assert_string_equal(buf, "0.07");
}

static void test_overflow_is_refused_not_wrapped(void **state)
{
	struct dec big = dec_int(INT64_MAX / 2), out;

	(void)state;
	assert_false(dec_mul(big, dec_int(4), &out));
	assert_false(dec_div(dec_int(1), dec_int(0), &out));
	assert_true(dec_add(big, big, &out));
}

static void test_to_fen_rounds_half_up(void **state)
{
	int64_t fen;

	(void)state;
	assert_true(dec_to_fen(dec_frac(1, 200), ROUND_HALF_UP, &fen));   /* 0.005 yuan */
	assert_int_equal(fen, 1);
	assert_true(dec_to_fen(dec_frac(1, 200), ROUND_DOWN, &fen));
	assert_int_equal(fen, 0);
}

static void test_round_mode_names_round_trip(void **state)
{
	enum round_mode m;

	(void)state;
	for (int i = 0; i < ROUND__COUNT; i++) {
		assert_true(round_mode_parse(round_mode_name((enum round_mode)i), &m));
		assert_int_equal(m, i);
	}
	assert_false(round_mode_parse("nearest", &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format_yuan),
		cmocka_unit_test(test_parse_refuses_non_numbers),
		cmocka_unit_test(test_placed_persons_one_twelfth_stays_exact),
		cmocka_unit_test(test_rounding_modes_at_a_half),
		cmocka_unit_test(test_required_045_shown_as_1_when_rounding_up),
		cmocka_unit_test(test_money_fen_parse_and_format),
		cmocka_unit_test(test_overflow_is_refused_not_wrapped),
		cmocka_unit_test(test_to_fen_rounds_half_up),
		cmocka_unit_test(test_round_mode_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
