/* store_users — accounts and idempotency keys: plain tables, so that several
 * instances on one database share them (sessions and login failures:
 * store_sessions.c). */
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
	u->disabled = db_col_int(s, 7) != 0;
	u->totp_on = db_col_int(s, 8) == STORE_TOTP_ON;
	u->version = db_col_int(s, 9);
	for (size_t i = 0; i < sizeof role_bits / sizeof role_bits[0]; i++)
		if (strcmp(role_bits[i].name, u->role) == 0)
			u->role_bit = role_bits[i].bit;
}

#define USER_COLS \
	"id, username, display_name, role, unit, region, pwhash, disabled, totp_state, version"

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
	return store_user_create(st, u, pwhash, 0, NULL);
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

/* ------------------------------------------------------------ idempotency */

/* The claim is a row with status 0 (no answer yet): the key's unique index
 * makes a second claim of it wait until the first transaction ends, then
 * see its answer (or, rolled back, claim it anew). */
int store_idem_claim(struct store *st, int64_t user_id, const char *key,
		     const struct idem_answer *req, int64_t now, struct idem_answer *first)
{
	memset(first, 0, sizeof *first);
	/* a key older than STORE_IDEM_SECONDS is forgotten: it may be used again */
	if (db_run(db_q(st->db,
			"DELETE FROM idempotency WHERE user_id = ? AND idem_key = ? AND created_at <= ?",
			"isi", user_id, key, now - STORE_IDEM_SECONDS)) != DB_OK ||
	    db_run(db_q(st->db,
			"INSERT INTO idempotency (user_id, idem_key, method, path, request_digest,"
			" status, body, created_at) VALUES (?, ?, ?, ?, ?, 0, '', ?)"
			" ON CONFLICT (user_id, idem_key) DO NOTHING",
			"issssi", user_id, key, req->method, req->path, req->digest, now)) != DB_OK)
		return STORE_ERROR;
	if (db_changes(st->db) == 1)
		return STORE_NOTFOUND;
	int rc = store_idem_get(st, user_id, key, first);
	return rc == STORE_NOTFOUND ? db_fail(st->db, "idempotency key %s vanished", key) : rc;
}

int store_idem_get(struct store *st, int64_t user_id, const char *key, struct idem_answer *a)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT method, path, request_digest, status, body FROM idempotency"
		" WHERE user_id = ? AND idem_key = ? AND created_at > ?",
		"isi", user_id, key, (int64_t)time(NULL) - STORE_IDEM_SECONDS);
	int res = STORE_NOTFOUND;
	memset(a, 0, sizeof *a);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		st_col_copy(s, 0, a->method, sizeof a->method);
		st_col_copy(s, 1, a->path, sizeof a->path);
		st_col_copy(s, 2, a->digest, sizeof a->digest);
		a->status = (int)db_col_int(s, 3);
		a->body = strdup(db_col_str(s, 4));
		res = a->body ? STORE_OK : STORE_ERROR;
	} else if (rc != DB_DONE) {
		res = STORE_ERROR;
	}
	db_done(s);
	return res;
}

int store_idem_put(struct store *st, int64_t user_id, const char *key,
		   const struct idem_answer *a, int64_t now)
{
	/* this user's keys older than a day go (another user's rows are not
	 * touched: concurrent writers never wait on each other here) */
	if (db_run(db_q(st->db, "DELETE FROM idempotency WHERE user_id = ? AND created_at <= ?",
			"ii", user_id, now - STORE_IDEM_SECONDS)) != DB_OK)
		return STORE_ERROR;
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO idempotency (user_id, idem_key, method, path, request_digest, status,"
		" body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (user_id, idem_key) DO UPDATE SET method = excluded.method,"
		" path = excluded.path, request_digest = excluded.request_digest,"
		" status = excluded.status, body = excluded.body",
		"issssisi", user_id, key, a->method, a->path, a->digest, (int64_t)a->status,
		a->body ? a->body : "", now)));
}

int store_idem_release(struct store *st, int64_t user_id, const char *key)
{
	/* the claim is the row with no answer yet (status 0) */
	return st_rc(db_run(db_q(st->db,
		"DELETE FROM idempotency WHERE user_id = ? AND idem_key = ? AND status = 0", "is",
		user_id, key)));
}
