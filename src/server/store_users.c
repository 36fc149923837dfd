/* store_users — accounts, sessions, login failures and idempotency keys: plain
 * tables, so that several instances on one database share them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/srv.h"
#include "server/store_int.h"

static const struct {
	const char *name;
	int bit;
} role_bits[] = {
	{ "unit", SRV_ROLE_UNIT },	   { "agent", SRV_ROLE_AGENT },
	{ "reviewer", SRV_ROLE_REVIEWER }, { "supervisor", SRV_ROLE_SUPERVISOR },
	{ "admin", SRV_ROLE_ADMIN },
};

static void fill_user(struct db_stmt *s, struct srv_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = db_col_int(s, 0);
	st_col_copy(s, 1, u->username, sizeof u->username);
	st_col_copy(s, 2, u->display_name, sizeof u->display_name);
	st_col_copy(s, 3, u->role, sizeof u->role);
	st_col_copy(s, 4, u->unit, sizeof u->unit);
	st_col_copy(s, 5, u->region, sizeof u->region);
	for (size_t i = 0; i < sizeof role_bits / sizeof role_bits[0]; i++)
		if (strcmp(role_bits[i].name, u->role) == 0)
			u->role_bit = role_bits[i].bit;
}

#define USER_COLS "id, username, display_name, role, unit, region, pwhash"

static int user_one(struct store *st, struct db_stmt *s, struct srv_user *u, char *pwhash,
		    size_t pwlen)
{
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s), res = STORE_NOTFOUND;
	if (rc == DB_ROW) {
		fill_user(s, u);
		if (pwhash)
			st_col_copy(s, 6, pwhash, pwlen);
		res = STORE_OK;
	} else if (rc != DB_DONE) {
		res = STORE_ERROR;
	}
	db_done(s);
	return res;
}

int store_user_by_name(struct store *st, const char *username, struct srv_user *u,
		       char *pwhash, size_t pwlen)
{
	return user_one(st, db_q(st->db, "SELECT " USER_COLS " FROM users WHERE username = ?", "s",
				 username), u, pwhash, pwlen);
}

int store_user_by_id(struct store *st, int64_t id, struct srv_user *u)
{
	return user_one(st, db_q(st->db, "SELECT " USER_COLS " FROM users WHERE id = ?", "i", id), u,
			NULL, 0);
}

int store_user_add(struct store *st, const struct srv_user *u, const char *pwhash)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO users (username, display_name, role, unit, region, pwhash, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)",
		"ssssssi", u->username, u->display_name, u->role, u->unit[0] ? u->unit : NULL,
		u->region[0] ? u->region : NULL, pwhash, (int64_t)time(NULL))));
}

int store_user_set_password(struct store *st, const char *username, const char *pwhash)
{
	int rc = st_change(st, db_q(st->db, "UPDATE users SET pwhash = ? WHERE username = ?", "ss",
				    pwhash, username));
	if (rc != STORE_OK)
		return rc;
	return st_rc(db_run(db_q(st->db,
		"DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)", "s",
		username)));
}

json_t *store_user_list(struct store *st)
{
	struct db_stmt *s = db_sql(st->db, "SELECT " USER_COLS " FROM users ORDER BY id");
	json_t *a = json_array();
	while (s && db_step(s) == DB_ROW) {
		struct srv_user u;
		fill_user(s, &u);
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id",
						   (json_int_t)u.id, "username", u.username,
						   "display_name", u.display_name, "role", u.role,
						   "unit", st_col_json_str(s, 4), "region",
						   st_col_json_str(s, 5)));
	}
	db_done(s);
	return a;
}

/* --------------------------------------------------------------- sessions */

int store_session_add(struct store *st, const char *token_hash, int64_t user_id,
		      int64_t expires_at)
{
	int64_t now = (int64_t)time(NULL);
	/* Logins are rare: a good moment to forget sessions that ran out. */
	if (db_run(db_q(st->db, "DELETE FROM sessions WHERE expires_at < ?", "i", now)) != DB_OK)
		return STORE_ERROR;
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO sessions (token_hash, user_id, expires_at, last_seen) VALUES (?, ?, ?, ?)",
		"siii", token_hash, user_id, expires_at, now)));
}

int store_session_touch(struct store *st, const char *token_hash, int64_t now, int64_t idle,
			int64_t *user_id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT user_id, last_seen FROM sessions WHERE token_hash = ? AND expires_at > ?",
		"si", token_hash, now);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc != DB_ROW) {
		db_done(s);
		return rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	}
	*user_id = db_col_int(s, 0);
	int64_t last = db_col_int(s, 1);
	db_done(s);
	/* Slide the expiry at most once a minute: a GET should rarely write. */
	if (now - last >= 60)
		db_run(db_q(st->db,
			    "UPDATE sessions SET expires_at = ?, last_seen = ? WHERE token_hash = ?",
			    "iis", now + idle, now, token_hash));
	return STORE_OK;
}

int store_session_delete(struct store *st, const char *token_hash)
{
	return st_change(st, db_q(st->db, "DELETE FROM sessions WHERE token_hash = ?", "s",
				  token_hash));
}

/* --------------------------------------------------------- login failures */

int store_login_failure_add(struct store *st, const char *scope, const char *name, int64_t at)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO login_failures (scope, name, failed_at) VALUES (?, ?, ?)", "ssi", scope,
		name, at)));
}

int store_login_failures(struct store *st, const char *scope, const char *name, int64_t since,
			 int limit, int *count, int64_t *nth_latest)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT failed_at FROM login_failures WHERE scope = ? AND name = ? AND failed_at > ?"
		" ORDER BY failed_at DESC LIMIT ?",
		"ssii", scope, name, since, (int64_t)limit);
	int rc = s ? DB_ROW : DB_ERROR;
	*count = 0;
	*nth_latest = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		(*count)++;
		*nth_latest = db_col_int(s, 0);
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_login_failures_clear(struct store *st, const char *scope, const char *name,
			       int64_t before)
{
	return st_rc(db_run(db_q(st->db,
		"DELETE FROM login_failures WHERE (scope = ? AND name = ?) OR failed_at < ?", "ssi",
		scope, name, before)));
}

/* ------------------------------------------------------------ idempotency */

/* The claim is a row with status 0 (no answer yet): the key's unique index
 * makes a second claim of it wait until the first transaction ends, then
 * see its answer (or, rolled back, claim it anew). */
int store_idem_claim(struct store *st, int64_t user_id, const char *key, int64_t now,
		     int *status, char **body)
{
	/* a key older than a day is forgotten: it may be used again */
	if (db_run(db_q(st->db,
			"DELETE FROM idempotency WHERE user_id = ? AND idem_key = ? AND created_at <= ?",
			"isi", user_id, key, now - 24 * 3600)) != DB_OK ||
	    db_run(db_q(st->db,
			"INSERT INTO idempotency (user_id, idem_key, status, body, created_at)"
			" VALUES (?, ?, 0, '', ?) ON CONFLICT (user_id, idem_key) DO NOTHING",
			"isi", user_id, key, now)) != DB_OK)
		return STORE_ERROR;
	if (db_changes(st->db) == 1)
		return STORE_NOTFOUND;
	struct db_stmt *s = db_q(st->db,
		"SELECT status, body FROM idempotency WHERE user_id = ? AND idem_key = ?", "is",
		user_id, key);
	int rc = s ? db_step(s) : DB_ERROR, res = STORE_ERROR;
	if (rc == DB_ROW) {
		*status = (int)db_col_int(s, 0);
		*body = strdup(db_col_str(s, 1));
		res = *body ? STORE_OK : db_fail(st->db, "out of memory");
	} else if (rc == DB_DONE) {
		db_fail(st->db, "idempotency key %s vanished", key);
	}
	db_done(s);
	return res;
}

int store_idem_put(struct store *st, int64_t user_id, const char *key, int status,
		   const char *body, int64_t now)
{
	/* this user's keys older than a day go (another user's rows are not
	 * touched: concurrent writers never wait on each other here) */
	if (db_run(db_q(st->db,
			"DELETE FROM idempotency WHERE user_id = ? AND created_at <= ?", "ii", user_id,
			now - 24 * 3600)) != DB_OK)
		return STORE_ERROR;
	return st_change(st, db_q(st->db,
		"UPDATE idempotency SET status = ?, body = ? WHERE user_id = ? AND idem_key = ?",
		"isis", (int64_t)status, body, user_id, key));
}
