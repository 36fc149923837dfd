/* application — see application.h. */
#include "server/application.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "server/access.h"
#include "server/eval.h"

static const struct application_kind_info kinds[] = {
	{ APPLICATION_REWARD, "超比例奖励申请", "reward" },
	{ APPLICATION_GRADUATE, "安置残疾大学生申请", "graduate_application" },
};

const struct application_kind_info *application_kind_info(enum application_kind kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return &kinds[0];
}

/* ------------------------------------------------------------ the persons */

#define ID_BATCH 128
#define ELSEWHERE_MAX 64

static int add_person(struct application_calc *c, const struct app_person *p)
{
	if (c->n_persons % 64 == 0) {
		struct app_person *grown =
			realloc(c->persons, (size_t)(c->n_persons + 64) * sizeof *grown);
		if (!grown)
			return -1;
		c->persons = grown;
	}
	c->persons[c->n_persons++] = *p;
	if (p->counted) {
		c->counted_persons++;
		c->months_counted += p->months_counted;
	}
	return 0;
}

/* One placement of the year: the facts from other units and materials, then
 * the person as the kind counts it. */
static int consider(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u,
		    struct application_calc *c, int64_t id)
{
	struct placement p;
	struct app_elsewhere other[ELSEWHERE_MAX];
	int yms[ELSEWHERE_MAX], dispatch[ELSEWHERE_MAX], n = 0, rc = -1;
	unsigned kinds_have = 0;
	struct app_person out;
	if (store_placement_load(st, id, &p) != STORE_OK)
		return -1;
	const char *idno = json_string_value(json_object_get(p.person, "idno"));
	if (store_confirmed_elsewhere_dispatch(st, idno ? idno : "", p.year, u->id, yms, dispatch,
					       ELSEWHERE_MAX, &n) != STORE_OK ||
	    store_material_kinds(st, p.id, &kinds_have) != STORE_OK)
		goto out;
	for (int i = 0; i < n; i++)
		other[i] = (struct app_elsewhere){ yms[i], dispatch[i] != 0 };
	struct app_person_in in = { &p, other, (size_t)n,
				    (kinds_have & (1u << MATERIAL_DEGREE)) != 0 };
	if (c->kind == APPLICATION_REWARD) {
		application_reward_person(&ctx->policy, &in, &out);
		rc = add_person(c, &out);
	} else {
		rc = application_graduate_person(&ctx->policy, &in, &out) ? add_person(c, &out) : 0;
	}
out:
	placement_free(&p);
	return rc;
}

/* ------------------------------------------------------------- the totals */

static int reward_totals(struct srv_ctx *ctx, const struct unit_ref *u, int year,
			 struct application_calc *c, char *err, size_t errlen)
{
	const struct policy *pol = &ctx->policy;
	struct core_error ce;
	struct reward_input in = { .staff = c->staff,
				   .placed = count_placed_persons((long)c->months_counted),
				   .area_class = u->wage_area_class, .year = year };
	if (!dec_round(in.placed, pol->rounding.count_places, pol->rounding.count_mode,
		       &c->placed) ||
	    !reward_compute(pol, &in, &c->reward, &ce)) {
		snprintf(err, errlen, "%s", ce.msg);
		return -1;
	}
	c->eligible = c->reward.eligible;
	snprintf(c->why, sizeof c->why, "%s", reward_why_name(c->reward.why));
	c->amount_fen = c->reward.reward_fen;
	return 0;
}

static void graduate_totals(const struct policy *pol, struct application_calc *c)
{
	c->placed = dec_int(c->counted_persons);
	c->eligible = c->counted_persons > 0;
	snprintf(c->why, sizeof c->why, "%s", c->eligible ? "ok" : "no_graduates");
	c->amount_fen = c->counted_persons * pol->graduate.amount_fen;
}

int application_calc_run(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u,
			 enum application_kind kind, int year, struct dec staff,
			 struct application_calc *out, char *err, size_t errlen)
{
	int64_t ids[ID_BATCH], after = 0;
	int n;
	memset(out, 0, sizeof *out);
	out->kind = kind;
	out->staff = staff;
	do {
		if (store_placement_ids(st, u->id, year, after, ids, ID_BATCH, &n) != STORE_OK)
			goto store_failed;
		for (int i = 0; i < n; i++)
			if (consider(ctx, st, u, out, ids[i]) != 0)
				goto store_failed;
		after = n ? ids[n - 1] : after;
	} while (n == ID_BATCH);
	if (kind == APPLICATION_GRADUATE) {
		graduate_totals(&ctx->policy, out);
		return 0;
	}
	if (reward_totals(ctx, u, year, out, err, errlen) == 0)
		return 0;
	application_calc_free(out);
	return -2;
store_failed:
	snprintf(err, errlen, "store: %s", store_errmsg(st));
	application_calc_free(out);
	return -1;
}

void application_calc_free(struct application_calc *c)
{
	free(c->persons);
	c->persons = NULL;
	c->n_persons = 0;
}

enum reward_exclusion application_unit_exclusion(const struct policy *pol, const json_t *unit,
						 const char **field)
{
	static const char *const fields[] = {
		[REWARD_UNIT_INCLUDED] = NULL, [REWARD_EXCLUDED_KIND] = "kind",
		[REWARD_EXCLUDED_CATEGORY] = "institution_category",
		[REWARD_EXCLUDED_CONCENTRATED] = "concentrated",
	};
	struct reward_unit ru = { .kind = UNIT_OTHER };
	policy_unit_kind_parse(json_string_value(json_object_get(unit, "kind")), &ru.kind);
	ru.has_category = policy_institution_category_parse(
		json_string_value(json_object_get(unit, "institution_category")), &ru.category);
	ru.concentrated = json_is_true(json_object_get(unit, "concentrated"));
	ru.vat_refund = json_is_true(json_object_get(unit, "vat_refund"));
	enum reward_exclusion x = reward_unit_exclusion(pol, &ru);
	*field = fields[x];
	return x;
}

/* ---------------------------------------------------------------- storing */

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

int application_store(struct store *st, const struct policy *pol, const struct unit_ref *u,
		      int year, const struct application_calc *c, const json_t *bank,
		      enum application_channel channel, const struct srv_user *by,
		      struct application_row *row)
{
	memset(row, 0, sizeof *row);
	row->kind = c->kind;
	row->unit_id = u->id;
	copy_str(row->uscc, sizeof row->uscc, u->uscc);
	copy_str(row->unit_name, sizeof row->unit_name, u->name);
	row->year = year;
	row->status = channel == CHANNEL_WINDOW ? APPLICATION_FIRST_PASSED : APPLICATION_APPLIED;
	row->channel = channel;
	application_format_count(c->staff, 0, row->staff, sizeof row->staff);
	application_format_count(c->placed, c->kind == APPLICATION_REWARD ? 2 : 0, row->placed,
				 sizeof row->placed);
	if (c->kind == APPLICATION_REWARD) {
		row->has_reward = 1;
		application_format_count(c->reward.required, 2, row->required, sizeof row->required);
		application_format_count(c->reward.excess, 2, row->excess, sizeof row->excess);
		application_format_count(c->reward.persons, 0, row->persons_rewarded,
					 sizeof row->persons_rewarded);
		application_format_count(pol->reward.multiplier, 0, row->multiplier,
					 sizeof row->multiplier);
		row->min_wage_fen = c->reward.min_wage_fen;
	}
	row->amount_fen = c->amount_fen;
	row->months_counted = c->months_counted;
	copy_str(row->policy_version, sizeof row->policy_version, pol->version);
	copy_str(row->bank_payee, sizeof row->bank_payee,
		 json_string_value(json_object_get(bank, "payee")));
	copy_str(row->bank_account, sizeof row->bank_account,
		 json_string_value(json_object_get(bank, "account")));
	copy_str(row->bank_name, sizeof row->bank_name,
		 json_string_value(json_object_get(bank, "bank")));
	row->applied_by = by->id;
	copy_str(row->applied_by_name, sizeof row->applied_by_name, by->username);
	eval_now(row->applied_at);
	return store_application_insert(st, row, c->persons, c->n_persons);
}

/* ------------------------------------------------------------------- JSON */

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *money(int64_t fen)
{
	char text[24];
	money_format_fen(fen, text, sizeof text);
	return json_string(text);
}

static json_t *review_json(const struct application_review *r)
{
	if (!r->result[0])
		return json_null();
	return json_pack("{s:s, s:o, s:s, s:s}", "result", r->result, "reason",
			 str_or_null(r->reason), "reviewer", r->by_name, "at", r->at);
}

json_t *application_json(const struct application_row *a, json_t *persons, json_t *attachments)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s}", "id",
			      (json_int_t)a->id, "kind", wire_application_kind_word(a->kind), "uscc",
			      a->uscc, "unit_name", a->unit_name, "year", a->year, "status",
			      wire_application_status_word(a->status), "channel",
			      wire_channel_word(a->channel), "staff", a->staff, "placed", a->placed);
	if (!o)
		return NULL;
	json_object_set_new(o, "required", a->has_reward ? json_string(a->required) : json_null());
	json_object_set_new(o, "excess", a->has_reward ? json_string(a->excess) : json_null());
	json_object_set_new(o, "persons_rewarded",
			    a->has_reward ? json_string(a->persons_rewarded) : json_null());
	json_object_set_new(o, "multiplier", a->has_reward ? json_string(a->multiplier)
							   : json_null());
	json_object_set_new(o, "min_wage", a->has_reward ? money(a->min_wage_fen) : json_null());
	json_object_set_new(o, "amount", money(a->amount_fen));
	json_object_set_new(o, "months_counted", json_integer(a->months_counted));
	json_object_set_new(o, "policy_version", json_string(a->policy_version));
	json_object_set_new(o, "bank", json_pack("{s:s, s:s, s:s}", "payee", a->bank_payee,
						 "account", a->bank_account, "bank", a->bank_name));
	json_object_set_new(o, "applied_by", json_string(a->applied_by_name));
	json_object_set_new(o, "applied_at", json_string(a->applied_at));
	json_object_set_new(o, "first_review", review_json(&a->first));
	json_object_set_new(o, "second_review", review_json(&a->second));
	json_object_set_new(o, "persons", persons ? json_incref(persons) : json_array());
	json_object_set_new(o, "attachments", attachments ? json_incref(attachments)
							  : json_array());
	json_object_set_new(o, "version", json_integer(a->version));
	return o;
}

static json_t *persons_json(const struct application_calc *c)
{
	json_t *a = json_array();
	for (int i = 0; i < c->n_persons; i++) {
		const struct app_person *p = &c->persons[i];
		json_t *months = json_array();
		for (int k = 0; k < p->n_months; k++) {
			const struct app_month *m = &p->months[k];
			char ym[16];
			snprintf(ym, sizeof ym, "%06d", m->ym);
			json_array_append_new(months,
				json_pack("{s:s, s:b, s:i, s:o}", "month", ym, "counted", m->counted,
					  "weight", m->weight, "reason",
					  str_or_null(wire_left_out_word(m->reason))));
		}
		json_array_append_new(a,
			json_pack("{s:I, s:s, s:s, s:b, s:o, s:i, s:o}", "placement_id",
				  (json_int_t)p->placement_id, "name_masked", p->name_masked,
				  "idno_masked", p->idno_masked, "counted", p->counted, "reason",
				  str_or_null(wire_left_out_word(p->reason)), "months_counted",
				  p->months_counted, "months", months));
	}
	return a;
}

json_t *application_preview_json(const struct unit_ref *u, int year,
				 const struct application_calc *c)
{
	/* the reward's numbers stay "" (null) for a graduate application */
	char staff[32], placed[32], required[32] = "", excess[32] = "", persons[16] = "";
	bool reward = c->kind == APPLICATION_REWARD;
	application_format_count(c->staff, 0, staff, sizeof staff);
	application_format_count(c->placed, reward ? 2 : 0, placed, sizeof placed);
	if (reward) {
		application_format_count(c->reward.required, 2, required, sizeof required);
		application_format_count(c->reward.excess, 2, excess, sizeof excess);
		application_format_count(c->reward.persons, 0, persons, sizeof persons);
	}
	return json_pack("{s:s, s:s, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:b, s:s, s:o}",
			 "kind", wire_application_kind_word(c->kind), "uscc", u->uscc, "year",
			 year, "staff", staff, "placed", placed, "required",
			 str_or_null(required), "excess", str_or_null(excess), "persons_rewarded",
			 str_or_null(persons), "min_wage",
			 reward && c->reward.eligible ? money(c->reward.min_wage_fen) : json_null(),
			 "amount", money(c->amount_fen), "months_counted",
			 (json_int_t)c->months_counted, "eligible", c->eligible, "why", c->why,
			 "persons", persons_json(c));
}

int application_notify(struct store *st, const struct application_row *a, const char *what,
		       const char *body)
{
	char title[200], now[20];
	snprintf(title, sizeof title, "%s%s", application_kind_info(a->kind)->title, what);
	eval_now(now);
	return store_notice_add(st, a->uscc, title, body, now, NULL);
}

int application_access(struct srv_req *rq, struct srv_reply *rp, const char *id_text,
		       enum application_kind kind, struct application_row *a)
{
	char *end;
	long long id = strtoll(id_text, &end, 10);
	struct unit_ref u;
	if (*end == '\0' && id > 0 && store_application_get(rq->st, id, a) == STORE_OK &&
	    a->kind == kind && store_unit_ref_by_id(rq->st, a->unit_id, &u) == STORE_OK &&
	    access_unit_visible(rq, &u))
		return 0;
	srv_problem(rp, 404, "not_found", NULL, "no such application");
	return -1;
}

json_t *application_load_json(struct store *st, const struct application_row *a)
{
	json_t *persons = store_application_persons(st, a->id);
	json_t *attachments = persons ? store_application_attachments(st, a->id) : NULL;
	json_t *o = attachments ? application_json(a, persons, attachments) : NULL;
	json_decref(persons);
	json_decref(attachments);
	return o;
}

void application_reply(struct srv_req *rq, struct srv_reply *rp, int status,
		       const struct application_row *a)
{
	json_t *o = application_load_json(rq->st, a);
	if (!o) {
		srv_problem(rp, 500, "internal", NULL, "could not read the application");
		return;
	}
	srv_etag(rp, a->version);
	srv_json(rp, status, o);
}
