/* store_units — units (单位基本信息) as columns, their declarations (年审申报)
 * with the year's totals, and the header counts per unit and per region. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

/* The UNIT's text fields, in column order (the unit table's columns after id). */
static const char *const unit_text[] = {
	"uscc", "name", "tax_no", "org_code", "kind", "economic_type", "industry",
	"federation_region", "tax_region", "admin_region", "legal_name", "legal_idno",
	"legal_phone", "phone", "contact_name", "contact_phone", "business_address",
	"registered_address",
};
#define N_TEXT (sizeof unit_text / sizeof unit_text[0])
static const char *const bank_keys[] = { "payee", "account", "bank" };

#define UNIT_COLS                                                                        \
	"uscc, name, tax_no, org_code, kind, economic_type, industry, federation_region,"    \
	" tax_region, admin_region, legal_name, legal_idno, legal_phone, phone, contact_name," \
	" contact_phone, business_address, registered_address, staff_last_year, bank_payee," \
	" bank_account, bank_name, wage_area_class, version"

#define REF_COLS "id, uscc, name, federation_region, region_city, region_province," \
		 " wage_area_class, version"

static int ref_one(struct db_stmt *s, struct unit_ref *u)
{
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		memset(u, 0, sizeof *u);
		u->id = db_col_int(s, 0);
		st_col_copy(s, 1, u->uscc, sizeof u->uscc);
		st_col_copy(s, 2, u->name, sizeof u->name);
		st_col_copy(s, 3, u->federation_region, sizeof u->federation_region);
		st_col_copy(s, 4, u->region_city, sizeof u->region_city);
		st_col_copy(s, 5, u->region_province, sizeof u->region_province);
		u->wage_area_class = (int)db_col_int(s, 6);
		u->version = db_col_int(s, 7);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_unit_ref(struct store *st, const char *uscc, struct unit_ref *u)
{
	return ref_one(db_q(st->db, ST_LOCKING(st, "SELECT " REF_COLS " FROM units WHERE uscc = ?"),
			    "s", uscc), u);
}

int store_unit_ref_by_id(struct store *st, int64_t id, struct unit_ref *u)
{
	return ref_one(db_q(st->db, ST_LOCKING(st, "SELECT " REF_COLS " FROM units WHERE id = ?"),
			    "i", id), u);
}

json_t *store_unit_get(struct store *st, const char *uscc)
{
	struct db_stmt *s = db_q(st->db, "SELECT " UNIT_COLS " FROM units WHERE uscc = ?", "s", uscc);
	json_t *u = NULL;
	if (s && db_step(s) == DB_ROW) {
		u = json_object();
		for (size_t i = 0; i < N_TEXT; i++)
			json_object_set_new(u, unit_text[i], json_string(db_col_str(s, (int)i)));
		json_object_set_new(u, "staff_last_year", json_integer(db_col_int(s, N_TEXT)));
		json_t *bank = json_object();
		for (int i = 0; i < 3; i++)
			json_object_set_new(bank, bank_keys[i],
					    json_string(db_col_str(s, (int)N_TEXT + 1 + i)));
		json_object_set_new(u, "bank", bank);
		if (!db_col_null(s, N_TEXT + 4))
			json_object_set_new(u, "wage_area_class",
					    json_integer(db_col_int(s, N_TEXT + 4)));
		json_object_set_new(u, "version", json_integer(db_col_int(s, N_TEXT + 5)));
	}
	db_done(s);
	return u;
}

static const char *jtext(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* The region columns derived from a unit's federation region; they live in
 * the caller until the statement has run (db.h: bound text is not copied). */
struct levels {
	char city[7], province[7];
};

/* Binds the UNIT's fields as ?1…?23 (UNIT_COLS without version), then the
 * derived region columns as ?24, ?25. */
static int bind_unit(struct store *st, struct db_stmt *s, const json_t *unit, struct levels *lv)
{
	const json_t *bank = json_object_get(unit, "bank");
	const json_t *area = json_object_get(unit, "wage_area_class");
	int rc = DB_OK;
	for (size_t i = 0; i < N_TEXT && rc == DB_OK; i++)
		rc = db_bind_text(s, (int)i + 1, jtext(unit, unit_text[i]));
	if (rc == DB_OK)
		rc = db_bind_int(s, N_TEXT + 1,
				 json_integer_value(json_object_get(unit, "staff_last_year")));
	for (int i = 0; i < 3 && rc == DB_OK; i++)
		rc = db_bind_text(s, (int)N_TEXT + 2 + i, jtext(bank, bank_keys[i]));
	if (rc == DB_OK)
		rc = json_is_integer(area) ? db_bind_int(s, N_TEXT + 5, json_integer_value(area))
					   : db_bind_null(s, N_TEXT + 5);
	st_region_levels(st, jtext(unit, "federation_region"), lv->city, lv->province);
	if (rc == DB_OK)
		rc = db_bind_text(s, N_TEXT + 6, lv->city);
	if (rc == DB_OK)
		rc = db_bind_text(s, N_TEXT + 7, lv->province);
	return rc;
}

int store_unit_insert(struct store *st, json_t *unit, int64_t *id)
{
	struct db_stmt *s = db_sql(st->db,
		"INSERT INTO units (" UNIT_COLS ", region_city, region_province) VALUES (?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id");
	struct levels lv;
	if (!s)
		return STORE_ERROR;
	if (bind_unit(st, s, unit, &lv) != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int rc = db_step(s);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc != DB_ROW)
		return st_rc(rc);
	json_object_set_new(unit, "version", json_integer(1));
	return STORE_OK;
}

/* A unit moved to another federation region: its placements' region columns
 * and the region counts follow. */
static int move_region(struct store *st, int64_t unit_id, const struct unit_ref *old)
{
	struct unit_ref now;
	if (store_unit_ref_by_id(st, unit_id, &now) != STORE_OK)
		return STORE_ERROR;
	if (strcmp(now.federation_region, old->federation_region) == 0)
		return STORE_OK;
	const char *const from[3] = { old->federation_region, old->region_city,
				      old->region_province };
	const char *const to[3] = { now.federation_region, now.region_city, now.region_province };
	/* the placements first: their rows locked, the counts read below are
	 * the ones no other writer is still moving */
	if (db_run(db_q(st->db,
			"UPDATE placements SET region_county = ?, region_city = ?, region_province = ?"
			" WHERE unit_id = ?",
			"sssi", now.federation_region, now.region_city, now.region_province,
			unit_id)) != DB_OK)
		return STORE_ERROR;
	struct db_stmt *s = db_q(st->db,
				 "SELECT year, status, n FROM unit_counts WHERE unit_id = ?"
				 " ORDER BY year, status FOR UPDATE",
				 "i", unit_id);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int year = (int)db_col_int(s, 0), key = status_key_of(db_col_str(s, 1), "");
		int64_t n = db_col_int(s, 2);
		if (key >= 0 && (st_region_count_add(st, from, year, key, -n) != STORE_OK ||
				 st_region_count_add(st, to, year, key, n) != STORE_OK))
			rc = DB_ERROR;
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_unit_update(struct store *st, json_t *unit)
{
	struct unit_ref old;
	json_int_t v = json_integer_value(json_object_get(unit, "version"));
	int rc = store_unit_ref(st, jtext(unit, "uscc"), &old);
	if (rc != STORE_OK)
		return rc;
	if (old.version != v)
		return STORE_NOTFOUND;
	struct db_stmt *s = db_sql(st->db,
		"UPDATE units SET uscc = ?, name = ?, tax_no = ?, org_code = ?, kind = ?,"
		" economic_type = ?, industry = ?, federation_region = ?, tax_region = ?,"
		" admin_region = ?, legal_name = ?, legal_idno = ?, legal_phone = ?, phone = ?,"
		" contact_name = ?, contact_phone = ?, business_address = ?, registered_address = ?,"
		" staff_last_year = ?, bank_payee = ?, bank_account = ?, bank_name = ?,"
		" wage_area_class = ?, region_city = ?, region_province = ?, version = version + 1"
		" WHERE id = ? AND version = ?");
	struct levels lv;
	if (!s)
		return STORE_ERROR;
	if (bind_unit(st, s, unit, &lv) != DB_OK || db_bind_int(s, N_TEXT + 8, old.id) != DB_OK ||
	    db_bind_int(s, N_TEXT + 9, v) != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	rc = st_change(st, s);
	if (rc == STORE_OK)
		rc = move_region(st, old.id, &old);
	if (rc == STORE_OK)
		json_object_set_new(unit, "version", json_integer(v + 1));
	return rc;
}

int store_unit_any(struct store *st, int *any)
{
	int64_t one = 0;
	int rc = db_one_int(db_sql(st->db, "SELECT 1 FROM units LIMIT 1"), &one);
	*any = rc == DB_ROW;
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ----------------------------------------------------------- declarations */

int store_year_get(struct store *st, int64_t unit_id, int year, struct year_row *y)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT status, submitted_at, reviewed_at, review_reason, months_confirmed,"
		" months_counted, version FROM declarations WHERE unit_id = ? AND year = ?",
		"ii", unit_id, (int64_t)year);
	memset(y, 0, sizeof *y);
	snprintf(y->status, sizeof y->status, "open");
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		st_col_copy(s, 0, y->status, sizeof y->status);
		st_col_copy(s, 1, y->submitted_at, sizeof y->submitted_at);
		st_col_copy(s, 2, y->reviewed_at, sizeof y->reviewed_at);
		st_col_copy(s, 3, y->review_reason, sizeof y->review_reason);
		y->months_confirmed = db_col_int(s, 4);
		y->months_counted = db_col_int(s, 5);
		y->version = db_col_int(s, 6);
	}
	db_done(s);
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_year_set_status(struct store *st, int64_t unit_id, int year, const char *status,
			  const char *submitted_at, const char *reviewed_at, const char *reason)
{
	if (st_year_totals_add(st, unit_id, year, 0, 0) != STORE_OK)
		return STORE_ERROR;
	return st_change(st, db_q(st->db,
		"UPDATE declarations SET status = ?, submitted_at = ?, reviewed_at = ?,"
		" review_reason = ?, version = version + 1 WHERE unit_id = ? AND year = ?",
		"ssssii", status, submitted_at, reviewed_at, reason, unit_id, (int64_t)year));
}

static int counts_read(struct db_stmt *s, struct status_counts *c)
{
	memset(c, 0, sizeof *c);
	if (!s)
		return STORE_ERROR;
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *key = db_col_str(s, 0);
		for (int k = 0; k < SK__COUNT; k++)
			if (strcmp(status_key_name((enum status_key)k), key) == 0)
				c->n[k] = db_col_int(s, 1);
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_unit_counts(struct store *st, int64_t unit_id, int year, struct status_counts *c)
{
	return counts_read(db_q(st->db, "SELECT status, n FROM unit_counts WHERE unit_id = ?"
				" AND year = ?", "ii", unit_id, (int64_t)year), c);
}

int store_region_counts(struct store *st, const char *region, int year, struct status_counts *c)
{
	return counts_read(db_q(st->db, "SELECT status, n FROM region_counts WHERE region = ?"
				" AND year = ?", "si", region, (int64_t)year), c);
}
