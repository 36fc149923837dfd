/* reward: the over-quota reward with its structured explanation (see reward.h). */
#include <string.h>

#include "core/reward.h"

static const char *const step_names[REWARD_STEP__COUNT] = {
	[REWARD_STEP_REQUIRED] = "required",
	[REWARD_STEP_RATIO] = "ratio",
	[REWARD_STEP_EXCESS] = "excess",
	[REWARD_STEP_ELIGIBLE] = "eligible",
	[REWARD_STEP_NOT_ELIGIBLE] = "not_eligible",
	[REWARD_STEP_PERSONS] = "persons",
	[REWARD_STEP_MIN_WAGE] = "min_wage",
	[REWARD_STEP_AMOUNT] = "amount",
};

const char *reward_step_name(enum reward_step_kind k)
{
	return (unsigned)k < REWARD_STEP__COUNT ? step_names[k] : "?";
}

const char *reward_why_name(enum reward_why w)
{
	static const char *const names[] = {"ok", "not_above_quota", "excess_too_small"};

	return (unsigned)w < 3 ? names[w] : "?";
}

static void add_step(struct reward_result *out, enum reward_step_kind kind, struct dec a,
		     struct dec b, struct dec c, struct dec d, struct dec result)
{
	if (out->n_steps >= REWARD_MAX_STEPS)
		return;
	out->steps[out->n_steps++] = (struct reward_step){kind, a, b, c, d, result};
}

static bool overflow(struct core_error *err)
{
	return core_error_set(err, CORE_ERR_OVERFLOW, "reward", "numbers too large to compute exactly");
}

/* The monthly minimum wage the reward uses (given, or the policy's). */
static bool min_wage(const struct policy *p, const struct reward_input *in, int area,
		     struct reward_result *out, struct core_error *err)
{
	struct min_wage_lookup l;
	int ym;

	if (in->has_min_wage) {
		if (in->min_wage_fen <= 0)
			return core_error_set(err, CORE_ERR_RANGE, "min_wage",
					      "the minimum wage must be more than 0");
		out->min_wage_fen = in->min_wage_fen;
		add_step(out, REWARD_STEP_MIN_WAGE, dec_int(area), dec_int(0), dec_int(0), dec_int(0),
			 dec_from_fen(out->min_wage_fen));
		return true;
	}
	ym = ym_make(in->year, p->reward.wage_month == POLICY_WAGE_DATA_YEAR_END ? 12 : 1);
	policy_min_wage_lookup(p, area, ym, &l);
	if (l.known == MIN_WAGE_OTHER_SCHEME)
		return core_error_set(err, CORE_ERR_POLICY, "min_wage",
				      "the minimum wage table of %04d-%02d classifies areas otherwise "
				      "than area class %d: give the monthly minimum wage",
				      ym_year(ym), ym_month(ym), area);
	if (l.known != MIN_WAGE_KNOWN)
		return core_error_set(err, CORE_ERR_POLICY, "min_wage",
				      "%.40s has no minimum wage for area class %d in %04d-%02d",
				      p->origin, area, ym_year(ym), ym_month(ym));
	out->min_wage_fen = l.fen;
	add_step(out, REWARD_STEP_MIN_WAGE, dec_int(area),
		 dec_int((int64_t)ym_year(ym) * 100 + ym_month(ym)), dec_int(0), dec_int(0),
		 dec_from_fen(out->min_wage_fen));
	return true;
}

/* The two conditions of the 办法, in its order: above the quota (the quota itself
 * excluded when the policy says so), then an excess of at least min_excess. */
static enum reward_why eligibility(const struct policy_reward *r, struct dec ratio,
				   struct dec quota, struct dec excess)
{
	int above = dec_cmp(ratio, quota);

	if (above < 0 || (above == 0 && r->strictly_above_quota))
		return REWARD_NOT_ABOVE_QUOTA;
	if (dec_cmp(excess, r->min_excess) < 0)
		return REWARD_EXCESS_TOO_SMALL;
	return REWARD_OK;
}

bool reward_compute(const struct policy *p, const struct reward_input *in,
		    struct reward_result *out, struct core_error *err)
{
	const struct policy_reward *r = &p->reward;
	struct dec zero = dec_int(0), placed, ratio, amount;
	int area = in->area_class ? in->area_class : r->default_area_class;

	memset(out, 0, sizeof *out);
	out->required = out->excess = out->persons = zero;
	if (dec_sign(in->staff) <= 0)
		return core_error_set(err, CORE_ERR_RANGE, "staff", "staff must be more than 0");
	if (dec_sign(in->placed) < 0)
		return core_error_set(err, CORE_ERR_RANGE, "placed", "placed persons must be 0 or more");
	if (area < 1 || area > POLICY_AREA_CLASSES)
		return core_error_set(err, CORE_ERR_RANGE, "area_class",
				      "area class must be 1, 2 or 3, got %d", area);

	/* placed is a count (counted months ÷ 12) shown as the policy rounds counts;
	 * the required count and the excess are exact (SPEC §7.2) */
	if (!dec_round(in->placed, p->rounding.count_places, p->rounding.count_mode, &placed) ||
	    !dec_mul(in->staff, p->quota, &out->required) ||
	    !dec_div(placed, in->staff, &ratio) ||
	    !dec_sub(placed, out->required, &out->excess))
		return overflow(err);
	add_step(out, REWARD_STEP_REQUIRED, in->staff, p->quota, zero, zero, out->required);
	add_step(out, REWARD_STEP_RATIO, placed, in->staff, p->quota, zero, ratio);
	add_step(out, REWARD_STEP_EXCESS, placed, out->required, zero, zero, out->excess);

	out->why = eligibility(r, ratio, p->quota, out->excess);
	if (out->why != REWARD_OK) {
		add_step(out, REWARD_STEP_NOT_ELIGIBLE, ratio, p->quota, out->excess, r->min_excess,
			 zero);
		return true;
	}
	add_step(out, REWARD_STEP_ELIGIBLE, ratio, p->quota, out->excess, r->min_excess, zero);
	if (!dec_round(out->excess, r->excess_places, r->excess_mode, &out->persons))
		return overflow(err);
	add_step(out, REWARD_STEP_PERSONS, out->excess, zero, zero, zero, out->persons);
	if (!min_wage(p, in, area, out, err))
		return false;
	if (!dec_mul(out->persons, r->multiplier, &amount) ||
	    !dec_mul(amount, dec_from_fen(out->min_wage_fen), &amount) ||
	    !dec_to_fen(amount, p->rounding.amount_mode, &out->reward_fen))
		return overflow(err);
	out->eligible = true;
	add_step(out, REWARD_STEP_AMOUNT, out->persons, r->multiplier,
		 dec_from_fen(out->min_wage_fen), zero, dec_from_fen(out->reward_fen));
	return true;
}

const char *reward_exclusion_name(enum reward_exclusion x)
{
	static const char *const names[] = {"included", "unit_kind", "institution_category",
					    "concentrated_vat_refund"};

	return (unsigned)x < 4 ? names[x] : "?";
}

enum reward_exclusion reward_unit_exclusion(const struct policy *p, const struct reward_unit *u)
{
	const struct policy_reward *r = &p->reward;

	if (r->excluded_kinds_mask & (1u << u->kind))
		return REWARD_EXCLUDED_KIND;
	if (u->kind == UNIT_INSTITUTION && u->has_category &&
	    (r->excluded_categories_mask & (1u << u->category)))
		return REWARD_EXCLUDED_CATEGORY;
	if (r->exclude_concentrated_vat_refund && u->concentrated && u->vat_refund)
		return REWARD_EXCLUDED_CONCENTRATED;
	return REWARD_UNIT_INCLUDED;
}
