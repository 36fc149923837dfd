/* Tests of src/base: the one file reader (bounded, errors as errno), the one
 * data-directory lookup, the region names both the screens and check-id use,
 * and the key normalisation typed and parsed keys share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/datadir.h"
#include "base/fileio.h"
#include "base/keys.h"
#include "base/region_name.h"
#include "base/url.h"

static char tmpfile_path[256];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_file_read_all_reads_the_whole_file(void **st)
{
	(void)st;
	snprintf(tmpfile_path, sizeof tmpfile_path, "%s/anzhi-base-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		 (int)getpid());
	char big[10000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	write_file(tmpfile_path, big);
	size_t len = 0;
	char *text = file_read_all(tmpfile_path, 0, &len);
	assert_non_null(text);
	assert_int_equal(len, sizeof big - 1);
	assert_string_equal(text, big);
	free(text);
	remove(tmpfile_path);
}

static void test_file_read_all_refuses_a_file_over_its_limit(void **st)
{
	(void)st;
	write_file(tmpfile_path, "0123456789");
	errno = 0;
	assert_null(file_read_all(tmpfile_path, 9, NULL));
	assert_int_equal(errno, EFBIG);
	char *ok = file_read_all(tmpfile_path, 10, NULL);
	assert_string_equal(ok, "0123456789");
	free(ok);
	remove(tmpfile_path);
}

static void test_file_read_all_says_a_missing_file_is_missing(void **st)
{
	(void)st;
	errno = 0;
	assert_null(file_read_all("/nonexistent/anzhi/keys", 0, NULL));
	assert_int_equal(errno, ENOENT);
}

static void test_datadir_follows_anzhi_datadir(void **st)
{
	(void)st;
	char buf[64];
	setenv("ANZHI_DATADIR", "/srv/anzhi", 1);
	assert_string_equal(datadir(), "/srv/anzhi");
	assert_true(datadir_file(buf, sizeof buf, "policy/150000.json"));
	assert_string_equal(buf, "/srv/anzhi/policy/150000.json");
	assert_false(datadir_file(buf, 8, "policy/150000.json"));
	unsetenv("ANZHI_DATADIR");
	assert_string_equal(datadir(), ANZHI_DATADIR);
}

/* Region codes (户籍地, 残联主管部门, a demo reviewer's region, check-id's
 * facts) are named from data/regions (GB/T 2260). */
static void test_region_name_150924_is_xinghe_county(void **st)
{
	(void)st;
	char buf[200];
	assert_true(region_name("150924", buf, sizeof buf));
	assert_string_equal(buf, "兴和县");
	assert_true(region_name("150900", buf, sizeof buf));
	assert_string_equal(buf, "乌兰察布市");
	assert_false(region_name("159999", buf, sizeof buf));
	assert_string_equal(buf, "");
	assert_false(region_name("15092X", buf, sizeof buf));
	assert_false(region_name("", buf, sizeof buf));
	assert_false(region_name(NULL, buf, sizeof buf));
}

static void test_region_name_path_names_every_level(void **st)
{
	(void)st;
	char buf[200];
	assert_true(region_name_path("150924", buf, sizeof buf));
	assert_string_equal(buf, "内蒙古自治区 / 乌兰察布市 / 兴和县");
	assert_false(region_name_path("110105", buf, sizeof buf));   /* no Beijing table shipped */
	assert_string_equal(buf, "");
	assert_true(region_name("150924", buf, sizeof buf));         /* back to 15 after 11 */
}

static void test_keys_enter_and_backspace_are_one_key_each(void **st)
{
	(void)st;
	assert_int_equal(key_normalise('\r'), '\n');
	assert_int_equal(key_normalise(KEYCODE_FN(KEY_ENTER)), '\n');
	assert_int_equal(key_normalise(0x7f), KEYCODE_FN(KEY_BACKSPACE));
	assert_int_equal(key_normalise(0x08), KEYCODE_FN(KEY_BACKSPACE));
	assert_int_equal(key_from_wch(KEY_CODE_YES, KEY_END), KEYCODE_FN(KEY_END));
	assert_int_equal(key_from_wch(OK, 0x5ba1), 0x5ba1);
}

static void test_url_escape_keeps_only_letters_and_digits(void **st)
{
	(void)st;
	char *q = url_escape("杨 a-1&b");
	assert_string_equal(q, "%E6%9D%A8%20a%2D1%26b");
	free(q);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_read_all_reads_the_whole_file),
		cmocka_unit_test(test_file_read_all_refuses_a_file_over_its_limit),
		cmocka_unit_test(test_file_read_all_says_a_missing_file_is_missing),
		cmocka_unit_test(test_datadir_follows_anzhi_datadir),
		cmocka_unit_test(test_region_name_150924_is_xinghe_county),
		cmocka_unit_test(test_region_name_path_names_every_level),
		cmocka_unit_test(test_keys_enter_and_backspace_are_one_key_each),
		cmocka_unit_test(test_url_escape_keeps_only_letters_and_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
