/* store — opening the store, its schema version and migrations, transactions,
 * backup, and the helpers every store_*.c file shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

int st_rc(int db_rc)
{
	switch (db_rc) {
	case DB_OK:
	case DB_DONE:
		return STORE_OK;
	case DB_CONSTRAINT:
		return STORE_CONFLICT;
	default:
		return STORE_ERROR;
	}
}

int st_change(struct store *st, struct db_stmt *s)
{
	int rc = db_run(s);
	if (rc != DB_OK)
		return st_rc(rc);
	return db_changes(st->db) > 0 ? STORE_OK : STORE_NOTFOUND;
}

const char *st_like_contains(const char *q, char *buf, size_t len)
{
	size_t n = 0;
	if (!q)
		return NULL;
	buf[n++] = '%';
	for (const char *c = q; *c && n + 3 < len; c++) {
		if (*c == '%' || *c == '_' || *c == '!')
			buf[n++] = '!';
		buf[n++] = *c;
	}
	buf[n++] = '%';
	buf[n] = '\0';
	return buf;
}

json_t *st_col_json_str(struct db_stmt *s, int i)
{
	const char *t = db_col_text(s, i);
	return t ? json_string(t) : json_null();
}

void st_col_copy(struct db_stmt *s, int i, char *buf, size_t len)
{
	const char *t = db_col_str(s, i);
	size_t n = strnlen(t, len - 1);
	memcpy(buf, t, n);
	buf[n] = '\0';
}

const char *store_errmsg(struct store *st)
{
	return db_errmsg(st->db);
}

const char *store_name(struct store *st)
{
	return db_name(st->db);
}

int store_retryable(struct store *st)
{
	return db_retryable(st->db);
}

int store_open(struct store **out, const char *target, const struct region_table *regions,
	       char *err, size_t errlen)
{
	int have, latest;
	struct store *st = calloc(1, sizeof *st);
	*out = NULL;
	if (!st) {
		snprintf(err, errlen, "out of memory");
		return STORE_ERROR;
	}
	st->regions = regions;
	if (db_open(&st->db, target, err, errlen) != DB_OK) {
		free(st);
		return STORE_ERROR;
	}
	if (store_schema(st, &have, &latest) != STORE_OK) {
		snprintf(err, errlen, "%s: %s", store_name(st), store_errmsg(st));
		store_close(st);
		return STORE_ERROR;
	}
	if (have > latest) {
		snprintf(err, errlen,
			 "%s has schema version %d, newer than this anzhid (%s) knows (%d):"
			 " run the anzhid that wrote it, or a newer one",
			 store_name(st), have, ANZHI_VERSION, latest);
		store_close(st);
		return STORE_ERROR;
	}
	*out = st;
	return STORE_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_close(st->db);
	free(st);
}

int store_schema(struct store *st, int *have, int *latest)
{
	*latest = db_latest_version(st->db);
	return st_rc(db_schema_version(st->db, have));
}

int store_migrate(struct store *st)
{
	int have, n;
	const struct migration *m = db_migrations(st->db, &n);
	if (db_schema_version(st->db, &have) != DB_OK)
		return STORE_ERROR;
	for (int i = 0; i < n; i++) {
		if (m[i].number <= have)
			continue;
		if (db_begin(st->db) != DB_OK)
			return STORE_ERROR;
		if (db_exec(st->db, m[i].sql) != DB_OK ||
		    db_set_schema_version(st->db, m[i].number) != DB_OK) {
			char keep[400];
			snprintf(keep, sizeof keep, "migration %d: %.380s", m[i].number,
				 db_errmsg(st->db));
			db_rollback(st->db);
			db_fail(st->db, "%s", keep);
			return STORE_ERROR;
		}
		if (db_commit(st->db) != DB_OK)
			return STORE_ERROR;
	}
	return STORE_OK;
}

int store_backup(struct store *st, const char *path, char *err, size_t errlen)
{
	return db_backup(st->db, path, err, errlen) == DB_OK ? STORE_OK : STORE_ERROR;
}

int store_begin(struct store *st)
{
	return st_rc(db_begin(st->db));
}

int store_commit(struct store *st)
{
	return st_rc(db_commit(st->db));
}

void store_rollback(struct store *st)
{
	db_rollback(st->db);
}

void st_region_levels(const struct store *st, const char *code, char city[7], char province[7])
{
	snprintf(city, 7, "%s", code);
	snprintf(province, 7, "%s", code);
	if (!st->regions || !regions_find(st->regions, code))
		return;
	for (const char *c = code; c; c = regions_parent(st->regions, c)) {
		int level = regions_level(st->regions, c);
		if (level == 2)
			snprintf(city, 7, "%s", c);
		if (level == 1)
			snprintf(province, 7, "%s", c);
	}
}

static const char count_sql_unit[] =
	"INSERT INTO unit_counts (unit_id, year, status, n) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (unit_id, year, status) DO UPDATE SET n = unit_counts.n + excluded.n";
static const char count_sql_region[] =
	"INSERT INTO region_counts (region, year, status, n) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (region, year, status) DO UPDATE SET n = region_counts.n + excluded.n";
static const char count_sql_overview[] =
	"INSERT INTO region_overview (region, year, key, n) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (region, year, key) DO UPDATE SET n = region_overview.n + excluded.n";

/* Adds delta under key at each of a region's three levels (a code repeated
 * at two levels — a 盟市 that is its own county — counts once). */
static int levels_add(struct store *st, const char *sql, const char *const regions[3], int year,
		      const char *key, int64_t delta)
{
	for (int i = 0; i < 3; i++) {
		if (i > 0 && strcmp(regions[i], regions[i - 1]) == 0)
			continue;
		if (db_run(db_q(st->db, sql, "sisi", regions[i], (int64_t)year, key, delta)) != DB_OK)
			return STORE_ERROR;
	}
	return STORE_OK;
}

int st_region_count_add(struct store *st, const char *const regions[3], int year, int key,
			int64_t delta)
{
	return levels_add(st, count_sql_region, regions, year,
			  status_key_name((enum status_key)key), delta);
}

int st_overview_add(struct store *st, const char *const regions[3], int year, const char *key,
		    int64_t delta)
{
	return delta ? levels_add(st, count_sql_overview, regions, year, key, delta) : STORE_OK;
}

static int count_add(struct store *st, int64_t unit_id, int year, const char *const regions[3],
		     int key, int64_t delta)
{
	if (db_run(db_q(st->db, count_sql_unit, "iisi", unit_id, (int64_t)year,
			status_key_name((enum status_key)key), delta)) != DB_OK)
		return STORE_ERROR;
	return st_region_count_add(st, regions, year, key, delta);
}

/* The lower status key first, whichever way the placement moves: two
 * writers moving opposite ways lock the counter rows in the same order
 * (PostgreSQL), so one waits for the other instead of a deadlock. */
int st_counts_move(struct store *st, int64_t unit_id, int year, const char *const regions[3],
		   int from, int to)
{
	if (from == to)
		return STORE_OK;
	int first = from < to ? from : to, second = from < to ? to : from;
	if (first >= 0 && count_add(st, unit_id, year, regions, first, first == from ? -1 : 1) !=
			       STORE_OK)
		return STORE_ERROR;
	if (count_add(st, unit_id, year, regions, second, second == from ? -1 : 1) != STORE_OK)
		return STORE_ERROR;
	return STORE_OK;
}

int st_unit_levels(struct store *st, int64_t unit_id, char levels[3][7])
{
	struct db_stmt *s = db_q(st->db,
		"SELECT federation_region, region_city, region_province FROM units WHERE id = ?", "i",
		unit_id);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	for (int i = 0; rc == DB_ROW && i < 3; i++)
		st_col_copy(s, i, levels[i], 7);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int st_year_totals_add(struct store *st, int64_t unit_id, int year, int64_t confirmed,
		       int64_t counted)
{
	char lv[3][7];
	if (st_unit_levels(st, unit_id, lv) != STORE_OK)
		return STORE_ERROR;
	const char *const regions[3] = { lv[0], lv[1], lv[2] };
	if (db_run(db_q(st->db,
		"INSERT INTO declarations (unit_id, year, status, months_confirmed, months_counted,"
		" version, region_county, region_city, region_province) VALUES (?, ?, 'open', ?, ?,"
		" 0, ?, ?, ?) ON CONFLICT (unit_id, year) DO UPDATE SET"
		" months_confirmed = declarations.months_confirmed + excluded.months_confirmed,"
		" months_counted = declarations.months_counted + excluded.months_counted",
		"iiiisss", unit_id, (int64_t)year, confirmed, counted, lv[0], lv[1], lv[2])) != DB_OK)
		return STORE_ERROR;
	if (st_overview_add(st, regions, year, "months_confirmed", confirmed) != STORE_OK ||
	    st_overview_add(st, regions, year, "months_counted", counted) != STORE_OK)
		return STORE_ERROR;
	return STORE_OK;
}
