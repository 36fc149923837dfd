/* Tests of the 412 merge model (src/ui/merge.c): after someone else saved
 * the record, the fields where their version and the user's edits differ
 * are listed — and only those; what only they changed is taken, what only
 * the user changed is kept, a field both changed keeps the user's until
 * they choose; choices per field or all at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "ui/merge.h"

static void test_only_fields_that_differ_become_rows(void **st)
{
	(void)st;
	json_t *m = merge_new();
	merge_add(m, "Name", "name", "景卫东", "景卫东", "景卫东");     /* nobody changed it */
	merge_add(m, "Phone", "phone", "1", "2", "2");                 /* both to the same */
	merge_add(m, "Address", "address", "a", "b", "a");
	assert_int_equal(merge_count(m), 1);
	assert_string_equal(json_string_value(json_object_get(merge_row(m, 0), "path")), "address");
	assert_false(merge_finished(m));
	json_decref(m);
}

static void test_what_only_one_side_changed_is_kept_by_default(void **st)
{
	(void)st;
	json_t *m = merge_new();
	merge_add(m, "Phone", "phone", "old", "theirs", "old");    /* only they changed it */
	merge_add(m, "Name", "name", "old", "old", "mine");        /* only the user */
	merge_add(m, "Bank", "bank", "old", "theirs", "mine");     /* both: the user's until chosen */
	assert_true(merge_takes(m, "phone"));
	assert_false(merge_takes(m, "name"));
	assert_false(merge_takes(m, "bank"));
	assert_false(merge_takes(m, "nothing-such"));
	json_decref(m);
}

static void test_choices_per_field_and_all_at_once(void **st)
{
	(void)st;
	json_t *m = merge_new();
	merge_add(m, "A", "a", "0", "1", "2");
	merge_add(m, "B", "b", "0", "1", "2");
	merge_choose(m, 1, true);
	assert_false(merge_row_takes(m, 0));
	assert_true(merge_row_takes(m, 1));
	merge_choose_all(m, true);
	assert_true(merge_takes(m, "a") && merge_takes(m, "b"));
	merge_choose_all(m, false);
	assert_false(merge_takes(m, "a") || merge_takes(m, "b"));
	merge_finish(m);
	assert_true(merge_finished(m));
	json_decref(m);
}

/* Fields compare as sent and show as seen: a choice list by its label. */
static void test_fields_compare_values_and_show_labels(void **st)
{
	(void)st;
	static const struct field_option kinds[] = { { "fixed", "Fixed term" }, { "task", "For a task" } };
	struct field base, theirs, mine;
	field_init_select(&base, "Type", "type", kinds, 2);
	field_init_select(&theirs, "Type", "type", kinds, 2);
	field_init_select(&mine, "Type", "type", kinds, 2);
	field_set(&base, "fixed");
	field_set(&theirs, "task");
	field_set(&mine, "fixed");
	json_t *m = merge_new();
	merge_add_field(m, "Type", "contracts[0].type", &base, &theirs, &mine);
	assert_int_equal(merge_count(m), 1);
	assert_string_equal(json_string_value(json_object_get(merge_row(m, 0), "theirs")), "For a task");
	assert_string_equal(json_string_value(json_object_get(merge_row(m, 0), "mine")), "Fixed term");
	assert_true(merge_row_takes(m, 0));   /* the user left it as loaded */
	field_set(&mine, "task");
	merge_add_field(m, "Type", "contracts[1].type", &base, &theirs, &mine);
	assert_int_equal(merge_count(m), 1);  /* the same value: no row */
	json_decref(m);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_fields_that_differ_become_rows),
		cmocka_unit_test(test_what_only_one_side_changed_is_kept_by_default),
		cmocka_unit_test(test_choices_per_field_and_all_at_once),
		cmocka_unit_test(test_fields_compare_values_and_show_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
