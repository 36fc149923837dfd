/* store_int — private to the store_*.c files: the connection and the
 * mapping of db.h's results to store.h's. */
#ifndef ANZHI_SERVER_STORE_INT_H
#define ANZHI_SERVER_STORE_INT_H

#include "server/db.h"
#include "server/store.h"

struct store {
	struct db *db;
	const struct region_table *regions;
};

/* DB_OK/DB_DONE → STORE_OK, DB_CONSTRAINT → STORE_CONFLICT, else STORE_ERROR. */
int st_rc(int db_rc);
/* Runs s (no rows wanted): STORE_OK when it changed a row, STORE_NOTFOUND
 * when none, STORE_CONFLICT / STORE_ERROR. */
int st_change(struct store *st, struct db_stmt *s);
/* A LIKE pattern (ESCAPE '!') matching text that contains q, in buf; NULL
 * when q is NULL (no filter). */
const char *st_like_contains(const char *q, char *buf, size_t len);
/* Column i as a JSON string, null for SQL NULL. */
json_t *st_col_json_str(struct db_stmt *s, int i);
/* Copies column i into buf ("" for NULL). */
void st_col_copy(struct db_stmt *s, int i, char *buf, size_t len);
/* The 盟市 (level 2 ancestor, or the code itself at level 1 or 2) and the
 * province of a region code; the code itself when unknown. */
void st_region_levels(const struct store *st, const char *code, char city[7], char province[7]);
/* Moves one placement between status keys in its unit's and regions'
 * counts (from or to may be -1: none). */
int st_counts_move(struct store *st, int64_t unit_id, int year, const char *const regions[3],
		   int from, int to);
/* Adds delta to one status key of a region's counts at its three levels
 * (county, 盟市, province: a code repeated at two levels counts once). */
int st_region_count_add(struct store *st, const char *const regions[3], int year, int key,
			int64_t delta);
/* The requests table's kind words ("feedback", "cancellation"); the
 * overview counts requests under "<kind>_<status>". */
extern const char *const st_request_kinds[REQUEST_KIND__COUNT];
/* Adds delta to one key of the overview's counters (region_overview) of a
 * region's three levels, each code once. */
int st_overview_add(struct store *st, const char *const regions[3], int year, const char *key,
		    int64_t delta);
/* A unit's federation region, its 盟市 and province (the placements' and
 * declarations' region columns). */
int st_unit_levels(struct store *st, int64_t unit_id, char levels[3][7]);
/* A unit moved from one federation region to another: its declarations',
 * requests' and tax records' region columns and every overview counter they
 * feed follow it. */
int st_overview_unit_moved(struct store *st, int64_t unit_id, const char *const from[3],
			   const char *const to[3]);
/* Adds to a declaration's totals (creating an open one) and to the overview's
 * months of its regions. */
int st_year_totals_add(struct store *st, int64_t unit_id, int year, int64_t confirmed,
		       int64_t counted);
/* A placement's month rows (store_months.c): load all, in month order, with
 * the labels of the imports their checks used; write the dirty ones (all,
 * after deleting the old set, when replace is set). */
int st_months_load(struct store *st, struct placement *p);
int st_months_write(struct store *st, struct placement *p, int replace);
/* A review_mark as four columns (reviewer_id, reviewer_name, reviewed_at,
 * review_reason) from column / parameter c on; "" ↔ NULL. */
void st_review_read(struct db_stmt *s, int c, struct review_mark *r);
int st_review_bind(struct db_stmt *s, int c, const struct review_mark *r);
/* A dispatch placement's item rows (store_dispatch.c): load all; write the
 * dirty ones (all, after deleting the old set, when p->items_dirty). */
int st_items_load(struct store *st, struct placement *p);
int st_items_write(struct store *st, struct placement *p);

#endif
