/* store_sqlite_records — store.h's records on SQLite: units, declarations,
 * placements, materials, registry, notices, idempotency keys, audit. The
 * connection, transactions, users and sessions are in store_sqlite.c. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/srv.h"
#include "server/store.h"
#include "server/store_sqlite.h"

/* ------------------------------------------------------------------ units */

static json_t *doc_with_version(sqlite3_stmt *s, int doc_col, int ver_col)
{
	json_t *d = sq_col_json(s, doc_col);
	if (json_is_object(d))
		json_object_set_new(d, "version", json_integer(sqlite3_column_int64(s, ver_col)));
	return d;
}

json_t *store_unit_get(struct store *st, const char *uscc)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT doc, version FROM units WHERE uscc = ?", "s", uscc);
	json_t *d = NULL;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		d = doc_with_version(s, 0, 1);
	sqlite3_finalize(s);
	return d;
}

static const char *jstr(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

int store_unit_insert(struct store *st, json_t *unit)
{
	json_object_del(unit, "version");
	int rc = sq_run(st, sq_prep(st,
			      "INSERT INTO units (uscc, name, federation_region, doc, version)"
			      " VALUES (?, ?, ?, ?, 1)",
			      "sssj", jstr(unit, "uscc"), jstr(unit, "name"),
			      jstr(unit, "federation_region"), unit));
	json_object_set_new(unit, "version", json_integer(1));
	return rc;
}

int store_unit_update(struct store *st, json_t *unit)
{
	json_int_t v = json_integer_value(json_object_get(unit, "version"));
	json_object_del(unit, "version");
	int rc = sq_run(st, sq_prep(st,
			      "UPDATE units SET name = ?, federation_region = ?, doc = ?,"
			      " version = version + 1 WHERE uscc = ? AND version = ?",
			      "ssjsi", jstr(unit, "name"), jstr(unit, "federation_region"), unit,
			      jstr(unit, "uscc"), (int64_t)v));
	json_object_set_new(unit, "version", json_integer(rc == STORE_OK ? v + 1 : v));
	return rc;
}

json_t *store_unit_list(struct store *st)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT doc, version FROM units ORDER BY uscc", "");
	json_t *a = json_array();
	while (s && sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(a, doc_with_version(s, 0, 1));
	sqlite3_finalize(s);
	return a;
}

/* ----------------------------------------------------------- declarations */

json_t *store_year_get(struct store *st, const char *uscc, int year)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT doc, version FROM declarations WHERE uscc = ? AND year = ?",
			       "si", uscc, (int64_t)year);
	json_t *d = NULL;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		d = doc_with_version(s, 0, 1);
	sqlite3_finalize(s);
	return d;
}

int store_year_put(struct store *st, const char *uscc, int year, json_t *decl)
{
	json_t *copy = json_deep_copy(decl);
	json_object_del(copy, "version");
	int rc = sq_run(st, sq_prep(st,
			      "UPDATE declarations SET doc = ?, version = version + 1"
			      " WHERE uscc = ? AND year = ?",
			      "jsi", copy, uscc, (int64_t)year));
	if (rc == STORE_NOTFOUND)
		rc = sq_run(st, sq_prep(st,
				  "INSERT INTO declarations (uscc, year, doc, version)"
				  " VALUES (?, ?, ?, 1)",
				  "sij", uscc, (int64_t)year, copy));
	json_decref(copy);
	return rc;
}

/* ------------------------------------------------------------- placements */

#define PLACEMENT_COLS "id, doc, version"

static json_t *placement_row(sqlite3_stmt *s)
{
	json_t *d = doc_with_version(s, 1, 2);
	if (json_is_object(d))
		json_object_set_new(d, "id", json_integer(sqlite3_column_int64(s, 0)));
	return d;
}

json_t *store_placement_get(struct store *st, int64_t id)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT " PLACEMENT_COLS " FROM placements WHERE id = ?", "i", id);
	json_t *d = NULL;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		d = placement_row(s);
	sqlite3_finalize(s);
	return d;
}

static const char *person_field(json_t *p, const char *key)
{
	return jstr(json_object_get(p, "person"), key);
}

/* The stored document is the record without its id and version (columns). */
static json_t *placement_doc(json_t *p)
{
	json_t *doc = json_deep_copy(p);
	json_object_del(doc, "id");
	json_object_del(doc, "version");
	json_object_del(doc, "materials");
	return doc;
}

int store_placement_insert(struct store *st, json_t *p, int64_t *id)
{
	json_t *doc = placement_doc(p);
	int rc = sq_run(st, sq_prep(st,
			      "INSERT INTO placements (uscc, year, idno, name, status, doc, version)"
			      " VALUES (?, ?, ?, ?, ?, ?, 1)",
			      "sisssj", jstr(p, "uscc"),
			      (int64_t)json_integer_value(json_object_get(p, "year")),
			      person_field(p, "idno"), person_field(p, "name"), jstr(p, "status"),
			      doc));
	json_decref(doc);
	if (rc == STORE_OK) {
		*id = sqlite3_last_insert_rowid(st->db);
		json_object_set_new(p, "id", json_integer(*id));
		json_object_set_new(p, "version", json_integer(1));
	}
	return rc;
}

int store_placement_update(struct store *st, json_t *p)
{
	json_int_t v = json_integer_value(json_object_get(p, "version"));
	json_t *doc = placement_doc(p);
	int rc = sq_run(st, sq_prep(st,
			      "UPDATE placements SET idno = ?, name = ?, status = ?, doc = ?,"
			      " version = version + 1 WHERE id = ? AND version = ?",
			      "sssjii", person_field(p, "idno"), person_field(p, "name"),
			      jstr(p, "status"), doc,
			      (int64_t)json_integer_value(json_object_get(p, "id")), (int64_t)v));
	json_decref(doc);
	if (rc == STORE_OK)
		json_object_set_new(p, "version", json_integer(v + 1));
	return rc;
}

int store_placement_delete(struct store *st, int64_t id)
{
	int rc = sq_run(st, sq_prep(st, "DELETE FROM placements WHERE id = ?", "i", id));
	if (rc == STORE_OK)
		rc = sq_run(st, sq_prep(st, "DELETE FROM materials WHERE placement_id = ?", "i", id)) ==
				     STORE_ERROR ? STORE_ERROR : STORE_OK;
	return rc;
}

/* Every placement of one year that `sql` (one key, then the year) selects. */
static json_t *placements_of_year(struct store *st, const char *sql, const char *key, int year)
{
	sqlite3_stmt *s = sq_prep(st, sql, "si", key, (int64_t)year);
	json_t *a = json_array();
	while (s && sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(a, placement_row(s));
	sqlite3_finalize(s);
	return a;
}

json_t *store_placement_list(struct store *st, const char *uscc, int year)
{
	return placements_of_year(st, "SELECT " PLACEMENT_COLS " FROM placements"
				  " WHERE uscc = ? AND year = ? ORDER BY id", uscc, year);
}

json_t *store_placement_by_idno(struct store *st, const char *idno, int year)
{
	return placements_of_year(st, "SELECT " PLACEMENT_COLS " FROM placements"
				  " WHERE idno = ? AND year = ? ORDER BY id", idno, year);
}

/* -------------------------------------------------------------- materials */

int store_material_add(struct store *st, json_t *m, int64_t *id)
{
	int rc = sq_run(st, sq_prep(st,
			      "INSERT INTO materials (placement_id, kind, filename, size,"
			      " content_type, digest, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			      "ississs",
			      (int64_t)json_integer_value(json_object_get(m, "placement_id")),
			      jstr(m, "kind"), jstr(m, "filename"),
			      (int64_t)json_integer_value(json_object_get(m, "size")),
			      jstr(m, "content_type"), jstr(m, "digest"), jstr(m, "uploaded_at")));
	if (rc == STORE_OK) {
		*id = sqlite3_last_insert_rowid(st->db);
		json_object_set_new(m, "id", json_integer(*id));
	}
	return rc;
}

static json_t *material_row(sqlite3_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id",
			 (json_int_t)sqlite3_column_int64(s, 0), "kind", sq_col_text(s, 1), "filename",
			 sq_col_text(s, 2), "size", (json_int_t)sqlite3_column_int64(s, 3),
			 "content_type", sq_col_text(s, 4), "digest", sq_col_text(s, 5), "uploaded_at",
			 sq_col_text(s, 6));
}

#define MATERIAL_COLS "id, kind, filename, size, content_type, digest, uploaded_at"

json_t *store_material_list(struct store *st, int64_t placement_id)
{
	sqlite3_stmt *s = sq_prep(st,
			       "SELECT " MATERIAL_COLS " FROM materials WHERE placement_id = ?"
			       " ORDER BY id",
			       "i", placement_id);
	json_t *a = json_array();
	while (s && sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(a, material_row(s));
	sqlite3_finalize(s);
	return a;
}

json_t *store_material_get(struct store *st, int64_t placement_id, int64_t id)
{
	sqlite3_stmt *s = sq_prep(st,
			       "SELECT " MATERIAL_COLS " FROM materials WHERE placement_id = ?"
			       " AND id = ?",
			       "ii", placement_id, id);
	json_t *m = NULL;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		m = material_row(s);
	sqlite3_finalize(s);
	return m;
}

int store_material_delete(struct store *st, int64_t placement_id, int64_t id)
{
	return sq_run(st, sq_prep(st, "DELETE FROM materials WHERE placement_id = ? AND id = ?", "ii",
			    placement_id, id));
}

/* --------------------------------------------------------------- registry */

int store_import_add(struct store *st, const char *source, const char *as_of,
		     const char *digest, int64_t rows, int64_t *id)
{
	int rc = sq_run(st, sq_prep(st,
			      "INSERT INTO imports (source, as_of, digest, rows_count, created_at)"
			      " VALUES (?, ?, ?, ?, ?)",
			      "sssii", source, as_of, digest, rows, (int64_t)time(NULL)));
	if (rc == STORE_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_import_rows(struct store *st, int64_t id, int64_t rows)
{
	return sq_run(st, sq_prep(st, "UPDATE imports SET rows_count = ? WHERE id = ?", "ii", rows, id));
}

int store_import_label(struct store *st, int64_t id, char *label, size_t len)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT source, as_of FROM imports WHERE id = ?", "i", id);
	int res = STORE_NOTFOUND;
	if (s && sqlite3_step(s) == SQLITE_ROW) {
		snprintf(label, len, "%s %s", sq_col_text(s, 0), sq_col_text(s, 1));
		res = STORE_OK;
	}
	sqlite3_finalize(s);
	return s ? res : STORE_ERROR;
}

int store_registry_person_put(struct store *st, json_t *person, int64_t import_id)
{
	const char *idno = jstr(person, "idno");
	int rc = sq_run(st, sq_prep(st, "UPDATE registry_persons SET doc = ?, import_id = ? WHERE idno = ?",
			      "jis", person, import_id, idno));
	if (rc == STORE_NOTFOUND)
		rc = sq_run(st, sq_prep(st,
				  "INSERT INTO registry_persons (idno, doc, import_id) VALUES (?, ?, ?)",
				  "sji", idno, person, import_id));
	return rc;
}

json_t *store_registry_person_get(struct store *st, const char *idno)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT doc FROM registry_persons WHERE idno = ?", "s", idno);
	json_t *d = NULL;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		d = sq_col_json(s, 0);
	sqlite3_finalize(s);
	return d;
}

int store_registry_payment_add(struct store *st, const char *source, const char *idno,
			       const char *month, const char *uscc, int64_t amount_fen,
			       int64_t import_id)
{
	if (sq_run(st, sq_prep(st,
			 "DELETE FROM registry_payments WHERE source = ? AND idno = ? AND month = ?"
			 " AND import_id <> ?",
			 "sssi", source, idno, month, import_id)) == STORE_ERROR)
		return STORE_ERROR;
	return sq_run(st, sq_prep(st,
			    "INSERT INTO registry_payments (source, idno, month, uscc, amount_fen,"
			    " import_id) VALUES (?, ?, ?, ?, ?, ?)",
			    "ssssii", source, idno, month, uscc, amount_fen, import_id));
}

json_t *store_registry_payments(struct store *st, const char *source, const char *idno,
				const char *from_month, const char *to_month)
{
	sqlite3_stmt *s = sq_prep(st,
			       "SELECT month, uscc, amount_fen, import_id FROM registry_payments"
			       " WHERE source = ? AND idno = ? AND month >= ? AND month <= ?"
			       " ORDER BY month",
			       "ssss", source, idno, from_month, to_month);
	json_t *a = json_array();
	while (s && sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I}", "month", sq_col_text(s, 0),
						   "uscc", sq_col_text(s, 1), "amount_fen",
						   (json_int_t)sqlite3_column_int64(s, 2), "import_id",
						   (json_int_t)sqlite3_column_int64(s, 3)));
	sqlite3_finalize(s);
	return a;
}

/* ---------------------------------------------------------------- notices */

int store_notice_add(struct store *st, const char *uscc, const char *title, const char *body,
		     const char *created_at, int64_t *id)
{
	int rc = sq_run(st, sq_prep(st,
			      "INSERT INTO notices (uscc, title, body, created_at) VALUES (?, ?, ?, ?)",
			      "ssss", uscc, title, body, created_at));
	if (rc == STORE_OK && id)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

json_t *store_notice_list(struct store *st, int64_t user_id, const char *uscc)
{
	sqlite3_stmt *s = sq_prep(st,
			       "SELECT n.id, n.title, n.body, n.created_at,"
			       " (SELECT COUNT(*) FROM notice_reads r WHERE r.notice_id = n.id"
			       "  AND r.user_id = ?)"
			       " FROM notices n WHERE n.uscc IS NULL OR n.uscc = ?"
			       " ORDER BY n.created_at DESC, n.id DESC",
			       "is", user_id, uscc ? uscc : "");
	json_t *a = json_array();
	while (s && sqlite3_step(s) == SQLITE_ROW)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:b}", "id",
						   (json_int_t)sqlite3_column_int64(s, 0), "title",
						   sq_col_text(s, 1), "body", sq_col_text(s, 2),
						   "created_at", sq_col_text(s, 3), "read",
						   sqlite3_column_int(s, 4) > 0));
	sqlite3_finalize(s);
	return a;
}

int store_notice_read(struct store *st, int64_t user_id, const char *uscc, int64_t id)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT 1 FROM notices WHERE id = ? AND (uscc IS NULL OR uscc = ?)",
			       "is", id, uscc ? uscc : "");
	if (!s)
		return STORE_ERROR;
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	if (!found)
		return STORE_NOTFOUND;
	int rc = sq_run(st, sq_prep(st, "INSERT INTO notice_reads (notice_id, user_id) VALUES (?, ?)", "ii",
			      id, user_id));
	return rc == STORE_CONFLICT ? STORE_OK : rc;
}

/* ------------------------------------------------------------ idempotency */

int store_idem_get(struct store *st, int64_t user_id, const char *key, int *status, char **body)
{
	sqlite3_stmt *s = sq_prep(st,
			       "SELECT status, body FROM idempotency WHERE user_id = ? AND idem_key = ?"
			       " AND created_at > ?",
			       "isi", user_id, key, (int64_t)time(NULL) - 24 * 3600);
	int res = STORE_NOTFOUND;
	if (!s)
		return STORE_ERROR;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*status = sqlite3_column_int(s, 0);
		*body = strdup(sq_col_text(s, 1));
		res = *body ? STORE_OK : STORE_ERROR;
	}
	sqlite3_finalize(s);
	return res;
}

int store_idem_put(struct store *st, int64_t user_id, const char *key, int status,
		   const char *body, int64_t now)
{
	/* Keys older than a day are forgotten (an expired key may be reused). */
	sq_run(st, sq_prep(st,
			   "DELETE FROM idempotency WHERE created_at <= ?"
			   " OR (user_id = ? AND idem_key = ?)",
			   "iis", now - 24 * 3600, user_id, key));
	return sq_run(st, sq_prep(st,
			    "INSERT INTO idempotency (user_id, idem_key, status, body, created_at)"
			    " VALUES (?, ?, ?, ?, ?)",
			    "isisi", user_id, key, (int64_t)status, body, now));
}

/* ------------------------------------------------------------------ audit */

int store_audit(struct store *st, int64_t user_id, const char *ip, const char *entity,
		const char *entity_id, const char *action, json_t *before, json_t *after)
{
	char at[32];
	time_t now = time(NULL) + 8 * 3600; /* Asia/Shanghai, no DST */
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", &tm);
	return sq_run(st, sq_prep(st,
			    "INSERT INTO audit (at, user_id, ip, entity, entity_id, action,"
			    " before_doc, after_doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			    "sissssjj", at, user_id, ip, entity, entity_id, action, before, after));
}
