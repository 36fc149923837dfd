/* Tests of src/client/cli: `anzhi calc levy|reward` and `anzhi check-id`, run
 * through cli_dispatch with argv arrays, stdout captured in a temp file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/i18n.h"
#include "client/calctext.h"
#include "client/cli.h"

static char out[65536];

/* Runs argv (NULL-terminated) with stdout and stderr captured into `out`;
 * returns the exit status, or -1 when cli_dispatch declined the command. */
static int run(const char *const *argv)
{
	int argc = 0, st = -99, saved_out, saved_err;
	FILE *tmp = tmpfile();
	size_t n;
	bool handled;

	while (argv[argc])
		argc++;
	assert_non_null(tmp);
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(tmp), 1);
	dup2(fileno(tmp), 2);
	handled = cli_dispatch(argc, (char **)argv, &st);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	rewind(tmp);
	n = fread(out, 1, sizeof out - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return handled ? st : -1;
}

#define RUN(...) run((const char *const[]){"anzhi", __VA_ARGS__, NULL})

/* SPEC §7.2: excess = placed − staff × 1.5%, exact ("the required count is NOT
 * rounded"); the seed: staff 30, placed 2 → 2 − 0.45 = 1.55 → 1 person → 9900. */
static void test_reward_seed_json_is_9900(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "reward", "--staff", "30", "--placed", "2", "--min-wage", "1980",
			     "--json"), 0);
	assert_non_null(strstr(out, "\"reward\": \"9900.00\""));
	assert_non_null(strstr(out, "\"eligible\": true"));
	assert_non_null(strstr(out, "\"excess\": \"1.55\""));
	assert_non_null(strstr(out, "\"persons\": \"1\""));
	assert_non_null(strstr(out, "\"steps\": ["));
	assert_non_null(strstr(out, "\"kind\": \"required\""));
	assert_non_null(strstr(out, "\"required\": \"0.45\""));
	assert_non_null(strstr(out, "\"kind\": \"eligible\""));
}

/* SPEC §7.2: "staff 100, placed 3.5 → excess 2 → 19800; staff 100, placed 2.5 →
 * excess 1.00 → eligible, 9900" — 《奖励办法》: "超出部分为1人以上(含1人)". */
static void test_reward_fractional_placed_uses_the_exact_excess(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "reward", "--staff", "100", "--placed", "3.5", "--min-wage",
			     "1980", "--json"), 0);
	assert_non_null(strstr(out, "\"reward\": \"19800.00\""));
	assert_int_equal(RUN("calc", "reward", "--staff", "100", "--placed", "2.5", "--min-wage",
			     "1980"), 0);
	assert_non_null(strstr(out, "Placed above the quota: 2.50 - 1.50 = 1.00 persons"));
	assert_non_null(strstr(out, "Eligible: the persons placed are 2.5% of the staff, above 1.5% "
				    "(1.5% itself not included), and the excess of 1.00 is 1 person "
				    "or more (1 included)"));
	assert_non_null(strstr(out, "Reward: 9900.00 yuan"));
}

/* 《奖励办法》: "超过本单位在职职工总数1.5%(不含1.5%)" and "超出部分为1人以上(含1人)" —
 * the steps say which condition fails. */
static void test_reward_says_why_a_unit_is_not_eligible(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "reward", "--staff", "200", "--placed", "3", "--min-wage",
			     "1980"), 0);
	assert_non_null(strstr(out, "Not eligible: the persons placed are 1.5% of the staff, "
				    "not above 1.5% (1.5% itself not included)"));
	assert_non_null(strstr(out, "Reward: 0.00 yuan"));
	assert_int_equal(RUN("calc", "reward", "--staff", "100", "--placed", "2.49", "--min-wage",
			     "1980", "--json"), 0);
	assert_non_null(strstr(out, "\"why\": \"excess_too_small\""));
	assert_non_null(strstr(out, "\"excess\": \"0.99\""));
	assert_non_null(strstr(out, "\"persons\": \"0\""));
	assert_non_null(strstr(out, "Not eligible: the excess of 0.99 is less than 1 person "
				    "(a reward needs 1 or more, 1 included)"));
}

static void test_reward_plain_uses_policy_min_wage_of_december(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "reward", "--staff", "30", "--placed", "2", "--year", "2023"), 0);
	assert_non_null(strstr(out, "2023-12: 1980.00"));
	assert_non_null(strstr(out, "9900.00"));
	assert_int_equal(RUN("calc", "reward", "--staff=30", "--placed=2", "--year=2024",
			     "--area-class=3", "--json"), 0);
	assert_non_null(strstr(out, "\"reward\": \"10700.00\""));
}

static void test_levy_tiers_90_and_50_percent(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "0", "--avg-wage", "60000",
			     "--year", "2024", "--json"), 0);
	assert_non_null(strstr(out, "\"due\": \"81000.00\""));
	assert_non_null(strstr(out, "\"factor\": \"0.900000\""));
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "1", "--avg-wage", "60000",
			     "--year", "2024", "--json"), 0);
	assert_non_null(strstr(out, "\"due\": \"15000.00\""));
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "1.5", "--avg-wage", "60000",
			     "--year", "2024", "--json"), 0);
	assert_non_null(strstr(out, "\"due\": \"0.00\""));
}

static void test_levy_plain_shows_steps_and_whatif(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "0.4167", "--avg-wage",
			     "60000", "--year", "2024"), 0);
	assert_non_null(strstr(out, "Levy due: 58320.00"));
	assert_non_null(strstr(out, "one more person for 7 months"));
}

static void test_levy_small_enterprise_exempt_institution_pays(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--staff", "30", "--placed", "0", "--avg-wage", "60000",
			     "--year", "2024", "--json"), 0);
	assert_non_null(strstr(out, "\"due\": \"0.00\""));
	assert_non_null(strstr(out, "\"kind\": \"exempt_small\""));
	assert_int_equal(RUN("calc", "levy", "--staff", "30", "--placed", "0", "--avg-wage", "60000",
			     "--year", "2024", "--unit-kind", "institution", "--json"), 0);
	assert_non_null(strstr(out, "\"due\": \"24300.00\""));
}

static void test_bad_option_exits_2_naming_it(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--bogus", "1"), 2);
	assert_non_null(strstr(out, "--bogus"));
	assert_int_equal(RUN("calc", "levy", "--staff", "abc", "--placed", "0", "--avg-wage", "1"), 2);
	assert_non_null(strstr(out, "--staff"));
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "0"), 2);
	assert_non_null(strstr(out, "--avg-wage"));
	assert_int_equal(RUN("calc", "reward", "--staff", "30", "--placed", "2", "--area-class", "4"), 2);
	assert_non_null(strstr(out, "--area-class"));
	assert_int_equal(RUN("calc", "reward", "--staff", "30", "--placed", "2", "--min-wage", "1980.001"), 2);
	assert_int_equal(RUN("calc", "reward", "--staff", "30", "--placed", "2", "--policy",
			     "/nonexistent.json"), 2);
	assert_non_null(strstr(out, "/nonexistent.json"));
	assert_int_equal(RUN("calc", "frobnicate"), 2);
}

static void test_levy_refuses_more_placed_persons_than_staff(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--staff", "10", "--placed", "10.5", "--avg-wage",
			     "60000", "--year", "2024"), 2);
	assert_non_null(strstr(out, "--placed"));
	assert_non_null(strstr(out, "more than the staff"));
	/* as many as the staff is possible (every employee placed) */
	assert_int_equal(RUN("calc", "levy", "--staff", "10", "--placed", "10", "--avg-wage",
			     "60000", "--year", "2024"), 0);
}

static void test_check_id_valid_id_shows_facts(void **state)
{
	(void)state;
	assert_int_equal(RUN("check-id", "150924198001010016"), 0);
	assert_non_null(strstr(out, "valid"));
	assert_non_null(strstr(out, "兴和县"));
	assert_non_null(strstr(out, "1980-01-01"));
	assert_non_null(strstr(out, "gender: male"));
}

static void test_check_id_bad_checksum_exits_1_with_expected(void **state)
{
	(void)state;
	assert_int_equal(RUN("check-id", "110105194912310023"), 1);
	assert_non_null(strstr(out, "expected 'X', got '3'"));
}

static void test_check_id_uscc_and_certificate(void **state)
{
	(void)state;
	assert_int_equal(RUN("check-id", "91350100M000100Y43"), 0);
	assert_int_equal(RUN("check-id", "91350100M000100Y4Z"), 1);
	assert_non_null(strstr(out, "character 18 ('Z')"));
	assert_int_equal(RUN("check-id", "31023019690109371864B1"), 0);
	assert_non_null(strstr(out, "mental"));
	assert_non_null(strstr(out, "level: 4"));
}

/* GB 32100-2015: a USCC is 18 characters of 0-9 and capitals, "第1位为登记管理部门代码、
 * 第2位为机构类别代码"; a public institution's (1 机构编制, 2 事业单位) may be all digits
 * and is then also the shape of an ID number (GB 11643): both are checked. */
static void test_check_id_all_digit_uscc_of_a_public_institution_is_valid(void **state)
{
	(void)state;
	assert_int_equal(RUN("check-id", "121500004600000011"), 0);
	assert_non_null(strstr(out, "121500004600000011: unified social credit code, valid"));
	assert_non_null(strstr(out, "registration authority: 1 establishment office"));
	assert_non_null(strstr(out, "kind of organisation: 2 public institution"));
	assert_non_null(strstr(out, "region: 150000"));
	assert_non_null(strstr(out, "Not a valid resident ID number: not a calendar date"));
	assert_int_equal(RUN("check-id", "150924198001010016"), 0);
	assert_non_null(strstr(out, "resident ID number, valid"));
	assert_non_null(strstr(out, "Not a valid unified social credit code: wrong check character"));
}

static void test_check_id_valid_as_both_or_neither_says_so(void **state)
{
	(void)state;
	assert_int_equal(RUN("check-id", "150924198001010008"), 0);
	assert_non_null(strstr(out, "valid both as a resident ID number and as a unified social "
				    "credit code"));
	assert_non_null(strstr(out, "As a resident ID number:"));
	assert_non_null(strstr(out, "As a unified social credit code:"));
	assert_int_equal(RUN("check-id", "121500004600000012"), 1);
	assert_non_null(strstr(out, "INVALID both as a resident ID number and as a unified social "
				    "credit code"));
	assert_non_null(strstr(out, "checksum: expected '1', got '2'"));
}

static void test_check_id_json_gives_kind_validity_reason_and_parts(void **state)
{
	(void)state;
	assert_int_equal(RUN("check-id", "--json", "150924198001010016"), 0);
	assert_non_null(strstr(out, "\"kind\": \"idno\""));
	assert_non_null(strstr(out, "\"valid\": true"));
	assert_non_null(strstr(out, "\"region\": \"150924\""));
	assert_non_null(strstr(out, "兴和县"));
	assert_non_null(strstr(out, "\"birth\": \"1980-01-01\""));
	assert_non_null(strstr(out, "\"sex\": \"male\""));
	assert_non_null(strstr(out, "\"readings\": ["));   /* the USCC reading, invalid */
	assert_int_equal(RUN("check-id", "121500004600000011", "--json"), 0);
	assert_non_null(strstr(out, "\"kind\": \"uscc\""));
	assert_non_null(strstr(out, "\"authority\": \"1\""));
	assert_non_null(strstr(out, "\"kind_key\": \"public_institution\""));
	assert_non_null(strstr(out, "\"region\": \"150000\""));
	assert_int_equal(RUN("check-id", "--json", "150924198001010008"), 0);
	assert_non_null(strstr(out, "\"kind\": \"idno_or_uscc\""));
	assert_int_equal(RUN("check-id", "--json", "91350100M000100Y44"), 1);
	assert_non_null(strstr(out, "\"valid\": false"));
	assert_non_null(strstr(out, "\"code\": \"checksum\""));
	assert_non_null(strstr(out, "\"message\": \"checksum: expected '3', got '4'\""));
	assert_null(strstr(out, "\"readings\""));
	assert_int_equal(RUN("check-id", "--json", "31023019690109371864B1"), 0);
	assert_non_null(strstr(out, "\"kind\": \"certificate\""));
	assert_non_null(strstr(out, "\"category\": 6"));
	assert_non_null(strstr(out, "\"reissue\": 1"));
	assert_int_equal(RUN("check-id", "--json"), 2);
	assert_int_equal(RUN("check-id", "1", "2"), 2);
}

static void test_help_prints_usage_and_exits_0(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--help"), 0);
	assert_non_null(strstr(out, "--avg-wage"));
	assert_int_equal(RUN("calc", "reward", "-h"), 0);
	assert_non_null(strstr(out, "--area-class"));
}

static void test_levy_says_when_the_social_wage_is_an_example(void **state)
{
	(void)state;
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "0", "--avg-wage", "60000",
			     "--year", "2024", "--json"), 0);
	assert_non_null(strstr(out, "\"note\""));
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "0", "--avg-wage", "60000",
			     "--year", "2024", "--social-avg-wage", "90000", "--json"), 0);
	assert_null(strstr(out, "\"note\""));
	assert_non_null(strstr(out, "\"social_avg_wage\": \"90000.00\""));
}

static void test_other_commands_are_not_handled(void **state)
{
	(void)state;
	assert_int_equal(RUN("--server", "x"), -1);
	assert_int_equal(run((const char *const[]){"anzhi", NULL}), -1);
}

/* Last: switches the process to Chinese (catalog built by `make`). */
static void test_levy_and_reward_steps_in_chinese_under_a_chinese_locale(void **state)
{
	(void)state;
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init("zh");
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "0", "--avg-wage", "60000",
			     "--year", "2024"), 0);
	assert_non_null(strstr(out, "应缴残保金: 81000.00 元"));
	assert_int_equal(RUN("calc", "reward", "--staff", "100", "--placed", "2.5", "--min-wage",
			     "1980"), 0);
	assert_non_null(strstr(out, "超过 1.5%(不含1.5%)"));
	assert_non_null(strstr(out, "在1人以上(含1人)"));
	assert_int_equal(RUN("calc", "reward", "--staff", "200", "--placed", "3", "--min-wage",
			     "1980"), 0);
	assert_non_null(strstr(out, "不符合奖励条件"));
	assert_int_equal(RUN("check-id", "110105194912310023"), 1);
	assert_non_null(strstr(out, "校验码错误"));
	assert_int_equal(RUN("check-id", "121500004600000011"), 0);
	assert_non_null(strstr(out, "统一社会信用代码, 有效"));
	assert_non_null(strstr(out, "机构类别: 2 事业单位"));
}

/* The calculator screen renders through the same calctext call as the
 * command, in the same process: the same lines for the same input. */
static void test_calctext_is_what_calc_levy_prints(void **state)
{
	(void)state;
	struct calc_args in = { .staff = "100", .placed = "1", .avg_wage = "80000",
				.social_avg_wage = "90000", .year = "2025" };
	struct calc_out o;
	assert_int_equal(calctext_levy(&in, false, &o), CALC_OK);
	assert_int_equal(RUN("calc", "levy", "--staff", "100", "--placed", "1", "--avg-wage", "80000",
			     "--social-avg-wage", "90000", "--year", "2025"), 0);
	assert_string_equal(o.text, out);
	calctext_free(&o);
	in.staff = "many";
	assert_int_equal(calctext_levy(&in, false, &o), CALC_USAGE);
	assert_non_null(strstr(o.msg, "--staff"));
	assert_null(o.text);
	calctext_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calctext_is_what_calc_levy_prints),
		cmocka_unit_test(test_reward_seed_json_is_9900),
		cmocka_unit_test(test_reward_fractional_placed_uses_the_exact_excess),
		cmocka_unit_test(test_reward_says_why_a_unit_is_not_eligible),
		cmocka_unit_test(test_reward_plain_uses_policy_min_wage_of_december),
		cmocka_unit_test(test_levy_tiers_90_and_50_percent),
		cmocka_unit_test(test_levy_plain_shows_steps_and_whatif),
		cmocka_unit_test(test_levy_small_enterprise_exempt_institution_pays),
		cmocka_unit_test(test_bad_option_exits_2_naming_it),
		cmocka_unit_test(test_levy_refuses_more_placed_persons_than_staff),
		cmocka_unit_test(test_check_id_valid_id_shows_facts),
		cmocka_unit_test(test_check_id_bad_checksum_exits_1_with_expected),
		cmocka_unit_test(test_check_id_uscc_and_certificate),
		cmocka_unit_test(test_check_id_all_digit_uscc_of_a_public_institution_is_valid),
		cmocka_unit_test(test_check_id_valid_as_both_or_neither_says_so),
		cmocka_unit_test(test_check_id_json_gives_kind_validity_reason_and_parts),
		cmocka_unit_test(test_help_prints_usage_and_exits_0),
		cmocka_unit_test(test_levy_says_when_the_social_wage_is_an_example),
		cmocka_unit_test(test_other_commands_are_not_handled),
		cmocka_unit_test(test_levy_and_reward_steps_in_chinese_under_a_chinese_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
