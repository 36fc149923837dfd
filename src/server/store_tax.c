/* store_tax — tax records (发送税务): one per sending, current until an
 * accepted feedback reopens its year (then withdrawn, kept for the tax
 * bureau's sake). The overview counts the current ones and their levy. */
#include <stdio.h>
#include <string.h>

#include "server/store_int.h"

static int levy_count(struct store *st, int64_t unit_id, int year, int64_t sign, int64_t fen)
{
	char lv[3][7];
	if (st_unit_levels(st, unit_id, lv) != STORE_OK)
		return STORE_ERROR;
	const char *const regions[3] = { lv[0], lv[1], lv[2] };
	if (st_overview_add(st, regions, year, "tax_records", sign) != STORE_OK ||
	    st_overview_add(st, regions, year, "levy_fen", sign * fen) != STORE_OK)
		return STORE_ERROR;
	return STORE_OK;
}

int store_tax_add(struct store *st, struct tax_row *t, const struct unit_ref *u)
{
	int64_t id;
	struct db_stmt *s = db_sql(st->db,
		"INSERT INTO tax_records (unit_id, year, uscc, unit_name, tax_region, unit_kind, staff,"
		" months_confirmed, months_counted, placed_persons, wages_fen, avg_wage_fen,"
		" social_avg_wage_fen, social_avg_wage_example, wage_cap_multiple, wage_used_fen,"
		" levy_fen, exempt, factor, steps, policy_version, status, sent_at, sent_by_name,"
		" region_county, region_city, region_province) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?, ?, ?, ?, ?) RETURNING id");
	int i = 1, rc = s ? DB_OK : DB_ERROR;
	if (s) {
		rc |= db_bind_int(s, i++, u->id);
		rc |= db_bind_int(s, i++, t->year);
		rc |= db_bind_text(s, i++, u->uscc);
		rc |= db_bind_text(s, i++, u->name);
		rc |= db_bind_text(s, i++, t->tax_region);
		rc |= db_bind_text(s, i++, t->unit_kind);
		rc |= db_bind_int(s, i++, t->staff);
		rc |= db_bind_int(s, i++, t->months_confirmed);
		rc |= db_bind_int(s, i++, t->months_counted);
		rc |= db_bind_text(s, i++, t->placed_persons);
		rc |= db_bind_int(s, i++, t->wages_fen);
		rc |= db_bind_int(s, i++, t->avg_wage_fen);
		rc |= t->has_social_avg ? db_bind_int(s, i++, t->social_avg_wage_fen)
					: db_bind_null(s, i++);
		rc |= db_bind_int(s, i++, t->social_avg_wage_example);
		rc |= db_bind_int(s, i++, t->wage_cap_multiple);
		rc |= db_bind_int(s, i++, t->wage_used_fen);
		rc |= db_bind_int(s, i++, t->levy_fen);
		rc |= db_bind_int(s, i++, t->exempt);
		rc |= db_bind_text(s, i++, t->factor);
		rc |= db_bind_text(s, i++, t->steps);
		rc |= db_bind_text(s, i++, t->policy_version);
		rc |= db_bind_text(s, i++, t->sent_at);
		rc |= db_bind_text(s, i++, t->sent_by);
		rc |= db_bind_text(s, i++, u->federation_region);
		rc |= db_bind_text(s, i++, u->region_city);
		rc |= db_bind_text(s, i, u->region_province);
	}
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	rc = db_one_int(s, &id);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	t->id = id;
	t->unit_id = u->id;
	t->status = TAX_RECORD_CURRENT;
	snprintf(t->uscc, sizeof t->uscc, "%s", u->uscc);
	snprintf(t->unit_name, sizeof t->unit_name, "%s", u->name);
	return levy_count(st, u->id, t->year, 1, t->levy_fen);
}

int store_tax_withdraw(struct store *st, int64_t unit_id, int year, const char *at)
{
	int64_t id, fen;
	struct db_stmt *s = db_q(st->db, ST_LOCKING(st,
		"SELECT id, levy_fen FROM tax_records WHERE unit_id = ? AND year = ?"
		" AND status = 'current'"), "ii", unit_id, (int64_t)year);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	id = rc == DB_ROW ? db_col_int(s, 0) : 0;
	fen = rc == DB_ROW ? db_col_int(s, 1) : 0;
	db_done(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	rc = st_change(st, db_q(st->db,
		"UPDATE tax_records SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?", "si", at,
		id));
	return rc == STORE_OK ? levy_count(st, unit_id, year, -1, fen) : rc;
}

#define TAX_COLS                                                                      \
	"id, unit_id, year, uscc, unit_name, tax_region, unit_kind, staff, months_confirmed,"  \
	" months_counted, placed_persons, wages_fen, avg_wage_fen, social_avg_wage_fen,"      \
	" social_avg_wage_example, wage_cap_multiple, wage_used_fen, levy_fen, exempt, factor," \
	" steps, policy_version, status, sent_at, sent_by_name, withdrawn_at"

static void tax_read(struct db_stmt *s, struct tax_row *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(s, 0);
	t->unit_id = db_col_int(s, 1);
	t->year = (int)db_col_int(s, 2);
	st_col_copy(s, 3, t->uscc, sizeof t->uscc);
	st_col_copy(s, 4, t->unit_name, sizeof t->unit_name);
	st_col_copy(s, 5, t->tax_region, sizeof t->tax_region);
	st_col_copy(s, 6, t->unit_kind, sizeof t->unit_kind);
	t->staff = db_col_int(s, 7);
	t->months_confirmed = db_col_int(s, 8);
	t->months_counted = db_col_int(s, 9);
	st_col_copy(s, 10, t->placed_persons, sizeof t->placed_persons);
	t->wages_fen = db_col_int(s, 11);
	t->avg_wage_fen = db_col_int(s, 12);
	t->has_social_avg = !db_col_null(s, 13);
	t->social_avg_wage_fen = db_col_int(s, 13);
	t->social_avg_wage_example = (int)db_col_int(s, 14);
	t->wage_cap_multiple = (int)db_col_int(s, 15);
	t->wage_used_fen = db_col_int(s, 16);
	t->levy_fen = db_col_int(s, 17);
	t->exempt = (int)db_col_int(s, 18);
	st_col_copy(s, 19, t->factor, sizeof t->factor);
	st_col_copy(s, 20, t->steps, sizeof t->steps);
	st_col_copy(s, 21, t->policy_version, sizeof t->policy_version);
	t->status = wire_tax_record_status_parse(db_col_text(s, 22));
	st_col_copy(s, 23, t->sent_at, sizeof t->sent_at);
	st_col_copy(s, 24, t->sent_by, sizeof t->sent_by);
	st_col_copy(s, 25, t->withdrawn_at, sizeof t->withdrawn_at);
}

#define PAGE_SQL(pred)                                                                 \
	"SELECT " TAX_COLS " FROM tax_records WHERE " pred " year = ? AND id > ?"          \
	" ORDER BY id LIMIT ?"

static const struct {
	const char *column, *sql;
} scopes[] = {
	{ NULL, PAGE_SQL("") },
	{ "region_province", PAGE_SQL("region_province = ? AND") },
	{ "region_city", PAGE_SQL("region_city = ? AND") },
	{ "region_county", PAGE_SQL("region_county = ? AND") },
};

int store_tax_page(struct store *st, const struct tax_query *q,
		   int (*fn)(void *arg, const struct tax_row *t), void *arg, int64_t *next_id)
{
	size_t k = 0;
	for (size_t i = 1; i < sizeof scopes / sizeof scopes[0] && q->region_column; i++)
		if (strcmp(scopes[i].column, q->region_column) == 0)
			k = i;
	struct db_stmt *s = db_sql(st->db, scopes[k].sql);
	int i = 1, rc = s ? DB_OK : DB_ERROR;
	if (s && k)
		rc |= db_bind_text(s, i++, q->region);
	if (s) {
		rc |= db_bind_int(s, i++, q->year);
		rc |= db_bind_int(s, i++, q->after_id);
		rc |= db_bind_int(s, i, (int64_t)q->limit + 1);
	}
	*next_id = 0;
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	struct tax_row row;
	int n = 0, step;
	int64_t last_id = 0;
	while ((step = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) {
			*next_id = last_id;
			break;
		}
		tax_read(s, &row);
		last_id = row.id;
		if (fn(arg, &row) != 0) {
			step = DB_ERROR;
			break;
		}
	}
	db_done(s);
	return step == DB_ROW || step == DB_DONE ? STORE_OK : STORE_ERROR;
}
