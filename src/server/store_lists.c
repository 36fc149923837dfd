/* store_lists — the unit's placement list and the reviewer's queue, each a
 * keyset page read from one index range (never a scan of the year), items
 * built from the placements row's columns (masked at write time). Counts
 * come from the counters kept with every change; only filters no index can
 * answer (search text, a unit's name part, a date range) count their range. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

#define ITEM_COLS                                                                          \
	"p.id, p.name_masked, p.idno_masked, p.cert_no_masked, p.months_registered,"           \
	" p.months_confirmed, p.months_counted, p.months_rejected, p.status, p.confirmed_by," \
	" p.submitted_at, p.confirmed_at, p.version"
#define ITEM_NCOLS 13

static json_t *item_json(struct db_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s, s:o, s:o, s:o, s:I}", "id",
			 (json_int_t)db_col_int(s, 0), "name_masked", db_col_str(s, 1),
			 "idno_masked", db_col_str(s, 2), "cert_no_masked", db_col_str(s, 3),
			 "months_registered", (json_int_t)db_col_int(s, 4), "months_confirmed",
			 (json_int_t)db_col_int(s, 5), "months_counted", (json_int_t)db_col_int(s, 6),
			 "months_rejected", (json_int_t)db_col_int(s, 7), "status", db_col_str(s, 8),
			 "confirmed_by", st_col_json_str(s, 9), "submitted_at", st_col_json_str(s, 10),
			 "confirmed_at", st_col_json_str(s, 11), "version",
			 (json_int_t)db_col_int(s, 12));
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
	"SELECT " ITEM_COLS LIST_FROM " AND p.status = ?" LIST_PAGE,
	"SELECT " ITEM_COLS LIST_Q_FROM LIST_PAGE,
	"SELECT " ITEM_COLS LIST_Q_FROM " AND p.status = ?" LIST_PAGE,
};
static const char *const list_count_sql[2] = {
	"SELECT COUNT(*)" LIST_Q_FROM,
	"SELECT COUNT(*)" LIST_Q_FROM " AND p.status = ?",
};

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
	if (q->status && db_bind_text(s, i++, q->status) != DB_OK)
		return 0;
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
		const char *name = status_key_name((enum status_key)k);
		int confirmed = k == SK_CONFIRMED_SYSTEM || k == SK_CONFIRMED_MANUAL;
		if (!q->status || strcmp(q->status, name) == 0 ||
		    (confirmed && strcmp(q->status, "confirmed") == 0))
			*total += c.n[k];
	}
	return STORE_OK;
}

int store_list_page(struct store *st, const struct list_query *q, json_t *items,
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
	struct db_stmt *s = db_sql(st->db, list_sql[has_q * 2 + (q->status != NULL)]);
	int i = s ? bind_list(s, q, name_like, idno_like) : 0;
	if (!i || db_bind_int(s, i, q->after_id) != DB_OK ||
	    db_bind_int(s, i + 1, (int64_t)q->limit + 1) != DB_OK) {
		db_done(s);
		goto out;
	}
	int n = 0, step;
	while ((step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) {
			*next_id = json_integer_value(json_object_get(
				json_array_get(items, json_array_size(items) - 1), "id"));
			break;
		}
		json_array_append_new(items, item_json(s));
	}
	db_done(s);
	if (step != DB_ROW && step != DB_DONE)
		goto out;
	if (!has_q) {
		rc = list_total_counted(st, q, total);
		goto out;
	}
	s = db_sql(st->db, list_count_sql[q->status != NULL]);
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

#define QUEUE_COLS                                                                        \
	ITEM_COLS ", u.uscc, u.name, p.months_pending,"                                      \
	" (SELECT COUNT(*) FROM materials mt WHERE mt.placement_id = p.id)"
#define QUEUE_FROM " FROM placements p JOIN units u ON u.id = p.unit_id WHERE "
/* Only placements awaiting review, as the partial indexes are declared; the
 * optional filters are always bound (their absence binds a match-all). */
#define QUEUE_WHERE                                                                       \
	" p.year = ? AND p.status IN ('pending', 'pending_contract')"                        \
	" AND p.submitted_at >= ? AND p.submitted_at <= ? AND u.name LIKE ? ESCAPE '!'"
#define QUEUE_PAGE                                                                        \
	" AND p.status IN (?, ?) AND (p.submitted_at, p.id) > (?, ?)"                      \
	" ORDER BY p.submitted_at, p.id LIMIT ?"

struct scope_sql {
	const char *column;
	const char *page;
	const char *count;
};

#define SCOPE(col, pred)                                                               \
	{ col, "SELECT " QUEUE_COLS QUEUE_FROM pred QUEUE_WHERE QUEUE_PAGE,                \
	  "SELECT p.status, COUNT(*)" QUEUE_FROM pred QUEUE_WHERE " GROUP BY p.status" }

static const struct scope_sql scopes[] = {
	SCOPE(NULL, ""),
	SCOPE("region_province", "p.region_province = ? AND"),
	SCOPE("region_city", "p.region_city = ? AND"),
	SCOPE("region_county", "p.region_county = ? AND"),
	SCOPE("unit", "p.unit_id = ? AND"),
};

static json_t *queue_item(struct db_stmt *s)
{
	json_t *it = item_json(s);
	json_object_set_new(it, "uscc", json_string(db_col_str(s, ITEM_NCOLS)));
	json_object_set_new(it, "unit_name", json_string(db_col_str(s, ITEM_NCOLS + 1)));
	json_object_set_new(it, "months_pending", json_integer(db_col_int(s, ITEM_NCOLS + 2)));
	json_object_set_new(it, "materials", json_integer(db_col_int(s, ITEM_NCOLS + 3)));
	return it;
}

/* Binds the scope and the filters; returns the next parameter or 0. */
static int bind_queue(struct db_stmt *s, const struct queue_query *q, const char *name_like)
{
	int i = 1, rc = DB_OK;
	if (q->unit_id)
		rc |= db_bind_int(s, i++, q->unit_id);
	else if (q->region_column)
		rc |= db_bind_text(s, i++, q->region);
	rc |= db_bind_int(s, i++, q->year);
	rc |= db_bind_text(s, i++, q->from ? q->from : "");
	rc |= db_bind_text(s, i++, q->to ? q->to : "~");
	rc |= db_bind_text(s, i++, name_like ? name_like : "%");
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
	struct db_stmt *s = db_sql(st->db, scope_of(q)->count);
	if (!s || !bind_queue(s, q, name_like)) {
		db_done(s);
		return STORE_ERROR;
	}
	int step;
	while ((step = db_step(s)) == DB_ROW)
		counts[strcmp(db_col_str(s, 0), "pending_contract") == 0] = db_col_int(s, 1);
	db_done(s);
	return step == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_queue_page(struct store *st, const struct queue_query *q, json_t *items,
		     char next_at[20], int64_t *next_id, int64_t counts[2], int64_t *total)
{
	char *name_like = q->unit_name && *q->unit_name ? like_pattern(q->unit_name, 1) : NULL;
	int rc = STORE_ERROR;
	*next_id = 0;
	next_at[0] = '\0';
	struct db_stmt *s = db_sql(st->db, scope_of(q)->page);
	int i = s ? bind_queue(s, q, name_like) : 0;
	const char *s1 = q->status ? q->status : "pending";
	const char *s2 = q->status ? q->status : "pending_contract";
	if (!i || db_bind_text(s, i, s1) != DB_OK || db_bind_text(s, i + 1, s2) != DB_OK ||
	    db_bind_text(s, i + 2, q->after_at ? q->after_at : "") != DB_OK ||
	    db_bind_int(s, i + 3, q->after_id) != DB_OK ||
	    db_bind_int(s, i + 4, (int64_t)q->limit + 1) != DB_OK) {
		db_done(s);
		goto out;
	}
	int n = 0, step;
	while ((step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) {
			json_t *last = json_array_get(items, json_array_size(items) - 1);
			*next_id = json_integer_value(json_object_get(last, "id"));
			snprintf(next_at, 20, "%s",
				 json_string_value(json_object_get(last, "submitted_at")));
			break;
		}
		json_array_append_new(items, queue_item(s));
	}
	db_done(s);
	if ((step != DB_ROW && step != DB_DONE) || queue_counts(st, q, name_like, counts) != STORE_OK)
		goto out;
	*total = q->status ? counts[strcmp(q->status, "pending_contract") == 0]
			   : counts[0] + counts[1];
	rc = STORE_OK;
out:
	free(name_like);
	return rc;
}
