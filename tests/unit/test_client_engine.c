/* Tests of the engine (src/client: dispatch, listdrv, batch) without a
 * terminal: a screen's action table with its needs checked once by the loop
 * ("not available here" and why), the loop's list driver (moving, paging,
 * search-next, tags) for any screen that hands it its table, the rule that a
 * bulk action acts on the tagged rows else the cursor row — with no cap — and
 * the walk of every binding of every shipped keymap: each must act on its
 * screen. */
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

#include "client/engine.h"
#include "client/keymap.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

/* ---------------------------------------------------------------- a fake screen */

static const struct table_col cols[] = {
	{ "No.", NULL, 3, 3, 0, true, true },
	{ "Name", NULL, 8, 10, 0, false, false },
};

struct fake {
	struct table t;
	bool loaded, locked;
	int deleted, edited, refreshed, reviewed;
};

static int fake_rows = 10;

static int fake_open(struct view *v, const struct screen_args *args)
{
	struct fake *s = v->state;
	table_init(&s->t, cols, 2, true);
	table_resize(&s->t, fake_rows);
	for (int r = 0; r < fake_rows; r++) {
		char num[16];
		snprintf(num, sizeof num, "%d", r + 1);
		table_set(&s->t, r, 0, num);
		table_set(&s->t, r, 1, r % 7 == 3 ? "杨*军" : "景*东");
	}
	s->t.last_height = 10;
	s->t.search_cols = 1u << 1;
	return 0;
}

static void fake_draw(struct view *v, struct canvas *c)
{
	struct fake *s = v->state;
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y, c->x);
}

static void fake_close(struct view *v)
{
	struct fake *s = v->state;
	table_free(&s->t);
}

static unsigned fake_delete(struct view *v, enum action a)
{
	((struct fake *)v->state)->deleted++;
	return H_REDRAW;
}

static unsigned fake_edit(struct view *v, enum action a)
{
	((struct fake *)v->state)->edited++;
	return H_REDRAW | H_NEXT_ROW;
}

static unsigned fake_refresh(struct view *v, enum action a)
{
	((struct fake *)v->state)->refreshed++;
	return H_REDRAW;
}

static unsigned fake_review(struct view *v, enum action a)
{
	((struct fake *)v->state)->reviewed++;
	return H_REDRAW;
}

static unsigned fake_holds(struct view *v)
{
	struct fake *s = v->state;
	return (s->loaded ? NEED_RECORD : 0) | (s->locked ? 0 : NEED_UNLOCKED);
}

static struct table *fake_list(struct view *v)
{
	return &((struct fake *)v->state)->t;
}

static const struct screen_action fake_actions[] = {
	{ .act = ACT_DELETE, .run = fake_delete, .needs = NEED_ROW | NEED_UNLOCKED, .hint = true },
	{ .act = ACT_EDIT, .run = fake_edit, .needs = NEED_RECORD | NEED_ROW },
	{ .act = ACT_REFRESH, .run = fake_refresh, .needs = NEED_UNIT, .hint = true },
	{ .act = ACT_REVIEW_NEXT, .run = fake_review, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_TAG_TOGGLE, .hint = true },
	{ .act = ACT_QUIT, .hint = true },
};

static const struct screen fake_screen = {
	.name = "placements",
	.state_size = sizeof(struct fake),
	.open = fake_open,
	.draw = fake_draw,
	SCREEN_ACTIONS(fake_actions),
	.close = fake_close,
	.holds = fake_holds,
	.list = fake_list,
	.list_caps = LIST_TAGS | LIST_SEARCH,
};

static const struct screen bare_screen = { .name = "notices" };

static struct app *app;

static struct fake *open_fake(int rows)
{
	fake_rows = rows;
	struct config cfg = { .server = "https://127.0.0.1:9" };
	struct app_screens scr = { &bare_screen, &bare_screen, &bare_screen, &bare_screen, NULL,
				   &bare_screen, NULL };
	char err[200];
	app = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(app);
	app_push(app, &fake_screen, NULL);
	app_settle(app);
	assert_ptr_equal(app_top(app)->scr, &fake_screen);
	return app_top(app)->state;
}

static int close_fake(void **st)
{
	(void)st;
	if (app)
		app_free(app);
	app = NULL;
	return 0;
}

static void sign_in(const char *role, const char *unit)
{
	json_t *user = json_pack("{s:s, s:s, s:s?, s:i}", "username", "u", "role", role, "unit", unit,
				 "year", 2025);
	app_set_user(app, user, "token");
	json_decref(user);
}

static bool flashed(const char *text)
{
	return strstr(app->flash, text) != NULL;
}

/* ---------------------------------------------------------------- needs */

static void test_needs_a_row_refuses_on_an_empty_list_and_says_why(void **st)
{
	struct fake *s = open_fake(0);
	app_do(app, ACT_DELETE);
	assert_int_equal(s->deleted, 0);
	assert_true(flashed("no line is selected"));
	(void)st;
}

static void test_needs_a_loaded_record_before_it_runs(void **st)
{
	struct fake *s = open_fake(3);
	app_do(app, ACT_EDIT);
	assert_int_equal(s->edited, 0);
	assert_true(flashed("still loading"));
	s->loaded = true;
	app_do(app, ACT_EDIT);
	assert_int_equal(s->edited, 1);
	(void)st;
}

static void test_needs_an_open_list_refuses_a_locked_one(void **st)
{
	struct fake *s = open_fake(3);
	s->locked = true;
	app_do(app, ACT_DELETE);
	assert_int_equal(s->deleted, 0);
	assert_true(flashed("the list is locked"));
	s->locked = false;
	app_do(app, ACT_DELETE);
	assert_int_equal(s->deleted, 1);
	(void)st;
}

static void test_needs_a_unit_and_a_role_from_the_session(void **st)
{
	struct fake *s = open_fake(3);
	app_do(app, ACT_REFRESH);
	assert_int_equal(s->refreshed, 0);
	assert_true(flashed("only a unit's account"));
	sign_in("reviewer", NULL);
	app_do(app, ACT_REFRESH);
	assert_int_equal(s->refreshed, 0);
	app_do(app, ACT_REVIEW_NEXT);
	assert_int_equal(s->reviewed, 1);
	sign_in("unit", "91150924MA0HXD012T");
	app_do(app, ACT_REFRESH);
	assert_int_equal(s->refreshed, 1);
	app_do(app, ACT_REVIEW_NEXT);
	assert_int_equal(s->reviewed, 1);
	assert_true(flashed("your role may not"));
	(void)st;
}

static void test_an_action_nothing_handles_says_not_available(void **st)
{
	struct fake *s = open_fake(3);
	app->flash[0] = '\0';
	app_do(app, ACT_UPLOAD);
	assert_true(flashed("Not available here"));
	app_do(app, ACT_NOTICES);   /* generic, but needs a session */
	assert_true(flashed("sign in first"));
	assert_int_equal(s->deleted + s->edited + s->refreshed, 0);
	(void)st;
}

/* Help and the hint bar list what acts: the table's rows whose session and
 * role needs hold, the list's actions, the generic ones. */
static void test_live_actions_follow_the_table_the_list_and_the_session(void **st)
{
	open_fake(3);
	enum action live[ACT_COUNT], hints[ACT_COUNT];
	int n = app_live_actions(app_top(app), live, ACT_COUNT);
	bool has[ACT_COUNT] = { false };
	for (int i = 0; i < n; i++)
		has[live[i]] = true;
	assert_true(has[ACT_DELETE] && has[ACT_EDIT] && has[ACT_MOVE_DOWN] && has[ACT_TAG_ALL]);
	assert_true(has[ACT_SEARCH_NEXT] && has[ACT_QUIT] && has[ACT_HELP]);
	assert_false(has[ACT_REFRESH]);       /* needs a unit */
	assert_false(has[ACT_REVIEW_NEXT]);   /* needs a federation role */
	assert_false(has[ACT_NOTICES]);       /* needs a session */
	assert_false(has[ACT_UPLOAD]);
	int nh = dispatch_hints(app, app_top(app), hints, ACT_COUNT);
	assert_int_equal(nh, 3);
	assert_int_equal(hints[0], ACT_DELETE);
	assert_int_equal(hints[1], ACT_TAG_TOGGLE);
	assert_int_equal(hints[2], ACT_QUIT);
	(void)st;
}

/* ---------------------------------------------------------------- the list driver */

static void test_the_loop_moves_pages_and_goes_first_and_last(void **st)
{
	struct fake *s = open_fake(100);
	app_do(app, ACT_MOVE_DOWN);
	app_do(app, ACT_MOVE_DOWN);
	assert_int_equal(s->t.cursor, 2);
	app_do(app, ACT_PAGE_DOWN);
	assert_int_equal(s->t.cursor, 12);
	app_do(app, ACT_PAGE_UP);
	app_do(app, ACT_MOVE_UP);
	assert_int_equal(s->t.cursor, 1);
	app_do(app, ACT_LAST);
	assert_int_equal(s->t.cursor, 99);
	app_do(app, ACT_MOVE_DOWN);
	assert_int_equal(s->t.cursor, 99);
	app_do(app, ACT_FIRST);
	assert_int_equal(s->t.cursor, 0);
	s->loaded = true;
	app_do(app, ACT_EDIT);   /* H_NEXT_ROW: the handler asks the loop to move on */
	assert_int_equal(s->t.cursor, 1);
	(void)st;
}

static void test_search_next_finds_the_next_masked_match_and_wraps(void **st)
{
	struct fake *s = open_fake(20);
	app_do(app, ACT_SEARCH_NEXT);
	assert_true(flashed("search first"));
	snprintf(s->t.search, sizeof s->t.search, "杨海军");
	app_do(app, ACT_SEARCH_NEXT);
	assert_int_equal(s->t.cursor, 3);
	app_do(app, ACT_SEARCH_NEXT);
	assert_int_equal(s->t.cursor, 10);
	app_do(app, ACT_SEARCH_NEXT);
	app_do(app, ACT_SEARCH_NEXT);
	assert_int_equal(s->t.cursor, 3);
	assert_true(flashed("wrapped"));
	snprintf(s->t.search, sizeof s->t.search, "无此人");
	app_do(app, ACT_SEARCH_NEXT);
	assert_int_equal(s->t.cursor, 3);
	assert_true(flashed("No match"));
	(void)st;
}

static void test_tag_toggle_tags_and_moves_on_tag_all_tags_or_untags_all(void **st)
{
	struct fake *s = open_fake(5);
	app_do(app, ACT_TAG_TOGGLE);
	assert_true(s->t.tagged[0]);
	assert_int_equal(s->t.cursor, 1);
	app_do(app, ACT_TAG_ALL);
	assert_int_equal(table_tagged_count(&s->t), 5);
	app_do(app, ACT_TAG_ALL);
	assert_int_equal(table_tagged_count(&s->t), 0);
	(void)st;
}

/* htop's rule, with no cap: 300 tagged rows are 300 rows (bulk delete once
 * stopped silently at 256). */
static void test_bulk_action_takes_every_tagged_row_beyond_256(void **st)
{
	struct fake *s = open_fake(300);
	app_do(app, ACT_TAG_ALL);
	app_do(app, ACT_MOVE_DOWN);
	app_do(app, ACT_TAG_TOGGLE);   /* untag row 1 */
	bool tagged;
	assert_int_equal(app_selection_count(&s->t, &tagged), 299);
	assert_true(tagged);
	struct app_selection sel;
	int row, n = 0, last = -1;
	for (bool ok = app_selection_first(&sel, &s->t, &row); ok; ok = app_selection_next(&sel, &row)) {
		assert_true(row > last);
		assert_int_not_equal(row, 1);
		last = row;
		n++;
	}
	assert_int_equal(n, 299);
	assert_int_equal(last, 299);
	app_do(app, ACT_TAG_ALL);   /* not all tagged: tags all */
	app_do(app, ACT_TAG_ALL);   /* all tagged: untags all */
	app_do(app, ACT_FIRST);
	app_do(app, ACT_MOVE_DOWN);
	assert_int_equal(app_selection_count(&s->t, &tagged), 1);
	assert_false(tagged);
	assert_true(app_selection_first(&sel, &s->t, &row));
	assert_int_equal(row, 1);        /* no tags: the cursor row */
	assert_false(app_selection_next(&sel, &row));
	(void)st;
}

static void test_bulk_action_on_an_empty_list_takes_nothing(void **st)
{
	struct fake *s = open_fake(0);
	struct app_selection sel;
	int row;
	assert_int_equal(app_selection_count(&s->t, NULL), 0);
	assert_false(app_selection_first(&sel, &s->t, &row));
	(void)st;
}

/* ---------------------------------------------------------------- the focus */

static FILE *term_out, *term_in;
static SCREEN *term;

static void term_up(void)
{
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	term_out = fopen("/dev/null", "w");
	term_in = fopen("/dev/null", "r");
	term = newterm("xterm-256color", term_out, term_in);
	assert_non_null(term);
	theme_init();
}

static int term_down(void **st)
{
	close_fake(st);
	endwin();
	delscreen(term);
	fclose(term_out);
	fclose(term_in);
	return 0;
}

/* The accessible mode to come puts the terminal cursor on the focus: every
 * screen must say where it is (row, field, month, the dialog's answers, the
 * prompt's caret). */
static void test_every_screen_reports_where_its_focus_is(void **st)
{
	(void)st;
	char state[] = "/tmp/anzhi-focus-XXXXXX";
	assert_non_null(mkdtemp(state));
	setenv("XDG_STATE_HOME", state, 1);   /* no draft of a real user comes back */
	unsetenv("ANZHI_DEMO_ACCOUNTS");
	term_up();
	struct config cfg = { .server = "https://127.0.0.1:9" };
	struct app_screens scr = { &screen_login, &screen_help, &screen_notices, &screen_pager,
				   &screen_account, &screen_sessions, &screen_fedmenu };
	char err[200];
	app = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(app);
	sign_in("unit", "91150924MA0HXD012T");
	for (int i = 0; i < screens_count; i++) {
		app_reset(app, &screen_login, NULL);
		app_settle(app);
		app_push(app, screens_all[i], &(struct screen_args){ .year = 2025 });
		app_settle(app);
		assert_ptr_equal(app_top(app)->scr, screens_all[i]);
		app->focus_y = -1;
		app_draw(app);
		if (app->focus_y < 0 || app->focus_y >= LINES - 2)
			fail_msg("screen %s reports no focus", screens_all[i]->name);
	}
	app_prompt(app_top(app), 1, "Search:", "abc", 0);
	app_draw(app);
	assert_int_equal(app->focus_y, LINES - 1);   /* the prompt's caret */
	app->prompt.active = false;
	app_confirm(app_top(app), 1, "Delete?");
	app_draw(app);
	assert_true(app->focus_y > 0 && app->focus_y < LINES - 2);   /* the dialog's answers */
	app->dialog.active = false;
	rmdir(state);
}

/* With the flag the terminal cursor follows the focus; without it the list
 * hides it (fewer bytes on a thin link). */
static void test_the_cursor_sits_on_the_focus_only_when_asked(void **st)
{
	(void)st;
	term_up();
	struct fake *s = open_fake(50);
	app_draw(app);
	int first = app->focus_y;
	assert_true(first > 0);
	assert_true(is_leaveok(stdscr));
	app->cursor_at_focus = true;
	app_do(app, ACT_MOVE_DOWN);
	app_do(app, ACT_MOVE_DOWN);
	app_draw(app);
	assert_int_equal(app->focus_y, first + 2);
	assert_int_equal(getcury(stdscr), first + 2);
	assert_int_equal(getcurx(stdscr), 0);
	assert_false(is_leaveok(stdscr));
	assert_int_equal(s->t.cursor, 2);
}

/* ---------------------------------------------------------------- every binding acts */

static bool handled(const char *keymap, enum action a)
{
	bool yes;
	if (strcmp(keymap, "prompt") == 0 || strcmp(keymap, "dialog") == 0)
		return dispatch_modal_answer(a, &yes);
	if (strcmp(keymap, "generic") != 0)
		return dispatch_screen_handles(screen_by_name(keymap), a);
	if (dispatch_generic_handles(a))
		return true;
	for (int i = 0; i < screens_count; i++)
		if (dispatch_screen_handles(screens_all[i], a))
			return true;
	return false;
}

static void test_every_binding_of_every_keymap_acts_on_its_screen(void **st)
{
	(void)st;
	static const char *const maps[] = { "default", "vi", "emacs" };
	int dead = 0;
	for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++) {
		struct keymap_set *ks = keymap_set_new();
		assert_int_equal(keymap_set_load(ks, keymap_builtin_text(maps[m]), maps[m], NULL, 0), 0);
		for (int s = 0; s < keymap_screen_count(); s++) {
			const char *scr = keymap_screen_name(s);
			int keys[KEYMAP_MAX_SEQ], nkeys;
			enum action a;
			for (int i = 0; keymap_binding_at(ks, scr, i, keys, &nkeys, &a); i++) {
				if (a == ACT_NONE || handled(scr, a))
					continue;
				char name[64];
				keymap_key_name(keys, nkeys, name, sizeof name);
				print_error("%s.keys: bind %s %s %s: nothing acts on it there\n", maps[m], scr,
					    name, action_name(a));
				dead++;
			}
		}
		keymap_set_free(ks);
	}
	assert_int_equal(dead, 0);
}

/* The review's keys belong to the federation's workbench: V is
 * month-all-valid on the queue and the review form (issue 10), v / x decide a
 * month there, and none of them is bound on a unit's screens. */
static void test_review_keys_are_bound_on_the_workbench_only(void **st)
{
	(void)st;
	struct keymap_set *ks = keymap_set_new();
	assert_int_equal(keymap_load_defaults(ks, NULL, 0), 0);
	static const enum action review[] = { ACT_MONTH_VALID, ACT_MONTH_INVALID, ACT_MONTH_ALL_VALID,
					      ACT_REVIEW_NEXT };
	for (size_t i = 0; i < sizeof review / sizeof review[0]; i++) {
		char buf[64];
		for (int s = 0; s < keymap_screen_count(); s++) {
			const char *name = keymap_screen_name(s);
			bool workbench = strcmp(name, "queue") == 0 || strcmp(name, "review") == 0;
			if (!workbench)
				assert_int_equal(keymap_keys_for(ks, name, review[i], buf, sizeof buf), 0);
		}
	}
	enum action a = ACT_NONE;
	int V[1] = { 'V' }, v[1] = { 'v' }, x[1] = { 'x' };
	assert_int_equal(keymap_lookup(ks, "review", V, 1, &a), KEYMAP_ACTION);
	assert_int_equal(a, ACT_MONTH_ALL_VALID);
	assert_int_equal(keymap_lookup(ks, "queue", V, 1, &a), KEYMAP_ACTION);
	assert_int_equal(a, ACT_MONTH_ALL_VALID);
	assert_int_equal(keymap_lookup(ks, "review", v, 1, &a), KEYMAP_ACTION);
	assert_int_equal(a, ACT_MONTH_VALID);
	assert_int_equal(keymap_lookup(ks, "review", x, 1, &a), KEYMAP_ACTION);
	assert_int_equal(a, ACT_MONTH_INVALID);
	keymap_set_free(ks);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_needs_a_row_refuses_on_an_empty_list_and_says_why, close_fake),
		cmocka_unit_test_teardown(test_needs_a_loaded_record_before_it_runs, close_fake),
		cmocka_unit_test_teardown(test_needs_an_open_list_refuses_a_locked_one, close_fake),
		cmocka_unit_test_teardown(test_needs_a_unit_and_a_role_from_the_session, close_fake),
		cmocka_unit_test_teardown(test_an_action_nothing_handles_says_not_available, close_fake),
		cmocka_unit_test_teardown(test_live_actions_follow_the_table_the_list_and_the_session, close_fake),
		cmocka_unit_test_teardown(test_the_loop_moves_pages_and_goes_first_and_last, close_fake),
		cmocka_unit_test_teardown(test_search_next_finds_the_next_masked_match_and_wraps, close_fake),
		cmocka_unit_test_teardown(test_tag_toggle_tags_and_moves_on_tag_all_tags_or_untags_all, close_fake),
		cmocka_unit_test_teardown(test_bulk_action_takes_every_tagged_row_beyond_256, close_fake),
		cmocka_unit_test_teardown(test_bulk_action_on_an_empty_list_takes_nothing, close_fake),
		cmocka_unit_test_teardown(test_every_screen_reports_where_its_focus_is, term_down),
		cmocka_unit_test_teardown(test_the_cursor_sits_on_the_focus_only_when_asked, term_down),
		cmocka_unit_test(test_every_binding_of_every_keymap_acts_on_its_screen),
		cmocka_unit_test(test_review_keys_are_bound_on_the_workbench_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
