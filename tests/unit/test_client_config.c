/* Tests of src/client/config: the config file's `key = value` lines and the
 * flags on top of them (flag > file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "client/config.h"
#include "client/engine.h"

static void test_config_file_key_value_lines_with_comments(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	int n = config_parse_text(&c,
		"# anzhi\n"
		"server = https://127.0.0.1:8443\n"
		"  pin=sha256//abc=  \n"
		"\n"
		"keymap = vi\n"
		"lang = zh\n", &e);
	assert_int_equal(n, 0);
	assert_string_equal(c.server, "https://127.0.0.1:8443");
	assert_string_equal(c.pin, "sha256//abc=");
	assert_string_equal(c.keymap, "vi");
	assert_string_equal(c.lang, "zh");
}

static void test_config_unknown_key_is_an_error_with_its_line(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	assert_int_equal(config_parse_text(&c, "server = x\ncolour = red\nnonsense\n", &e), 2);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "colour"));
}

static void test_config_flags_override_the_file(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	config_parse_text(&c, "server = https://file:1\nlang = zh\n", &e);
	char *argv[] = { "anzhi", "--server", "https://flag:2", "--lang=en", "--cafile", "/ca.pem", NULL };
	assert_int_equal(config_parse_args(&c, 6, argv, &e), CONFIG_RUN);
	assert_string_equal(c.server, "https://flag:2");
	assert_string_equal(c.lang, "en");
	assert_string_equal(c.cafile, "/ca.pem");
}

static void test_config_help_version_and_dump_keys_modes(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	char *h[] = { "anzhi", "--help", NULL };
	char *v[] = { "anzhi", "--version", NULL };
	char *d[] = { "anzhi", "--dump-keys-man", NULL };
	assert_int_equal(config_parse_args(&c, 2, h, &e), CONFIG_HELP);
	assert_int_equal(config_parse_args(&c, 2, v, &e), CONFIG_VERSION);
	assert_int_equal(config_parse_args(&c, 2, d, &e), CONFIG_DUMP_KEYS_MAN);
}

static void test_config_bad_flags_are_errors_not_exits(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	char *a[] = { "anzhi", "--colour", "red", NULL };
	char *b[] = { "anzhi", "--server", NULL };
	char *x[] = { "anzhi", "stray", NULL };
	assert_int_equal(config_parse_args(&c, 3, a, &e), CONFIG_ERROR);
	assert_int_equal(config_parse_args(&c, 2, b, &e), CONFIG_ERROR);
	assert_non_null(strstr(e.msg, "--server"));
	assert_int_equal(config_parse_args(&c, 2, x, &e), CONFIG_ERROR);
}

static void test_config_path_prefers_xdg_config_home(void **st)
{
	(void)st;
	char buf[256];
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	assert_true(config_path("keys", buf, sizeof buf));
	assert_string_equal(buf, "/x/cfg/anzhi/keys");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	assert_true(config_path("config", buf, sizeof buf));
	assert_string_equal(buf, "/home/u/.config/anzhi/config");
}

static void test_config_value_too_long_is_refused(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	char text[700] = "lang = ";
	memset(text + 7, 'z', 600);
	text[607] = '\0';
	assert_int_equal(config_parse_text(&c, text, &e), 1);
	assert_string_equal(c.lang, "");
}

/* page_size: how many persons the list asks for at a time; the service
 * takes 1-500, so the client never asks for more or less. */
static void test_config_page_size_from_file_and_flag_clamped_1_to_500(void **st)
{
	(void)st;
	struct app a;
	memset(&a, 0, sizeof a);
	assert_int_equal(app_page_size(&a), 200);
	struct config_error err;
	assert_int_equal(config_parse_text(&a.cfg, "page_size = 3\n", &err), 0);
	assert_int_equal(app_page_size(&a), 3);
	char *argv[] = { "anzhi", "--page-size", "9000", NULL };
	assert_int_equal(config_parse_args(&a.cfg, 3, argv, &err), CONFIG_RUN);
	assert_int_equal(app_page_size(&a), 500);
	assert_int_equal(config_parse_text(&a.cfg, "page_size = 0\n", &err), 0);
	assert_int_equal(app_page_size(&a), 1);
}

/* `--accessible` is a flag without a value, anywhere among the options: it
 * never takes the next argument for its value. */
static void test_config_accessible_flag_needs_no_value_anywhere(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	char *first[] = { "anzhi", "--accessible", "--server", "https://h:1", NULL };
	assert_int_equal(config_parse_args(&c, 4, first, &e), CONFIG_RUN);
	assert_string_equal(c.accessible, "yes");
	assert_string_equal(c.server, "https://h:1");
	struct config d = { 0 };
	char *middle[] = { "anzhi", "--server", "https://h:1", "--accessible", "--lang", "zh", NULL };
	assert_int_equal(config_parse_args(&d, 6, middle, &e), CONFIG_RUN);
	assert_string_equal(d.accessible, "yes");
	assert_string_equal(d.lang, "zh");
	char *last[] = { "anzhi", "--lang", "zh", "--bell", "--accessible", NULL };
	struct config f = { 0 };
	assert_int_equal(config_parse_args(&f, 5, last, &e), CONFIG_RUN);
	assert_string_equal(f.accessible, "yes");
	assert_string_equal(f.bell, "yes");
	char *off[] = { "anzhi", "--accessible=no", NULL };
	assert_int_equal(config_parse_args(&f, 2, off, &e), CONFIG_RUN);
	assert_string_equal(f.accessible, "no");
	char *bad[] = { "anzhi", "--accessible=maybe", NULL };
	assert_int_equal(config_parse_args(&f, 2, bad, &e), CONFIG_ERROR);
	assert_non_null(strstr(e.msg, "yes or no"));
}

static void test_config_file_sets_accessible_theme_and_bell(void **st)
{
	(void)st;
	struct config c = { 0 };
	struct config_error e = { 0 };
	assert_int_equal(config_parse_text(&c, "accessible = yes\ntheme = high-contrast\nbell = on\n"
					   "bell_command = paplay /usr/share/sounds/error.oga\n", &e), 0);
	bool on = false;
	assert_true(config_bool(c.accessible, &on) && on);
	assert_true(config_bool(c.bell, &on) && on);
	assert_string_equal(c.theme, "high-contrast");
	assert_string_equal(c.bell_command, "paplay /usr/share/sounds/error.oga");
	assert_int_equal(config_parse_text(&c, "accessible = sometimes\n", &e), 1);
	assert_int_equal(e.line, 1);
	assert_non_null(strstr(e.msg, "accessible"));
	assert_true(config_bool("", &on) && !on);
	assert_true(config_bool("No", &on) && !on);
	assert_false(config_bool("2", &on));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_file_key_value_lines_with_comments),
		cmocka_unit_test(test_config_unknown_key_is_an_error_with_its_line),
		cmocka_unit_test(test_config_flags_override_the_file),
		cmocka_unit_test(test_config_help_version_and_dump_keys_modes),
		cmocka_unit_test(test_config_bad_flags_are_errors_not_exits),
		cmocka_unit_test(test_config_path_prefers_xdg_config_home),
		cmocka_unit_test(test_config_value_too_long_is_refused),
		cmocka_unit_test(test_config_page_size_from_file_and_flag_clamped_1_to_500),
		cmocka_unit_test(test_config_accessible_flag_needs_no_value_anywhere),
		cmocka_unit_test(test_config_file_sets_accessible_theme_and_bell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
