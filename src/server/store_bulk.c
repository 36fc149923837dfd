/* store_bulk — what the seeder needs beyond store.h's per-change writes:
 * payments inserted as they come (the store is empty, nothing to replace),
 * and the counters set once from the loader's tallies. */
#include "server/store_int.h"

int store_bulk_mode(struct store *st, int on)
{
	db_defer(st->db, on);
	if (on && db_one_int(db_sql(st->db, "SELECT COALESCE(MAX(id), 0) FROM placements"),
			     &st->bulk_last_id) != DB_ROW)
		return STORE_ERROR;
	return st_rc(db_bulk(st->db, on));
}

void store_defer(struct store *st, int on)
{
	db_defer(st->db, on);
}

int store_analyze(struct store *st)
{
	return st_rc(db_analyze(st->db));
}

/* Payments go in rows of eight per statement: one step instead of eight. */
#define PAY_INSERT "INSERT INTO registry_payments (idno, month, source, payer, amount_fen," \
		   " import_id) VALUES "
#define PAY_ROW "(?, ?, ?, ?, ?, ?)"
#define PAY_ROWS_4 PAY_ROW ", " PAY_ROW ", " PAY_ROW ", " PAY_ROW
static const char pay_sql_1[] = PAY_INSERT PAY_ROW;
static const char pay_sql_8[] = PAY_INSERT PAY_ROWS_4 ", " PAY_ROWS_4;

int store_bulk_payments(struct store *st, const char *idno, const struct registry_payment *pays,
			int n)
{
	for (int i = 0; i < n;) {
		int rows = n - i >= 8 ? 8 : 1;
		struct db_stmt *s = db_sql(st->db, rows == 8 ? pay_sql_8 : pay_sql_1);
		int rc = s ? DB_OK : DB_ERROR;
		for (int r = 0; r < rows && rc == DB_OK; r++, i++) {
			const struct registry_payment *p = &pays[i];
			int c = 6 * r + 1;
			if (db_bind_text(s, c, idno) != DB_OK || db_bind_int(s, c + 1, p->ym) != DB_OK ||
			    db_bind_int(s, c + 2, (int64_t)p->source + 1) != DB_OK ||
			    db_bind_text(s, c + 3, p->payer) != DB_OK ||
			    db_bind_int(s, c + 4, p->fen) != DB_OK ||
			    db_bind_int(s, c + 5, p->import_id) != DB_OK)
				rc = DB_ERROR;
		}
		if (rc != DB_OK) {
			db_done(s);
			return STORE_ERROR;
		}
		if (db_send(s) != DB_OK)
			return STORE_ERROR;
	}
	return STORE_OK;
}

static int set_counts(struct store *st, const char *sql, const char *key_type, int64_t unit_id,
		      const char *region, int year, const struct status_counts *c)
{
	for (int k = 0; k < SK__COUNT; k++) {
		if (!c->n[k])
			continue;
		struct db_stmt *s = key_type[0] == 'i'
			? db_q(st->db, sql, "iisi", unit_id, (int64_t)year,
			       status_key_name((enum status_key)k), c->n[k])
			: db_q(st->db, sql, "sisi", region, (int64_t)year,
			       status_key_name((enum status_key)k), c->n[k]);
		if (db_send(s) != DB_OK)
			return STORE_ERROR;
	}
	return STORE_OK;
}

int store_bulk_unit_totals(struct store *st, int64_t unit_id, int year,
			   const struct status_counts *c, int64_t confirmed, int64_t counted)
{
	if (set_counts(st, "INSERT INTO unit_counts (unit_id, year, status, n) VALUES (?, ?, ?, ?)",
		       "i", unit_id, NULL, year, c) != STORE_OK)
		return STORE_ERROR;
	return st_year_totals_add(st, unit_id, year, confirmed, counted);
}

int store_bulk_region_counts(struct store *st, const char *region, int year,
			     const struct status_counts *c)
{
	return set_counts(st, "INSERT INTO region_counts (region, year, status, n) VALUES (?, ?, ?, ?)",
			  "s", 0, region, year, c);
}
