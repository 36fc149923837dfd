/* history — see history.h. */
#include "server/history.h"

#include <string.h>

#include "core/ident.h"

static const struct {
	const char *entity, *action;
	enum history_action word;
} actions[] = {
	{ "placement", "create", HISTORY_REGISTERED },
	{ "placement", "import-previous", HISTORY_IMPORTED },
	{ "placement", "update", HISTORY_EDITED },
	{ "placement", "months", HISTORY_MONTHS },
	{ "placement", "reregister", HISTORY_REREGISTERED },
	{ "placement", "review", HISTORY_DECIDED },
	{ "placement", "reopen", HISTORY_REOPENED },
	{ "material", "create", HISTORY_UPLOADED },
	{ "material", "delete", HISTORY_MATERIAL_DELETED },
	{ "declaration", "submit", HISTORY_SUBMITTED },
	{ "declaration", "withdraw", HISTORY_WITHDRAWN },
};

enum history_action history_action_of(const char *entity, const char *action)
{
	for (size_t i = 0; entity && action && i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(actions[i].entity, entity) == 0 && strcmp(actions[i].action, action) == 0)
			return actions[i].word;
	return HISTORY_UNKNOWN;
}

/* The members that name an element of an array (a month, an item, a row). */
static const char *const id_keys[] = { "month", "item", "id" };

static void keep_ids(const json_t *from, json_t *to)
{
	for (size_t i = 0; i < sizeof id_keys / sizeof id_keys[0]; i++) {
		json_t *v = json_object_get(from, id_keys[i]);
		if (v)
			json_object_set(to, id_keys[i], v);
	}
}

static void diff(const json_t *x, const json_t *y, json_t **dx, json_t **dy);

static void diff_objects(const json_t *x, const json_t *y, json_t **dx, json_t **dy, int top)
{
	const char *k;
	json_t *v;
	*dx = json_object();
	*dy = json_object();
	/* members of x (changed or gone), then those only y has */
	for (int side = 0; side < 2; side++) {
		const json_t *from = side ? y : x, *other = side ? x : y;
		json_object_foreach((json_t *)from, k, v) {
			json_t *w = json_object_get(other, k);
			if ((side && w) || (top && strcmp(k, "version") == 0) || json_equal(v, w))
				continue;
			json_t *a = NULL, *b = NULL;
			diff(side ? w : v, side ? v : w, &a, &b);
			json_object_set_new(*dx, k, a ? a : json_null());
			json_object_set_new(*dy, k, b ? b : json_null());
		}
	}
}

static int objects_array(const json_t *a)
{
	size_t i;
	json_t *e;
	json_array_foreach(a, i, e)
		if (!json_is_object(e))
			return 0;
	return 1;
}

static void diff_arrays(const json_t *x, const json_t *y, json_t **dx, json_t **dy)
{
	*dx = json_array();
	*dy = json_array();
	for (size_t i = 0; i < json_array_size(x); i++) {
		const json_t *ex = json_array_get(x, i), *ey = json_array_get(y, i);
		if (json_equal(ex, ey))
			continue;
		json_t *a, *b;
		diff_objects(ex, ey, &a, &b, 0);
		keep_ids(ex, a);
		keep_ids(ey, b);
		json_array_append_new(*dx, a);
		json_array_append_new(*dy, b);
	}
}

static void diff(const json_t *x, const json_t *y, json_t **dx, json_t **dy)
{
	if (json_is_object(x) && json_is_object(y)) {
		diff_objects(x, y, dx, dy, 0);
	} else if (json_is_array(x) && json_is_array(y) && json_array_size(x) == json_array_size(y) &&
		   objects_array(x) && objects_array(y)) {
		diff_arrays(x, y, dx, dy);
	} else {
		*dx = x ? json_deep_copy(x) : NULL;
		*dy = y ? json_deep_copy(y) : NULL;
	}
}

/* A document standing alone (registered, deleted): a PLACEMENT summed up. */
static json_t *summary(const json_t *doc)
{
	if (!json_is_object(doc) || !json_object_get(doc, "months"))
		return doc ? json_deep_copy(doc) : NULL;
	const json_t *person = json_object_get(doc, "person");
	json_t *out = json_pack("{s:{s:O, s:O}}", "person", "name",
				json_object_get(person, "name"), "idno",
				json_object_get(person, "idno"));
	static const char *const keep[] = { "status", "months_registered", "reopen_reason" };
	for (size_t i = 0; out && i < sizeof keep / sizeof keep[0]; i++) {
		json_t *v = json_object_get(doc, keep[i]);
		if (v)
			json_object_set(out, keep[i], v);
	}
	return out;
}

void history_changes(const json_t *before, const json_t *after, json_t **b, json_t **a)
{
	*b = *a = NULL;
	if (!before || !after) {
		*b = summary(before);
		*a = summary(after);
		return;
	}
	if (json_is_object(before) && json_is_object(after))
		diff_objects(before, after, b, a, 1);
	else
		diff(before, after, b, a);
	if (json_is_object(*b) && json_object_size(*b) == 0 && json_object_size(*a) == 0) {
		json_decref(*b);
		json_decref(*a);
		*b = *a = NULL;
	}
}

static void mask_member(json_t *o, const char *key, bool (*mask)(const char *, char *, size_t))
{
	const char *v = json_string_value(json_object_get(o, key));
	char buf[96];
	if (v && *v)   /* what cannot be masked as a number is hidden whole */
		json_object_set_new(o, key, json_string(mask(v, buf, sizeof buf) ? buf : "*****"));
}

void history_mask_ids(json_t *doc)
{
	const char *k;
	json_t *v;
	size_t i;
	if (json_is_array(doc)) {
		json_array_foreach(doc, i, v)
			history_mask_ids(v);
		return;
	}
	if (!json_is_object(doc))
		return;
	mask_member(doc, "idno", mask_idno);
	mask_member(doc, "legal_idno", mask_idno);
	mask_member(doc, "number", mask_certno);
	json_object_foreach(doc, k, v)
		if (json_is_object(v) || json_is_array(v))
			history_mask_ids(v);
}
