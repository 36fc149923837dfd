/* Tests of src/ui/complete: Tab completion of the upload prompt's path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ui/complete.h"

static char dir[256];

static void touch(const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
}

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof dir, "%s/anzhi-complete-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	touch("工资证明2025.png");
	touch("社保-1.pdf");
	touch("社保-2.pdf");
	char sub[512];
	snprintf(sub, sizeof sub, "%s/合同", dir);
	mkdir(sub, 0700);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_complete_unique_file_name(void **st)
{
	(void)st;
	char buf[1024], msg[200];
	snprintf(buf, sizeof buf, "%s/工", dir);
	assert_true(complete_path(buf, sizeof buf, msg, sizeof msg));
	assert_non_null(strstr(buf, "/工资证明2025.png"));
	assert_string_equal(msg, "");
}

static void test_complete_ambiguous_extends_to_common_prefix_and_lists(void **st)
{
	(void)st;
	char buf[1024], msg[200];
	snprintf(buf, sizeof buf, "%s/社", dir);
	assert_true(complete_path(buf, sizeof buf, msg, sizeof msg));
	assert_non_null(strstr(buf, "/社保-"));
	assert_non_null(strstr(msg, "社保-1.pdf"));
	assert_non_null(strstr(msg, "社保-2.pdf"));
}

static void test_complete_directory_gets_a_slash(void **st)
{
	(void)st;
	char buf[1024], msg[200];
	snprintf(buf, sizeof buf, "%s/合", dir);
	assert_true(complete_path(buf, sizeof buf, msg, sizeof msg));
	size_t n = strlen(buf);
	assert_true(n > 0 && buf[n - 1] == '/');
}

static void test_complete_no_match_leaves_the_text(void **st)
{
	(void)st;
	char buf[1024], msg[200];
	snprintf(buf, sizeof buf, "%s/zzz", dir);
	char before[1024];
	strcpy(before, buf);
	assert_false(complete_path(buf, sizeof buf, msg, sizeof msg));
	assert_string_equal(buf, before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_unique_file_name),
		cmocka_unit_test(test_complete_ambiguous_extends_to_common_prefix_and_lists),
		cmocka_unit_test(test_complete_directory_gets_a_slash),
		cmocka_unit_test(test_complete_no_match_leaves_the_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
