/* checks: the seven month checks of SPEC §4 as one pure function (see checks.h). */
#include <string.h>

#include "core/age.h"
#include "core/checks.h"

static const char *const kind_names[CHECK__COUNT] = {
	"wage", "social", "medical", "certificate", "age", "contract", "exclusive",
};

static const char *const reason_names[REASON__COUNT] = {
	[REASON_NONE] = "",
	[REASON_NO_WAGE_RECORD] = "no_wage_record",
	[REASON_BELOW_MINIMUM_WAGE] = "below_minimum_wage",
	[REASON_WAGE_PAID_BY_OTHER] = "wage_paid_by_other",
	[REASON_NO_SOCIAL_PAYMENT] = "no_social_payment",
	[REASON_SOCIAL_PAID_BY_OTHER] = "social_paid_by_other",
	[REASON_NO_MEDICAL_PAYMENT] = "no_medical_payment",
	[REASON_MEDICAL_PAID_BY_OTHER] = "medical_paid_by_other",
	[REASON_NO_VALID_CERTIFICATE] = "no_valid_certificate",
	[REASON_UNDER_16] = "under_16",
	[REASON_RETIRED] = "retired",
	[REASON_NO_CONTRACT] = "no_contract",
	[REASON_CONFIRMED_ELSEWHERE] = "confirmed_elsewhere",
	[REASON_MIN_WAGE_UNKNOWN] = "min_wage_unknown",
};

static const char *const material_names[MATERIAL__COUNT] = {
	"wage", "social", "medical", "contract", "dispatch", "degree", "certificate", "other",
	"establishment", "dispatch_licence",
};

static const char *const dispatch_item_names[DISPATCH_ITEM__COUNT] = {
	"licence", "agreement", "contract",
};

static const enum material_kind dispatch_material[DISPATCH_ITEM__COUNT] = {
	[DISPATCH_LICENCE] = MATERIAL_DISPATCH_LICENCE,
	[DISPATCH_AGREEMENT] = MATERIAL_DISPATCH,
	[DISPATCH_CONTRACT] = MATERIAL_CONTRACT,
};

static const char *const contract_type_names[CONTRACT_TYPE__COUNT] = {
	"fixed", "open_ended", "task", "establishment",
};

/* Which material a failed check calls for: the table behind checks_needs.
 * Age and exclusivity are registry facts no upload can change; a reviewer
 * still needs something to look at, so they ask for "other". */
static const enum material_kind check_material[CHECK__COUNT] = {
	[CHECK_WAGE] = MATERIAL_WAGE,
	[CHECK_SOCIAL] = MATERIAL_SOCIAL,
	[CHECK_MEDICAL] = MATERIAL_MEDICAL,
	[CHECK_CERTIFICATE] = MATERIAL_CERTIFICATE,
	[CHECK_AGE] = MATERIAL_OTHER,
	[CHECK_CONTRACT] = MATERIAL_CONTRACT,
	[CHECK_EXCLUSIVE] = MATERIAL_OTHER,
};

static int lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (names[i][0] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *checks_kind_name(enum check_kind k)
{
	return (unsigned)k < CHECK__COUNT ? kind_names[k] : "?";
}

const char *checks_reason_name(enum check_reason r)
{
	return (unsigned)r < REASON__COUNT ? reason_names[r] : "?";
}

bool checks_reason_parse(const char *s, enum check_reason *out)
{
	int i = lookup(reason_names, REASON__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum check_reason)i;
	return true;
}

const char *checks_material_name(enum material_kind k)
{
	return (unsigned)k < MATERIAL__COUNT ? material_names[k] : "?";
}

bool checks_material_parse(const char *s, enum material_kind *out)
{
	int i = lookup(material_names, MATERIAL__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum material_kind)i;
	return true;
}

const char *checks_dispatch_item_name(enum dispatch_item i)
{
	return (unsigned)i < DISPATCH_ITEM__COUNT ? dispatch_item_names[i] : "?";
}

bool checks_dispatch_item_parse(const char *s, enum dispatch_item *out)
{
	int i = lookup(dispatch_item_names, DISPATCH_ITEM__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum dispatch_item)i;
	return true;
}

enum material_kind checks_dispatch_material(enum dispatch_item i)
{
	return (unsigned)i < DISPATCH_ITEM__COUNT ? dispatch_material[i] : MATERIAL_OTHER;
}

const char *checks_contract_type_name(enum contract_type t)
{
	return (unsigned)t < CONTRACT_TYPE__COUNT ? contract_type_names[t] : "?";
}

bool checks_contract_type_parse(const char *s, enum contract_type *out)
{
	int i = lookup(contract_type_names, CONTRACT_TYPE__COUNT, s);

	if (i < 0)
		return false;
	*out = (enum contract_type)i;
	return true;
}

static bool same_unit(const char *a, const char *b)
{
	return a && b && a[0] && strcmp(a, b) == 0;
}

static bool contract_covers(const struct contract_facts *c, int ym)
{
	return date_range_touches_month(c->start, c->end, ym);
}

static struct check_result pass(void) { return (struct check_result){true, REASON_NONE}; }
static struct check_result fail(enum check_reason r) { return (struct check_result){false, r}; }

/* The paid sum against the month's minimum wage.  A table of another area
 * scheme does not say which of its rates is the unit's: a wage at or above its
 * highest rate meets every class's, one below its lowest meets none. */
static struct check_result wage_against_minimum(const struct min_wage_lookup *l, int64_t sum,
						struct month_result *out)
{
	switch (l->known) {
	case MIN_WAGE_KNOWN:
		out->min_wage_fen = l->fen;
		return sum < l->fen ? fail(REASON_BELOW_MINIMUM_WAGE) : pass();
	case MIN_WAGE_OTHER_SCHEME:
		if (sum >= l->high_fen) {
			out->min_wage_fen = l->high_fen;
			return pass();
		}
		if (sum < l->low_fen) {
			out->min_wage_fen = l->low_fen;
			return fail(REASON_BELOW_MINIMUM_WAGE);
		}
		return fail(REASON_MIN_WAGE_UNKNOWN);
	case MIN_WAGE_NO_ROW:
		break;
	}
	return fail(REASON_MIN_WAGE_UNKNOWN);
}

static struct check_result check_wage(const struct policy *p, const struct month_facts *f,
				      struct month_result *out)
{
	struct min_wage_lookup l;
	bool any = false, own = false;
	int64_t sum = 0;
	int area = f->area_class;

	for (size_t i = 0; i < f->n_wages; i++) {
		const struct wage_record *w = &f->wages[i];

		if (w->ym != f->ym)
			continue;
		any = true;
		if (same_unit(w->payer, f->uscc)) {
			own = true;
			sum += w->fen;
		}
	}
	out->wage_fen = sum;
	/* an unknown area class must not silently drop the floor: use the
	 * policy's default class (一类, the highest) */
	if (area < 1 || area > POLICY_AREA_CLASSES)
		area = p->reward.default_area_class;
	if (!any)
		return fail(REASON_NO_WAGE_RECORD);
	if (!own)
		return fail(REASON_WAGE_PAID_BY_OTHER);
	policy_min_wage_lookup(p, area, f->ym, &l);
	return wage_against_minimum(&l, sum, out);
}

/* Insurance: paid by the unit, or by a covering contract's si_unit/mi_unit. */
static struct check_result check_insurance(const struct month_facts *f,
					   const struct insurance_payment *pay, size_t n,
					   bool medical, enum check_reason none,
					   enum check_reason other)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (pay[i].ym != f->ym)
			continue;
		any = true;
		if (same_unit(pay[i].payer, f->uscc))
			return pass();
		for (size_t c = 0; c < f->n_contracts; c++) {
			const struct contract_facts *k = &f->contracts[c];

			if (contract_covers(k, f->ym) &&
			    same_unit(pay[i].payer, medical ? k->mi_unit : k->si_unit))
				return pass();
		}
	}
	return fail(any ? other : none);
}

/* Orders certificates: higher weight first, then the more severe (lower) level. */
static bool cert_better(const struct policy *p, const struct cert_facts *a,
			const struct cert_facts *b)
{
	int wa = policy_cert_weight(p, a->type, a->level, a->category);
	int wb = policy_cert_weight(p, b->type, b->level, b->category);

	if (wa != wb)
		return wa > wb;
	return a->level < b->level;
}

static struct check_result check_certificate(const struct policy *p, const struct month_facts *f,
					     struct month_result *out)
{
	const struct cert_facts *best = NULL;

	for (size_t i = 0; i < f->n_certs; i++) {
		const struct cert_facts *c = &f->certs[i];

		if (date_range_touches_month(c->valid_from, c->valid_to, f->ym) &&
		    (!best || cert_better(p, c, best)))
			best = c;
	}
	out->weight = 1;
	if (!best)
		return fail(REASON_NO_VALID_CERTIFICATE);
	out->has_cert = true;
	out->cert_type = best->type;
	out->cert_level = best->level;
	out->cert_category = best->category;
	out->weight = policy_cert_weight(p, best->type, best->level, best->category);
	return pass();
}

static struct check_result check_age(const struct policy *p, const struct month_facts *f,
				     struct month_result *out)
{
	enum age_status s;

	out->group_used = age_resolve_group(&p->age, f->gender, f->has_retire_group,
					    f->retire_group, &out->group_defaulted);
	s = age_status_at(&p->age, ym_of(f->birth), out->group_used, f->ym);
	if (s == AGE_UNDER_16)
		return fail(REASON_UNDER_16);
	if (s == AGE_RETIRED)
		return fail(REASON_RETIRED);
	return pass();
}

static struct check_result check_contract(const struct month_facts *f, struct month_result *out)
{
	bool covered = false;

	bool establishment = false;

	for (size_t i = 0; i < f->n_contracts; i++) {
		establishment = establishment || f->contracts[i].type == CONTRACT_ESTABLISHMENT;
		if (contract_covers(&f->contracts[i], f->ym)) {
			covered = true;
			if (f->contracts[i].dispatch)
				out->dispatch = true;
		}
	}
	out->establishment = establishment;
	return covered ? pass() : fail(REASON_NO_CONTRACT);
}

static struct check_result check_exclusive(const struct month_facts *f)
{
	for (size_t i = 0; i < f->n_confirmed_elsewhere; i++)
		if (f->confirmed_elsewhere[i] == f->ym)
			return fail(REASON_CONFIRMED_ELSEWHERE);
	return pass();
}

bool checks_run_month(const struct policy *p, const struct month_facts *f,
		      struct month_result *out)
{
	memset(out, 0, sizeof *out);
	out->ym = f->ym;
	out->check[CHECK_WAGE] = check_wage(p, f, out);
	out->check[CHECK_SOCIAL] = check_insurance(f, f->social, f->n_social, false,
						   REASON_NO_SOCIAL_PAYMENT, REASON_SOCIAL_PAID_BY_OTHER);
	out->check[CHECK_MEDICAL] = check_insurance(f, f->medical, f->n_medical, true,
						    REASON_NO_MEDICAL_PAYMENT, REASON_MEDICAL_PAID_BY_OTHER);
	out->check[CHECK_CERTIFICATE] = check_certificate(p, f, out);
	out->check[CHECK_AGE] = check_age(p, f, out);
	out->check[CHECK_CONTRACT] = check_contract(f, out);
	out->check[CHECK_EXCLUSIVE] = check_exclusive(f);
	out->all_ok = true;
	for (int k = 0; k < CHECK__COUNT; k++)
		out->all_ok = out->all_ok && out->check[k].ok;
	return out->all_ok;
}

unsigned checks_needs(const struct month_result *r)
{
	unsigned needs = 0;

	for (int k = 0; k < CHECK__COUNT; k++)
		if (!r->check[k].ok)
			needs |= 1u << (k == CHECK_CONTRACT && r->establishment ? MATERIAL_ESTABLISHMENT
										  : check_material[k]);
	return needs;
}

unsigned checks_materials_held(unsigned uploaded)
{
	if (uploaded & (1u << MATERIAL_ESTABLISHMENT))
		uploaded |= 1u << MATERIAL_CONTRACT;
	return uploaded;
}
