/* taxrec — see taxrec.h. */
#include "server/taxrec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "core/money.h"

void taxrec_levy_input(const struct unit_figures *f, int year, int64_t months_counted,
		       struct levy_input *in)
{
	enum unit_kind kind = UNIT_OTHER;
	policy_unit_kind_parse(f->kind, &kind);
	*in = (struct levy_input){
		.staff = dec_int(f->staff_last_year),
		.placed = count_placed_persons((long)months_counted),
		.has_total_wages = true,
		.total_wages_fen = f->wages_last_year_fen,
		.year = year,
		.kind = kind,
	};
}

/* A step's number as an exact decimal string (9 places when it does not end
 * sooner, as 1/12 does). */
static void dec_text(struct dec d, char *buf, size_t size)
{
	struct dec r;
	for (int places = 0; places <= 9; places++)
		if (dec_round(d, places, ROUND_HALF_UP, &r) && dec_cmp(r, d) == 0) {
			dec_format(d, places, ROUND_HALF_UP, buf, size);
			return;
		}
	dec_format(d, 9, ROUND_HALF_UP, buf, size);
}

static json_t *steps_json(const struct levy_result *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n_steps; i++) {
		const struct levy_step *s = &r->steps[i];
		const struct dec *nums[] = { &s->a, &s->b, &s->c, &s->d, &s->result };
		static const char *const names[] = { "a", "b", "c", "d", "result" };
		json_t *o = json_pack("{s:s}", "kind", levy_step_name(s->kind));
		for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
			char text[64];
			dec_text(*nums[k], text, sizeof text);
			json_object_set_new(o, names[k], json_string(text));
		}
		if (s->kind == LEVY_STEP_WAGE_CAP)
			json_object_set_new(o, "capped", json_boolean(s->capped));
		json_array_append_new(a, o);
	}
	return a;
}

bool taxrec_make(const struct policy *p, const struct unit_figures *f, int year,
		 int64_t months_confirmed, int64_t months_counted, struct tax_row *t,
		 struct core_error *err)
{
	struct levy_input in;
	struct levy_result r;
	enum unit_kind kind;
	if (!policy_unit_kind_parse(f->kind, &kind))
		return core_error_set(err, CORE_ERR_RANGE, "kind", "unknown unit kind");
	taxrec_levy_input(f, year, months_counted, &in);
	if (!levy_compute(p, &in, &r, err))
		return false;
	t->year = year;
	snprintf(t->tax_region, sizeof t->tax_region, "%s", f->tax_region);
	snprintf(t->unit_kind, sizeof t->unit_kind, "%s", f->kind);
	t->staff = f->staff_last_year;
	t->months_confirmed = months_confirmed;
	t->months_counted = months_counted;
	count_format_persons(p, in.placed, t->placed_persons, sizeof t->placed_persons);
	t->wages_fen = f->wages_last_year_fen;
	t->avg_wage_fen = 0; /* the AVG_WAGE step's: total wages are always given */
	for (size_t i = 0; i < r.n_steps; i++)
		if (r.steps[i].kind == LEVY_STEP_AVG_WAGE)
			dec_to_fen(r.steps[i].result, ROUND_HALF_UP, &t->avg_wage_fen);
	const struct policy_social_wage *w = policy_social_wage(p, year);
	t->has_social_avg = w != NULL;
	t->social_avg_wage_fen = w ? w->annual_fen : 0;
	t->social_avg_wage_example = w && w->example;
	t->wage_cap_multiple = policy_wage_cap_multiple(p, policy_levy_date(p, year));
	t->wage_used_fen = r.wage_fen;
	t->levy_fen = r.due_fen;
	t->exempt = r.exempt;
	dec_text(r.factor, t->factor, sizeof t->factor);
	json_t *steps = steps_json(&r);
	char *text = json_dumps(steps, JSON_COMPACT);
	json_decref(steps);
	if (!text || strlen(text) >= sizeof t->steps) {
		free(text);
		return core_error_set(err, CORE_ERR_OVERFLOW, "steps", "too many steps to keep");
	}
	snprintf(t->steps, sizeof t->steps, "%s", text);
	free(text);
	snprintf(t->policy_version, sizeof t->policy_version, "%s", p->version);
	return true;
}

static json_t *money(int64_t fen)
{
	char text[32];
	money_format_fen(fen, text, sizeof text);
	return json_string(text);
}

static json_t *text_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

json_t *taxrec_json(const struct tax_row *t)
{
	json_t *steps = json_loads(t->steps, 0, NULL);
	return json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:I, s:I, s:I, s:s, s:o, s:o, s:o, s:b,"
			 " s:i, s:o, s:o, s:b, s:s, s:o, s:s, s:s, s:s, s:s, s:o}",
			 "id", (json_int_t)t->id, "uscc", t->uscc, "unit_name", t->unit_name, "year",
			 t->year, "tax_region", t->tax_region, "unit_kind", t->unit_kind, "staff",
			 (json_int_t)t->staff, "months_confirmed", (json_int_t)t->months_confirmed,
			 "months_counted", (json_int_t)t->months_counted, "placed_persons",
			 t->placed_persons, "wages_last_year", money(t->wages_fen), "avg_wage",
			 money(t->avg_wage_fen), "social_avg_wage",
			 t->has_social_avg ? money(t->social_avg_wage_fen) : json_null(),
			 "social_avg_wage_example", t->social_avg_wage_example, "wage_cap_multiple",
			 t->wage_cap_multiple, "wage_used", money(t->wage_used_fen), "levy_due",
			 money(t->levy_fen), "exempt", t->exempt, "factor", t->factor, "steps",
			 steps ? steps : json_array(), "policy_version", t->policy_version, "status",
			 wire_tax_record_status_word(t->status), "sent_at", t->sent_at, "sent_by",
			 t->sent_by, "withdrawn_at", text_or_null(t->withdrawn_at));
}
