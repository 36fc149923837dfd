/* cli_checkid: `anzhi check-id [--json] NUMBER` — says which kind of identifier
 * NUMBER is (resident ID, USCC, disability certificate), whether it is valid,
 * and its parts or the precise error.  An all-digit 18-character string may be
 * either an ID number or a USCC (public institutions' codes begin 12): both are
 * checked and the answer says which holds (core/ident.h ident_check decides). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "client/cli_shared.h"
#include "client/coretext.h"
#include "core/ident.h"

static const char *kind_label(enum ident_kind k)
{
	switch (k) {
	case IDENT_USCC:
		return _("unified social credit code");
	case IDENT_CERTNO:
		return _("disability certificate number");
	default:
		return _("resident ID number");
	}
}

struct key_label {
	const char *key, *label;
};

/* GB 32100-2015 表1 in words: the registration authorities (登记管理部门) … */
static const struct key_label authority_labels[] = {
	{"establishment", N_("establishment office")},
	{"foreign_affairs", N_("foreign affairs")},
	{"justice", N_("justice administration")},
	{"culture", N_("culture")},
	{"civil_affairs", N_("civil affairs")},
	{"tourism", N_("tourism")},
	{"religion", N_("religious affairs")},
	{"trade_union", N_("trade unions")},
	{"market_regulation", N_("industry and commerce")},
	{"military_establishment", N_("CMC reform and establishment office")},
	{"agriculture", N_("agriculture")},
	{"other", N_("other")},
};

/* … and the kinds of organisation (机构类别) they register. */
static const struct key_label org_kind_labels[] = {
	{"government_agency", N_("government agency")},
	{"public_institution", N_("public institution")},
	{"mass_organisation", N_("mass organisation under the establishment office")},
	{"foreign_news_agency", N_("resident foreign news agency")},
	{"law_firm", N_("law firm")},
	{"notary_office", N_("notary office")},
	{"legal_service_office", N_("grassroots legal service office")},
	{"forensic_institution", N_("forensic appraisal institution")},
	{"arbitration_commission", N_("arbitration commission")},
	{"foreign_cultural_centre", N_("foreign cultural centre")},
	{"social_organisation", N_("social organisation")},
	{"private_nonenterprise", N_("private non-enterprise unit")},
	{"foundation", N_("foundation")},
	{"foreign_tourism_office", N_("office of a foreign tourism authority")},
	{"hmt_tourism_office", N_("office of a Hong Kong, Macao or Taiwan tourism authority")},
	{"religious_venue", N_("religious venue")},
	{"religious_college", N_("religious college")},
	{"grassroots_union", N_("grassroots trade union")},
	{"enterprise", N_("enterprise")},
	{"individual_business", N_("individual business")},
	{"farmers_cooperative", N_("farmers' cooperative")},
	{"military_institution", N_("military public institution")},
	{"group_collective", N_("group collective economic organisation")},
	{"village_collective", N_("village collective economic organisation")},
	{"township_collective", N_("township collective economic organisation")},
	{"other", N_("other")},
};

/* The translated label of key in t; NULL when key is NULL or unknown. */
static const char *label_of(const struct key_label *t, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return _(t[i].label);
	return NULL;
}

#define LABEL(t, key) label_of(t, sizeof t / sizeof t[0], key)

/* Category names as msgids ("mental" → 精神 in zh_CN). */
static const char *category_name(int category)
{
	static const char *const names[8] = {
		NULL, N_("vision"), N_("hearing"), N_("speech"), N_("physical"),
		N_("intellectual"), N_("mental"), N_("multiple"),
	};

	return category >= 1 && category <= 7 ? _(names[category]) : "?";
}

/* ------------------------------------------------------------------ text */

static void fact(const char *label, const char *value)
{
	printf("  %s: %s\n", label, value);
}

/* "150924 内蒙古自治区乌兰察布市兴和县", or the code alone. */
static void region_fact(const char *code)
{
	char name[256], both[300];

	region_name_path(code, name, sizeof name);
	snprintf(both, sizeof both, "%s%s%s", code, name[0] ? " " : "", name);
	fact(_("region"), both);
}

/* "1 establishment office", or "Q (not in GB 32100's table)". */
static void code_fact(const char *label, char code, const char *name)
{
	char buf[200];

	snprintf(buf, sizeof buf, "%c %s", code, name ? name : _("(not in GB 32100's table)"));
	fact(label, buf);
}

static void idno_facts(const struct idno *id)
{
	char date[11];

	region_fact(id->region);
	date_format(id->birth, date);
	fact(_("birth date"), date);
	fact(_("gender"), id->gender == GENDER_MALE ? _("male") : _("female"));
}

static void reading_facts(const struct ident_reading *r)
{
	char level[8];

	switch (r->kind) {
	case IDENT_USCC:
		code_fact(_("registration authority"), r->uscc.authority,
			  LABEL(authority_labels, r->uscc.authority_key));
		code_fact(_("kind of organisation"), r->uscc.kind,
			  LABEL(org_kind_labels, r->uscc.kind_key));
		region_fact(r->uscc.region);
		fact(_("organisation code"), r->uscc.org_code);
		break;
	case IDENT_CERTNO:
		fact(_("ID number"), r->cert.idno);
		idno_facts(&r->idno);
		fact(_("category"), category_name(r->cert.category));
		snprintf(level, sizeof level, "%d", r->cert.level);
		fact(_("level"), level);
		break;
	default:
		idno_facts(&r->idno);
		break;
	}
}

static void say(const char *tmpl, const char *a1, const char *a2, const char *a3,
		const char *a4)
{
	char line[512];
	const char *args[5] = {a1, a2, a3, a4, NULL};

	i18n_subst(line, sizeof line, tmpl, args);
	puts(line);
}

/* One reading: valid with its facts, or exactly what is wrong. */
static void print_one(const char *s, const struct ident_reading *r)
{
	if (r->valid) {
		say(_("{1}: {2}, valid"), s, kind_label(r->kind), NULL, NULL);
		reading_facts(r);
	} else {
		say(_("{1}: {2}, INVALID: {3} ({4})"), s, kind_label(r->kind),
		    core_error_words(r->err.code), r->err.msg);
	}
}

static void print_why_not(const struct ident_reading *r)
{
	say(_("  Not a valid {1}: {2} ({3})"), kind_label(r->kind), core_error_words(r->err.code),
	    r->err.msg, NULL);
}

/* Two readings (ID number, USCC): say which holds — one, both or neither. */
static void print_two(const char *s, const struct ident_reading r[2])
{
	if (r[0].valid && r[1].valid) {
		say(_("{1}: valid both as a {2} and as a {3}"), s, kind_label(r[0].kind),
		    kind_label(r[1].kind), NULL);
		for (int i = 0; i < 2; i++) {
			say(_("As a {1}:"), kind_label(r[i].kind), NULL, NULL, NULL);
			reading_facts(&r[i]);
		}
	} else if (r[0].valid || r[1].valid) {
		const struct ident_reading *ok = r[0].valid ? &r[0] : &r[1];

		print_one(s, ok);
		print_why_not(ok == &r[0] ? &r[1] : &r[0]);
	} else {
		say(_("{1}: INVALID both as a {2} and as a {3}"), s, kind_label(r[0].kind),
		    kind_label(r[1].kind), NULL);
		print_why_not(&r[0]);
		print_why_not(&r[1]);
	}
}

/* ------------------------------------------------------------------ JSON */

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static void set_region(json_t *o, const char *code)
{
	char name[256];

	region_name_path(code, name, sizeof name);
	json_object_set_new(o, "region", json_string(code));
	json_object_set_new(o, "region_name", str_or_null(name));
}

static void set_person(json_t *o, const struct idno *id)
{
	char date[11];

	set_region(o, id->region);
	date_format(id->birth, date);
	json_object_set_new(o, "birth", json_string(date));
	json_object_set_new(o, "sex", json_string(id->gender == GENDER_MALE ? "male" : "female"));
}

/* code, its stable key and its translated name under prefix ("authority" …) */
static void set_code(json_t *o, const char *prefix, char code, const char *key,
		     const char *name)
{
	char k[40], c[2] = {code, '\0'};

	json_object_set_new(o, prefix, json_string(c));
	snprintf(k, sizeof k, "%s_key", prefix);
	json_object_set_new(o, k, str_or_null(key));
	snprintf(k, sizeof k, "%s_name", prefix);
	json_object_set_new(o, k, str_or_null(name));
}

static json_t *parts_json(const struct ident_reading *r)
{
	json_t *o;

	if (!r->valid)
		return json_null();
	o = json_object();
	switch (r->kind) {
	case IDENT_USCC:
		set_code(o, "authority", r->uscc.authority, r->uscc.authority_key,
			 LABEL(authority_labels, r->uscc.authority_key));
		set_code(o, "kind", r->uscc.kind, r->uscc.kind_key,
			 LABEL(org_kind_labels, r->uscc.kind_key));
		set_region(o, r->uscc.region);
		json_object_set_new(o, "org_code", json_string(r->uscc.org_code));
		break;
	case IDENT_CERTNO:
		json_object_set_new(o, "idno", json_string(r->cert.idno));
		set_person(o, &r->idno);
		json_object_set_new(o, "category", json_integer(r->cert.category));
		json_object_set_new(o, "category_key",
				    str_or_null(ident_category_key(r->cert.category)));
		json_object_set_new(o, "category_name", json_string(category_name(r->cert.category)));
		json_object_set_new(o, "level", json_integer(r->cert.level));
		json_object_set_new(o, "reissue", r->cert.reissue >= 0
						  ? json_integer(r->cert.reissue) : json_null());
		break;
	default:
		set_person(o, &r->idno);
		break;
	}
	return o;
}

static json_t *reason_json(const char *code, const char *label, const char *message)
{
	return json_pack("{s:s, s:s, s:s}", "code", code, "label", label, "message", message);
}

/* {"kind","valid","reason","parts"} of one reading. */
static json_t *reading_json(const struct ident_reading *r)
{
	return json_pack("{s:s, s:b, s:o, s:o}", "kind", ident_kind_name(r->kind),
			 "valid", r->valid, "reason",
			 r->valid ? json_null()
				  : reason_json(core_error_code_name(r->err.code),
						core_error_words(r->err.code), r->err.msg),
			 "parts", parts_json(r));
}

/* The answer for s: the valid reading's kind and parts; for a string of both
 * shapes "idno_or_uscc" when both or neither hold; and then every reading. */
static json_t *report_json(const char *s, const struct ident_report *rep)
{
	static const char neither[] =
		N_("neither a valid resident ID number nor a valid unified social credit code");
	const struct ident_reading *r = rep->reading;
	int nvalid = r[0].valid + (rep->n > 1 && r[1].valid);
	json_t *out = json_pack("{s:s}", "input", s), *readings;

	if (rep->n == 1 || nvalid == 1) {
		json_t *one = reading_json(r[0].valid || rep->n == 1 ? &r[0] : &r[1]);

		json_object_update(out, one);
		json_decref(one);
	} else {
		json_object_set_new(out, "kind", json_string("idno_or_uscc"));
		json_object_set_new(out, "valid", json_boolean(nvalid == 2));
		json_object_set_new(out, "reason", nvalid == 2 ? json_null()
					: reason_json("neither", _(neither), neither));
		json_object_set_new(out, "parts", json_null());
	}
	if (rep->n > 1) {
		readings = json_array();
		for (size_t i = 0; i < rep->n; i++)
			json_array_append_new(readings, reading_json(&r[i]));
		json_object_set_new(out, "readings", readings);
	}
	return out;
}

/* ------------------------------------------------------------------ command */

int cli_check_id(int argc, char **argv)
{
	const char *s = NULL;
	struct ident_report rep;
	bool json = false, bad = false, valid;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0 && !json)
			json = true;
		else if (!s && argv[i][0] != '-')
			s = argv[i];
		else
			bad = true;
	}
	if (!s || bad)
		return cli_usage_error("check-id", "", _("usage: anzhi check-id [--json] NUMBER"), NULL);
	ident_check(s, &rep);
	valid = rep.reading[0].valid || (rep.n > 1 && rep.reading[1].valid);
	if (json)
		cli_print_json(report_json(s, &rep));
	else if (rep.n > 1)
		print_two(s, rep.reading);
	else
		print_one(s, &rep.reading[0]);
	fflush(stdout);
	return valid ? CLI_OK : CLI_INVALID;
}
