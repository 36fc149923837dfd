/* regions: GB/T 2260 hierarchy parsed from CSV text (see regions.h). */
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"

#define REGIONS_MAX_DEPTH 3

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct region *)a)->code, ((const struct region *)b)->code);
}

static bool is_code(const char *s, size_t n)
{
	if (n != 6)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* One CSV line "code,name,parent" (no quoting: names have no commas). */
static bool parse_line(const char *line, size_t len, const char *origin, int lineno,
		       struct region *r, struct core_error *err)
{
	const char *c1 = memchr(line, ',', len), *c2;
	size_t nlen;

	if (!c1 || !(c2 = memchr(c1 + 1, ',', len - (size_t)(c1 + 1 - line))))
		return core_error_set(err, CORE_ERR_FORMAT, "regions",
				      "%.60s: line %d: expected code,name,parent", origin, lineno);
	if (!is_code(line, (size_t)(c1 - line)))
		return core_error_set(err, CORE_ERR_FORMAT, "regions",
				      "%.60s: line %d: expected a 6-digit code", origin, lineno);
	nlen = (size_t)(c2 - c1 - 1);
	if (nlen == 0 || nlen >= sizeof r->name)
		return core_error_set(err, CORE_ERR_FORMAT, "regions",
				      "%.60s: line %d: expected a name of 1..63 bytes", origin, lineno);
	memset(r, 0, sizeof *r);
	memcpy(r->code, line, 6);
	memcpy(r->name, c1 + 1, nlen);
	len -= (size_t)(c2 + 1 - line);
	if (len > 0 && !is_code(c2 + 1, len))
		return core_error_set(err, CORE_ERR_FORMAT, "regions",
				      "%.60s: line %d: expected an empty or 6-digit parent", origin, lineno);
	if (len > 0)
		memcpy(r->parent, c2 + 1, 6);
	return true;
}

static bool set_levels(struct region_table *t, const char *origin, struct core_error *err)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct region *r = &t->rows[i];
		int depth = 1;

		if (i > 0 && strcmp(t->rows[i - 1].code, r->code) == 0)
			return core_error_set(err, CORE_ERR_FORMAT, "regions",
					      "%.60s: code %s listed twice", origin, r->code);
		while (r->parent[0]) {
			const struct region *p = regions_find(t, r->parent);

			if (!p)
				return core_error_set(err, CORE_ERR_FORMAT, "regions",
						      "%.60s: %s: unknown parent %s", origin,
						      t->rows[i].code, r->parent);
			if (++depth > REGIONS_MAX_DEPTH)
				return core_error_set(err, CORE_ERR_FORMAT, "regions",
						      "%.60s: %s: more than %d levels (or a cycle)",
						      origin, t->rows[i].code, REGIONS_MAX_DEPTH);
			r = p;
		}
		t->rows[i].level = depth;
	}
	return true;
}

bool regions_load(const char *csv_text, const char *origin, struct region_table *out,
		  struct core_error *err)
{
	struct region_table t = {NULL, 0};
	size_t cap = 0;
	int lineno = 0;
	const char *p = csv_text ? csv_text : "";

	if (!origin)
		origin = "regions";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		lineno++;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0 && p[0] != '#' && !(len >= 5 && memcmp(p, "code,", 5) == 0)) {
			if (t.n == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				struct region *nr = realloc(t.rows, ncap * sizeof *nr);

				if (!nr) {
					regions_free(&t);
					return core_error_set(err, CORE_ERR_NOMEM, "regions", "out of memory");
				}
				t.rows = nr;
				cap = ncap;
			}
			if (!parse_line(p, len, origin, lineno, &t.rows[t.n], err)) {
				regions_free(&t);
				return false;
			}
			t.n++;
		}
		p += nl ? (size_t)(nl - p) + 1 : strlen(p);
	}
	if (t.n > 0)
		qsort(t.rows, t.n, sizeof *t.rows, by_code);
	if (!set_levels(&t, origin, err)) {
		regions_free(&t);
		return false;
	}
	*out = t;
	return true;
}

void regions_free(struct region_table *t)
{
	if (!t)
		return;
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

const struct region *regions_find(const struct region_table *t, const char *code)
{
	struct region key = {0};

	if (!t || !t->n || !code || strlen(code) != 6)
		return NULL;
	memcpy(key.code, code, 7);
	return bsearch(&key, t->rows, t->n, sizeof *t->rows, by_code);
}

int regions_level(const struct region_table *t, const char *code)
{
	const struct region *r = regions_find(t, code);

	return r ? r->level : 0;
}

const char *regions_parent(const struct region_table *t, const char *code)
{
	const struct region *r = regions_find(t, code);

	return r && r->parent[0] ? r->parent : NULL;
}

bool region_is_within(const struct region_table *t, const char *code, const char *ancestor)
{
	const struct region *r = regions_find(t, code);

	if (!r || !regions_find(t, ancestor))
		return false;
	for (int i = 0; r && i <= REGIONS_MAX_DEPTH; i++) {
		if (strcmp(r->code, ancestor) == 0)
			return true;
		r = r->parent[0] ? regions_find(t, r->parent) : NULL;
	}
	return false;
}

bool regions_path_name(const struct region_table *t, const char *code, const char *sep,
		       char *buf, size_t size)
{
	const struct region *chain[REGIONS_MAX_DEPTH];
	const struct region *r = regions_find(t, code);
	size_t n = 0, used = 0;

	if (!r || !buf || size == 0)
		return false;
	if (!sep)
		sep = " / ";
	while (r && n < REGIONS_MAX_DEPTH) {
		chain[n++] = r;
		r = r->parent[0] ? regions_find(t, r->parent) : NULL;
	}
	buf[0] = '\0';
	while (n-- > 0) {
		size_t nl = strlen(chain[n]->name), sl = used ? strlen(sep) : 0;

		if (used + sl + nl + 1 > size)
			return false;
		memcpy(buf + used, sep, sl);
		memcpy(buf + used + sl, chain[n]->name, nl + 1);
		used += sl + nl;
	}
	return true;
}

size_t regions_children(const struct region_table *t, const char *code,
			const struct region **out, size_t max)
{
	size_t found = 0;

	for (size_t i = 0; t && code && i < t->n; i++)
		if (strcmp(t->rows[i].parent, code) == 0) {
			if (found < max)
				out[found] = &t->rows[i];
			found++;
		}
	return found;
}
