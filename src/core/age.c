/* age: employment age per month and the 2024 gradual retirement delay (see age.h). */
#include "core/age.h"

enum retire_group age_resolve_group(const struct policy_age *rule, enum gender g,
				    bool has_recorded, enum retire_group recorded,
				    bool *defaulted)
{
	bool dflt = false;
	enum retire_group used;

	if (g == GENDER_MALE)
		used = RETIRE_MALE;
	else if (has_recorded && (recorded == RETIRE_FEMALE50 || recorded == RETIRE_FEMALE55))
		used = recorded;
	else {
		used = rule->female_default;
		dflt = true;
	}
	if (defaulted)
		*defaulted = dflt;
	return used;
}

int age_retire_delay_months(const struct policy_age *rule, int birth_ym, enum retire_group group)
{
	const struct policy_retire_rule *r;
	int k, delay;

	if ((unsigned)group >= RETIRE_GROUP__COUNT)
		group = rule->female_default;
	r = &rule->retire[group];
	k = birth_ym - r->first_birth_ym;
	if (k < 0 || r->step_months <= 0)
		return 0;
	delay = k / r->step_months + 1;
	return delay < r->max_months ? delay : r->max_months;
}

int age_retirement_ym(const struct policy_age *rule, int birth_ym, enum retire_group group)
{
	if ((unsigned)group >= RETIRE_GROUP__COUNT)
		group = rule->female_default;
	return birth_ym + rule->retire[group].base_years * 12 +
	       age_retire_delay_months(rule, birth_ym, group);
}

int age_start_ym(const struct policy_age *rule, int birth_ym)
{
	return birth_ym + rule->start_years * 12;
}

enum age_status age_status_at(const struct policy_age *rule, int birth_ym,
			      enum retire_group group, int ym)
{
	int start = age_start_ym(rule, birth_ym);
	int retire = age_retirement_ym(rule, birth_ym, group);

	if (ym < start || (ym == start && !rule->start_month_included))
		return AGE_UNDER_16;
	if (ym > retire || (ym == retire && !rule->retire_month_included))
		return AGE_RETIRED;
	return AGE_IN_RANGE;
}

bool age_in_employment(const struct policy_age *rule, int birth_ym,
		       enum retire_group group, int ym)
{
	return age_status_at(rule, birth_ym, group, ym) == AGE_IN_RANGE;
}
