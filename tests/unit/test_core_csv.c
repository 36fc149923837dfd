/* Tests of src/core/csv: a field of the exports the tax bureau opens in a
 * spreadsheet (RFC 4180 §2: fields with commas, quotes or line breaks are
 * quoted, a quote inside one doubled). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/csv.h"

static void check(const char *in, const char *want)
{
	char *got = csv_field(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_plain_field_is_written_as_it_is(void **state)
{
	(void)state;
	check("兴和县宏达商贸有限公司", "兴和县宏达商贸有限公司");
	check("", "");
}

static void test_comma_or_line_break_is_quoted(void **state)
{
	(void)state;
	check("呼和浩特市,新城区", "\"呼和浩特市,新城区\"");
	check("一行\r\n两行", "\"一行\r\n两行\"");
}

static void test_quote_inside_is_doubled(void **state)
{
	(void)state;
	check("\"宏达\"商贸", "\"\"\"宏达\"\"商贸\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_field_is_written_as_it_is),
		cmocka_unit_test(test_comma_or_line_break_is_quoted),
		cmocka_unit_test(test_quote_inside_is_doubled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
