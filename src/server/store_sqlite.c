/* store_sqlite — store.h on SQLite: WAL mode, one connection per worker
 * thread, busy_timeout so concurrent writers wait instead of failing, and
 * write transactions taken with BEGIN IMMEDIATE (the SQLite-only part stays
 * in this file). Records (units, placements, …) are in store_sqlite_records.c. */
#include "server/store.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/migrations.h"
#include "server/srv.h"
#include "server/store_sqlite.h"


const char *store_errmsg(struct store *st)
{
	return st->err;
}

int sq_fail(struct store *st)
{
	snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
	return STORE_ERROR;
}

/* Prepares sql and binds args by the letters of types: s text (NULL → NULL),
 * i int64, j json_t* (dumped compactly; NULL → NULL). */
sqlite3_stmt *sq_prep(struct store *st, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s = NULL;
	va_list ap;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sq_fail(st);
		return NULL;
	}
	va_start(ap, types);
	for (int i = 0; types && types[i]; i++) {
		int rc = SQLITE_OK;
		switch (types[i]) {
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = v ? sqlite3_bind_text(s, i + 1, v, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(s, i + 1);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(s, i + 1, va_arg(ap, int64_t));
			break;
		case 'j': {
			json_t *v = va_arg(ap, json_t *);
			char *txt = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
			rc = txt ? sqlite3_bind_text(s, i + 1, txt, -1, free)
				 : sqlite3_bind_null(s, i + 1);
			break;
		}
		}
		if (rc != SQLITE_OK) {
			va_end(ap);
			sq_fail(st);
			sqlite3_finalize(s);
			return NULL;
		}
	}
	va_end(ap);
	return s;
}

/* Runs a statement that returns no rows; maps constraint failures. */
int sq_run(struct store *st, sqlite3_stmt *s)
{
	if (!s)
		return STORE_ERROR;
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_NOTFOUND;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
		return STORE_CONFLICT;
	}
	return sq_fail(st);
}

static int exec(struct store *st, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(st->err, sizeof st->err, "%s", msg ? msg : "sqlite error");
		sqlite3_free(msg);
		return STORE_ERROR;
	}
	return STORE_OK;
}

const char *sq_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

json_t *sq_col_json(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	if (!t)
		return json_null();
	json_t *j = json_loads(t, JSON_DECODE_ANY, NULL);
	return j ? j : json_null();
}

json_t *sq_col_str_or_null(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? json_string(t) : json_null();
}

int store_open(struct store **out, const char *data_dir, char *err, size_t errlen)
{
	char path[1200];
	struct store *st = calloc(1, sizeof *st);
	*out = NULL;
	if (!st) {
		snprintf(err, errlen, "out of memory");
		return STORE_ERROR;
	}
	snprintf(path, sizeof path, "%s/anzhid.db", data_dir);
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "open");
		store_close(st);
		return STORE_ERROR;
	}
	sqlite3_busy_timeout(st->db, 10000);
	if (exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		     " PRAGMA foreign_keys=ON;") != STORE_OK) {
		snprintf(err, errlen, "%s: %s", path, st->err);
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
	sqlite3_close(st->db);
	free(st);
}

int store_migrate(struct store *st)
{
	sqlite3_stmt *s = sq_prep(st, "PRAGMA user_version", "");
	int have = 0;
	if (!s)
		return STORE_ERROR;
	if (sqlite3_step(s) == SQLITE_ROW)
		have = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	for (int i = 0; i < migrations_count; i++) {
		char pragma[64];
		if (migrations[i].number <= have)
			continue;
		if (exec(st, "BEGIN IMMEDIATE") != STORE_OK)
			return STORE_ERROR;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", migrations[i].number);
		if (exec(st, migrations[i].sql) != STORE_OK || exec(st, pragma) != STORE_OK) {
			char keep[256];
			snprintf(keep, sizeof keep, "migration %d: %.200s", migrations[i].number, st->err);
			exec(st, "ROLLBACK");
			snprintf(st->err, sizeof st->err, "%.240s", keep);
			return STORE_ERROR;
		}
		if (exec(st, "COMMIT") != STORE_OK)
			return STORE_ERROR;
	}
	return STORE_OK;
}

int store_begin(struct store *st)
{
	return exec(st, "BEGIN IMMEDIATE");
}

int store_commit(struct store *st)
{
	return exec(st, "COMMIT");
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		exec(st, "ROLLBACK");
}

/* ------------------------------------------------------------------ users */

static const struct {
	const char *name;
	int bit;
} role_bits[] = {
	{ "unit", SRV_ROLE_UNIT },	   { "agent", SRV_ROLE_AGENT },
	{ "reviewer", SRV_ROLE_REVIEWER }, { "supervisor", SRV_ROLE_SUPERVISOR },
	{ "admin", SRV_ROLE_ADMIN },
};

static void fill_user(sqlite3_stmt *s, struct srv_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(s, 0);
	snprintf(u->username, sizeof u->username, "%s", sq_col_text(s, 1));
	snprintf(u->display_name, sizeof u->display_name, "%s", sq_col_text(s, 2));
	snprintf(u->role, sizeof u->role, "%s", sq_col_text(s, 3));
	snprintf(u->unit, sizeof u->unit, "%s", sq_col_text(s, 4));
	snprintf(u->region, sizeof u->region, "%s", sq_col_text(s, 5));
	for (size_t i = 0; i < sizeof role_bits / sizeof role_bits[0]; i++)
		if (strcmp(role_bits[i].name, u->role) == 0)
			u->role_bit = role_bits[i].bit;
}

#define USER_COLS "id, username, display_name, role, unit, region, pwhash"

int store_user_by_name(struct store *st, const char *username, struct srv_user *u,
		       char *pwhash, size_t pwlen)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT " USER_COLS " FROM users WHERE username = ?", "s",
			       username);
	if (!s)
		return STORE_ERROR;
	int rc = sqlite3_step(s), res = STORE_NOTFOUND;
	if (rc == SQLITE_ROW) {
		fill_user(s, u);
		if (pwhash)
			snprintf(pwhash, pwlen, "%s", sq_col_text(s, 6));
		res = STORE_OK;
	} else if (rc != SQLITE_DONE) {
		res = sq_fail(st);
	}
	sqlite3_finalize(s);
	return res;
}

int store_user_by_id(struct store *st, int64_t id, struct srv_user *u)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT " USER_COLS " FROM users WHERE id = ?", "i", id);
	if (!s)
		return STORE_ERROR;
	int rc = sqlite3_step(s), res = STORE_NOTFOUND;
	if (rc == SQLITE_ROW) {
		fill_user(s, u);
		res = STORE_OK;
	} else if (rc != SQLITE_DONE) {
		res = sq_fail(st);
	}
	sqlite3_finalize(s);
	return res;
}

int store_user_add(struct store *st, const struct srv_user *u, const char *pwhash)
{
	return sq_run(st, sq_prep(st,
			    "INSERT INTO users (username, display_name, role, unit, region, pwhash,"
			    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			    "ssssssi", u->username, u->display_name, u->role,
			    u->unit[0] ? u->unit : NULL, u->region[0] ? u->region : NULL, pwhash,
			    (int64_t)time(NULL)));
}

int store_user_set_password(struct store *st, const char *username, const char *pwhash)
{
	int rc = sq_run(st, sq_prep(st, "UPDATE users SET pwhash = ? WHERE username = ?", "ss", pwhash,
			      username));
	if (rc == STORE_OK)
		rc = sq_run(st, sq_prep(st,
				  "DELETE FROM sessions WHERE user_id ="
				  " (SELECT id FROM users WHERE username = ?)",
				  "s", username)) == STORE_ERROR ? STORE_ERROR : STORE_OK;
	return rc;
}

json_t *store_user_list(struct store *st)
{
	sqlite3_stmt *s = sq_prep(st, "SELECT " USER_COLS " FROM users ORDER BY id", "");
	json_t *a = json_array();
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		struct srv_user u;
		fill_user(s, &u);
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id",
						   (json_int_t)u.id, "username", u.username,
						   "display_name", u.display_name, "role", u.role,
						   "unit", sq_col_str_or_null(s, 4), "region",
						   sq_col_str_or_null(s, 5)));
	}
	sqlite3_finalize(s);
	return a;
}

/* --------------------------------------------------------------- sessions */

int store_session_add(struct store *st, const char *token_hash, int64_t user_id,
		      int64_t expires_at)
{
	/* Logins are rare: a good moment to forget sessions that ran out. */
	sq_run(st, sq_prep(st, "DELETE FROM sessions WHERE expires_at < ?", "i",
			   (int64_t)time(NULL)));
	return sq_run(st, sq_prep(st,
			    "INSERT INTO sessions (token_hash, user_id, expires_at, last_seen)"
			    " VALUES (?, ?, ?, ?)",
			    "siii", token_hash, user_id, expires_at, (int64_t)time(NULL)));
}

int store_session_touch(struct store *st, const char *token_hash, int64_t now, int64_t idle,
			int64_t *user_id)
{
	sqlite3_stmt *s = sq_prep(st,
			       "SELECT user_id, last_seen FROM sessions WHERE token_hash = ?"
			       " AND expires_at > ?",
			       "si", token_hash, now);
	if (!s)
		return STORE_ERROR;
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? STORE_NOTFOUND : sq_fail(st);
	}
	*user_id = sqlite3_column_int64(s, 0);
	int64_t last = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	/* Slide the expiry at most once a minute: a GET should rarely write. */
	if (now - last >= 60)
		sq_run(st, sq_prep(st,
			     "UPDATE sessions SET expires_at = ?, last_seen = ? WHERE token_hash = ?",
			     "iis", now + idle, now, token_hash));
	return STORE_OK;
}

int store_session_delete(struct store *st, const char *token_hash)
{
	return sq_run(st, sq_prep(st, "DELETE FROM sessions WHERE token_hash = ?", "s", token_hash));
}
