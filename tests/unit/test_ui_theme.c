/* Tests for src/ui/theme: meaning never rests on colour alone, NO_COLOR is
 * honoured, glyphs are narrow with an ASCII fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "ui/theme.h"

/* The styles that tell the user something (all but plain text). */
static const enum style meaningful[] = {
	STYLE_CURSOR, STYLE_TITLE, STYLE_HEADER, STYLE_OK, STYLE_FAIL, STYLE_PENDING,
	STYLE_TAGGED, STYLE_ERROR, STYLE_HINT, STYLE_HINT_KEY, STYLE_STATUS, STYLE_FIELD,
	STYLE_FIELD_ACTIVE, STYLE_DIM,
};
#define N_MEANINGFUL (sizeof meaningful / sizeof *meaningful)

static void test_theme_every_meaningful_style_has_a_monochrome_form(void **s)
{
	(void)s;
	for (size_t i = 0; i < N_MEANINGFUL; i++) {
		attr_t a = theme_mono_attr(meaningful[i]);
		if ((a & ~A_COLOR) == A_NORMAL)
			fail_msg("style %s has no non-colour attribute", theme_style_name(meaningful[i]));
	}
	assert_int_equal(theme_mono_attr(STYLE_NORMAL), A_NORMAL);
}

static void test_theme_ok_fail_pending_differ_without_colour(void **s)
{
	(void)s;
	attr_t ok = theme_mono_attr(STYLE_OK), fail = theme_mono_attr(STYLE_FAIL),
	       pending = theme_mono_attr(STYLE_PENDING);
	assert_true(ok != fail && ok != pending && fail != pending);
}

static void test_theme_cursor_differs_from_tagged_and_error_without_colour(void **s)
{
	(void)s;
	assert_true(theme_mono_attr(STYLE_CURSOR) != theme_mono_attr(STYLE_TAGGED));
	assert_true(theme_mono_attr(STYLE_ERROR) != theme_mono_attr(STYLE_STATUS));
	assert_true(theme_mono_attr(STYLE_HINT_KEY) != theme_mono_attr(STYLE_HINT));
	assert_true(theme_mono_attr(STYLE_FIELD_ACTIVE) != theme_mono_attr(STYLE_FIELD));
}

static void test_theme_no_color_set_even_empty_means_no_colour(void **s)
{
	(void)s;
	unsetenv("NO_COLOR");
	assert_false(theme_no_color_env());
	setenv("NO_COLOR", "", 1);
	assert_true(theme_no_color_env());
	setenv("NO_COLOR", "1", 1);
	assert_true(theme_no_color_env());
	unsetenv("NO_COLOR");
}

static FILE *term_out, *term_in;

/* A real (off-screen) colour terminal for theme_init. */
static SCREEN *open_term(void)
{
	term_out = fopen("/dev/null", "w");
	term_in = fopen("/dev/null", "r");
	SCREEN *scr = term_out && term_in ? newterm("xterm-256color", term_out, term_in) : NULL;
	if (!scr) {
		if (term_out)
			fclose(term_out);
		if (term_in)
			fclose(term_in);
	}
	return scr;
}

static void close_term(SCREEN *scr)
{
	endwin();
	delscreen(scr);
	fclose(term_out);
	fclose(term_in);
}

static void test_theme_init_honours_no_color(void **s)
{
	(void)s;
	setenv("NO_COLOR", "", 1);
	SCREEN *scr = open_term();
	if (!scr) {
		unsetenv("NO_COLOR");
		skip();
	}
	theme_init();
	assert_false(theme_has_color());
	for (int st = 0; st < STYLE_COUNT; st++)
		assert_int_equal(theme_attr((enum style)st), theme_mono_attr((enum style)st));
	close_term(scr);
	unsetenv("NO_COLOR");
}

static void test_theme_colour_keeps_the_monochrome_attributes(void **s)
{
	(void)s;
	unsetenv("NO_COLOR");
	SCREEN *scr = open_term();
	if (!scr)
		skip();
	theme_init();
	assert_true(theme_has_color());
	for (int st = 0; st < STYLE_COUNT; st++) {
		attr_t a = theme_attr((enum style)st), m = theme_mono_attr((enum style)st);
		assert_int_equal(a & m, m);
	}
	assert_true((theme_attr(STYLE_FAIL) & A_COLOR) != 0);
	close_term(scr);
}

static void test_theme_glyphs_are_narrow_check_marks(void **s)
{
	(void)s;
	text_init(true);
	assert_string_equal(theme_glyph_ok(), "\xe2\x9c\x93");
	assert_string_equal(theme_glyph_fail(), "\xe2\x9c\x97");
	assert_int_equal(text_width(theme_glyph_ok()), 1);
	assert_int_equal(text_width(theme_glyph_fail()), 1);
	assert_string_equal(theme_glyph_tag(), "*");
}

static void test_theme_glyphs_fall_back_to_ascii_without_utf8(void **s)
{
	(void)s;
	text_init(false);
	assert_string_equal(theme_glyph_ok(), "Y");
	assert_string_equal(theme_glyph_fail(), "x");
	text_init(true);
}

/* Every theme keeps meaning without colour; the high-contrast one never
 * dims (dim text is the first a weak eye loses) and says fail apart from ok
 * and pending. */
static void test_theme_each_theme_keeps_meaning_without_colour(void **s)
{
	(void)s;
	for (int t = 0; theme_name_at(t); t++) {
		assert_true(theme_select(theme_name_at(t)));
		assert_string_equal(theme_current(), theme_name_at(t));
		attr_t ok = theme_mono_attr(STYLE_OK), fail = theme_mono_attr(STYLE_FAIL),
		       pending = theme_mono_attr(STYLE_PENDING);
		assert_true(ok != fail && ok != pending && fail != pending);
		assert_true(theme_mono_attr(STYLE_CURSOR) != theme_mono_attr(STYLE_TAGGED));
		assert_true(theme_mono_attr(STYLE_FIELD_ACTIVE) != theme_mono_attr(STYLE_FIELD));
	}
	assert_true(theme_select("high-contrast"));
	for (int st = 0; st < STYLE_COUNT; st++)
		if (theme_mono_attr((enum style)st) & A_DIM)
			fail_msg("high-contrast dims %s", theme_style_name((enum style)st));
	assert_false(theme_select("neon"));
	assert_string_equal(theme_current(), "high-contrast");   /* unchanged */
	assert_false(theme_known("neon"));
	assert_true(theme_known("mono"));
	assert_true(theme_select("default"));
}

static void test_theme_high_contrast_draws_bright_on_black(void **s)
{
	(void)s;
	unsetenv("NO_COLOR");
	SCREEN *scr = open_term();
	if (!scr)
		skip();
	assert_true(theme_select("high-contrast"));
	theme_init();
	assert_true(theme_has_color());
	short fg, bg;
	pair_content((short)PAIR_NUMBER(theme_attr(STYLE_NORMAL)), &fg, &bg);
	assert_int_equal(fg, COLOR_WHITE);
	assert_int_equal(bg, COLOR_BLACK);
	assert_true(theme_select("mono"));   /* no colour at all, at once */
	assert_false(theme_has_color());
	assert_int_equal(theme_attr(STYLE_FAIL), theme_mono_attr(STYLE_FAIL));
	assert_true(theme_select("default"));
	assert_true(theme_has_color());
	close_term(scr);
}

/* A screen reader says "check mark" for ✓: in the spoken mode a mark is its
 * word, and a column of marks is as wide as the widest word. */
static void test_theme_marks_are_words_when_spoken(void **s)
{
	(void)s;
	text_init(true);
	assert_string_equal(theme_mark_pass(), "\u2713");
	assert_string_equal(theme_mark(false, "no"), "\u2717");
	assert_int_equal(theme_mark_cols(), 1);
	theme_set_spoken(true);
	assert_true(theme_spoken());
	assert_string_equal(theme_mark_pass(), "pass");
	assert_string_equal(theme_mark_fail(), "fail");
	assert_string_equal(theme_mark(true, "uploaded"), "uploaded");
	assert_string_equal(theme_mark(true, ""), "\u2713");   /* no word: the glyph */
	assert_int_equal(theme_mark_cols(), 4);
	text_init(false);   /* words, not Y/x, whatever the locale */
	assert_string_equal(theme_mark_fail(), "fail");
	text_init(true);
	theme_set_spoken(false);
	assert_string_equal(theme_mark_fail(), "\u2717");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_every_meaningful_style_has_a_monochrome_form),
		cmocka_unit_test(test_theme_ok_fail_pending_differ_without_colour),
		cmocka_unit_test(test_theme_cursor_differs_from_tagged_and_error_without_colour),
		cmocka_unit_test(test_theme_no_color_set_even_empty_means_no_colour),
		cmocka_unit_test(test_theme_init_honours_no_color),
		cmocka_unit_test(test_theme_colour_keeps_the_monochrome_attributes),
		cmocka_unit_test(test_theme_glyphs_are_narrow_check_marks),
		cmocka_unit_test(test_theme_glyphs_fall_back_to_ascii_without_utf8),
		cmocka_unit_test(test_theme_each_theme_keeps_meaning_without_colour),
		cmocka_unit_test(test_theme_high_contrast_draws_bright_on_black),
		cmocka_unit_test(test_theme_marks_are_words_when_spoken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
