/* taxtext: see taxtext.h. */
#include "screens/taxtext.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "client/calctext.h"
#include "ui/text.h"
#include "wire/enums.h"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* "label: value" with the value cleaned (it comes from the service) */
static void line(FILE *f, const char *label, const char *value)
{
	char *c = text_clean(value);
	fprintf(f, "%s: %s\n", label, c);
	free(c);
}

static void number_line(FILE *f, const char *label, const json_t *o, const char *k)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(json_object_get(o, k)));
	line(f, label, buf);
}

json_t *taxtext_pager(const json_t *r)
{
	char *body = NULL, title[256], step[512];
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);
	if (!f)
		return json_pack("{s:s, s:s}", "title", _("Tax record"), "body", "");
	char *unit = text_clean(str(r, "unit_name"));
	snprintf(title, sizeof title, _("Tax record - %s - %lld"), unit,
		 (long long)json_integer_value(json_object_get(r, "year")));
	free(unit);
	bool withdrawn = wire_tax_record_status_parse(str(r, "status")) == TAX_RECORD_WITHDRAWN;
	if (withdrawn)
		fprintf(f, "%s\n\n", _("Withdrawn: an accepted feedback reopened the declaration."));
	line(f, _("Unit"), str(r, "unit_name"));
	line(f, _("USCC"), str(r, "uscc"));
	line(f, _("Levy due (yuan)"), str(r, "levy_due"));
	line(f, _("Tax region"), str(r, "tax_region"));
	number_line(f, _("On-staff employees"), r, "staff");
	number_line(f, _("Months confirmed"), r, "months_confirmed");
	number_line(f, _("Months counted"), r, "months_counted");
	line(f, _("Placed persons"), str(r, "placed_persons"));
	line(f, _("Total wages last year"), str(r, "wages_last_year"));
	line(f, _("Average wage"), str(r, "avg_wage"));
	line(f, _("Social average wage"), json_is_string(json_object_get(r, "social_avg_wage"))
					  ? str(r, "social_avg_wage") : _("none"));
	if (json_is_true(json_object_get(r, "social_avg_wage_example")))
		fprintf(f, "  %s\n", _("(an example figure of the policy table, not the official one)"));
	line(f, _("Wage used"), str(r, "wage_used"));
	fprintf(f, "\n%s\n", _("The levy, step by step:"));
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(r, "steps"), i, s) {
		if (calctext_levy_step_line(s, step, sizeof step))
			fprintf(f, "  %s\n", step);
		else {
			char *k = text_clean(str(s, "kind"));
			fprintf(f, "  %s: %s\n", _("A step anzhi cannot show"), k);
			free(k);
		}
	}
	fprintf(f, "\n");
	line(f, _("Policy"), str(r, "policy_version"));
	line(f, _("Sent"), str(r, "sent_at"));
	line(f, _("Sent by"), str(r, "sent_by"));
	fclose(f);
	json_t *j = json_pack("{s:s, s:s}", "title", title, "body", body ? body : "");
	free(body);
	return j;
}
