/* A placement's history (server/history.c): the audit's whole documents
 * reduced to what changed, ID numbers masked for a unit's view of others'
 * actions, the audit's actions as the API's words; and the common review
 * reasons file (server/reasons.c) checked when it is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "server/fileio.h"
#include "server/history.h"
#include "server/reasons.h"

static json_t *J(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	assert_non_null(j);
	return j;
}

static const char *S(json_t *root, const char *key1, size_t i, const char *key2)
{
	json_t *v = json_object_get(root, key1);
	if (key2)
		v = json_object_get(json_array_get(v, i), key2);
	return json_string_value(v);
}

/* A month decided: the history shows that month's result and reviewer,
 * named by its month, and nothing that stayed the same (not the version). */
static void test_decided_month_shows_only_what_changed(void **st)
{
	json_t *before = J("{\"version\":3,\"status\":\"pending\",\"person\":{\"name\":\"李建国\"},"
			   "\"months\":[{\"month\":\"202506\",\"result\":\"system\",\"reviewer\":null},"
			   "{\"month\":\"202507\",\"result\":\"pending\",\"reviewer\":null}]}");
	json_t *after = J("{\"version\":4,\"status\":\"confirmed\",\"person\":{\"name\":\"李建国\"},"
			  "\"months\":[{\"month\":\"202506\",\"result\":\"system\",\"reviewer\":null},"
			  "{\"month\":\"202507\",\"result\":\"valid\",\"reviewer\":\"审核员\"}]}");
	json_t *b, *a;
	history_changes(before, after, &b, &a);
	assert_null(json_object_get(a, "version"));
	assert_null(json_object_get(a, "person"));
	assert_string_equal(S(a, "status", 0, NULL), "confirmed");
	assert_string_equal(S(b, "status", 0, NULL), "pending");
	assert_int_equal(json_array_size(json_object_get(a, "months")), 1);
	assert_string_equal(S(a, "months", 0, "month"), "202507");
	assert_string_equal(S(a, "months", 0, "result"), "valid");
	assert_string_equal(S(a, "months", 0, "reviewer"), "审核员");
	assert_string_equal(S(b, "months", 0, "result"), "pending");
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(b, "months"), 0),
						 "reviewer")));
	json_decref(a);
	json_decref(b);
	/* nothing changed but the version: nothing to show */
	history_changes(before, before, &b, &a);
	assert_null(a);
	assert_null(b);
	json_decref(before);
	json_decref(after);
}

/* Registered (no before): the placement summed up, not its twelve months. */
static void test_registered_placement_is_summed_up(void **st)
{
	json_t *after = J("{\"version\":1,\"status\":\"incomplete\",\"months_registered\":0,"
			  "\"person\":{\"name\":\"傅晓东\",\"idno\":\"150924198605141770\",\"phone\":\"1\"},"
			  "\"months\":[{\"month\":\"202501\"}]}");
	json_t *b, *a;
	history_changes(NULL, after, &b, &a);
	assert_null(b);
	assert_string_equal(json_string_value(json_object_get(json_object_get(a, "person"), "idno")),
			    "150924198605141770");
	assert_null(json_object_get(json_object_get(a, "person"), "phone"));
	assert_null(json_object_get(a, "months"));
	assert_string_equal(S(a, "status", 0, NULL), "incomplete");
	json_decref(a);
	/* a material (no months): whole */
	json_t *m = J("{\"id\":3,\"kind\":\"wage\",\"filename\":\"w.png\"}");
	history_changes(NULL, m, &b, &a);
	assert_true(json_equal(a, m));
	json_decref(a);
	json_decref(m);
	json_decref(after);
}

/* What a unit may not see of other people's actions: full ID numbers and
 * certificate numbers, wherever they are in the document. */
static void test_id_numbers_masked_wherever_they_are(void **st)
{
	json_t *doc = J("{\"person\":{\"idno\":\"152630197004043330\"},\"legal_idno\":\"x\","
			"\"certificates\":[{\"number\":\"15263019700404333043\"}]}");
	history_mask_ids(doc);
	const char *idno = json_string_value(json_object_get(json_object_get(doc, "person"), "idno"));
	assert_string_equal(idno, "152630*****4043330");
	char *text = json_dumps(doc, 0);
	assert_null(strstr(text, "197004043330"));
	free(text);
	assert_non_null(strchr(json_string_value(json_object_get(doc, "legal_idno")), '*'));
	json_decref(doc);
	history_mask_ids(NULL); /* nothing to mask: no harm */
}

static void test_audit_actions_are_the_history_words(void **st)
{
	assert_int_equal(history_action_of("placement", "create"), HISTORY_REGISTERED);
	assert_int_equal(history_action_of("placement", "review"), HISTORY_DECIDED);
	assert_int_equal(history_action_of("placement", "reopen"), HISTORY_REOPENED);
	assert_int_equal(history_action_of("material", "create"), HISTORY_UPLOADED);
	assert_int_equal(history_action_of("declaration", "submit"), HISTORY_SUBMITTED);
	assert_int_equal(history_action_of("notice", "read"), HISTORY_UNKNOWN);
	assert_string_equal(wire_history_word(HISTORY_DECIDED), "decided");
	assert_int_equal(wire_history_parse("reopened"), HISTORY_REOPENED);
}

/* data/review-reasons.json is read at start: the shipped file passes, a
 * reason naming a check the API does not have is refused by name. */
static void test_review_reasons_file_is_checked(void **st)
{
	char *text = srv_read_file(ANZHI_DATADIR "/review-reasons.json", NULL);
	char err[200];
	assert_non_null(text);
	json_t *r = review_reasons_parse(text, err, sizeof err);
	free(text);
	assert_non_null(r);
	json_t *list = json_object_get(r, "reasons");
	assert_true(json_array_size(list) >= 10);
	assert_string_equal(S(r, "reasons", 0, "text"), "工资低于最低工资标准");
	json_decref(r);
	assert_null(review_reasons_parse("{\"reasons\":[{\"text\":\"a\"},{\"text\":\"b\","
					 "\"checks\":[\"wages\"]}]}", err, sizeof err));
	assert_string_equal(err, "reasons[1].checks[0]: not a word of the API");
	assert_null(review_reasons_parse("{\"reasons\":[{\"text\":\"\"}]}", err, sizeof err));
	assert_null(review_reasons_parse("{\"reasons\":[{\"text\":\"a\",\"items\":[\"x\"]}]}", err,
					 sizeof err));
	assert_null(review_reasons_parse("not json", err, sizeof err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decided_month_shows_only_what_changed),
		cmocka_unit_test(test_registered_placement_is_summed_up),
		cmocka_unit_test(test_id_numbers_masked_wherever_they_are),
		cmocka_unit_test(test_audit_actions_are_the_history_words),
		cmocka_unit_test(test_review_reasons_file_is_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
