/* store_registry — registry data (外部核验数据): dated imports, the disability
 * registry's people and certificates, payments by person and month, and the
 * queue of person-months an import touched until their placements are
 * re-checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/store_int.h"

int store_import_add(struct store *st, const char *source, const char *as_of,
		     const char *digest, int64_t rows, int64_t *id)
{
	struct db_stmt *s = db_q(st->db,
		"INSERT INTO imports (source, as_of, digest, rows_count, created_at)"
		" VALUES (?, ?, ?, ?, ?) RETURNING id",
		"sssii", source, as_of, digest, rows, (int64_t)time(NULL));
	int rc = db_one_int(s, id);
	return rc == DB_ROW ? STORE_OK : st_rc(rc);
}

int store_import_rows(struct store *st, int64_t id, int64_t rows)
{
	return st_change(st, db_q(st->db, "UPDATE imports SET rows_count = ? WHERE id = ?", "ii",
				  rows, id));
}

int store_import_label(struct store *st, int64_t id, char *label, size_t len)
{
	struct db_stmt *s = db_q(st->db, "SELECT source, as_of FROM imports WHERE id = ?", "i", id);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW)
		snprintf(label, len, "%s %s", db_col_str(s, 0), db_col_str(s, 1));
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

static const char *jtext(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

int store_registry_person_put(struct store *st, const json_t *p, int64_t import_id)
{
	return st_rc(db_send(db_q(st->db,
		"INSERT INTO registry_persons (idno, name, gender, birth, hukou_type, hukou_region,"
		" hukou_address, phone, education, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (idno) DO UPDATE SET name = excluded.name, gender = excluded.gender,"
		" birth = excluded.birth, hukou_type = excluded.hukou_type,"
		" hukou_region = excluded.hukou_region, hukou_address = excluded.hukou_address,"
		" phone = excluded.phone, education = excluded.education,"
		" import_id = excluded.import_id",
		"sssssssssi", jtext(p, "idno"), jtext(p, "name"), jtext(p, "gender"),
		jtext(p, "birth"), json_string_value(json_object_get(p, "hukou_type")),
		jtext(p, "hukou_region"), jtext(p, "hukou_address"), jtext(p, "phone"),
		json_string_value(json_object_get(p, "education")), import_id)));
}

int store_bulk_registry_cert(struct store *st, const char *idno, const json_t *c,
			     int64_t import_id)
{
	return st_rc(db_send(db_q(st->db,
		"INSERT INTO registry_certificates (idno, number, type, level, category, valid_from,"
		" valid_to, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (idno, number) DO UPDATE SET type = excluded.type,"
		" level = excluded.level, category = excluded.category,"
		" valid_from = excluded.valid_from, valid_to = excluded.valid_to,"
		" import_id = excluded.import_id",
		"sssiissi", idno, jtext(c, "number"), jtext(c, "type"),
		(int64_t)json_integer_value(json_object_get(c, "level")),
		(int64_t)json_integer_value(json_object_get(c, "category")), jtext(c, "valid_from"),
		json_string_value(json_object_get(c, "valid_to")), import_id)));
}

int store_registry_cert_put(struct store *st, const char *idno, const json_t *c,
			    int64_t import_id)
{
	int64_t one;
	int rc = db_one_int(db_q(st->db, "SELECT 1 FROM registry_persons WHERE idno = ?", "s", idno),
			    &one);
	if (rc != DB_ROW)
		return rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	return store_bulk_registry_cert(st, idno, c, import_id);
}

json_t *store_registry_person_get(struct store *st, const char *idno)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT idno, name, gender, birth, hukou_type, hukou_region, hukou_address, phone,"
		" education FROM registry_persons WHERE idno = ?",
		"s", idno);
	json_t *p = NULL;
	if (s && db_step(s) == DB_ROW)
		p = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "idno",
			      db_col_str(s, 0), "name", db_col_str(s, 1), "gender", db_col_str(s, 2),
			      "birth", db_col_str(s, 3), "hukou_type", st_col_json_str(s, 4),
			      "hukou_region", db_col_str(s, 5), "hukou_address", db_col_str(s, 6),
			      "phone", db_col_str(s, 7), "education", st_col_json_str(s, 8));
	db_done(s);
	if (!p)
		return NULL;
	json_t *certs = json_array();
	json_object_set_new(p, "certificates", certs);
	s = db_q(st->db,
		 "SELECT number, type, valid_from, valid_to, level, category FROM registry_certificates"
		 " WHERE idno = ? ORDER BY number",
		 "s", idno);
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(certs,
			json_pack("{s:I, s:s, s:s, s:s, s:o, s:I, s:I}", "id",
				  (json_int_t)json_array_size(certs) + 1, "number", db_col_str(s, 0),
				  "type", db_col_str(s, 1), "valid_from", db_col_str(s, 2),
				  "valid_to", st_col_json_str(s, 3), "level",
				  (json_int_t)db_col_int(s, 4), "category",
				  (json_int_t)db_col_int(s, 5)));
	db_done(s);
	return p;
}

/* Sources are stored as 1 wages, 2 social insurance, 3 medical insurance. */
int store_registry_payment_add(struct store *st, const struct registry_payment *pay,
			       const char *idno, int recheck)
{
	int64_t src = (int64_t)pay->source + 1;
	if (db_send(db_q(st->db,
			"DELETE FROM registry_payments WHERE idno = ? AND month = ? AND source = ?"
			" AND import_id <> ?",
			"siii", idno, (int64_t)pay->ym, src, pay->import_id)) != DB_OK ||
	    db_send(db_q(st->db,
			"INSERT INTO registry_payments (idno, month, source, payer, amount_fen, import_id)"
			" VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idno, month, source, payer)"
			" DO UPDATE SET amount_fen = registry_payments.amount_fen + excluded.amount_fen",
			"siisii", idno, (int64_t)pay->ym, src, pay->payer, pay->fen,
			pay->import_id)) != DB_OK)
		return STORE_ERROR;
	if (!recheck)
		return STORE_OK;
	return st_rc(db_send(db_q(st->db,
		"INSERT INTO recheck_queue (import_id, idno, month) VALUES (?, ?, ?)"
		" ON CONFLICT (import_id, idno, month) DO NOTHING",
		"isi", pay->import_id, idno, (int64_t)pay->ym)));
}

int store_registry_payments(struct store *st, const char *idno, int from_ym, int to_ym,
			    struct registry_payment *out, int max, int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT month, source, payer, amount_fen, import_id FROM registry_payments"
		" WHERE idno = ? AND month >= ? AND month <= ? ORDER BY month, source",
		"sii", idno, (int64_t)from_ym, (int64_t)to_ym);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int64_t src = db_col_int(s, 1) - 1;
		if (*n >= max || src < 0 || src >= SOURCE__COUNT)
			continue;
		struct registry_payment *p = &out[(*n)++];
		p->ym = (int)db_col_int(s, 0);
		p->source = (enum registry_source)src;
		st_col_copy(s, 2, p->payer, sizeof p->payer);
		p->fen = db_col_int(s, 3);
		p->import_id = db_col_int(s, 4);
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ---------------------------------------------------------------- recheck */

int store_recheck_each(struct store *st, int64_t import_id,
		       int (*fn)(void *arg, int64_t placement_id, int ym, int64_t unit_id,
				 int year),
		       void *arg)
{
	/* The pairs are read out first: fn writes, and a batch may commit. */
	struct pair { int64_t id, unit_id; int ym, year; } *pairs = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *s = db_q(st->db,
		"SELECT p.id, q.month, p.unit_id, p.year FROM recheck_queue q"
		" JOIN placements p ON p.idno = q.idno AND p.year = q.month / 100"
		" JOIN placement_months m ON m.placement_id = p.id AND m.month = q.month"
		" WHERE q.import_id = ? ORDER BY p.id, q.month",
		"i", import_id);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			struct pair *np = realloc(pairs, ncap * sizeof *np);
			if (!np) {
				rc = db_fail(st->db, "out of memory");
				break;
			}
			pairs = np;
			cap = ncap;
		}
		pairs[n].id = db_col_int(s, 0);
		pairs[n].ym = (int)db_col_int(s, 1);
		pairs[n].unit_id = db_col_int(s, 2);
		pairs[n++].year = (int)db_col_int(s, 3);
	}
	db_done(s);
	int res = rc == DB_DONE ? STORE_OK : STORE_ERROR;
	for (size_t i = 0; i < n && res == STORE_OK; i++)
		if (fn(arg, pairs[i].id, pairs[i].ym, pairs[i].unit_id, pairs[i].year) != 0)
			res = STORE_ERROR;
	free(pairs);
	return res;
}

int store_recheck_defer(struct store *st, int64_t unit_id, int year, int64_t placement_id,
			unsigned months)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO recheck_deferred (unit_id, year, placement_id, months) VALUES (?, ?, ?, ?)"
		" ON CONFLICT (unit_id, year, placement_id)"
		" DO UPDATE SET months = recheck_deferred.months | excluded.months",
		"iiii", unit_id, (int64_t)year, placement_id, (int64_t)months)));
}

int store_recheck_deferred(struct store *st, int64_t unit_id, int year,
			   int (*fn)(void *arg, int64_t placement_id, unsigned months), void *arg)
{
	/* Read out first: fn writes the placements. */
	struct pair { int64_t id; unsigned months; } *pairs = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *s = db_q(st->db,
		"SELECT placement_id, months FROM recheck_deferred WHERE unit_id = ? AND year = ?"
		" ORDER BY placement_id", "ii", unit_id, (int64_t)year);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct pair *np = realloc(pairs, ncap * sizeof *np);
			if (!np) {
				rc = db_fail(st->db, "out of memory");
				break;
			}
			pairs = np;
			cap = ncap;
		}
		pairs[n].id = db_col_int(s, 0);
		pairs[n++].months = (unsigned)db_col_int(s, 1);
	}
	db_done(s);
	int res = rc == DB_DONE ? STORE_OK : STORE_ERROR;
	for (size_t i = 0; i < n && res == STORE_OK; i++)
		if (fn(arg, pairs[i].id, pairs[i].months) != 0)
			res = STORE_ERROR;
	free(pairs);
	if (res == STORE_OK && n)
		res = st_rc(db_run(db_q(st->db,
			"DELETE FROM recheck_deferred WHERE unit_id = ? AND year = ?", "ii", unit_id,
			(int64_t)year)));
	return res;
}

int store_recheck_done(struct store *st, int64_t import_id, int64_t at)
{
	if (db_run(db_q(st->db, "DELETE FROM recheck_queue WHERE import_id = ?", "i", import_id)) !=
	    DB_OK)
		return STORE_ERROR;
	return st_change(st, db_q(st->db, "UPDATE imports SET rechecked_at = ? WHERE id = ?", "ii",
				  at, import_id));
}

int store_recheck_pending(struct store *st, int64_t *import_id)
{
	int rc = db_one_int(db_sql(st->db,
		"SELECT MIN(import_id) FROM recheck_queue"), import_id);
	if (rc == DB_ROW)
		return STORE_OK;
	*import_id = 0;
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ------------------------------------------------------ look-up scope */

int store_person_placed_in(struct store *st, const char *idno, const char *region_column,
			   const char *region, int *found)
{
	static const struct {
		const char *column, *sql;
	} by[] = {
		{ "region_province",
		  "SELECT 1 FROM placements WHERE idno = ? AND region_province = ? LIMIT 1" },
		{ "region_city", "SELECT 1 FROM placements WHERE idno = ? AND region_city = ? LIMIT 1" },
		{ "region_county",
		  "SELECT 1 FROM placements WHERE idno = ? AND region_county = ? LIMIT 1" },
	};
	*found = 0;
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		if (strcmp(by[i].column, region_column) != 0)
			continue;
		int64_t one;
		int rc = db_one_int(db_q(st->db, by[i].sql, "ss", idno, region), &one);
		*found = rc == DB_ROW;
		return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
	}
	db_fail(st->db, "no region column %s", region_column);
	return STORE_ERROR;
}

/* ------------------------------------------------------ look-up budget */

/* The ring's slots are 0..budget-1, made as they are first needed. A slot
 * is claimed by setting its time from the value read to now: when another
 * instance claimed it meanwhile, nothing changes and the next round reads
 * again. */
int store_registry_budget_take(struct store *st, int64_t user_id, int budget, int64_t window,
			       int64_t now, int64_t *wait)
{
	*wait = 0;
	for (int round = 0; round < 8; round++) {
		int64_t used;
		int rc = db_one_int(db_q(st->db,
			"SELECT COUNT(*) FROM registry_budget WHERE user_id = ? AND slot < ?", "ii",
			user_id, (int64_t)budget), &used);
		if (rc != DB_ROW)
			return STORE_ERROR;
		if (used < budget) {
			rc = db_run(db_q(st->db,
				"INSERT INTO registry_budget (user_id, slot, used_at) VALUES (?, ?, ?)"
				" ON CONFLICT (user_id, slot) DO NOTHING",
				"iii", user_id, used, now));
			if (rc != DB_OK)
				return STORE_ERROR;
			if (db_changes(st->db) > 0)
				return STORE_OK;
			continue;
		}
		struct db_stmt *s = db_q(st->db,
			"SELECT slot, used_at FROM registry_budget WHERE user_id = ? AND slot < ?"
			" ORDER BY used_at, slot LIMIT 1",
			"ii", user_id, (int64_t)budget);
		if (!s || db_step(s) != DB_ROW) {
			db_done(s);
			return STORE_ERROR;
		}
		int64_t slot = db_col_int(s, 0), oldest = db_col_int(s, 1);
		db_done(s);
		if (oldest > now - window) {
			*wait = oldest + window - now;
			return STORE_CONFLICT;
		}
		if (st_change(st, db_q(st->db,
				"UPDATE registry_budget SET used_at = ?"
				" WHERE user_id = ? AND slot = ? AND used_at = ?",
				"iiii", now, user_id, slot, oldest)) == STORE_OK)
			return STORE_OK;
	}
	db_fail(st->db, "registry budget: too much contention");
	return STORE_ERROR;
}
