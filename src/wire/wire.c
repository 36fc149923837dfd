/* wire — validates and normalises request bodies of doc/api.md. Every rule
 * about identifiers and dates defers to src/core (the single authority);
 * this file only walks the JSON and names the failing field. */
#include "wire/wire.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "core/checks.h"
#include "core/date.h"
#include "core/ident.h"
#include "core/money.h"
#include "core/policy.h"

const char *const wire_unit_kinds[] = { "enterprise", "institution", "government",
					"organisation", "private_nonenterprise", "other", NULL };
const char *const wire_institution_categories[] = { "administrative", "public_welfare_1",
						    "public_welfare_2", "business", NULL };
const char *const wire_educations[] = { "none", "primary", "junior", "senior", "vocational",
					"college", "bachelor", "master", "doctor", NULL };
static const char *const hukou_types[] = { "urban", "rural", NULL };
static const char *const relations[] = { "own", "related", NULL };
static const char *const retire_groups[] = { "male", "female50", "female55", NULL };

bool wire_enum_ok(const char *const *words, const char *s)
{
	for (; s && *words; words++)
		if (strcmp(*words, s) == 0)
			return true;
	return false;
}

__attribute__((format(printf, 4, 5)))
static bool fail(struct wire_error *e, const char *code, const char *field, const char *fmt, ...)
{
	va_list ap;
	snprintf(e->code, sizeof e->code, "%s", code);
	snprintf(e->field, sizeof e->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return false;
}

static bool from_core(struct wire_error *e, const char *field, const struct core_error *ce)
{
	return fail(e, "invalid_field", field, "%s", ce->msg);
}

bool wire_phone_ok(const char *s)
{
	size_t n = strlen(s), digits = 0;
	if (n == 0)
		return true;
	if (n < 5 || n > 20)
		return false;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr("+-() ", *p))
			return false;
	}
	return digits >= 5;
}

/* A walk over one object: the prefix for field paths and the output. */
struct walk {
	const json_t *in;
	json_t *out;
	const char *prefix;
	struct wire_error *err;
};

static void path(const struct walk *w, const char *key, char *buf, size_t len)
{
	if (w->prefix && *w->prefix)
		snprintf(buf, len, "%s.%s", w->prefix, key);
	else
		snprintf(buf, len, "%s", key);
}

/* One UTF-8 character at p (n bytes left): its code point and length, or
 * length 0 when it is not well formed (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF, no cut sequence). */
static size_t utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
		   : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	uint32_t c = len == 1 ? p[0] : p[0] & (0x7fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* True when the len bytes at s are well-formed UTF-8 holding no NUL, C0/DEL/
 * C1 control, line/paragraph separator or bidi override: what a terminal or
 * a report would act on or reorder must not be stored for others to read. */
bool wire_text_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	while (len > 0) {
		uint32_t cp;
		size_t n = utf8_next(p, len, &cp);
		if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 ||
		    cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/* Optional (or required) string of at most max bytes; copied to out. Absent
 * or null optional strings become "" (or null when keep_null). */
static bool str_field(struct walk *w, const char *key, bool required, size_t max,
		      bool keep_null, const char **val)
{
	char f[128];
	json_t *v = json_object_get(w->in, key);
	path(w, key, f, sizeof f);
	if (val)
		*val = NULL;
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			return fail(w->err, "missing_field", f, "%s is required", f);
		json_object_set_new(w->out, key, keep_null ? json_null() : json_string(""));
		if (val)
			*val = "";
		return true;
	}
	if (!json_is_string(v))
		return fail(w->err, "invalid_field", f, "expected a string");
	if (json_string_length(v) > max)
		return fail(w->err, "invalid_field", f, "too long: at most %zu bytes", max);
	const char *s = json_string_value(v);
	if (!wire_text_ok(s, json_string_length(v)))
		return fail(w->err, "invalid_field", f, "control characters are not allowed");
	json_object_set_new(w->out, key, json_string(s));
	if (val)
		*val = json_string_value(json_object_get(w->out, key));
	return true;
}

/* Optional money in yuan (at most two decimals, not negative), normalised to
 * two decimals; absent or "" → "" (or null when keep_null). */
static bool money_field(struct walk *w, const char *key, bool keep_null)
{
	char f[128], norm[24];
	const char *v;
	int64_t fen;
	struct core_error ce;
	if (!str_field(w, key, false, 20, keep_null, &v))
		return false;
	if (!v || !*v)
		return true;
	path(w, key, f, sizeof f);
	if (!money_parse_fen(v, f, &fen, &ce))
		return from_core(w->err, f, &ce);
	if (fen < 0)
		return fail(w->err, "invalid_field", f, "must not be negative");
	money_format_fen(fen, norm, sizeof norm);
	json_object_set_new(w->out, key, json_string(norm));
	return true;
}

static bool enum_field(struct walk *w, const char *key, const char *const *words,
		       bool required, bool nullable, const char **val)
{
	char f[128];
	json_t *v = json_object_get(w->in, key);
	path(w, key, f, sizeof f);
	if (val)
		*val = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return fail(w->err, "missing_field", f, "%s is required", f);
		json_object_set_new(w->out, key, nullable ? json_null() : json_string(words[0]));
		if (val && !nullable)
			*val = words[0];
		return true;
	}
	if (!json_is_string(v) || !wire_enum_ok(words, json_string_value(v))) {
		char list[200] = "";
		for (const char *const *p = words; *p; p++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				 p == words ? "" : ", ", *p);
		return fail(w->err, "invalid_field", f, "expected one of: %s", list);
	}
	json_object_set_new(w->out, key, json_string(json_string_value(v)));
	if (val)
		*val = json_string_value(json_object_get(w->out, key));
	return true;
}

static bool bool_field(struct walk *w, const char *key, bool *val)
{
	char f[128];
	json_t *v = json_object_get(w->in, key);
	path(w, key, f, sizeof f);
	if (v && !json_is_null(v) && !json_is_boolean(v))
		return fail(w->err, "invalid_field", f, "expected true or false");
	bool b = v && json_is_true(v);
	json_object_set_new(w->out, key, json_boolean(b));
	if (val)
		*val = b;
	return true;
}

static bool date_field(struct walk *w, const char *key, bool required, struct ymd *d,
		       bool *present)
{
	char f[128];
	struct core_error ce;
	json_t *v = json_object_get(w->in, key);
	path(w, key, f, sizeof f);
	*present = false;
	if (!v || json_is_null(v)) {
		if (required)
			return fail(w->err, "missing_field", f, "%s is required", f);
		json_object_set_new(w->out, key, json_null());
		return true;
	}
	if (!json_is_string(v))
		return fail(w->err, "invalid_field", f, "expected a date YYYY-MM-DD");
	if (!date_parse(json_string_value(v), f, d, &ce))
		return from_core(w->err, f, &ce);
	json_object_set_new(w->out, key, json_string(json_string_value(v)));
	*present = true;
	return true;
}

static bool int_field(struct walk *w, const char *key, bool required, long lo, long hi, long *val)
{
	char f[128];
	json_t *v = json_object_get(w->in, key);
	path(w, key, f, sizeof f);
	if (!v || json_is_null(v)) {
		if (required)
			return fail(w->err, "missing_field", f, "%s is required", f);
		json_object_set_new(w->out, key, json_integer(lo));
		if (val)
			*val = lo;
		return true;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return fail(w->err, "invalid_field", f, "expected a whole number %ld–%ld", lo, hi);
	json_object_set_new(w->out, key, json_integer(json_integer_value(v)));
	if (val)
		*val = (long)json_integer_value(v);
	return true;
}

static bool uscc_field(struct walk *w, const char *key)
{
	char f[128];
	struct core_error ce;
	const char *s;
	if (!str_field(w, key, false, 18, true, &s))
		return false;
	path(w, key, f, sizeof f);
	if (s && *s && !uscc_valid(s, &ce))
		return from_core(w->err, f, &ce);
	if (s && !*s)
		json_object_set_new(w->out, key, json_null());
	return true;
}

static bool phone_field(struct walk *w, const char *key)
{
	char f[128];
	const char *s;
	if (!str_field(w, key, false, 20, false, &s))
		return false;
	path(w, key, f, sizeof f);
	if (s && !wire_phone_ok(s))
		return fail(w->err, "invalid_field", f, "not a phone number");
	return true;
}

static bool region_field(struct walk *w, const char *key, bool required)
{
	char f[128];
	const char *s;
	if (!str_field(w, key, required, 6, false, &s))
		return false;
	path(w, key, f, sizeof f);
	if (s && *s) {
		bool ok = strlen(s) == 6;
		for (const char *p = s; *p; p++)
			ok = ok && isdigit((unsigned char)*p);
		if (!ok)
			return fail(w->err, "invalid_field", f, "expected a 6-digit region code");
	}
	return true;
}

/* ------------------------------------------------------------ placement */

static bool person_validate(const json_t *in, json_t *out, struct idno *id,
			    struct wire_error *err)
{
	struct walk w = { in, out, "person", err };
	struct core_error ce;
	const char *idno, *group;
	char birth[11];

	if (!json_is_object(in))
		return in ? fail(err, "invalid_field", "person", "expected an object")
			  : fail(err, "missing_field", "person", "person is required");
	if (!str_field(&w, "idno", true, 18, false, &idno))
		return false;
	if (!idno_parse(idno, id, &ce))
		return from_core(err, "person.idno", &ce);
	json_object_set_new(out, "idno", json_string(id->number));
	if (!str_field(&w, "name", true, WIRE_NAME_MAX, false, NULL))
		return false;
	json_object_set_new(out, "gender",
			    json_string(id->gender == GENDER_MALE ? "male" : "female"));
	date_format(id->birth, birth);
	json_object_set_new(out, "birth", json_string(birth));
	if (!enum_field(&w, "hukou_type", hukou_types, false, true, NULL) ||
	    !region_field(&w, "hukou_region", false) ||
	    !str_field(&w, "hukou_address", false, WIRE_TEXT_MAX, false, NULL) ||
	    !phone_field(&w, "phone") ||
	    !enum_field(&w, "education", wire_educations, false, true, NULL) ||
	    !str_field(&w, "guardian_name", false, WIRE_NAME_MAX, false, NULL) ||
	    !phone_field(&w, "guardian_phone") || !bool_field(&w, "graduate", NULL) ||
	    !enum_field(&w, "retire_group", retire_groups, false, true, &group))
		return false;
	/* A woman's group is 50 or 55; a man's is always "male". */
	if (id->gender == GENDER_MALE)
		json_object_set_new(out, "retire_group", json_string("male"));
	else if (group && strcmp(group, "male") == 0)
		return fail(err, "invalid_field", "person.retire_group",
			    "a woman's group is female50 or female55");
	return true;
}

static bool contract_validate(const json_t *in, json_t *out, int i, struct wire_error *err)
{
	char prefix[32], f[64];
	struct walk w = { in, out, prefix, err };
	struct ymd start = { 0, 0, 0 }, end = { 0, 0, 0 };
	bool has_start = false, has_end = false, dispatch = false;

	snprintf(prefix, sizeof prefix, "contracts[%d]", i);
	if (!json_is_object(in))
		return fail(err, "invalid_field", prefix, "expected an object");
	json_t *id = json_object_get(in, "id");
	json_object_set_new(out, "id", json_integer(json_is_integer(id) ? json_integer_value(id)
									 : i + 1));
	if (!bool_field(&w, "dispatch", &dispatch) ||
	    !enum_field(&w, "relation", relations, false, false, NULL))
		return false;
	json_t *type = json_object_get(in, "type");
	enum contract_type ct;
	snprintf(f, sizeof f, "%s.type", prefix);
	if (!type || json_is_null(type))
		return fail(err, "missing_field", f, "%s is required", f);
	if (!json_is_string(type) || !checks_contract_type_parse(json_string_value(type), &ct))
		return fail(err, "invalid_field", f,
			    "expected one of: fixed, open_ended, task, establishment");
	json_object_set_new(out, "type", json_string(checks_contract_type_name(ct)));
	if (!date_field(&w, "start", true, &start, &has_start) ||
	    !date_field(&w, "end", false, &end, &has_end))
		return false;
	if (has_end && date_cmp(end, start) < 0) {
		snprintf(f, sizeof f, "%s.end", prefix);
		return fail(err, "invalid_field", f, "ends before it starts");
	}
	if (ct == CONTRACT_FIXED && !has_end) {
		snprintf(f, sizeof f, "%s.end", prefix);
		return fail(err, "missing_field", f, "a fixed-term contract needs an end date");
	}
	if (!str_field(&w, "post", false, WIRE_NAME_MAX, false, NULL) ||
	    !money_field(&w, "monthly_wage", false))
		return false;
	if (!str_field(&w, "dispatch_agency", false, WIRE_TEXT_MAX, true, NULL) ||
	    !uscc_field(&w, "si_unit") || !uscc_field(&w, "mi_unit"))
		return false;
	if (dispatch) {
		const char *ag = json_string_value(json_object_get(out, "dispatch_agency"));
		snprintf(f, sizeof f, "%s.dispatch_agency", prefix);
		if (!ag || !*ag)
			return fail(err, "missing_field", f, "a dispatch contract names the agency");
	}
	return true;
}

static bool cert_validate(const json_t *in, json_t *out, int i, const struct idno *id,
			  struct wire_error *err)
{
	char prefix[32], f[64];
	struct walk w = { in, out, prefix, err };
	struct core_error ce;
	struct ymd from = { 0, 0, 0 }, to = { 0, 0, 0 };
	bool has_from = false, has_to = false;
	const char *type, *number;
	long level, category;

	snprintf(prefix, sizeof prefix, "certificates[%d]", i);
	if (!json_is_object(in))
		return fail(err, "invalid_field", prefix, "expected an object");
	json_t *jid = json_object_get(in, "id");
	json_object_set_new(out, "id", json_integer(json_is_integer(jid) ? json_integer_value(jid)
									  : i + 1));
	static const char *const types[] = { "disability", "veteran", NULL };
	if (!enum_field(&w, "type", types, false, false, &type) ||
	    !str_field(&w, "number", true, 40, false, &number))
		return false;
	bool veteran = strcmp(type, "veteran") == 0;
	if (!int_field(&w, "category", true, 1, 7, &category) ||
	    !int_field(&w, "level", true, 1, veteran ? 8 : 4, &level))
		return false;
	snprintf(f, sizeof f, "%s.number", prefix);
	if (!veteran) {
		struct certno cn;
		if (!certno_parse(number, &cn, &ce))
			return from_core(err, f, &ce);
		json_object_set_new(out, "number", json_string(cn.number));
		if (!certno_matches(cn.number, id->number, (int)category, (int)level, &ce))
			return from_core(err, f, &ce);
	}
	if (!date_field(&w, "valid_from", true, &from, &has_from) ||
	    !date_field(&w, "valid_to", false, &to, &has_to))
		return false;
	if (has_to && date_cmp(to, from) < 0) {
		snprintf(f, sizeof f, "%s.valid_to", prefix);
		return fail(err, "invalid_field", f, "ends before it starts");
	}
	return true;
}

bool wire_placement_validate(const json_t *in, json_t **out, struct wire_error *err)
{
	struct idno id;
	json_t *o = json_object(), *person = json_object();
	const char *keys[] = { "contracts", "certificates" };

	*out = NULL;
	if (!json_is_object(in)) {
		json_decref(o);
		json_decref(person);
		return fail(err, "invalid_json", "", "expected a JSON object");
	}
	json_object_set_new(o, "person", person);
	if (!person_validate(json_object_get(in, "person"), person, &id, err))
		goto bad;
	for (int k = 0; k < 2; k++) {
		json_t *arr = json_object_get(in, keys[k]), *dst = json_array();
		json_object_set_new(o, keys[k], dst);
		if (!arr || json_is_null(arr))
			continue;
		if (!json_is_array(arr)) {
			fail(err, "invalid_field", keys[k], "expected an array");
			goto bad;
		}
		if (json_array_size(arr) > 20) {
			fail(err, "invalid_field", keys[k], "at most 20 entries");
			goto bad;
		}
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *item = json_object();
			json_array_append_new(dst, item);
			bool ok = k == 0 ? contract_validate(json_array_get(arr, i), item, (int)i, err)
					 : cert_validate(json_array_get(arr, i), item, (int)i, &id,
							 err);
			if (!ok)
				goto bad;
		}
	}
	*out = o;
	return true;
bad:
	json_decref(o);
	return false;
}

/* ----------------------------------------------------------------- unit */

/* "bank": {"payee","account","bank"} (收款单位名称, 账号, 开户银行), each "" when
 * not given; an absent or null bank is all "". */
static bool bank_field(struct walk *w)
{
	json_t *bank = json_object_get(w->in, "bank"), *bo = json_object();
	struct walk bw = { bank, bo, "bank", w->err };
	json_object_set_new(w->out, "bank", bo);
	if (bank && !json_is_null(bank) && !json_is_object(bank))
		return fail(w->err, "invalid_field", "bank", "expected an object");
	if (!json_is_object(bank))
		bw.in = NULL;
	return str_field(&bw, "payee", false, WIRE_TEXT_MAX, false, NULL) &&
	       str_field(&bw, "account", false, 40, false, NULL) &&
	       str_field(&bw, "bank", false, WIRE_TEXT_MAX, false, NULL);
}

/* The fields the federation sets (the reward's exclusions, SPEC §7.2):
 * 事业单位类别 (institutions only), 集中安置, 增值税即征即退. */
static bool unit_federation_fields(struct walk *w)
{
	const char *kind = json_string_value(json_object_get(w->out, "kind")), *category;
	if (!enum_field(w, "institution_category", wire_institution_categories, false, true,
			&category) ||
	    !bool_field(w, "concentrated", NULL) || !bool_field(w, "vat_refund", NULL))
		return false;
	if (category && kind && strcmp(kind, "institution") != 0)
		return fail(w->err, "invalid_field", "institution_category",
			    "only an institution (事业单位) has a category");
	return true;
}

bool wire_unit_validate(const json_t *in, const char *uscc, json_t **out,
			struct wire_error *err)
{
	json_t *o = json_object();
	struct walk w = { in, o, "", err };
	struct core_error ce;
	const char *legal_idno = "";
	struct idno id;

	*out = NULL;
	if (!json_is_object(in)) {
		json_decref(o);
		return fail(err, "invalid_json", "", "expected a JSON object");
	}
	json_object_set_new(o, "uscc", json_string(uscc));
	if (!str_field(&w, "name", true, WIRE_TEXT_MAX, false, NULL) ||
	    !str_field(&w, "tax_no", false, 20, false, NULL) ||
	    !str_field(&w, "org_code", false, 20, false, NULL) ||
	    !enum_field(&w, "kind", wire_unit_kinds, true, false, NULL) ||
	    !str_field(&w, "economic_type", false, WIRE_NAME_MAX, false, NULL) ||
	    !str_field(&w, "industry", false, WIRE_NAME_MAX, false, NULL) ||
	    !region_field(&w, "federation_region", true) || !region_field(&w, "tax_region", false) ||
	    !region_field(&w, "admin_region", false) ||
	    !str_field(&w, "legal_name", false, WIRE_NAME_MAX, false, NULL) ||
	    !str_field(&w, "legal_idno", false, 18, false, &legal_idno) ||
	    !phone_field(&w, "legal_phone") || !phone_field(&w, "phone") ||
	    !int_field(&w, "staff_last_year", false, 0, 10000000, NULL) ||
	    !str_field(&w, "contact_name", false, WIRE_NAME_MAX, false, NULL) ||
	    !phone_field(&w, "contact_phone") ||
	    !str_field(&w, "business_address", false, WIRE_TEXT_MAX, false, NULL) ||
	    !str_field(&w, "registered_address", false, WIRE_TEXT_MAX, false, NULL) ||
	    !int_field(&w, "wage_area_class", false, 1, 3, NULL) ||
	    !money_field(&w, "wages_last_year", true) || !unit_federation_fields(&w))
		goto bad;
	if (legal_idno && *legal_idno) {
		if (!idno_parse(legal_idno, &id, &ce)) {
			from_core(err, "legal_idno", &ce);
			goto bad;
		}
		json_object_set_new(o, "legal_idno", json_string(id.number));
	}
	if (!bank_field(&w))
		goto bad;
	*out = o;
	return true;
bad:
	json_decref(o);
	return false;
}

/* ---------------------------------------------------------- application */

bool wire_application_validate(const json_t *in, json_t **out, struct wire_error *err)
{
	static const char *const channels[] = { "online", "window", NULL };
	json_t *o = json_object(), *staff;
	struct walk w = { in, o, "", err };
	struct dec d;

	*out = NULL;
	if (!json_is_object(in)) {
		json_decref(o);
		return fail(err, "invalid_json", "", "expected a JSON object");
	}
	/* 上年度在职职工总数: a whole number, or an annual average to two decimals */
	staff = json_object_get(in, "staff");
	if (staff && !json_is_null(staff)) {
		char text[32] = "";
		struct dec r;
		if (json_is_integer(staff))
			snprintf(text, sizeof text, "%lld", (long long)json_integer_value(staff));
		else if (json_is_string(staff) && json_string_length(staff) < sizeof text)
			snprintf(text, sizeof text, "%s", json_string_value(staff));
		if (!*text || !dec_parse(text, "staff", &d, NULL) || dec_sign(d) <= 0 ||
		    dec_cmp(d, dec_int(10000000)) > 0 || !dec_round(d, 2, ROUND_DOWN, &r) ||
		    dec_cmp(r, d) != 0) {
			json_decref(o);
			return fail(err, "invalid_field", "staff",
				    "a number of staff above 0, at most two decimals");
		}
		json_object_set_new(o, "staff", json_string(text));
	} else {
		json_object_set_new(o, "staff", json_null());
	}
	json_t *bank = json_object_get(in, "bank");
	if (!bank_field(&w) || !enum_field(&w, "channel", channels, false, true, NULL)) {
		json_decref(o);
		return false;
	}
	if (!bank || json_is_null(bank))
		json_object_set_new(o, "bank", json_null());
	*out = o;
	return true;
}

/* --------------------------------------------------------------- months */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool wire_months_validate(const json_t *in, int year, json_t **out, struct wire_error *err)
{
	const char *list[12];
	size_t n = 0;
	json_t *arr = json_is_object(in) ? json_object_get(in, "months") : NULL;

	*out = NULL;
	if (!json_is_object(in))
		return fail(err, "invalid_json", "", "expected a JSON object");
	if (!arr)
		return fail(err, "missing_field", "months", "months is required");
	if (!json_is_array(arr))
		return fail(err, "invalid_field", "months", "expected an array of YYYYMM");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char f[32];
		int ym;
		struct core_error ce;
		json_t *v = json_array_get(arr, i);
		snprintf(f, sizeof f, "months[%zu]", i);
		if (!json_is_string(v))
			return fail(err, "invalid_field", f, "expected a month YYYYMM");
		if (!ym_parse(json_string_value(v), f, &ym, &ce))
			return from_core(err, f, &ce);
		if (ym_year(ym) != year)
			return fail(err, "invalid_field", f, "month is outside the business year %d",
				    year);
		bool dup = false;
		for (size_t j = 0; j < n; j++)
			dup = dup || strcmp(list[j], json_string_value(v)) == 0;
		if (dup)
			return fail(err, "invalid_field", f, "month listed twice");
		list[n++] = json_string_value(v);
	}
	qsort(list, n, sizeof list[0], cmp_str);
	*out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(*out, json_string(list[i]));
	return true;
}
