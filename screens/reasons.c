/* reasons: check kinds and reason codes → words (English msgids, po/zh_CN.po
 * has the Chinese). */
#include "screens/reasons.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static const struct {
	const char *label, *long_label;
	bool uscc_hint;
} checks[CHECK__COUNT] = {
	[CHECK_WAGE] = { N_("Wage"), N_("Wage record"), true },
	[CHECK_SOCIAL] = { N_("Social"), N_("Social insurance"), true },
	[CHECK_MEDICAL] = { N_("Medical"), N_("Medical insurance"), true },
	[CHECK_CERTIFICATE] = { N_("Cert."), N_("Certificate"), false },
	[CHECK_AGE] = { N_("Age"), N_("Working age"), false },
	[CHECK_CONTRACT] = { N_("Contract"), N_("Contract status"), false },
	[CHECK_EXCLUSIVE] = { N_("Sole unit"), N_("No other unit"), false },
};

/* no_uscc_hint: the failure cannot come from a wrong credit code at the office
 * that reported the data (SPEC §4): an unknown minimum wage. */
static const struct {
	const char *text;
	bool no_uscc_hint;
} reasons[REASON__COUNT] = {
	[REASON_NO_WAGE_RECORD] = { N_("no wage paid by this unit that month") },
	[REASON_BELOW_MINIMUM_WAGE] = { N_("the wage is below the local minimum wage") },
	[REASON_WAGE_PAID_BY_OTHER] = { N_("the wage was paid by another unit") },
	[REASON_MIN_WAGE_UNKNOWN] = { N_("the local minimum wage of that month is not known: a reviewer decides"), true },
	[REASON_NO_SOCIAL_PAYMENT] = { N_("no social insurance paid that month") },
	[REASON_SOCIAL_PAID_BY_OTHER] = { N_("social insurance was paid by another unit") },
	[REASON_NO_MEDICAL_PAYMENT] = { N_("no medical insurance paid that month") },
	[REASON_MEDICAL_PAID_BY_OTHER] = { N_("medical insurance was paid by another unit") },
	[REASON_NO_VALID_CERTIFICATE] = { N_("no disability certificate valid in that month") },
	[REASON_UNDER_16] = { N_("younger than 16 in that month") },
	[REASON_RETIRED] = { N_("past the statutory retirement age in that month") },
	[REASON_NO_CONTRACT] = { N_("no contract covers that month") },
	[REASON_CONFIRMED_ELSEWHERE] = { N_("another unit has this month confirmed") },
};

static bool known(enum check_kind k)
{
	return (unsigned)k < CHECK__COUNT;
}

const char *check_label(enum check_kind k)
{
	return known(k) ? _(checks[k].label) : "";
}

const char *check_long_label(enum check_kind k)
{
	return known(k) ? _(checks[k].long_label) : "";
}

bool check_uscc_hint(enum check_kind k)
{
	return known(k) && checks[k].uscc_hint;
}

const char *reason_text(const char *word)
{
	enum check_reason r;
	if (!word)
		return "";
	return wire_reason_parse(word, &r) && reasons[r].text ? _(reasons[r].text) : word;
}

bool reason_uscc_hint(const char *word)
{
	enum check_reason r;
	return !wire_reason_parse(word, &r) || !reasons[r].no_uscc_hint;
}

/* The service names the registry import a check read as "<source> <date>"
 * ("wages 2025-12-31"): the source's word in the user's language. */
static void source_text(const char *source, char *buf, size_t bufsz)
{
	static const struct { const char *word, *label; } sources[] = {
		{ "wages", N_("wage records") },
		{ "social", N_("social insurance records") },
		{ "medical", N_("medical insurance records") },
	};
	size_t n = strcspn(source, " ");
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if (strlen(sources[i].word) == n && strncmp(sources[i].word, source, n) == 0) {
			snprintf(buf, bufsz, "%s%s", _(sources[i].label), source + n);
			return;
		}
	snprintf(buf, bufsz, "%s", source);
}

size_t reason_line(enum check_kind k, const char *word, const char *source, char *buf, size_t bufsz)
{
	int n;
	char src[160];
	if (source && *source) {
		source_text(source, src, sizeof src);
		n = snprintf(buf, bufsz, "%s: %s (%s)", check_long_label(k), reason_text(word), src);
	} else
		n = snprintf(buf, bufsz, "%s: %s", check_long_label(k), reason_text(word));
	return n < 0 ? 0 : (size_t)n;
}
