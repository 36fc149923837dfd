/* store_units — units (单位基本信息) as columns, the figures a declaration
 * needs of them, and the header counts per unit and per region. (The
 * declarations are store_decl.c's.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "server/jsonw.h"
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
	" bank_account, bank_name, wage_area_class, wages_last_year_fen, institution_category,"   \
	" concentrated, vat_refund, version"

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

/* 上年度在职职工工资总额: a money string, null while not entered. */
static json_t *wages_json(struct db_stmt *s, int col)
{
	char text[32];
	if (db_col_null(s, col))
		return json_null();
	money_format_fen(db_col_int(s, col), text, sizeof text);
	return json_string(text);
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
		json_object_set_new(u, "wages_last_year", wages_json(s, N_TEXT + 5));
		json_object_set_new(u, "institution_category", st_col_json_str(s, N_TEXT + 6));
		json_object_set_new(u, "concentrated", json_boolean(db_col_int(s, N_TEXT + 7)));
		json_object_set_new(u, "vat_refund", json_boolean(db_col_int(s, N_TEXT + 8)));
		json_object_set_new(u, "version", json_integer(db_col_int(s, N_TEXT + 9)));
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

/* Binds the UNIT's fields as ?1…?27 (UNIT_COLS without version), then the
 * derived region columns as ?28, ?29. wages_last_year comes normalised
 * (wire_unit_validate) as a money string or absent. */
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
	int64_t fen;
	const char *wages = json_string_value(json_object_get(unit, "wages_last_year"));
	if (rc == DB_OK)
		rc = wages && money_parse_fen(wages, "wages_last_year", &fen, NULL)
			     ? db_bind_int(s, N_TEXT + 6, fen)
			     : db_bind_null(s, N_TEXT + 6);
	if (rc == DB_OK) /* NULL when absent or null */
		rc = db_bind_text(s, N_TEXT + 7,
				  json_string_value(json_object_get(unit, "institution_category")));
	if (rc == DB_OK)
		rc = db_bind_int(s, N_TEXT + 8, json_is_true(json_object_get(unit, "concentrated")));
	if (rc == DB_OK)
		rc = db_bind_int(s, N_TEXT + 9, json_is_true(json_object_get(unit, "vat_refund")));
	st_region_levels(st, jtext(unit, "federation_region"), lv->city, lv->province);
	if (rc == DB_OK)
		rc = db_bind_text(s, N_TEXT + 10, lv->city);
	if (rc == DB_OK)
		rc = db_bind_text(s, N_TEXT + 11, lv->province);
	return rc;
}

int store_unit_insert(struct store *st, json_t *unit, int64_t *id)
{
	struct db_stmt *s = db_sql(st->db,
		"INSERT INTO units (" UNIT_COLS ", region_city, region_province) VALUES (?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id");
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
	const char *const regions[3] = { jtext(unit, "federation_region"), lv.city, lv.province };
	if (st_overview_add(st, regions, 0, "units", 1) != STORE_OK)
		return STORE_ERROR;
	json_object_set_new(unit, "version", json_integer(1));
	return STORE_OK;
}

/* A unit moved to another federation region: its placements' and
 * applications' region columns, the region counts and the overview
 * (declarations, requests, tax records) follow. */
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
		int year = (int)db_col_int(s, 0), key = status_key_parse(db_col_str(s, 1));
		int64_t n = db_col_int(s, 2);
		if (key >= 0 && (st_region_count_add(st, from, year, key, -n) != STORE_OK ||
				 st_region_count_add(st, to, year, key, n) != STORE_OK))
			rc = DB_ERROR;
	}
	db_done(s);
	if (rc != DB_DONE || st_overview_unit_moved(st, unit_id, from, to) != STORE_OK)
		return STORE_ERROR;
	/* its reward and graduate applications are listed in its new region */
	return st_rc(db_run(db_q(st->db,
		"UPDATE applications SET region_county = ?, region_city = ?, region_province = ?"
		" WHERE unit_id = ?",
		"sssi", now.federation_region, now.region_city, now.region_province, unit_id)));
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
		" wage_area_class = ?, wages_last_year_fen = ?, institution_category = ?,"
		" concentrated = ?, vat_refund = ?, region_city = ?, region_province = ?,"
		" version = version + 1 WHERE id = ? AND version = ?");
	struct levels lv;
	if (!s)
		return STORE_ERROR;
	if (bind_unit(st, s, unit, &lv) != DB_OK || db_bind_int(s, N_TEXT + 12, old.id) != DB_OK ||
	    db_bind_int(s, N_TEXT + 13, v) != DB_OK) {
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

int store_unit_figures(struct store *st, int64_t unit_id, struct unit_figures *f)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT kind, tax_region, staff_last_year, wages_last_year_fen FROM units WHERE id = ?",
		"i", unit_id);
	memset(f, 0, sizeof *f);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		st_col_copy(s, 0, f->kind, sizeof f->kind);
		st_col_copy(s, 1, f->tax_region, sizeof f->tax_region);
		f->staff_last_year = db_col_int(s, 2);
		f->has_wages = !db_col_null(s, 3);
		f->wages_last_year_fen = db_col_int(s, 3);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_unit_any(struct store *st, int *any)
{
	int64_t one = 0;
	int rc = db_one_int(db_sql(st->db, "SELECT 1 FROM units LIMIT 1"), &one);
	*any = rc == DB_ROW;
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ------------------------------------------------------------ unit search */

#define SEARCH_COLS                                                                        \
	"id, uscc, name, kind, federation_region, tax_region, admin_region, staff_last_year, version"
/* Name or USCC patterns filter the scope's index range (kept in id order):
 * no index answers "the name holds 宏达", as for the queue's unit filter. */
#define SEARCH_SCOPE(level, col)                                                          \
	{ level, "SELECT " SEARCH_COLS " FROM units WHERE " col " = ? AND id > ?"              \
	         " AND (name LIKE ? ESCAPE '!' OR uscc LIKE ? ESCAPE '!') ORDER BY id LIMIT ?" }

static const struct {
	const char *column, *sql;
} search_scopes[] = {
	SEARCH_SCOPE("region_province", "region_province"),
	SEARCH_SCOPE("region_city", "region_city"),
	SEARCH_SCOPE("region_county", "federation_region"), /* a county's units */
};

static void unit_item(struct jw *w, struct db_stmt *s)
{
	jw_object(w);
	jw_kstr(w, "uscc", db_col_str(s, 1));
	jw_kstr(w, "name", db_col_str(s, 2));
	jw_kstr(w, "kind", db_col_str(s, 3));
	jw_kstr(w, "federation_region", db_col_str(s, 4));
	jw_kstr(w, "tax_region", db_col_str(s, 5));
	jw_kstr(w, "admin_region", db_col_str(s, 6));
	jw_kint(w, "staff_last_year", db_col_int(s, 7));
	jw_kint(w, "version", db_col_int(s, 8));
	jw_end(w);
}

int store_unit_page(struct store *st, const struct unit_query *q, struct jw *items,
		    int64_t *next_id)
{
	struct db_stmt *s = NULL;
	*next_id = 0;
	if (q->uscc) {
		s = db_q(st->db, "SELECT " SEARCH_COLS " FROM units WHERE uscc = ? AND id > ?",
			 "si", q->uscc, q->after_id);
	} else {
		for (size_t i = 0; i < sizeof search_scopes / sizeof search_scopes[0]; i++)
			if (q->region_column && strcmp(search_scopes[i].column, q->region_column) == 0)
				s = db_q(st->db, search_scopes[i].sql, "sissi", q->region, q->after_id,
					 q->name_like ? q->name_like : "%",
					 q->uscc_like ? q->uscc_like : "%", (int64_t)q->limit + 1);
	}
	if (!s)
		return STORE_ERROR;
	int n = 0, rc;
	int64_t last = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) {
			*next_id = last;
			break;
		}
		last = db_col_int(s, 0);
		unit_item(items, s);
	}
	db_done(s);
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ----------------------------------------------------------------- counts */

static int counts_read(struct db_stmt *s, struct status_counts *c)
{
	memset(c, 0, sizeof *c);
	if (!s)
		return STORE_ERROR;
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int k = status_key_parse(db_col_str(s, 0));
		if (k >= 0)
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
