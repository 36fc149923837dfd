/* Tests of src/base/scratch: downloaded materials live only in a private
 * 0700 directory that is gone when the client ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/scratch.h"

static char runtime[] = "/tmp/anzhi-xdg-XXXXXX";

static int setup(void **st)
{
	(void)st;
	assert_non_null(mkdtemp(runtime));
	setenv("XDG_RUNTIME_DIR", runtime, 1);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	scratch_remove();
	rmdir(runtime);
	return 0;
}

static void test_scratch_is_a_0700_directory_under_xdg_runtime_dir(void **st)
{
	(void)st;
	const char *d = scratch_dir();
	assert_non_null(d);
	assert_int_equal(strncmp(d, runtime, strlen(runtime)), 0);
	struct stat sb;
	assert_int_equal(stat(d, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_string_equal(scratch_dir(), d);   /* one per process */
	scratch_remove();
}

static void test_scratch_remove_takes_the_files_with_it(void **st)
{
	(void)st;
	char path[600], dir[600];
	assert_true(scratch_path(path, sizeof path, "m7-12.pdf"));
	snprintf(dir, sizeof dir, "%s", scratch_dir());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("%PDF-1.4", f);
	fclose(f);
	assert_true(scratch_path(path, sizeof path, "m7-13.png.part"));
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	scratch_remove();
	assert_int_not_equal(access(dir, F_OK), 0);
	assert_int_not_equal(access(path, F_OK), 0);
	/* made again on the next use, not the same name */
	assert_non_null(scratch_dir());
	assert_string_not_equal(scratch_dir(), dir);
	scratch_remove();
}

static void test_scratch_without_xdg_runtime_dir_goes_to_tmp(void **st)
{
	(void)st;
	unsetenv("XDG_RUNTIME_DIR");
	const char *d = scratch_dir();
	assert_non_null(d);
	assert_int_equal(strncmp(d, "/tmp/anzhi-", 11), 0);
	scratch_remove();
	setenv("XDG_RUNTIME_DIR", runtime, 1);
}

static void test_scratch_a_forked_child_never_removes_it(void **st)
{
	(void)st;
	const char *d = scratch_dir();
	assert_non_null(d);
	pid_t pid = fork();
	if (pid == 0) {
		scratch_remove();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	assert_int_equal(access(d, F_OK), 0);
	scratch_remove();
}

static void test_scratch_path_refuses_a_name_with_a_slash(void **st)
{
	(void)st;
	char path[600];
	assert_false(scratch_path(path, sizeof path, "../escape"));
	assert_false(scratch_path(path, 8, "name"));
	scratch_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scratch_is_a_0700_directory_under_xdg_runtime_dir),
		cmocka_unit_test(test_scratch_remove_takes_the_files_with_it),
		cmocka_unit_test(test_scratch_without_xdg_runtime_dir_goes_to_tmp),
		cmocka_unit_test(test_scratch_a_forked_child_never_removes_it),
		cmocka_unit_test(test_scratch_path_refuses_a_name_with_a_slash),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
