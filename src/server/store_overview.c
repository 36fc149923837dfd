/* store_overview — the supervisor's view of the filing season from counters
 * (region_overview: per region and year, every level of a unit's region
 * counted): units, declarations by status, months, levy, requests. Reading
 * one region costs a few index lookups, never a scan of the year; a unit
 * moved to another region takes its share along. */
#include <stdio.h>
#include <string.h>

#include "server/store_int.h"

static void overview_key(struct overview_counts *o, const char *key, int64_t n)
{
	char word[32];
	if (strcmp(key, "months_confirmed") == 0)
		o->months_confirmed = n;
	else if (strcmp(key, "months_counted") == 0)
		o->months_counted = n;
	else if (strcmp(key, "levy_fen") == 0)
		o->levy_fen = n;
	else if (strcmp(key, "tax_records") == 0)
		o->tax_records = n;
	else if (wire_declaration_parse(key) != DECLARATION_STATUS_UNKNOWN)
		o->status[wire_declaration_parse(key)] = n;
	for (int k = 0; k < REQUEST_KIND__COUNT; k++)
		for (int r = 0; r < REQUEST_STATUS__COUNT; r++) {
			snprintf(word, sizeof word, "%s_%s", st_request_kinds[k],
				 wire_request_status_word((enum request_status)r));
			if (strcmp(key, word) == 0)
				o->requests[k][r] = n;
		}
}

int store_overview(struct store *st, const char *region, int year, struct overview_counts *o)
{
	struct status_counts c;
	memset(o, 0, sizeof *o);
	struct db_stmt *s = db_q(st->db,
		"SELECT year, key, n FROM region_overview WHERE region = ? AND year IN (0, ?)", "si",
		region, (int64_t)year);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (db_col_int(s, 0) != 0)
			overview_key(o, db_col_str(s, 1), db_col_int(s, 2));
		else if (strcmp(db_col_str(s, 1), "units") == 0)
			o->units = db_col_int(s, 2);
	}
	db_done(s);
	if (rc != DB_DONE || store_region_counts(st, region, year, &c) != STORE_OK)
		return STORE_ERROR;
	for (int k = 0; k < SK__COUNT; k++)
		o->persons += c.n[k];
	int64_t declared = 0;
	for (int k = 0; k < DECLARATION_STATUS__COUNT; k++)
		if (k != DECLARATION_OPEN)
			declared += o->status[k];
	o->status[DECLARATION_OPEN] = o->units - declared;
	return STORE_OK;
}

/* One counter of the unit's, moved from its old regions to its new ones. */
static int move_key(struct store *st, const char *const from[3], const char *const to[3],
		    int year, const char *key, int64_t n)
{
	if (st_overview_add(st, from, year, key, -n) != STORE_OK ||
	    st_overview_add(st, to, year, key, n) != STORE_OK)
		return STORE_ERROR;
	return STORE_OK;
}

/* The unit's declarations: status and months per year. */
static int move_declarations(struct store *st, int64_t unit_id, const char *const from[3],
			     const char *const to[3])
{
	struct db_stmt *s = db_q(st->db,
		"SELECT year, status, months_confirmed, months_counted FROM declarations"
		" WHERE unit_id = ?", "i", unit_id);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int year = (int)db_col_int(s, 0);
		const char *status = db_col_str(s, 1);
		if ((strcmp(status, "open") != 0 && move_key(st, from, to, year, status, 1)) ||
		    move_key(st, from, to, year, "months_confirmed", db_col_int(s, 2)) ||
		    move_key(st, from, to, year, "months_counted", db_col_int(s, 3)))
			rc = DB_ERROR;
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* The unit's requests, counted by kind and status. */
static int move_requests(struct store *st, int64_t unit_id, const char *const from[3],
			 const char *const to[3])
{
	char key[40];
	struct db_stmt *s = db_q(st->db,
		"SELECT year, kind, status, COUNT(*) FROM requests WHERE unit_id = ?"
		" GROUP BY year, kind, status", "i", unit_id);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		snprintf(key, sizeof key, "%s_%s", db_col_str(s, 1), db_col_str(s, 2));
		if (move_key(st, from, to, (int)db_col_int(s, 0), key, db_col_int(s, 3)))
			rc = DB_ERROR;
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* The unit's current tax records: their count and levy. */
static int move_tax(struct store *st, int64_t unit_id, const char *const from[3],
		    const char *const to[3])
{
	struct db_stmt *s = db_q(st->db,
		"SELECT year, COUNT(*), SUM(levy_fen) FROM tax_records WHERE unit_id = ?"
		" AND status = 'current' GROUP BY year", "i", unit_id);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		int year = (int)db_col_int(s, 0);
		if (move_key(st, from, to, year, "tax_records", db_col_int(s, 1)) ||
		    move_key(st, from, to, year, "levy_fen", db_col_int(s, 2)))
			rc = DB_ERROR;
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

static const char *const moved_tables[] = {
	"UPDATE declarations SET region_county = ?, region_city = ?, region_province = ?"
	" WHERE unit_id = ?",
	"UPDATE requests SET region_county = ?, region_city = ?, region_province = ?"
	" WHERE unit_id = ?",
	"UPDATE tax_records SET region_county = ?, region_city = ?, region_province = ?"
	" WHERE unit_id = ?",
};

int st_overview_unit_moved(struct store *st, int64_t unit_id, const char *const from[3],
			   const char *const to[3])
{
	if (move_key(st, from, to, 0, "units", 1) != STORE_OK ||
	    move_declarations(st, unit_id, from, to) != STORE_OK ||
	    move_requests(st, unit_id, from, to) != STORE_OK ||
	    move_tax(st, unit_id, from, to) != STORE_OK)
		return STORE_ERROR;
	for (size_t i = 0; i < sizeof moved_tables / sizeof moved_tables[0]; i++)
		if (db_run(db_q(st->db, moved_tables[i], "sssi", to[0], to[1], to[2], unit_id)) !=
		    DB_OK)
			return STORE_ERROR;
	return STORE_OK;
}
