/* Tests of src/ui/table: columns fitted by display width, dropped by priority
 * on a thin terminal, sorting and tags that never move the caller's rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

static int setup(void **st)
{
	(void)st;
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	return 0;
}

/* the placement list's columns (screens/placements.c) */
static const struct table_col cols[] = {
	{ "No.", NULL, 3, 4, 0, true, true },
	{ "Name", NULL, 8, 10, 0, false, false },
	{ "ID number", NULL, 18, 18, 0, false, false },
	{ "Certificate no.", NULL, 20, 24, 3, false, false },
	{ "Registered", "Reg.", 4, 4, 1, true, true },
	{ "Confirmed", "Conf.", 4, 4, 1, true, true },
	{ "Counted", "Cnt.", 4, 4, 1, true, true },
	{ "Rejected", "Rej.", 6, 6, 2, true, true },
	{ "Status", NULL, 14, 18, 0, false, false },
	{ "Submitted at", NULL, 19, 19, 4, false, false },
};
#define NC 10

static int total(const int *w, int n, bool tag)
{
	int t = tag ? 2 : 0, shown = 0;
	for (int i = 0; i < n; i++)
		if (w[i]) {
			t += w[i] + (shown ? 1 : 0);
			shown++;
		}
	return t;
}

static void test_table_layout_at_80_columns_drops_submitted_and_certificate_first(void **st)
{
	(void)st;
	int w[NC];
	table_layout(cols, NC, true, 0, 80, w);
	assert_int_equal(w[9], 0);      /* prio 4 goes first */
	assert_int_equal(w[3], 0);      /* then prio 3 */
	assert_true(w[1] >= 8 && w[2] == 18 && w[8] >= 14);
	assert_true(total(w, NC, true) <= 80);
}

static void test_table_layout_wide_terminal_shows_every_column(void **st)
{
	(void)st;
	int w[NC];
	int shown = table_layout(cols, NC, true, 0, 160, w);
	assert_int_equal(shown, NC);
	for (int i = 0; i < NC; i++)
		assert_true(w[i] >= cols[i].min && w[i] <= cols[i].max);
}

static void test_table_layout_never_exceeds_the_width(void **st)
{
	(void)st;
	int w[NC];
	for (int width = 40; width <= 200; width++) {
		table_layout(cols, NC, true, 0, width, w);
		assert_true(total(w, NC, true) <= width || width < 2 + 3 + 1 + 8 + 1 + 18 + 1 + 14 + 3);
	}
}

static void test_table_cells_are_cleaned_of_escape_sequences(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, cols, NC, false);
	table_resize(&t, 1);
	table_set(&t, 0, 1, "景\x1b[31m*东");
	assert_null(strchr(table_get(&t, 0, 1), 0x1b));
	table_free(&t);
}

static void test_table_sort_by_number_keeps_rows_and_follows_the_cursor(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, cols, NC, true);
	table_resize(&t, 3);
	table_set(&t, 0, 4, "12");
	table_set(&t, 1, 4, "9");
	table_set(&t, 2, 4, "10");
	table_goto(&t, 0);                       /* row 0 ("12") */
	table_sort(&t, 4, false);
	assert_int_equal(t.order[0], 1);         /* 9 < 10 < 12 as numbers */
	assert_int_equal(t.order[1], 2);
	assert_int_equal(table_cursor_row(&t), 0);
	assert_string_equal(table_get(&t, 0, 4), "12");
	table_free(&t);
}

static void test_table_tag_all_toggles_and_tagged_count_counts_them(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, cols, NC, true);
	table_resize(&t, 3);
	table_toggle_tag(&t);
	assert_int_equal(table_tagged_count(&t), 1);
	table_tag_all(&t);
	assert_int_equal(table_tagged_count(&t), 3);
	table_tag_all(&t);
	assert_int_equal(table_tagged_count(&t), 0);
	table_free(&t);
}

/* A page appended to the list keeps what was tagged on the pages before. */
static void test_table_extend_keeps_rows_tags_and_cursor(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, cols, NC, true);
	table_resize(&t, 3);
	table_set(&t, 1, 1, "景*东");
	t.tagged[1] = true;
	table_goto(&t, 2);
	table_extend(&t, 300);
	assert_int_equal(t.nrows, 300);
	assert_true(t.tagged[1]);
	assert_false(t.tagged[299]);
	assert_string_equal(table_get(&t, 1, 1), "景*东");
	assert_string_equal(table_get(&t, 299, 1), "");
	assert_int_equal(t.cursor, 2);
	assert_int_equal(t.order[299], 299);
	table_free(&t);
}

/* search-next looks in the searchable columns after the cursor, wrapping;
 * a masked value matches what was typed ('*' is any one character). */
static void test_table_search_next_wraps_and_matches_masked_text(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, cols, NC, true);
	table_resize(&t, 4);
	table_set(&t, 0, 1, "杨*军");
	table_set(&t, 2, 1, "景*东");
	table_set(&t, 3, 2, "150924*****1031033");
	t.search_cols = 1u << 1;
	snprintf(t.search, sizeof t.search, "景卫东");
	assert_int_equal(table_search_next(&t), 2);
	table_goto(&t, 2);
	assert_int_equal(table_search_next(&t), 2);        /* itself, after wrapping */
	snprintf(t.search, sizeof t.search, "150924198501011033");
	assert_int_equal(table_search_next(&t), -1);       /* column 2 is not searched */
	t.search_cols |= 1u << 2;
	assert_int_equal(table_search_next(&t), -1);       /* …and 1031033 is not 1011033 */
	snprintf(t.search, sizeof t.search, "150924199001031033");
	assert_int_equal(table_search_next(&t), 3);
	assert_true(table_select_row(&t, 0));
	assert_int_equal(t.cursor, 0);
	assert_false(table_select_row(&t, 7));
	table_free(&t);
}

static void test_table_move_clamps_at_both_ends(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, cols, NC, false);
	table_resize(&t, 5);
	table_move(&t, -3);
	assert_int_equal(t.cursor, 0);
	table_move(&t, 99);
	assert_int_equal(t.cursor, 4);
	table_resize(&t, 0);
	assert_int_equal(table_cursor_row(&t), -1);
	table_free(&t);
}

/* the month grid's columns (screens/months.c), its marks in words */
static const struct table_col grid[] = {
	{ "Reg.", NULL, 4, 4, 0, false, false },
	{ "Month", NULL, 6, 6, 0, false, false },
	{ "Wage", NULL, 4, 4, 0, false, false },
	{ "Social", "Soc.", 4, 4, 0, false, false },
	{ "Result", "Res.", 8, 8, 3, false, false },
};

/* read-row: "202503 Wage pass Social fail" — the month first and untitled,
 * then each column's title and cell; empty cells left out, a column the
 * width dropped read all the same. */
static void test_table_row_text_reads_the_key_then_title_and_cell(void **st)
{
	(void)st;
	struct table t;
	table_init(&t, grid, 5, true);
	t.key_cols = 1u << 1;
	t.mark_cols = 1u << 0 | 1u << 2 | 1u << 3;
	table_resize(&t, 2);
	table_set(&t, 0, 0, "Yes");
	table_set(&t, 0, 1, "202503");
	table_set(&t, 0, 2, "pass");
	table_set(&t, 0, 3, "fail");
	table_set(&t, 0, 4, "system");
	table_set(&t, 1, 1, "202504");
	char buf[200];
	table_row_text(&t, 0, buf, sizeof buf);
	assert_string_equal(buf, "202503 Reg. Yes Wage pass Social fail Result system");
	table_row_text(&t, 1, buf, sizeof buf);
	assert_string_equal(buf, "202504");
	t.tagged[1] = true;
	table_row_text(&t, 1, buf, sizeof buf);
	assert_string_equal(buf, "202504 (tagged)");
	assert_int_equal(table_row_text(&t, 2, buf, sizeof buf), 0);   /* no such row */
	assert_string_equal(buf, "");
	char small[12];
	t.tagged[1] = false;
	table_set(&t, 1, 1, "二〇二五年四月");
	table_row_text(&t, 1, small, sizeof small);
	assert_string_equal(small, "二〇二");    /* cut on a character */
	table_free(&t);
}

/* Spoken, a column of marks is as wide as the widest word ("fail"); the
 * other columns and the layout of a table without marks stay as they are. */
static void test_table_mark_columns_widen_to_their_words_when_spoken(void **st)
{
	(void)st;
	int w[5], plain[5];
	table_layout(grid, 5, false, 0, 80, plain);
	theme_set_spoken(true);
	int want = theme_mark_cols();
	table_layout(grid, 5, false, 1u << 2 | 1u << 3, 80, w);
	assert_true(w[2] >= want && w[3] >= want);
	assert_int_equal(w[1], plain[1]);
	int again[5];
	table_layout(grid, 5, false, 0, 80, again);
	assert_memory_equal(again, plain, sizeof plain);
	theme_set_spoken(false);
	table_layout(grid, 5, false, 1u << 2 | 1u << 3, 80, w);
	assert_memory_equal(w, plain, sizeof plain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_layout_at_80_columns_drops_submitted_and_certificate_first),
		cmocka_unit_test(test_table_layout_wide_terminal_shows_every_column),
		cmocka_unit_test(test_table_layout_never_exceeds_the_width),
		cmocka_unit_test(test_table_cells_are_cleaned_of_escape_sequences),
		cmocka_unit_test(test_table_sort_by_number_keeps_rows_and_follows_the_cursor),
		cmocka_unit_test(test_table_tag_all_toggles_and_tagged_count_counts_them),
		cmocka_unit_test(test_table_extend_keeps_rows_tags_and_cursor),
		cmocka_unit_test(test_table_search_next_wraps_and_matches_masked_text),
		cmocka_unit_test(test_table_move_clamps_at_both_ends),
		cmocka_unit_test(test_table_row_text_reads_the_key_then_title_and_cell),
		cmocka_unit_test(test_table_mark_columns_widen_to_their_words_when_spoken),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
