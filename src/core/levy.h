/* levy: the employment security levy (残保金) of SPEC §7.1 —
 *   levy = (staff × quota − placed) × avg_wage   (0 when <= 0)
 * 财税〔2015〕72号 art. 8; avg wage capped from 2017-04-01 (3 ×, 财税〔2017〕18号) and
 * 2018-04-01 (2 ×, 财税〔2018〕39号) as the policy's wage_cap rows say; tiers 财政部公告2019年第98号 /
 * 2023年第8号; small-enterprise exemption.  Order: cap the wage → compute → tier.
 * The explanation is an array of structured steps (kind + numbers), formatted by
 * the caller through gettext — never text here. */
#ifndef ANZHI_CORE_LEVY_H
#define ANZHI_CORE_LEVY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/error.h"
#include "core/money.h"
#include "core/policy.h"

struct levy_input {
	struct dec staff;               /* 在职职工人数 (annual average; may be fractional) */
	struct dec placed;              /* placed persons (§6), exact */
	bool has_total_wages;
	int64_t total_wages_fen;        /* unit's annual total wages; avg = total / staff */
	int64_t avg_wage_fen;           /* used when !has_total_wages: annual average wage */
	bool has_social_avg;
	int64_t social_avg_wage_fen;    /* annual; else the policy's for `year` */
	int year;                       /* the data year (staff and wages of that year) */
	struct ymd date;                /* assessment date: picks the cap and tier rows */
	enum unit_kind kind;
};

/* Numbers of each step, by kind (all exact; amounts are yuan as struct dec):
 *  LEVY_STEP_PLACED_ROUNDED  a=placed exact, result=placed rounded per policy
 *                            (only when rounding changed it)
 *  LEVY_STEP_AVG_WAGE        a=total wages, b=staff, result=avg wage (fen-rounded)
 *  LEVY_STEP_WAGE_CAP        a=avg wage, b=multiple, c=social avg wage,
 *                            result=capped wage (= a when not above the cap)
 *  LEVY_STEP_NO_CAP          a=avg wage (no cap row or no social wage for year)
 *  LEVY_STEP_REQUIRED        a=staff, b=quota, result=staff × quota
 *  LEVY_STEP_SHORTFALL       a=required, b=placed, result=required − placed
 *  LEVY_STEP_BASE            a=shortfall, b=wage, result=shortfall × wage (fen)
 *  LEVY_STEP_RATIO           a=placed, b=staff, result=placed/staff
 *  LEVY_STEP_TIER            a=ratio, b=tier min, c=tier below, d=factor,
 *                            result=base × factor (fen)
 *  LEVY_STEP_EXEMPT_SMALL    a=staff, b=staff limit  → due 0
 *  LEVY_STEP_NOTHING_DUE     a=shortfall (<= 0)       → due 0
 *  LEVY_STEP_DUE             result=the amount due (yuan, to the fen) */
enum levy_step_kind {
	LEVY_STEP_PLACED_ROUNDED, LEVY_STEP_AVG_WAGE, LEVY_STEP_WAGE_CAP, LEVY_STEP_NO_CAP,
	LEVY_STEP_REQUIRED, LEVY_STEP_SHORTFALL, LEVY_STEP_BASE, LEVY_STEP_RATIO,
	LEVY_STEP_TIER, LEVY_STEP_EXEMPT_SMALL, LEVY_STEP_NOTHING_DUE, LEVY_STEP_DUE,
	LEVY_STEP__COUNT
};
/* Stable snake_case names: "placed_rounded" "avg_wage" "wage_cap" "no_cap"
 * "required" "shortfall" "base" "ratio" "tier" "exempt_small" "nothing_due" "due". */
const char *levy_step_name(enum levy_step_kind k);

struct levy_step {
	enum levy_step_kind kind;
	struct dec a, b, c, d, result;
	bool capped;                    /* WAGE_CAP: the cap applied */
};

#define LEVY_MAX_STEPS 16

/* What would change the amount: the fewest extra counted person-months
 * (e.g. 7 = one more person for 7 months) that reach the next better tier and
 * the quota (levy 0). */
struct levy_whatif {
	bool has_next_tier;
	long months_to_next_tier;
	struct dec next_tier_factor;
	bool has_quota;                 /* false when already at/above quota */
	long months_to_quota;
	int64_t next_tier_due_fen;      /* the levy with those months added */
};

struct levy_result {
	int64_t due_fen;
	bool exempt;
	struct dec ratio;               /* placed / staff (exact) */
	struct dec factor;              /* 1 when no tier applies */
	int64_t wage_fen;               /* the (capped) wage used */
	bool social_wage_example;       /* the policy's social average wage is an example value */
	struct levy_step steps[LEVY_MAX_STEPS];
	size_t n_steps;
	struct levy_whatif whatif;
};

/* Computes the levy.  Errors: CORE_ERR_RANGE (staff <= 0, negative placed or
 * wages; field "staff" / "placed" / "avg_wage"), CORE_ERR_OVERFLOW. */
bool levy_compute(const struct policy *p, const struct levy_input *in,
		  struct levy_result *out, struct core_error *err);

#endif
