/* enums: word tables generated from the X-macro lists of enums.h. */
#include "wire/enums.h"
#include "wire/wire.h"

#include <string.h>

#define WIRE_ENUM_WORD(id, word) [id] = word,

static const char *const placement_words[] = { WIRE_PLACEMENT_STATUSES(WIRE_ENUM_WORD) };
static const char *const declaration_words[] = { WIRE_DECLARATION_STATUSES(WIRE_ENUM_WORD) };
static const char *const month_decision_words[] = { WIRE_MONTH_DECISIONS(WIRE_ENUM_WORD) };
static const char *const confirmed_by_words[] = { WIRE_CONFIRMED_BY(WIRE_ENUM_WORD) };
static const char *const history_words[] = { WIRE_HISTORY_ACTIONS(WIRE_ENUM_WORD) };
static const char *const application_kind_words[] = { WIRE_APPLICATION_KINDS(WIRE_ENUM_WORD) };
static const char *const application_status_words[] = {
	WIRE_APPLICATION_STATUSES(WIRE_ENUM_WORD)
};
static const char *const channel_words[] = { WIRE_APPLICATION_CHANNELS(WIRE_ENUM_WORD) };
static const char *const left_out_words[] = { WIRE_LEFT_OUT_REASONS(WIRE_ENUM_WORD) };
static const char *const action_words[] = { WIRE_DECLARATION_ACTIONS(WIRE_ENUM_WORD) };
static const char *const request_words[] = { WIRE_REQUEST_STATUSES(WIRE_ENUM_WORD) };
static const char *const tax_record_words[] = { WIRE_TAX_RECORD_STATUSES(WIRE_ENUM_WORD) };
/* NULL-terminated as wire.h promises (wire_enum_ok) */
const char *const wire_roles[] = { WIRE_ROLES(WIRE_ENUM_WORD) [ROLE__COUNT] = NULL };

static const char *word_of(const char *const *words, int n, int i)
{
	return i >= 0 && i < n ? words[i] : "";
}

static int index_of(const char *const *words, int n, const char *word)
{
	for (int i = 0; word && i < n; i++)
		if (strcmp(words[i], word) == 0)
			return i;
	return -1;
}

const char *wire_placement_status_word(enum placement_status s)
{
	return word_of(placement_words, PLACEMENT_STATUS__COUNT, s);
}

enum placement_status wire_placement_status_parse(const char *word)
{
	return (enum placement_status)index_of(placement_words, PLACEMENT_STATUS__COUNT, word);
}

bool wire_placement_awaiting_review(enum placement_status s)
{
	return s == PLACEMENT_PENDING || s == PLACEMENT_PENDING_CONTRACT;
}

enum placement_status wire_placement_count_as(enum placement_status s)
{
	return wire_placement_awaiting_review(s) ? PLACEMENT_PENDING : s;
}

bool wire_placement_filter_matches(enum placement_status filter, enum placement_status s)
{
	if (s == PLACEMENT_STATUS_UNKNOWN)
		return false;
	return filter == PLACEMENT_PENDING ? wire_placement_awaiting_review(s) : s == filter;
}

const char *wire_declaration_word(enum declaration_status s)
{
	return word_of(declaration_words, DECLARATION_STATUS__COUNT, s);
}

enum declaration_status wire_declaration_parse(const char *word)
{
	return (enum declaration_status)index_of(declaration_words, DECLARATION_STATUS__COUNT, word);
}

bool wire_declaration_locks_list(enum declaration_status s)
{
	return s != DECLARATION_OPEN && s != DECLARATION_FAILED;
}

bool wire_declaration_passed(enum declaration_status s)
{
	return s == DECLARATION_PASSED || s == DECLARATION_SENT_TO_TAX;
}

const char *wire_application_kind_word(enum application_kind k)
{
	return word_of(application_kind_words, APPLICATION_KIND__COUNT, k);
}

enum application_kind wire_application_kind_parse(const char *word)
{
	return (enum application_kind)index_of(application_kind_words, APPLICATION_KIND__COUNT,
						word);
}

const char *wire_application_status_word(enum application_status s)
{
	return word_of(application_status_words, APPLICATION_STATUS__COUNT, s);
}

enum application_status wire_application_status_parse(const char *word)
{
	return (enum application_status)index_of(application_status_words,
						  APPLICATION_STATUS__COUNT, word);
}

bool wire_application_final(enum application_status s)
{
	return s == APPLICATION_APPROVED || s == APPLICATION_REJECTED;
}

const char *wire_channel_word(enum application_channel c)
{
	return word_of(channel_words, CHANNEL__COUNT, c);
}

enum application_channel wire_channel_parse(const char *word)
{
	return (enum application_channel)index_of(channel_words, CHANNEL__COUNT, word);
}

const char *wire_left_out_word(enum left_out_reason r)
{
	return word_of(left_out_words, LEFT_OUT__COUNT, r);
}

enum left_out_reason wire_left_out_parse(const char *word)
{
	return (enum left_out_reason)index_of(left_out_words, LEFT_OUT__COUNT, word);
}

const char *wire_declaration_action_word(enum declaration_action a)
{
	return word_of(action_words, DECL_ACTION__COUNT, a);
}

enum declaration_action wire_declaration_action_parse(const char *word)
{
	return (enum declaration_action)index_of(action_words, DECL_ACTION__COUNT, word);
}

const char *wire_request_status_word(enum request_status s)
{
	return word_of(request_words, REQUEST_STATUS__COUNT, s);
}

enum request_status wire_request_status_parse(const char *word)
{
	return (enum request_status)index_of(request_words, REQUEST_STATUS__COUNT, word);
}

const char *wire_tax_record_status_word(enum tax_record_status s)
{
	return word_of(tax_record_words, TAX_RECORD_STATUS__COUNT, s);
}

enum tax_record_status wire_tax_record_status_parse(const char *word)
{
	return (enum tax_record_status)index_of(tax_record_words, TAX_RECORD_STATUS__COUNT, word);
}

const char *wire_month_decision_word(enum month_decision r)
{
	return word_of(month_decision_words, MONTH_DECISION__COUNT, r);
}

enum month_decision wire_month_decision_parse(const char *word)
{
	return (enum month_decision)index_of(month_decision_words, MONTH_DECISION__COUNT, word);
}

bool wire_decision_is_reviewers(enum month_decision r)
{
	return r == MONTH_DECISION_VALID || r == MONTH_DECISION_INVALID;
}

const char *wire_confirmed_by_word(enum confirmed_by b)
{
	return word_of(confirmed_by_words, CONFIRMED_BY__COUNT, b);
}

enum confirmed_by wire_confirmed_by_parse(const char *word)
{
	return (enum confirmed_by)index_of(confirmed_by_words, CONFIRMED_BY__COUNT, word);
}

const char *wire_history_word(enum history_action a)
{
	return word_of(history_words, HISTORY__COUNT, a);
}

enum history_action wire_history_parse(const char *word)
{
	return (enum history_action)index_of(history_words, HISTORY__COUNT, word);
}

const char *wire_role_word(enum role r)
{
	return word_of(wire_roles, ROLE__COUNT, r);
}

enum role wire_role_parse(const char *word)
{
	return (enum role)index_of(wire_roles, ROLE__COUNT, word);
}

const char *wire_check_word(enum check_kind k)
{
	return checks_kind_name(k);
}

bool wire_check_parse(const char *word, enum check_kind *out)
{
	for (int k = 0; word && k < CHECK__COUNT; k++)
		if (strcmp(checks_kind_name((enum check_kind)k), word) == 0) {
			*out = (enum check_kind)k;
			return true;
		}
	return false;
}

const char *wire_reason_word(enum check_reason r)
{
	return checks_reason_name(r);
}

bool wire_reason_parse(const char *word, enum check_reason *out)
{
	return word && checks_reason_parse(word, out);
}

const char *wire_material_word(enum material_kind k)
{
	return checks_material_name(k);
}

bool wire_material_parse(const char *word, enum material_kind *out)
{
	return word && checks_material_parse(word, out);
}

const char *wire_dispatch_item_word(enum dispatch_item i)
{
	return checks_dispatch_item_name(i);
}

bool wire_dispatch_item_parse(const char *word, enum dispatch_item *out)
{
	return word && checks_dispatch_item_parse(word, out);
}
