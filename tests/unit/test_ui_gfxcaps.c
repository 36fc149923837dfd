/* Tests of src/ui/gfxcaps: reading the terminal's answers (DA1 with 4 for
 * sixel, kitty's graphics reply, the cell size) apart from keys typed
 * meanwhile, and the choice of sixel, kitty, block art or a plain notice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/gfxcaps.h"

static bool parse(const char *s, bool at_end, struct gfx_reply *r, char *keys, size_t *nk)
{
	return gfxcaps_parse(s, strlen(s), at_end, r, keys, nk);
}

static void test_gfx_da1_listing_4_means_sixel(void **st)
{
	(void)st;
	struct gfx_reply r;
	char keys[64];
	size_t nk;
	assert_true(parse("\033[?62;4c", false, &r, keys, &nk));
	assert_true(r.da1);
	assert_true(r.sixel);
	assert_int_equal(nk, 0);
	assert_true(parse("\033[?64;1;2;6;9;15;18;21;22c", false, &r, keys, &nk));
	assert_false(r.sixel);
	/* the class itself is never the feature: VT420's 64 is not 4 */
	assert_true(parse("\033[?4c", false, &r, keys, &nk));
	assert_false(r.sixel);
}

static void test_gfx_tmux_answers_without_sixel(void **st)
{
	(void)st;
	struct gfx_reply r;
	char keys[64];
	size_t nk;
	assert_true(parse("\033[?1;2c", false, &r, keys, &nk));
	assert_false(r.sixel);
	assert_false(r.kitty);
}

static void test_gfx_kitty_reply_and_cell_size_before_da1(void **st)
{
	(void)st;
	struct gfx_reply r;
	char keys[64];
	size_t nk;
	assert_true(parse("\033_Gi=31;OK\033\\\033[6;20;10t\033[?62;22c", false, &r, keys, &nk));
	assert_true(r.kitty);
	assert_int_equal(r.cell_w, 10);
	assert_int_equal(r.cell_h, 20);
	assert_int_equal(nk, 0);
	/* an error from kitty's graphics is no support */
	assert_true(parse("\033_Gi=31;ENOTSUPPORTED:x\033\\\033[?62c", false, &r, keys, &nk));
	assert_false(r.kitty);
}

static void test_gfx_reply_cut_short_waits_for_more(void **st)
{
	(void)st;
	struct gfx_reply r;
	char keys[64];
	size_t nk;
	assert_false(parse("\033[6;20;10t\033[?62;", false, &r, keys, &nk));
	assert_false(r.da1);
	assert_int_equal(r.cell_h, 20);
	assert_false(parse("\033_Gi=31;O", false, &r, keys, &nk));
	assert_int_equal(nk, 0);
}

static void test_gfx_keys_typed_meanwhile_are_kept_in_order(void **st)
{
	(void)st;
	struct gfx_reply r;
	char keys[64];
	size_t nk;
	/* "j", Down, the reply, then "n" and an Esc left alone at the end */
	const char *in = "j\033[B\033[?62;4cn\033";
	assert_true(parse(in, false, &r, keys, &nk));
	assert_int_equal(nk, 5);
	assert_memory_equal(keys, "j\033[Bn", 5);
	assert_true(parse(in, true, &r, keys, &nk));   /* the wait is over: the Esc is a key */
	assert_int_equal(nk, 6);
	assert_memory_equal(keys, "j\033[Bn\033", 6);
}

static void test_gfx_query_skips_kitty_inside_a_multiplexer(void **st)
{
	(void)st;
	char q[128];
	struct gfx_env plain = { .term = "xterm-256color" };
	size_t n = gfxcaps_query(&plain, q, sizeof q);
	assert_true(n > 0);
	assert_non_null(strstr(q, "\033_G"));
	assert_int_equal(strcmp(q + n - 3, "\033[c"), 0);   /* DA1 last: its answer ends the wait */
	struct gfx_env tmux = { .term = "screen-256color", .tmux = "/tmp/tmux-0/default,1,0" };
	gfxcaps_query(&tmux, q, sizeof q);
	assert_null(strstr(q, "\033_G"));
	assert_non_null(strstr(q, "\033[c"));
}

static void test_gfx_no_query_on_the_console_or_when_forced(void **st)
{
	(void)st;
	struct gfx_env linux_console = { .term = "linux" }, xterm = { .term = "xterm" }, none = { 0 };
	assert_false(gfxcaps_should_ask(GFX_AUTO, &linux_console));
	assert_false(gfxcaps_should_ask(GFX_AUTO, &none));
	assert_true(gfxcaps_should_ask(GFX_AUTO, &xterm));
	assert_false(gfxcaps_should_ask(GFX_FORCE_SYMBOLS, &xterm));
}

static void test_gfx_decide_from_the_answers(void **st)
{
	(void)st;
	struct gfx_env xterm = { .term = "xterm-256color" };
	struct gfx_reply sixel = { .da1 = true, .sixel = true }, kitty = { .da1 = true, .kitty = true },
			 plain = { .da1 = true }, silent = { 0 };
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &xterm, &sixel, true), GFX_SIXEL);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &xterm, &kitty, true), GFX_KITTY);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &xterm, &plain, true), GFX_SYMBOLS);
	/* monochrome or NO_COLOR: no coloured block art, a plain notice */
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &xterm, &plain, false), GFX_NONE);
	/* sixel is a picture, not coloured text: shown without colour too */
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &xterm, &sixel, false), GFX_SIXEL);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &xterm, &silent, true), GFX_SYMBOLS);
}

static void test_gfx_terminal_names_count_only_without_an_answer(void **st)
{
	(void)st;
	struct gfx_env foot = { .term = "foot" }, kitty = { .term = "xterm-kitty" },
		       wez = { .term = "xterm-256color", .term_program = "WezTerm" };
	struct gfx_reply silent = { 0 }, plain = { .da1 = true };
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &foot, &silent, true), GFX_SIXEL);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &kitty, &silent, true), GFX_KITTY);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &wez, &silent, true), GFX_SIXEL);
	/* it answered and said nothing of graphics: believe the answer */
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &kitty, &plain, true), GFX_SYMBOLS);
}

static void test_gfx_inside_tmux_only_its_own_answer_counts(void **st)
{
	(void)st;
	/* kitty's variables leak into tmux started from kitty */
	struct gfx_env t = { .term = "tmux-256color", .tmux = "x", .kitty_window_id = "1" };
	struct gfx_reply silent = { 0 }, tmux_sixel = { .da1 = true, .sixel = true },
			 stray_kitty = { .da1 = true, .kitty = true };
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &t, &silent, true), GFX_SYMBOLS);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &t, &stray_kitty, true), GFX_SYMBOLS);
	assert_int_equal(gfxcaps_decide(GFX_AUTO, &t, &tmux_sixel, true), GFX_SIXEL);
}

static void test_gfx_setting_overrides_the_terminal(void **st)
{
	(void)st;
	struct gfx_env xterm = { .term = "xterm" };
	struct gfx_reply sixel = { .da1 = true, .sixel = true };
	enum gfx_choice c;
	assert_true(gfxcaps_choice("symbols", &c));
	assert_int_equal(gfxcaps_decide(c, &xterm, &sixel, true), GFX_SYMBOLS);
	assert_int_equal(gfxcaps_decide(c, &xterm, &sixel, false), GFX_NONE);
	assert_true(gfxcaps_choice("none", &c));
	assert_int_equal(gfxcaps_decide(c, &xterm, &sixel, true), GFX_NONE);
	assert_true(gfxcaps_choice("kitty", &c));
	assert_int_equal(gfxcaps_decide(c, &xterm, &sixel, true), GFX_KITTY);
	assert_true(gfxcaps_choice("sixel", &c));
	assert_int_equal(gfxcaps_decide(c, &xterm, &sixel, true), GFX_SIXEL);
	assert_true(gfxcaps_choice("", &c));
	assert_int_equal(c, GFX_AUTO);
	assert_false(gfxcaps_choice("iterm", &c));
	assert_string_equal(gfxcaps_mode_name(GFX_SYMBOLS), "symbols");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gfx_da1_listing_4_means_sixel),
		cmocka_unit_test(test_gfx_tmux_answers_without_sixel),
		cmocka_unit_test(test_gfx_kitty_reply_and_cell_size_before_da1),
		cmocka_unit_test(test_gfx_reply_cut_short_waits_for_more),
		cmocka_unit_test(test_gfx_keys_typed_meanwhile_are_kept_in_order),
		cmocka_unit_test(test_gfx_query_skips_kitty_inside_a_multiplexer),
		cmocka_unit_test(test_gfx_no_query_on_the_console_or_when_forced),
		cmocka_unit_test(test_gfx_decide_from_the_answers),
		cmocka_unit_test(test_gfx_terminal_names_count_only_without_an_answer),
		cmocka_unit_test(test_gfx_inside_tmux_only_its_own_answer_counts),
		cmocka_unit_test(test_gfx_setting_overrides_the_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
