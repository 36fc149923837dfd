/* Tests of src/base/mailcap: RFC 1524 entries, choosing the one usable here
 * (a display, or a terminal entry), and the command line built from it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/mailcap.h"

static const char sample[] =
	"# comment line\n"
	"\n"
	"image/png; eog %s; test=test -n \"$DISPLAY\"\n"
	"image/*; display '%s'; description=Any image\n"
	"application/pdf; pdftotext -layout %s -; copiousoutput\n"
	"application/pdf; zathura %s\n"
	"image/png; less \\\n"
	"   %s; needsterminal\n"
	"text/plain; cat %s; edit=vi %s\n";

static void test_mailcap_entries_with_flags_and_continuations(void **st)
{
	(void)st;
	const char *pos = sample;
	struct mailcap_entry e;
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.type, "image/png");
	assert_string_equal(e.view, "eog %s");
	assert_string_equal(e.test, "test -n \"$DISPLAY\"");
	assert_false(e.needsterminal);
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.type, "image/*");
	assert_string_equal(e.view, "display '%s'");
	assert_true(mailcap_next(&pos, &e));
	assert_true(e.copiousoutput);
	assert_string_equal(e.view, "pdftotext -layout %s -");
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.view, "zathura %s");
	assert_true(mailcap_next(&pos, &e));   /* the continued line is one entry */
	assert_string_equal(e.view, "less    %s");
	assert_true(e.needsterminal);
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.type, "text/plain");
	assert_false(mailcap_next(&pos, &e));
}

static void test_mailcap_escaped_semicolon_stays_in_the_command(void **st)
{
	(void)st;
	const char *pos = "image/png; convert %s png:- \\; true; needsterminal\n";
	struct mailcap_entry e;
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.view, "convert %s png:- ; true");
	assert_true(e.needsterminal);
}

static void test_mailcap_line_without_command_is_skipped(void **st)
{
	(void)st;
	const char *pos = "image/png\nimage/png;   \nimage/png; feh %s\n";
	struct mailcap_entry e;
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.view, "feh %s");
	assert_false(mailcap_next(&pos, &e));
}

static void test_mailcap_type_matches_exact_wildcard_and_bare_major(void **st)
{
	(void)st;
	assert_true(mailcap_type_matches("image/png", "image/png"));
	assert_true(mailcap_type_matches("IMAGE/PNG", "image/png"));
	assert_true(mailcap_type_matches("image/*", "image/jpeg"));
	assert_true(mailcap_type_matches("image", "image/jpeg"));
	assert_false(mailcap_type_matches("image/png", "image/jpeg"));
	assert_false(mailcap_type_matches("image/*", "application/pdf"));
	assert_false(mailcap_type_matches("imag", "image/png"));
}

static bool display_set(const struct mailcap_entry *e, void *ctx)
{
	(void)e;
	return *(bool *)ctx;
}

static void test_mailcap_without_display_picks_a_terminal_entry(void **st)
{
	(void)st;
	bool disp = false;
	struct mailcap_entry e;
	assert_true(mailcap_pick(sample, "image/png", false, display_set, &disp, &e));
	assert_true(e.needsterminal);
	assert_string_equal(e.view, "less    %s");
	/* a PDF: the copiousoutput entry, not the graphical zathura */
	assert_true(mailcap_pick(sample, "application/pdf", false, display_set, &disp, &e));
	assert_true(e.copiousoutput);
	/* a JPEG has only graphical entries: nothing usable */
	assert_false(mailcap_pick(sample, "image/jpeg", false, display_set, &disp, &e));
}

static void test_mailcap_first_usable_entry_wins_and_a_failed_test_skips(void **st)
{
	(void)st;
	bool disp = true;
	struct mailcap_entry e;
	assert_true(mailcap_pick(sample, "image/png", true, display_set, &disp, &e));
	assert_string_equal(e.view, "eog %s");
	disp = false;   /* its test fails: the next one for image/png */
	assert_true(mailcap_pick(sample, "image/png", true, display_set, &disp, &e));
	assert_string_equal(e.view, "display '%s'");
	assert_true(mailcap_pick(sample, "image/jpeg", true, display_set, &disp, &e));
	assert_string_equal(e.view, "display '%s'");
}

static void test_mailcap_expand_quotes_the_file(void **st)
{
	(void)st;
	char out[256];
	assert_true(mailcap_expand("eog %s", "/run/user/0/anzhi-X/m1.png", "image/png", out, sizeof out));
	assert_string_equal(out, "eog '/run/user/0/anzhi-X/m1.png'");
	assert_true(mailcap_expand("display '%s'", "/tmp/a b.png", "image/png", out, sizeof out));
	assert_string_equal(out, "display '/tmp/a b.png'");   /* inside its own quotes: as is */
	assert_true(mailcap_expand("v %s", "/tmp/it's.png", "image/png", out, sizeof out));
	assert_string_equal(out, "v '/tmp/it'\\''s.png'");
	assert_false(mailcap_expand("display \"%s\"", "/tmp/$(rm).png", "image/png", out, sizeof out));
}

static void test_mailcap_expand_type_percent_and_stdin(void **st)
{
	(void)st;
	char out[256];
	assert_true(mailcap_expand("show -t %t %{charset} 100%% %s", "/f.pdf", "application/pdf", out,
				   sizeof out));
	assert_string_equal(out, "show -t application/pdf  100% '/f.pdf'");
	assert_true(mailcap_expand("pdftotext - -", "/f.pdf", "application/pdf", out, sizeof out));
	assert_string_equal(out, "pdftotext - - < '/f.pdf'");   /* no %s: on standard input */
	assert_false(mailcap_expand("x %t %s", "/f", "image/png;x=`id`", out, sizeof out));
	assert_false(mailcap_expand("eog %s", "/a/very/long/name.png", "image/png", out, 12));
}

static void test_mailcap_files_read_from_mailcaps_in_order(void **st)
{
	(void)st;
	char a[] = "/tmp/anzhi-mc-a-XXXXXX", b[] = "/tmp/anzhi-mc-b-XXXXXX";
	int fa = mkstemp(a), fb = mkstemp(b);
	assert_true(fa >= 0 && fb >= 0);
	/* the first file's last line ends without a newline and a backslash:
	 * it must not run into the second file */
	assert_int_equal(write(fa, "image/png; first %s \\", 21), 21);
	assert_int_equal(write(fb, "image/png; second %s\n", 21), 21);
	close(fa);
	close(fb);
	char list[128];
	snprintf(list, sizeof list, "%s:/nonexistent/mailcap:%s", a, b);
	setenv("MAILCAPS", list, 1);
	char *text = mailcap_read();
	assert_non_null(text);
	struct mailcap_entry e;
	assert_true(mailcap_pick(text, "image/png", true, NULL, NULL, &e));
	assert_string_equal(e.view, "first %s");
	const char *pos = text;
	assert_true(mailcap_next(&pos, &e));
	assert_true(mailcap_next(&pos, &e));
	assert_string_equal(e.view, "second %s");
	free(text);
	unsetenv("MAILCAPS");
	unlink(a);
	unlink(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mailcap_entries_with_flags_and_continuations),
		cmocka_unit_test(test_mailcap_escaped_semicolon_stays_in_the_command),
		cmocka_unit_test(test_mailcap_line_without_command_is_skipped),
		cmocka_unit_test(test_mailcap_type_matches_exact_wildcard_and_bare_major),
		cmocka_unit_test(test_mailcap_without_display_picks_a_terminal_entry),
		cmocka_unit_test(test_mailcap_first_usable_entry_wins_and_a_failed_test_skips),
		cmocka_unit_test(test_mailcap_expand_quotes_the_file),
		cmocka_unit_test(test_mailcap_expand_type_percent_and_stdin),
		cmocka_unit_test(test_mailcap_files_read_from_mailcaps_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
