/* history_text — see history_text.h. */
#include "screens/history_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "screens/status.h"

/* A growing text. */
struct buf {
	char *s;
	size_t len, cap;
};

static void add(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The members a reader knows by name; the rest are shown as the API names them. */
static const struct {
	const char *key, *label;
} keys[] = {
	{ "status", N_("Status") },
	{ "result", N_("Result") },
	{ "review_reason", N_("Reason") },
	{ "reason", N_("Reason") },
	{ "reviewer", N_("Reviewed by") },
	{ "reviewed_at", N_("Reviewed at") },
	{ "reopen_reason", N_("Why reopened") },
	{ "months_registered", N_("Registered") },
	{ "months_confirmed", N_("Confirmed") },
	{ "months_counted", N_("Counted") },
	{ "months_rejected", N_("Rejected (months)") },
	{ "confirmed_by", N_("Confirmed by") },
	{ "registered", N_("Registered") },
	{ "filename", N_("File") },
	{ "kind", N_("Material") },
	{ "name", N_("Name") },
	{ "idno", N_("ID number") },
};

static const char *key_label(const char *key)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].key, key) == 0)
			return _(keys[i].label);
	return key;
}

/* A value as the user reads it: the API's status, decision and material
 * words in words; null as "-". */
static char *value_text(const char *key, const json_t *v)
{
	const char *s = json_string_value(v);
	enum material_kind k;
	if (!v || json_is_null(v))
		return xstrdup("-");
	if (s && (strcmp(key, "status") == 0) && wire_placement_status_parse(s) >= 0)
		return xstrdup(placement_status_label(wire_placement_status_parse(s)));
	if (s && strcmp(key, "result") == 0 && wire_month_decision_parse(s) >= 0)
		return xstrdup(month_decision_label(wire_month_decision_parse(s)));
	if (s && strcmp(key, "kind") == 0 && wire_material_parse(s, &k))
		return xstrdup(material_kind_label(k));
	if (s)
		return xstrdup(s);
	if (json_is_true(v) || json_is_false(v))
		return xstrdup(json_is_true(v) ? _("Yes") : _("No"));
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

/* "  202507 结果: 待审核 -> 有效" for each leaf that changed. */
static void changes(struct buf *b, const char *prefix, const json_t *before, const json_t *after)
{
	const json_t *obj = json_is_object(after) ? after : before;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v) {
		const json_t *x = json_object_get(before, k), *y = json_object_get(after, k);
		if (json_is_array(x ? x : y)) {
			const json_t *arr = y ? y : x;
			for (size_t i = 0; i < json_array_size(arr); i++) {
				const json_t *ex = json_array_get(x, i), *ey = json_array_get(y, i);
				const json_t *e = ey ? ey : ex;
				const char *id = json_string_value(json_object_get(e, "month"));
				if (!id)
					id = json_string_value(json_object_get(e, "item"));
				char sub[96];
				snprintf(sub, sizeof sub, "%s%s%s", prefix, id ? id : key_label(k), " ");
				if (json_is_object(e))
					changes(b, sub, ex, ey);
			}
			continue;
		}
		if (strcmp(k, "month") == 0 || strcmp(k, "item") == 0 || strcmp(k, "id") == 0)
			continue;
		if (json_is_object(x ? x : y)) {
			char sub[96];
			snprintf(sub, sizeof sub, "%s%s ", prefix, key_label(k));
			changes(b, sub, x, y);
			continue;
		}
		char *from = value_text(k, x), *to = value_text(k, y);
		if (before && after)
			add(b, "    %s%s: %s -> %s\n", prefix, key_label(k), from, to);
		else
			add(b, "    %s%s: %s\n", prefix, key_label(k), after ? to : from);
		free(from);
		free(to);
	}
}

char *history_text(const json_t *items)
{
	struct buf b = { 0 };
	size_t i;
	const json_t *it;
	add(&b, "%s", "");
	json_array_foreach(items, i, it) {
		const char *who = json_string_value(json_object_get(it, "display_name"));
		const char *user = json_string_value(json_object_get(it, "user"));
		const char *ip = json_string_value(json_object_get(it, "ip"));
		const char *at = json_string_value(json_object_get(it, "at"));
		enum role r = wire_role_parse(json_string_value(json_object_get(it, "role")));
		char by[400];
		int n = snprintf(by, sizeof by, "%s", who ? who : user ? user : _("the service"));
		if (r != ROLE_UNKNOWN || ip)
			snprintf(by + n, sizeof by - (size_t)n, " (%s%s%s)", r != ROLE_UNKNOWN ? role_label(r) : "",
				 r != ROLE_UNKNOWN && ip ? ", " : "", ip ? ip : "");
		add(&b, "%s  %s  %s\n", at ? at : "", by,
		    history_action_label(wire_history_parse(json_string_value(json_object_get(it, "action")))));
		changes(&b, "", json_object_get(it, "before"), json_object_get(it, "after"));
	}
	return b.s;
}
