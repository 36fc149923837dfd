/* review_case — see review_case.h. */
#include "screens/review_case.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ident.h"

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

void rc_init(struct review_case *c)
{
	memset(c, 0, sizeof *c);
}

void rc_free(struct review_case *c)
{
	json_decref(c->pl);
	rc_init(c);
}

/* The row of `keep` with the same key, or NULL. */
static const struct rc_row *same_row(const struct review_case *keep, const struct rc_row *r)
{
	for (int i = 0; keep && i < keep->n; i++)
		if (keep->rows[i].item == r->item && strcmp(keep->rows[i].key, r->key) == 0)
			return &keep->rows[i];
	return NULL;
}

void rc_load(struct review_case *c, json_t *pl, const struct review_case *keep)
{
	struct review_case next;
	rc_init(&next);
	next.pl = json_incref(pl);
	next.id = (long)json_integer_value(json_object_get(pl, "id"));
	next.version = json_integer_value(json_object_get(pl, "version"));
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(pl, "months"), i, m) {
		if (!json_is_true(json_object_get(m, "registered")) || next.n >= 12)
			continue;
		struct rc_row *r = &next.rows[next.n++];
		snprintf(r->key, sizeof r->key, "%s", jstr(m, "month"));
		r->src = m;
		r->result = wire_month_decision_parse(json_string_value(json_object_get(m, "result")));
		r->choice = MONTH_DECISION_NONE;
	}
	json_array_foreach(json_object_get(pl, "dispatch_items"), i, m) {
		enum dispatch_item it;
		if (!wire_dispatch_item_parse(json_string_value(json_object_get(m, "item")), &it) ||
		    next.n >= RC_MAX_ROWS)
			continue;
		struct rc_row *r = &next.rows[next.n++];
		r->item = true;
		r->which = it;
		snprintf(r->key, sizeof r->key, "%s", wire_dispatch_item_word(it));
		r->src = m;
		r->result = wire_month_decision_parse(json_string_value(json_object_get(m, "result")));
		r->choice = MONTH_DECISION_NONE;
	}
	for (int k = 0; keep && keep->id == next.id && k < next.n; k++) {
		const struct rc_row *old = same_row(keep, &next.rows[k]);
		if (old && rc_open(&next.rows[k])) {
			next.rows[k].choice = old->choice;
			memcpy(next.rows[k].reason, old->reason, sizeof old->reason);
		}
	}
	rc_free(c);
	*c = next;
}

bool rc_open(const struct rc_row *r)
{
	return r->result == MONTH_DECISION_PENDING;
}

int rc_open_count(const struct review_case *c)
{
	int n = 0;
	for (int i = 0; i < c->n; i++)
		n += rc_open(&c->rows[i]);
	return n;
}

int rc_chosen_count(const struct review_case *c)
{
	int n = 0;
	for (int i = 0; i < c->n; i++)
		n += c->rows[i].choice != MONTH_DECISION_NONE;
	return n;
}

bool rc_choose(struct review_case *c, int i, enum month_decision d, const char *reason)
{
	if (i < 0 || i >= c->n || !rc_open(&c->rows[i]))
		return false;
	struct rc_row *r = &c->rows[i];
	r->choice = d;
	snprintf(r->reason, sizeof r->reason, "%s", d == MONTH_DECISION_INVALID && reason ? reason : "");
	return true;
}

int rc_choose_all_valid(struct review_case *c)
{
	for (int i = 0; i < c->n; i++)
		if (rc_open(&c->rows[i]) && c->rows[i].choice == MONTH_DECISION_NONE)
			rc_choose(c, i, MONTH_DECISION_VALID, NULL);
	return rc_chosen_count(c);
}

/* The row whose key is `key` among months (item false) or items. */
static int row_of(const struct review_case *c, bool item, const char *key)
{
	for (int i = 0; key && i < c->n; i++)
		if (c->rows[i].item == item && strcmp(c->rows[i].key, key) == 0)
			return i;
	return -1;
}

int rc_apply_body(struct review_case *c, const json_t *body)
{
	static const char *const arrays[2] = { "months", "dispatch" };
	static const char *const keys[2] = { "month", "item" };
	int n = 0;
	for (int a = 0; a < 2; a++) {
		size_t i;
		const json_t *d;
		json_array_foreach(json_object_get(body, arrays[a]), i, d) {
			enum month_decision r = wire_month_decision_parse(
				json_string_value(json_object_get(d, "result")));
			if (wire_decision_is_reviewers(r) &&
			    rc_choose(c, row_of(c, a == 1, json_string_value(json_object_get(d, keys[a]))),
				      r, jstr(d, "reason")))
				n++;
		}
	}
	return n;
}

json_t *rc_body(const struct review_case *c)
{
	json_t *months = json_array(), *items = json_array();
	for (int i = 0; i < c->n; i++) {
		const struct rc_row *r = &c->rows[i];
		if (r->choice == MONTH_DECISION_NONE)
			continue;
		json_t *d = json_pack("{s:s, s:s}", r->item ? "item" : "month", r->key, "result",
				      wire_month_decision_word(r->choice));
		if (r->choice == MONTH_DECISION_INVALID)
			json_object_set_new(d, "reason", json_string(r->reason));
		json_array_append_new(r->item ? items : months, d);
	}
	if (json_array_size(months) + json_array_size(items) == 0) {
		json_decref(months);
		json_decref(items);
		return NULL;
	}
	json_t *body = json_object();
	if (json_array_size(months))
		json_object_set_new(body, "months", months);
	else
		json_decref(months);
	if (json_array_size(items))
		json_object_set_new(body, "dispatch", items);
	else
		json_decref(items);
	return body;
}

void rc_body_summary(const json_t *body, char *buf, size_t len)
{
	int valid = 0, invalid = 0;
	static const char *const arrays[2] = { "months", "dispatch" };
	for (int a = 0; a < 2; a++) {
		size_t i;
		const json_t *d;
		json_array_foreach(json_object_get(body, arrays[a]), i, d) {
			enum month_decision r = wire_month_decision_parse(jstr(d, "result"));
			valid += r == MONTH_DECISION_VALID;
			invalid += r == MONTH_DECISION_INVALID;
		}
	}
	snprintf(buf, len, _("valid %d, invalid %d"), valid, invalid);
}

unsigned rc_failed_checks(const struct review_case *c, int i)
{
	unsigned bits = 0;
	if (i < 0 || i >= c->n || c->rows[i].item)
		return 0;
	const json_t *checks = json_object_get(c->rows[i].src, "checks");
	for (int k = 0; k < CHECK__COUNT; k++) {
		const json_t *ck = json_object_get(checks, wire_check_word((enum check_kind)k));
		if (json_is_object(ck) && !json_is_true(json_object_get(ck, "ok")))
			bits |= 1u << k;
	}
	return bits;
}

void rc_label(const struct review_case *c, char *buf, size_t len)
{
	char name[3 * 96 + 1];
	mask_name(jstr(json_object_get(c->pl, "person"), "name"), name, sizeof name);
	snprintf(buf, len, "%s - %s", name, jstr(c->pl, "uscc"));
}

int rc_proof_material(const struct review_case *c, int i)
{
	if (i < 0 || i >= c->n)
		return -1;
	const struct rc_row *r = &c->rows[i];
	const char *want = NULL;
	if (r->item) {
		want = json_string_value(json_object_get(r->src, "material_kind"));
	} else {
		unsigned failed = rc_failed_checks(c, i);
		for (int k = 0; k < CHECK__COUNT && !want; k++)
			if (failed & (1u << k))
				want = checks_kind_name((enum check_kind)k);
	}
	const json_t *m;
	size_t j;
	json_array_foreach(json_object_get(c->pl, "materials"), j, m) {
		const char *kind = json_string_value(json_object_get(m, "kind"));
		if (want && kind && strcmp(kind, want) == 0)
			return (int)j;
	}
	return -1;
}
