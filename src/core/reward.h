/* reward: the over-quota reward (超比例奖励, SPEC §7.2) of 《内蒙古自治区超比例安排残疾人
 * 就业奖励办法(试行)》 (from 2025-01-01): "奖励对象为安排残疾人就业人数超过本单位在职职工
 * 总数1.5%(不含1.5%)，超出部分为1人以上(含1人)的用人单位"; "每超额安排1名残疾人" earns
 * multiplier (5) × the local monthly minimum wage.
 *   required = staff × quota              exact: never rounded (30 × 1.5% = 0.45)
 *   excess   = placed − required          exact
 *   eligible when placed/staff > quota (strictly, per the policy) and excess >= min_excess (1)
 *   reward   = ⌊excess⌋ × multiplier × minimum wage   (whole persons: excess_rounding)
 * Steps are structured like levy's; the caller words them. */
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
 *  REWARD_STEP_REQUIRED      a=staff, b=quota, result=staff × quota (exact)
 *  REWARD_STEP_RATIO         a=placed, b=staff, c=quota, result=placed/staff
 *  REWARD_STEP_EXCESS        a=placed, b=required, result=placed − required (exact,
 *                            negative below the quota)
 *  REWARD_STEP_ELIGIBLE      a=ratio, b=quota, c=excess, d=min_excess: both
 *                            conditions of the 办法 hold
 *  REWARD_STEP_NOT_ELIGIBLE  same numbers; `why` says which condition fails
 *  REWARD_STEP_PERSONS       a=excess, result=the whole persons rewarded (⌊excess⌋)
 *  REWARD_STEP_MIN_WAGE      a=area class, b=ym (as an integer, e.g. 202312 → shown
 *                            as a month), result=monthly minimum wage (0 b = given)
 *  REWARD_STEP_AMOUNT        a=persons, b=multiplier, c=min wage, result=reward */
enum reward_step_kind {
	REWARD_STEP_REQUIRED, REWARD_STEP_RATIO, REWARD_STEP_EXCESS,
	REWARD_STEP_ELIGIBLE, REWARD_STEP_NOT_ELIGIBLE, REWARD_STEP_PERSONS,
	REWARD_STEP_MIN_WAGE, REWARD_STEP_AMOUNT,
	REWARD_STEP__COUNT
};
/* "required" "ratio" "excess" "eligible" "not_eligible" "persons" "min_wage" "amount". */
const char *reward_step_name(enum reward_step_kind k);

enum reward_why {
	REWARD_OK,
	REWARD_NOT_ABOVE_QUOTA,     /* placed/staff not above the quota (不含1.5%) */
	REWARD_EXCESS_TOO_SMALL,    /* the excess is less than one person (含1人) */
};
const char *reward_why_name(enum reward_why w);   /* "ok" "not_above_quota" "excess_too_small" */

struct reward_step {
	enum reward_step_kind kind;
	struct dec a, b, c, d, result;
};

#define REWARD_MAX_STEPS 8

struct reward_result {
	bool eligible;
	enum reward_why why;
	int64_t reward_fen;
	struct dec required;            /* staff × quota, exact */
	struct dec excess;              /* placed − required, exact (may be negative) */
	struct dec persons;             /* whole persons rewarded; 0 when not eligible */
	int64_t min_wage_fen;
	struct reward_step steps[REWARD_MAX_STEPS];
	size_t n_steps;
};

/* The unit facts the 办法's exclusions look at (SPEC §7.2). */
struct reward_unit {
	enum unit_kind kind;                    /* 单位性质 */
	bool has_category;
	enum institution_category category;     /* 事业单位类别 (institutions) */
	bool concentrated;                      /* 集中安置残疾人的用人单位 */
	bool vat_refund;                        /* 享受增值税即征即退 */
};

enum reward_exclusion {
	REWARD_UNIT_INCLUDED,
	REWARD_EXCLUDED_KIND,                   /* 机关: fiscally funded */
	REWARD_EXCLUDED_CATEGORY,               /* 公益一类/二类事业单位: fiscally funded */
	REWARD_EXCLUDED_CONCENTRATED,           /* 集中安置 and on the VAT refund */
};
/* "included" "unit_kind" "institution_category" "concentrated_vat_refund". */
const char *reward_exclusion_name(enum reward_exclusion x);
/* Whether the policy's exclusions leave the unit out, and by which rule. */
enum reward_exclusion reward_unit_exclusion(const struct policy *p, const struct reward_unit *u);

/* Errors: CORE_ERR_RANGE (staff <= 0, placed < 0, area class), CORE_ERR_POLICY
 * (no minimum wage known for the month and area class), CORE_ERR_OVERFLOW. */
bool reward_compute(const struct policy *p, const struct reward_input *in,
		    struct reward_result *out, struct core_error *err);

#endif
