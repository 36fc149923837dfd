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

/* 内蒙古自治区人民政府办公厅 2021-11-09 通知: "调整后的最低工资标准…自2021年12月1日起执行"
 * — 一类 1980, 二类 1910, 三类 1850 元/月. */
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
	assert_false(policy_min_wage(&P, 4, ym_make(2023, 6), &fen));
}

/* 内政办发〔2024〕46号: "一类地区2270元、二类地区2200元、三类地区2140元…自2024年12月1日起
 * 执行"; its successor (2025): "一类地区2380元、二类地区2310元、三类地区2250元…自2025年12月1日
 * 起执行。原…(内政办发〔2024〕46号)同时废止". */
static void test_min_wage_2270_from_2024_12_and_2380_from_2025_12(void **state)
{
	int64_t fen;

	(void)state;
	assert_true(policy_min_wage(&P, 1, ym_make(2024, 12), &fen));
	assert_int_equal(fen, 227000);
	assert_true(policy_min_wage(&P, 3, ym_make(2025, 11), &fen));
	assert_int_equal(fen, 214000);
	assert_true(policy_min_wage(&P, 1, ym_make(2025, 12), &fen));
	assert_int_equal(fen, 238000);
	assert_true(policy_min_wage(&P, 2, ym_make(2026, 6), &fen));
	assert_int_equal(fen, 231000);
	assert_true(policy_min_wage(&P, 3, ym_make(2026, 6), &fen));
	assert_int_equal(fen, 225000);
}

/* Before 2021-12-01 the tables had four classes of other areas (内政办发〔2017〕135号,
 * 实施 2017-08-01: "一类地区…1760元/月…四类地区…1460元/月"; 内政办发电〔2015〕53号: 1640 …
 * 1340; from 2014-07-01: 1500 … 1200): a unit's recorded class (2021's) does not say
 * which rate is its, so only the lowest and highest are given. */
static void test_min_wage_before_2021_12_has_four_classes_of_another_scheme(void **state)
{
	static const struct { int y, m; int64_t low, high; } rows[] = {
		{2014, 7, 120000, 150000}, {2015, 6, 120000, 150000},
		{2015, 7, 134000, 164000}, {2017, 7, 134000, 164000},
		{2017, 8, 146000, 176000}, {2021, 11, 146000, 176000},
	};
	struct min_wage_lookup l;
	int64_t fen;

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int ym = ym_make(rows[i].y, rows[i].m);

		policy_min_wage_lookup(&P, 1, ym, &l);
		assert_int_equal(l.known, MIN_WAGE_OTHER_SCHEME);
		assert_int_equal(l.low_fen, rows[i].low);
		assert_int_equal(l.high_fen, rows[i].high);
		assert_false(policy_min_wage(&P, 1, ym, &fen));
	}
	policy_min_wage_lookup(&P, 1, ym_make(2021, 12), &l);
	assert_int_equal(l.known, MIN_WAGE_KNOWN);
	assert_int_equal(l.fen, 198000);
}

/* No source was found for a rate before 2014-07-01: the table has none. */
static void test_min_wage_before_2014_07_is_not_known(void **state)
{
	struct min_wage_lookup l;

	(void)state;
	policy_min_wage_lookup(&P, 1, ym_make(2014, 6), &l);
	assert_int_equal(l.known, MIN_WAGE_NO_ROW);
	policy_min_wage_lookup(&P, 2, ym_make(2010, 1), &l);
	assert_int_equal(l.known, MIN_WAGE_NO_ROW);
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
	assert_string_equal(err.field, "min_wage[3].from");
	err = load_mutated("\"monthly\": [\"1980.00\", ", "\"monthly\": [\"1980.001\", ");
	assert_string_equal(err.field, "min_wage[3].monthly[0]");
	err = load_mutated("\"mode\": \"down\"", "\"mode\": \"nearest\"");
	assert_string_equal(err.field, "reward.excess_rounding.mode");
}

/* A month has one minimum wage: overlapping periods are refused, and a table of
 * the scheme units record has exactly the three classes 一类, 二类, 三类. */
static void test_min_wage_rows_overlap_or_wrong_class_count_refused(void **state)
{
	struct core_error err = load_mutated("\"from\": \"2024-12-01\"", "\"from\": \"2024-11-01\"");

	(void)state;
	assert_string_equal(err.field, "min_wage[4].from");
	assert_string_equal(err.msg, "150000.json: min_wage[4].from: period overlaps min_wage[3]");
	err = load_mutated("\"monthly\": [\"1980.00\", \"1910.00\", \"1850.00\"]",
			   "\"monthly\": [\"1980.00\", \"1910.00\", \"1850.00\", \"1800.00\"]");
	assert_string_equal(err.field, "min_wage[3].monthly");
	err = load_mutated("\"area_scheme\": \"four_class_2014\",\n     \"monthly\": [\"1500.00\"",
			   "\"monthly\": [\"1500.00\"");
	assert_string_equal(err.msg, "150000.json: min_wage[0].area_scheme: missing");
	err = load_mutated("\"min_wage_area_scheme\": \"three_class_2021\",", "");
	assert_string_equal(err.field, "min_wage_area_scheme");
}

/* Issue 13: the registry look-up budget is the table's, never a constant. */
static void test_registry_lookups_per_hour_is_the_tables_and_required(void **state)
{
	struct core_error err;

	(void)state;
	assert_int_equal(P.registry.lookups_per_hour, 100);
	err = load_mutated("\"lookups_per_hour\": 100", "\"lookups_per_hour\": 0");
	assert_string_equal(err.field, "registry.lookups_per_hour");
	err = load_mutated("\"lookups_per_hour\": 100", "\"per_hour\": 100");
	assert_string_equal(err.msg, "150000.json: registry.lookups_per_hour: missing");
}

/* The reward's exclusions and the graduate subsidy's conditions are data:
 * loaded as written, refused when malformed. */
static void test_reward_exclusions_and_graduate_conditions_load_or_are_refused(void **state)
{
	struct policy p;
	struct core_error err;
	char *text = fixture_read("data/policy/150000.json");

	(void)state;
	assert_true(policy_load(text, "150000.json", &p, &err));
	free(text);
	assert_int_equal(p.reward.excluded_kinds_mask, 1u << UNIT_GOVERNMENT);
	assert_int_equal(p.reward.excluded_categories_mask,
			 1u << INSTITUTION_PUBLIC_WELFARE_1 | 1u << INSTITUTION_PUBLIC_WELFARE_2);
	assert_true(p.reward.exclude_concentrated_vat_refund);
	assert_int_equal(p.graduate.min_months, 6);
	assert_int_equal(p.graduate.n_educations, 4);
	assert_string_equal(p.graduate.educations[1], "bachelor");
	assert_true(p.graduate.example);
	err = load_mutated("\"institutions\": [\"public_welfare_1\"",
			   "\"institutions\": [\"public_welfare_3\"");
	assert_string_equal(err.field, "reward.exclusions.institutions[0]");
	err = load_mutated("\"unit_kinds\": [\"government\"]", "\"unit_kinds\": \"government\"");
	assert_string_equal(err.field, "reward.exclusions.unit_kinds");
	err = load_mutated("\"local_hukou\": true,", "");
	assert_string_equal(err.field, "reward.local_hukou");
	err = load_mutated("\"min_months\": 6", "\"min_months\": 13");
	assert_string_equal(err.field, "graduate_subsidy.min_months");
	err = load_mutated("\"educations\": [\"college\"", "\"educations\": [\"\"");
	assert_string_equal(err.field, "graduate_subsidy.educations[0]");
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
		cmocka_unit_test(test_registry_lookups_per_hour_is_the_tables_and_required),
		cmocka_unit_test(test_min_wage_2021_12_to_2024_11_is_1980_1910_1850),
		cmocka_unit_test(test_min_wage_2270_from_2024_12_and_2380_from_2025_12),
		cmocka_unit_test(test_min_wage_before_2021_12_has_four_classes_of_another_scheme),
		cmocka_unit_test(test_min_wage_before_2014_07_is_not_known),
		cmocka_unit_test(test_tiers_50_and_90_percent_valid_2020_to_2027),
		cmocka_unit_test(test_wage_cap_none_then_3x_from_2017_04_then_2x_from_2018_04),
		cmocka_unit_test(test_small_enterprise_30_staff_exempt_other_kinds_not),
		cmocka_unit_test(test_double_count_national_and_inner_mongolia_rules),
		cmocka_unit_test(test_social_wages_are_marked_as_examples),
		cmocka_unit_test(test_levy_assessed_the_year_after_the_data_year),
		cmocka_unit_test(test_malformed_factor_names_file_path_and_expectation),
		cmocka_unit_test(test_missing_key_and_bad_date_are_refused),
		cmocka_unit_test(test_min_wage_rows_overlap_or_wrong_class_count_refused),
		cmocka_unit_test(test_reward_exclusions_and_graduate_conditions_load_or_are_refused),
		cmocka_unit_test(test_not_json_is_refused_with_line),
		cmocka_unit_test(test_every_truncation_is_refused_cleanly),
		cmocka_unit_test(test_unit_kind_and_group_names_round_trip),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
