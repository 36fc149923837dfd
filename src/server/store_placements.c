/* store_placements — one placement as rows: the placements row (what lists
 * show, with the totals), its person, contracts and certificates, and one
 * placement_months row per registered month. Every write moves the unit's and
 * regions' counts and the year's totals by the difference, in the caller's
 * transaction. The months' rows are read and written in store_months.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "server/store_int.h"

static const char *jtext(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* NULL for a JSON null or absent key (nullable columns). */
static const char *jnullable(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* ---------------------------------------------------------------- reading */


static json_t *person_json(struct db_stmt *s, int c)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:s, s:b, s:o}", "idno",
			 db_col_str(s, c), "name", db_col_str(s, c + 1), "gender",
			 db_col_str(s, c + 2), "birth", db_col_str(s, c + 3), "hukou_type",
			 st_col_json_str(s, c + 4), "hukou_region", db_col_str(s, c + 5),
			 "hukou_address", db_col_str(s, c + 6), "phone", db_col_str(s, c + 7),
			 "education", st_col_json_str(s, c + 8), "guardian_name",
			 db_col_str(s, c + 9), "guardian_phone", db_col_str(s, c + 10), "graduate",
			 (int)db_col_int(s, c + 11), "retire_group", st_col_json_str(s, c + 12));
}

void st_placement_row(struct db_stmt *s, int c, struct placement *p)
{
	p->unit_id = db_col_int(s, c);
	st_col_copy(s, c + 1, p->uscc, sizeof p->uscc);
	p->year = (int)db_col_int(s, c + 2);
	p->version = db_col_int(s, c + 3);
	p->status = wire_placement_status_parse(db_col_text(s, c + 4));
	p->confirmed_by = wire_confirmed_by_parse(db_col_text(s, c + 5));
	p->months_registered = (int)db_col_int(s, c + 6);
	p->months_confirmed = (int)db_col_int(s, c + 7);
	p->months_counted = (int)db_col_int(s, c + 8);
	p->months_rejected = (int)db_col_int(s, c + 9);
	p->months_pending = (int)db_col_int(s, c + 10);
	p->needs = (unsigned)db_col_int(s, c + 11);
	st_col_copy(s, c + 12, p->submitted_at, sizeof p->submitted_at);
	st_col_copy(s, c + 13, p->confirmed_at, sizeof p->confirmed_at);
	p->person = person_json(s, c + 14);
}

static int load_row(struct store *st, int64_t id, struct placement *p)
{
	/* in a write: the placement, its unit and person locked (store_int.h) */
	struct db_stmt *s = db_q(st->db, ST_LOCKING(st,
		"SELECT " ST_ROW_COLS " FROM placements p JOIN units u ON u.id = p.unit_id"
		" JOIN persons n ON n.placement_id = p.id WHERE p.id = ?"),
		"i", id);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		p->id = id;
		st_placement_row(s, 0, p);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

json_t *st_contract_json(struct db_stmt *s, int c)
{
	return json_pack("{s:I, s:b, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o}", "id",
			 (json_int_t)db_col_int(s, c), "dispatch", (int)db_col_int(s, c + 1),
			 "relation", db_col_str(s, c + 2), "type", db_col_str(s, c + 3), "start",
			 db_col_str(s, c + 4), "end", st_col_json_str(s, c + 5), "post",
			 db_col_str(s, c + 6), "monthly_wage", db_col_str(s, c + 7),
			 "dispatch_agency", st_col_json_str(s, c + 8), "si_unit",
			 st_col_json_str(s, c + 9), "mi_unit", st_col_json_str(s, c + 10));
}

json_t *st_certificate_json(struct db_stmt *s, int c)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:s, s:o}", "id", (json_int_t)db_col_int(s, c),
			 "type", db_col_str(s, c + 1), "number", db_col_str(s, c + 2), "category",
			 (json_int_t)db_col_int(s, c + 3), "level", (json_int_t)db_col_int(s, c + 4),
			 "valid_from", db_col_str(s, c + 5), "valid_to", st_col_json_str(s, c + 6));
}

/* Appends each row's object (made by from, at column 0) to *array. */
static int load_list(struct db_stmt *s, json_t **array, json_t *(*from)(struct db_stmt *, int))
{
	int rc = s ? DB_ROW : DB_ERROR;
	*array = json_array();
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		json_array_append_new(*array, from(s, 0));
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_placement_load(struct store *st, int64_t id, struct placement *p)
{
	struct st_labels labels = { 0 };
	placement_init(p);
	int rc = load_row(st, id, p);
	if (rc == STORE_OK)
		rc = load_list(db_q(st->db, "SELECT " ST_CONTRACT_COLS " FROM contracts"
				    " WHERE placement_id = ? ORDER BY seq", "i", id),
			       &p->contracts, st_contract_json);
	if (rc == STORE_OK)
		rc = load_list(db_q(st->db, "SELECT " ST_CERTIFICATE_COLS " FROM certificates"
				    " WHERE placement_id = ? ORDER BY seq", "i", id),
			       &p->certificates, st_certificate_json);
	if (rc == STORE_OK)
		rc = st_months_load(st, p, &labels);
	if (rc == STORE_OK)
		rc = st_items_load(st, p);
	if (rc != STORE_OK)
		placement_free(p);
	return rc;
}

/* ---------------------------------------------------------------- writing */

/* Sent with db_send: a loader's rows go without a round trip each. */
static int write_details(struct store *st, const struct placement *p, int replace)
{
	const json_t *n = p->person;
	size_t i;
	json_t *c;
	if (replace &&
	    (db_run(db_q(st->db, "DELETE FROM contracts WHERE placement_id = ?", "i", p->id)) != DB_OK ||
	     db_run(db_q(st->db, "DELETE FROM certificates WHERE placement_id = ?", "i", p->id)) !=
		     DB_OK ||
	     db_run(db_q(st->db, "DELETE FROM persons WHERE placement_id = ?", "i", p->id)) != DB_OK))
		return STORE_ERROR;
	if (db_send(db_q(st->db,
			"INSERT INTO persons (placement_id, name, gender, birth, hukou_type,"
			" hukou_region, hukou_address, phone, education, guardian_name, guardian_phone,"
			" graduate, retire_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"issssssssssis", p->id, jtext(n, "name"), jtext(n, "gender"), jtext(n, "birth"),
			jnullable(n, "hukou_type"), jtext(n, "hukou_region"),
			jtext(n, "hukou_address"), jtext(n, "phone"), jnullable(n, "education"),
			jtext(n, "guardian_name"), jtext(n, "guardian_phone"),
			(int64_t)json_is_true(json_object_get(n, "graduate")),
			jnullable(n, "retire_group"))) != DB_OK)
		return STORE_ERROR;
	json_array_foreach(p->contracts, i, c)
		if (db_send(db_q(st->db,
				"INSERT INTO contracts (placement_id, seq, id, dispatch, relation, type,"
				" start_date, end_date, post, monthly_wage, dispatch_agency, si_unit,"
				" mi_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				"iiiisssssssss", p->id, (int64_t)i,
				(int64_t)json_integer_value(json_object_get(c, "id")),
				(int64_t)json_is_true(json_object_get(c, "dispatch")), jtext(c, "relation"),
				jtext(c, "type"), jtext(c, "start"), jnullable(c, "end"), jtext(c, "post"),
				jtext(c, "monthly_wage"), jnullable(c, "dispatch_agency"),
				jnullable(c, "si_unit"), jnullable(c, "mi_unit"))) != DB_OK)
			return STORE_ERROR;
	json_array_foreach(p->certificates, i, c)
		if (db_send(db_q(st->db,
				"INSERT INTO certificates (placement_id, seq, id, type, number, category,"
				" level, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				"iiissiiss", p->id, (int64_t)i,
				(int64_t)json_integer_value(json_object_get(c, "id")),
				jtext(c, "type"), jtext(c, "number"),
				(int64_t)json_integer_value(json_object_get(c, "category")),
				(int64_t)json_integer_value(json_object_get(c, "level")),
				jtext(c, "valid_from"), jnullable(c, "valid_to"))) != DB_OK)
			return STORE_ERROR;
	return STORE_OK;
}

/* What the list shows of the person, masked once at write time. */
struct masks {
	char name[3 * 96 + 1], idno[64], cert[64];
};

static void make_masks(const struct placement *p, struct masks *m)
{
	m->cert[0] = '\0';
	mask_name(jtext(p->person, "name"), m->name, sizeof m->name);
	mask_idno(jtext(p->person, "idno"), m->idno, sizeof m->idno);
	if (json_array_size(p->certificates) > 0)
		mask_certno(jtext(json_array_get(p->certificates, 0), "number"), m->cert,
			    sizeof m->cert);
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *status_word(const struct placement *p)
{
	return wire_placement_status_word(p->status);
}

static const char *confirmed_by_word(const struct placement *p)
{
	return or_null(wire_confirmed_by_word(p->confirmed_by));
}

#define INSERT_COLS                                                                        \
	"unit_id, year, idno, name_masked, idno_masked, cert_no_masked, status, confirmed_by," \
	" months_registered, months_confirmed, months_counted, months_rejected,"               \
	" months_pending, needs, materials, submitted_at, confirmed_at, region_province,"      \
	" region_city, region_county, version"
#define INSERT_VALUES "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 1"

/* A seed hands out ids itself (an empty store: after the largest one), so
 * that its rows need not wait for the database to name each placement. */
static const char insert_sql[] =
	"INSERT INTO placements (" INSERT_COLS ") VALUES (" INSERT_VALUES ") RETURNING id";
static const char insert_bulk_sql[] =
	"INSERT INTO placements (" INSERT_COLS ", id) VALUES (" INSERT_VALUES ", ?)";

/* The rows of a new placement; the counters move only when counted. */
static int insert(struct store *st, struct placement *p, const struct unit_ref *u, int counted)
{
	struct masks m;
	make_masks(p, &m);
	struct db_stmt *s = db_q(st->db, counted ? insert_sql : insert_bulk_sql,
		"iissssssiiiiiisssss", u->id, (int64_t)p->year, jtext(p->person, "idno"), m.name,
		m.idno, m.cert, status_word(p), confirmed_by_word(p), (int64_t)p->months_registered,
		(int64_t)p->months_confirmed, (int64_t)p->months_counted, (int64_t)p->months_rejected,
		(int64_t)p->months_pending, (int64_t)p->needs, p->submitted_at,
		or_null(p->confirmed_at), u->region_province, u->region_city, u->federation_region);
	if (!s)
		return STORE_ERROR;
	int rc;
	if (counted) {
		rc = db_step(s);
		if (rc == DB_ROW)
			p->id = db_col_int(s, 0);
		db_done(s);
		rc = rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
	} else {
		p->id = ++st->bulk_last_id;
		rc = db_bind_int(s, 20, p->id);
		rc = rc == DB_OK ? db_send(s) : (db_done(s), rc);
	}
	if (rc != DB_OK)
		return st_rc(rc);
	p->unit_id = u->id;
	p->version = 1;
	snprintf(p->uscc, sizeof p->uscc, "%s", u->uscc);
	const char *const regions[3] = { u->federation_region, u->region_city, u->region_province };
	p->items_dirty = 1;
	if (write_details(st, p, 0) != STORE_OK || st_months_write(st, p, 0) != STORE_OK ||
	    st_items_write(st, p) != STORE_OK)
		return STORE_ERROR;
	if (counted &&
	    (st_counts_move(st, u->id, p->year, regions, -1,
			    status_key_of(p->status, p->confirmed_by)) != STORE_OK ||
	     st_year_totals_add(st, u->id, p->year, p->months_confirmed, p->months_counted) !=
		     STORE_OK))
		return STORE_ERROR;
	p->details_dirty = p->months_dirty = 0;
	return STORE_OK;
}

int store_placement_insert(struct store *st, struct placement *p, const struct unit_ref *u)
{
	return insert(st, p, u, 1);
}

int store_bulk_placement(struct store *st, struct placement *p, const struct unit_ref *u)
{
	return insert(st, p, u, 0);
}

/* The stored state a change moves the counts from. */
struct stored {
	int64_t version, unit_id;
	int year, key;
	int64_t confirmed, counted;
	char regions[3][7];
};

static int read_stored(struct store *st, int64_t id, struct stored *o)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT version, unit_id, year, status, confirmed_by, months_confirmed, months_counted,"
		" region_county, region_city, region_province FROM placements WHERE id = ?",
		"i", id);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		o->version = db_col_int(s, 0);
		o->unit_id = db_col_int(s, 1);
		o->year = (int)db_col_int(s, 2);
		o->key = status_key_of_words(db_col_text(s, 3), db_col_text(s, 4));
		o->confirmed = db_col_int(s, 5);
		o->counted = db_col_int(s, 6);
		for (int i = 0; i < 3; i++)
			st_col_copy(s, 7 + i, o->regions[i], sizeof o->regions[i]);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

static int move_totals(struct store *st, const struct stored *o, int to_key, int64_t confirmed,
		       int64_t counted)
{
	const char *const regions[3] = { o->regions[0], o->regions[1], o->regions[2] };
	if (st_counts_move(st, o->unit_id, o->year, regions, o->key, to_key) != STORE_OK)
		return STORE_ERROR;
	if (confirmed == o->confirmed && counted == o->counted)
		return STORE_OK;
	return st_year_totals_add(st, o->unit_id, o->year, confirmed - o->confirmed,
				  counted - o->counted);
}

int store_placement_save(struct store *st, struct placement *p)
{
	struct stored o;
	struct masks m;
	int rc = read_stored(st, p->id, &o);
	if (rc != STORE_OK)
		return rc;
	if (o.version != p->version)
		return STORE_NOTFOUND;
	int key = status_key_of(p->status, p->confirmed_by);
	if (!p->details_dirty && key == o.key)
		/* the person and the status as they were: no indexed column is
		 * written (SQLite would rewrite the status indexes' entries) */
		rc = st_change(st, db_q(st->db,
			"UPDATE placements SET months_registered = ?, months_confirmed = ?,"
			" months_counted = ?, months_rejected = ?, months_pending = ?, needs = ?,"
			" confirmed_at = ?, version = version + 1 WHERE id = ? AND version = ?",
			"iiiiiisii", (int64_t)p->months_registered, (int64_t)p->months_confirmed,
			(int64_t)p->months_counted, (int64_t)p->months_rejected,
			(int64_t)p->months_pending, (int64_t)p->needs, or_null(p->confirmed_at),
			p->id, p->version));
	else {
		make_masks(p, &m);
		rc = st_change(st, db_q(st->db,
			"UPDATE placements SET name_masked = ?, idno_masked = ?, cert_no_masked = ?,"
			" status = ?, confirmed_by = ?, months_registered = ?, months_confirmed = ?,"
			" months_counted = ?, months_rejected = ?, months_pending = ?, needs = ?,"
			" confirmed_at = ?, version = version + 1 WHERE id = ? AND version = ?",
			"sssssiiiiiisii", m.name, m.idno, m.cert, status_word(p), confirmed_by_word(p),
			(int64_t)p->months_registered, (int64_t)p->months_confirmed,
			(int64_t)p->months_counted, (int64_t)p->months_rejected,
			(int64_t)p->months_pending, (int64_t)p->needs, or_null(p->confirmed_at), p->id,
			p->version));
	}
	if (rc != STORE_OK)
		return rc;
	if ((p->details_dirty && write_details(st, p, 1) != STORE_OK) ||
	    st_months_write(st, p, p->months_dirty) != STORE_OK || st_items_write(st, p) != STORE_OK ||
	    move_totals(st, &o, key, p->months_confirmed, p->months_counted) != STORE_OK)
		return STORE_ERROR;
	p->version++;
	p->details_dirty = p->months_dirty = 0;
	return STORE_OK;
}

int store_placement_delete(struct store *st, int64_t id)
{
	struct stored o;
	int rc = read_stored(st, id, &o);
	if (rc != STORE_OK)
		return rc;
	rc = st_change(st, db_q(st->db, "DELETE FROM placements WHERE id = ?", "i", id));
	if (rc != STORE_OK)
		return rc;
	return move_totals(st, &o, -1, 0, 0);
}

int store_placement_on_list(struct store *st, int64_t unit_id, int year, const char *idno,
			    int *found)
{
	int64_t one;
	int rc = db_one_int(db_q(st->db,
		"SELECT 1 FROM placements WHERE unit_id = ? AND year = ? AND idno = ?", "iis", unit_id,
		(int64_t)year, idno), &one);
	*found = rc == DB_ROW;
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_placement_ids(struct store *st, int64_t unit_id, int year, int64_t after_id,
			int64_t *ids, int max, int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT id FROM placements WHERE unit_id = ? AND year = ? AND id > ? ORDER BY id LIMIT ?",
		"iiii", unit_id, (int64_t)year, after_id, (int64_t)max);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW && *n < max)
		ids[(*n)++] = db_col_int(s, 0);
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_confirmed_elsewhere(struct store *st, const char *idno, int year, int64_t unit_id,
			      int *yms, int max, int *n)
{
	/* In a write, the person's placements at every unit are locked first
	 * (in id order): two units confirming the same person-month at once
	 * take turns, and the second sees the first (no other unit). */
	if (db_locks_rows(st->db) &&
	    db_run(db_q(st->db, "SELECT id FROM placements WHERE idno = ? AND year = ? ORDER BY id"
			" FOR UPDATE", "si", idno, (int64_t)year)) != DB_OK)
		return STORE_ERROR;
	struct db_stmt *s = db_q(st->db,
		"SELECT m.month FROM placements p JOIN placement_months m ON m.placement_id = p.id"
		" WHERE p.idno = ? AND p.year = ? AND p.unit_id <> ?"
		" AND m.result IN ('system', 'valid')",
		"sii", idno, (int64_t)year, unit_id);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		if (*n < max)
			yms[(*n)++] = (int)db_col_int(s, 0);
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}
