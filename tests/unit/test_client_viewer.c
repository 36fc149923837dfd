/* Tests of the material viewer (screens/viewer.c) with the engine on a fake
 * terminal, a material already downloaded into the scratch directory (so no
 * service is needed): block art drawn by curses; sixel written past curses
 * at the picture's cell after the update, again only when curses painted
 * over it, and wiped (the terminal cleared) when the viewer leaves the top;
 * pages; save as never overwrites without asking; the plain notice without
 * colour; the system's viewer from mailcap (a terminal entry without a
 * display, copiousoutput in the pager, a graphical one only with a display)
 * or why not; the downloaded files gone with the client; Esc stops decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/fileio.h"
#include "base/scratch.h"
#include "client/engine.h"
#include "screens/screens.h"
#include "tests/unit/test_media_fixture.h"
#include "ui/text.h"
#include "ui/theme.h"

static struct app *app;
static FILE *term_out, *term_in;
static SCREEN *term;
static char runtime[64], term_file[96], stdout_file[96], out_dir[96];
static int saved_stdout = -1;

static const struct screen bare_screen = { .name = "notices" };

/* The terminal: curses writes to term_file; what the viewer writes past
 * curses (to standard output) goes to stdout_file. */
static void up(const char *graphics, bool colour)
{
	snprintf(runtime, sizeof runtime, "/tmp/anzhi-vwt-XXXXXX");
	assert_non_null(mkdtemp(runtime));
	setenv("XDG_RUNTIME_DIR", runtime, 1);
	snprintf(term_file, sizeof term_file, "%s.term", runtime);
	snprintf(stdout_file, sizeof stdout_file, "%s.out", runtime);
	snprintf(out_dir, sizeof out_dir, "%s.saved", runtime);
	mkdir(out_dir, 0700);
	if (colour)
		unsetenv("NO_COLOR");
	else
		setenv("NO_COLOR", "1", 1);
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	/* no hints of the terminal the tests run in: the fake one is asked
	 * nothing (not a tty), so the setting and the colours decide */
	setenv("TERM", "xterm-256color", 1);
	static const char *const hints[] = { "TERM_PROGRAM", "KITTY_WINDOW_ID", "TMUX", "STY" };
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		unsetenv(hints[i]);
	term_out = fopen(term_file, "w+");
	term_in = fopen("/dev/null", "r");
	term = newterm("xterm-256color", term_out, term_in);
	assert_non_null(term);
	theme_init();
	fflush(stdout);
	saved_stdout = dup(STDOUT_FILENO);
	int fd = open(stdout_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	struct config cfg = { .server = "https://127.0.0.1:9" };
	snprintf(cfg.graphics, sizeof cfg.graphics, "%s", graphics);
	struct app_screens scr = { &bare_screen, &bare_screen, &bare_screen, &screen_pager, NULL,
				   &bare_screen, NULL };
	char err[200];
	app = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(app);
	app_push(app, &bare_screen, NULL);
	app_settle(app);
}

static void rm_dir(const char *d)
{
	static const char *const names[] = { "scan.png", "mailcap" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[300];
		snprintf(path, sizeof path, "%s/%s", d, names[i]);
		unlink(path);
	}
	rmdir(d);
}

static int down(void **st)
{
	(void)st;
	if (app)
		app_free(app);
	app = NULL;
	endwin();
	delscreen(term);
	fclose(term_out);
	fclose(term_in);
	fflush(stdout);
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	unlink(term_file);
	unlink(stdout_file);
	rm_dir(out_dir);
	rmdir(runtime);
	unsetenv("NO_COLOR");
	return 0;
}

/* A material "downloaded" before: m7-<mid><ext> in the scratch directory. */
static void material(long mid, const char *ext)
{
	char name[64], path[600];
	snprintf(name, sizeof name, "m7-%ld%s", mid, ext);
	assert_true(scratch_path(path, sizeof path, name));
	if (strcmp(ext, ".pdf") == 0)
		assert_true(fixture_write_pdf(path, 2));
	else
		assert_true(fixture_write_png(path, 600, 300));
}

static void open_viewer(long mid, const char *name, const char *type)
{
	json_t *m = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)mid, "kind", "wage",
			      "filename", name, "content_type", type, "size", (json_int_t)1234,
			      "uploaded_at", "2025-03-01 10:00:00");
	app_push(app, &screen_viewer, &(struct screen_args){ .id = 7, .json = m, .text = "Wage proof" });
	json_decref(m);
	app_settle(app);
	assert_ptr_equal(app_top(app)->scr, &screen_viewer);
}

/* Runs the decoding child to its end the way the loop does. */
static void settle(void)
{
	for (int rounds = 0; rounds < 400; rounds++) {
		int fd = -1;
		for (int i = 0; i < APP_MAX_WATCH; i++)
			if (app->watch[i].fd >= 0)
				fd = app->watch[i].fd;
		if (fd < 0)
			return;
		struct pollfd p = { fd, POLLIN, 0 };
		poll(&p, 1, 50);
		if (p.revents)
			app_top(app)->scr->readable(app_top(app), fd);
	}
	fail_msg("the decoding child did not finish");
}

static long out_size(const char *file)
{
	fflush(stdout);
	struct stat st;
	return stat(file, &st) == 0 ? (long)st.st_size : -1;
}

static char *out_text(const char *file, long from)
{
	FILE *f = fopen(file, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f) - from;
	fseek(f, from, SEEK_SET);
	char *buf = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
	if (n > 0)
		assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static void row_text(int y, char *buf, size_t n)
{
	wchar_t w[256];
	mvinnwstr(y, 0, w, 200);
	wcstombs(buf, w, n);
}

static bool screen_has(const char *text)
{
	char buf[1024];
	for (int y = 0; y < LINES; y++) {
		row_text(y, buf, sizeof buf);
		if (strstr(buf, text))
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- block art */

static void test_viewer_png_as_block_art_at_the_width_below_its_title(void **st)
{
	(void)st;
	up("symbols", true);
	material(12, ".png");
	open_viewer(12, "scan.png", "image/png");
	settle();
	app_draw(app);
	assert_true(screen_has("Material - scan.png - Wage proof"));
	assert_true(screen_has("Page 1 of 1, width 100%"));
	/* the picture's cells below the two lines: coloured, the red half left
	 * and the blue half right (different colour pairs) */
	cchar_t left, right;
	mvin_wch(4, 5, &left);
	mvin_wch(4, 75, &right);
	wchar_t wc[4];
	attr_t a;
	int pl = 0, pr = 0;
	short sp;
	getcchar(&left, wc, &a, &sp, &pl);
	getcchar(&right, wc, &a, &sp, &pr);
	assert_true(pl > 0 && pr > 0 && pl != pr);
	assert_int_equal(app->focus_y, 2);   /* the picture's top left */
	assert_int_equal(out_size(stdout_file), 0);   /* nothing past curses */
}

static void test_viewer_pdf_pages_forward_and_not_past_the_end(void **st)
{
	(void)st;
	up("symbols", true);
	material(13, ".pdf");
	open_viewer(13, "contract.pdf", "application/pdf");
	settle();
	app_draw(app);
	assert_true(screen_has("Page 1 of 2"));
	app_do(app, ACT_PAGE_NEXT);
	settle();
	app_draw(app);
	assert_true(screen_has("Page 2 of 2"));
	app_do(app, ACT_PAGE_NEXT);
	assert_non_null(strstr(app->flash, "last page"));
	app_do(app, ACT_PAGE_PREV);
	settle();
	app_draw(app);
	assert_true(screen_has("Page 1 of 2"));
	app_do(app, ACT_ZOOM_IN);
	settle();
	app_draw(app);
	assert_true(screen_has("width 150%"));
	app_do(app, ACT_ROTATE);
	settle();
	app_draw(app);
	assert_true(screen_has("turned 90"));
}

/* ---------------------------------------------------------------- sixel */

static void test_viewer_sixel_written_at_the_picture_after_the_update(void **st)
{
	(void)st;
	up("sixel", true);
	material(12, ".png");
	open_viewer(12, "scan.png", "image/png");
	settle();
	long at = out_size(stdout_file);
	app_draw(app);
	char *out = out_text(stdout_file, at);
	/* the cursor saved, moved to row 3 (below the title and the facts),
	 * the sixel, the cursor put back */
	assert_non_null(strstr(out, "\0337\033[3;1H\033P"));
	assert_non_null(strstr(out, "q\"1;1;800;396"));
	assert_non_null(strstr(out, "\033\\\0338"));
	free(out);
	/* nothing changed: nothing written again */
	at = out_size(stdout_file);
	app_draw(app);
	assert_int_equal(out_size(stdout_file), at);
	/* a dialog over it: not drawn over the question; written again once it
	 * is gone (curses painted blanks over the picture there) */
	app_confirm(app_top(app), 99, "Sure?");
	app_draw(app);
	assert_int_equal(out_size(stdout_file), at);
	app->dialog.active = false;
	app_draw(app);
	assert_true(out_size(stdout_file) > at + 1000);
	/* zooming in and panning change it: written again */
	at = out_size(stdout_file);
	app_do(app, ACT_ZOOM_IN);
	settle();
	app_draw(app);
	assert_true(out_size(stdout_file) > at + 1000);
	at = out_size(stdout_file);
	app_do(app, ACT_PAN_DOWN);
	app_draw(app);
	assert_true(out_size(stdout_file) > at + 1000);
}

static void test_viewer_leaving_wipes_the_sixel_with_a_cleared_terminal(void **st)
{
	(void)st;
	up("sixel", true);
	material(12, ".png");
	open_viewer(12, "scan.png", "image/png");
	settle();
	app_draw(app);
	fflush(term_out);
	long at = out_size(term_file);
	app_do(app, ACT_BACK);
	assert_ptr_equal(app_top(app)->scr, &bare_screen);
	app_draw(app);
	fflush(term_out);
	char *out = out_text(term_file, at);
	assert_non_null(strstr(out, "\033[H\033[2J"));   /* xterm's clear */
	free(out);
}

static void test_viewer_whole_page_smaller_than_before_clears_first(void **st)
{
	(void)st;
	up("sixel", true);
	material(13, ".pdf");
	open_viewer(13, "contract.pdf", "application/pdf");
	settle();
	app_draw(app);
	fflush(term_out);
	long at = out_size(term_file);
	app_do(app, ACT_ZOOM_FIT);   /* the whole page: narrower than the width shown */
	app_draw(app);
	fflush(term_out);
	char *out = out_text(term_file, at);
	assert_non_null(strstr(out, "\033[H\033[2J"));
	free(out);
}

/* ---------------------------------------------------------------- no pictures */

static void test_viewer_without_colour_says_what_the_file_is_and_the_keys(void **st)
{
	(void)st;
	up("", false);
	material(12, ".png");
	open_viewer(12, "scan.png", "image/png");
	settle();
	app_draw(app);
	assert_true(screen_has("File: scan.png"));
	assert_true(screen_has("Material: Wage proof"));
	assert_true(screen_has("Type: image/png"));
	assert_true(screen_has("This terminal shows no pictures"));
	assert_true(screen_has("s saves it to a file, o opens it with the system's viewer."));
	assert_int_equal(out_size(stdout_file), 0);
}

/* ---------------------------------------------------------------- save as */

static bool same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	char *da = file_read_all(a, 0, &na), *db = file_read_all(b, 0, &nb);
	bool same = da && db && na == nb && memcmp(da, db, na) == 0;
	free(da);
	free(db);
	return same;
}

static void test_viewer_save_as_asks_before_replacing_a_file(void **st)
{
	(void)st;
	up("symbols", true);
	material(12, ".png");
	open_viewer(12, "scan.png", "image/png");
	settle();
	char src[600], dst[200];
	assert_true(scratch_path(src, sizeof src, "m7-12.png"));
	snprintf(dst, sizeof dst, "%s/scan.png", out_dir);
	struct view *v = app_top(app);
	/* a directory: the file keeps its name there */
	app_do(app, ACT_SAVE_AS);
	assert_true(app->prompt.active);
	assert_string_equal(app->prompt.f.buf, "scan.png");
	app->prompt.active = false;
	v->scr->answer(v, 1, out_dir);
	assert_true(same_file(src, dst));
	struct stat sb;
	assert_int_equal(stat(dst, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* again: a question, and "no" changes nothing */
	FILE *f = fopen(dst, "w");
	fputs("mine", f);
	fclose(f);
	v->scr->answer(v, 1, dst);
	assert_true(app->dialog.active);
	app->dialog.active = false;
	v->scr->answer(v, 2, NULL);
	assert_false(same_file(src, dst));
	v->scr->answer(v, 1, dst);
	app->dialog.active = false;
	v->scr->answer(v, 2, "y");
	assert_true(same_file(src, dst));
}

/* ---------------------------------------------------------------- the system's viewer */

/* A mailcap file of the given lines, named by MAILCAPS. */
static void mailcap_with(const char *lines)
{
	char path[200];
	snprintf(path, sizeof path, "%s/mailcap", out_dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(lines, f);
	fclose(f);
	setenv("MAILCAPS", path, 1);
	unsetenv("ANZHI_VIEWER");
}

static void no_display(void)
{
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
}

static void open_png_for_outside(void)
{
	up("symbols", true);
	material(12, ".png");
	open_viewer(12, "scan.png", "image/png");
	settle();
}

static bool appears(const char *path)
{
	for (int i = 0; i < 100; i++) {
		if (access(path, F_OK) == 0)
			return true;
		usleep(50000);
	}
	return false;
}

static void test_outside_without_display_nor_terminal_viewer_says_why(void **st)
{
	(void)st;
	open_png_for_outside();
	no_display();
	mailcap_with("image/png; eog %s\n");   /* graphical: no use without a display */
	app_do(app, ACT_OPEN_EXTERNAL);
	assert_non_null(strstr(app->flash, "No graphical display"));
	assert_non_null(strstr(app->flash, "image/png"));
	assert_non_null(strstr(app->flash, "save it with s"));
	assert_ptr_equal(app_top(app)->scr, &screen_viewer);
	unsetenv("MAILCAPS");
}

static void test_outside_a_terminal_mailcap_entry_gets_the_terminal(void **st)
{
	(void)st;
	open_png_for_outside();
	no_display();
	char lines[600], copy[200];
	snprintf(copy, sizeof copy, "%s/seen.png", out_dir);
	snprintf(lines, sizeof lines, "image/png; eog %%s\nimage/*; cp %%s %s; needsterminal\n", copy);
	mailcap_with(lines);
	app_do(app, ACT_OPEN_EXTERNAL);
	char src[600];
	assert_true(scratch_path(src, sizeof src, "m7-12.png"));
	assert_true(same_file(src, copy));   /* run in the foreground: there at once */
	unlink(copy);
	unsetenv("MAILCAPS");
}

static void test_outside_copiousoutput_is_read_in_the_pager(void **st)
{
	(void)st;
	open_png_for_outside();
	no_display();
	mailcap_with("image/png; printf 'WAGES OF MARCH\\n'; copiousoutput\n");
	app_do(app, ACT_OPEN_EXTERNAL);
	assert_ptr_equal(app_top(app)->scr, &screen_pager);
	app_draw(app);
	assert_true(screen_has("scan.png"));
	assert_true(screen_has("WAGES OF MARCH"));
	unsetenv("MAILCAPS");
}

static void test_outside_a_graphical_entry_with_a_display_and_its_test(void **st)
{
	(void)st;
	open_png_for_outside();
	setenv("DISPLAY", ":99", 1);
	char lines[800], copy[200], wrong[200];
	snprintf(copy, sizeof copy, "%s/gui.png", out_dir);
	snprintf(wrong, sizeof wrong, "%s/wrong.png", out_dir);
	/* the first entry's test fails: the second, graphical one, started on
	 * its own */
	snprintf(lines, sizeof lines,
		 "image/png; cp %%s %s; test=false\nimage/png; cp %%s %s; test=test -n \"$DISPLAY\"\n", wrong,
		 copy);
	mailcap_with(lines);
	app_do(app, ACT_OPEN_EXTERNAL);
	assert_true(appears(copy));
	assert_int_not_equal(access(wrong, F_OK), 0);
	assert_non_null(strstr(app->flash, "Opened with cp"));
	unlink(copy);
	unsetenv("DISPLAY");
	unsetenv("MAILCAPS");
}

/* ---------------------------------------------------------------- lifecycle */

static void test_viewer_downloads_are_gone_with_the_client(void **st)
{
	(void)st;
	up("symbols", true);
	material(12, ".png");
	char dir[600];
	snprintf(dir, sizeof dir, "%s", scratch_dir());
	open_viewer(12, "scan.png", "image/png");
	settle();
	app_free(app);   /* the engine's way out, whichever way anzhi ends */
	app = NULL;
	assert_int_not_equal(access(dir, F_OK), 0);
}

static void test_viewer_esc_stops_decoding_and_a_second_leaves(void **st)
{
	(void)st;
	up("symbols", true);
	material(13, ".pdf");
	open_viewer(13, "contract.pdf", "application/pdf");
	bool running = false;
	for (int i = 0; i < APP_MAX_WATCH; i++)
		running = running || app->watch[i].fd >= 0;
	assert_true(running);
	app_do(app, ACT_BACK);
	for (int i = 0; i < APP_MAX_WATCH; i++)
		assert_int_equal(app->watch[i].fd, -1);
	assert_ptr_equal(app_top(app)->scr, &screen_viewer);
	app_do(app, ACT_BACK);
	assert_ptr_equal(app_top(app)->scr, &bare_screen);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_viewer_png_as_block_art_at_the_width_below_its_title, down),
		cmocka_unit_test_teardown(test_viewer_pdf_pages_forward_and_not_past_the_end, down),
		cmocka_unit_test_teardown(test_viewer_sixel_written_at_the_picture_after_the_update, down),
		cmocka_unit_test_teardown(test_viewer_leaving_wipes_the_sixel_with_a_cleared_terminal, down),
		cmocka_unit_test_teardown(test_viewer_whole_page_smaller_than_before_clears_first, down),
		cmocka_unit_test_teardown(test_viewer_without_colour_says_what_the_file_is_and_the_keys, down),
		cmocka_unit_test_teardown(test_viewer_save_as_asks_before_replacing_a_file, down),
		cmocka_unit_test_teardown(test_outside_without_display_nor_terminal_viewer_says_why, down),
		cmocka_unit_test_teardown(test_outside_a_terminal_mailcap_entry_gets_the_terminal, down),
		cmocka_unit_test_teardown(test_outside_copiousoutput_is_read_in_the_pager, down),
		cmocka_unit_test_teardown(test_outside_a_graphical_entry_with_a_display_and_its_test, down),
		cmocka_unit_test_teardown(test_viewer_downloads_are_gone_with_the_client, down),
		cmocka_unit_test_teardown(test_viewer_esc_stops_decoding_and_a_second_leaves, down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
