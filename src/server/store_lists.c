/* store_lists — the unit's placement list and the reviewer's queue, each a
 * keyset page read from one index range (never a scan of the year), items
 * built from the placements row's columns (masked at write time). Counts
 * come from the counters kept with every change; only filters no index can
 * answer (search text, a unit's name part, a date range) count their range. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/jsonw.h"
#include "server/store_int.h"

#define ITEM_COLS                                                                          \
	"p.id, p.name_masked, p.idno_masked, p.cert_no_masked, p.months_registered,"           \
	" p.months_confirmed, p.months_counted, p.months_rejected, p.status, p.confirmed_by," \
	" p.submitted_at, p.confirmed_at, p.version"
#define ITEM_NCOLS 13

/* ITEM's members from the row (the caller opened the object). */
static void item_members(struct jw *w, struct db_stmt *s)
{
	jw_kint(w, "id", db_col_int(s, 0));
	jw_kstr(w, "name_masked", db_col_str(s, 1));
	jw_kstr(w, "idno_masked", db_col_str(s, 2));
	jw_kstr(w, "cert_no_masked", db_col_str(s, 3));
	jw_kint(w, "months_registered", db_col_int(s, 4));
	jw_kint(w, "months_confirmed", db_col_int(s, 5));
	jw_kint(w, "months_counted", db_col_int(s, 6));
	jw_kint(w, "months_rejected", db_col_int(s, 7));
	jw_kstr(w, "status", db_col_str(s, 8));
	jw_kstr(w, "confirmed_by", db_col_text(s, 9));
	jw_kstr(w, "submitted_at", db_col_text(s, 10));
	jw_kstr(w, "confirmed_at", db_col_text(s, 11));
	jw_kint(w, "version", db_col_int(s, 12));
}

/* "%text%" (contains) or "text%" (prefix) for LIKE … ESCAPE '!'. */
static char *like_pattern(const char *text, int contains)
{
	size_t n = strlen(text);
	char *out = malloc(2 * n + 3), *o = out;
	if (!out)
		return NULL;
	if (contains)
		*o++ = '%';
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '!')
			*o++ = '!';
		*o++ = *c;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

/* -------------------------------------------------------------- unit list */

#define LIST_FROM " FROM placements p WHERE p.unit_id = ? AND p.year = ?"
#define LIST_Q_FROM                                                             \
	" FROM placements p JOIN persons n ON n.placement_id = p.id"            \
	" WHERE p.unit_id = ? AND p.year = ?"                                   \
	" AND (n.name LIKE ? ESCAPE '!' OR p.idno LIKE ? ESCAPE '!')"
#define LIST_PAGE " AND p.id > ? ORDER BY p.id LIMIT ?"

/* Indexed by (has q) * 2 + (has status). */
static const char *const list_sql[4] = {
	"SELECT " ITEM_COLS LIST_FROM LIST_PAGE,
	"SELECT " ITEM_COLS LIST_FROM " AND p.status IN (?, ?)" LIST_PAGE,
	"SELECT " ITEM_COLS LIST_Q_FROM LIST_PAGE,
	"SELECT " ITEM_COLS LIST_Q_FROM " AND p.status IN (?, ?)" LIST_PAGE,
};
static const char *const list_count_sql[2] = {
	"SELECT COUNT(*)" LIST_Q_FROM,
	"SELECT COUNT(*)" LIST_Q_FROM " AND p.status IN (?, ?)",
};

static int has_filter(const struct list_query *q)
{
	return q->status != PLACEMENT_STATUS_UNKNOWN;
}

/* Binds unit, year, then the q patterns and the status when given; returns
 * the next parameter number or 0 on error. */
static int bind_list(struct db_stmt *s, const struct list_query *q, const char *name_like,
		     const char *idno_like)
{
	int i = 1;
	if (db_bind_int(s, i++, q->unit_id) != DB_OK || db_bind_int(s, i++, q->year) != DB_OK)
		return 0;
	if (name_like && (db_bind_text(s, i++, name_like) != DB_OK ||
			  db_bind_text(s, i++, idno_like) != DB_OK))
		return 0;
	if (has_filter(q)) {
		/* the statuses the filter takes: one, or both awaiting review */
		const char *w[2] = { NULL, NULL };
		int n = 0;
		for (int k = 0; k < PLACEMENT_STATUS__COUNT && n < 2; k++)
			if (wire_placement_filter_matches(q->status, (enum placement_status)k))
				w[n++] = wire_placement_status_word((enum placement_status)k);
		if (db_bind_text(s, i++, w[0]) != DB_OK ||
		    db_bind_text(s, i++, w[n > 1]) != DB_OK)
			return 0;
	}
	return i;
}

/* The list's total from the counters: every status, or one. */
static int list_total_counted(struct store *st, const struct list_query *q, int64_t *total)
{
	struct status_counts c;
	if (store_unit_counts(st, q->unit_id, q->year, &c) != STORE_OK)
		return STORE_ERROR;
	*total = 0;
	for (int k = 0; k < SK__COUNT; k++) {
		if (!has_filter(q) ||
		    wire_placement_filter_matches(q->status, status_key_placement((enum status_key)k)))
			*total += c.n[k];
	}
	return STORE_OK;
}

int store_list_page(struct store *st, const struct list_query *q, struct jw *items,
		    int64_t *next_id, int64_t *total)
{
	char *name_like = NULL, *idno_like = NULL;
	int has_q = q->q && *q->q, rc = STORE_ERROR;
	*next_id = 0;
	if (has_q) {
		char upper[64];
		size_t n = strlen(q->q);
		snprintf(upper, sizeof upper, "%s", q->q);
		for (char *c = upper; *c; c++)
			if (*c == 'x')
				*c = 'X';
		name_like = like_pattern(q->q, 1);
		/* an ID number by its start needs two characters at least */
		idno_like = n >= 2 && n < sizeof upper ? like_pattern(upper, 0) : NULL;
		if (!name_like)
			goto out;
	}
	struct db_stmt *s = db_sql(st->db, list_sql[has_q * 2 + has_filter(q)]);
	int i = s ? bind_list(s, q, name_like, idno_like) : 0;
	if (!i || db_bind_int(s, i, q->after_id) != DB_OK ||
	    db_bind_int(s, i + 1, (int64_t)q->limit + 1) != DB_OK) {
		db_done(s);
		goto out;
	}
	int n = 0, step;
	int64_t last = 0;
	while ((step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) {
			*next_id = last; /* a row beyond the page: there is a next one */
			break;
		}
		last = db_col_int(s, 0);
		jw_object(items);
		item_members(items, s);
		jw_end(items);
	}
	db_done(s);
	if (step != DB_ROW && step != DB_DONE)
		goto out;
	if (!has_q) {
		rc = list_total_counted(st, q, total);
		goto out;
	}
	s = db_sql(st->db, list_count_sql[has_filter(q)]);
	if (s && bind_list(s, q, name_like, idno_like))
		rc = db_one_int(s, total) == DB_ROW ? STORE_OK : STORE_ERROR;
	else
		db_done(s);
out:
	free(name_like);
	free(idno_like);
	return rc;
}

/* ------------------------------------------------------------------ queue */

#define QUEUE_COLS ITEM_COLS ", u.uscc, u.name, p.months_pending, p.materials"
#define QUEUE_FROM " FROM placements p JOIN units u ON u.id = p.unit_id WHERE "
/* Only placements awaiting review, as the partial indexes are declared; the
 * optional dates are always bound (their absence binds a match-all). The
 * lower date bound is the keyset's start, so that the scope's index is the
 * one range the planner sees. The unit-name filter is a statement of its
 * own: bound to a match-all, PostgreSQL's generic plan took it for a narrow
 * filter and read the queue unit by unit (37 ms a page instead of 1). */
#define QUEUE_WHERE \
	" p.year = ? AND p.status IN ('pending', 'pending_contract') AND p.submitted_at <= ?"
#define QUEUE_NAME " AND u.name LIKE ? ESCAPE '!'"
#define QUEUE_KEYSET " AND (p.submitted_at, p.id) > (?, ?)"
#define QUEUE_PAGE " AND p.status IN (?, ?) ORDER BY p.submitted_at, p.id LIMIT ?"

/* A scope's statements: [0] without the unit-name filter, [1] with it. */
struct scope_sql {
	const char *column;
	const char *page[2];
	const char *count[2];
};

#define SCOPE_PAGE(pred, name) \
	"SELECT " QUEUE_COLS QUEUE_FROM pred QUEUE_WHERE name QUEUE_KEYSET QUEUE_PAGE
#define SCOPE_COUNT(pred, name) \
	"SELECT p.status, COUNT(*)" QUEUE_FROM pred QUEUE_WHERE name QUEUE_KEYSET " GROUP BY p.status"
#define SCOPE(col, pred)                                                               \
	{ col, { SCOPE_PAGE(pred, ""), SCOPE_PAGE(pred, QUEUE_NAME) },                    \
	  { SCOPE_COUNT(pred, ""), SCOPE_COUNT(pred, QUEUE_NAME) } }

static const struct scope_sql scopes[] = {
	SCOPE(NULL, ""),
	SCOPE("region_province", "p.region_province = ? AND"),
	SCOPE("region_city", "p.region_city = ? AND"),
	SCOPE("region_county", "p.region_county = ? AND"),
	SCOPE("unit", "p.unit_id = ? AND"),
};

static void queue_item(struct jw *w, struct db_stmt *s)
{
	jw_object(w);
	item_members(w, s);
	jw_kstr(w, "uscc", db_col_str(s, ITEM_NCOLS));
	jw_kstr(w, "unit_name", db_col_str(s, ITEM_NCOLS + 1));
	jw_kint(w, "months_pending", db_col_int(s, ITEM_NCOLS + 2));
	jw_kint(w, "materials", db_col_int(s, ITEM_NCOLS + 3));
	jw_end(w);
}

/* Binds the scope, the filters and where the page starts (after the cursor,
 * or at the first registration day; keyset only when counting); returns the
 * next parameter or 0. */
static int bind_queue(struct db_stmt *s, const struct queue_query *q, const char *name_like,
		      int keyset)
{
	int i = 1, rc = DB_OK;
	const char *at = q->from ? q->from : "";
	int64_t id = 0;
	if (keyset && q->after_at && strcmp(q->after_at, at) > 0) {
		at = q->after_at;
		id = q->after_id;
	}
	if (q->unit_id)
		rc |= db_bind_int(s, i++, q->unit_id);
	else if (q->region_column)
		rc |= db_bind_text(s, i++, q->region);
	rc |= db_bind_int(s, i++, q->year);
	rc |= db_bind_text(s, i++, q->to ? q->to : "~");
	if (name_like)
		rc |= db_bind_text(s, i++, name_like);
	rc |= db_bind_text(s, i++, at);
	rc |= db_bind_int(s, i++, id);
	return rc == DB_OK ? i : 0;
}

static const struct scope_sql *scope_of(const struct queue_query *q)
{
	if (q->unit_id)
		return &scopes[4];
	for (size_t i = 1; i < 4 && q->region_column; i++)
		if (strcmp(scopes[i].column, q->region_column) == 0)
			return &scopes[i];
	return &scopes[0];
}

/* Counts per status, from the counters when only the scope narrows it. */
static int queue_counts(struct store *st, const struct queue_query *q, const char *name_like,
			int64_t counts[2])
{
	struct status_counts c;
	int rc = STORE_ERROR;
	counts[0] = counts[1] = 0;
	if (!name_like && !q->from && !q->to && (q->unit_id || q->region_column)) {
		rc = q->unit_id ? store_unit_counts(st, q->unit_id, q->year, &c)
				: store_region_counts(st, q->region, q->year, &c);
		counts[0] = c.n[SK_PENDING];
		counts[1] = c.n[SK_PENDING_CONTRACT];
		return rc;
	}
	struct db_stmt *s = db_sql(st->db, scope_of(q)->count[name_like != NULL]);
	if (!s || !bind_queue(s, q, name_like, 0)) {
		db_done(s);
		return STORE_ERROR;
	}
	int step;
	while ((step = db_step(s)) == DB_ROW)
		counts[wire_placement_status_parse(db_col_text(s, 0)) == PLACEMENT_PENDING_CONTRACT] =
			db_col_int(s, 1);
	db_done(s);
	return step == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_queue_page(struct store *st, const struct queue_query *q, struct jw *items,
		     char next_at[20], int64_t *next_id, int64_t counts[2], int64_t *total)
{
	char *name_like = q->unit_name && *q->unit_name ? like_pattern(q->unit_name, 1) : NULL;
	int rc = STORE_ERROR;
	*next_id = 0;
	next_at[0] = '\0';
	struct db_stmt *s = db_sql(st->db, scope_of(q)->page[name_like != NULL]);
	int i = s ? bind_queue(s, q, name_like, 1) : 0;
	int one = q->status != PLACEMENT_STATUS_UNKNOWN;
	const char *s1 = wire_placement_status_word(one ? q->status : PLACEMENT_PENDING);
	const char *s2 = wire_placement_status_word(one ? q->status : PLACEMENT_PENDING_CONTRACT);
	if (!i || db_bind_text(s, i, s1) != DB_OK || db_bind_text(s, i + 1, s2) != DB_OK ||
	    db_bind_int(s, i + 2, (int64_t)q->limit + 1) != DB_OK) {
		db_done(s);
		goto out;
	}
	int n = 0, step;
	int64_t last_id = 0;
	char last_at[20] = "";
	while ((step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) { /* a row beyond the page: the cursor is the page's last */
			*next_id = last_id;
			memcpy(next_at, last_at, sizeof last_at);
			break;
		}
		last_id = db_col_int(s, 0);
		st_col_copy(s, 10, last_at, sizeof last_at);
		queue_item(items, s);
	}
	db_done(s);
	if ((step != DB_ROW && step != DB_DONE) || queue_counts(st, q, name_like, counts) != STORE_OK)
		goto out;
	*total = one ? counts[q->status == PLACEMENT_PENDING_CONTRACT] : counts[0] + counts[1];
	rc = STORE_OK;
out:
	free(name_like);
	return rc;
}
