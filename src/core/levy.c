/* levy: the employment security levy with its structured explanation and the
 * what-if (see levy.h).  Order (SPEC §7.1): cap the wage, compute, apply the tier.
 * The (capped) wage and the base are rounded to the fen so that every shown
 * step multiplies out to the next one exactly. */
#include <string.h>

#include "core/levy.h"

static const char *const step_names[LEVY_STEP__COUNT] = {
	[LEVY_STEP_PLACED_ROUNDED] = "placed_rounded",
	[LEVY_STEP_AVG_WAGE] = "avg_wage",
	[LEVY_STEP_WAGE_CAP] = "wage_cap",
	[LEVY_STEP_NO_CAP] = "no_cap",
	[LEVY_STEP_REQUIRED] = "required",
	[LEVY_STEP_SHORTFALL] = "shortfall",
	[LEVY_STEP_BASE] = "base",
	[LEVY_STEP_RATIO] = "ratio",
	[LEVY_STEP_TIER] = "tier",
	[LEVY_STEP_EXEMPT_SMALL] = "exempt_small",
	[LEVY_STEP_NOTHING_DUE] = "nothing_due",
	[LEVY_STEP_DUE] = "due",
};

const char *levy_step_name(enum levy_step_kind k)
{
	return (unsigned)k < LEVY_STEP__COUNT ? step_names[k] : "?";
}

static void add_step(struct levy_result *out, enum levy_step_kind kind, struct dec a,
		     struct dec b, struct dec c, struct dec d, struct dec result)
{
	struct levy_step *s;

	if (out->n_steps >= LEVY_MAX_STEPS)
		return;
	s = &out->steps[out->n_steps++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->a = a;
	s->b = b;
	s->c = c;
	s->d = d;
	s->result = result;
}

static bool overflow(struct core_error *err)
{
	return core_error_set(err, CORE_ERR_OVERFLOW, "levy", "numbers too large to compute exactly");
}

/* placed rounded as the policy rounds counts */
static bool placed_rounded(const struct policy *p, struct dec placed, struct dec *out)
{
	return dec_round(placed, p->rounding.count_places, p->rounding.count_mode, out);
}

/* The wage used: average (from total / staff when given), capped. */
static bool wage_step(const struct policy *p, const struct levy_input *in, struct ymd date,
		      struct levy_result *out, struct core_error *err)
{
	struct dec zero = dec_int(0), avg, cap;
	int64_t avg_fen = in->avg_wage_fen, cap_fen, social_fen = in->social_avg_wage_fen;
	int multiple = policy_wage_cap_multiple(p, date);
	bool have_social = in->has_social_avg;

	if (in->has_total_wages) {
		if (!dec_div(dec_from_fen(in->total_wages_fen), in->staff, &avg) ||
		    !dec_to_fen(avg, p->rounding.amount_mode, &avg_fen))
			return overflow(err);
		add_step(out, LEVY_STEP_AVG_WAGE, dec_from_fen(in->total_wages_fen), in->staff,
			 zero, zero, dec_from_fen(avg_fen));
	}
	if (!have_social) {
		const struct policy_social_wage *w = policy_social_wage(p, in->year);

		if (w) {
			social_fen = w->annual_fen;
			have_social = true;
			out->social_wage_example = w->example;
		}
	}
	if (!multiple || !have_social) {
		out->wage_fen = avg_fen;
		add_step(out, LEVY_STEP_NO_CAP, dec_from_fen(avg_fen), zero, zero, zero,
			 dec_from_fen(avg_fen));
		return true;
	}
	if (!dec_mul(dec_from_fen(social_fen), dec_int(multiple), &cap) ||
	    !dec_to_fen(cap, p->rounding.amount_mode, &cap_fen))
		return overflow(err);
	out->wage_fen = avg_fen > cap_fen ? cap_fen : avg_fen;
	add_step(out, LEVY_STEP_WAGE_CAP, dec_from_fen(avg_fen), dec_int(multiple),
		 dec_from_fen(social_fen), zero, dec_from_fen(out->wage_fen));
	out->steps[out->n_steps - 1].capped = avg_fen > cap_fen;
	return true;
}

static bool compute(const struct policy *p, const struct levy_input *in,
		    struct levy_result *out, struct core_error *err)
{
	struct dec zero = dec_int(0), placed, required, shortfall, base;
	struct ymd date = in->date.y ? in->date : policy_levy_date(p, in->year);
	const struct policy_tier *tier;
	int64_t base_fen, due_fen;

	memset(out, 0, sizeof *out);
	out->factor = dec_int(1);
	if (dec_sign(in->staff) <= 0)
		return core_error_set(err, CORE_ERR_RANGE, "staff", "staff must be more than 0");
	if (dec_sign(in->placed) < 0)
		return core_error_set(err, CORE_ERR_RANGE, "placed", "placed persons must be 0 or more");
	if ((in->has_total_wages && in->total_wages_fen < 0) ||
	    (!in->has_total_wages && in->avg_wage_fen < 0) ||
	    (in->has_social_avg && in->social_avg_wage_fen < 0))
		return core_error_set(err, CORE_ERR_RANGE, "avg_wage", "wages must be 0 or more");

	if (!placed_rounded(p, in->placed, &placed) || !dec_div(placed, in->staff, &out->ratio))
		return overflow(err);
	if (dec_cmp(placed, in->placed) != 0)
		add_step(out, LEVY_STEP_PLACED_ROUNDED, in->placed, zero, zero, zero, placed);
	if (!wage_step(p, in, date, out, err))
		return false;
	add_step(out, LEVY_STEP_RATIO, placed, in->staff, zero, zero, out->ratio);

	if (policy_is_exempt(p, date, in->staff, in->kind)) {
		const struct policy_exemption *x = NULL;

		for (size_t i = 0; i < p->n_exemptions && !x; i++)
			if (date_in_range(date, p->exemptions[i].valid.from, p->exemptions[i].valid.to))
				x = &p->exemptions[i];
		out->exempt = true;
		add_step(out, LEVY_STEP_EXEMPT_SMALL, in->staff, dec_int(x ? x->staff_max : 0),
			 zero, zero, zero);
		add_step(out, LEVY_STEP_DUE, zero, zero, zero, zero, zero);
		return true;
	}

	if (!dec_mul(in->staff, p->quota, &required) || !dec_sub(required, placed, &shortfall))
		return overflow(err);
	add_step(out, LEVY_STEP_REQUIRED, in->staff, p->quota, zero, zero, required);
	add_step(out, LEVY_STEP_SHORTFALL, required, placed, zero, zero, shortfall);
	if (dec_sign(shortfall) <= 0) {
		add_step(out, LEVY_STEP_NOTHING_DUE, shortfall, zero, zero, zero, zero);
		add_step(out, LEVY_STEP_DUE, zero, zero, zero, zero, zero);
		return true;
	}
	if (!dec_mul(shortfall, dec_from_fen(out->wage_fen), &base) ||
	    !dec_to_fen(base, p->rounding.amount_mode, &base_fen))
		return overflow(err);
	add_step(out, LEVY_STEP_BASE, shortfall, dec_from_fen(out->wage_fen), zero, zero,
		 dec_from_fen(base_fen));
	due_fen = base_fen;
	tier = policy_tier_for(p, date, out->ratio);
	if (tier) {
		struct dec tiered;

		if (!dec_mul(dec_from_fen(base_fen), tier->factor, &tiered) ||
		    !dec_to_fen(tiered, p->rounding.amount_mode, &due_fen))
			return overflow(err);
		out->factor = tier->factor;
		add_step(out, LEVY_STEP_TIER, out->ratio, tier->min, tier->below, tier->factor,
			 dec_from_fen(due_fen));
	}
	out->due_fen = due_fen > 0 ? due_fen : 0;
	add_step(out, LEVY_STEP_DUE, zero, zero, zero, zero, dec_from_fen(out->due_fen));
	return true;
}

/* placed + m/12 rounded as the policy rounds, over staff, reaches threshold. */
static bool reaches(const struct policy *p, const struct levy_input *in, long m,
		    struct dec threshold)
{
	struct dec placed, ratio;

	if (!dec_add(in->placed, dec_frac(m, 12), &placed) || !placed_rounded(p, placed, &placed) ||
	    !dec_div(placed, in->staff, &ratio))
		return false;
	return dec_cmp(ratio, threshold) >= 0;
}

/* Fewest extra counted months reaching threshold (exact estimate, then walk
 * down while rounding still reaches it).  -1 when it cannot be computed. */
static long months_to(const struct policy *p, const struct levy_input *in, struct dec threshold)
{
	struct dec need, gap;
	int64_t m;

	if (!dec_mul(threshold, in->staff, &need) || !dec_sub(need, in->placed, &gap) ||
	    !dec_mul(gap, dec_int(12), &gap) || !dec_to_int(gap, ROUND_UP, &m))
		return -1;
	int64_t limit;

	if (m < 0)
		m = 0;
	if (m > INT32_MAX - 24)
		return -1;
	/* rounding of placed moves the answer by less than a couple of months */
	limit = m + 24;
	while (!reaches(p, in, (long)m, threshold))
		if (++m > limit)
			return -1;
	while (m > 0 && reaches(p, in, (long)m - 1, threshold))
		m--;
	return (long)m;
}

static void whatif(const struct policy *p, const struct levy_input *in, struct levy_result *out)
{
	struct ymd date = in->date.y ? in->date : policy_levy_date(p, in->year);
	const struct policy_tier *next = NULL;
	struct levy_whatif *w = &out->whatif;

	memset(w, 0, sizeof *w);
	if (out->exempt || out->due_fen == 0)
		return;
	/* the next better tier: the lowest threshold above the ratio with a smaller factor */
	for (size_t i = 0; i < p->n_tiers; i++) {
		const struct policy_tier *t = &p->tiers[i];

		if (!date_in_range(date, t->valid.from, t->valid.to) || dec_cmp(t->min, out->ratio) <= 0 ||
		    dec_cmp(t->factor, out->factor) >= 0)
			continue;
		if (!next || dec_cmp(t->min, next->min) < 0)
			next = t;
	}
	if (next) {
		long m = months_to(p, in, next->min);
		struct levy_input more = *in;
		struct levy_result r;

		if (m >= 0 && dec_add(in->placed, dec_frac(m, 12), &more.placed) &&
		    compute(p, &more, &r, NULL)) {
			w->has_next_tier = true;
			w->months_to_next_tier = m;
			w->next_tier_factor = next->factor;
			w->next_tier_due_fen = r.due_fen;
		}
	}
	w->months_to_quota = months_to(p, in, p->quota);
	w->has_quota = w->months_to_quota > 0;
}

bool levy_compute(const struct policy *p, const struct levy_input *in,
		  struct levy_result *out, struct core_error *err)
{
	if (!compute(p, in, out, err))
		return false;
	whatif(p, in, out);
	return true;
}
