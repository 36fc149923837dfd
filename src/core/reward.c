/* reward: the over-quota reward with its structured explanation (see reward.h). */
#include <string.h>

#include "core/reward.h"

static const char *const step_names[REWARD_STEP__COUNT] = {
	[REWARD_STEP_REQUIRED] = "required",
	[REWARD_STEP_RATIO] = "ratio",
	[REWARD_STEP_EXCESS] = "excess",
	[REWARD_STEP_MIN_WAGE] = "min_wage",
	[REWARD_STEP_AMOUNT] = "amount",
	[REWARD_STEP_NOT_ELIGIBLE] = "not_eligible",
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
		     struct dec b, struct dec c, struct dec result)
{
	if (out->n_steps >= REWARD_MAX_STEPS)
		return;
	out->steps[out->n_steps++] = (struct reward_step){kind, a, b, c, result};
}

static bool overflow(struct core_error *err)
{
	return core_error_set(err, CORE_ERR_OVERFLOW, "reward", "numbers too large to compute exactly");
}

/* The monthly minimum wage the reward uses (given, or the policy's). */
static bool min_wage(const struct policy *p, const struct reward_input *in, int area,
		     struct reward_result *out, struct core_error *err)
{
	int ym;

	if (in->has_min_wage) {
		if (in->min_wage_fen <= 0)
			return core_error_set(err, CORE_ERR_RANGE, "min_wage",
					      "the minimum wage must be more than 0");
		out->min_wage_fen = in->min_wage_fen;
		add_step(out, REWARD_STEP_MIN_WAGE, dec_int(area), dec_int(0), dec_int(0),
			 dec_from_fen(out->min_wage_fen));
		return true;
	}
	ym = ym_make(in->year, p->reward.wage_month == POLICY_WAGE_DATA_YEAR_END ? 12 : 1);
	if (!policy_min_wage(p, area, ym, &out->min_wage_fen))
		return core_error_set(err, CORE_ERR_POLICY, "min_wage",
				      "%.40s has no minimum wage for area class %d in %04d-%02d",
				      p->origin, area, ym_year(ym), ym_month(ym));
	add_step(out, REWARD_STEP_MIN_WAGE, dec_int(area),
		 dec_int((int64_t)ym_year(ym) * 100 + ym_month(ym)), dec_int(0),
		 dec_from_fen(out->min_wage_fen));
	return true;
}

bool reward_compute(const struct policy *p, const struct reward_input *in,
		    struct reward_result *out, struct core_error *err)
{
	const struct policy_reward *r = &p->reward;
	struct dec zero = dec_int(0), placed, exact, diff, amount;
	int area = in->area_class ? in->area_class : r->default_area_class;
	bool above;

	memset(out, 0, sizeof *out);
	if (dec_sign(in->staff) <= 0)
		return core_error_set(err, CORE_ERR_RANGE, "staff", "staff must be more than 0");
	if (dec_sign(in->placed) < 0)
		return core_error_set(err, CORE_ERR_RANGE, "placed", "placed persons must be 0 or more");
	if (area < 1 || area > POLICY_AREA_CLASSES)
		return core_error_set(err, CORE_ERR_RANGE, "area_class",
				      "area class must be 1, 2 or 3, got %d", area);

	if (!dec_round(in->placed, p->rounding.count_places, p->rounding.count_mode, &placed) ||
	    !dec_mul(in->staff, p->quota, &exact) ||
	    !dec_round(exact, r->required_places, r->required_mode, &out->required))
		return overflow(err);
	add_step(out, REWARD_STEP_REQUIRED, in->staff, p->quota, exact, out->required);

	{
		struct dec ratio;

		if (!dec_div(placed, in->staff, &ratio))
			return overflow(err);
		add_step(out, REWARD_STEP_RATIO, placed, in->staff, p->quota, ratio);
		above = r->strictly_above_quota ? dec_cmp(ratio, p->quota) > 0
						: dec_cmp(ratio, p->quota) >= 0;
	}
	if (!dec_sub(placed, out->required, &diff) ||
	    !dec_round(diff, r->excess_places, r->excess_mode, &out->excess))
		return overflow(err);
	if (dec_sign(out->excess) < 0)
		out->excess = zero;
	add_step(out, REWARD_STEP_EXCESS, placed, out->required, diff, out->excess);

	if (!above || dec_cmp(out->excess, r->min_excess) < 0) {
		out->why = above ? REWARD_EXCESS_TOO_SMALL : REWARD_NOT_ABOVE_QUOTA;
		add_step(out, REWARD_STEP_NOT_ELIGIBLE, out->steps[1].result, p->quota, out->excess, zero);
		return true;
	}
	if (!min_wage(p, in, area, out, err))
		return false;
	if (!dec_mul(out->excess, r->multiplier, &amount) ||
	    !dec_mul(amount, dec_from_fen(out->min_wage_fen), &amount) ||
	    !dec_to_fen(amount, p->rounding.amount_mode, &out->reward_fen))
		return overflow(err);
	out->eligible = true;
	out->why = REWARD_OK;
	add_step(out, REWARD_STEP_AMOUNT, out->excess, r->multiplier, dec_from_fen(out->min_wage_fen),
		 dec_from_fen(out->reward_fen));
	return true;
}
