/* application_calc — see application_calc.h. */
#include "server/application_calc.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/ident.h"

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

/* The person's household registration lies in the policy's province (the
 * first two digits of the region codes: 15xxxx for 150000). */
static bool hukou_local(const struct policy *pol, const json_t *person)
{
	const char *hukou = sget(person, "hukou_region");
	return strlen(hukou) == 6 && strncmp(hukou, pol->region, 2) == 0;
}

/* A dispatch contract (劳务派遣) of the placement covers some day of month
 * yyyymm. */
static bool own_dispatch(const struct placement *p, int yyyymm)
{
	int ym = ym_make(yyyymm / 100, yyyymm % 100);
	size_t i;
	json_t *c;
	json_array_foreach(p->contracts, i, c) {
		struct ymd start, end = DATE_OPEN_END;
		const char *e = sget(c, "end");
		if (!json_is_true(json_object_get(c, "dispatch")) ||
		    !date_parse(sget(c, "start"), "start", &start, NULL) ||
		    (*e && !date_parse(e, "end", &end, NULL)))
			continue;
		if (date_range_touches_month(start, end, ym))
			return true;
	}
	return false;
}

static const struct app_elsewhere *elsewhere_month(const struct app_person_in *in, int ym)
{
	for (size_t i = 0; i < in->n_elsewhere; i++)
		if (in->elsewhere[i].ym == ym)
			return &in->elsewhere[i];
	return NULL;
}

/* A month is confirmed by the system's checks or a reviewer; a dispatch
 * placement's months only once its three items (劳务派遣资质, 三方协议,
 * 劳动合同) are 有效 too: until then the case awaits review. */
static bool month_confirmed(const struct placement *p, const struct placement_month *m)
{
	if (m->result != MONTH_DECISION_SYSTEM && m->result != MONTH_DECISION_VALID)
		return false;
	for (int i = 0; i < p->n_items; i++)
		if (p->items[i].result != MONTH_DECISION_VALID)
			return false;
	return true;
}

/* The 办法's person rules of one month that every application shares:
 * confirmed, of employment age, with a certificate valid that month. */
static enum left_out_reason month_rules(const struct placement *p, const struct placement_month *m)
{
	if (!month_confirmed(p, m))
		return LEFT_OUT_NOT_CONFIRMED;
	if (m->failed & (1u << CHECK_AGE))
		return LEFT_OUT_AGE;
	if ((m->failed & (1u << CHECK_CERTIFICATE)) || m->cert_type < 0)
		return LEFT_OUT_CERTIFICATE;
	return LEFT_OUT_NONE;
}

/* A person-month counts for one unit only (see the header). */
static enum left_out_reason month_side(const struct app_person_in *in, int ym)
{
	const struct app_elsewhere *other = elsewhere_month(in, ym);
	if (!other || own_dispatch(in->p, ym))
		return LEFT_OUT_NONE;
	return other->dispatch ? LEFT_OUT_DISPATCH_OTHER_SIDE : LEFT_OUT_CONFIRMED_ELSEWHERE;
}

static void person_start(const struct app_person_in *in, struct app_person *out)
{
	memset(out, 0, sizeof *out);
	out->placement_id = in->p->id;
	out->reason = LEFT_OUT_NONE;
	if (!mask_name(sget(in->p->person, "name"), out->name_masked, sizeof out->name_masked))
		snprintf(out->name_masked, sizeof out->name_masked, "*");
	if (!mask_idno(sget(in->p->person, "idno"), out->idno_masked, sizeof out->idno_masked))
		snprintf(out->idno_masked, sizeof out->idno_masked, "*");
}

/* A person left out with no month counted: the first reason (in the order of
 * enum left_out_reason) any of its months has. */
static enum left_out_reason first_month_reason(const struct app_person *out)
{
	enum left_out_reason r = LEFT_OUT_NOT_CONFIRMED;
	for (int i = 0; i < out->n_months; i++)
		if (out->months[i].reason != LEFT_OUT_NONE && out->months[i].reason < r)
			r = out->months[i].reason;
	return r;
}

void application_reward_person(const struct policy *pol, const struct app_person_in *in,
			       struct app_person *out)
{
	const struct placement *p = in->p;
	bool local = !pol->reward.local_hukou || hukou_local(pol, p->person);
	person_start(in, out);
	for (int i = 0; i < p->n_months && i < 12; i++) {
		const struct placement_month *m = &p->months[i];
		struct app_month *am = &out->months[out->n_months++];
		am->ym = m->ym;
		am->reason = !local ? LEFT_OUT_HUKOU : month_rules(p, m);
		if (am->reason == LEFT_OUT_NONE)
			am->reason = month_side(in, m->ym);
		am->counted = am->reason == LEFT_OUT_NONE;
		am->weight = am->counted ? (m->weight > 0 ? m->weight : 1) : 0;
		out->months_counted += am->weight;
	}
	out->counted = out->months_counted > 0;
	if (!out->counted)
		out->reason = !local ? LEFT_OUT_HUKOU : first_month_reason(out);
}

static bool education_listed(const struct policy *pol, const char *education)
{
	for (int i = 0; i < pol->graduate.n_educations; i++)
		if (strcmp(pol->graduate.educations[i], education) == 0)
			return true;
	return false;
}

bool application_graduate_person(const struct policy *pol, const struct app_person_in *in,
				 struct app_person *out)
{
	const struct placement *p = in->p;
	if (!json_is_true(json_object_get(p->person, "graduate")))
		return false;
	person_start(in, out);
	for (int i = 0; i < p->n_months && i < 12; i++) {
		struct app_month *am = &out->months[out->n_months++];
		am->ym = p->months[i].ym;
		am->reason = month_rules(p, &p->months[i]);
		am->counted = am->reason == LEFT_OUT_NONE;
		am->weight = am->counted;
		out->months_counted += am->weight;
	}
	if (!education_listed(pol, sget(p->person, "education")))
		out->reason = LEFT_OUT_EDUCATION;
	else if (!in->has_degree)
		out->reason = LEFT_OUT_NO_DEGREE;
	else if (out->months_counted < pol->graduate.min_months)
		out->reason = out->months_counted ? LEFT_OUT_TOO_FEW_MONTHS : first_month_reason(out);
	out->counted = out->reason == LEFT_OUT_NONE;
	return true;
}

bool application_format_count(struct dec v, int min_places, char *buf, size_t size)
{
	/* counts here have at most 6 decimals: a count (2) times a ratio (4) */
	if (!dec_format(v, 6, ROUND_HALF_UP, buf, size))
		return false;
	char *dot = strchr(buf, '.');
	if (!dot)
		return true;
	char *end = buf + strlen(buf);
	while (end > dot + 1 + min_places && end[-1] == '0')
		end--;
	if (end == dot + 1)
		end--; /* no decimals left: drop the point */
	*end = '\0';
	return true;
}
