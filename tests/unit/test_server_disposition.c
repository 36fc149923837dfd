/* disposition: downloads are attachments whose name survives exactly (UTF-8,
 * percent-encoded) and whose ASCII fallback cannot break the header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "server/disposition.h"

static void test_chinese_name_is_percent_encoded_with_an_ascii_fallback(void **state)
{
	char v[DISPOSITION_MAX];
	disposition_attachment("工资.pdf", v, sizeof v);
	assert_string_equal(v, "attachment; filename=\"__.pdf\"; "
			       "filename*=UTF-8''%E5%B7%A5%E8%B5%84.pdf");
}

static void test_quotes_semicolons_and_percent_cannot_break_out(void **state)
{
	char v[DISPOSITION_MAX];
	disposition_attachment("a\"; filename=evil.html; x=%41\\.pdf", v, sizeof v);
	assert_string_equal(v, "attachment; filename=\"a__ filename=evil.html_ x=_41_.pdf\"; "
			       "filename*=UTF-8''a%22%3B%20filename%3Devil.html%3B%20x%3D%2541%5C.pdf");
}

static void test_empty_name_becomes_download(void **state)
{
	char v[DISPOSITION_MAX];
	disposition_attachment("", v, sizeof v);
	assert_string_equal(v, "attachment; filename=\"download\"; filename*=UTF-8''download");
}

static void test_a_255_byte_name_fits(void **state)
{
	char name[256], v[DISPOSITION_MAX];
	for (int i = 0; i < 85; i++)
		memcpy(name + 3 * i, "证", 3);
	name[255] = '\0';
	disposition_attachment(name, v, sizeof v);
	assert_non_null(strstr(v, "%E8%AF%81%E8%AF%81"));
	assert_int_equal(strlen(strstr(v, "UTF-8''")), 7 + 255 * 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_name_is_percent_encoded_with_an_ascii_fallback),
		cmocka_unit_test(test_quotes_semicolons_and_percent_cannot_break_out),
		cmocka_unit_test(test_empty_name_becomes_download),
		cmocka_unit_test(test_a_255_byte_name_fits),
	};
	return cmocka_run_group_tests_name("server_disposition", tests, NULL, NULL);
}
