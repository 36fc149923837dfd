/* placement — see placement.h. */
#include "server/placement.h"

#include <stdio.h>
#include <string.h>

#include "core/policy.h"
#include "server/eval.h"
#include "wire/wire.h"

int placement_body(struct srv_req *rq, struct srv_reply *rp, struct placement *p)
{
	struct wire_error we;
	json_t *body;
	if (!rq->body) {
		srv_problem(rp, 400, "invalid_json", NULL, "send the placement as JSON");
		return -1;
	}
	if (!wire_placement_validate(rq->body, &body, &we)) {
		srv_problem(rp, strcmp(we.code, "invalid_json") == 0 ? 400 : 422, we.code,
			    we.field[0] ? we.field : NULL, "%s", we.detail);
		return -1;
	}
	placement_free(p);
	p->person = json_incref(json_object_get(body, "person"));
	p->contracts = json_incref(json_object_get(body, "contracts"));
	p->certificates = json_incref(json_object_get(body, "certificates"));
	p->details_dirty = 1;
	json_decref(body);
	return 0;
}

int placement_save(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
		   const struct unit_ref *u, int reset)
{
	char err[160];
	if (eval_placement(rq->ctx, rq->st, p, u->wage_area_class, reset, err, sizeof err) != 0) {
		srv_problem(rp, 500, "internal", NULL, "checks failed: %s", err);
		return -1;
	}
	int rc = p->id ? store_placement_save(rq->st, p) : store_placement_insert(rq->st, p, u);
	if (rc == STORE_CONFLICT) {
		srv_problem(rp, 409, "conflict", "person.idno",
			    "this person is already registered at this unit for the year");
		return -1;
	}
	if (rc == STORE_NOTFOUND) {
		srv_problem(rp, 412, "precondition_failed", NULL, "the record changed: reload it");
		return -1;
	}
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not save the placement");
		return -1;
	}
	return 0;
}

void placement_reply(struct srv_req *rq, struct srv_reply *rp, int status,
		     const struct placement *p)
{
	json_t *materials = store_material_list(rq->st, p->id);
	json_t *out = placement_json(p, materials);
	json_decref(materials);
	srv_etag(rp, p->version);
	srv_json(rp, status, out);
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *checks_json(const struct placement_month *m)
{
	static const int source_of[CHECK__COUNT] = { [CHECK_WAGE] = SOURCE_WAGES + 1,
						     [CHECK_SOCIAL] = SOURCE_SOCIAL + 1,
						     [CHECK_MEDICAL] = SOURCE_MEDICAL + 1 };
	json_t *o = json_object();
	for (int k = 0; k < CHECK__COUNT; k++) {
		int failed = (m->failed >> k) & 1;
		json_t *src = source_of[k] ? str_or_null(m->source_label[source_of[k] - 1])
					   : json_null();
		json_object_set_new(o, wire_check_word((enum check_kind)k),
			json_pack("{s:b, s:o, s:o}", "ok", !failed, "reason",
				  failed ? json_string(wire_reason_word(
						   (enum check_reason)m->reason[k]))
					 : json_null(),
				  "source", src));
	}
	return o;
}

static json_t *month_json(const struct placement_month *m)
{
	char ym[16];
	snprintf(ym, sizeof ym, "%06d", m->ym);
	return json_pack("{s:s, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "month", ym,
			 "registered", 1, "checks", checks_json(m), "cert_type",
			 m->cert_type >= 0 ? json_string(policy_cert_type_name(
						     (enum cert_type)m->cert_type))
					   : json_null(),
			 "cert_level", m->cert_type >= 0 ? json_integer(m->cert_level) : json_null(),
			 "result", str_or_null(wire_month_decision_word(m->result)), "review_reason",
			 str_or_null(m->review.reason), "reviewer", str_or_null(m->review.reviewer),
			 "reviewed_at", str_or_null(m->review.reviewed_at));
}

/* DISPATCH_ITEM: the item, the material that proves it and its decision. */
static json_t *items_json(const struct placement *p)
{
	if (p->n_items == 0)
		return json_null();
	json_t *a = json_array();
	for (int i = 0; i < p->n_items; i++) {
		const struct dispatch_row *it = &p->items[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}",
			"item", wire_dispatch_item_word(it->item), "material_kind",
			wire_material_word(checks_dispatch_material(it->item)), "result",
			str_or_null(wire_month_decision_word(it->result)), "reason",
			str_or_null(it->review.reason), "reviewer", str_or_null(it->review.reviewer),
			"reviewed_at", str_or_null(it->review.reviewed_at)));
	}
	return a;
}

json_t *placement_json(const struct placement *p, const json_t *materials)
{
	json_t *months = json_array(), *needs = json_array();
	for (int mo = 1; mo <= 12; mo++) {
		int ym = p->year * 100 + mo;
		const struct placement_month *m = NULL;
		for (int i = 0; i < p->n_months && !m; i++)
			if (p->months[i].ym == ym)
				m = &p->months[i];
		if (m) {
			json_array_append_new(months, month_json(m));
			continue;
		}
		char text[16];
		snprintf(text, sizeof text, "%06d", ym);
		json_array_append_new(months,
			json_pack("{s:s, s:b, s:n, s:n, s:n, s:n, s:n, s:n, s:n}", "month", text,
				  "registered", 0, "checks", "cert_type", "cert_level", "result",
				  "review_reason", "reviewer", "reviewed_at"));
	}
	for (int k = 0; k < MATERIAL__COUNT; k++)
		if (p->needs & (1u << k))
			json_array_append_new(needs,
					      json_string(wire_material_word((enum material_kind)k)));
	return json_pack("{s:I, s:s, s:i, s:O, s:O, s:O, s:o, s:o, s:o, s:s, s:o, s:i, s:i, s:i,"
			 " s:i, s:o, s:o, s:o, s:I}",
			 "id", (json_int_t)p->id, "uscc", p->uscc, "year", p->year, "person",
			 p->person, "contracts", p->contracts, "certificates", p->certificates,
			 "months", months, "dispatch_items", items_json(p), "materials",
			 materials ? json_deep_copy(materials) : json_array(), "status",
			 wire_placement_status_word(p->status), "confirmed_by",
			 str_or_null(wire_confirmed_by_word(p->confirmed_by)), "months_registered",
			 p->months_registered, "months_confirmed", p->months_confirmed,
			 "months_counted", p->months_counted, "months_rejected", p->months_rejected,
			 "needs", needs, "submitted_at", str_or_null(p->submitted_at),
			 "confirmed_at", str_or_null(p->confirmed_at), "version",
			 (json_int_t)p->version);
}
