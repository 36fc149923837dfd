/* region_name: the one reader of the region tables on the client's side (the
 * check-id command and the screens both name regions through it). */
#include "base/region_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datadir.h"
#include "base/fileio.h"
#include "core/regions.h"

enum { REGION_FILE_MAX = 4 << 20 };

static struct region_table table;
static char loaded[3];   /* the province of `table`, "" = none */

static bool valid_code(const char *code)
{
	return code && strlen(code) == 6 && strspn(code, "0123456789") == 6;
}

/* The table of code's province, read once. */
static const struct region_table *province_of(const char *code)
{
	if (!valid_code(code))
		return NULL;
	if (!loaded[0] || strncmp(loaded, code, 2) != 0) {
		regions_free(&table);
		memset(&table, 0, sizeof table);
		snprintf(loaded, sizeof loaded, "%.2s", code);
		char rel[32], path[1024];
		snprintf(rel, sizeof rel, "regions/%.2s0000.csv", code);
		char *text = datadir_file(path, sizeof path, rel)
			     ? file_read_all(path, REGION_FILE_MAX, NULL) : NULL;
		if (!text || !regions_load(text, path, &table, NULL))
			memset(&table, 0, sizeof table);
		free(text);
	}
	return table.n ? &table : NULL;
}

bool region_name(const char *code, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	const struct region_table *t = province_of(code);
	const struct region *r = t ? regions_find(t, code) : NULL;
	if (!r)
		return false;
	snprintf(buf, size, "%s", r->name);
	return true;
}

bool region_name_path(const char *code, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	const struct region_table *t = province_of(code);
	if (t && regions_path_name(t, code, NULL, buf, size))
		return true;
	if (size)
		buf[0] = '\0';
	return false;
}

int region_match(const char *within, const char *text, char code[7])
{
	const struct region_table *t = province_of(within);
	int n = 0, best = 99;
	code[0] = '\0';
	for (size_t i = 0; t && text && *text && i < t->n; i++) {
		const struct region *r = &t->rows[i];
		if (!region_is_within(t, r->code, within) ||
		    (strcmp(r->code, text) != 0 && !strstr(r->name, text)))
			continue;
		n++;
		if (r->level < best) {
			best = r->level;
			snprintf(code, 7, "%s", r->code);
		}
	}
	return n;
}
