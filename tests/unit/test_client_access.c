/* Tests of the accessible mode and the messages (the engine with an
 * off-screen terminal): `:set accessible` / `:set noaccessible` / themes at
 * the command line, a new message holding the cursor until the next key and
 * shown whole, read-row giving the month grid's row in words, the message
 * log with the service's detail, the calculator's complaint in the user's
 * words, and the bell command on errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/i18n.h"
#include "client/coretext.h"
#include "client/engine.h"
#include "core/error.h"
#include "screens/screens.h"
#include "ui/field.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

static FILE *term_out, *term_in;
static SCREEN *term;
static struct app *app;
static char state_dir[] = "/tmp/anzhi-access-XXXXXX";

static int setup(void **st)
{
	(void)st;
	setenv("LANGUAGE", "zh_CN", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init("zh");
	text_init(true);
	assert_non_null(mkdtemp(state_dir));
	setenv("XDG_STATE_HOME", state_dir, 1);   /* no draft of a real user */
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	rmdir(state_dir);
	return 0;
}

/* An app on an 80x24 terminal writing to /dev/null, signed in as a unit,
 * with the month grid of 2025 on top. */
static int up(void **st)
{
	(void)st;
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	term_out = fopen("/dev/null", "w");
	term_in = fopen("/dev/null", "r");
	term = newterm("xterm-256color", term_out, term_in);
	assert_non_null(term);
	theme_init();
	struct config cfg = { .server = "https://127.0.0.1:9" };
	struct app_screens scr = { &screen_login, &screen_help, &screen_notices, &screen_pager,
				   &screen_account, &screen_sessions, &screen_fedmenu };
	char err[200];
	app = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(app);
	json_t *user = json_pack("{s:s, s:s, s:s, s:i}", "username", "xinghe", "role", "unit", "unit",
				 "91150924MA0HXD012T", "year", 2025);
	app_set_user(app, user, "token");
	json_decref(user);
	app_push(app, &screen_months, &(struct screen_args){ .id = 1 });
	app_settle(app);
	return 0;
}

static int down(void **st)
{
	(void)st;
	app_free(app);
	app = NULL;
	theme_set_spoken(false);
	theme_select("default");
	endwin();
	delscreen(term);
	fclose(term_out);
	fclose(term_in);
	return 0;
}

/* `:` then the line, then Enter, as typed. */
static void command(const char *line)
{
	app_do(app, ACT_COMMAND);
	for (const char *p = line; *p; p++)
		app_key(app, (unsigned char)*p);
	app_key(app, '\n');
}

static bool flashed(const char *text)
{
	return strstr(app->flash, text) != NULL;
}

/* The text of screen line y as drawn (ASCII parts are enough here); moves
 * stdscr's cursor there. */
static void line_at(int y, char *buf, int n)
{
	mvinnstr(y, 0, buf, n);
}

static void test_set_accessible_and_noaccessible_at_the_command_line(void **st)
{
	(void)st;
	assert_false(app->cursor_at_focus);
	command("set accessible");
	assert_true(app->cursor_at_focus);
	assert_true(theme_spoken());
	assert_true(flashed("无障碍模式已开启"));
	command("set noaccessible");
	assert_false(app->cursor_at_focus);
	assert_false(theme_spoken());
	command("set accessible!");   /* vim's toggle */
	assert_true(app->cursor_at_focus);
	command("set accessible?");
	assert_true(flashed("accessible=yes"));
	command("set theme=high-contrast bell");
	assert_string_equal(theme_current(), "high-contrast");
	assert_true(app->bell);
	command("set theme=neon");
	assert_string_equal(theme_current(), "high-contrast");
	assert_true(app->flash_error);
	command("set");
	assert_true(flashed("accessible=yes bell=yes theme=high-contrast"));
	command("set nonsense");
	assert_true(app->flash_error);
	assert_true(flashed("nonsense"));
	command("set notheme");   /* "no" is for yes/no settings only */
	assert_true(app->flash_error);
	command("set bell_command=paplay /tmp/x y.oga");
	assert_string_equal(app->cfg.bell_command, "paplay /tmp/x y.oga");
}

/* The config file's and the flag's `accessible = yes` at start. */
static void test_accessible_from_the_config_at_start(void **st)
{
	(void)st;
	struct config cfg = { .server = "https://127.0.0.1:9", .accessible = "yes",
			      .theme = "high-contrast", .bell = "no" };
	struct app_screens scr = { &screen_login, &screen_help, &screen_notices, &screen_pager,
				   &screen_account, &screen_sessions, &screen_fedmenu };
	char err[200];
	struct app *b = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(b);
	assert_true(b->cursor_at_focus);
	assert_true(theme_spoken());
	assert_string_equal(theme_current(), "high-contrast");
	assert_false(b->bell);
	app_free(b);
}

/* A screen reader speaks the line the cursor is on: a new message gets the
 * cursor until the next key, then the cursor is back on the focus. */
static void test_a_new_message_holds_the_cursor_until_the_next_key(void **st)
{
	(void)st;
	app_set_accessible(app, true);
	app_draw(app);
	int row = app->focus_y;
	assert_int_equal(getcury(stdscr), row);
	app_flash(app, false, "%s", "Saved");
	app_draw(app);
	assert_int_equal(getcury(stdscr), LINES - 2);
	assert_int_equal(getcurx(stdscr), 1);
	app_key(app, 'j');   /* move-down */
	app_draw(app);
	assert_int_equal(app->focus_y, row + 1);
	assert_int_equal(getcury(stdscr), row + 1);
	assert_int_equal(getcurx(stdscr), 0);
	/* without the accessible mode the list keeps the cursor hidden */
	app_set_accessible(app, false);
	app_flash(app, false, "%s", "Saved");
	app_draw(app);
	assert_true(is_leaveok(stdscr));
}

/* A message wider than the bar is shown whole (wrapped up from the status
 * bar) until the next key; the cursor on its first line. */
static void test_a_long_message_is_shown_whole_until_the_next_key(void **st)
{
	(void)st;
	app_set_accessible(app, true);
	char msg[400] = "";   /* 114 columns: two lines of 78 */
	for (int i = 0; i < 21; i++)
		strcat(msg, i == 20 ? "end-of-message" : "word ");
	app_flash(app, true, "%s", msg);
	app_draw(app);
	int first = getcury(stdscr);
	assert_int_equal(first, LINES - 2 - 1);
	char line[100];
	line_at(first, line, 80);
	assert_non_null(strstr(line, " word word"));
	line_at(LINES - 2, line, 80);
	assert_non_null(strstr(line, "end-of-message"));
	app_key(app, 'k');
	app_draw(app);
	assert_int_equal(getcury(stdscr), app->focus_y);   /* (line_at moves it) */
	line_at(LINES - 2, line, 80);
	assert_null(strstr(line, "end-of-message"));   /* one line again, cut */
}

/* read-row: the month grid's row as words — "202501 登记 是 …" — a tick
 * read as its word, not as "check mark". */
static void test_read_row_gives_the_month_and_its_marks_in_words(void **st)
{
	(void)st;
	app_do(app, ACT_READ_ROW);
	assert_string_equal(app->flash, "202501");
	app_do(app, ACT_MONTH_TOGGLE);   /* ticks 202501, moves on */
	app_do(app, ACT_MOVE_UP);
	app_do(app, ACT_READ_ROW);
	assert_string_equal(app->flash, "202501 登记 \u2713");
	app_set_accessible(app, true);   /* the grid is built again: words */
	app_do(app, ACT_READ_ROW);
	assert_string_equal(app->flash, "202501 登记 是");
	app_do(app, ACT_MOVE_DOWN);
	app_do(app, ACT_READ_ROW);
	assert_string_equal(app->flash, "202502");
}

/* `:messages` and M: the session's messages with their times, and the
 * service's English detail that only the log keeps. */
static void test_messages_show_the_log_with_the_details(void **st)
{
	(void)st;
	app_flash(app, true, "%s", "填写内容不正确");
	app_log_detail(app, "HTTP 422 invalid_field tax_region: %s", "unknown region code 999999");
	app_do(app, ACT_MESSAGES);   /* M */
	assert_ptr_equal(app_top(app)->scr, &screen_pager);
	app_do(app, ACT_OPEN);       /* Enter leaves the pager */
	assert_ptr_equal(app_top(app)->scr, &screen_months);
	command("messages");
	struct view *v = app_top(app);
	assert_ptr_equal(v->scr, &screen_pager);
	struct pager *p = v->scr->pager(v);
	assert_non_null(strstr(p->text, "错误:填写内容不正确\n"));
	assert_non_null(strstr(p->text, "详情:HTTP 422 invalid_field tax_region: unknown region code 999999"));
	assert_true(strstr(p->text, "填写内容不正确") < strstr(p->text, "999999"));   /* newest last */
	app_draw(app);
	assert_true(app->focus_y >= 0);
}

/* The calculator says what is wrong in the user's words beside the field;
 * the core's English ("expected a decimal number …") goes to the log. */
static void test_calculator_complaint_in_words_detail_in_the_log(void **st)
{
	(void)st;
	app_push(app, &screen_calc, &(struct screen_args){ .year = 2025 });
	app_settle(app);
	for (const char *p = "80000abc"; *p; p++)   /* the wage has the focus */
		app_key(app, (unsigned char)*p);
	app_do(app, ACT_PREV_FIELD);
	app_key(app, '1');
	app_do(app, ACT_PREV_FIELD);
	app_key(app, '9');
	app_do(app, ACT_CALC);
	const char *words = core_error_words(CORE_ERR_FORMAT);
	assert_non_null(strstr(app->flash, words));
	assert_non_null(strstr(app->flash, "职工年平均工资"));
	assert_null(strstr(app->flash, "expected"));
	char *log = app_messages_text(app);
	assert_non_null(strstr(log, "expected a decimal number"));
	free(log);
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;
	if (!f)
		return 0;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* `bell = yes` with a bell_command: the command runs on an error, once for a
 * burst of them, never for a plain message. */
static void test_bell_command_rings_once_for_a_burst_of_errors(void **st)
{
	(void)st;
	char rang[300];
	snprintf(rang, sizeof rang, "%s/rang", state_dir);
	app->bell = true;
	snprintf(app->cfg.bell_command, sizeof app->cfg.bell_command, "echo ring >> %s", rang);
	app_flash(app, false, "%s", "Saved");
	app_flash(app, true, "%s", "one");
	app_flash(app, true, "%s", "two");
	app_flash(app, true, "%s", "three");
	for (int i = 0; i < 100 && count_lines(rang) == 0; i++)
		usleep(20000);
	usleep(100000);   /* a second ring would have come by now */
	assert_int_equal(count_lines(rang), 1);
	unlink(rang);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_accessible_and_noaccessible_at_the_command_line, up, down),
		cmocka_unit_test_setup_teardown(test_accessible_from_the_config_at_start, up, down),
		cmocka_unit_test_setup_teardown(test_a_new_message_holds_the_cursor_until_the_next_key, up, down),
		cmocka_unit_test_setup_teardown(test_a_long_message_is_shown_whole_until_the_next_key, up, down),
		cmocka_unit_test_setup_teardown(test_read_row_gives_the_month_and_its_marks_in_words, up, down),
		cmocka_unit_test_setup_teardown(test_messages_show_the_log_with_the_details, up, down),
		cmocka_unit_test_setup_teardown(test_calculator_complaint_in_words_detail_in_the_log, up, down),
		cmocka_unit_test_setup_teardown(test_bell_command_rings_once_for_a_burst_of_errors, up, down),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
