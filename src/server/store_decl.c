/* store_decl — declarations (年审申报): one row per unit and year with its
 * status, the times it moved, the reviewer, the pending feedback or
 * cancellation and the year's totals; the 年审 queue over them. A status
 * change moves the overview's counters in the same transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

#define YEAR_COLS                                                                     \
	"d.status, d.submitted_at, d.reviewed_at, d.sent_to_tax_at, d.status_at,"         \
	" d.review_reason, d.reviewer_id, d.reviewer_name, d.feedback_id, d.cancellation_id," \
	" d.months_confirmed, d.months_counted, d.version"
#define YEAR_NCOLS 13

static void year_read(struct db_stmt *s, int c, struct year_row *y)
{
	y->status = wire_declaration_parse(db_col_text(s, c));
	st_col_copy(s, c + 1, y->submitted_at, sizeof y->submitted_at);
	st_col_copy(s, c + 2, y->reviewed_at, sizeof y->reviewed_at);
	st_col_copy(s, c + 3, y->sent_to_tax_at, sizeof y->sent_to_tax_at);
	st_col_copy(s, c + 4, y->status_at, sizeof y->status_at);
	st_col_copy(s, c + 5, y->review_reason, sizeof y->review_reason);
	y->reviewer_id = db_col_int(s, c + 6);
	st_col_copy(s, c + 7, y->reviewer, sizeof y->reviewer);
	y->feedback_id = db_col_int(s, c + 8);
	y->cancellation_id = db_col_int(s, c + 9);
	y->months_confirmed = db_col_int(s, c + 10);
	y->months_counted = db_col_int(s, c + 11);
	y->version = db_col_int(s, c + 12);
}

int store_year_get(struct store *st, int64_t unit_id, int year, struct year_row *y)
{
	/* a write changes the row on the strength of what it read */
	struct db_stmt *s = db_q(st->db, ST_LOCKING(st,
		"SELECT " YEAR_COLS " FROM declarations d WHERE d.unit_id = ? AND d.year = ?"), "ii",
		unit_id, (int64_t)year);
	memset(y, 0, sizeof *y);
	y->status = DECLARATION_OPEN;
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW)
		year_read(s, 0, y);
	db_done(s);
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* The overview counts declarations by status, open ones apart (they are the
 * units that have not submitted). */
static int status_count_move(struct store *st, int64_t unit_id, int year,
			     enum declaration_status from, enum declaration_status to)
{
	char lv[3][7];
	if (from == to)
		return STORE_OK;
	if (st_unit_levels(st, unit_id, lv) != STORE_OK)
		return STORE_ERROR;
	const char *const regions[3] = { lv[0], lv[1], lv[2] };
	if (from != DECLARATION_OPEN &&
	    st_overview_add(st, regions, year, wire_declaration_word(from), -1) != STORE_OK)
		return STORE_ERROR;
	if (to != DECLARATION_OPEN &&
	    st_overview_add(st, regions, year, wire_declaration_word(to), 1) != STORE_OK)
		return STORE_ERROR;
	return STORE_OK;
}

int store_year_put(struct store *st, int64_t unit_id, int year, const struct year_row *y)
{
	struct year_row old;
	if (st_year_totals_add(st, unit_id, year, 0, 0) != STORE_OK ||
	    store_year_get(st, unit_id, year, &old) != STORE_OK)
		return STORE_ERROR;
	if (old.version != y->version)
		return STORE_NOTFOUND;
	struct db_stmt *s = db_q(st->db,
		"UPDATE declarations SET status = ?, submitted_at = ?, reviewed_at = ?,"
		" sent_to_tax_at = ?, status_at = ?, review_reason = ?, reviewer_id = ?,"
		" reviewer_name = ?, feedback_id = ?, cancellation_id = ?, version = version + 1"
		" WHERE unit_id = ? AND year = ? AND version = ?",
		"ssssss", wire_declaration_word(y->status), or_null(y->submitted_at),
		or_null(y->reviewed_at), or_null(y->sent_to_tax_at), y->status_at,
		or_null(y->review_reason));
	if (!s)
		return STORE_ERROR;
	int rc = DB_OK;
	rc |= y->reviewer_id ? db_bind_int(s, 7, y->reviewer_id) : db_bind_null(s, 7);
	rc |= db_bind_text(s, 8, or_null(y->reviewer));
	rc |= y->feedback_id ? db_bind_int(s, 9, y->feedback_id) : db_bind_null(s, 9);
	rc |= y->cancellation_id ? db_bind_int(s, 10, y->cancellation_id) : db_bind_null(s, 10);
	rc |= db_bind_int(s, 11, unit_id);
	rc |= db_bind_int(s, 12, year);
	rc |= db_bind_int(s, 13, y->version);
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int changed = st_change(st, s);
	if (changed != STORE_OK)
		return changed;
	return status_count_move(st, unit_id, year, old.status, y->status);
}

int store_year_set_status(struct store *st, int64_t unit_id, int year,
			  enum declaration_status status, const char *submitted_at,
			  const char *reviewed_at, const char *reason)
{
	struct year_row y;
	if (store_year_get(st, unit_id, year, &y) != STORE_OK)
		return STORE_ERROR;
	y.status = status;
	snprintf(y.submitted_at, sizeof y.submitted_at, "%s", submitted_at ? submitted_at : "");
	snprintf(y.reviewed_at, sizeof y.reviewed_at, "%s", reviewed_at ? reviewed_at : "");
	snprintf(y.review_reason, sizeof y.review_reason, "%s", reason ? reason : "");
	snprintf(y.status_at, sizeof y.status_at, "%s",
		 reviewed_at ? reviewed_at : submitted_at ? submitted_at : "");
	return store_year_put(st, unit_id, year, &y);
}

/* ------------------------------------------------------------------ queue */

#define QUEUE_SQL(pred)                                                                \
	"SELECT u.id, u.uscc, u.name, u.federation_region, " YEAR_COLS                    \
	" FROM declarations d JOIN units u ON u.id = d.unit_id WHERE " pred                \
	" d.year = ? AND d.status = ? AND (d.status_at, d.unit_id) > (?, ?)"               \
	" ORDER BY d.status_at, d.unit_id LIMIT ?"

static const struct {
	const char *column, *sql;
} scopes[] = {
	{ NULL, QUEUE_SQL("") },
	{ "region_province", QUEUE_SQL("d.region_province = ? AND") },
	{ "region_city", QUEUE_SQL("d.region_city = ? AND") },
	{ "region_county", QUEUE_SQL("d.region_county = ? AND") },
};

int store_decl_page(struct store *st, const struct decl_query *q,
		    int (*fn)(void *arg, const struct decl_item *it), void *arg, char next_at[20],
		    int64_t *next_id)
{
	size_t k = 0;
	for (size_t i = 1; i < sizeof scopes / sizeof scopes[0] && q->region_column; i++)
		if (strcmp(scopes[i].column, q->region_column) == 0)
			k = i;
	struct db_stmt *s = db_sql(st->db, scopes[k].sql);
	int i = 1, rc = s ? DB_OK : DB_ERROR;
	*next_id = 0;
	next_at[0] = '\0';
	if (s && k)
		rc |= db_bind_text(s, i++, q->region);
	if (s) {
		rc |= db_bind_int(s, i++, q->year);
		rc |= db_bind_text(s, i++, wire_declaration_word(q->status));
		rc |= db_bind_text(s, i++, q->after_at ? q->after_at : "");
		rc |= db_bind_int(s, i++, q->after_id);
		rc |= db_bind_int(s, i, (int64_t)q->limit + 1);
	}
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int n = 0, step;
	int64_t last_id = 0;
	char last_at[20] = "", uscc[19], name[304], region[7];
	while ((step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) { /* a row beyond the page: the cursor is the page's last */
			*next_id = last_id;
			memcpy(next_at, last_at, sizeof last_at);
			break;
		}
		struct year_row y;
		year_read(s, 4, &y);
		st_col_copy(s, 1, uscc, sizeof uscc);
		st_col_copy(s, 2, name, sizeof name);
		st_col_copy(s, 3, region, sizeof region);
		struct decl_item it = { .unit_id = db_col_int(s, 0), .uscc = uscc, .unit_name = name,
					.federation_region = region, .y = &y };
		last_id = it.unit_id;
		memcpy(last_at, y.status_at, sizeof last_at);
		if (fn(arg, &it) != 0) {
			step = DB_ERROR;
			break;
		}
	}
	db_done(s);
	return step == DB_ROW || step == DB_DONE ? STORE_OK : STORE_ERROR;
}
