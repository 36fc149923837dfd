/* reward: the over-quota reward (超比例奖励, SPEC §7.2, Inner Mongolia 试行 from
 * 2025-01-01):
 *   eligible when placed/staff > quota (strictly) and excess >= 1 person;
 *   reward = excess × multiplier (5) × local monthly minimum wage.
 * required = staff × quota, rounded as the policy says (up to whole persons:
 * 0.45 -> 1); excess = placed − required, rounded as the policy says (down to
 * whole persons).  Steps are structured like levy's. */
#ifndef ANZHI_CORE_REWARD_H
#define ANZHI_CORE_REWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "core/money.h"
#include "core/policy.h"

struct reward_input {
	struct dec staff;               /* 上年度在职职工总数 */
	struct dec placed;              /* 上年度安置残疾人数 (exact) */
	bool has_min_wage;
	int64_t min_wage_fen;           /* monthly; else the policy's for area/year */
	int area_class;                 /* 1..3; 0 = the policy's default */
	int year;                       /* the data year */
};

/* Numbers per step (exact decs; amounts in yuan):
 *  REWARD_STEP_REQUIRED   a=staff, b=quota, c=staff×quota exact, result=shown/used
 *  REWARD_STEP_RATIO      a=placed, b=staff, c=quota, result=placed/staff
 *  REWARD_STEP_EXCESS     a=placed, b=required, c=exact difference, result=rounded
 *  REWARD_STEP_MIN_WAGE   a=area class, b=ym (as an integer, e.g. 202312 → shown
 *                         as a month), result=monthly minimum wage (0 b = given)
 *  REWARD_STEP_AMOUNT     a=excess, b=multiplier, c=min wage, result=reward
 *  REWARD_STEP_NOT_ELIGIBLE  a=ratio, b=quota, c=excess; `why` says which */
enum reward_step_kind {
	REWARD_STEP_REQUIRED, REWARD_STEP_RATIO, REWARD_STEP_EXCESS,
	REWARD_STEP_MIN_WAGE, REWARD_STEP_AMOUNT, REWARD_STEP_NOT_ELIGIBLE,
	REWARD_STEP__COUNT
};
/* "required" "ratio" "excess" "min_wage" "amount" "not_eligible". */
const char *reward_step_name(enum reward_step_kind k);

enum reward_why {
	REWARD_OK,
	REWARD_NOT_ABOVE_QUOTA,     /* placed/staff not strictly above the quota */
	REWARD_EXCESS_TOO_SMALL,    /* excess below one person */
};
const char *reward_why_name(enum reward_why w);   /* "ok" "not_above_quota" "excess_too_small" */

struct reward_step {
	enum reward_step_kind kind;
	struct dec a, b, c, result;
};

#define REWARD_MAX_STEPS 8

struct reward_result {
	bool eligible;
	enum reward_why why;
	int64_t reward_fen;
	struct dec required;            /* as shown/used (rounded) */
	struct dec excess;              /* rounded */
	int64_t min_wage_fen;
	struct reward_step steps[REWARD_MAX_STEPS];
	size_t n_steps;
};

/* Errors: CORE_ERR_RANGE (staff <= 0, placed < 0, area class), CORE_ERR_POLICY
 * (no minimum wage row for the month), CORE_ERR_OVERFLOW. */
bool reward_compute(const struct policy *p, const struct reward_input *in,
		    struct reward_result *out, struct core_error *err);

#endif
