/* store_requests — a unit's feedback (年审认证反馈) and cancellation
 * requests (注销) as rows of one table (kind), their files, the reviewers'
 * queue by region and the unit's own list. The overview counts them by kind
 * and status. A request's files are blobs (store_blobs.c), each a reference
 * counted in the unit's stored bytes like a material's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

const char *const st_request_kinds[REQUEST_KIND__COUNT] = { "feedback", "cancellation" };

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static int count_move(struct store *st, const struct request_row *r, int year,
		      enum request_status from, enum request_status to)
{
	char lv[3][7], key[40];
	if (from == to)
		return STORE_OK;
	if (st_unit_levels(st, r->unit_id, lv) != STORE_OK)
		return STORE_ERROR;
	const char *const regions[3] = { lv[0], lv[1], lv[2] };
	if (from != REQUEST_STATUS_UNKNOWN) {
		snprintf(key, sizeof key, "%s_%s", st_request_kinds[r->kind],
			 wire_request_status_word(from));
		if (st_overview_add(st, regions, year, key, -1) != STORE_OK)
			return STORE_ERROR;
	}
	snprintf(key, sizeof key, "%s_%s", st_request_kinds[r->kind], wire_request_status_word(to));
	return st_overview_add(st, regions, year, key, 1);
}

int store_request_add(struct store *st, struct request_row *r, const struct unit_ref *u,
		      const struct request_file *files, int n)
{
	int64_t id;
	struct db_stmt *s = db_q(st->db,
		"INSERT INTO requests (kind, unit_id, year, text, status, declaration_status, files,"
		" created_at, created_by, created_by_name, region_county, region_city,"
		" region_province, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
		" RETURNING id",
		"siisssisissss", st_request_kinds[r->kind], u->id, (int64_t)r->year, r->text,
		wire_request_status_word(REQUEST_PENDING),
		wire_declaration_word(r->declaration_status), (int64_t)n, r->created_at,
		r->created_by, r->created_by_name, u->federation_region, u->region_city,
		u->region_province);
	int rc = db_one_int(s, &id);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	for (int i = 0; i < n; i++)
		if (db_run(db_q(st->db,
			"INSERT INTO request_files (request_id, seq, filename, size, content_type, digest)"
			" VALUES (?, ?, ?, ?, ?, ?)",
			"iisiss", id, (int64_t)(i + 1), files[i].filename, files[i].size,
			files[i].content_type, files[i].digest)) != DB_OK ||
		    st_blob_hold(st, files[i].digest, u->id, files[i].size) != STORE_OK)
			return STORE_ERROR;
	r->id = id;
	r->unit_id = u->id;
	r->status = REQUEST_PENDING;
	r->files = n;
	r->version = 1;
	snprintf(r->uscc, sizeof r->uscc, "%s", u->uscc);
	snprintf(r->unit_name, sizeof r->unit_name, "%s", u->name);
	return count_move(st, r, r->year, REQUEST_STATUS_UNKNOWN, REQUEST_PENDING);
}

#define REQUEST_COLS                                                                  \
	"r.id, r.kind, r.unit_id, u.uscc, u.name, r.year, r.text, r.status,"              \
	" r.declaration_status, r.files, r.created_at, r.created_by, r.created_by_name,"  \
	" r.reviewed_at, r.reviewer_id, r.reviewer_name, r.review_reason, r.version"
#define REQUEST_FROM " FROM requests r JOIN units u ON u.id = r.unit_id WHERE "

static void request_read(struct db_stmt *s, struct request_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(s, 0);
	r->kind = strcmp(db_col_str(s, 1), st_request_kinds[REQUEST_CANCELLATION]) == 0
			  ? REQUEST_CANCELLATION
			  : REQUEST_FEEDBACK;
	r->unit_id = db_col_int(s, 2);
	st_col_copy(s, 3, r->uscc, sizeof r->uscc);
	st_col_copy(s, 4, r->unit_name, sizeof r->unit_name);
	r->year = (int)db_col_int(s, 5);
	st_col_copy(s, 6, r->text, sizeof r->text);
	r->status = wire_request_status_parse(db_col_text(s, 7));
	r->declaration_status = wire_declaration_parse(db_col_text(s, 8));
	r->files = (int)db_col_int(s, 9);
	st_col_copy(s, 10, r->created_at, sizeof r->created_at);
	r->created_by = db_col_int(s, 11);
	st_col_copy(s, 12, r->created_by_name, sizeof r->created_by_name);
	st_col_copy(s, 13, r->reviewed_at, sizeof r->reviewed_at);
	r->reviewer_id = db_col_int(s, 14);
	st_col_copy(s, 15, r->reviewer, sizeof r->reviewer);
	st_col_copy(s, 16, r->review_reason, sizeof r->review_reason);
	r->version = db_col_int(s, 17);
}

int store_request_get(struct store *st, enum request_kind kind, int64_t id,
		      struct request_row *r)
{
	struct db_stmt *s = db_q(st->db, ST_LOCKING(st, "SELECT " REQUEST_COLS REQUEST_FROM
				 "r.id = ? AND r.kind = ?"), "is", id, st_request_kinds[kind]);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW)
		request_read(s, r);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_request_files(struct store *st, int64_t id, struct request_file *out, int max, int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT seq, filename, size, content_type, digest FROM request_files"
		" WHERE request_id = ? ORDER BY seq", "i", id);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW && *n < max) {
		struct request_file *f = &out[(*n)++];
		f->seq = (int)db_col_int(s, 0);
		st_col_copy(s, 1, f->filename, sizeof f->filename);
		f->size = db_col_int(s, 2);
		st_col_copy(s, 3, f->content_type, sizeof f->content_type);
		st_col_copy(s, 4, f->digest, sizeof f->digest);
	}
	db_done(s);
	return rc == DB_DONE || rc == DB_ROW ? STORE_OK : STORE_ERROR;
}

int store_request_review(struct store *st, struct request_row *r)
{
	struct request_row old;
	int rc = store_request_get(st, r->kind, r->id, &old);
	if (rc != STORE_OK)
		return rc;
	if (old.version != r->version)
		return STORE_NOTFOUND;
	struct db_stmt *s = db_q(st->db,
		"UPDATE requests SET status = ?, reviewed_at = ?, reviewer_name = ?,"
		" review_reason = ?, reviewer_id = ?, version = version + 1"
		" WHERE id = ? AND version = ?",
		"ssssiii", wire_request_status_word(r->status), or_null(r->reviewed_at),
		or_null(r->reviewer), or_null(r->review_reason), r->reviewer_id, r->id, r->version);
	rc = st_change(st, s);
	if (rc != STORE_OK)
		return rc;
	r->version++;
	return count_move(st, r, r->year, old.status, r->status);
}

/* ------------------------------------------------------------------- pages */

/* The queue: one status of a kind in a region subtree, oldest first. */
#define QUEUE_SQL(pred)                                                                \
	"SELECT " REQUEST_COLS REQUEST_FROM "r.kind = ? AND " pred " r.year = ? AND"       \
	" r.status = ? AND (r.created_at, r.id) > (?, ?) ORDER BY r.created_at, r.id LIMIT ?"

static const struct {
	const char *column, *sql;
} scopes[] = {
	{ NULL, QUEUE_SQL("") },
	{ "region_province", QUEUE_SQL("r.region_province = ? AND") },
	{ "region_city", QUEUE_SQL("r.region_city = ? AND") },
	{ "region_county", QUEUE_SQL("r.region_county = ? AND") },
};

/* A unit-year's requests of a kind, newest first. */
static const char unit_sql[] =
	"SELECT " REQUEST_COLS REQUEST_FROM "r.kind = ? AND r.unit_id = ? AND r.year = ?"
	" AND r.id < ? ORDER BY r.id DESC LIMIT ?";

static struct db_stmt *page_stmt(struct store *st, const struct request_query *q)
{
	if (q->unit_id)
		return db_q(st->db, unit_sql, "siiii", st_request_kinds[q->kind], q->unit_id,
			    (int64_t)q->year, q->after_id ? q->after_id : INT64_MAX,
			    (int64_t)q->limit + 1);
	size_t k = 0;
	for (size_t i = 1; i < sizeof scopes / sizeof scopes[0] && q->region_column; i++)
		if (strcmp(scopes[i].column, q->region_column) == 0)
			k = i;
	struct db_stmt *s = db_sql(st->db, scopes[k].sql);
	int i = 1, rc = s ? DB_OK : DB_ERROR;
	if (s) {
		rc |= db_bind_text(s, i++, st_request_kinds[q->kind]);
		if (k)
			rc |= db_bind_text(s, i++, q->region);
		rc |= db_bind_int(s, i++, q->year);
		rc |= db_bind_text(s, i++, wire_request_status_word(q->status));
		rc |= db_bind_text(s, i++, q->after_at ? q->after_at : "");
		rc |= db_bind_int(s, i++, q->after_id);
		rc |= db_bind_int(s, i, (int64_t)q->limit + 1);
	}
	if (rc != DB_OK) {
		db_done(s);
		return NULL;
	}
	return s;
}

int store_request_page(struct store *st, const struct request_query *q,
		       int (*fn)(void *arg, const struct request_row *r), void *arg,
		       char next_at[20], int64_t *next_id)
{
	struct db_stmt *s = page_stmt(st, q);
	struct request_row *r = malloc(sizeof *r);
	int n = 0, step = DB_ERROR;
	int64_t last_id = 0;
	char last_at[20] = "";
	*next_id = 0;
	next_at[0] = '\0';
	while (s && r && (step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) { /* a row beyond the page: the cursor is the page's last */
			*next_id = last_id;
			memcpy(next_at, last_at, sizeof last_at);
			break;
		}
		request_read(s, r);
		last_id = r->id;
		memcpy(last_at, r->created_at, sizeof last_at);
		if (fn(arg, r) != 0) {
			step = DB_ERROR;
			break;
		}
	}
	db_done(s);
	free(r);
	return step == DB_ROW || step == DB_DONE ? STORE_OK : STORE_ERROR;
}
