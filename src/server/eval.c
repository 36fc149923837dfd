/* eval — from a placement and the registry to checked months and a status.
 * The core decides every check (checks_run_month) and every weight; this file
 * gathers the facts and applies doc/api.md's status rules. */
#include "server/eval.h"
#include "server/policy_tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/ident.h"
#include "server/store.h"

void eval_now(char buf[20])
{
	time_t t = time(NULL) + 8 * 3600; /* Asia/Shanghai has no DST */
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Months are YYYYMM integers here and in the store; the core counts months
 * as year * 12 + month - 1. */
static int core_ym(int yyyymm)
{
	return ym_make(yyyymm / 100, yyyymm % 100);
}

/* A bounded copy without printf's cost (this runs for every month checked). */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
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

static void load_contracts(const json_t *contracts, struct eval_facts *f)
{
	size_t i;
	json_t *c;
	json_array_foreach(contracts, i, c) {
		if (f->n_contracts >= EVAL_MAX_ROWS)
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

static void load_certs(const json_t *certs, struct eval_facts *f)
{
	size_t i;
	json_t *c;
	json_array_foreach(certs, i, c) {
		if (f->n_certs >= EVAL_MAX_ROWS)
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

int eval_facts_from_placement(const struct srv_ctx *ctx, const struct placement *p,
			      int area_class, struct eval_facts *f, char *err, size_t errlen)
{
	struct idno id;
	/* counts only: the rows are filled as they are loaded (this runs once per
	 * placement re-checked, and the struct is large) */
	f->n_contracts = f->n_certs = f->n_elsewhere = 0;
	f->n_labels = f->any_dispatch = 0;
	memset(f->n, 0, sizeof f->n);
	if (!idno_parse(sget(p->person, "idno"), &id, NULL)) {
		snprintf(err, errlen, "stored ID number is invalid");
		return -1;
	}
	f->uscc = p->uscc;
	f->birth = id.birth;
	f->gender = id.gender;
	f->has_group = policy_retire_group_parse(sget(p->person, "retire_group"), &f->group);
	f->area_class = area_class >= 1 && area_class <= 3 ? area_class
							   : ctx->policy.reward.default_area_class;
	load_contracts(p->contracts, f);
	load_certs(p->certificates, f);
	return 0;
}

void eval_facts_add_payment(struct eval_facts *f, enum registry_source src, int ym,
			    const char *payer, int64_t fen, int64_t import_id)
{
	size_t *n = &f->n[src];
	if (*n >= EVAL_MAX_ROWS)
		return;
	if (src == SOURCE_WAGES) {
		struct wage_record *w = &f->wages[*n];
		copy_text(w->payer, sizeof w->payer, payer);
		w->ym = core_ym(ym);
		w->fen = fen;
	} else {
		struct insurance_payment *ip = src == SOURCE_SOCIAL ? &f->social[*n] : &f->medical[*n];
		copy_text(ip->payer, sizeof ip->payer, payer);
		ip->ym = core_ym(ym);
	}
	f->import[src][(*n)++] = import_id;
}

static int remember_label(struct store *st, struct eval_facts *f, int64_t id)
{
	for (int i = 0; i < f->n_labels; i++)
		if (f->labels[i].id == id)
			return 0;
	if (f->n_labels >= (int)(sizeof f->labels / sizeof f->labels[0]))
		return 0;
	int rc = store_import_label(st, id, f->labels[f->n_labels].label,
				    sizeof f->labels[f->n_labels].label);
	if (rc == STORE_ERROR)
		return -1;
	if (rc == STORE_OK)
		f->labels[f->n_labels++].id = id;
	return 0;
}

int eval_facts_load(struct store *st, const struct placement *p, struct eval_facts *f)
{
	struct registry_payment pay[3 * EVAL_MAX_ROWS];
	int n, nyms;
	const char *idno = sget(p->person, "idno");
	if (store_registry_payments(st, idno, p->year * 100 + 1, p->year * 100 + 12, pay,
				    (int)(sizeof pay / sizeof pay[0]), &n) != STORE_OK)
		return -1;
	for (int i = 0; i < n; i++) {
		eval_facts_add_payment(f, pay[i].source, pay[i].ym, pay[i].payer, pay[i].fen,
				       pay[i].import_id);
		if (remember_label(st, f, pay[i].import_id) != 0)
			return -1;
	}
	if (store_confirmed_elsewhere(st, idno, p->year, p->unit_id, f->elsewhere, EVAL_MAX_ROWS,
				      &nyms) != STORE_OK)
		return -1;
	f->n_elsewhere = (size_t)nyms;
	for (size_t i = 0; i < f->n_elsewhere; i++)
		f->elsewhere[i] = core_ym(f->elsewhere[i]);
	return 0;
}

/* The import a registry check looked at: the row of that month, else the
 * latest import of that source, else none. */
static int64_t import_for(const struct eval_facts *f, enum registry_source src, int ym)
{
	size_t n = f->n[src];
	for (size_t i = 0; i < n; i++) {
		int rym = src == SOURCE_WAGES ? f->wages[i].ym : src == SOURCE_SOCIAL
				? f->social[i].ym : f->medical[i].ym;
		if (rym == ym)
			return f->import[src][i];
	}
	return n ? f->import[src][n - 1] : 0;
}

static void set_label(const struct eval_facts *f, struct placement_month *m, int src)
{
	m->source_label[src][0] = '\0';
	for (int i = 0; i < f->n_labels; i++)
		if (f->labels[i].id == m->source[src])
			copy_text(m->source_label[src], sizeof m->source_label[src],
				  f->labels[i].label);
}

static int month_equal(const struct placement_month *a, const struct placement_month *b)
{
	return a->result == b->result && a->failed == b->failed && a->needs == b->needs &&
	       memcmp(a->reason, b->reason, sizeof a->reason) == 0 &&
	       memcmp(a->source, b->source, sizeof a->source) == 0 &&
	       a->cert_type == b->cert_type && a->cert_level == b->cert_level &&
	       a->weight == b->weight && review_mark_equal(&a->review, &b->review);
}

/* What a check finds for an undecided month or item: nothing to look at
 * (SYSTEM, months only), its materials in (PENDING), or still missing (NONE). */
static enum month_decision undecided(unsigned needs, unsigned have)
{
	return needs == 0 ? MONTH_DECISION_SYSTEM
	       : (needs & ~have) == 0 ? MONTH_DECISION_PENDING : MONTH_DECISION_NONE;
}

static void check_month(const struct policy *policy, const struct eval_facts *f,
			struct placement_month *m, unsigned have, int reset)
{
	struct month_facts mf = {
		.uscc = f->uscc, .ym = core_ym(m->ym), .birth = f->birth, .gender = f->gender,
		.has_retire_group = f->has_group, .retire_group = f->group,
		.area_class = f->area_class,
		.wages = f->wages, .n_wages = f->n[SOURCE_WAGES],
		.social = f->social, .n_social = f->n[SOURCE_SOCIAL],
		.medical = f->medical, .n_medical = f->n[SOURCE_MEDICAL],
		.contracts = f->contracts, .n_contracts = f->n_contracts,
		.certs = f->certs, .n_certs = f->n_certs,
		.confirmed_elsewhere = f->elsewhere, .n_confirmed_elsewhere = f->n_elsewhere,
	};
	struct month_result r;
	checks_run_month(policy, &mf, &r);
	m->failed = 0;
	for (int k = 0; k < CHECK__COUNT; k++) {
		m->reason[k] = r.check[k].ok ? REASON_NONE : (unsigned char)r.check[k].reason;
		if (!r.check[k].ok)
			m->failed |= 1u << k;
	}
	for (int src = 0; src < SOURCE__COUNT; src++) {
		m->source[src] = import_for(f, (enum registry_source)src, core_ym(m->ym));
		set_label(f, m, src);
	}
	m->cert_type = r.has_cert ? (int)r.cert_type : -1;
	m->cert_level = r.has_cert ? r.cert_level : 0;
	m->weight = r.weight > 0 ? r.weight : 1;
	m->needs = checks_needs(&r);
	if (reset || !wire_decision_is_reviewers(m->result)) {
		m->result = undecided(m->needs, have);
		review_mark_clear(&m->review);
	}
}

/* A dispatch placement's three items (SPEC §4): undecided ones follow their
 * material; the set comes and goes with the dispatch contract. */
static void check_items(const struct eval_facts *f, struct placement *p, unsigned have, int reset)
{
	placement_set_dispatch(p, f->any_dispatch);
	for (int i = 0; i < p->n_items; i++) {
		struct dispatch_row *it = &p->items[i];
		if (!reset && wire_decision_is_reviewers(it->result))
			continue;
		struct dispatch_row before = *it;
		it->result = undecided(1u << checks_dispatch_material(it->item), have);
		review_mark_clear(&it->review);
		if (it->result != before.result || !review_mark_equal(&it->review, &before.review))
			it->dirty = 1;
	}
}

static int confirmed(const struct placement_month *m)
{
	return m->result == MONTH_DECISION_SYSTEM || m->result == MONTH_DECISION_VALID;
}

/* Counts of each result over a dispatch placement's items. */
struct item_tally {
	int missing, pending, valid, invalid;
};

static struct item_tally tally_items(struct placement *p)
{
	struct item_tally t = { 0 };
	for (int i = 0; i < p->n_items; i++) {
		const struct dispatch_row *it = &p->items[i];
		t.missing += it->result == MONTH_DECISION_NONE;
		t.pending += it->result == MONTH_DECISION_PENDING;
		t.valid += it->result == MONTH_DECISION_VALID;
		t.invalid += it->result == MONTH_DECISION_INVALID;
		if (!wire_decision_is_reviewers(it->result))
			p->needs |= 1u << checks_dispatch_material(it->item);
	}
	return t;
}

/* Totals, needs and status over every registered month and dispatch item.
 * A dispatch placement's months count only once its three items are valid:
 * until then the person does not count for this unit at all. */
static void tally(struct placement *p, const struct eval_facts *f)
{
	int missing = 0, invalid = 0, valid = 0, pending = 0, confirmed_n = 0, counted = 0;
	p->months_registered = p->n_months;
	p->needs = 0;
	for (int i = 0; i < p->n_months; i++) {
		const struct placement_month *m = &p->months[i];
		if (confirmed(m)) {
			confirmed_n++;
			counted += m->weight > 0 ? m->weight : 1;
		}
		if (!wire_decision_is_reviewers(m->result))
			p->needs |= m->needs;
		pending += m->result == MONTH_DECISION_PENDING;
		invalid += m->result == MONTH_DECISION_INVALID;
		valid += m->result == MONTH_DECISION_VALID;
		missing += m->result == MONTH_DECISION_NONE;
	}
	struct item_tally it = tally_items(p);
	int items_valid = it.valid == p->n_items;
	p->months_confirmed = items_valid ? confirmed_n : 0;
	p->months_counted = items_valid ? counted : 0;
	p->months_rejected = invalid;
	p->months_pending = pending;
	enum placement_status status;
	enum confirmed_by by = CONFIRMED_BY_NONE;
	if (p->n_months == 0 || f->n_contracts == 0 || f->n_certs == 0 || missing > 0 ||
	    it.missing > 0)
		status = PLACEMENT_INCOMPLETE;
	else if (pending > 0 || it.pending > 0)
		status = f->any_dispatch ? PLACEMENT_PENDING_CONTRACT : PLACEMENT_PENDING;
	else if (invalid == p->n_months || it.invalid > 0)
		status = PLACEMENT_REJECTED;
	else if (invalid > 0)
		status = PLACEMENT_PARTIALLY_REJECTED;
	else {
		status = PLACEMENT_CONFIRMED;
		by = valid > 0 || p->n_items > 0 ? CONFIRMED_BY_MANUAL : CONFIRMED_BY_SYSTEM;
	}
	p->status = status;
	p->confirmed_by = by;
	if (status != PLACEMENT_CONFIRMED)
		p->confirmed_at[0] = '\0';
	else if (!p->confirmed_at[0])
		eval_now(p->confirmed_at);
}

void eval_run(const struct policy *policy, const struct eval_facts *f, struct placement *p,
	      unsigned have, int reset, unsigned only)
{
	have = checks_materials_held(have);   /* a 编制本 meets a contract need too */
	for (int i = 0; i < p->n_months; i++) {
		struct placement_month *m = &p->months[i];
		if (only && !(only & (1u << (m->ym % 100))))
			continue;
		struct placement_month before = *m;
		check_month(policy, f, m, have, reset);
		if (!month_equal(&before, m))
			m->dirty = 1;
	}
	check_items(f, p, have, reset);
	tally(p, f);
	/* A 高校毕业生's 学位学历 is asked for until it is on file (SPEC §3). */
	if (json_is_true(json_object_get(p->person, "graduate")) && !(have & 1u << MATERIAL_DEGREE))
		p->needs |= 1u << MATERIAL_DEGREE;
}

int eval_placement(struct srv_ctx *ctx, struct store *st, struct placement *p,
		   int area_class, int reset, char *err, size_t errlen)
{
	unsigned have = 0;
	if (!ctx->have_policy) {
		snprintf(err, errlen, "no policy table loaded");
		return -1;
	}
	struct eval_facts *f = malloc(sizeof *f);
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = eval_facts_from_placement(ctx, p, area_class, f, err, errlen);
	if (rc == 0 && (eval_facts_load(st, p, f) != 0 ||
			(p->id && store_material_kinds(st, p->id, &have) != STORE_OK))) {
		snprintf(err, errlen, "store: %s", store_errmsg(st));
		rc = -1;
	}
	if (rc == 0)
		eval_run(policy_tables_for_unit(ctx, st, p->unit_id, p->year), f, p, have, reset, 0);
	free(f);
	return rc;
}
