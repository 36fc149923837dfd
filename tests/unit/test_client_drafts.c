/* Tests of the drafts store (src/client/drafts.c): what a form held unsaved
 * is kept per user, privately (personal data), listed newest first with a
 * masked title, resumed and dropped by key; each new person's form has a
 * draft of its own; anzhi 0.1's single draft is adopted, not lost. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "client/drafts.h"

static char state[] = "/tmp/anzhi-drafts-XXXXXX";

static int setup(void **st)
{
	(void)st;
	strcpy(state, "/tmp/anzhi-drafts-XXXXXX");
	assert_non_null(mkdtemp(state));
	setenv("XDG_STATE_HOME", state, 1);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", state);
	return system(cmd) == 0 ? 0 : -1;
}

static json_t *person_doc(long id, const char *name, const char *idno)
{
	json_t *doc = json_pack("{s:s, s:I, s:i, s:{s:{s:s, s:s}}}", "kind", "person", "id",
				(json_int_t)id, "year", 2025, "form", "person", "name", name, "idno", idno);
	drafts_set_title(doc, name, idno);
	return doc;
}

static void test_a_draft_is_kept_and_resumed_by_its_key(void **st)
{
	(void)st;
	json_t *doc = person_doc(17, "景卫东", "150924197811031033");
	assert_true(drafts_save("xinghe", "person-17", doc));
	json_decref(doc);
	json_t *back = drafts_load("xinghe", "person-17");
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(json_object_get(back, "form"), "person"), "name")), "景卫东");
	assert_string_equal(json_string_value(json_object_get(back, "key")), "person-17");
	assert_non_null(json_object_get(back, "saved_at"));
	json_decref(back);
	drafts_drop("xinghe", "person-17");
	assert_null(drafts_load("xinghe", "person-17"));
	assert_int_equal(drafts_count("xinghe"), 0);
}

/* Drafts hold names and ID numbers: only their owner reads them. */
static void test_drafts_are_private_files_in_a_private_folder(void **st)
{
	(void)st;
	json_t *doc = person_doc(0, "草稿人", "150924198605141770");
	assert_true(drafts_save("xinghe", "person-new-1", doc));
	json_decref(doc);
	char path[512];
	struct stat sb;
	snprintf(path, sizeof path, "%s/anzhi/drafts/xinghe/person-new-1.json", state);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/anzhi/drafts/xinghe", state);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
}

/* The list shows a draft as lists show persons: masked (SPEC §4). */
static void test_the_list_has_masked_titles_and_the_kind_and_year(void **st)
{
	(void)st;
	json_t *doc = person_doc(17, "景卫东", "152630198001014043");
	drafts_save("xinghe", "person-17", doc);
	json_decref(doc);
	struct draft_info *list;
	assert_int_equal(drafts_list("xinghe", &list), 1);
	assert_string_equal(list[0].key, "person-17");
	assert_string_equal(list[0].kind, "person");
	assert_int_equal(list[0].id, 17);
	assert_int_equal(list[0].year, 2025);
	assert_string_equal(list[0].title, "景*东 152630*****1014043");
	free(list);
}

static void test_each_user_sees_only_their_own_drafts(void **st)
{
	(void)st;
	json_t *doc = person_doc(1, "甲", "150924198605141770");
	drafts_save("xinghe", "person-1", doc);
	drafts_save("caoyuan", "person-1", doc);
	drafts_save("caoyuan", "person-2", doc);
	json_decref(doc);
	assert_int_equal(drafts_count("xinghe"), 1);
	assert_int_equal(drafts_count("caoyuan"), 2);
	assert_int_equal(drafts_count("beifang"), 0);
}

/* Two new persons left unsaved are two drafts (once, a new form's draft
 * replaced the last one, and came back on every a). */
static void test_each_new_form_has_a_draft_of_its_own(void **st)
{
	(void)st;
	char a[64], b[64];
	drafts_new_key(a, sizeof a);
	drafts_new_key(b, sizeof b);
	assert_string_not_equal(a, b);
	assert_memory_equal(a, "person-new-", 11);
	json_t *doc = person_doc(0, "甲", "");
	drafts_save("xinghe", a, doc);
	drafts_save("xinghe", b, doc);
	json_decref(doc);
	assert_int_equal(drafts_count("xinghe"), 2);
	drafts_drop("xinghe", a);
	assert_int_equal(drafts_count("xinghe"), 1);
}

static void test_a_key_is_never_a_path(void **st)
{
	(void)st;
	json_t *doc = person_doc(0, "甲", "");
	assert_false(drafts_save("xinghe", "../escape", doc));
	assert_false(drafts_save("xinghe", "", doc));
	assert_false(drafts_save("xinghe", ".hidden", doc));
	json_decref(doc);
	assert_null(drafts_load("xinghe", "../../etc/passwd"));
	/* a user name is a folder only in its safe characters */
	doc = person_doc(0, "甲", "");
	assert_true(drafts_save("../x", "person-1", doc));
	json_decref(doc);
	assert_int_equal(drafts_count("../x"), 1);
	char path[512];
	snprintf(path, sizeof path, "%s/anzhi/drafts/.._x/person-1.json", state);
	assert_int_equal(access(path, F_OK), 0);
}

/* anzhi 0.1 kept one draft in anzhi/draft.json: it becomes the user's. */
static void test_the_old_single_draft_is_adopted(void **st)
{
	(void)st;
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s/anzhi", state);
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/draft.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"person\":{\"idno\":\"1509241986\",\"name\":\"草稿人\"},\"contracts\":[],"
	      "\"certificates\":[],\"placement_id\":0}", f);
	fclose(f);
	struct draft_info *list;
	assert_int_equal(drafts_list("xinghe", &list), 1);
	assert_string_equal(list[0].kind, "person");
	assert_memory_equal(list[0].key, "person-new-", 11);
	assert_int_equal(access(path, F_OK), -1);   /* moved, not copied */
	json_t *doc = drafts_load("xinghe", list[0].key);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_object_get(doc, "form"), "person"), "name")), "草稿人");
	json_decref(doc);
	free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_draft_is_kept_and_resumed_by_its_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drafts_are_private_files_in_a_private_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_list_has_masked_titles_and_the_kind_and_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_user_sees_only_their_own_drafts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_new_form_has_a_draft_of_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_key_is_never_a_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_old_single_draft_is_adopted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
