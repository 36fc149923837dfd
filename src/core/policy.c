/* policy: name tables and date lookups over a loaded struct policy (the JSON
 * loader is policy_load.c). */
#include <string.h>

#include "core/policy.h"

static const char *const unit_kind_names[UNIT_KIND__COUNT] = {
	[UNIT_ENTERPRISE] = "enterprise",
	[UNIT_INSTITUTION] = "institution",
	[UNIT_GOVERNMENT] = "government",
	[UNIT_ORGANISATION] = "organisation",
	[UNIT_PRIVATE_NONENTERPRISE] = "private_nonenterprise",
	[UNIT_OTHER] = "other",
};
static const char *const institution_category_names[INSTITUTION_CATEGORY__COUNT] = {
	[INSTITUTION_ADMINISTRATIVE] = "administrative",
	[INSTITUTION_PUBLIC_WELFARE_1] = "public_welfare_1",
	[INSTITUTION_PUBLIC_WELFARE_2] = "public_welfare_2",
	[INSTITUTION_BUSINESS] = "business",
};
static const char *const cert_type_names[CERT_TYPE__COUNT] = {
	[CERT_DISABILITY] = "disability",
	[CERT_VETERAN] = "veteran",
};
static const char *const retire_group_names[RETIRE_GROUP__COUNT] = {
	[RETIRE_MALE] = "male",
	[RETIRE_FEMALE55] = "female55",
	[RETIRE_FEMALE50] = "female50",
};

static int find_name(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *policy_unit_kind_name(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND__COUNT ? unit_kind_names[k] : "?";
}

bool policy_unit_kind_parse(const char *s, enum unit_kind *out)
{
	int i = find_name(unit_kind_names, UNIT_KIND__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum unit_kind)i;
	return true;
}

const char *policy_institution_category_name(enum institution_category c)
{
	return (unsigned)c < INSTITUTION_CATEGORY__COUNT ? institution_category_names[c] : "?";
}

bool policy_institution_category_parse(const char *s, enum institution_category *out)
{
	int i = find_name(institution_category_names, INSTITUTION_CATEGORY__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum institution_category)i;
	return true;
}

const char *policy_cert_type_name(enum cert_type t)
{
	return (unsigned)t < CERT_TYPE__COUNT ? cert_type_names[t] : "?";
}

bool policy_cert_type_parse(const char *s, enum cert_type *out)
{
	int i = find_name(cert_type_names, CERT_TYPE__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum cert_type)i;
	return true;
}

const char *policy_retire_group_name(enum retire_group g)
{
	return (unsigned)g < RETIRE_GROUP__COUNT ? retire_group_names[g] : "?";
}

bool policy_retire_group_parse(const char *s, enum retire_group *out)
{
	int i = find_name(retire_group_names, RETIRE_GROUP__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum retire_group)i;
	return true;
}

static bool in_period(const struct policy_period *v, struct ymd d)
{
	return date_in_range(d, v->from, v->to);
}

void policy_min_wage_lookup(const struct policy *p, int area_class, int ym,
			    struct min_wage_lookup *out)
{
	struct ymd first = ym_first_day(ym);

	memset(out, 0, sizeof *out);
	out->known = MIN_WAGE_NO_ROW;
	for (size_t i = 0; i < p->n_min_wages; i++) {
		const struct policy_min_wage *w = &p->min_wages[i];

		if (!in_period(&w->valid, first))
			continue;
		if (!w->other_scheme) {
			if (area_class < 1 || area_class > w->n_classes)
				return;
			out->known = MIN_WAGE_KNOWN;
			out->fen = w->monthly_fen[area_class - 1];
			return;
		}
		out->known = MIN_WAGE_OTHER_SCHEME;
		out->low_fen = out->high_fen = w->monthly_fen[0];
		for (int k = 1; k < w->n_classes; k++) {
			if (w->monthly_fen[k] < out->low_fen)
				out->low_fen = w->monthly_fen[k];
			if (w->monthly_fen[k] > out->high_fen)
				out->high_fen = w->monthly_fen[k];
		}
		return;
	}
}

bool policy_min_wage(const struct policy *p, int area_class, int ym, int64_t *fen)
{
	struct min_wage_lookup l;

	policy_min_wage_lookup(p, area_class, ym, &l);
	if (l.known != MIN_WAGE_KNOWN)
		return false;
	*fen = l.fen;
	return true;
}

const struct policy_tier *policy_tier_for(const struct policy *p, struct ymd date,
					  struct dec ratio)
{
	for (size_t i = 0; i < p->n_tiers; i++) {
		const struct policy_tier *t = &p->tiers[i];

		if (in_period(&t->valid, date) && dec_cmp(ratio, t->min) >= 0 &&
		    dec_cmp(ratio, t->below) < 0)
			return t;
	}
	return NULL;
}

int policy_wage_cap_multiple(const struct policy *p, struct ymd date)
{
	for (size_t i = 0; i < p->n_wage_caps; i++)
		if (in_period(&p->wage_caps[i].valid, date))
			return p->wage_caps[i].multiple;
	return 0;
}

const struct policy_social_wage *policy_social_wage(const struct policy *p, int year)
{
	for (size_t i = 0; i < p->n_social_wages; i++)
		if (p->social_wages[i].year == year)
			return &p->social_wages[i];
	return NULL;
}

bool policy_is_exempt(const struct policy *p, struct ymd date, struct dec staff,
		      enum unit_kind kind)
{
	for (size_t i = 0; i < p->n_exemptions; i++) {
		const struct policy_exemption *x = &p->exemptions[i];

		if (in_period(&x->valid, date) && (x->kinds_mask & (1u << kind)) &&
		    dec_cmp(staff, dec_int(x->staff_max)) <= 0)
			return true;
	}
	return false;
}

struct ymd policy_levy_date(const struct policy *p, int year)
{
	return (struct ymd){year + p->levy.years_after, p->levy.month, p->levy.day};
}

int policy_cert_weight(const struct policy *p, enum cert_type type, int level, int category)
{
	int best = 1;

	for (size_t i = 0; i < p->n_weights; i++) {
		const struct policy_weight_rule *w = &p->weights[i];
		bool level_ok = !w->levels_mask ||
				(level >= 0 && level < 32 && (w->levels_mask & (1u << level)));
		bool cat_ok = !w->categories_mask ||
			      (category >= 0 && category < 32 && (w->categories_mask & (1u << category)));

		if (w->type == type && level_ok && cat_ok && w->weight > best)
			best = w->weight;
	}
	return best;
}
