/* store_admin — what the administrator keeps beside the records: the
 * business years (open, filing deadline), a declaration reopened for filing
 * after the deadline, registry imports run by the service (status, rows,
 * who, what the re-check touched) and the policy table versions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/store_int.h"

/* ---------------------------------------------------------- business years */

static void year_fill(struct db_stmt *s, struct business_year *y)
{
	memset(y, 0, sizeof *y);
	y->year = (int)db_col_int(s, 0);
	y->open = db_col_int(s, 1) != 0;
	st_col_copy(s, 2, y->deadline, sizeof y->deadline);
	y->version = db_col_int(s, 3);
}

int store_business_year_get(struct store *st, int year, struct business_year *y)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT year, open, deadline, version FROM business_years WHERE year = ?", "i",
		(int64_t)year);
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW)
		year_fill(s, y);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_business_year_put(struct store *st, const struct business_year *y)
{
	const char *deadline = y->deadline[0] ? y->deadline : NULL;
	if (y->version == 0)
		return st_rc(db_run(db_q(st->db,
			"INSERT INTO business_years (year, open, deadline, version) VALUES (?, ?, ?, 1)",
			"iis", (int64_t)y->year, (int64_t)(y->open != 0), deadline)));
	return st_change(st, db_q(st->db,
		"UPDATE business_years SET open = ?, deadline = ?, version = version + 1"
		" WHERE year = ? AND version = ?",
		"isii", (int64_t)(y->open != 0), deadline, (int64_t)y->year, y->version));
}

int store_business_years(struct store *st, struct business_year *out, int max, int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT year, open, deadline, version FROM business_years ORDER BY year DESC LIMIT ?",
		"i", (int64_t)max);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		year_fill(s, &out[(*n)++]);
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_filing_reopen(struct store *st, int64_t unit_id, int year, const char *at,
			int64_t by)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO declarations (unit_id, year, status, months_confirmed, months_counted,"
		" version, filing_reopened_at, filing_reopened_by) VALUES (?, ?, 'open', 0, 0, 0, ?, ?)"
		" ON CONFLICT (unit_id, year) DO UPDATE SET filing_reopened_at = excluded.filing_reopened_at,"
		" filing_reopened_by = excluded.filing_reopened_by",
		"iisi", unit_id, (int64_t)year, at, by)));
}

int store_filing_reopened(struct store *st, int64_t unit_id, int year, char at[20])
{
	struct db_stmt *s = db_q(st->db,
		"SELECT filing_reopened_at FROM declarations WHERE unit_id = ? AND year = ?", "ii",
		unit_id, (int64_t)year);
	int rc = s ? db_step(s) : DB_ERROR;
	at[0] = '\0';
	if (rc == DB_ROW)
		st_col_copy(s, 0, at, 20);
	db_done(s);
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ---------------------------------------------------------------- imports */

int store_imports_lock(struct store *st)
{
	return st_rc(db_lock_name(st->db, "imports"));
}

int store_import_start(struct store *st, const struct import_row *im, int64_t *id)
{
	int rc = db_one_int(db_q(st->db,
		"INSERT INTO imports (source, as_of, digest, rows_count, created_at, status,"
		" rows_total, user_id, filename) VALUES (?, ?, ?, 0, ?, 'running', ?, ?, ?)"
		" RETURNING id",
		"sssiiis", im->source, im->as_of, im->digest, (int64_t)time(NULL), im->rows_total,
		im->user_id, im->filename), id);
	return rc == DB_ROW ? STORE_OK : st_rc(rc == DB_DONE ? DB_ERROR : rc);
}

int store_import_finish(struct store *st, int64_t id, const char *status, int64_t rows,
			const char *error)
{
	return st_change(st, db_q(st->db,
		"UPDATE imports SET status = ?, rows_count = ?, error = ? WHERE id = ?", "sisi",
		status, rows, error, id));
}

int store_import_recheck_stats(struct store *st, int64_t id, int64_t placements, int64_t months,
			       int64_t changed)
{
	return st_change(st, db_q(st->db,
		"UPDATE imports SET rechecked_placements = ?, rechecked_months = ?,"
		" changed_placements = ? WHERE id = ?", "iiii", placements, months, changed, id));
}

int store_imports_interrupted(struct store *st)
{
	return st_rc(db_run(db_q(st->db,
		"UPDATE imports SET status = 'failed', error = ? WHERE status = 'running'", "s",
		"interrupted: the service stopped while it ran; import the file again")));
}

#define IMPORT_COLS \
	"i.id, i.source, i.as_of, i.rows_count, i.rows_total, i.created_at, i.status, i.error," \
	" i.filename, u.username, i.rechecked_at, i.rechecked_placements, i.rechecked_months," \
	" i.changed_placements, i.digest"

static void import_fill(struct db_stmt *s, struct import_row *im)
{
	memset(im, 0, sizeof *im);
	im->id = db_col_int(s, 0);
	st_col_copy(s, 1, im->source, sizeof im->source);
	st_col_copy(s, 2, im->as_of, sizeof im->as_of);
	im->rows = db_col_int(s, 3);
	im->rows_total = db_col_int(s, 4);
	im->created_at = db_col_int(s, 5);
	st_col_copy(s, 6, im->status, sizeof im->status);
	st_col_copy(s, 7, im->error, sizeof im->error);
	st_col_copy(s, 8, im->filename, sizeof im->filename);
	st_col_copy(s, 9, im->username, sizeof im->username);
	im->rechecked_at = db_col_int(s, 10);
	im->rechecked_placements = db_col_int(s, 11);
	im->rechecked_months = db_col_int(s, 12);
	im->changed_placements = db_col_int(s, 13);
	st_col_copy(s, 14, im->digest, sizeof im->digest);
}

int store_import_get(struct store *st, int64_t id, struct import_row *im)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " IMPORT_COLS " FROM imports i LEFT JOIN users u ON u.id = i.user_id"
		" WHERE i.id = ?", "i", id);
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW)
		import_fill(s, im);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_import_page(struct store *st, int64_t before_id, int limit, struct import_row *out,
		      int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " IMPORT_COLS " FROM imports i LEFT JOIN users u ON u.id = i.user_id"
		" WHERE i.id < ? ORDER BY i.id DESC LIMIT ?", "ii",
		before_id > 0 ? before_id : INT64_MAX, (int64_t)limit);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		import_fill(s, &out[(*n)++]);
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ----------------------------------------------------------- policy tables */

#define POLICY_COLS \
	"p.id, p.region, p.version, p.valid_from, p.valid_to, p.digest, p.uploaded_at, u.username"

static void policy_fill(struct db_stmt *s, struct policy_row *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(s, 0);
	st_col_copy(s, 1, p->region, sizeof p->region);
	st_col_copy(s, 2, p->version, sizeof p->version);
	st_col_copy(s, 3, p->valid_from, sizeof p->valid_from);
	st_col_copy(s, 4, p->valid_to, sizeof p->valid_to);
	st_col_copy(s, 5, p->digest, sizeof p->digest);
	st_col_copy(s, 6, p->uploaded_at, sizeof p->uploaded_at);
	st_col_copy(s, 7, p->uploaded_by, sizeof p->uploaded_by);
}

int store_policy_table_add(struct store *st, const struct policy_row *p, int64_t user_id,
			   const char *body, int64_t *id)
{
	int rc = db_one_int(db_q(st->db,
		"INSERT INTO policy_tables (region, version, valid_from, valid_to, body, digest,"
		" user_id, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"ssssssis", p->region, p->version, p->valid_from, p->valid_to[0] ? p->valid_to : NULL,
		body, p->digest, user_id, p->uploaded_at), id);
	return rc == DB_ROW ? STORE_OK : st_rc(rc == DB_DONE ? DB_ERROR : rc);
}

int store_policy_tables(struct store *st, const char *region, struct policy_row *out, int max,
			int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " POLICY_COLS " FROM policy_tables p LEFT JOIN users u ON u.id = p.user_id"
		" WHERE CAST(? AS TEXT) IS NULL OR p.region = ? ORDER BY p.region, p.id DESC LIMIT ?",
		"ssi", region, region, (int64_t)max);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		policy_fill(s, &out[(*n)++]);
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_policy_table_for(struct store *st, const char *region, const char *year_start,
			   const char *year_end, struct policy_row *p)
{
	/* the newest upload whose validity overlaps the year */
	struct db_stmt *s = db_q(st->db,
		"SELECT " POLICY_COLS " FROM policy_tables p LEFT JOIN users u ON u.id = p.user_id"
		" WHERE p.region = ? AND p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to >= ?)"
		" ORDER BY p.id DESC LIMIT 1",
		"sss", region, year_end, year_start);
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW)
		policy_fill(s, p);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

char *store_policy_table_body(struct store *st, int64_t id)
{
	struct db_stmt *s = db_q(st->db, "SELECT body FROM policy_tables WHERE id = ?", "i", id);
	char *body = NULL;
	if (s && db_step(s) == DB_ROW)
		body = strdup(db_col_str(s, 0));
	db_done(s);
	return body;
}
