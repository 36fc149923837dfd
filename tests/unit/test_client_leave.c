/* Tests of the engine's rule "nothing typed is lost on the way out"
 * (src/client/leave.c) without a terminal: a screen that holds unsaved
 * changes is asked about before back, quit, logout or a reset drops it —
 * save, discard or stay — once, in the engine; a save lets the leave go on
 * only when its answer left the screen clean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "client/engine.h"
#include "ui/text.h"

/* ---------------------------------------------------------------- a form */

struct form {
	bool dirty;
	int saves, discards, closes;
	int save_id;        /* what save() returns: a request id, or 0 (refused) */
};

static int closed_dirty;   /* forms closed while still dirty (their edits gone) */
static int discarded;      /* discard() calls, also of forms closed since */

static int form_open(struct view *v, const struct screen_args *args)
{
	struct form *f = v->state;
	f->dirty = true;
	f->save_id = 42;
	return 0;
}

static void form_close(struct view *v)
{
	struct form *f = v->state;
	closed_dirty += f->dirty;
}

static bool form_dirty(struct view *v)
{
	return ((struct form *)v->state)->dirty;
}

static int form_save(struct view *v)
{
	struct form *f = v->state;
	f->saves++;
	return f->save_id;
}

static void form_discard(struct view *v)
{
	struct form *f = v->state;
	f->discards++;
	discarded++;
	f->dirty = false;
}

static unsigned form_prev(struct view *v, enum action a)
{
	return H_CLOSE;
}

static const struct screen_action form_actions[] = {
	{ .act = ACT_PREV_STEP, .run = form_prev },
};

static const struct screen form_screen = {
	.name = "unit",
	.state_size = sizeof(struct form),
	.open = form_open,
	SCREEN_ACTIONS(form_actions),
	.close = form_close,
	.dirty = form_dirty,
	.save = form_save,
	.discard = form_discard,
};

static const struct screen list_screen = { .name = "placements" };
static const struct screen login_screen = { .name = "login" };

static struct app *app;

static struct form *start(int forms)
{
	struct config cfg = { .server = "https://127.0.0.1:9" };
	struct app_screens scr = { &login_screen, &login_screen, &login_screen, NULL, NULL, NULL, NULL };
	char err[200];
	closed_dirty = discarded = 0;
	app = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(app);
	json_t *user = json_pack("{s:s, s:s, s:s, s:i}", "username", "u", "role", "unit", "unit",
				 "91150924MA0HXD012T", "year", 2025);
	app_set_user(app, user, "token");
	json_decref(user);
	app_push(app, &list_screen, NULL);
	app_settle(app);
	for (int i = 0; i < forms; i++) {
		app_push(app, &form_screen, NULL);
		app_settle(app);
	}
	return app_top(app)->state;
}

static int stop(void **st)
{
	(void)st;
	if (app)
		app_free(app);
	app = NULL;
	return 0;
}

static bool asking(void)
{
	return app->dialog.active && app->dialog.nchoices > 0;
}

/* ---------------------------------------------------------------- tests */

static void test_back_with_unsaved_changes_asks_and_esc_stays(void **st)
{
	struct form *f = start(1);
	app_do(app, ACT_BACK);
	assert_true(asking());
	assert_ptr_equal(app_top(app)->scr, &form_screen);   /* not closed yet */
	modal_key(app, 0x1b);                                /* Esc: stay */
	assert_false(asking());
	assert_ptr_equal(app_top(app)->scr, &form_screen);
	assert_true(f->dirty);
	assert_int_equal(f->saves + f->discards, 0);
	(void)st;
}

static void test_the_previous_step_asks_as_back_does(void **st)
{
	start(1);
	app_do(app, ACT_PREV_STEP);
	assert_true(asking());
	assert_ptr_equal(app_top(app)->scr, &form_screen);
	(void)st;
}

static void test_discard_drops_the_changes_and_leaves(void **st)
{
	start(1);
	app_do(app, ACT_BACK);
	modal_key(app, 'd');
	assert_int_equal(discarded, 1);
	assert_ptr_equal(app_top(app)->scr, &list_screen);
	assert_int_equal(closed_dirty, 0);
	(void)st;
}

/* Save: the leave waits for the save's answer; still dirty (a 412, a
 * refusal) and the user stays; clean and it goes on. */
static void test_save_leaves_only_once_the_save_left_the_form_clean(void **st)
{
	struct form *f = start(1);
	app_do(app, ACT_BACK);
	modal_key(app, 's');
	assert_int_equal(f->saves, 1);
	assert_ptr_equal(app_top(app)->scr, &form_screen);   /* waiting for the answer */
	leave_request_done(app, 7);                          /* another request: nothing */
	app_settle(app);
	assert_ptr_equal(app_top(app)->scr, &form_screen);
	leave_request_done(app, 42);                         /* refused: still dirty */
	app_settle(app);
	assert_ptr_equal(app_top(app)->scr, &form_screen);
	assert_false(asking());

	app_do(app, ACT_BACK);                               /* again, and this time it saves */
	modal_key(app, 's');
	f->dirty = false;
	leave_request_done(app, 42);
	app_settle(app);
	assert_ptr_equal(app_top(app)->scr, &list_screen);
	assert_int_equal(closed_dirty, 0);
	(void)st;
}

static void test_a_save_that_cannot_start_stays(void **st)
{
	struct form *f = start(1);
	f->save_id = 0;   /* a field is wrong: the form says so and sends nothing */
	app_do(app, ACT_BACK);
	modal_key(app, '\n');   /* Enter: the first answer, save */
	assert_int_equal(f->saves, 1);
	assert_false(asking());
	assert_ptr_equal(app_top(app)->scr, &form_screen);
	(void)st;
}

/* q (quit) asks about each form with unsaved changes on the stack, the top
 * one first, and quits only when none is left. */
static void test_quit_asks_about_every_unsaved_form_then_quits(void **st)
{
	struct form *top = start(2);
	struct form *below = app->stack[app->depth - 2]->state;
	app_do(app, ACT_QUIT);
	assert_false(app->quit);
	assert_true(asking());
	modal_key(app, 'd');
	assert_int_equal(top->discards, 1);
	assert_false(app->quit);
	assert_true(asking());           /* now the one below */
	modal_key(app, 'd');
	assert_int_equal(below->discards, 1);
	assert_true(app->quit);
	(void)st;
}

static void test_logout_asks_first_and_goes_on_after_discard(void **st)
{
	start(1);
	app_do(app, ACT_LOGOUT);
	assert_true(asking());
	assert_non_null(app->sess.token);   /* still signed in */
	modal_key(app, 'd');
	app_settle(app);
	assert_null(app->sess.token);
	assert_ptr_equal(app_top(app)->scr, &login_screen);
	assert_int_equal(closed_dirty, 0);
	(void)st;
}

/* Another screen replacing the stack (a reset) waits for the answer and
 * then opens what was asked for. */
static void test_a_reset_waits_for_the_answer_then_opens_its_screen(void **st)
{
	start(1);
	app_reset(app, &list_screen, &(struct screen_args){ .text = "kept" });
	app_settle(app);
	assert_true(asking());
	assert_ptr_equal(app_top(app)->scr, &form_screen);
	modal_key(app, 'd');
	app_settle(app);
	assert_int_equal(app->depth, 1);
	assert_ptr_equal(app_top(app)->scr, &list_screen);
	(void)st;
}

/* The session ended (401): nothing can be saved; the screens close and keep
 * their edits as drafts, without a question nobody could answer usefully. */
static void test_a_reset_after_the_session_ended_does_not_ask(void **st)
{
	start(1);
	free(app->sess.token);
	app->sess.token = NULL;
	app_reset(app, &login_screen, NULL);
	app_settle(app);
	assert_false(asking());
	assert_ptr_equal(app_top(app)->scr, &login_screen);
	assert_int_equal(closed_dirty, 1);   /* its close() keeps the draft */
	(void)st;
}

static void test_a_clean_form_leaves_without_asking(void **st)
{
	struct form *f = start(1);
	f->dirty = false;
	app_do(app, ACT_BACK);
	assert_false(asking());
	assert_ptr_equal(app_top(app)->scr, &list_screen);
	(void)st;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_back_with_unsaved_changes_asks_and_esc_stays, stop),
		cmocka_unit_test_teardown(test_the_previous_step_asks_as_back_does, stop),
		cmocka_unit_test_teardown(test_discard_drops_the_changes_and_leaves, stop),
		cmocka_unit_test_teardown(test_save_leaves_only_once_the_save_left_the_form_clean, stop),
		cmocka_unit_test_teardown(test_a_save_that_cannot_start_stays, stop),
		cmocka_unit_test_teardown(test_quit_asks_about_every_unsaved_form_then_quits, stop),
		cmocka_unit_test_teardown(test_logout_asks_first_and_goes_on_after_discard, stop),
		cmocka_unit_test_teardown(test_a_reset_waits_for_the_answer_then_opens_its_screen, stop),
		cmocka_unit_test_teardown(test_a_reset_after_the_session_ended_does_not_ask, stop),
		cmocka_unit_test_teardown(test_a_clean_form_leaves_without_asking, stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
