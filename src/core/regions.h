/* regions: the GB/T 2260 hierarchy (自治区/省 → 盟市 → 旗县区) loaded from CSV text
 * (data/regions/<code>.csv: "code,name,parent", '#' comments).  The level of a
 * region is its depth in the parent chain (1 = root), so codes listed beside the
 * 盟市 (满洲里市 150781, 二连浩特市 152501, parent 150000) are level 2 as the
 * federation treats them.  Callers read the file; this module only parses. */
#ifndef ANZHI_CORE_REGIONS_H
#define ANZHI_CORE_REGIONS_H

#include <stdbool.h>
#include <stddef.h>
#include "core/error.h"

struct region {
	char code[7];
	char name[64];      /* UTF-8 */
	char parent[7];     /* "" for the root */
	int level;          /* 1..3 */
};

struct region_table {
	struct region *rows;    /* sorted by code */
	size_t n;
};

/* Parses CSV text.  Refuses (naming origin and line) bad codes, duplicate
 * codes, unknown parents, cycles.  On success *out owns memory: regions_free. */
bool regions_load(const char *csv_text, const char *origin,
		  struct region_table *out, struct core_error *err);
void regions_free(struct region_table *t);

const struct region *regions_find(const struct region_table *t, const char *code);
/* 1..3, 0 when unknown. */
int regions_level(const struct region_table *t, const char *code);
/* The parent's code, NULL for the root or unknown codes. */
const char *regions_parent(const struct region_table *t, const char *code);
/* code == ancestor, or ancestor is on code's parent chain (a reviewer at 150900
 * sees 150924).  False when either is unknown. */
bool region_is_within(const struct region_table *t, const char *code, const char *ancestor);
/* "内蒙古自治区 / 乌兰察布市 / 兴和县" (sep " / " when NULL).  False when
 * unknown or buf too small. */
bool regions_path_name(const struct region_table *t, const char *code, const char *sep,
		       char *buf, size_t size);
/* The direct children of code (in code order) into out[0..max); returns how
 * many exist (may exceed max). */
size_t regions_children(const struct region_table *t, const char *code,
			const struct region **out, size_t max);

#endif
