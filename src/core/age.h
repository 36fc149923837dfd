/* age: employment age per month (SPEC §10, 是否就业年龄段): from the month a
 * person turns 16 to the month before statutory retirement, with the 2024
 * decision's gradual delay.  All parameters come from struct policy_age. */
#ifndef ANZHI_CORE_AGE_H
#define ANZHI_CORE_AGE_H

#include <stdbool.h>
#include "core/ident.h"
#include "core/policy.h"

/* The retirement group used for a person: men -> RETIRE_MALE; women -> the
 * recorded group when `recorded` is a female group, else the policy's
 * female_default (50, the stricter).  *defaulted (may be NULL) says whether the
 * default was used, so the caller can say so. */
enum retire_group age_resolve_group(const struct policy_age *rule, enum gender g,
				    bool has_recorded, enum retire_group recorded,
				    bool *defaulted);

/* Months of delay for birth month birth_ym in group (0..max). */
int age_retire_delay_months(const struct policy_age *rule, int birth_ym, enum retire_group group);
/* The ym of the month the person reaches statutory retirement age:
 * birth_ym + base*12 + delay.  Man born 1965-01 -> 2025-02 (60y1m). */
int age_retirement_ym(const struct policy_age *rule, int birth_ym, enum retire_group group);
/* The month one turns start_years (16). */
int age_start_ym(const struct policy_age *rule, int birth_ym);

enum age_status { AGE_IN_RANGE, AGE_UNDER_16, AGE_RETIRED };
/* Whether month ym is in employment age, honouring the boundary settings
 * start_month_included / retire_month_included. */
enum age_status age_status_at(const struct policy_age *rule, int birth_ym,
			      enum retire_group group, int ym);
bool age_in_employment(const struct policy_age *rule, int birth_ym,
		       enum retire_group group, int ym);

#endif
