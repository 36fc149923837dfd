/* store_docs — sealed documents in the store: the signing keys' public
 * halves, the register of issued documents (looked up by verification code,
 * revocable), the latest file of each unit-year-kind, and the persons a
 * certification lists. */
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

int store_in_txn(struct store *st)
{
	return db_in_txn(st->db);
}

/* --------------------------------------------------------------- keys */

#define KEY_COLS "id, public_key, created_at, revoked_at"

static void key_row_read(struct db_stmt *s, struct key_row *k)
{
	st_col_copy(s, 0, k->id, sizeof k->id);
	st_col_copy(s, 1, k->public_key, sizeof k->public_key);
	st_col_copy(s, 2, k->created_at, sizeof k->created_at);
	st_col_copy(s, 3, k->revoked_at, sizeof k->revoked_at);
}

static int key_one(struct db_stmt *s, struct key_row *k)
{
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW)
		key_row_read(s, k);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_key_add(struct store *st, const struct key_row *k)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO signing_keys (id, public_key, created_at) VALUES (?, ?, ?)", "sss",
		k->id, k->public_key, k->created_at)));
}

int store_key_newest(struct store *st, struct key_row *k)
{
	return key_one(db_q(st->db,
		"SELECT " KEY_COLS " FROM signing_keys WHERE revoked_at IS NULL ORDER BY n DESC"
		" LIMIT 1", ""), k);
}

int store_key_get(struct store *st, const char *id, struct key_row *k)
{
	return key_one(db_q(st->db, "SELECT " KEY_COLS " FROM signing_keys WHERE id = ?", "s", id),
		       k);
}

int store_key_revoke(struct store *st, const char *id, const char *at)
{
	return st_change(st, db_q(st->db,
		"UPDATE signing_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", "ss",
		at, id));
}

int store_key_list(struct store *st, struct key_row *out, int max, int *n)
{
	struct db_stmt *s = db_q(st->db, "SELECT " KEY_COLS " FROM signing_keys ORDER BY n", "");
	int rc = DB_ERROR;
	*n = 0;
	while (s && (rc = db_step(s)) == DB_ROW)
		if (*n < max)
			key_row_read(s, &out[(*n)++]);
	db_done(s);
	return s && rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ---------------------------------------------------------- documents */

int store_document_add(struct store *st, const struct document_row *d)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO documents (code, kind, unit_id, year, key_id, digest, content_version,"
		" issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		"ssiissss", d->code, d->kind, d->unit_id, (int64_t)d->year, d->key_id, d->digest,
		d->content_version, d->issued_at)));
}

int store_document_get(struct store *st, const char *code, struct document_row *d)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT d.code, d.kind, d.unit_id, u.uscc, u.name, d.year, d.key_id, d.digest,"
		" d.content_version, d.issued_at, d.revoked_at, d.reason"
		" FROM documents d JOIN units u ON u.id = d.unit_id WHERE d.code = ?", "s", code);
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW) {
		memset(d, 0, sizeof *d);
		st_col_copy(s, 0, d->code, sizeof d->code);
		st_col_copy(s, 1, d->kind, sizeof d->kind);
		d->unit_id = db_col_int(s, 2);
		st_col_copy(s, 3, d->uscc, sizeof d->uscc);
		st_col_copy(s, 4, d->unit_name, sizeof d->unit_name);
		d->year = (int)db_col_int(s, 5);
		st_col_copy(s, 6, d->key_id, sizeof d->key_id);
		st_col_copy(s, 7, d->digest, sizeof d->digest);
		st_col_copy(s, 8, d->content_version, sizeof d->content_version);
		st_col_copy(s, 9, d->issued_at, sizeof d->issued_at);
		st_col_copy(s, 10, d->revoked_at, sizeof d->revoked_at);
		st_col_copy(s, 11, d->reason, sizeof d->reason);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_document_count(struct store *st, int64_t unit_id, int year, const char *kind,
			 int64_t *n)
{
	int rc = db_one_int(db_q(st->db,
		"SELECT COUNT(*) FROM documents WHERE unit_id = ? AND year = ? AND kind = ?", "iis",
		unit_id, (int64_t)year, kind), n);
	return rc == DB_ROW ? STORE_OK : STORE_ERROR;
}

int store_document_revoke(struct store *st, const char *code, const char *at,
			  const char *reason)
{
	return st_change(st, db_q(st->db,
		"UPDATE documents SET revoked_at = ?, reason = ? WHERE code = ? AND revoked_at IS NULL",
		"sss", at, reason, code));
}

int store_documents_revoke_unit(struct store *st, int64_t unit_id, int year, const char *kind,
				const char *at, const char *reason, int64_t *n)
{
	struct db_stmt *s = kind
		? db_q(st->db,
		       "UPDATE documents SET revoked_at = ?, reason = ? WHERE unit_id = ? AND year = ?"
		       " AND kind = ? AND revoked_at IS NULL", "ssiis", at, reason, unit_id,
		       (int64_t)year, kind)
		: db_q(st->db,
		       "UPDATE documents SET revoked_at = ?, reason = ? WHERE unit_id = ? AND year = ?"
		       " AND revoked_at IS NULL", "ssii", at, reason, unit_id, (int64_t)year);
	int rc = db_run(s);
	*n = rc == DB_OK ? db_changes(st->db) : 0;
	return st_rc(rc);
}

/* ------------------------------------------------------------- files */

int store_docfile_get(struct store *st, int64_t unit_id, int year, const char *kind,
		      const char *version, const char *key_id, unsigned char **pdf, size_t *len,
		      char *code, size_t codelen)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT f.pdf, f.code FROM document_files f JOIN documents d ON d.code = f.code"
		" WHERE f.unit_id = ? AND f.year = ? AND f.kind = ? AND f.content_version = ?"
		" AND f.key_id = ? AND d.revoked_at IS NULL",
		"iisss", unit_id, (int64_t)year, kind, version, key_id);
	int rc = s ? db_step(s) : DB_ERROR, out = STORE_ERROR;
	*pdf = NULL;
	*len = 0;
	if (rc == DB_ROW) {
		size_t n = 0;
		const void *b = db_col_blob(s, 0, &n);
		*pdf = malloc(n ? n : 1);
		if (*pdf) {
			memcpy(*pdf, b, n);
			*len = n;
			st_col_copy(s, 1, code, codelen);
			out = STORE_OK;
		}
	} else if (rc == DB_DONE) {
		out = STORE_NOTFOUND;
	}
	db_done(s);
	return out;
}

int store_docfile_put(struct store *st, int64_t unit_id, int year, const char *kind,
		      const char *version, const char *key_id, const char *code,
		      const unsigned char *pdf, size_t len)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO document_files (unit_id, year, kind, content_version, key_id, code, pdf)"
		" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, year, kind) DO UPDATE SET"
		" content_version = excluded.content_version, key_id = excluded.key_id,"
		" code = excluded.code, pdf = excluded.pdf",
		"iissssb", unit_id, (int64_t)year, kind, version, key_id, code, (const void *)pdf,
		len)));
}

/* ----------------------------------------------- a certification's persons */

/* Sets the months bits of each person from the confirmed month rows. */
static int cert_months(struct store *st, int64_t unit_id, int year, const int64_t *ids,
		       struct cert_person *p, size_t n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT m.placement_id, m.month FROM placement_months m"
		" JOIN placements p ON p.id = m.placement_id WHERE p.unit_id = ? AND p.year = ?"
		" AND m.result IN ('system', 'valid') ORDER BY m.placement_id, m.month",
		"ii", unit_id, (int64_t)year);
	size_t at = 0;
	int rc = DB_ERROR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		int month = (int)(db_col_int(s, 1) % 100);
		while (at < n && ids[at] < id)
			at++;
		if (at < n && ids[at] == id && month >= 1 && month <= 12)
			p[at].months |= 1u << (month - 1);
	}
	db_done(s);
	return s && rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_cert_persons(struct store *st, int64_t unit_id, int year, struct cert_person **out,
		       size_t *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT p.id, pe.name, p.idno_masked, c.type, c.category, c.level,"
		" p.months_confirmed, p.months_counted FROM placements p"
		" JOIN persons pe ON pe.placement_id = p.id"
		" LEFT JOIN certificates c ON c.placement_id = p.id AND c.seq = 0"
		" WHERE p.unit_id = ? AND p.year = ? AND p.months_confirmed > 0 ORDER BY p.id",
		"ii", unit_id, (int64_t)year);
	struct cert_person *p = NULL;
	int64_t *ids = NULL;
	size_t cap = 0;
	int rc = DB_ERROR;
	*out = NULL;
	*n = 0;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			struct cert_person *np = realloc(p, cap * sizeof *p);
			int64_t *ni = realloc(ids, cap * sizeof *ids);
			if (np)
				p = np;
			if (ni)
				ids = ni;
			if (!np || !ni) {
				rc = DB_ERROR;
				break;
			}
		}
		struct cert_person *q = &p[*n];
		memset(q, 0, sizeof *q);
		ids[*n] = db_col_int(s, 0);
		st_col_copy(s, 1, q->name, sizeof q->name);
		st_col_copy(s, 2, q->idno_masked, sizeof q->idno_masked);
		st_col_copy(s, 3, q->cert_type, sizeof q->cert_type);
		q->cert_category = (int)db_col_int(s, 4);
		q->cert_level = (int)db_col_int(s, 5);
		q->months_confirmed = (int)db_col_int(s, 6);
		q->months_counted = (int)db_col_int(s, 7);
		(*n)++;
	}
	db_done(s);
	if (!s || rc != DB_DONE ||
	    (*n && cert_months(st, unit_id, year, ids, p, *n) != STORE_OK)) {
		free(p);
		free(ids);
		*n = 0;
		return STORE_ERROR;
	}
	free(ids);
	*out = p;
	return STORE_OK;
}
