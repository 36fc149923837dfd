/* docs_data — a document's data from the store: the unit as its documents
 * show it (its kind and federation by name, the region chain that picks the
 * seal) and, for a certification, the year's totals and persons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "server/decl_docs.h"
#include "server/docs.h"

static const struct {
	const char *word, *label;
} unit_kinds[] = {
	{ "enterprise", "企业" },	      { "institution", "事业单位" },
	{ "government", "机关" },	      { "organisation", "社会团体" },
	{ "private_nonenterprise", "民办非企业单位" }, { "other", "其他" },
};

/* 残疾类别 1–7 (SPEC §3) */
static const char *const categories[] = { "", "视力", "听力", "言语", "肢体",
					  "智力", "精神", "多重" };
static const char *const levels_zh[] = { "", "一", "二", "三", "四", "五", "六", "七", "八" };

static void copy(char *dst, size_t size, const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	snprintf(dst, size, "%s", v ? v : "");
}

int docs_unit(struct srv_ctx *ctx, struct store *st, const char *uscc, struct doc_unit *u)
{
	json_t *j = store_unit_get(st, uscc);
	memset(u, 0, sizeof *u);
	if (!j)
		return -1;
	copy(u->uscc, sizeof u->uscc, j, "uscc");
	copy(u->name, sizeof u->name, j, "name");
	copy(u->legal_name, sizeof u->legal_name, j, "legal_name");
	copy(u->phone, sizeof u->phone, j, "phone");
	copy(u->contact_name, sizeof u->contact_name, j, "contact_name");
	copy(u->contact_phone, sizeof u->contact_phone, j, "contact_phone");
	copy(u->address, sizeof u->address, j, "business_address");
	copy(u->federation_region, sizeof u->federation_region, j, "federation_region");
	const char *kind = json_string_value(json_object_get(j, "kind"));
	for (size_t i = 0; kind && i < sizeof unit_kinds / sizeof unit_kinds[0]; i++)
		if (strcmp(kind, unit_kinds[i].word) == 0)
			snprintf(u->kind, sizeof u->kind, "%s", unit_kinds[i].label);
	u->staff = (long)json_integer_value(json_object_get(j, "staff_last_year"));
	json_decref(j);

	const struct region *r = regions_find(&ctx->regions, u->federation_region);
	snprintf(u->federation_name, sizeof u->federation_name, "%s残疾人联合会",
		 r ? r->name : u->federation_region);
	const char *code = u->federation_region;
	for (int i = 0; i < 3 && code && *code; i++) {
		snprintf(u->seal_regions[i], sizeof u->seal_regions[i], "%s", code);
		code = regions_parent(&ctx->regions, code);
	}
	return 0;
}

static void cert_label(const struct cert_person *c, char *buf, size_t size)
{
	int level = c->cert_level >= 1 && c->cert_level <= 8 ? c->cert_level : 0;
	if (strcmp(c->cert_type, "veteran") == 0)
		snprintf(buf, size, "残疾军人%s级", levels_zh[level]);
	else if (c->cert_category >= 1 && c->cert_category <= 7 && level)
		snprintf(buf, size, "%s%s级", categories[c->cert_category], levels_zh[level]);
	else
		snprintf(buf, size, "%s", "");
}

static struct doc_layout *certification(struct srv_ctx *ctx, struct store *st,
					const struct unit_ref *ref, int year, char *err,
					size_t errlen)
{
	struct doc_certification d = { .year = year };
	struct decl_certification c;
	struct cert_person *cp = NULL;
	size_t n = 0;
	if (docs_unit(ctx, st, ref->uscc, &d.unit) != 0 ||
	    decl_certification_data(ctx, st, ref->id, year, &c) < 0 ||
	    store_cert_persons(st, ref->id, year, &cp, &n) != STORE_OK) {
		snprintf(err, errlen, "could not read the declaration");
		return NULL;
	}
	d.months_confirmed = (long)c.months_confirmed;
	d.months_counted = (long)c.months_counted;
	snprintf(d.placed_persons, sizeof d.placed_persons, "%s", c.placed_persons);
	struct doc_person *p = calloc(n ? n : 1, sizeof *p);
	if (!p) {
		free(cp);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(p[i].name, sizeof p[i].name, "%s", cp[i].name);
		snprintf(p[i].idno_masked, sizeof p[i].idno_masked, "%s", cp[i].idno_masked);
		cert_label(&cp[i], p[i].certificate, sizeof p[i].certificate);
		p[i].months = cp[i].months;
		p[i].months_confirmed = cp[i].months_confirmed;
		p[i].months_counted = cp[i].months_counted;
	}
	free(cp);
	d.persons = p;
	d.npersons = n;
	struct doc_layout *l = doc_layout_certification(&d);
	free(p);
	return l;
}

struct doc_layout *docs_layout(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u,
			       int year, enum doc_kind kind, char *err, size_t errlen)
{
	struct doc_unit du;
	if (kind == DOC_CERTIFICATION)
		return certification(ctx, st, u, year, err, errlen);
	if (kind != DOC_COMMITMENT && kind != DOC_CANCELLATION_FORM) {
		snprintf(err, errlen, "the %s is made by its own workflow", docseal_kind_word(kind));
		return NULL;
	}
	if (docs_unit(ctx, st, u->uscc, &du) != 0) {
		snprintf(err, errlen, "could not read the unit");
		return NULL;
	}
	if (kind == DOC_COMMITMENT)
		return doc_layout_commitment(&(struct doc_commitment){ .unit = du, .year = year });
	return doc_layout_cancellation_form(
		&(struct doc_cancellation_form){ .unit = du, .year = year });
}
