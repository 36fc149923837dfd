/* Tests of src/client/cli_session: the session `anzhi login` keeps for the
 * command-line verbs — where it lives, its modes, what it holds, and how an
 * expired or damaged one is told apart from none. Each test gets its own
 * $XDG_STATE_HOME under a temp directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "client/cli_session.h"

static char root[256];

static int make_root(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "%s/anzhi-session-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		return -1;
	char xdg[300];
	snprintf(xdg, sizeof xdg, "%s/state", root);
	setenv("XDG_STATE_HOME", xdg, 1);
	return 0;
}

static int remove_root(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static struct cli_session sample(long long expires_in)
{
	struct cli_session s = { 0 };
	snprintf(s.server, sizeof s.server, "https://127.0.0.1:8443");
	snprintf(s.pin, sizeof s.pin, "sha256//abc=");
	snprintf(s.username, sizeof s.username, "reviewer");
	snprintf(s.role, sizeof s.role, "reviewer");
	snprintf(s.token, sizeof s.token, "tok-0123456789");
	s.idle_seconds = 28800;
	s.expires_at = (long long)time(NULL) + expires_in;
	return s;
}

static unsigned mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 0777;
}

static void test_session_lives_under_xdg_state_home(void **state)
{
	(void)state;
	char path[1100], want[400];
	assert_true(cli_session_path(path, sizeof path));
	snprintf(want, sizeof want, "%s/state/anzhi/session.json", root);
	assert_string_equal(path, want);
}

static void test_session_file_is_0600_in_a_0700_directory(void **state)
{
	(void)state;
	char dir[400], path[1100];
	/* a directory made before with a looser mode is tightened */
	snprintf(dir, sizeof dir, "%s/state", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof dir, "%s/state/anzhi", root);
	mkdir(dir, 0755);
	struct cli_session s = sample(3600);
	assert_int_equal(cli_session_save(&s), 0);
	assert_true(cli_session_path(path, sizeof path));
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(mode_of(dir), 0700);
}

static void test_a_saved_session_loads_whole(void **state)
{
	(void)state;
	struct cli_session s = sample(3600), back;
	assert_int_equal(cli_session_save(&s), 0);
	assert_int_equal(cli_session_load(&back), CLI_SESSION_OK);
	assert_string_equal(back.server, s.server);
	assert_string_equal(back.pin, s.pin);
	assert_string_equal(back.username, "reviewer");
	assert_string_equal(back.token, s.token);
	assert_int_equal(back.expires_at, s.expires_at);
	assert_int_equal(back.idle_seconds, 28800);
}

static void test_no_file_is_no_session(void **state)
{
	(void)state;
	struct cli_session s;
	assert_int_equal(cli_session_load(&s), CLI_SESSION_NONE);
}

static void test_a_past_expiry_is_expired_not_none(void **state)
{
	(void)state;
	struct cli_session s = sample(-5), back;
	assert_int_equal(cli_session_save(&s), 0);
	assert_int_equal(cli_session_load(&back), CLI_SESSION_EXPIRED);
	assert_string_equal(back.username, "reviewer");
}

static void test_a_damaged_file_is_bad_and_a_token_is_required(void **state)
{
	(void)state;
	char path[1100];
	struct cli_session s = sample(3600);
	assert_int_equal(cli_session_save(&s), 0);
	assert_true(cli_session_path(path, sizeof path));
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"server\":\"https://x\",", f);
	fclose(f);
	assert_int_equal(cli_session_load(&s), CLI_SESSION_BAD);
	f = fopen(path, "w");
	fputs("{\"server\":\"https://x\",\"pin\":\"\",\"cafile\":\"\",\"username\":\"u\","
	      "\"role\":\"reviewer\",\"token\":\"\",\"expires_at\":99999999999}", f);
	fclose(f);
	assert_int_equal(cli_session_load(&s), CLI_SESSION_BAD);
}

static void test_remove_takes_the_file_and_is_idempotent(void **state)
{
	(void)state;
	struct cli_session s = sample(3600);
	assert_int_equal(cli_session_save(&s), 0);
	assert_int_equal(cli_session_remove(), 0);
	assert_int_equal(cli_session_load(&s), CLI_SESSION_NONE);
	assert_int_equal(cli_session_remove(), 0);
}

static void test_open_points_the_config_at_the_sessions_service(void **state)
{
	(void)state;
	struct cli_session s = sample(3600), got;
	struct config cfg = { 0 };
	snprintf(cfg.server, sizeof cfg.server, "https://elsewhere");
	assert_int_equal(cli_session_save(&s), 0);
	assert_int_equal(cli_session_open("test", &got, &cfg), 0);
	assert_string_equal(cfg.server, s.server);
	assert_string_equal(cfg.pin, s.pin);
	assert_int_equal(cli_session_remove(), 0);
	assert_int_equal(cli_session_open("test", &got, &cfg), -1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_root, remove_root)
int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_session_lives_under_xdg_state_home),
		T(test_session_file_is_0600_in_a_0700_directory),
		T(test_a_saved_session_loads_whole),
		T(test_no_file_is_no_session),
		T(test_a_past_expiry_is_expired_not_none),
		T(test_a_damaged_file_is_bad_and_a_token_is_required),
		T(test_remove_takes_the_file_and_is_idempotent),
		T(test_open_points_the_config_at_the_sessions_service),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
