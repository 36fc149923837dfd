/* Tests of src/core/policy: the Inner Mongolia table (SPEC §9) and the loader's
 * refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/policy.h"
#include "test_core_fixture.h"

static struct policy P;

static int setup(void **state)
{
	(void)state;
	fixture_policy(&P);
	return 0;
}

static void test_inner_mongolia_quota_is_1_5_percent(void **state)
{
	(void)state;
	assert_string_equal(P.region, "150000");
	assert_int_equal(dec_cmp(P.quota, dec_frac(15, 1000)), 0);
}

static void test_min_wage_2021_12_to_2024_11_is_1980_1910_1850(void **state)
{
	int64_t fen;

	(void)state;
	assert_true(policy_min_wage(&P, 1, ym_make(2021, 12), &fen));
	assert_int_equal(fen, 198000);
	assert_true(policy_min_wage(&P, 2, ym_make(2023, 6), &fen));
	assert_int_equal(fen, 191000);
	assert_true(policy_min_wage(&P, 3, ym_make(2024, 11), &fen));
	assert_int_equal(fen, 185000);
	assert_false(policy_min_wage(&P, 1, ym_make(2021, 11), &fen));
	assert_false(policy_min_wage(&P, 4, ym_make(2023, 6), &fen));
}

static void test_min_wage_from_2024_12_is_2270_2200_2140(void **state)
{
	int64_t fen;

	(void)state;
	assert_true(policy_min_wage(&P, 1, ym_make(2024, 12), &fen));
	assert_int_equal(fen, 227000);
	assert_true(policy_min_wage(&P, 2, ym_make(2026, 1), &fen));
	assert_int_equal(fen, 220000);
	assert_true(policy_min_wage(&P, 3, ym_make(2025, 5), &fen));
	assert_int_equal(fen, 214000);
}

static void test_tiers_50_and_90_percent_valid_2020_to_2027(void **state)
{
	struct ymd in = {2025, 7, 1}, before = {2019, 12, 31}, after = {2028, 1, 1};
	const struct policy_tier *t;

	(void)state;
	t = policy_tier_for(&P, in, dec_frac(1, 100));          /* exactly 1% -> 50% */
	assert_non_null(t);
	assert_int_equal(dec_cmp(t->factor, dec_frac(1, 2)), 0);
	t = policy_tier_for(&P, in, dec_frac(99, 10000));       /* 0.99% -> 90% */
	assert_non_null(t);
	assert_int_equal(dec_cmp(t->factor, dec_frac(9, 10)), 0);
	assert_null(policy_tier_for(&P, in, dec_frac(15, 1000)));  /* at quota: none */
	assert_null(policy_tier_for(&P, before, dec_frac(1, 100)));
	assert_null(policy_tier_for(&P, after, dec_frac(1, 100)));
	assert_non_null(policy_tier_for(&P, (struct ymd){2027, 12, 31}, dec_int(0)));
}

/* No cap under 财税〔2015〕72号 alone; 财税〔2017〕18号: "超过当地社会平均工资3倍以上的，
 * 按当地社会平均工资3倍计征" from 2017-04-01; 财税〔2018〕39号: "由当地社会平均工资的3倍
 * 降低至2倍" from 2018-04-01. */
static void test_wage_cap_none_then_3x_from_2017_04_then_2x_from_2018_04(void **state)
{
	(void)state;
	assert_int_equal(policy_wage_cap_multiple(&P, (struct ymd){2016, 7, 1}), 0);
	assert_int_equal(policy_wage_cap_multiple(&P, (struct ymd){2017, 3, 31}), 0);
	assert_int_equal(policy_wage_cap_multiple(&P, (struct ymd){2017, 4, 1}), 3);
	assert_int_equal(policy_wage_cap_multiple(&P, (struct ymd){2018, 3, 31}), 3);
	assert_int_equal(policy_wage_cap_multiple(&P, (struct ymd){2018, 4, 1}), 2);
	assert_int_equal(policy_wage_cap_multiple(&P, (struct ymd){2026, 7, 1}), 2);
}

static void test_small_enterprise_30_staff_exempt_other_kinds_not(void **state)
{
	struct ymd d = {2025, 7, 1};

	(void)state;
	assert_true(policy_is_exempt(&P, d, dec_int(30), UNIT_ENTERPRISE));
	assert_false(policy_is_exempt(&P, d, dec_int(31), UNIT_ENTERPRISE));
	assert_false(policy_is_exempt(&P, d, dec_int(30), UNIT_INSTITUTION));
	assert_false(policy_is_exempt(&P, (struct ymd){2019, 7, 1}, dec_int(30), UNIT_ENTERPRISE));
}

static void test_double_count_national_and_inner_mongolia_rules(void **state)
{
	(void)state;
	assert_int_equal(policy_cert_weight(&P, CERT_DISABILITY, 1, 4), 2);
	assert_int_equal(policy_cert_weight(&P, CERT_DISABILITY, 2, 1), 2);
	assert_int_equal(policy_cert_weight(&P, CERT_DISABILITY, 3, 4), 1);
	assert_int_equal(policy_cert_weight(&P, CERT_VETERAN, 3, 4), 2);
	assert_int_equal(policy_cert_weight(&P, CERT_VETERAN, 4, 4), 1);
	/* Inner Mongolia: 智力 and 精神 at any level */
	assert_int_equal(policy_cert_weight(&P, CERT_DISABILITY, 4, 5), 2);
	assert_int_equal(policy_cert_weight(&P, CERT_DISABILITY, 4, 6), 2);
	assert_int_equal(policy_cert_weight(&P, CERT_DISABILITY, 4, 7), 1);
}

static void test_social_wages_are_marked_as_examples(void **state)
{
	const struct policy_social_wage *w = policy_social_wage(&P, 2024);

	(void)state;
	assert_non_null(w);
	assert_true(w->example);
	assert_true(w->annual_fen > 0);
	assert_null(policy_social_wage(&P, 1980));
	assert_true(P.graduate.example);
}

static void test_levy_assessed_the_year_after_the_data_year(void **state)
{
	struct ymd d = policy_levy_date(&P, 2024);

	(void)state;
	assert_int_equal(d.y, 2025);
	assert_true(date_valid(d));
}

/* Loads the real table with one substring replaced; returns the error. */
static struct core_error load_mutated(const char *from, const char *to)
{
	struct core_error err = {0};
	struct policy p;
	char *text = fixture_read("data/policy/150000.json"), *at, *mut;

	assert_non_null(text);
	at = strstr(text, from);
	assert_non_null(at);
	mut = malloc(strlen(text) + strlen(to) + 1);
	assert_non_null(mut);
	memcpy(mut, text, (size_t)(at - text));
	strcpy(mut + (at - text), to);
	strcat(mut, at + strlen(from));
	assert_false(policy_load(mut, "150000.json", &p, &err));
	free(text);
	free(mut);
	return err;
}

static void test_malformed_factor_names_file_path_and_expectation(void **state)
{
	struct core_error err = load_mutated("\"factor\": \"0.9\"", "\"factor\": 0.9");

	(void)state;
	assert_int_equal(err.code, CORE_ERR_POLICY);
	assert_string_equal(err.field, "tiers[1].factor");
	assert_string_equal(err.msg, "150000.json: tiers[1].factor: expected a decimal string");
}

static void test_missing_key_and_bad_date_are_refused(void **state)
{
	struct core_error err = load_mutated("\"quota\": \"0.015\",", "");

	(void)state;
	assert_string_equal(err.msg, "150000.json: quota: missing");
	err = load_mutated("\"from\": \"2021-12-01\"", "\"from\": \"2021-13-01\"");
	assert_string_equal(err.field, "min_wage[0].from");
	err = load_mutated("\"monthly\": [\"1980.00\", ", "\"monthly\": [\"1980.001\", ");
	assert_string_equal(err.field, "min_wage[0].monthly[0]");
	err = load_mutated("\"mode\": \"down\"", "\"mode\": \"nearest\"");
	assert_string_equal(err.field, "reward.excess_rounding.mode");
}

static void test_not_json_is_refused_with_line(void **state)
{
	struct core_error err;
	struct policy p;

	(void)state;
	assert_false(policy_load("{\"schema\": 1,,}", "x.json", &p, &err));
	assert_int_equal(err.code, CORE_ERR_POLICY);
	assert_non_null(strstr(err.msg, "x.json: line 1"));
	assert_false(policy_load("[]", "x.json", &p, &err));
}

static void test_every_truncation_is_refused_cleanly(void **state)
{
	char *text = fixture_read("data/policy/150000.json");
	size_t len;
	struct policy p;
	struct core_error err;

	(void)state;
	assert_non_null(text);
	len = strlen(text);
	for (size_t cut = 0; cut + 2 < len; cut += 7) {
		char saved = text[cut];

		text[cut] = '\0';
		assert_false(policy_load(text, "150000.json", &p, &err));
		assert_int_equal(err.code, CORE_ERR_POLICY);
		assert_non_null(strstr(err.msg, "150000.json"));
		text[cut] = saved;
	}
	free(text);
}

static void test_unit_kind_and_group_names_round_trip(void **state)
{
	enum unit_kind k;
	enum retire_group g;

	(void)state;
	assert_true(policy_unit_kind_parse("government", &k));
	assert_string_equal(policy_unit_kind_name(k), "government");
	assert_false(policy_unit_kind_parse("company", &k));
	assert_true(policy_retire_group_parse("female55", &g));
	assert_int_equal(g, RETIRE_FEMALE55);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inner_mongolia_quota_is_1_5_percent),
		cmocka_unit_test(test_min_wage_2021_12_to_2024_11_is_1980_1910_1850),
		cmocka_unit_test(test_min_wage_from_2024_12_is_2270_2200_2140),
		cmocka_unit_test(test_tiers_50_and_90_percent_valid_2020_to_2027),
		cmocka_unit_test(test_wage_cap_none_then_3x_from_2017_04_then_2x_from_2018_04),
		cmocka_unit_test(test_small_enterprise_30_staff_exempt_other_kinds_not),
		cmocka_unit_test(test_double_count_national_and_inner_mongolia_rules),
		cmocka_unit_test(test_social_wages_are_marked_as_examples),
		cmocka_unit_test(test_levy_assessed_the_year_after_the_data_year),
		cmocka_unit_test(test_malformed_factor_names_file_path_and_expectation),
		cmocka_unit_test(test_missing_key_and_bad_date_are_refused),
		cmocka_unit_test(test_not_json_is_refused_with_line),
		cmocka_unit_test(test_every_truncation_is_refused_cleanly),
		cmocka_unit_test(test_unit_kind_and_group_names_round_trip),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
