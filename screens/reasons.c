/* reasons: tables of checks and reason codes (English msgids, po/zh_CN.po has
 * the Chinese). */
#include "screens/reasons.h"

#include <stdio.h>
#include <string.h>

#include "client/i18n.h"

static const struct {
	const char *key, *label, *long_label;
	bool uscc_hint;
} checks[CHECK_COUNT] = {
	{ "wage", N_("Wage"), N_("Wage record"), true },
	{ "social", N_("Social"), N_("Social insurance"), true },
	{ "medical", N_("Medical"), N_("Medical insurance"), true },
	{ "certificate", N_("Cert."), N_("Certificate"), false },
	{ "age", N_("Age"), N_("Working age"), false },
	{ "contract", N_("Contract"), N_("Contract status"), false },
	{ "exclusive", N_("Sole unit"), N_("No other unit"), false },
};

/* uscc_hint: the failure may come from a wrong credit code at the office that
 * reported the data (SPEC §4); an unknown minimum wage never does. */
static const struct {
	const char *code, *text;
	bool uscc_hint;
} reasons[] = {
	{ "no_wage_record", N_("no wage paid by this unit that month"), true },
	{ "below_minimum_wage", N_("the wage is below the local minimum wage"), true },
	{ "wage_paid_by_other", N_("the wage was paid by another unit"), true },
	{ "min_wage_unknown", N_("the local minimum wage of that month is not known: a reviewer decides"), false },
	{ "no_social_payment", N_("no social insurance paid that month"), true },
	{ "social_paid_by_other", N_("social insurance was paid by another unit"), true },
	{ "no_medical_payment", N_("no medical insurance paid that month"), true },
	{ "medical_paid_by_other", N_("medical insurance was paid by another unit"), true },
	{ "no_valid_certificate", N_("no disability certificate valid in that month"), true },
	{ "under_16", N_("younger than 16 in that month"), true },
	{ "retired", N_("past the statutory retirement age in that month"), true },
	{ "no_contract", N_("no contract covers that month"), true },
	{ "confirmed_elsewhere", N_("another unit has this month confirmed"), true },
};

static int reason_index(const char *code)
{
	for (size_t i = 0; code && i < sizeof reasons / sizeof reasons[0]; i++)
		if (strcmp(reasons[i].code, code) == 0)
			return (int)i;
	return -1;
}

const char *check_key(int i)
{
	return i >= 0 && i < CHECK_COUNT ? checks[i].key : "";
}

const char *check_label(int i)
{
	return i >= 0 && i < CHECK_COUNT ? _(checks[i].label) : "";
}

const char *check_long_label(int i)
{
	return i >= 0 && i < CHECK_COUNT ? _(checks[i].long_label) : "";
}

bool check_uscc_hint(int i)
{
	return i >= 0 && i < CHECK_COUNT && checks[i].uscc_hint;
}

const char *reason_text(const char *code)
{
	int i = reason_index(code);

	if (!code)
		return "";
	return i >= 0 ? _(reasons[i].text) : code;
}

bool reason_uscc_hint(const char *code)
{
	int i = reason_index(code);

	return i < 0 || reasons[i].uscc_hint;
}

size_t reason_line(int check, const char *code, const char *source, char *buf, size_t bufsz)
{
	int n;
	if (source && *source)
		n = snprintf(buf, bufsz, "%s: %s (%s)", check_long_label(check), reason_text(code), source);
	else
		n = snprintf(buf, bufsz, "%s: %s", check_long_label(check), reason_text(code));
	return n < 0 ? 0 : (size_t)n;
}
