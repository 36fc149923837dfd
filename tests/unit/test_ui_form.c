/* Tests of src/ui/form: what every form shares — the label column by display
 * width, a field's row with its complaint marked, the error line, the field
 * a problem's path names, and the record kept apart from the user's edits so
 * that a 412 loses nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/form.h"
#include "ui/text.h"

static void test_label_width_is_the_widest_label_in_columns_with_the_star(void **st)
{
	(void)st;
	struct field f[3];
	field_init(&f[0], "户籍地址", "hukou_address", FIELD_TEXT);    /* 8 columns */
	field_init(&f[1], "姓名", "name", FIELD_TEXT);
	field_init(&f[2], "Phone", "phone", FIELD_TEXT);
	assert_int_equal(form_label_width(f, 3, 4), 8);
	f[0].required = true;
	assert_int_equal(form_label_width(f, 3, 4), 9);
	assert_int_equal(form_label_width(f, 3, 12), 12);
	assert_int_equal(form_label_fold(3, &f[1]), 4);
}

static void test_a_problem_path_names_its_field_or_its_tail(void **st)
{
	(void)st;
	struct field f[3];
	field_init(&f[0], "Staff", "staff_last_year", FIELD_TEXT);
	field_init(&f[1], "Account", "bank.account", FIELD_TEXT);
	field_init(&f[2], "Tax region", "tax_region", FIELD_TEXT);
	assert_ptr_equal(form_field_for_path(f, 3, "staff_last_year"), &f[0]);
	assert_ptr_equal(form_field_for_path(f, 3, "unit.bank.account"), &f[1]);
	assert_ptr_equal(form_field_for_path(f, 3, "tax_region"), &f[2]);
	assert_null(form_field_for_path(f, 3, "region"));       /* not a tail at a dot */
	assert_null(form_field_for_path(f, 3, "bankaccount"));
	assert_null(form_field_for_path(f, 3, NULL));
}

/* The field says the code's text in the user's language; the service's
 * English detail is for the message log, never beside the field. */
static void test_a_problem_marks_its_field_with_the_code_text_only(void **st)
{
	(void)st;
	struct field f;
	field_init(&f, "ID number", "person.idno", FIELD_TEXT);
	form_mark_problem(&f, "A field is not valid", "ID number: A field is not valid");
	assert_string_equal(f.error, "A field is not valid");
	form_mark_problem(&f, NULL, "Conflict");
	assert_string_equal(f.error, "Conflict");
	form_clear_errors(&f, 1);
	assert_string_equal(f.error, "");
}

static void test_error_of_prefers_the_focused_field_then_the_first(void **st)
{
	(void)st;
	struct field f[3];
	for (int i = 0; i < 3; i++)
		field_init(&f[i], "x", "x", FIELD_TEXT);
	assert_null(form_error_of(&f[0], f, 3));
	snprintf(f[2].error, sizeof f[2].error, "late");
	snprintf(f[1].error, sizeof f[1].error, "early");
	assert_ptr_equal(form_error_of(&f[0], f, 3), &f[1]);
	assert_ptr_equal(form_error_of(&f[2], f, 3), &f[2]);
}

/* SPEC §5.1: a 412 loads the other version underneath; base (what the edits
 * started from) and the edits stay until the user keeps theirs or takes the
 * other, and the changes between base and theirs are known field by field. */
static void test_a_412_keeps_the_loaded_record_and_theirs_apart(void **st)
{
	(void)st;
	struct form_record r = { 0 };
	json_t *base = json_loads("{\"version\":3,\"name\":\"兴和\",\"bank\":{\"account\":\"1\"}}", 0, NULL);
	json_t *theirs = json_loads("{\"version\":4,\"name\":\"兴和\",\"bank\":{\"account\":\"2\"}}", 0, NULL);
	form_record_loaded(&r, base);
	assert_int_equal(r.version, 3);
	assert_false(form_record_in_conflict(&r));
	assert_false(form_record_changed(&r, "bank.account"));
	form_record_conflict(&r, theirs);
	assert_true(form_record_in_conflict(&r));
	assert_int_equal(r.version, 3);              /* a save still sends base's version */
	assert_ptr_equal(r.base, base);
	assert_true(form_record_changed(&r, "bank.account"));
	assert_false(form_record_changed(&r, "name"));
	assert_non_null(strstr(form_record_note(&r), "meanwhile"));   /* the title says so */
	assert_false(form_record_changed(&r, "missing.path"));
	form_record_keep_mine(&r);                   /* the user's answer: their edits win */
	assert_false(form_record_in_conflict(&r));
	assert_int_equal(r.version, 4);
	assert_ptr_equal(r.base, theirs);
	assert_string_equal(form_record_note(&r), "");
	form_record_free(&r);
	json_decref(base);
	json_decref(theirs);
}

static FILE *out, *in;

/* A draft resumed over the record: kept for the same version, nothing to
 * compare; for an older one, its base goes under the edits and the record
 * as loaded becomes theirs. */
static void test_a_draft_older_than_the_record_puts_the_record_underneath(void **st)
{
	(void)st;
	struct form_record r = { 0 };
	json_t *now = json_pack("{s:i, s:s}", "version", 5, "phone", "2");
	json_t *then = json_pack("{s:i, s:s}", "version", 3, "phone", "1");
	form_record_loaded(&r, now);
	json_t *same = json_pack("{s:i}", "version", 5);
	assert_false(form_record_since_draft(&r, same));
	assert_false(form_record_since_draft(&r, NULL));
	assert_false(form_record_in_conflict(&r));
	assert_true(form_record_since_draft(&r, then));
	assert_true(form_record_in_conflict(&r));
	assert_int_equal(r.version, 3);          /* the draft's base */
	assert_true(form_record_changed(&r, "phone"));
	form_record_keep_mine(&r);
	assert_int_equal(r.version, 5);          /* a save then sends the record's */
	form_record_free(&r);
	json_decref(now);
	json_decref(then);
	json_decref(same);
}

static void test_a_field_row_marks_a_complaint_and_names_a_region(void **st)
{
	(void)st;
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	assert_non_null(scr);
	WINDOW *w = newwin(3, 60, 0, 0);
	struct field f;
	field_init(&f, "Household region", "hukou_region", FIELD_TEXT);
	f.required = true;
	field_set(&f, "150924");
	int cx = form_field_row(w, 0, 0, 10, 40, &f, true);
	assert_int_equal(cx, 11 + 6);
	snprintf(f.error, sizeof f.error, "unknown");
	form_field_row(w, 1, 0, 10, 40, &f, false);
	form_error_line(w, 2, 0, 60, &f);
	char line[3][128];
	for (int y = 0; y < 3; y++)
		mvwinnstr(w, y, 0, line[y], 60);
	assert_memory_equal(line[0], "*Househol~", 10);
	assert_int_equal(mvwinch(w, 1, 39) & A_CHARTEXT, '!');   /* after the 28-column box at 11 */
	assert_non_null(strstr(line[1], "150924"));
	assert_non_null(strstr(line[2], "Household region: unknown"));
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_width_is_the_widest_label_in_columns_with_the_star),
		cmocka_unit_test(test_a_problem_path_names_its_field_or_its_tail),
		cmocka_unit_test(test_a_problem_marks_its_field_with_the_code_text_only),
		cmocka_unit_test(test_error_of_prefers_the_focused_field_then_the_first),
		cmocka_unit_test(test_a_412_keeps_the_loaded_record_and_theirs_apart),
		cmocka_unit_test(test_a_draft_older_than_the_record_puts_the_record_underneath),
		cmocka_unit_test(test_a_field_row_marks_a_complaint_and_names_a_region),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
