/* Tests of src/wire/enums: the API's enumerations have one set of words for
 * both programs (doc/api.md), and the rules both ask about them agree —
 * above all that 待审核 means both statuses awaiting review. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "wire/enums.h"

static void test_placement_status_words_of_doc_api(void **st)
{
	(void)st;
	static const char *const words[] = { "incomplete", "pending", "pending_contract", "confirmed",
					     "partially_rejected", "rejected" };
	assert_int_equal(PLACEMENT_STATUS__COUNT, 6);
	for (int i = 0; i < PLACEMENT_STATUS__COUNT; i++) {
		assert_string_equal(wire_placement_status_word((enum placement_status)i), words[i]);
		assert_int_equal(wire_placement_status_parse(words[i]), i);
	}
	assert_int_equal(wire_placement_status_parse("Pending"), PLACEMENT_STATUS_UNKNOWN);
	assert_int_equal(wire_placement_status_parse(NULL), PLACEMENT_STATUS_UNKNOWN);
	assert_string_equal(wire_placement_status_word(PLACEMENT_STATUS_UNKNOWN), "");
}

/* SPEC §4: 待审核 and 待审核(合同需审核) both wait for a reviewer. */
static void test_awaiting_review_is_pending_and_pending_contract(void **st)
{
	(void)st;
	for (int i = 0; i < PLACEMENT_STATUS__COUNT; i++)
		assert_int_equal(wire_placement_awaiting_review((enum placement_status)i),
				 i == PLACEMENT_PENDING || i == PLACEMENT_PENDING_CONTRACT);
	assert_false(wire_placement_awaiting_review(PLACEMENT_STATUS_UNKNOWN));
}

/* The list's 待审核 filter shows 待审核(合同需审核) rows too: the filter
 * word "pending" stands for both; "pending_contract" only for itself. */
static void test_pending_filter_shows_pending_contract_rows(void **st)
{
	(void)st;
	assert_true(wire_placement_filter_matches(PLACEMENT_PENDING, PLACEMENT_PENDING));
	assert_true(wire_placement_filter_matches(PLACEMENT_PENDING, PLACEMENT_PENDING_CONTRACT));
	assert_false(wire_placement_filter_matches(PLACEMENT_PENDING, PLACEMENT_CONFIRMED));
	assert_true(wire_placement_filter_matches(PLACEMENT_REJECTED, PLACEMENT_REJECTED));
	assert_false(wire_placement_filter_matches(PLACEMENT_REJECTED, PLACEMENT_PARTIALLY_REJECTED));
	assert_false(wire_placement_filter_matches(PLACEMENT_PENDING, PLACEMENT_STATUS_UNKNOWN));
	assert_true(wire_placement_filter_matches(PLACEMENT_PENDING_CONTRACT, PLACEMENT_PENDING_CONTRACT));
	assert_false(wire_placement_filter_matches(PLACEMENT_PENDING_CONTRACT, PLACEMENT_PENDING));
	assert_int_equal(wire_placement_count_as(PLACEMENT_PENDING_CONTRACT), PLACEMENT_PENDING);
	assert_int_equal(wire_placement_count_as(PLACEMENT_CONFIRMED), PLACEMENT_CONFIRMED);
}

/* SPEC §5.3: a fail reopens the list for correction; every other step after
 * 完成申报 keeps it locked (and frozen). */
static void test_only_an_open_or_failed_declaration_leaves_the_list_editable(void **st)
{
	(void)st;
	static const char *const words[] = { "open", "submitted", "passed", "failed", "sent_to_tax",
					     "cancelled" };
	for (int i = 0; i < DECLARATION_STATUS__COUNT; i++) {
		assert_string_equal(wire_declaration_word((enum declaration_status)i), words[i]);
		assert_int_equal(wire_declaration_parse(words[i]), i);
		assert_int_equal(wire_declaration_locks_list((enum declaration_status)i),
				 i != DECLARATION_OPEN && i != DECLARATION_FAILED);
		assert_int_equal(wire_declaration_passed((enum declaration_status)i),
				 i == DECLARATION_PASSED || i == DECLARATION_SENT_TO_TAX);
	}
	assert_int_equal(wire_declaration_parse("closed"), DECLARATION_STATUS_UNKNOWN);
}

static void test_declaration_actions_and_request_statuses_have_api_words(void **st)
{
	(void)st;
	static const char *const actions[] = { "submit", "withdraw", "pass", "fail", "feedback",
					       "feedback-accept", "feedback-reject", "send-to-tax",
					       "cancel-request", "cancel-approve", "cancel-reject",
					       "reopen" };
	assert_int_equal(DECL_ACTION__COUNT, sizeof actions / sizeof actions[0]);
	for (int i = 0; i < DECL_ACTION__COUNT; i++) {
		assert_string_equal(wire_declaration_action_word((enum declaration_action)i),
				    actions[i]);
		assert_int_equal(wire_declaration_action_parse(actions[i]), i);
	}
	assert_int_equal(wire_declaration_action_parse("approve"), DECL_ACTION_UNKNOWN);
	assert_int_equal(wire_request_status_parse("accepted"), REQUEST_ACCEPTED);
	assert_string_equal(wire_request_status_word(REQUEST_REJECTED), "rejected");
	assert_int_equal(wire_tax_record_status_parse("withdrawn"), TAX_RECORD_WITHDRAWN);
	assert_string_equal(wire_tax_record_status_word(TAX_RECORD_CURRENT), "current");
}

static void test_month_decisions_and_core_kinds_have_api_words(void **st)
{
	(void)st;
	assert_int_equal(wire_month_decision_parse("system"), MONTH_DECISION_SYSTEM);
	assert_int_equal(wire_month_decision_parse("invalid"), MONTH_DECISION_INVALID);
	assert_int_equal(wire_month_decision_parse(NULL), MONTH_DECISION_NONE);
	assert_string_equal(wire_month_decision_word(MONTH_DECISION_VALID), "valid");
	enum check_kind k;
	assert_true(wire_check_parse("exclusive", &k));
	assert_int_equal(k, CHECK_EXCLUSIVE);
	assert_false(wire_check_parse("wages", &k));
	assert_string_equal(wire_check_word(CHECK_SOCIAL), "social");
	enum material_kind m;
	assert_true(wire_material_parse("dispatch", &m));
	assert_int_equal(m, MATERIAL_DISPATCH);
	assert_false(wire_material_parse(NULL, &m));
	assert_string_equal(wire_material_word(MATERIAL_OTHER), "other");
	enum check_reason r;
	assert_true(wire_reason_parse("under_16", &r));
	assert_string_equal(wire_reason_word(r), "under_16");
}

/* doc/api.md: confirmed_by, DISPATCH_ITEM.item, MATERIAL.kind dispatch_licence,
 * HISTORY.action; only 有效 and 无效 are a reviewer's decisions. */
static void test_review_words_of_doc_api(void **st)
{
	(void)st;
	assert_string_equal(wire_confirmed_by_word(CONFIRMED_BY_MANUAL), "manual");
	assert_int_equal(wire_confirmed_by_parse("system"), CONFIRMED_BY_SYSTEM);
	assert_int_equal(wire_confirmed_by_parse(NULL), CONFIRMED_BY_NONE);
	assert_string_equal(wire_confirmed_by_word(CONFIRMED_BY_NONE), "");
	enum dispatch_item it;
	assert_true(wire_dispatch_item_parse("agreement", &it));
	assert_int_equal(it, DISPATCH_AGREEMENT);
	assert_false(wire_dispatch_item_parse(NULL, &it));
	enum material_kind m;
	assert_true(wire_material_parse("dispatch_licence", &m));
	assert_int_equal(m, MATERIAL_DISPATCH_LICENCE);
	assert_string_equal(wire_history_word(HISTORY_SUBMITTED), "submitted");
	assert_int_equal(wire_history_parse("nonsense"), HISTORY_UNKNOWN);
	for (int d = MONTH_DECISION_NONE; d < MONTH_DECISION__COUNT; d++)
		assert_int_equal(wire_decision_is_reviewers((enum month_decision)d),
				 d == MONTH_DECISION_VALID || d == MONTH_DECISION_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placement_status_words_of_doc_api),
		cmocka_unit_test(test_awaiting_review_is_pending_and_pending_contract),
		cmocka_unit_test(test_pending_filter_shows_pending_contract_rows),
		cmocka_unit_test(test_only_an_open_or_failed_declaration_leaves_the_list_editable),
		cmocka_unit_test(test_declaration_actions_and_request_statuses_have_api_words),
		cmocka_unit_test(test_month_decisions_and_core_kinds_have_api_words),
		cmocka_unit_test(test_review_words_of_doc_api),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
