/* reasons — see reasons.h. */
#include "server/reasons.h"

#include <stdio.h>
#include <string.h>

#include "wire/enums.h"
#include "wire/wire.h"

static bool is_check(const char *w)
{
	enum check_kind k;
	return wire_check_parse(w, &k);
}

static bool is_item(const char *w)
{
	enum dispatch_item i;
	return wire_dispatch_item_parse(w, &i);
}

/* The words of r[key] (absent = none), each passing ok(); NULL on a bad one. */
static json_t *words(const json_t *r, const char *key, bool (*ok)(const char *), size_t at,
		     char *err, size_t errlen)
{
	const json_t *a = json_object_get(r, key), *w;
	size_t i;
	if (a && !json_is_array(a)) {
		snprintf(err, errlen, "reasons[%zu].%s: not an array", at, key);
		return NULL;
	}
	json_t *out = json_array();
	json_array_foreach(a, i, w) {
		if (!ok(json_string_value(w))) {
			snprintf(err, errlen, "reasons[%zu].%s[%zu]: not a word of the API", at, key, i);
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, json_string(json_string_value(w)));
	}
	return out;
}

json_t *review_reasons_parse(const char *text, char *err, size_t errlen)
{
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je), *list = json_object_get(doc, "reasons"), *r;
	size_t i;
	if (!json_is_array(list) || json_array_size(list) == 0) {
		snprintf(err, errlen, doc ? "reasons: a non-empty array" : "line %d: %s", je.line,
			 je.text);
		json_decref(doc);
		return NULL;
	}
	json_t *out = json_array();
	json_array_foreach(list, i, r) {
		const char *t = json_string_value(json_object_get(r, "text"));
		json_t *checks = NULL, *items = NULL;
		if (!t || !*t || strlen(t) > WIRE_TEXT_MAX) {
			snprintf(err, errlen, "reasons[%zu].text: 1 to %d bytes", i, WIRE_TEXT_MAX);
			goto bad;
		}
		if (!(checks = words(r, "checks", is_check, i, err, errlen)) ||
		    !(items = words(r, "items", is_item, i, err, errlen))) {
			json_decref(checks);
			goto bad;
		}
		json_array_append_new(out, json_pack("{s:s, s:o, s:o}", "text", t, "checks", checks,
						     "items", items));
	}
	json_decref(doc);
	return json_pack("{s:o}", "reasons", out);
bad:
	json_decref(out);
	json_decref(doc);
	return NULL;
}
