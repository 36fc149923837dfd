/* store_int — private to the store_*.c files: the connection and the
 * mapping of db.h's results to store.h's. */
#ifndef ANZHI_SERVER_STORE_INT_H
#define ANZHI_SERVER_STORE_INT_H

#include "server/db.h"
#include "server/store.h"

struct store {
	struct db *db;
	const struct region_table *regions;
	int64_t bulk_last_id;   /* bulk mode: the last placement id handed out */
};

/* sql as it is, or ending in FOR UPDATE inside a transaction on PostgreSQL
 * (db_locks_rows): what a write reads stays as read until it commits
 * (SQLite's one write lock does that already), while a read-only request
 * locks nothing. sql must be a string literal. Every write to a unit's records
 * reads the unit (store_unit_ref*) or the placement with its unit
 * (store_placement_load) this way first, so that writes to one unit run one
 * after the other on every backend, and what they checked (the year still
 * open, the version, the counts) still holds when they commit. */
#define ST_LOCKING(st, sql) (db_locks_rows((st)->db) ? sql " FOR UPDATE" : sql)

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
/* A file of a unit (a material, a request's file) names the blob of digest
 * (store_blob_put first): one reference more, and the unit's stored bytes
 * (the quota's measure) grow by size. */
int st_blob_hold(struct store *st, const char *digest, int64_t unit_id, int64_t size);
/* The file is gone: one reference fewer (the last gone, the blob and its
 * chunks go in the same transaction), the unit's bytes shrink by size. */
int st_blob_release(struct store *st, const char *digest, int64_t unit_id, int64_t size);
/* What a placement is read from (store_placements.c): the placements row
 * with its unit's USCC and the person (aliases p, u, n), a contract, a
 * certificate; readers of those columns from column c on. */
#define ST_ROW_COLS                                                                       \
	"p.unit_id, u.uscc, p.year, p.version, p.status, p.confirmed_by, p.months_registered," \
	" p.months_confirmed, p.months_counted, p.months_rejected, p.months_pending, p.needs," \
	" p.submitted_at, p.confirmed_at, p.idno, n.name, n.gender, n.birth, n.hukou_type,"   \
	" n.hukou_region, n.hukou_address, n.phone, n.education, n.guardian_name,"            \
	" n.guardian_phone, n.graduate, n.retire_group"
#define ST_ROW_NCOLS 27
#define ST_CONTRACT_COLS                                                                 \
	"id, dispatch, relation, type, start_date, end_date, post, monthly_wage,"            \
	" dispatch_agency, si_unit, mi_unit"
#define ST_CERTIFICATE_COLS "id, type, number, category, level, valid_from, valid_to"
void st_placement_row(struct db_stmt *s, int c, struct placement *p);
json_t *st_contract_json(struct db_stmt *s, int c);
json_t *st_certificate_json(struct db_stmt *s, int c);

/* The labels of imports ("wages 2025-12-31") looked up so far: a placement's
 * months name the same few imports, so do a batch's. */
struct st_labels {
	struct st_label {
		int64_t id;
		char label[48];
	} seen[8];
	int n;
};

/* A placement's month rows (store_months.c): load all, in month order, with
 * the labels of the imports their checks used; write the dirty ones (all,
 * after deleting the old set, when replace is set). The columns, and a
 * reader of one row into the next month of p (from column c on, labels
 * set by st_months_label once p's months are in). */
#define ST_MONTH_COLS                                                                   \
	"m.month, m.result, m.failed, m.needs, m.r_wage, m.r_social, m.r_medical,"          \
	" m.r_certificate, m.r_age, m.r_contract, m.r_exclusive, m.src_wage, m.src_social," \
	" m.src_medical, m.cert_type, m.cert_level, m.weight, m.reviewer_id, m.reviewer_name," \
	" m.reviewed_at, m.review_reason"
int st_months_load(struct store *st, struct placement *p, struct st_labels *labels);
void st_month_row(struct db_stmt *s, int c, struct placement *p);
int st_months_label(struct store *st, struct placement *p, struct st_labels *labels);
int st_months_write(struct store *st, struct placement *p, int replace);
/* A review_mark as four columns (reviewer_id, reviewer_name, reviewed_at,
 * review_reason) from column / parameter c on; "" ↔ NULL. */
void st_review_read(struct db_stmt *s, int c, struct review_mark *r);
int st_review_bind(struct db_stmt *s, int c, const struct review_mark *r);
/* A dispatch placement's item rows (store_dispatch.c): load all; write the
 * dirty ones (all, after deleting the old set, when p->items_dirty). */
int st_items_load(struct store *st, struct placement *p);
/* The same one row at a time (a batch load): st_item_row adds the row whose
 * ST_ITEM_COLS begin at column c; st_items_settle, after the placement's
 * last row, puts them in item order (a partial set: none). */
#define ST_ITEM_COLS "item, result, reviewer_id, reviewer_name, reviewed_at, review_reason"
void st_item_row(struct db_stmt *s, int c, struct placement *p);
void st_items_settle(struct placement *p);
int st_items_write(struct store *st, struct placement *p);

#endif
