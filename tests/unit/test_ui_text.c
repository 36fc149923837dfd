/* Tests for src/ui/text: columns, not bytes; every server string cleaned of
 * what a terminal would act on; fitting CJK names without splitting them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"

#define FFFD "\xef\xbf\xbd"

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	return 0;
}

static void assert_clean(const char *in, const char *want)
{
	char *got = text_clean(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* No byte a terminal treats as a control survives cleaning. */
static void assert_no_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		assert_true(*p >= 0x20 && *p != 0x7f);
		if (p[0] == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] < 0xa0);
	}
}

/* ---------------------------------------------------------------- width */

static void test_text_width_ascii_is_one_per_char(void **s)
{
	(void)s;
	assert_int_equal(text_width("anzhi"), 5);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
}

static void test_text_width_cjk_is_double(void **s)
{
	(void)s;
	assert_int_equal(text_width("景晓东"), 6);
	assert_int_equal(text_width("残疾人按比例就业"), 16);
	assert_int_equal(text_width("张3"), 3);
}

static void test_text_width_fullwidth_punctuation_is_double(void **s)
{
	(void)s;
	assert_int_equal(text_width("（）"), 4);
}

static void test_text_width_invalid_byte_counts_one(void **s)
{
	(void)s;
	assert_int_equal(text_width("a\xff" "b"), 3);
	assert_int_equal(text_width("\xe6\x99"), 2); /* a cut CJK char: two bad bytes */
}

static void test_text_width_control_counts_as_replacement(void **s)
{
	(void)s;
	assert_int_equal(text_width("a\x07" "b"), 3);
	assert_int_equal(text_width("a\tb"), 3);
}

static void test_text_width_combining_mark_is_zero(void **s)
{
	(void)s;
	assert_int_equal(text_width("e\xcc\x81"), 1); /* e + U+0301 */
}

static void test_text_utf8_len_counts_code_points(void **s)
{
	(void)s;
	assert_int_equal(text_utf8_len("景晓东"), 3);
	assert_int_equal(text_utf8_len("a景"), 2);
	assert_int_equal(text_utf8_len(""), 0);
}

/* ---------------------------------------------------------------- clean */

static void test_text_clean_keeps_plain_and_cjk_text(void **s)
{
	(void)s;
	assert_clean("景晓东 110105194912310021", "景晓东 110105194912310021");
}

static void test_text_clean_strips_csi_sequence(void **s)
{
	(void)s;
	assert_clean("\x1b[2J", FFFD);
	assert_clean("a\x1b[1;31mred\x1b[0m", "a" FFFD "red" FFFD);
	assert_clean("\x1b[?1049h", FFFD);
}

static void test_text_clean_strips_osc_title_with_bel(void **s)
{
	(void)s;
	assert_clean("\x1b]0;title\x07rest", FFFD "rest");
}

static void test_text_clean_strips_osc_with_string_terminator(void **s)
{
	(void)s;
	assert_clean("\x1b]8;;http://x\x1b\\link", FFFD "link");
	assert_clean("\x1b]52;c;SGVsbG8=\x1b\\", FFFD);
}

static void test_text_clean_strips_unterminated_osc_to_end(void **s)
{
	(void)s;
	assert_clean("ok\x1b]0;evil", "ok" FFFD);
}

static void test_text_clean_strips_dcs_string(void **s)
{
	(void)s;
	assert_clean("\x1bPq#0;2;0;0;0\x1b\\x", FFFD "x");
}

static void test_text_clean_strips_two_char_escapes(void **s)
{
	(void)s;
	assert_clean("\x1b" "c", FFFD);          /* RIS: reset the terminal */
	assert_clean("\x1b(0x", FFFD "x");       /* line-drawing charset */
	assert_clean("end\x1b", "end" FFFD);     /* ESC at the end of the string */
}

static void test_text_clean_sequence_cut_by_end_of_string(void **s)
{
	(void)s;
	assert_clean("\x1b[", FFFD);
	assert_clean("a\x1b[12;", "a" FFFD);
	assert_clean("\x1b]", FFFD);
	assert_clean("\x1b(", FFFD);
	assert_clean("\xc2\x9b", FFFD);
	assert_clean("\xc2", FFFD);
}

static void test_text_clean_strips_c1_csi_as_utf8(void **s)
{
	(void)s;
	/* U+009B is CSI for an 8-bit terminal: the whole sequence goes. */
	assert_clean("a\xc2\x9b" "2Jb", "a" FFFD "b");
	assert_clean("\xc2\x9d" "0;t\x07" "x", FFFD "x"); /* U+009D OSC */
	assert_clean("\xc2\x85", FFFD);                   /* NEL */
}

static void test_text_clean_replaces_lone_c1_byte(void **s)
{
	(void)s;
	char *got = text_clean("a\x9b" "2J");
	assert_string_equal(got, "a" FFFD "2J");
	assert_no_controls(got);
	free(got);
}

static void test_text_clean_replaces_del_bel_and_c0(void **s)
{
	(void)s;
	assert_clean("a\x7f" "b\x07" "c\x08" "d\x01", "a" FFFD "b" FFFD "c" FFFD "d" FFFD);
}

static void test_text_clean_newline_and_tab_become_space(void **s)
{
	(void)s;
	assert_clean("a\nb\tc\r\n", "a b c  ");
}

static void test_text_clean_replaces_overlong_utf8(void **s)
{
	(void)s;
	assert_clean("\xc0\xaf", FFFD FFFD);            /* overlong '/' */
	assert_clean("\xc0\x80", FFFD FFFD);            /* overlong NUL */
	assert_clean("\xe0\x80\xaf", FFFD FFFD FFFD);   /* 3-byte overlong */
	assert_clean("\xc1\x9b", FFFD FFFD);            /* overlong ESC-like */
}

static void test_text_clean_replaces_surrogates_and_out_of_range(void **s)
{
	(void)s;
	assert_clean("\xed\xa0\x80", FFFD FFFD FFFD);
	assert_clean("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
}

static void test_text_clean_replaces_truncated_sequence_at_end(void **s)
{
	(void)s;
	assert_clean("景\xe6\x99", "景" FFFD FFFD);
}

static void test_text_clean_replaces_bidi_override(void **s)
{
	(void)s;
	assert_clean("a\xe2\x80\xae" "b", "a" FFFD "b"); /* U+202E RLO */
}

static void test_text_clean_ascii_mode_uses_question_mark(void **s)
{
	(void)s;
	text_init(false);
	assert_clean("\x1b[2Jok\xff", "?ok?");
	assert_clean("景", "??");
	text_init(true);
}

/* LANG=C: a masked name read "?*?" and the columns after it slid left; a
 * character the locale cannot show keeps its width as placeholders. */
static void test_text_without_utf8_cjk_is_two_placeholder_columns(void **s)
{
	(void)s;
	static const char *const samples[] = { "张*三", "景晓东", "兴和县宏达商贸有限公司 2025",
					       "资料待完善", "（全角）", "ab" };
	text_init(false);
	assert_clean("张*三", "??*??");
	assert_clean("✓é", "??");   /* narrow ones: one '?' each */
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		char *c = text_clean(samples[i]);
		text_init(true);
		int want = text_width(samples[i]);
		text_init(false);
		assert_int_equal(text_width(samples[i]), want);
		assert_int_equal(text_width(c), want);
		for (const char *p = c; *p; p++)
			assert_true((unsigned char)*p < 0x80);
		free(c);
	}
	text_init(true);
}

/* Translated labels reach text_fit uncleaned: without UTF-8 it writes their
 * placeholders, never the raw bytes (which a C-locale terminal prints as
 * "M-e" garbage three columns wide). */
static void test_text_fit_without_utf8_writes_placeholders_in_columns(void **s)
{
	(void)s;
	char buf[64];
	text_init(false);
	text_fit(buf, sizeof buf, "张三ab", 8, TEXT_PAD);
	assert_string_equal(buf, "????ab  ");
	text_fit(buf, sizeof buf, "景晓东", 5, 0);
	assert_string_equal(buf, "????~");
	text_fit(buf, sizeof buf, "姓名", 6, TEXT_RIGHT);
	assert_string_equal(buf, "  ????");
	text_fit(buf, sizeof buf, "✓", 2, TEXT_PAD);
	assert_string_equal(buf, "? ");
	text_init(true);
	text_fit(buf, sizeof buf, "张三ab", 8, TEXT_PAD);
	assert_string_equal(buf, "张三ab  ");
}

static void test_text_clean_null_is_null_and_empty_is_empty(void **s)
{
	(void)s;
	assert_null(text_clean(NULL));
	assert_clean("", "");
}

static void test_text_clean_output_has_no_controls_for_every_byte(void **s)
{
	(void)s;
	char in[3] = { 0 };
	for (int b = 1; b < 256; b++) {
		in[0] = (char)b;
		in[1] = '[';
		char *got = text_clean(in);
		assert_no_controls(got);
		free(got);
	}
}

/* ---------------------------------------------------------------- fit */

static void test_text_fit_short_string_is_copied(void **s)
{
	(void)s;
	char buf[64];
	assert_int_equal(text_fit(buf, sizeof buf, "景晓东", 6, 0), strlen("景晓东"));
	assert_string_equal(buf, "景晓东");
}

static void test_text_fit_cut_ends_with_marker(void **s)
{
	(void)s;
	char buf[64];
	text_fit(buf, sizeof buf, "abcdefgh", 5, 0);
	assert_string_equal(buf, "abcd~");
	text_fit(buf, sizeof buf, "景晓东", 5, 0);
	assert_string_equal(buf, "景晓~");
	assert_int_equal(text_width(buf), 5);
}

static void test_text_fit_wide_char_at_cut_is_padded_not_split(void **s)
{
	(void)s;
	char buf[64];
	text_fit(buf, sizeof buf, "景晓东", 4, 0);
	assert_string_equal(buf, "景 ~");
	assert_int_equal(text_width(buf), 4);
	text_fit(buf, sizeof buf, "a景晓", 3, 0);
	assert_string_equal(buf, "a ~");
}

static void test_text_fit_pad_fills_exact_columns(void **s)
{
	(void)s;
	char buf[64];
	text_fit(buf, sizeof buf, "景晓东", 10, TEXT_PAD);
	assert_string_equal(buf, "景晓东    ");
	assert_int_equal(text_width(buf), 10);
}

static void test_text_fit_right_aligns(void **s)
{
	(void)s;
	char buf[64];
	text_fit(buf, sizeof buf, "3000.00", 10, TEXT_RIGHT);
	assert_string_equal(buf, "   3000.00");
	text_fit(buf, sizeof buf, "景", 4, TEXT_RIGHT | TEXT_PAD);
	assert_string_equal(buf, "  景");
}

static void test_text_fit_one_column_cut_is_marker(void **s)
{
	(void)s;
	char buf[8];
	text_fit(buf, sizeof buf, "景", 1, 0);
	assert_string_equal(buf, "~");
	assert_int_equal(text_fit(buf, sizeof buf, "abc", 0, 0), 0);
	assert_string_equal(buf, "");
}

static void test_text_fit_small_buffer_never_splits_utf8(void **s)
{
	(void)s;
	char buf[5]; /* room for one CJK char (3 bytes) and not a second */
	text_fit(buf, sizeof buf, "景晓东", 6, 0);
	assert_string_equal(buf, "景");
}

static void test_text_fit_passes_no_controls(void **s)
{
	(void)s;
	char buf[32];
	text_fit(buf, sizeof buf, "\x1b[2J", 10, 0);
	assert_string_equal(buf, "?[2J");
}

static void test_text_prefix_bytes_stops_before_wide_char(void **s)
{
	(void)s;
	assert_int_equal(text_prefix_bytes("景晓东", 3), 3);
	assert_int_equal(text_prefix_bytes("景晓东", 4), 6);
	assert_int_equal(text_prefix_bytes("ab", 10), 2);
}

/* ---------------------------------------------------------------- stepping */

static void test_text_next_char_steps_whole_utf8(void **s)
{
	(void)s;
	const char *t = "a景b";
	assert_int_equal(text_next_char(t, 0), 1);
	assert_int_equal(text_next_char(t, 1), 4);
	assert_int_equal(text_next_char(t, 4), 5);
	assert_int_equal(text_next_char(t, 5), 5); /* at the end it stays */
	assert_int_equal(text_next_char("\xff" "a", 0), 1);
}

static void test_text_prev_char_steps_whole_utf8(void **s)
{
	(void)s;
	const char *t = "a景b";
	assert_int_equal(text_prev_char(t, 5), 4);
	assert_int_equal(text_prev_char(t, 4), 1);
	assert_int_equal(text_prev_char(t, 1), 0);
	assert_int_equal(text_prev_char(t, 0), 0);
	assert_int_equal(text_prev_char("a\x80", 2), 1); /* a stray continuation byte */
}

/* ---------------------------------------------------------------- any input */

static unsigned rng_state = 20261127u;

static unsigned rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 16;
}

/* Random bytes biased towards what breaks terminals: ESC, C1, CJK, bad UTF-8. */
static void random_text(char *buf, size_t n)
{
	static const char *const parts[] = {
		"\x1b", "[", "]", "\x07", "\xc2\x9b", "\x9b", "景", "晓", "a", "\xe6", "\x99",
		"\xc0\xaf", "\t", "\n", "\x7f", "\\", "0;", "m", "~", "\xe2\x80\xae", "e\xcc\x81",
	};
	size_t len = 0;
	buf[0] = '\0';
	while (len + 8 < n) {
		const char *p = parts[rng() % (sizeof parts / sizeof *parts)];
		if (rng() % 5 == 0) {
			char b[2] = { (char)(1 + rng() % 255), 0 };
			p = b;
			memcpy(buf + len, p, 2);
			len += 1;
			continue;
		}
		size_t pl = strlen(p);
		memcpy(buf + len, p, pl + 1);
		len += pl;
		if (rng() % 40 == 0)
			break;
	}
}

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3
			: (*p & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0)
			return false;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

static void test_text_clean_any_input_gives_valid_utf8_without_controls(void **s)
{
	(void)s;
	char in[200];
	for (int i = 0; i < 5000; i++) {
		random_text(in, sizeof in);
		char *c = text_clean(in);
		assert_true(valid_utf8(c));
		assert_no_controls(c);
		free(c);
	}
}

static void test_text_fit_any_input_stays_within_columns(void **s)
{
	(void)s;
	char in[200], out[128];
	for (int i = 0; i < 5000; i++) {
		random_text(in, sizeof in);
		char *c = text_clean(in);
		int cols = (int)(rng() % 30);
		text_fit(out, sizeof out, c, cols, TEXT_PAD);
		assert_true(valid_utf8(out));
		assert_int_equal(text_width(out), cols);
		text_fit(out, sizeof out, c, cols, 0);
		assert_true(text_width(out) <= cols);
		free(c);
	}
}

static void test_text_next_and_prev_char_agree_on_any_input(void **s)
{
	(void)s;
	char in[200];
	int stops[200];
	for (int i = 0; i < 2000; i++) {
		random_text(in, sizeof in);
		int n = 0, pos = 0, len = (int)strlen(in);
		while (pos < len) {
			stops[n++] = pos;
			int next = text_next_char(in, pos);
			assert_true(next > pos);
			pos = next;
		}
		assert_int_equal(pos, len);
		assert_int_equal((size_t)n, text_utf8_len(in));
		while (n > 0) {
			pos = text_prev_char(in, pos);
			assert_int_equal(pos, stops[--n]);
		}
	}
}

/* n on the list: what was searched for against the masked columns of SPEC §4. */
static void test_masked_match_full_id_against_masked_id_152630_4043330(void **state)
{
	(void)state;
	assert_true(text_masked_match("152630*****4043330", "152630123454043330"));
	assert_true(text_masked_match("152630*****4043330", "4043330"));
	assert_false(text_masked_match("152630*****4043330", "152631123454043330"));
}

static void test_masked_match_name_jing_star_dong(void **state)
{
	(void)state;
	assert_true(text_masked_match("景*东", "景卫东"));
	assert_true(text_masked_match("景*东", "东"));
	assert_false(text_masked_match("景*东", "李卫东"));
	assert_false(text_masked_match("景*东", "杨"));   /* the '*' alone is no match */
	assert_true(text_masked_match("杨*军", "杨"));
	assert_false(text_masked_match("景*东", ""));
	assert_true(text_masked_match("150921*****820115X", "820115x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_width_ascii_is_one_per_char),
		cmocka_unit_test(test_text_width_cjk_is_double),
		cmocka_unit_test(test_text_width_fullwidth_punctuation_is_double),
		cmocka_unit_test(test_text_width_invalid_byte_counts_one),
		cmocka_unit_test(test_text_width_control_counts_as_replacement),
		cmocka_unit_test(test_text_width_combining_mark_is_zero),
		cmocka_unit_test(test_text_utf8_len_counts_code_points),
		cmocka_unit_test(test_text_clean_keeps_plain_and_cjk_text),
		cmocka_unit_test(test_text_clean_strips_csi_sequence),
		cmocka_unit_test(test_text_clean_strips_osc_title_with_bel),
		cmocka_unit_test(test_text_clean_strips_osc_with_string_terminator),
		cmocka_unit_test(test_text_clean_strips_unterminated_osc_to_end),
		cmocka_unit_test(test_text_clean_strips_dcs_string),
		cmocka_unit_test(test_text_clean_strips_two_char_escapes),
		cmocka_unit_test(test_text_clean_sequence_cut_by_end_of_string),
		cmocka_unit_test(test_text_clean_strips_c1_csi_as_utf8),
		cmocka_unit_test(test_text_clean_replaces_lone_c1_byte),
		cmocka_unit_test(test_text_clean_replaces_del_bel_and_c0),
		cmocka_unit_test(test_text_clean_newline_and_tab_become_space),
		cmocka_unit_test(test_text_clean_replaces_overlong_utf8),
		cmocka_unit_test(test_text_clean_replaces_surrogates_and_out_of_range),
		cmocka_unit_test(test_text_clean_replaces_truncated_sequence_at_end),
		cmocka_unit_test(test_text_clean_replaces_bidi_override),
		cmocka_unit_test(test_text_clean_ascii_mode_uses_question_mark),
		cmocka_unit_test(test_text_without_utf8_cjk_is_two_placeholder_columns),
		cmocka_unit_test(test_text_fit_without_utf8_writes_placeholders_in_columns),
		cmocka_unit_test(test_text_clean_null_is_null_and_empty_is_empty),
		cmocka_unit_test(test_text_clean_output_has_no_controls_for_every_byte),
		cmocka_unit_test(test_text_fit_short_string_is_copied),
		cmocka_unit_test(test_text_fit_cut_ends_with_marker),
		cmocka_unit_test(test_text_fit_wide_char_at_cut_is_padded_not_split),
		cmocka_unit_test(test_text_fit_pad_fills_exact_columns),
		cmocka_unit_test(test_text_fit_right_aligns),
		cmocka_unit_test(test_text_fit_one_column_cut_is_marker),
		cmocka_unit_test(test_text_fit_small_buffer_never_splits_utf8),
		cmocka_unit_test(test_text_fit_passes_no_controls),
		cmocka_unit_test(test_text_prefix_bytes_stops_before_wide_char),
		cmocka_unit_test(test_text_next_char_steps_whole_utf8),
		cmocka_unit_test(test_text_prev_char_steps_whole_utf8),
		cmocka_unit_test(test_text_clean_any_input_gives_valid_utf8_without_controls),
		cmocka_unit_test(test_text_fit_any_input_stays_within_columns),
		cmocka_unit_test(test_text_next_and_prev_char_agree_on_any_input),
		cmocka_unit_test(test_masked_match_full_id_against_masked_id_152630_4043330),
		cmocka_unit_test(test_masked_match_name_jing_star_dong),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
