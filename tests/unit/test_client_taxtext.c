/* Tests of the tax record as the federation reads it after 发送税务: each
 * levy step the service sent (TAX_RECORD.steps) in the calculator's words
 * (calctext_levy_step_line), and the whole record as text (taxtext_pager):
 * the levy due first, the wage figures, every step, the example-wage and
 * withdrawn notes, server strings cleaned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "client/calctext.h"
#include "screens/taxtext.h"

static void line_of(const char *step_json, char *line, size_t size, bool *ok)
{
	json_t *s = json_loads(step_json, 0, NULL);
	assert_non_null(s);
	*ok = calctext_levy_step_line(s, line, size);
	json_decref(s);
}

static void test_a_step_reads_as_the_calculator_says_it(void **st)
{
	(void)st;
	char line[512];
	bool ok;
	line_of("{\"kind\":\"avg_wage\",\"a\":\"7200000\",\"b\":\"120\",\"c\":\"0\",\"d\":\"0\",\"result\":\"60000\"}",
		line, sizeof line, &ok);
	assert_true(ok);
	assert_string_equal(line, "Average wage: 7200000.00 / 120 staff = 60000.00");
	line_of("{\"kind\":\"due\",\"a\":\"0\",\"b\":\"0\",\"c\":\"0\",\"d\":\"0\",\"result\":\"12345.6\"}",
		line, sizeof line, &ok);
	assert_true(ok);
	assert_string_equal(line, "Levy due: 12345.60 yuan");
}

static void test_a_capped_wage_says_so_and_an_uncapped_one_says_it_is_used_as_is(void **st)
{
	(void)st;
	char line[512];
	bool ok;
	line_of("{\"kind\":\"wage_cap\",\"a\":\"120000\",\"b\":\"2\",\"c\":\"50000\",\"d\":\"0\",\"result\":\"100000\",\"capped\":true}",
		line, sizeof line, &ok);
	assert_true(ok);
	assert_non_null(strstr(line, "capped to 100000.00"));
	line_of("{\"kind\":\"wage_cap\",\"a\":\"60000\",\"b\":\"2\",\"c\":\"50000\",\"d\":\"0\",\"result\":\"60000\",\"capped\":false}",
		line, sizeof line, &ok);
	assert_true(ok);
	assert_non_null(strstr(line, "used as is"));
}

static void test_a_step_of_an_unknown_kind_or_a_bad_number_is_refused(void **st)
{
	(void)st;
	char line[512];
	bool ok;
	line_of("{\"kind\":\"rebate\",\"result\":\"1\"}", line, sizeof line, &ok);
	assert_false(ok);
	line_of("{\"kind\":\"due\",\"result\":\"12,345\"}", line, sizeof line, &ok);
	assert_false(ok);
}

static const char record[] =
	"{\"uscc\":\"91150926MA0CYQ026F\",\"unit_name\":\"绿源\\u001b[2J农牧业\",\"year\":2025,"
	"\"tax_region\":\"150926\",\"staff\":150,\"months_confirmed\":36,\"months_counted\":48,"
	"\"placed_persons\":\"4.00\",\"wages_last_year\":\"7500000.00\",\"avg_wage\":\"50000.00\","
	"\"social_avg_wage\":\"90000.00\",\"social_avg_wage_example\":true,\"wage_cap_multiple\":2,"
	"\"wage_used\":\"50000.00\",\"levy_due\":\"11250.00\",\"status\":\"withdrawn\","
	"\"steps\":[{\"kind\":\"required\",\"a\":\"150\",\"b\":\"0.015\",\"c\":\"0\",\"d\":\"0\",\"result\":\"2.25\"},"
	"{\"kind\":\"due\",\"a\":\"0\",\"b\":\"0\",\"c\":\"0\",\"d\":\"0\",\"result\":\"11250\"}],"
	"\"sent_at\":\"2026-12-02T10:00:00+08:00\",\"sent_by\":\"reviewer\",\"policy_version\":\"150000-2025\"}";

static void test_the_record_shows_the_levy_first_then_every_step(void **st)
{
	(void)st;
	json_t *r = json_loads(record, 0, NULL);
	assert_non_null(r);
	json_t *page = taxtext_pager(r);
	const char *body = json_string_value(json_object_get(page, "body"));
	assert_non_null(body);
	const char *levy = strstr(body, "Levy due (yuan): 11250.00");
	const char *steps = strstr(body, "The levy, step by step:");
	assert_non_null(levy);
	assert_non_null(steps);
	assert_true(levy < steps);   /* the figure people look for comes first */
	assert_non_null(strstr(body, "Required: 150 staff x quota 1.5% = 2.25 persons"));
	assert_non_null(strstr(body, "Levy due: 11250.00 yuan"));
	assert_non_null(strstr(body, "Wage used: 50000.00"));
	assert_non_null(strstr(body, "an example figure"));
	assert_non_null(strstr(body, "Withdrawn"));
	json_decref(page);
	json_decref(r);
}

static void test_the_record_cleans_what_the_service_sent(void **st)
{
	(void)st;
	json_t *r = json_loads(record, 0, NULL);
	json_t *page = taxtext_pager(r);
	assert_null(strchr(json_string_value(json_object_get(page, "body")), '\x1b'));
	assert_null(strchr(json_string_value(json_object_get(page, "title")), '\x1b'));
	json_decref(page);
	json_decref(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_step_reads_as_the_calculator_says_it),
		cmocka_unit_test(test_a_capped_wage_says_so_and_an_uncapped_one_says_it_is_used_as_is),
		cmocka_unit_test(test_a_step_of_an_unknown_kind_or_a_bad_number_is_refused),
		cmocka_unit_test(test_the_record_shows_the_levy_first_then_every_step),
		cmocka_unit_test(test_the_record_cleans_what_the_service_sent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
