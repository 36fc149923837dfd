/* person_form: fields of the person screen and their JSON.  Enumerations are
 * tables of (wire value, English msgid) so a label is never a literal in code. */
#include "screens/person_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/date.h"
#include "client/coretext.h"
#include "core/ident.h"
#include "ui/merge.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct field_option hukou_types[] = {
	{ "urban", N_("Urban") }, { "rural", N_("Rural") },
};
static const struct field_option educations[] = {
	{ "none", N_("None") }, { "primary", N_("Primary school") },
	{ "junior", N_("Junior middle school") }, { "senior", N_("Senior middle school") },
	{ "vocational", N_("Vocational school") }, { "college", N_("College") },
	{ "bachelor", N_("Bachelor") }, { "master", N_("Master") }, { "doctor", N_("Doctor") },
};
static const struct field_option yes_no[] = {
	{ "false", N_("No") }, { "true", N_("Yes") },
};
static const struct field_option relations[] = {
	{ "own", N_("This unit") }, { "related", N_("Related unit") },
};
static const struct field_option contract_types[] = {
	{ "fixed", N_("Fixed term") }, { "open_ended", N_("Open-ended") },
	{ "task", N_("For a given task") }, { "establishment", N_("Establishment post") },
};
static const struct field_option cert_types[] = {
	{ "disability", N_("Disability certificate") }, { "veteran", N_("Disabled veteran certificate") },
};
static const struct field_option levels[] = {
	{ "1", N_("Level 1") }, { "2", N_("Level 2") }, { "3", N_("Level 3") }, { "4", N_("Level 4") },
	{ "5", N_("Level 5") }, { "6", N_("Level 6") }, { "7", N_("Level 7") }, { "8", N_("Level 8") },
};
static const struct field_option categories[] = {
	{ "1", N_("Vision") }, { "2", N_("Hearing") }, { "3", N_("Speech") }, { "4", N_("Physical") },
	{ "5", N_("Intellectual") }, { "6", N_("Mental") }, { "7", N_("Multiple") },
};

/* JSON key of each field, in enum order */
static const char *const pkeys[PF_COUNT] = { "idno", "name", "hukou_type", "hukou_region",
	"hukou_address", "phone", "education", "guardian_name", "guardian_phone", "graduate" };
static const char *const ckeys[CF_COUNT] = { "dispatch", "relation", "type", "start", "end",
	"post", "monthly_wage", "dispatch_agency", "si_unit", "mi_unit" };
static const char *const xkeys[XF_COUNT] = { "number", "type", "valid_from", "valid_to", "level",
	"category" };

void pf_init(struct person_form *pf)
{
	memset(pf, 0, sizeof *pf);
	struct field *p = pf->p;
	field_init(&p[PF_IDNO], N_("ID number"), "idno", FIELD_TEXT);
	field_init(&p[PF_NAME], N_("Name"), "name", FIELD_TEXT);
	field_init_select(&p[PF_HUKOU_TYPE], N_("Household type"), "hukou_type", hukou_types, N(hukou_types));
	field_init(&p[PF_HUKOU_REGION], N_("Household region"), "hukou_region", FIELD_TEXT);
	field_init(&p[PF_HUKOU_ADDRESS], N_("Household address"), "hukou_address", FIELD_TEXT);
	field_init(&p[PF_PHONE], N_("Phone"), "phone", FIELD_TEXT);
	field_init_select(&p[PF_EDUCATION], N_("Education"), "education", educations, N(educations));
	field_init(&p[PF_GUARDIAN], N_("Guardian"), "guardian_name", FIELD_TEXT);
	field_init(&p[PF_GUARDIAN_PHONE], N_("Guardian phone"), "guardian_phone", FIELD_TEXT);
	field_init_select(&p[PF_GRADUATE], N_("Graduate"), "graduate", yes_no, N(yes_no));
	p[PF_IDNO].required = p[PF_NAME].required = true;
	field_set(&p[PF_GRADUATE], "false");
}

bool pf_add_contract(struct person_form *pf)
{
	if (pf->nc == PF_MAX_ROWS)
		return false;
	struct pf_contract *c = &pf->c[pf->nc++];
	memset(c, 0, sizeof *c);
	struct field *f = c->f;
	field_init_select(&f[CF_DISPATCH], N_("Dispatched"), "dispatch", yes_no, N(yes_no));
	field_init_select(&f[CF_RELATION], N_("Relation"), "relation", relations, N(relations));
	field_init_select(&f[CF_TYPE], N_("Contract type"), "type", contract_types, N(contract_types));
	field_init(&f[CF_START], N_("Start"), "start", FIELD_DATE);
	field_init(&f[CF_END], N_("End"), "end", FIELD_DATE);
	field_init(&f[CF_POST], N_("Post"), "post", FIELD_TEXT);
	field_init(&f[CF_WAGE], N_("Monthly wage"), "monthly_wage", FIELD_TEXT);
	field_init(&f[CF_AGENCY], N_("Dispatch agency"), "dispatch_agency", FIELD_TEXT);
	field_init(&f[CF_SI], N_("Social insurance unit"), "si_unit", FIELD_TEXT);
	field_init(&f[CF_MI], N_("Medical insurance unit"), "mi_unit", FIELD_TEXT);
	field_set(&f[CF_DISPATCH], "false");
	field_set(&f[CF_RELATION], "own");
	return true;
}

bool pf_add_cert(struct person_form *pf)
{
	if (pf->nx == PF_MAX_ROWS)
		return false;
	struct pf_cert *x = &pf->x[pf->nx++];
	memset(x, 0, sizeof *x);
	struct field *f = x->f;
	field_init(&f[XF_NUMBER], N_("Certificate number"), "number", FIELD_TEXT);
	field_init_select(&f[XF_TYPE], N_("Certificate type"), "type", cert_types, N(cert_types));
	field_init(&f[XF_FROM], N_("Valid from"), "valid_from", FIELD_DATE);
	field_init(&f[XF_TO], N_("Valid to"), "valid_to", FIELD_DATE);
	field_init_select(&f[XF_LEVEL], N_("Level"), "level", levels, N(levels));
	field_init_select(&f[XF_CATEGORY], N_("Category"), "category", categories, N(categories));
	field_set(&f[XF_TYPE], "disability");
	return true;
}

void pf_remove_contract(struct person_form *pf, int i)
{
	if (i < 0 || i >= pf->nc)
		return;
	memmove(&pf->c[i], &pf->c[i + 1], (size_t)(pf->nc - i - 1) * sizeof pf->c[0]);
	pf->nc--;
}

void pf_remove_cert(struct person_form *pf, int i)
{
	if (i < 0 || i >= pf->nx)
		return;
	memmove(&pf->x[i], &pf->x[i + 1], (size_t)(pf->nx - i - 1) * sizeof pf->x[0]);
	pf->nx--;
}

/* a field's value as JSON: booleans, integers (level, category), null when empty */
static json_t *value_json(const struct field *f, const char *key)
{
	const char *v = field_value(f);
	if (strcmp(key, "graduate") == 0 || strcmp(key, "dispatch") == 0)
		return json_boolean(strcmp(v, "true") == 0);
	if (!*v)
		return json_null();
	if (strcmp(key, "level") == 0 || strcmp(key, "category") == 0)
		return json_integer(strtol(v, NULL, 10));
	return json_string(v);
}

json_t *pf_to_json(const struct person_form *pf)
{
	json_t *person = json_object();
	for (int i = 0; i < PF_COUNT; i++)
		json_object_set_new(person, pkeys[i], value_json(&pf->p[i], pkeys[i]));
	json_t *cs = json_array();
	for (int r = 0; r < pf->nc; r++) {
		json_t *o = json_object();
		if (pf->c[r].id)
			json_object_set_new(o, "id", json_integer(pf->c[r].id));
		for (int i = 0; i < CF_COUNT; i++)
			json_object_set_new(o, ckeys[i], value_json(&pf->c[r].f[i], ckeys[i]));
		json_array_append_new(cs, o);
	}
	json_t *xs = json_array();
	for (int r = 0; r < pf->nx; r++) {
		json_t *o = json_object();
		if (pf->x[r].id)
			json_object_set_new(o, "id", json_integer(pf->x[r].id));
		for (int i = 0; i < XF_COUNT; i++)
			json_object_set_new(o, xkeys[i], value_json(&pf->x[r].f[i], xkeys[i]));
		json_array_append_new(xs, o);
	}
	return json_pack("{s:o, s:o, s:o}", "person", person, "contracts", cs, "certificates", xs);
}

/* a JSON value into a field: strings, numbers, booleans */
static void set_from(struct field *f, const json_t *v)
{
	char num[32];
	if (json_is_string(v))
		field_set(f, json_string_value(v));
	else if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		field_set(f, num);
	} else if (json_is_boolean(v))
		field_set(f, json_is_true(v) ? "true" : "false");
}

static void cert_from(struct pf_cert *x, const json_t *o)
{
	x->id = json_integer_value(json_object_get(o, "id"));
	for (int i = 0; i < XF_COUNT; i++)
		set_from(&x->f[i], json_object_get(o, xkeys[i]));
}

void pf_from_json(struct person_form *pf, const json_t *pl)
{
	pf_init(pf);
	const json_t *person = json_object_get(pl, "person");
	for (int i = 0; i < PF_COUNT; i++)
		set_from(&pf->p[i], json_object_get(person, pkeys[i]));
	size_t k;
	const json_t *o;
	json_array_foreach(json_object_get(pl, "contracts"), k, o) {
		if (!pf_add_contract(pf))
			break;
		struct pf_contract *c = &pf->c[pf->nc - 1];
		c->id = json_integer_value(json_object_get(o, "id"));
		for (int i = 0; i < CF_COUNT; i++)
			set_from(&c->f[i], json_object_get(o, ckeys[i]));
	}
	json_array_foreach(json_object_get(pl, "certificates"), k, o) {
		if (!pf_add_cert(pf))
			break;
		cert_from(&pf->x[pf->nx - 1], o);
	}
}

int pf_autofill(struct person_form *pf, const json_t *rp)
{
	int filled = 0;
	for (int i = PF_NAME; i < PF_COUNT; i++) {
		const json_t *v = json_object_get(rp, pkeys[i]);
		if (field_empty(&pf->p[i]) && v && !json_is_null(v)) {
			set_from(&pf->p[i], v);
			if (!field_empty(&pf->p[i])) {
				filled++;
				pf->filled |= 1u << i;
			}
		}
	}
	bool have_cert = false;
	for (int r = 0; r < pf->nx; r++)
		have_cert = have_cert || !field_empty(&pf->x[r].f[XF_NUMBER]);
	if (!have_cert) {
		pf->nx = 0;
		size_t k;
		const json_t *o;
		json_array_foreach(json_object_get(rp, "certificates"), k, o) {
			if (!pf_add_cert(pf))
				break;
			cert_from(&pf->x[pf->nx - 1], o);
			pf->x[pf->nx - 1].id = 0;   /* the registry's id is not ours */
			filled++;
			pf->certs_filled = true;
		}
	}
	return filled;
}

void pf_edited(struct person_form *pf, const struct field *f)
{
	if (f >= pf->p && f < pf->p + PF_COUNT)
		pf->filled &= ~(1u << (f - pf->p));
	for (int r = 0; r < pf->nx; r++)
		if (f >= pf->x[r].f && f < pf->x[r].f + XF_COUNT)
			pf->certs_filled = false;
}

int pf_clear_autofill(struct person_form *pf)
{
	struct person_form fresh;
	int n = 0;
	pf_init(&fresh);
	for (int i = 0; i < PF_COUNT; i++)
		if (pf->filled & (1u << i)) {
			pf->p[i] = fresh.p[i];
			n++;
		}
	if (pf->certs_filled) {
		n += pf->nx;
		pf->nx = 0;
		pf_add_cert(pf);
	}
	pf->filled = 0;
	pf->certs_filled = false;
	return n;
}

/* ------------------------------------------------------------ the 412 merge */

static void merge_rows_of(json_t *m, const char *what, int row, const struct field *base,
			  const struct field *theirs, const struct field *mine, int n,
			  const char *const *keys)
{
	char label[200], path[96];
	for (int i = 0; i < n; i++) {
		snprintf(label, sizeof label, "%s %d: %s", what, row + 1, _(mine[i].label));
		snprintf(path, sizeof path, "%s[%d].%s",
			 keys == ckeys ? "contracts" : "certificates", row, keys[i]);
		merge_add_field(m, label, path, base ? &base[i] : NULL, &theirs[i], &mine[i]);
	}
}

/* the whole list in one row, when the rows do not pair up */
static void merge_list_row(json_t *m, const char *label, const char *path, int base_n,
			   int theirs_n, int mine_n)
{
	char t[64], y[64];
	if (theirs_n == mine_n)
		return;
	snprintf(t, sizeof t, _("%d rows"), theirs_n);
	snprintf(y, sizeof y, _("%d rows"), mine_n);
	merge_add(m, label, path, mine_n == base_n ? y : "", t, y);
}

json_t *pf_merge(const struct person_form *base, const struct person_form *theirs,
		 const struct person_form *mine)
{
	json_t *m = merge_new();
	char path[64];
	for (int i = 0; i < PF_COUNT; i++) {
		snprintf(path, sizeof path, "person.%s", pkeys[i]);
		merge_add_field(m, _(mine->p[i].label), path, base ? &base->p[i] : NULL,
				&theirs->p[i], &mine->p[i]);
	}
	if (theirs->nc == mine->nc) {
		for (int r = 0; r < mine->nc; r++)
			merge_rows_of(m, _("Contract"), r, base && r < base->nc ? base->c[r].f : NULL,
				      theirs->c[r].f, mine->c[r].f, CF_COUNT, ckeys);
	} else {
		merge_list_row(m, _("Contracts"), "contracts", base ? base->nc : -1, theirs->nc, mine->nc);
	}
	if (theirs->nx == mine->nx) {
		for (int r = 0; r < mine->nx; r++)
			merge_rows_of(m, _("Certificate"), r, base && r < base->nx ? base->x[r].f : NULL,
				      theirs->x[r].f, mine->x[r].f, XF_COUNT, xkeys);
	} else {
		merge_list_row(m, _("Disability certificates"), "certificates", base ? base->nx : -1,
			       theirs->nx, mine->nx);
	}
	return m;
}

void pf_merge_apply(struct person_form *mine, const struct person_form *theirs, const json_t *m)
{
	for (int i = 0; i < merge_count(m); i++) {
		if (!merge_row_takes(m, i))
			continue;
		const char *path = json_string_value(json_object_get(merge_row(m, i), "path"));
		if (!path)
			continue;
		if (strcmp(path, "contracts") == 0) {
			memcpy(mine->c, theirs->c, sizeof mine->c);
			mine->nc = theirs->nc;
		} else if (strcmp(path, "certificates") == 0) {
			memcpy(mine->x, theirs->x, sizeof mine->x);
			mine->nx = theirs->nx;
		} else {
			struct field *to = pf_field_for_path(mine, path);
			struct field *from = pf_field_for_path((struct person_form *)theirs, path);
			if (to && from)
				field_set(to, field_value(from));
		}
	}
}

struct field *pf_field_for_path(struct person_form *pf, const char *path)
{
	if (!path)
		return NULL;
	int row = -1;
	char key[64];
	if (strncmp(path, "person.", 7) == 0) {
		for (int i = 0; i < PF_COUNT; i++)
			if (strcmp(path + 7, pkeys[i]) == 0)
				return &pf->p[i];
		return NULL;
	}
	if (sscanf(path, "contracts[%d].%63s", &row, key) == 2) {
		if (row < 0 || row >= pf->nc)
			return NULL;
		for (int i = 0; i < CF_COUNT; i++)
			if (strcmp(key, ckeys[i]) == 0)
				return &pf->c[row].f[i];
		return &pf->c[row].f[0];
	}
	if (sscanf(path, "certificates[%d].%63s", &row, key) == 2) {
		if (row < 0 || row >= pf->nx)
			return NULL;
		for (int i = 0; i < XF_COUNT; i++)
			if (strcmp(key, xkeys[i]) == 0)
				return &pf->x[row].f[i];
		return &pf->x[row].f[0];
	}
	return NULL;
}

void pf_clear_errors(struct person_form *pf)
{
	for (int i = 0; i < PF_COUNT; i++)
		pf->p[i].error[0] = '\0';
	for (int r = 0; r < pf->nc; r++)
		for (int i = 0; i < CF_COUNT; i++)
			pf->c[r].f[i].error[0] = '\0';
	for (int r = 0; r < pf->nx; r++)
		for (int i = 0; i < XF_COUNT; i++)
			pf->x[r].f[i].error[0] = '\0';
}

static bool bad_date(struct field *f)
{
	struct ymd d;
	if (field_empty(f) || date_parse(field_value(f), NULL, &d, NULL))
		return false;
	snprintf(f->error, sizeof f->error, "%s", _("Use the form 2025-01-31"));
	return true;
}

void pf_idno_complaint(char *buf, size_t bufsz, const char *idno, const struct core_error *err)
{
	char want = err->code == CORE_ERR_CHECKSUM ? idno_check_char(idno) : '?';
	if (want != '?')
		snprintf(buf, bufsz, _("Not a valid ID number: %s (the first 17 digits call for %c)"),
			 core_error_words(err->code), want);
	else
		snprintf(buf, bufsz, "%s: %s", _("Not a valid ID number"), core_error_words(err->code));
}

/* A 残疾人证 number (SPEC §11) must be the holder's ID number plus the category
 * and level chosen beside it; a veteran's certificate has its own numbering. */
static bool bad_certificate(struct person_form *pf, int r)
{
	struct field *num = &pf->x[r].f[XF_NUMBER];
	if (field_empty(num) || strcmp(field_value(&pf->x[r].f[XF_TYPE]), "disability") != 0)
		return false;
	struct certno c;
	struct core_error err;
	if (!certno_parse(field_value(num), &c, &err)) {
		snprintf(num->error, sizeof num->error, "%s: %s", _("Not a valid certificate number"),
			 core_error_words(err.code));
		return true;
	}
	struct idno id;
	const char *cat = field_value(&pf->x[r].f[XF_CATEGORY]), *lv = field_value(&pf->x[r].f[XF_LEVEL]);
	if (!idno_parse(field_value(&pf->p[PF_IDNO]), &id, NULL) || !*cat || !*lv)
		return false;   /* the ID number has its own complaint; unset fields theirs */
	if (!certno_matches(field_value(num), id.number, atoi(cat), atoi(lv), &err)) {
		snprintf(num->error, sizeof num->error, "%s (%s)",
			 _("The certificate does not match the ID number, category or level"), err.msg);
		return true;
	}
	return false;
}

struct field *pf_validate(struct person_form *pf)
{
	struct field *first = NULL;
	struct core_error err;
	struct idno id;
	if (!idno_parse(field_value(&pf->p[PF_IDNO]), &id, &err)) {
		pf_idno_complaint(pf->p[PF_IDNO].error, sizeof pf->p[PF_IDNO].error,
				  field_value(&pf->p[PF_IDNO]), &err);
		first = &pf->p[PF_IDNO];
	}
	if (field_empty(&pf->p[PF_NAME])) {
		snprintf(pf->p[PF_NAME].error, sizeof pf->p[PF_NAME].error, "%s", _("Required"));
		if (!first)
			first = &pf->p[PF_NAME];
	}
	for (int r = 0; r < pf->nc; r++)
		for (int i = CF_START; i <= CF_END; i++)
			if (bad_date(&pf->c[r].f[i]) && !first)
				first = &pf->c[r].f[i];
	for (int r = 0; r < pf->nx; r++) {
		for (int i = XF_FROM; i <= XF_TO; i++)
			if (bad_date(&pf->x[r].f[i]) && !first)
				first = &pf->x[r].f[i];
		if (bad_certificate(pf, r) && !first)
			first = &pf->x[r].f[XF_NUMBER];
	}
	return first;
}
