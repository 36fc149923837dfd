/* Tests of src/client/keyseq: an escape sequence the terminfo does not know
 * is one key, never Esc plus letters (with TERM=xterm-256color in tmux, or
 * PuTTY/Xshell as TERM=xterm, End once left the form and '[' then switched
 * the business year). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/keys.h"
#include "client/keyseq.h"

/* Parses the characters of s (what followed the Esc). */
static enum keyseq_result parse(const char *s, int *key, int *used)
{
	int c[KEYSEQ_MAX] = { 0 };
	int n = 0;
	for (; s[n] && n < KEYSEQ_MAX; n++)
		c[n] = (unsigned char)s[n];
	*key = 0;
	return keyseq_parse(c, n, key, used);
}

static void expect_key(const char *s, int want)
{
	int key, used;
	enum keyseq_result r = parse(s, &key, &used);
	if (r != KEYSEQ_KEY || key != want || used != (int)strlen(s))
		fail_msg("ESC %s: result %d key %#x used %d, want key %#x", s, r, key, used, want);
}

static void test_home_and_end_in_every_common_form(void **st)
{
	(void)st;
	expect_key("[H", KEYCODE_FN(KEY_HOME));    /* xterm normal mode */
	expect_key("[F", KEYCODE_FN(KEY_END));
	expect_key("OH", KEYCODE_FN(KEY_HOME));    /* xterm application mode */
	expect_key("OF", KEYCODE_FN(KEY_END));
	expect_key("[1~", KEYCODE_FN(KEY_HOME));   /* VT220, PuTTY, tmux */
	expect_key("[4~", KEYCODE_FN(KEY_END));
	expect_key("[7~", KEYCODE_FN(KEY_HOME));   /* rxvt */
	expect_key("[8~", KEYCODE_FN(KEY_END));
}

static void test_editing_and_paging_keys(void **st)
{
	(void)st;
	expect_key("[2~", KEYCODE_FN(KEY_IC));
	expect_key("[3~", KEYCODE_FN(KEY_DC));
	expect_key("[5~", KEYCODE_FN(KEY_PPAGE));
	expect_key("[6~", KEYCODE_FN(KEY_NPAGE));
	expect_key("[A", KEYCODE_FN(KEY_UP));
	expect_key("OB", KEYCODE_FN(KEY_DOWN));
	expect_key("[C", KEYCODE_FN(KEY_RIGHT));
	expect_key("OD", KEYCODE_FN(KEY_LEFT));
	expect_key("[Z", KEYCODE_FN(KEY_BTAB));
}

static void test_function_keys_f1_to_f12(void **st)
{
	(void)st;
	expect_key("OP", KEYCODE_FN(KEY_F(1)));
	expect_key("OS", KEYCODE_FN(KEY_F(4)));
	expect_key("[11~", KEYCODE_FN(KEY_F(1)));  /* PuTTY, rxvt */
	expect_key("[15~", KEYCODE_FN(KEY_F(5)));
	expect_key("[17~", KEYCODE_FN(KEY_F(6)));
	expect_key("[21~", KEYCODE_FN(KEY_F(10)));
	expect_key("[23~", KEYCODE_FN(KEY_F(11)));
	expect_key("[24~", KEYCODE_FN(KEY_F(12)));
	expect_key("[[A", KEYCODE_FN(KEY_F(1)));   /* the Linux console */
	expect_key("[[E", KEYCODE_FN(KEY_F(5)));
}

/* xterm's modifier parameter: 2 Shift, 3 Alt, 5 Ctrl, 6 Ctrl+Shift. */
static void test_modifiers_as_ncurses_numbers_them(void **st)
{
	(void)st;
	expect_key("[1;5H", KEYCODE_FN(KEY_HOME));               /* Ctrl-Home is Home */
	expect_key("[1;2F", KEYCODE_FN(KEY_END));
	expect_key("[4;5~", KEYCODE_FN(KEY_END));
	expect_key("[1;3A", KEYCODE_META(KEYCODE_FN(KEY_UP)));   /* Alt: M-Up */
	expect_key("[1;2P", KEYCODE_FN(KEY_F(13)));              /* Shift-F1 */
	expect_key("[15;5~", KEYCODE_FN(KEY_F(29)));             /* Ctrl-F5 */
	expect_key("[24;6~", KEYCODE_FN(KEY_F(48)));             /* Ctrl-Shift-F12 */
	expect_key("[1;3S", KEYCODE_FN(KEY_F(52)));              /* Alt-F4 */
	expect_key("O2Q", KEYCODE_FN(KEY_F(14)));                /* Shift-F2, SS3 form */
}

static void test_keypad_in_application_mode_types_its_symbol(void **st)
{
	(void)st;
	expect_key("OM", '\n');
	expect_key("Op", '0');
	expect_key("Oy", '9');
	expect_key("Ok", '+');
	expect_key("On", '.');
}

static void test_an_unknown_complete_sequence_is_dropped_whole(void **st)
{
	(void)st;
	int key, used;
	assert_int_equal(parse("[99;9q", &key, &used), KEYSEQ_IGNORE);   /* no such key */
	assert_int_equal(used, 6);
	assert_int_equal(parse("[200~hello", &key, &used), KEYSEQ_IGNORE);   /* a paste mark */
	assert_int_equal(used, 5);                                             /* the text stays */
	assert_int_equal(parse("[?1;2c", &key, &used), KEYSEQ_IGNORE);   /* a device report */
	assert_int_equal(parse("[I", &key, &used), KEYSEQ_IGNORE);       /* focus in */
	assert_int_equal(parse("Ox", &key, &used), KEYSEQ_KEY);          /* keypad 8, not ignored */
	assert_int_equal(parse("O~", &key, &used), KEYSEQ_IGNORE);
}

static void test_a_sequence_begun_asks_for_more(void **st)
{
	(void)st;
	int key, used;
	assert_int_equal(parse("[", &key, &used), KEYSEQ_MORE);
	assert_int_equal(parse("O", &key, &used), KEYSEQ_MORE);
	assert_int_equal(parse("[1;5", &key, &used), KEYSEQ_MORE);
	assert_int_equal(parse("[[", &key, &used), KEYSEQ_MORE);
	assert_int_equal(parse("[11111111111111;", &key, &used), KEYSEQ_IGNORE);   /* too long: no key */
}

/* A lone Esc still cancels, and Esc then a letter stays Alt+letter. */
static void test_esc_alone_or_before_a_key_is_no_sequence(void **st)
{
	(void)st;
	int key, used;
	assert_int_equal(parse("", &key, &used), KEYSEQ_NONE);
	assert_int_equal(parse("v", &key, &used), KEYSEQ_NONE);
	assert_int_equal(parse("x", &key, &used), KEYSEQ_NONE);
	int c[2] = { '[', 0x5ba1 };   /* Alt-[ then 审: not a sequence */
	assert_int_equal(keyseq_parse(c, 2, &key, &used), KEYSEQ_NONE);
	int d[2] = { 'O', KEYCODE_FN(KEY_DOWN) };
	assert_int_equal(keyseq_parse(d, 2, &key, &used), KEYSEQ_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_and_end_in_every_common_form),
		cmocka_unit_test(test_editing_and_paging_keys),
		cmocka_unit_test(test_function_keys_f1_to_f12),
		cmocka_unit_test(test_modifiers_as_ncurses_numbers_them),
		cmocka_unit_test(test_keypad_in_application_mode_types_its_symbol),
		cmocka_unit_test(test_an_unknown_complete_sequence_is_dropped_whole),
		cmocka_unit_test(test_a_sequence_begun_asks_for_more),
		cmocka_unit_test(test_esc_alone_or_before_a_key_is_no_sequence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
