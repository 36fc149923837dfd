/* Tests of src/ui/field: single-line editing by characters — a Chinese name
 * typed, corrected and cut never leaves half a character behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "client/keymap.h"
#include "ui/field.h"
#include "ui/text.h"

static int setup(void **st)
{
	(void)st;
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	return 0;
}

static void type(struct field *f, const char *utf8)
{
	/* decode the UTF-8 literal into code points, as get_wch would deliver them */
	const unsigned char *p = (const unsigned char *)utf8;
	while (*p) {
		int cp, n;
		if (*p < 0x80) { cp = *p; n = 1; }
		else if (*p < 0xE0) { cp = *p & 0x1F; n = 2; }
		else if (*p < 0xF0) { cp = *p & 0x0F; n = 3; }
		else { cp = *p & 0x07; n = 4; }
		for (int i = 1; i < n; i++)
			cp = (cp << 6) | (p[i] & 0x3F);
		field_insert(f, cp);
		p += n;
	}
}

static void test_field_typing_chinese_name_keeps_utf8(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "Name", "person.name", FIELD_TEXT);
	type(&f, "施嵘");
	assert_string_equal(field_value(&f), "施嵘");
	assert_int_equal(f.cur, 6);
}

static void test_field_backspace_removes_one_whole_wide_char(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "Name", "person.name", FIELD_TEXT);
	type(&f, "景晓东");
	assert_true(field_backspace(&f));
	assert_string_equal(field_value(&f), "景晓");
	assert_int_equal(f.cur, 6);
}

static void test_field_insert_in_the_middle_after_left(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "Name", "person.name", FIELD_TEXT);
	type(&f, "景东");
	field_left(&f);
	type(&f, "晓");
	assert_string_equal(field_value(&f), "景晓东");
}

static void test_field_delete_home_end_and_kills(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "Address", "person.hukou_address", FIELD_TEXT);
	type(&f, "兴和县ab");
	field_home(&f);
	assert_true(field_delete(&f));
	assert_string_equal(field_value(&f), "和县ab");
	field_right(&f);
	assert_true(field_kill_after(&f));           /* C-k */
	assert_string_equal(field_value(&f), "和");
	field_end(&f);
	type(&f, "平");
	field_left(&f);
	assert_true(field_kill_before(&f));          /* C-u */
	assert_string_equal(field_value(&f), "平");
	assert_int_equal(f.cur, 0);
}

static void test_field_editing_keys_by_code(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "ID", "person.idno", FIELD_TEXT);
	type(&f, "1101");
	assert_true(field_key(&f, KEYCODE_FN(KEY_BACKSPACE)));
	assert_true(field_key(&f, 0x01));   /* C-a */
	assert_true(field_key(&f, '9'));
	assert_string_equal(field_value(&f), "9110");
	assert_true(field_is_edit_key('x'));
	assert_false(field_is_edit_key('\t'));
	assert_false(field_is_edit_key('\n'));
}

static void test_field_never_overflows_and_refuses_controls(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "Name", "person.name", FIELD_TEXT);
	for (int i = 0; i < 400; i++)
		field_insert(&f, 0x4E00);   /* 一, 3 bytes */
	assert_true(strlen(f.buf) < FIELD_MAX);
	assert_int_equal(strlen(f.buf) % 3, 0);
	field_init(&f, "Name", "person.name", FIELD_TEXT);
	assert_false(field_insert(&f, 0x1b));
	assert_false(field_insert(&f, 0x9b));   /* C1 CSI */
	assert_string_equal(field_value(&f), "");
}

static void test_field_editing_clears_the_services_error(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "ID", "person.idno", FIELD_TEXT);
	strcpy(f.error, "checksum");
	type(&f, "1");
	assert_string_equal(f.error, "");
}

static const struct field_option types[] = {
	{ "fixed", "Fixed term" }, { "open_ended", "Open-ended" }, { "task", "For a given task" },
};

static void test_field_select_cycles_and_sends_the_wire_value(void **st)
{
	(void)st;
	struct field f;
	field_init_select(&f, "Contract type", "type", types, 3);
	assert_string_equal(field_value(&f), "");
	field_key(&f, ' ');
	assert_string_equal(field_value(&f), "fixed");
	field_key(&f, KEYCODE_FN(KEY_LEFT));
	assert_string_equal(field_value(&f), "task");
	field_set(&f, "open_ended");
	assert_int_equal(f.sel, 1);
}

static void test_field_set_cuts_on_a_character_boundary(void **st)
{
	(void)st;
	char big[FIELD_MAX * 2];
	size_t n = 0;
	while (n + 3 < sizeof big) {
		memcpy(big + n, "东", 3);
		n += 3;
	}
	big[n] = '\0';
	struct field f;
	field_init(&f, "x", "x", FIELD_TEXT);
	field_set(&f, big);
	assert_int_equal(strlen(f.buf) % 3, 0);
	assert_int_equal(text_width(f.buf), (int)(strlen(f.buf) / 3 * 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_typing_chinese_name_keeps_utf8),
		cmocka_unit_test(test_field_backspace_removes_one_whole_wide_char),
		cmocka_unit_test(test_field_insert_in_the_middle_after_left),
		cmocka_unit_test(test_field_delete_home_end_and_kills),
		cmocka_unit_test(test_field_editing_keys_by_code),
		cmocka_unit_test(test_field_never_overflows_and_refuses_controls),
		cmocka_unit_test(test_field_editing_clears_the_services_error),
		cmocka_unit_test(test_field_select_cycles_and_sends_the_wire_value),
		cmocka_unit_test(test_field_set_cuts_on_a_character_boundary),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
