/* eval — from a stored placement and the registry to checked months and a
 * status. The core decides every check (checks_run_month) and every weight;
 * this file gathers the facts and applies doc/api.md's status rules. */
#include "server/eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/checks.h"
#include "core/count.h"
#include "core/date.h"
#include "core/ident.h"
#include "server/store.h"
#include "wire/enums.h"

#define MAX_ROWS 64

void eval_now(char buf[20])
{
	time_t t = time(NULL) + 8 * 3600; /* Asia/Shanghai has no DST */
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

static int parse_date_or(const json_t *o, const char *k, struct ymd fallback, struct ymd *out)
{
	const char *s = json_string_value(json_object_get(o, k));
	*out = fallback;
	if (!s || !*s)
		return 0;
	return date_parse(s, k, out, NULL) ? 0 : -1;
}

/* The facts that do not depend on the month. */
struct facts {
	struct contract_facts contracts[MAX_ROWS];
	size_t n_contracts;
	struct cert_facts certs[MAX_ROWS];
	size_t n_certs;
	struct wage_record wages[MAX_ROWS];
	int64_t wage_import[MAX_ROWS];
	size_t n_wages;
	struct insurance_payment social[MAX_ROWS], medical[MAX_ROWS];
	int64_t social_import[MAX_ROWS], medical_import[MAX_ROWS];
	size_t n_social, n_medical;
	int elsewhere[MAX_ROWS];
	size_t n_elsewhere;
	int any_dispatch;
};

static void load_contracts(const json_t *p, struct facts *f)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(p, "contracts"), i, c) {
		if (f->n_contracts >= MAX_ROWS)
			break;
		struct contract_facts *cf = &f->contracts[f->n_contracts];
		memset(cf, 0, sizeof *cf);
		if (!checks_contract_type_parse(sget(c, "type"), &cf->type) ||
		    parse_date_or(c, "start", (struct ymd){ 1, 1, 1 }, &cf->start) != 0 ||
		    parse_date_or(c, "end", DATE_OPEN_END, &cf->end) != 0)
			continue;
		cf->dispatch = json_is_true(json_object_get(c, "dispatch"));
		f->any_dispatch |= cf->dispatch;
		snprintf(cf->si_unit, sizeof cf->si_unit, "%s", sget(c, "si_unit"));
		snprintf(cf->mi_unit, sizeof cf->mi_unit, "%s", sget(c, "mi_unit"));
		f->n_contracts++;
	}
}

static void load_certs(const json_t *p, struct facts *f)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(p, "certificates"), i, c) {
		if (f->n_certs >= MAX_ROWS)
			break;
		struct cert_facts *cf = &f->certs[f->n_certs];
		memset(cf, 0, sizeof *cf);
		if (!policy_cert_type_parse(sget(c, "type"), &cf->type) ||
		    parse_date_or(c, "valid_from", (struct ymd){ 1, 1, 1 }, &cf->valid_from) != 0 ||
		    parse_date_or(c, "valid_to", DATE_OPEN_END, &cf->valid_to) != 0)
			continue;
		cf->level = (int)json_integer_value(json_object_get(c, "level"));
		cf->category = (int)json_integer_value(json_object_get(c, "category"));
		f->n_certs++;
	}
}

static void load_payments(struct store *st, const char *source, const char *idno, int year,
			  struct facts *f)
{
	char from[8], to[8];
	size_t i;
	json_t *r;
	snprintf(from, sizeof from, "%04d01", year);
	snprintf(to, sizeof to, "%04d12", year);
	json_t *rows = store_registry_payments(st, source, idno, from, to);
	json_array_foreach(rows, i, r) {
		int ym;
		if (!ym_parse(sget(r, "month"), "month", &ym, NULL))
			continue;
		int64_t imp = json_integer_value(json_object_get(r, "import_id"));
		if (strcmp(source, "wages") == 0 && f->n_wages < MAX_ROWS) {
			struct wage_record *w = &f->wages[f->n_wages];
			snprintf(w->payer, sizeof w->payer, "%s", sget(r, "uscc"));
			w->ym = ym;
			w->fen = json_integer_value(json_object_get(r, "amount_fen"));
			f->wage_import[f->n_wages++] = imp;
		} else if (strcmp(source, "social") == 0 && f->n_social < MAX_ROWS) {
			snprintf(f->social[f->n_social].payer, 19, "%s", sget(r, "uscc"));
			f->social[f->n_social].ym = ym;
			f->social_import[f->n_social++] = imp;
		} else if (strcmp(source, "medical") == 0 && f->n_medical < MAX_ROWS) {
			snprintf(f->medical[f->n_medical].payer, 19, "%s", sget(r, "uscc"));
			f->medical[f->n_medical].ym = ym;
			f->medical_import[f->n_medical++] = imp;
		}
	}
	json_decref(rows);
}

static int month_confirmed(const json_t *m)
{
	const char *r = sget(m, "result");
	return strcmp(r, "system") == 0 || strcmp(r, "valid") == 0;
}

static void load_elsewhere(struct store *st, const json_t *p, const char *idno, int year,
			   struct facts *f)
{
	size_t i, j;
	json_t *other, *m;
	json_t *all = store_placement_by_idno(st, idno, year);
	json_array_foreach(all, i, other) {
		if (strcmp(sget(other, "uscc"), sget(p, "uscc")) == 0)
			continue;
		json_array_foreach(json_object_get(other, "months"), j, m) {
			int ym;
			if (month_confirmed(m) && f->n_elsewhere < MAX_ROWS &&
			    ym_parse(sget(m, "month"), "month", &ym, NULL))
				f->elsewhere[f->n_elsewhere++] = ym;
		}
	}
	json_decref(all);
}

/* "wages 2025-12-31" for the registry row a check looked at, else null. */
static json_t *source_label(struct store *st, int64_t import_id)
{
	char label[80];
	if (import_id > 0 && store_import_label(st, import_id, label, sizeof label) == STORE_OK)
		return json_string(label);
	return json_null();
}

static int64_t import_for(const struct facts *f, enum check_kind k, int ym)
{
	size_t n = k == CHECK_WAGE ? f->n_wages : k == CHECK_SOCIAL ? f->n_social : f->n_medical;
	for (size_t i = 0; i < n; i++) {
		int rym = k == CHECK_WAGE ? f->wages[i].ym : k == CHECK_SOCIAL ? f->social[i].ym
									: f->medical[i].ym;
		if (rym == ym)
			return k == CHECK_WAGE ? f->wage_import[i] : k == CHECK_SOCIAL
					? f->social_import[i] : f->medical_import[i];
	}
	/* No row that month: name the latest import of that source, if any. */
	if (n == 0)
		return 0;
	return k == CHECK_WAGE ? f->wage_import[n - 1] : k == CHECK_SOCIAL
			? f->social_import[n - 1] : f->medical_import[n - 1];
}

static json_t *checks_json(struct store *st, const struct facts *f, const struct month_result *r)
{
	json_t *o = json_object();
	for (int k = 0; k < CHECK__COUNT; k++) {
		json_t *src = json_null();
		if (k == CHECK_WAGE || k == CHECK_SOCIAL || k == CHECK_MEDICAL) {
			json_decref(src);
			src = source_label(st, import_for(f, (enum check_kind)k, r->ym));
		}
		json_t *c = json_pack("{s:b, s:o, s:o}", "ok", r->check[k].ok, "reason",
				      r->check[k].ok ? json_null()
						     : json_string(checks_reason_name(r->check[k].reason)),
				      "source", src);
		json_object_set_new(o, checks_kind_name((enum check_kind)k), c);
	}
	return o;
}

static unsigned materials_have(const json_t *materials)
{
	unsigned have = 0;
	size_t i;
	json_t *m;
	json_array_foreach(materials, i, m) {
		enum material_kind k;
		if (checks_material_parse(sget(m, "kind"), &k))
			have |= 1u << k;
	}
	return checks_materials_held(have);
}

static json_t *find_month(json_t *months, const char *month)
{
	size_t i;
	json_t *m;
	json_array_foreach(months, i, m)
		if (strcmp(sget(m, "month"), month) == 0)
			return m;
	return NULL;
}

void eval_set_months(json_t *p, const json_t *months)
{
	json_t *old = json_object_get(p, "months");
	json_t *next = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(months, i, v) {
		json_t *keep = old ? find_month(old, json_string_value(v)) : NULL;
		json_array_append_new(next, keep ? json_deep_copy(keep)
						 : json_pack("{s:s}", "month", json_string_value(v)));
	}
	json_object_set_new(p, "months", next);
}

struct tally {
	int registered, confirmed, counted, pending, missing, invalid, valid;
	unsigned needs;
};

static int run_months(struct srv_ctx *ctx, struct store *st, json_t *p, const json_t *unit,
		      const struct facts *f, unsigned have, int reset, struct tally *t,
		      char *err, size_t errlen)
{
	const json_t *person = json_object_get(p, "person");
	struct idno id;
	enum retire_group group;
	size_t i;
	json_t *m;

	if (!idno_parse(sget(person, "idno"), &id, NULL)) {
		snprintf(err, errlen, "stored ID number is invalid");
		return -1;
	}
	json_int_t area = json_integer_value(json_object_get(unit, "wage_area_class"));
	bool has_group = policy_retire_group_parse(sget(person, "retire_group"), &group);
	json_array_foreach(json_object_get(p, "months"), i, m) {
		struct month_facts mf = {
			.uscc = sget(p, "uscc"), .birth = id.birth, .gender = id.gender,
			.has_retire_group = has_group, .retire_group = group,
			.area_class = area >= 1 && area <= 3 ? (int)area
							     : ctx->policy.reward.default_area_class,
			.wages = f->wages, .n_wages = f->n_wages, .social = f->social,
			.n_social = f->n_social, .medical = f->medical, .n_medical = f->n_medical,
			.contracts = f->contracts, .n_contracts = f->n_contracts,
			.certs = f->certs, .n_certs = f->n_certs,
			.confirmed_elsewhere = f->elsewhere, .n_confirmed_elsewhere = f->n_elsewhere,
		};
		struct month_result r;
		if (!ym_parse(sget(m, "month"), "month", &mf.ym, NULL))
			continue;
		checks_run_month(&ctx->policy, &mf, &r);
		json_object_set_new(m, "registered", json_true());
		json_object_set_new(m, "checks", checks_json(st, f, &r));
		json_object_set_new(m, "cert_type", r.has_cert ? json_string(policy_cert_type_name(
								      r.cert_type))
							       : json_null());
		json_object_set_new(m, "cert_level", r.has_cert ? json_integer(r.cert_level)
								: json_null());
		json_object_set_new(m, "weight", json_integer(r.weight > 0 ? r.weight : 1));
		enum month_decision decided = wire_month_decision_parse(sget(m, "result"));
		int reviewed = decided == MONTH_DECISION_VALID || decided == MONTH_DECISION_INVALID;
		if (reset || !reviewed) {
			unsigned needs = r.all_ok && !r.dispatch ? 0 : checks_needs(&r);
			enum month_decision res = needs == 0 ? MONTH_DECISION_SYSTEM
					  : (needs & ~have) == 0 ? MONTH_DECISION_PENDING : MONTH_DECISION_NONE;
			json_object_set_new(m, "result", res != MONTH_DECISION_NONE
							 ? json_string(wire_month_decision_word(res)) : json_null());
			json_object_set_new(m, "review_reason", json_null());
			json_object_set_new(m, "reviewer", json_null());
			json_object_set_new(m, "reviewed_at", json_null());
			t->needs |= needs;
		}
		decided = wire_month_decision_parse(sget(m, "result"));
		t->registered++;
		if (month_confirmed(m)) {
			t->confirmed++;
			t->counted += r.weight > 0 ? r.weight : 1;
		}
		t->pending += decided == MONTH_DECISION_PENDING;
		t->invalid += decided == MONTH_DECISION_INVALID;
		t->valid += decided == MONTH_DECISION_VALID;
		t->missing += decided == MONTH_DECISION_NONE;
	}
	return 0;
}

int eval_placement(struct srv_ctx *ctx, struct store *st, json_t *p, const json_t *unit,
		   const json_t *materials, int reset, char *err, size_t errlen)
{
	struct facts *f = calloc(1, sizeof *f);
	struct tally t = { 0 };
	const char *idno = sget(json_object_get(p, "person"), "idno");
	int year = (int)json_integer_value(json_object_get(p, "year"));
	unsigned have = materials_have(materials);

	if (!f) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (!ctx->have_policy) {
		free(f);
		snprintf(err, errlen, "no policy table loaded");
		return -1;
	}
	if (!json_is_array(json_object_get(p, "months")))
		json_object_set_new(p, "months", json_array());
	load_contracts(p, f);
	load_certs(p, f);
	load_payments(st, "wages", idno, year, f);
	load_payments(st, "social", idno, year, f);
	load_payments(st, "medical", idno, year, f);
	load_elsewhere(st, p, idno, year, f);
	int rc = run_months(ctx, st, p, unit, f, have, reset, &t, err, errlen);
	int dispatch = f->any_dispatch;
	size_t n_contracts = f->n_contracts, n_certs = f->n_certs;
	free(f);
	if (rc != 0)
		return -1;

	enum placement_status status;
	const char *by = NULL;
	if (t.registered == 0 || n_contracts == 0 || n_certs == 0 || t.missing > 0)
		status = PLACEMENT_INCOMPLETE;
	else if (t.pending > 0)
		status = dispatch ? PLACEMENT_PENDING_CONTRACT : PLACEMENT_PENDING;
	else if (t.invalid == t.registered)
		status = PLACEMENT_REJECTED;
	else if (t.invalid > 0)
		status = PLACEMENT_PARTIALLY_REJECTED;
	else {
		status = PLACEMENT_CONFIRMED;
		by = t.valid > 0 ? "manual" : "system";
	}
	json_object_set_new(p, "status", json_string(wire_placement_status_word(status)));
	json_object_set_new(p, "confirmed_by", by ? json_string(by) : json_null());
	if (status == PLACEMENT_CONFIRMED) {
		if (!json_is_string(json_object_get(p, "confirmed_at"))) {
			char now[20];
			eval_now(now);
			json_object_set_new(p, "confirmed_at", json_string(now));
		}
	} else {
		json_object_set_new(p, "confirmed_at", json_null());
	}
	if (!json_object_get(p, "submitted_at"))
		json_object_set_new(p, "submitted_at", json_null());
	json_object_set_new(p, "months_registered", json_integer(t.registered));
	json_object_set_new(p, "months_confirmed", json_integer(t.confirmed));
	json_object_set_new(p, "months_counted", json_integer(t.counted));
	json_object_set_new(p, "months_rejected", json_integer(t.invalid));
	json_t *needs = json_array();
	for (int k = 0; k < MATERIAL__COUNT; k++)
		if (t.needs & (1u << k))
			json_array_append_new(needs,
					      json_string(checks_material_name((enum material_kind)k)));
	json_object_set_new(p, "needs", needs);
	return 0;
}

/* ------------------------------------------------------------- rendering */

json_t *eval_placement_api(const json_t *p, const json_t *materials)
{
	json_t *out = json_deep_copy(p);
	json_t *stored = json_object_get(p, "months");
	json_t *months = json_array();
	int year = (int)json_integer_value(json_object_get(p, "year"));
	for (int mo = 1; mo <= 12; mo++) {
		char ym[16];
		snprintf(ym, sizeof ym, "%04d%02d", year, mo);
		json_t *m = stored ? find_month(stored, ym) : NULL;
		if (m) {
			json_t *c = json_deep_copy(m);
			json_object_del(c, "weight");
			json_array_append_new(months, c);
		} else {
			json_array_append_new(
				months, json_pack("{s:s, s:b, s:n, s:n, s:n, s:n, s:n, s:n, s:n}",
						  "month", ym, "registered", 0, "checks",
						  "cert_type", "cert_level", "result",
						  "review_reason", "reviewer", "reviewed_at"));
		}
	}
	json_object_set_new(out, "months", months);
	json_object_set_new(out, "materials", materials ? json_deep_copy(materials) : json_array());
	return out;
}

json_t *eval_placement_item(const json_t *p)
{
	const json_t *person = json_object_get(p, "person");
	char name[128], idno[64], cert[64] = "";
	const json_t *certs = json_object_get(p, "certificates");
	mask_name(sget(person, "name"), name, sizeof name);
	mask_idno(sget(person, "idno"), idno, sizeof idno);
	if (json_array_size(certs) > 0)
		mask_certno(sget(json_array_get(certs, 0), "number"), cert, sizeof cert);
	return json_pack("{s:O?, s:s, s:s, s:s, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}",
			 "id", json_object_get(p, "id"), "name_masked", name, "idno_masked", idno,
			 "cert_no_masked", cert, "months_registered",
			 json_object_get(p, "months_registered"), "months_confirmed",
			 json_object_get(p, "months_confirmed"), "months_counted",
			 json_object_get(p, "months_counted"), "months_rejected",
			 json_object_get(p, "months_rejected"), "status",
			 json_object_get(p, "status"), "confirmed_by",
			 json_object_get(p, "confirmed_by"), "submitted_at",
			 json_object_get(p, "submitted_at"), "confirmed_at",
			 json_object_get(p, "confirmed_at"), "version", json_object_get(p, "version"));
}
