/* store_batch — reads for work over many placements at once (the re-check
 * after an import): one statement per kind of row for up to STORE_BATCH
 * placements or persons, `IN (?, …)` lists of a fixed length (unused places
 * bound to NULL, which matches nothing), instead of a statement per
 * placement per kind. */
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "server/store_int.h"

#define Q8 "?, ?, ?, ?, ?, ?, ?, ?"
#define IN_LIST "(" Q8 ", " Q8 ", " Q8 ", " Q8 ", " Q8 ", " Q8 ", " Q8 ", " Q8 ")"
_Static_assert(STORE_BATCH == 64, "IN_LIST has STORE_BATCH places");

/* Binds ids (n of them) from parameter first on, NULL in the rest of the list. */
static int bind_ids(struct db_stmt *s, int first, const int64_t *ids, int n)
{
	int rc = DB_OK;
	for (int i = 0; i < STORE_BATCH && rc == DB_OK; i++)
		rc = i < n ? db_bind_int(s, first + i, ids[i]) : db_bind_null(s, first + i);
	return rc;
}

static int bind_texts(struct db_stmt *s, int first, const char *const *texts, int n)
{
	int rc = DB_OK;
	for (int i = 0; i < STORE_BATCH && rc == DB_OK; i++)
		rc = i < n ? db_bind_text(s, first + i, texts[i]) : db_bind_null(s, first + i);
	return rc;
}

/* The statement for sql with ids bound, or NULL. */
static struct db_stmt *with_ids(struct store *st, const char *sql, const int64_t *ids, int n)
{
	struct db_stmt *s = n > 0 && n <= STORE_BATCH ? db_sql(st->db, sql) : NULL;
	if (s && bind_ids(s, 1, ids, n) != DB_OK) {
		db_done(s);
		return NULL;
	}
	if (!s && n > STORE_BATCH)
		db_fail(st->db, "a batch of %d (at most %d)", n, STORE_BATCH);
	return s;
}

/* ids ascending: where id is (binary search), or -1. */
static int index_of(const int64_t *ids, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (ids[mid] == id)
			return mid;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Runs s (rows that begin with a placement id) and hands each row to fn
 * with the placement it belongs to. */
static int each_row(const int64_t *ids, int n, struct placement *out, struct db_stmt *s,
		    void (*fn)(struct db_stmt *s, struct placement *p))
{
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int i = index_of(ids, n, db_col_int(s, 0));
		if (i >= 0 && out[i].id)
			fn(s, &out[i]);
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

static void add_contract(struct db_stmt *s, struct placement *p)
{
	json_array_append_new(p->contracts, st_contract_json(s, 1));
}

static void add_certificate(struct db_stmt *s, struct placement *p)
{
	json_array_append_new(p->certificates, st_certificate_json(s, 1));
}

static void add_month(struct db_stmt *s, struct placement *p)
{
	st_month_row(s, 1, p);
}

static void add_item(struct db_stmt *s, struct placement *p)
{
	st_item_row(s, 1, p);
}

int store_placements_load_many(struct store *st, const int64_t *ids, int n,
			       struct placement *out, int *area)
{
	struct st_labels labels = { 0 };
	for (int i = 0; i < n; i++) {
		placement_init(&out[i]);
		out[i].contracts = json_array();
		out[i].certificates = json_array();
		area[i] = 0;
	}
	/* in a write, locked as store_placement_load locks one */
	struct db_stmt *s = with_ids(st, ST_LOCKING(st,
		"SELECT p.id, u.wage_area_class, " ST_ROW_COLS " FROM placements p"
		" JOIN units u ON u.id = p.unit_id JOIN persons n ON n.placement_id = p.id"
		" WHERE p.id IN " IN_LIST " ORDER BY p.id"), ids, n);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int i = index_of(ids, n, db_col_int(s, 0));
		if (i < 0)
			continue;
		out[i].id = ids[i];
		area[i] = (int)db_col_int(s, 1);
		st_placement_row(s, 2, &out[i]);
	}
	db_done(s);
	int res = rc == DB_DONE ? STORE_OK : STORE_ERROR;
	if (res == STORE_OK)
		res = each_row(ids, n, out, with_ids(st,
			"SELECT placement_id, " ST_CONTRACT_COLS " FROM contracts"
			" WHERE placement_id IN " IN_LIST " ORDER BY placement_id, seq", ids, n),
			add_contract);
	if (res == STORE_OK)
		res = each_row(ids, n, out, with_ids(st,
			"SELECT placement_id, " ST_CERTIFICATE_COLS " FROM certificates"
			" WHERE placement_id IN " IN_LIST " ORDER BY placement_id, seq", ids, n),
			add_certificate);
	if (res == STORE_OK)
		res = each_row(ids, n, out, with_ids(st,
			"SELECT m.placement_id, " ST_MONTH_COLS " FROM placement_months m"
			" WHERE m.placement_id IN " IN_LIST " ORDER BY m.placement_id, m.month",
			ids, n), add_month);
	if (res == STORE_OK)
		res = each_row(ids, n, out, with_ids(st,
			"SELECT placement_id, " ST_ITEM_COLS " FROM dispatch_items"
			" WHERE placement_id IN " IN_LIST, ids, n), add_item);
	for (int i = 0; i < n && res == STORE_OK; i++)
		if (out[i].id) {
			st_items_settle(&out[i]);
			res = st_months_label(st, &out[i], &labels);
		}
	if (res != STORE_OK)
		for (int i = 0; i < n; i++)
			placement_free(&out[i]);
	return res;
}

/* One person's months in the payments' statement: RANGES has STORE_BATCH of
 * them (unused ones bound to NULL). */
#define RANGE "(idno = ? AND month >= ? AND month <= ?)"
#define R8 RANGE " OR " RANGE " OR " RANGE " OR " RANGE " OR " RANGE " OR " RANGE " OR " RANGE \
	   " OR " RANGE
#define RANGES R8 " OR " R8 " OR " R8 " OR " R8 " OR " R8 " OR " R8 " OR " R8 " OR " R8

int store_payments_many(struct store *st, const struct store_months *who, int n,
			store_payment_fn fn, void *arg)
{
	struct db_stmt *s = n > 0 && n <= STORE_BATCH ? db_sql(st->db,
		"SELECT idno, month, source, payer, amount_fen, import_id FROM registry_payments"
		" WHERE " RANGES " ORDER BY idno, month, source") : NULL;
	int rc = s ? DB_OK : DB_ERROR;
	for (int i = 0; i < STORE_BATCH && rc == DB_OK; i++) {
		int p = 3 * i + 1;
		if (i >= n)
			rc = db_bind_null(s, p) == DB_OK && db_bind_null(s, p + 1) == DB_OK
				? db_bind_null(s, p + 2) : DB_ERROR;
		else
			rc = db_bind_text(s, p, who[i].idno) == DB_OK &&
				db_bind_int(s, p + 1, who[i].from_ym) == DB_OK
				? db_bind_int(s, p + 2, who[i].to_ym) : DB_ERROR;
	}
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t src = db_col_int(s, 2) - 1;
		if (src < 0 || src >= SOURCE__COUNT)
			continue;
		struct registry_payment p = { .source = (enum registry_source)src,
					      .ym = (int)db_col_int(s, 1),
					      .fen = db_col_int(s, 4),
					      .import_id = db_col_int(s, 5) };
		st_col_copy(s, 3, p.payer, sizeof p.payer);
		fn(arg, db_col_str(s, 0), &p);
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_confirmed_many(struct store *st, const char *const *idnos, int n, int year,
			 store_confirmed_fn fn, void *arg)
{
	/* in a write, every placement of these persons is locked first (as
	 * store_confirmed_elsewhere does for one) */
	struct db_stmt *s;
	if (db_locks_rows(st->db)) {
		s = db_sql(st->db, "SELECT id FROM placements WHERE idno IN " IN_LIST
			   " AND year = ? ORDER BY id FOR UPDATE");
		if (!s || bind_texts(s, 1, idnos, n) != DB_OK ||
		    db_bind_int(s, STORE_BATCH + 1, year) != DB_OK || db_run(s) != DB_OK) {
			if (s)
				db_done(s);
			return STORE_ERROR;
		}
	}
	s = db_sql(st->db,
		"SELECT p.idno, p.unit_id, m.month FROM placements p"
		" JOIN placement_months m ON m.placement_id = p.id"
		" WHERE p.idno IN " IN_LIST " AND p.year = ? AND m.result IN ('system', 'valid')");
	if (!s || bind_texts(s, 1, idnos, n) != DB_OK ||
	    db_bind_int(s, STORE_BATCH + 1, year) != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int rc;
	while ((rc = db_step(s)) == DB_ROW)
		fn(arg, db_col_str(s, 0), db_col_int(s, 1), (int)db_col_int(s, 2));
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_material_kinds_many(struct store *st, const int64_t *ids, int n, unsigned *kinds)
{
	struct db_stmt *s = with_ids(st, "SELECT placement_id, kind FROM materials"
				     " WHERE placement_id IN " IN_LIST, ids, n);
	int rc = s ? DB_ROW : DB_ERROR;
	memset(kinds, 0, (size_t)n * sizeof *kinds);
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		enum material_kind k;
		int i = index_of(ids, n, db_col_int(s, 0));
		if (i >= 0 && checks_material_parse(db_col_str(s, 1), &k))
			kinds[i] |= 1u << k;
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_lists_locked_many(struct store *st, const int64_t *ids, int n, unsigned char *locked)
{
	memset(locked, 0, (size_t)n);
	struct db_stmt *s = with_ids(st,
		"SELECT p.id, d.status FROM placements p"
		" JOIN declarations d ON d.unit_id = p.unit_id AND d.year = p.year"
		" WHERE p.id IN " IN_LIST, ids, n);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int i = index_of(ids, n, db_col_int(s, 0));
		if (i >= 0)
			locked[i] = wire_declaration_locks_list(wire_declaration_parse(db_col_text(s, 1)));
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}
