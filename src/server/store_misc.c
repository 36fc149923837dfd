/* store_misc — materials (资料) of a placement and the append-only audit
 * (notices: store_notices.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/checks.h"
#include "server/store_int.h"

/* -------------------------------------------------------------- materials */

static const char *jtext(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* The queue shows how many materials a placement has: kept beside it. */
static int materials_count(struct store *st, int64_t placement_id, int64_t delta)
{
	return st_rc(db_run(db_q(st->db,
		"UPDATE placements SET materials = materials + ? WHERE id = ?", "ii", delta,
		placement_id)));
}

static int placement_unit(struct store *st, int64_t placement_id, int64_t *unit_id)
{
	int rc = db_one_int(db_q(st->db, "SELECT unit_id FROM placements WHERE id = ?", "i",
				placement_id), unit_id);
	if (rc == DB_DONE)
		db_fail(st->db, "no placement %lld", (long long)placement_id);
	return rc == DB_ROW ? STORE_OK : STORE_ERROR;
}

int store_material_add(struct store *st, int64_t placement_id, json_t *m, int64_t *id)
{
	int64_t size = (int64_t)json_integer_value(json_object_get(m, "size")), unit_id;
	int rc = placement_unit(st, placement_id, &unit_id);
	if (rc != STORE_OK || st_blob_hold(st, jtext(m, "digest"), unit_id, size) != STORE_OK)
		return STORE_ERROR;
	struct db_stmt *s = db_q(st->db,
		"INSERT INTO materials (placement_id, kind, filename, size, content_type, digest,"
		" uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"ississs", placement_id, jtext(m, "kind"), jtext(m, "filename"), size,
		jtext(m, "content_type"), jtext(m, "digest"), jtext(m, "uploaded_at"));
	rc = db_one_int(s, id);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	json_object_set_new(m, "id", json_integer(*id));
	return materials_count(st, placement_id, 1);
}

#define MATERIAL_COLS "id, kind, filename, size, content_type, digest, uploaded_at"

static json_t *material_row(struct db_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(s, 0),
			 "kind", db_col_str(s, 1), "filename", db_col_str(s, 2), "size",
			 (json_int_t)db_col_int(s, 3), "content_type", db_col_str(s, 4), "digest",
			 db_col_str(s, 5), "uploaded_at", db_col_str(s, 6));
}

json_t *store_material_list(struct store *st, int64_t placement_id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " MATERIAL_COLS " FROM materials WHERE placement_id = ? ORDER BY id", "i",
		placement_id);
	json_t *a = json_array();
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(a, material_row(s));
	db_done(s);
	return a;
}

json_t *store_material_get(struct store *st, int64_t placement_id, int64_t id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " MATERIAL_COLS " FROM materials WHERE placement_id = ? AND id = ?", "ii",
		placement_id, id);
	json_t *m = NULL;
	if (s && db_step(s) == DB_ROW)
		m = material_row(s);
	db_done(s);
	return m;
}

int store_material_delete(struct store *st, int64_t placement_id, int64_t id)
{
	char digest[129];
	struct db_stmt *s = db_q(st->db,
		"DELETE FROM materials WHERE placement_id = ? AND id = ? RETURNING digest, size", "ii",
		placement_id, id);
	int rc = s ? db_step(s) : DB_ERROR;
	int64_t size = 0, unit_id;
	if (rc == DB_ROW) {
		st_col_copy(s, 0, digest, sizeof digest);
		size = db_col_int(s, 1);
		rc = db_step(s); /* (one row at most) */
	} else if (rc == DB_DONE) {
		db_done(s);
		return STORE_NOTFOUND;
	}
	db_done(s);
	if (rc != DB_DONE || placement_unit(st, placement_id, &unit_id) != STORE_OK ||
	    st_blob_release(st, digest, unit_id, size) != STORE_OK)
		return STORE_ERROR;
	return materials_count(st, placement_id, -1);
}

int store_material_kinds(struct store *st, int64_t placement_id, unsigned *kinds)
{
	struct db_stmt *s = db_q(st->db, "SELECT kind FROM materials WHERE placement_id = ?", "i",
				 placement_id);
	int rc = s ? DB_ROW : DB_ERROR;
	*kinds = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		enum material_kind k;
		if (checks_material_parse(db_col_str(s, 0), &k))
			*kinds |= 1u << k;
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
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
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	int rc = st_rc(db_run(db_q(st->db,
		"INSERT INTO audit (at, user_id, ip, entity, entity_id, action, before_doc, after_doc)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		"sissssss", at, user_id, ip, entity, entity_id, action, b, a)));
	free(b);
	free(a);
	return rc;
}
