/* store_sessions — sessions (token hashes, their idle and absolute ends, a cap
 * per user) and the login limiter's failures per (account, address): rows in
 * the store, so that several instances on one database share them, and no
 * fixed table anyone could fill or evict from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/store_int.h"

/* --------------------------------------------------------------- sessions */

int store_session_add(struct store *st, const struct session_new *n)
{
	int64_t ends = n->now + n->lifetime;
	int64_t expires = n->now + n->idle < ends ? n->now + n->idle : ends;
	/* Logins are rare: a good moment to forget sessions that ran out. */
	if (db_run(db_q(st->db, "DELETE FROM sessions WHERE expires_at <= ?", "i", n->now)) != DB_OK)
		return STORE_ERROR;
	int rc = st_rc(db_run(db_q(st->db,
		"INSERT INTO sessions (token_hash, user_id, created_at, ends_at, expires_at, last_seen,"
		" ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		"siiiiiss", n->token_hash, n->user_id, n->now, ends, expires, n->now, n->ip,
		n->user_agent)));
	if (rc != STORE_OK)
		return rc;
	/* The newest `cap` stay; older ones end (ids grow with time). */
	return st_rc(db_run(db_q(st->db,
		"DELETE FROM sessions WHERE user_id = ? AND id NOT IN"
		" (SELECT id FROM sessions WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
		"iii", n->user_id, n->user_id, (int64_t)n->cap)));
}

int store_session_touch(struct store *st, const char *token_hash, int64_t now, int64_t idle,
			int64_t *user_id, int64_t *session_id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT id, user_id, last_seen, ends_at FROM sessions"
		" WHERE token_hash = ? AND expires_at > ?",
		"si", token_hash, now);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc != DB_ROW) {
		db_done(s);
		return rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	}
	*session_id = db_col_int(s, 0);
	*user_id = db_col_int(s, 1);
	int64_t last = db_col_int(s, 2), ends = db_col_int(s, 3);
	db_done(s);
	/* Slide the idle expiry at most once a minute (a GET should rarely
	 * write), never past the session's end. */
	if (now - last >= 60)
		db_run(db_q(st->db, "UPDATE sessions SET expires_at = ?, last_seen = ? WHERE id = ?",
			    "iii", now + idle < ends ? now + idle : ends, now, *session_id));
	return STORE_OK;
}

int store_session_delete(struct store *st, const char *token_hash)
{
	return st_change(st, db_q(st->db, "DELETE FROM sessions WHERE token_hash = ?", "s",
				  token_hash));
}

/* Seconds → "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai (no DST). */
static void local_time(int64_t t, char out[20])
{
	time_t at = (time_t)t + 8 * 3600;
	struct tm tm;
	gmtime_r(&at, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

json_t *store_session_list(struct store *st, int64_t user_id, int64_t now, int64_t current_id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT id, created_at, last_seen, ip, user_agent FROM sessions"
		" WHERE user_id = ? AND expires_at > ? ORDER BY id",
		"ii", user_id, now);
	json_t *a = json_array();
	while (s && db_step(s) == DB_ROW) {
		char created[20], seen[20];
		local_time(db_col_int(s, 1), created);
		local_time(db_col_int(s, 2), seen);
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id",
						   (json_int_t)db_col_int(s, 0), "created_at",
						   created, "last_seen", seen, "ip", db_col_str(s, 3),
						   "user_agent", db_col_str(s, 4), "current",
						   db_col_int(s, 0) == current_id));
	}
	db_done(s);
	return a;
}

int store_session_end(struct store *st, int64_t user_id, int64_t id)
{
	return st_change(st, db_q(st->db, "DELETE FROM sessions WHERE id = ? AND user_id = ?", "ii",
				  id, user_id));
}

/* --------------------------------------------------------- login failures */

int store_login_failure_add(struct store *st, const char *username, const char *address,
			    int64_t at, int64_t forget_before, int64_t *id)
{
	/* What has left every window goes first: the table holds one window. */
	if (db_run(db_q(st->db, "DELETE FROM login_failures WHERE failed_at < ?", "i",
			forget_before)) != DB_OK)
		return STORE_ERROR;
	int rc = db_one_int(db_q(st->db,
		"INSERT INTO login_failures (username, address, failed_at) VALUES (?, ?, ?)"
		" RETURNING id",
		"ssi", username, address, at), id);
	return rc == DB_ROW ? STORE_OK : st_rc(rc == DB_DONE ? DB_ERROR : rc);
}

int store_login_failures_lock(struct store *st, const char *address)
{
	char name[160];
	snprintf(name, sizeof name, "login_failures %s", address);
	return st_rc(db_lock_name(st->db, name));
}

int store_login_failures(struct store *st, const char *username, const char *address,
			 int64_t since, int limit, int *count, int64_t *nth_latest)
{
	struct db_stmt *s = username
		? db_q(st->db,
		       "SELECT failed_at FROM login_failures WHERE username = ? AND address = ?"
		       " AND failed_at > ? ORDER BY failed_at DESC LIMIT ?",
		       "ssii", username, address, since, (int64_t)limit)
		: db_q(st->db,
		       "SELECT failed_at FROM login_failures WHERE address = ? AND failed_at > ?"
		       " ORDER BY failed_at DESC LIMIT ?",
		       "sii", address, since, (int64_t)limit);
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

int store_login_failure_forget(struct store *st, int64_t id)
{
	return st_rc(db_run(db_q(st->db, "DELETE FROM login_failures WHERE id = ?", "i", id)));
}

int store_login_failures_clear(struct store *st, const char *username, const char *address)
{
	return st_rc(db_run(db_q(st->db,
		"DELETE FROM login_failures WHERE username = ? AND address = ?", "ss", username,
		address)));
}
