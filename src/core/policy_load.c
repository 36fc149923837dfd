/* policy_load: JSON text -> struct policy, validating every key (schema in
 * doc/policy.md).  Errors name the file, the key path and what was expected:
 * "150000.json: tiers[1].factor: expected a decimal string". */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/policy.h"

struct ld {
	const char *origin;
	struct core_error *err;
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static bool fail(struct ld *c, const char *path, const char *fmt, ...)
{
	char what[112];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return core_error_set(c->err, CORE_ERR_POLICY, path, "%.40s: %.60s: %s",
			      c->origin, path, what);
}

/* path of a member: "<base>.<key>" or "<key>" */
static void join(char *out, size_t size, const char *base, const char *key)
{
	if (base && *base)
		snprintf(out, size, "%.40s.%.20s", base, key);
	else
		snprintf(out, size, "%.60s", key);
}

static void index_path(char *out, size_t size, const char *base, size_t i)
{
	snprintf(out, size, "%.50s[%zu]", base, i);
}

static json_t *member(struct ld *c, json_t *obj, const char *base, const char *key,
		      bool required, char *path, size_t size)
{
	json_t *v = json_object_get(obj, key);

	join(path, size, base, key);
	if (!v && required)
		fail(c, path, "missing");
	return v;
}

static bool get_dec(struct ld *c, json_t *obj, const char *base, const char *key,
		    struct dec *out)
{
	char path[64];
	json_t *v = member(c, obj, base, key, true, path, sizeof path);

	if (!v)
		return false;
	if (!json_is_string(v) || !dec_parse(json_string_value(v), path, out, NULL))
		return fail(c, path, "expected a decimal string");
	return true;
}

static bool get_fen(struct ld *c, json_t *v, const char *path, int64_t *out)
{
	if (!json_is_string(v) || !money_parse_fen(json_string_value(v), path, out, NULL))
		return fail(c, path, "expected an amount string in yuan (\"1980.00\")");
	if (*out < 0)
		return fail(c, path, "expected an amount >= 0");
	return true;
}

static bool get_int(struct ld *c, json_t *obj, const char *base, const char *key,
		    int lo, int hi, int *out)
{
	char path[64];
	json_t *v = member(c, obj, base, key, true, path, sizeof path);

	if (!v)
		return false;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return fail(c, path, "expected an integer %d..%d", lo, hi);
	*out = (int)json_integer_value(v);
	return true;
}

static bool get_bool(struct ld *c, json_t *obj, const char *base, const char *key, bool *out)
{
	char path[64];
	json_t *v = member(c, obj, base, key, true, path, sizeof path);

	if (!v)
		return false;
	if (!json_is_boolean(v))
		return fail(c, path, "expected true or false");
	*out = json_is_true(v);
	return true;
}

/* optional bool, default false */
static bool opt_bool(struct ld *c, json_t *obj, const char *base, const char *key, bool *out)
{
	*out = false;
	return !json_object_get(obj, key) || get_bool(c, obj, base, key, out);
}

static bool get_str(struct ld *c, json_t *obj, const char *base, const char *key,
		    char *out, size_t size, bool required)
{
	char path[64];
	json_t *v = member(c, obj, base, key, required, path, sizeof path);

	if (!v)
		return !required;
	if (!json_is_string(v) || strlen(json_string_value(v)) >= size)
		return fail(c, path, "expected a string of at most %zu bytes", size - 1);
	memcpy(out, json_string_value(v), strlen(json_string_value(v)) + 1);
	return true;
}

/* "from" (date) and "to" (date or null = open) of obj */
static bool get_period(struct ld *c, json_t *obj, const char *base, struct policy_period *out)
{
	char path[64];
	json_t *v = member(c, obj, base, "from", true, path, sizeof path);

	if (!v)
		return false;
	if (!json_is_string(v) || !date_parse(json_string_value(v), path, &out->from, NULL))
		return fail(c, path, "expected a date \"YYYY-MM-DD\"");
	v = member(c, obj, base, "to", true, path, sizeof path);
	if (!v)
		return false;
	if (json_is_null(v))
		out->to = DATE_OPEN_END;
	else if (!json_is_string(v) || !date_parse(json_string_value(v), path, &out->to, NULL))
		return fail(c, path, "expected a date \"YYYY-MM-DD\" or null");
	if (date_cmp(out->from, out->to) > 0)
		return fail(c, path, "expected a date not before \"from\"");
	return true;
}

static bool get_mode(struct ld *c, json_t *obj, const char *base, const char *key,
		     enum round_mode *out)
{
	char path[64];
	json_t *v = member(c, obj, base, key, true, path, sizeof path);

	if (!v)
		return false;
	if (!json_is_string(v) || !round_mode_parse(json_string_value(v), out))
		return fail(c, path, "expected \"half_up\", \"half_even\", \"down\" or \"up\"");
	return true;
}

static json_t *get_array(struct ld *c, json_t *obj, const char *base, const char *key,
			 size_t max, char *path, size_t size)
{
	json_t *v = member(c, obj, base, key, true, path, size);

	if (!v)
		return NULL;
	if (!json_is_array(v) || json_array_size(v) > max) {
		fail(c, path, "expected an array of at most %zu rows", max);
		return NULL;
	}
	return v;
}

/* Array of small integers lo..hi as a bitmask; null = 0 (any). */
static bool get_mask(struct ld *c, json_t *obj, const char *base, const char *key,
		     int lo, int hi, unsigned *out)
{
	char path[64], ipath[80];
	json_t *v = member(c, obj, base, key, true, path, sizeof path), *e;
	size_t i;

	*out = 0;
	if (!v)
		return false;
	if (json_is_null(v))
		return true;
	if (!json_is_array(v) || json_array_size(v) == 0)
		return fail(c, path, "expected null or a non-empty array of integers %d..%d", lo, hi);
	json_array_foreach(v, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) < lo || json_integer_value(e) > hi) {
			index_path(ipath, sizeof ipath, path, i);
			return fail(c, ipath, "expected an integer %d..%d", lo, hi);
		}
		*out |= 1u << json_integer_value(e);
	}
	return true;
}

static bool load_weights(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], row[64];
	json_t *a = get_array(c, root, "", "weights", POLICY_MAX_ROWS, path, sizeof path), *e;
	size_t i;

	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		struct policy_weight_rule *w = &p->weights[i];
		char type[16], tpath[80];

		index_path(row, sizeof row, "weights", i);
		if (!json_is_object(e))
			return fail(c, row, "expected an object");
		if (!get_str(c, e, row, "type", type, sizeof type, true))
			return false;
		if (!policy_cert_type_parse(type, &w->type)) {
			join(tpath, sizeof tpath, row, "type");
			return fail(c, tpath, "expected \"disability\" or \"veteran\"");
		}
		if (!get_mask(c, e, row, "levels", 1, 8, &w->levels_mask) ||
		    !get_mask(c, e, row, "categories", 1, 7, &w->categories_mask) ||
		    !get_int(c, e, row, "weight", 1, 9, &w->weight) ||
		    !get_str(c, e, row, "source", w->source, sizeof w->source, false))
			return false;
	}
	p->n_weights = json_array_size(a);
	return true;
}

static bool load_tiers(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], row[64], bpath[80];
	json_t *a = get_array(c, root, "", "tiers", POLICY_MAX_ROWS, path, sizeof path), *e, *b;
	size_t i;

	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		struct policy_tier *t = &p->tiers[i];

		index_path(row, sizeof row, "tiers", i);
		if (!json_is_object(e))
			return fail(c, row, "expected an object");
		if (!get_period(c, e, row, &t->valid) || !get_dec(c, e, row, "min", &t->min))
			return false;
		b = member(c, e, row, "below", true, bpath, sizeof bpath);
		if (!b)
			return false;
		if (json_is_string(b) && strcmp(json_string_value(b), "quota") == 0)
			t->below = p->quota;
		else if (!get_dec(c, e, row, "below", &t->below))
			return false;
		if (!get_dec(c, e, row, "factor", &t->factor))
			return false;
		if (dec_sign(t->factor) < 0 || dec_cmp(t->factor, dec_int(1)) > 0) {
			join(bpath, sizeof bpath, row, "factor");
			return fail(c, bpath, "expected a factor between 0 and 1");
		}
		if (dec_cmp(t->min, t->below) >= 0) {
			join(bpath, sizeof bpath, row, "below");
			return fail(c, bpath, "expected a bound above \"min\"");
		}
	}
	p->n_tiers = json_array_size(a);
	return true;
}

static bool load_exemptions(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], row[64], kpath[80], ipath[96];
	json_t *a = get_array(c, root, "", "small_unit_exemption", POLICY_MAX_ROWS, path, sizeof path);
	json_t *e, *kinds, *k;
	size_t i, j;

	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		struct policy_exemption *x = &p->exemptions[i];

		index_path(row, sizeof row, "small_unit_exemption", i);
		if (!json_is_object(e))
			return fail(c, row, "expected an object");
		if (!get_period(c, e, row, &x->valid) ||
		    !get_int(c, e, row, "staff_max", 0, 1000000, &x->staff_max))
			return false;
		kinds = member(c, e, row, "unit_kinds", true, kpath, sizeof kpath);
		if (!kinds)
			return false;
		if (!json_is_array(kinds))
			return fail(c, kpath, "expected an array of unit kinds");
		x->kinds_mask = 0;
		json_array_foreach(kinds, j, k) {
			enum unit_kind uk;

			if (!json_is_string(k) || !policy_unit_kind_parse(json_string_value(k), &uk)) {
				index_path(ipath, sizeof ipath, kpath, j);
				return fail(c, ipath, "expected a unit kind (\"enterprise\", …)");
			}
			x->kinds_mask |= 1u << uk;
		}
	}
	p->n_exemptions = json_array_size(a);
	return true;
}

static bool load_wage_caps(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], row[64];
	json_t *a = get_array(c, root, "", "wage_cap", POLICY_MAX_ROWS, path, sizeof path), *e;
	size_t i;

	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		index_path(row, sizeof row, "wage_cap", i);
		if (!json_is_object(e))
			return fail(c, row, "expected an object");
		if (!get_period(c, e, row, &p->wage_caps[i].valid) ||
		    !get_int(c, e, row, "multiple", 1, 100, &p->wage_caps[i].multiple))
			return false;
	}
	p->n_wage_caps = json_array_size(a);
	return true;
}

static bool load_social_wages(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], row[64], apath[80];
	json_t *o = member(c, root, "", "social_average_wage", true, path, sizeof path), *a, *e, *v;
	size_t i;

	if (!o)
		return false;
	if (!json_is_object(o))
		return fail(c, path, "expected an object with \"rows\"");
	a = get_array(c, o, "social_average_wage", "rows", POLICY_MAX_YEARS, path, sizeof path);
	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		struct policy_social_wage *w = &p->social_wages[i];

		index_path(row, sizeof row, "social_average_wage.rows", i);
		if (!json_is_object(e))
			return fail(c, row, "expected an object");
		if (!get_int(c, e, row, "year", 1990, 9999, &w->year))
			return false;
		v = member(c, e, row, "annual", true, apath, sizeof apath);
		if (!v || !get_fen(c, v, apath, &w->annual_fen) ||
		    !opt_bool(c, e, row, "example", &w->example))
			return false;
	}
	p->n_social_wages = json_array_size(a);
	return true;
}

static bool periods_overlap(const struct policy_period *a, const struct policy_period *b)
{
	return date_cmp(a->from, b->to) <= 0 && date_cmp(b->from, a->to) <= 0;
}

/* One row: its period, its area scheme and one amount per area class of that
 * scheme (exactly POLICY_AREA_CLASSES for the scheme units record). */
static bool load_min_wage_row(struct ld *c, json_t *e, const char *row, const char *scheme,
			      struct policy_min_wage *w)
{
	char mpath[80], ipath[96], rs[32];
	json_t *m;

	if (!json_is_object(e))
		return fail(c, row, "expected an object");
	if (!get_period(c, e, row, &w->valid) ||
	    !get_str(c, e, row, "area_scheme", rs, sizeof rs, true))
		return false;
	w->other_scheme = strcmp(rs, scheme) != 0;
	m = member(c, e, row, "monthly", true, mpath, sizeof mpath);
	if (!m)
		return false;
	if (!w->other_scheme && (!json_is_array(m) || json_array_size(m) != POLICY_AREA_CLASSES))
		return fail(c, mpath, "expected 3 amounts (一类, 二类, 三类 areas)");
	if (!json_is_array(m) || json_array_size(m) == 0 ||
	    json_array_size(m) > POLICY_MAX_AREA_CLASSES)
		return fail(c, mpath, "expected 1 to %d amounts (一类 first)", POLICY_MAX_AREA_CLASSES);
	w->n_classes = (int)json_array_size(m);
	for (size_t k = 0; k < json_array_size(m); k++) {
		index_path(ipath, sizeof ipath, mpath, k);
		if (!get_fen(c, json_array_get(m, k), ipath, &w->monthly_fen[k]))
			return false;
	}
	return true;
}

static bool load_min_wages(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], row[64], fpath[80];
	json_t *a, *e;
	size_t i;

	if (!get_str(c, root, "", "min_wage_area_scheme", p->min_wage_area_scheme,
		     sizeof p->min_wage_area_scheme, true))
		return false;
	a = get_array(c, root, "", "min_wage", POLICY_MAX_ROWS, path, sizeof path);
	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		index_path(row, sizeof row, "min_wage", i);
		if (!load_min_wage_row(c, e, row, p->min_wage_area_scheme, &p->min_wages[i]))
			return false;
		/* a month has one rate: overlapping rows would make the lookup depend on order */
		for (size_t j = 0; j < i; j++)
			if (periods_overlap(&p->min_wages[j].valid, &p->min_wages[i].valid)) {
				join(fpath, sizeof fpath, row, "from");
				return fail(c, fpath, "period overlaps min_wage[%zu]", j);
			}
	}
	p->n_min_wages = json_array_size(a);
	return true;
}

static bool load_retire(struct ld *c, json_t *ret, const char *base, enum retire_group g,
			struct policy_retire_rule *r)
{
	char path[64], fpath[96];
	json_t *o, *v;

	join(path, sizeof path, base, policy_retire_group_name(g));
	o = json_object_get(ret, policy_retire_group_name(g));
	if (!json_is_object(o))
		return fail(c, path, "expected an object");
	if (!get_int(c, o, path, "base_years", 30, 80, &r->base_years) ||
	    !get_int(c, o, path, "step_months", 1, 120, &r->step_months) ||
	    !get_int(c, o, path, "max_months", 0, 240, &r->max_months))
		return false;
	v = member(c, o, path, "first_birth", true, fpath, sizeof fpath);
	if (!v)
		return false;
	if (!json_is_string(v) || !ym_parse(json_string_value(v), fpath, &r->first_birth_ym, NULL))
		return fail(c, fpath, "expected a month \"YYYYMM\"");
	return true;
}

static bool load_age(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], gpath[96], grp[16];
	json_t *o = member(c, root, "", "employment_age", true, path, sizeof path), *ret;
	struct policy_age *a = &p->age;

	if (!o)
		return false;
	if (!json_is_object(o))
		return fail(c, path, "expected an object");
	if (!get_int(c, o, path, "start_years", 0, 30, &a->start_years) ||
	    !get_bool(c, o, path, "start_month_included", &a->start_month_included) ||
	    !get_bool(c, o, path, "retirement_month_included", &a->retire_month_included) ||
	    !get_str(c, o, path, "female_default", grp, sizeof grp, true))
		return false;
	if (!policy_retire_group_parse(grp, &a->female_default) || a->female_default == RETIRE_MALE) {
		join(gpath, sizeof gpath, path, "female_default");
		return fail(c, gpath, "expected \"female50\" or \"female55\"");
	}
	ret = member(c, o, path, "retirement", true, gpath, sizeof gpath);
	if (!ret)
		return false;
	if (!json_is_object(ret))
		return fail(c, gpath, "expected an object");
	for (int g = 0; g < RETIRE_GROUP__COUNT; g++)
		if (!load_retire(c, ret, gpath, (enum retire_group)g, &a->retire[g]))
			return false;
	return true;
}

static bool load_rounding_pair(struct ld *c, json_t *o, const char *base, const char *key,
			       int *places, enum round_mode *mode)
{
	char path[64];
	json_t *r = member(c, o, base, key, true, path, sizeof path);

	if (!r)
		return false;
	if (!json_is_object(r))
		return fail(c, path, "expected {\"places\": N, \"mode\": \"…\"}");
	return get_int(c, r, path, "places", 0, 9, places) && get_mode(c, r, path, "mode", mode);
}

/* Array of words parsed by parse into a bitmask (an empty array: none). */
static bool get_word_mask(struct ld *c, json_t *obj, const char *base, const char *key,
			  bool (*parse)(const char *s, int *out), const char *what, unsigned *out)
{
	char path[64], ipath[96];
	json_t *v = member(c, obj, base, key, true, path, sizeof path), *e;
	size_t i;

	*out = 0;
	if (!v)
		return false;
	if (!json_is_array(v))
		return fail(c, path, "expected an array of %s", what);
	json_array_foreach(v, i, e) {
		int bit;

		if (!json_is_string(e) || !parse(json_string_value(e), &bit)) {
			index_path(ipath, sizeof ipath, path, i);
			return fail(c, ipath, "expected %s", what);
		}
		*out |= 1u << bit;
	}
	return true;
}

static bool parse_unit_kind(const char *s, int *out)
{
	enum unit_kind k;

	if (!policy_unit_kind_parse(s, &k))
		return false;
	*out = (int)k;
	return true;
}

static bool parse_category(const char *s, int *out)
{
	enum institution_category k;

	if (!policy_institution_category_parse(s, &k))
		return false;
	*out = (int)k;
	return true;
}

/* reward.exclusions: the units the 办法 leaves out. */
static bool load_exclusions(struct ld *c, json_t *o, const char *base, struct policy_reward *r)
{
	char path[64];
	json_t *x = member(c, o, base, "exclusions", true, path, sizeof path);

	if (!x)
		return false;
	if (!json_is_object(x))
		return fail(c, path, "expected an object");
	return get_word_mask(c, x, path, "unit_kinds", parse_unit_kind,
			     "a unit kind (\"government\", …)", &r->excluded_kinds_mask) &&
	       get_word_mask(c, x, path, "institutions", parse_category,
			     "an institution category (\"public_welfare_1\", …)",
			     &r->excluded_categories_mask) &&
	       get_bool(c, x, path, "concentrated_vat_refund", &r->exclude_concentrated_vat_refund);
}

static bool load_reward(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], wpath[96], wm[24];
	json_t *o = member(c, root, "", "reward", true, path, sizeof path);
	struct policy_reward *r = &p->reward;

	if (!o)
		return false;
	if (!json_is_object(o))
		return fail(c, path, "expected an object");
	if (!get_period(c, o, path, &r->valid) ||
	    !get_dec(c, o, path, "multiplier", &r->multiplier) ||
	    !get_bool(c, o, path, "strictly_above_quota", &r->strictly_above_quota) ||
	    !get_dec(c, o, path, "min_excess", &r->min_excess) ||
	    !get_int(c, o, path, "default_area_class", 1, POLICY_AREA_CLASSES, &r->default_area_class) ||
	    !get_str(c, o, path, "min_wage_month", wm, sizeof wm, true) ||
	    !load_rounding_pair(c, o, path, "excess_rounding", &r->excess_places, &r->excess_mode) ||
	    !load_exclusions(c, o, path, r) || !get_bool(c, o, path, "local_hukou", &r->local_hukou))
		return false;
	if (strcmp(wm, "data_year_end") == 0)
		r->wage_month = POLICY_WAGE_DATA_YEAR_END;
	else if (strcmp(wm, "data_year_start") == 0)
		r->wage_month = POLICY_WAGE_DATA_YEAR_START;
	else {
		join(wpath, sizeof wpath, path, "min_wage_month");
		return fail(c, wpath, "expected \"data_year_end\" or \"data_year_start\"");
	}
	return true;
}

/* graduate_subsidy.educations: the education words (PERSON.education) that count. */
static bool load_educations(struct ld *c, json_t *g, const char *base, struct policy_graduate *gr)
{
	char path[64], ipath[96];
	json_t *a = get_array(c, g, base, "educations", POLICY_MAX_EDUCATIONS, path, sizeof path), *e;
	size_t i;

	if (!a)
		return false;
	json_array_foreach(a, i, e) {
		const char *w = json_string_value(e);

		index_path(ipath, sizeof ipath, path, i);
		if (!w || !*w || strlen(w) >= sizeof gr->educations[0])
			return fail(c, ipath, "expected an education word (\"bachelor\", …)");
		memcpy(gr->educations[i], w, strlen(w) + 1);
	}
	gr->n_educations = (int)json_array_size(a);
	return true;
}

static bool load_misc(struct ld *c, json_t *root, struct policy *p)
{
	char path[64], apath[96];
	json_t *g = member(c, root, "", "graduate_subsidy", true, path, sizeof path), *v, *r, *l, *as;

	if (!g)
		return false;
	if (!json_is_object(g))
		return fail(c, path, "expected an object");
	v = member(c, g, path, "amount", true, apath, sizeof apath);
	if (!v || !get_fen(c, v, apath, &p->graduate.amount_fen) ||
	    !opt_bool(c, g, path, "example", &p->graduate.example) ||
	    !get_str(c, g, path, "note", p->graduate.note, sizeof p->graduate.note, false) ||
	    !get_int(c, g, path, "min_months", 1, 12, &p->graduate.min_months) ||
	    !load_educations(c, g, path, &p->graduate))
		return false;

	g = member(c, root, "", "materials", true, path, sizeof path);
	if (!g)
		return false;
	if (!json_is_object(g))
		return fail(c, path, "expected {\"quota_mib_per_unit\", \"note\"}");
	if (!get_int(c, g, path, "quota_mib_per_unit", 1, 1048576, &p->materials.quota_mib) ||
	    !get_str(c, g, path, "note", p->materials.note, sizeof p->materials.note, false))
		return false;

	r = member(c, root, "", "rounding", true, path, sizeof path);
	if (!r)
		return false;
	if (!json_is_object(r))
		return fail(c, path, "expected an object");
	if (!get_int(c, r, path, "count_places", 0, 9, &p->rounding.count_places) ||
	    !get_mode(c, r, path, "count_mode", &p->rounding.count_mode) ||
	    !get_mode(c, r, path, "amount_mode", &p->rounding.amount_mode))
		return false;

	l = member(c, root, "", "levy", true, path, sizeof path);
	if (!l)
		return false;
	as = member(c, l, path, "assessed", true, apath, sizeof apath);
	if (!as)
		return false;
	if (!json_is_object(as))
		return fail(c, apath, "expected {\"years_after\", \"month\", \"day\"}");
	return get_int(c, as, apath, "years_after", 0, 5, &p->levy.years_after) &&
	       get_int(c, as, apath, "month", 1, 12, &p->levy.month) &&
	       get_int(c, as, apath, "day", 1, 28, &p->levy.day);
}

static bool load_registry(struct ld *c, json_t *root, struct policy *p)
{
	char path[64];
	json_t *r = member(c, root, "", "registry", true, path, sizeof path);

	if (!r)
		return false;
	if (!json_is_object(r))
		return fail(c, path, "expected {\"lookups_per_hour\"}");
	return get_int(c, r, path, "lookups_per_hour", 1, 100000, &p->registry.lookups_per_hour);
}

bool policy_load(const char *json_text, const char *origin, struct policy *out,
		 struct core_error *err)
{
	struct ld c = {origin ? origin : "policy", err};
	json_error_t jerr;
	json_t *root;
	struct policy p;
	char path[64];
	bool ok;
	int schema;

	memset(&p, 0, sizeof p);
	root = json_loads(json_text ? json_text : "", JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return core_error_set(err, CORE_ERR_POLICY, "", "%.40s: line %d: %.100s",
				      c.origin, jerr.line, jerr.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return fail(&c, "(root)", "expected an object");
	}
	ok = get_int(&c, root, "", "schema", 1, 1, &schema) &&
	     get_str(&c, root, "", "region", p.region, sizeof p.region, true) &&
	     get_str(&c, root, "", "name", p.name, sizeof p.name, true) &&
	     get_str(&c, root, "", "version", p.version, sizeof p.version, true);
	if (ok) {
		json_t *v = member(&c, root, "", "valid", true, path, sizeof path);

		ok = v && (json_is_object(v) ? get_period(&c, v, "valid", &p.valid)
					     : fail(&c, path, "expected {\"from\", \"to\"}"));
	}
	ok = ok && get_dec(&c, root, "", "quota", &p.quota);
	if (ok && (dec_sign(p.quota) <= 0 || dec_cmp(p.quota, dec_int(1)) >= 0))
		ok = fail(&c, "quota", "expected a ratio between 0 and 1 (\"0.015\")");
	ok = ok && load_weights(&c, root, &p) && load_tiers(&c, root, &p) &&
	     load_exemptions(&c, root, &p) && load_wage_caps(&c, root, &p) &&
	     load_social_wages(&c, root, &p) && load_min_wages(&c, root, &p) &&
	     load_age(&c, root, &p) && load_reward(&c, root, &p) && load_misc(&c, root, &p) &&
	     load_registry(&c, root, &p);
	json_decref(root);
	if (!ok)
		return false;
	snprintf(p.origin, sizeof p.origin, "%s", c.origin);
	*out = p;
	return true;
}
