/* review_text — see review_text.h. */
#include "screens/review_text.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/reasons.h"
#include "screens/status.h"

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static const char *select_label(const struct field *f)
{
	return f->sel >= 0 ? _(f->opts[f->sel].label) : field_value(f);
}

void rt_person_line(const json_t *pl, const struct person_form *pf, char *buf, size_t len)
{
	const json_t *p = json_object_get(pl, "person");
	snprintf(buf, len, "%s %s  %s  %s %s", jstr(p, "idno"), select_label(&pf->p[PF_HUKOU_TYPE]),
		 jstr(p, "birth"), _("Phone"), jstr(p, "phone"));
}

void rt_contracts_line(const struct person_form *pf, char *buf, size_t len)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < pf->nc && n + 1 < len; i++) {
		const struct field *f = pf->c[i].f;
		bool dispatch = strcmp(field_value(&f[CF_DISPATCH]), "true") == 0;
		n += (size_t)snprintf(buf + n, len - n, "%s%s %s~%s%s%s", i ? "; " : "",
				      select_label(&f[CF_TYPE]), field_value(&f[CF_START]),
				      field_value(&f[CF_END]), dispatch ? " " : "",
				      dispatch ? _("dispatched") : "");
	}
	for (int i = 0; i < pf->nx && n + 1 < len; i++) {
		const struct field *f = pf->x[i].f;
		n += (size_t)snprintf(buf + n, len - n, " | %s %s%s %s~%s", select_label(&f[XF_TYPE]),
				      select_label(&f[XF_CATEGORY]), select_label(&f[XF_LEVEL]),
				      field_value(&f[XF_FROM]), field_value(&f[XF_TO]));
	}
}

static struct rt_line *line(struct rt_line *out, int *n, int max, enum style st)
{
	if (*n >= max)
		return NULL;
	out[*n].style = st;
	return &out[(*n)++];
}

/* A dispatch item's material, or that it is missing. */
static void item_material(const struct review_case *c, const struct rc_row *r,
			  struct rt_line *out, int *n, int max)
{
	enum material_kind want = checks_dispatch_material(r->which);
	bool have = false;
	size_t k;
	const json_t *m;
	json_array_foreach(json_object_get(c->pl, "materials"), k, m) {
		enum material_kind mk;
		struct rt_line *l;
		if (!wire_material_parse(jstr(m, "kind"), &mk) || mk != want ||
		    !(l = line(out, n, max, STYLE_NORMAL)))
			continue;
		snprintf(l->text, sizeof l->text, "%s: %s (%s)", material_kind_label(want),
			 jstr(m, "filename"), jstr(m, "uploaded_at"));
		have = true;
	}
	struct rt_line *l;
	if (!have && (l = line(out, n, max, STYLE_FAIL)))
		snprintf(l->text, sizeof l->text, "%s", _("Its material is not uploaded"));
}

int rt_detail(const struct review_case *c, int i, struct rt_line *out, int max)
{
	int n = 0;
	struct rt_line *l;
	if (i < 0 || i >= c->n)
		return 0;
	const struct rc_row *r = &c->rows[i];
	if (r->item)
		item_material(c, r, out, &n, max);
	const json_t *checks = json_object_get(r->src, "checks");
	for (int k = 0; k < CHECK__COUNT; k++) {
		const json_t *ck = json_object_get(checks, wire_check_word((enum check_kind)k));
		if (!json_is_object(ck) || json_is_true(json_object_get(ck, "ok")) ||
		    !(l = line(out, &n, max, STYLE_FAIL)))
			continue;
		reason_line((enum check_kind)k, jstr(ck, "reason"),
			    json_string_value(json_object_get(ck, "source")), l->text, sizeof l->text);
	}
	if (*jstr(r->src, "reviewer") && (l = line(out, &n, max, STYLE_DIM))) {
		const char *why = jstr(r->src, r->item ? "reason" : "review_reason");
		snprintf(l->text, sizeof l->text, _("Decided %s by %s at %s%s%s"),
			 month_decision_label(r->result), jstr(r->src, "reviewer"),
			 jstr(r->src, "reviewed_at"), *why ? ": " : "", why);
	}
	if (r->choice == MONTH_DECISION_INVALID && (l = line(out, &n, max, STYLE_FAIL)))
		snprintf(l->text, sizeof l->text, "%s: %s", _("Your reason"), r->reason);
	return n;
}

/* 0: the reason fits the row, 1: it fits any row, 2: it is for other rows. */
static int rank_of(const json_t *reason, unsigned failed, const struct rc_row *r)
{
	const json_t *checks = json_object_get(reason, "checks"), *items = json_object_get(reason, "items");
	const json_t *w;
	size_t k;
	if (json_array_size(checks) + json_array_size(items) == 0)
		return 1;
	json_array_foreach(checks, k, w) {
		enum check_kind ck;
		if (wire_check_parse(json_string_value(w), &ck) && (failed & (1u << ck)))
			return 0;
	}
	json_array_foreach(items, k, w)
		if (r->item && strcmp(json_string_value(w), r->key) == 0)
			return 0;
	return 2;
}

json_t *rt_reasons_for(const struct review_case *c, int i, const json_t *reasons)
{
	json_t *out = json_array();
	if (i < 0 || i >= c->n)
		return out;
	unsigned failed = rc_failed_checks(c, i);
	for (int rank = 0; rank < 3; rank++) {
		size_t k;
		const json_t *it;
		json_array_foreach(json_object_get(reasons, "reasons"), k, it)
			if (rank_of(it, failed, &c->rows[i]) == rank)
				json_array_append(out, json_object_get(it, "text"));
	}
	return out;
}
