/* Tests for src/ui/pager's wrapping: lines fit by display columns, break after
 * a separator rather than inside a phrase, and never split a run of digits
 * such as a month "202505" when a better place exists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pager.h"
#include "ui/text.h"

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	return 0;
}

static void free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The list header of SPEC §4 at 80 columns: the second line is a whole phrase. */
static void test_wrap_list_header_at_comma_not_inside_a_phrase(void **state)
{
	(void)state;
	char **l;
	int n = pager_wrap("已登记 12 人, 审核通过(系统) 3 人, 审核通过(人工) 2 人, "
			   "部分审核不通过 1 人, 审核不通过 0 人", 80, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l[1], "审核不通过 0 人");
	assert_true(text_width(l[0]) <= 80);
	free_lines(l, n);
}

/* A notice's month list: "202505,202506" must not become "202505" / ",202506"
 * nor split a month. */
static void test_wrap_month_list_keeps_each_month_whole(void **state)
{
	(void)state;
	const char *text = "贵单位安置人员“施嵘”资料审核已完成，有效月份为202501,202502,202503,"
			   "202504,202505,202506,202507,202508,202509,202510,202511,202512";
	for (int width = 20; width <= 80; width++) {
		char **l;
		int n = pager_wrap(text, width, &l);
		for (int i = 0; i < n; i++) {
			assert_true(text_width(l[i]) <= width);
			assert_true(l[i][0] != ',');
			if (i > 0) {   /* a digit at both sides of a break = a split month */
				size_t len = strlen(l[i - 1]);
				int split = len && l[i - 1][len - 1] >= '0' && l[i - 1][len - 1] <= '9' &&
					    l[i][0] >= '0' && l[i][0] <= '9';
				assert_false(split);
			}
		}
		free_lines(l, n);
	}
}

static void test_wrap_cjk_never_splits_a_character_or_overflows(void **state)
{
	(void)state;
	char **l;
	int n = pager_wrap("按比例安排残疾人就业情况联网认证", 7, &l);
	assert_int_equal(n, 6);
	for (int i = 0; i < n; i++)
		assert_true(text_width(l[i]) <= 7);
	assert_string_equal(l[0], "按比例");
	free_lines(l, n);
}

/* With no better place, a long word is still cut so nothing is lost. */
static void test_wrap_cuts_an_unbreakable_run_and_keeps_every_byte(void **state)
{
	(void)state;
	char **l;
	int n = pager_wrap("91150924MA0HXD012T", 8, &l);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "91150924");
	assert_string_equal(l[1], "MA0HXD01");
	assert_string_equal(l[2], "2T");
	free_lines(l, n);
}

/* A calculation step or help line that wraps stays under its own indent. */
static void test_wrap_continuation_keeps_the_indent(void **state)
{
	(void)state;
	char **l;
	int n = pager_wrap("  工资上限 2 x 100000.00: 平均工资 60000.00 未超过上限, 按实际计算", 60, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l[1], "  按实际计算");
	free_lines(l, n);
}

/* / in a policy document: each find puts the next line holding the text on
 * top, round to the start; a text nowhere leaves the page where it was. */
static void test_find_goes_to_the_next_line_holding_the_text_and_wraps(void **state)
{
	(void)state;
	struct pager p = { 0 };
	p.nlines = pager_wrap("第一条 总则\n第二条 残疾人就业\n第三条 保障金\n第四条 残疾人证", 80,
			      &p.lines);
	p.width = 80;
	assert_int_equal(p.nlines, 4);
	assert_true(pager_find(&p, "残疾人", true));
	assert_int_equal(p.top, 1);
	assert_true(pager_find(&p, "残疾人", true));
	assert_int_equal(p.top, 3);
	assert_true(pager_find(&p, "残疾人", true));
	assert_int_equal(p.top, 1);
	assert_false(pager_find(&p, "税务", true));
	assert_int_equal(p.top, 1);
	free_lines(p.lines, p.nlines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_list_header_at_comma_not_inside_a_phrase),
		cmocka_unit_test(test_wrap_month_list_keeps_each_month_whole),
		cmocka_unit_test(test_wrap_cjk_never_splits_a_character_or_overflows),
		cmocka_unit_test(test_wrap_cuts_an_unbreakable_run_and_keeps_every_byte),
		cmocka_unit_test(test_wrap_continuation_keeps_the_indent),
		cmocka_unit_test(test_find_goes_to_the_next_line_holding_the_text_and_wraps),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
