/* store_accounts — what the user centre and the administrator change about
 * accounts: the list (keyset by id), role/scope/name/disabled with a
 * version, passwords, ending a user's other sessions, the second factor
 * (sealed TOTP secret, last step used, one-time recovery codes) and the
 * service settings. Plain rows, so every instance on one database agrees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/srv.h"
#include "server/store_int.h"

#define ACCOUNT_COLS \
	"id, username, display_name, role, unit, region, disabled, totp_state, created_at, version"

static void account_write(struct db_stmt *s, json_t *o)
{
	time_t at = (time_t)db_col_int(s, 8) + 8 * 3600; /* Asia/Shanghai */
	struct tm tm;
	char when[20];
	gmtime_r(&at, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
	json_object_set_new(o, "username", json_string(db_col_str(s, 1)));
	json_object_set_new(o, "display_name", json_string(db_col_str(s, 2)));
	json_object_set_new(o, "role", json_string(db_col_str(s, 3)));
	json_object_set_new(o, "unit", st_col_json_str(s, 4));
	json_object_set_new(o, "region", st_col_json_str(s, 5));
	json_object_set_new(o, "disabled", json_boolean(db_col_int(s, 6) != 0));
	json_object_set_new(o, "totp", json_boolean(db_col_int(s, 7) == STORE_TOTP_ON));
	json_object_set_new(o, "created_at", json_string(when));
	json_object_set_new(o, "version", json_integer(db_col_int(s, 9)));
}

json_t *store_account_get(struct store *st, int64_t id)
{
	struct db_stmt *s = db_q(st->db, "SELECT " ACCOUNT_COLS " FROM users WHERE id = ?", "i", id);
	json_t *o = NULL;
	if (s && db_step(s) == DB_ROW) {
		o = json_object();
		account_write(s, o);
	}
	db_done(s);
	return o;
}

/* The filters are optional: NULL binds NULL and "? IS NULL" lets every row
 * through, so one statement serves every combination. */
int store_account_page(struct store *st, const struct account_query *q, json_t *items,
		       int64_t *next_id)
{
	static const char sql[] =
		"SELECT " ACCOUNT_COLS " FROM users WHERE id > ?"
		" AND (CAST(? AS TEXT) IS NULL OR role = ?) AND (CAST(? AS TEXT) IS NULL OR unit = ?)"
		" AND (CAST(? AS TEXT) IS NULL OR username LIKE ? ESCAPE '!'"
		" OR display_name LIKE ? ESCAPE '!') ORDER BY id LIMIT ?";
	char like[160];
	const char *pat = st_like_contains(q->q, like, sizeof like);
	struct db_stmt *s = db_q(st->db, sql, "isssssssi", q->after_id, q->role, q->role, q->unit,
				 q->unit, pat, pat, pat, (int64_t)q->limit + 1);
	int rc = s ? DB_ROW : DB_ERROR, n = 0;
	*next_id = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (n == q->limit) {
			rc = DB_DONE;
			break;
		}
		json_t *o = json_object();
		account_write(s, o);
		*next_id = db_col_int(s, 0);
		json_array_append_new(items, o);
		n++;
	}
	if (rc == DB_DONE && n < q->limit)
		*next_id = 0;
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_user_create(struct store *st, const struct srv_user *u, const char *pwhash,
		      int64_t created_by, int64_t *id)
{
	int64_t got = 0;
	int rc = db_one_int(db_q(st->db,
		"INSERT INTO users (username, display_name, role, unit, region, pwhash, created_at,"
		" created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"ssssssii", u->username, u->display_name, u->role, u->unit[0] ? u->unit : NULL,
		u->region[0] ? u->region : NULL, pwhash, (int64_t)time(NULL), created_by), &got);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	if (id)
		*id = got;
	return STORE_OK;
}

int store_user_update(struct store *st, const struct srv_user *u)
{
	return st_change(st, db_q(st->db,
		"UPDATE users SET display_name = ?, role = ?, unit = ?, region = ?, disabled = ?,"
		" version = version + 1 WHERE id = ? AND version = ?",
		"ssssiii", u->display_name, u->role, u->unit[0] ? u->unit : NULL,
		u->region[0] ? u->region : NULL, (int64_t)(u->disabled != 0), u->id, u->version));
}

int store_user_pwhash(struct store *st, int64_t id, char *pwhash, size_t len)
{
	struct db_stmt *s = db_q(st->db, "SELECT pwhash FROM users WHERE id = ?", "i", id);
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW)
		st_col_copy(s, 0, pwhash, len);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_user_set_hash(struct store *st, int64_t id, const char *pwhash)
{
	return st_change(st, db_q(st->db,
		"UPDATE users SET pwhash = ?, version = version + 1 WHERE id = ?", "si", pwhash, id));
}

int store_sessions_end_others(struct store *st, int64_t user_id, const char *keep_token_hash)
{
	return st_rc(db_run(db_q(st->db,
		"DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", "is", user_id,
		keep_token_hash ? keep_token_hash : "")));
}

/* ------------------------------------------------------------ second factor */

int store_totp_get(struct store *st, int64_t user_id, struct totp_row *t)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT totp_state, totp_secret, totp_last_step FROM users WHERE id = ?", "i",
		user_id);
	int rc = s ? db_step(s) : DB_ERROR;
	memset(t, 0, sizeof *t);
	if (rc == DB_ROW) {
		size_t len = 0;
		const void *b = db_col_blob(s, 1, &len);
		t->state = (int)db_col_int(s, 0);
		if (b && len <= sizeof t->sealed) {
			memcpy(t->sealed, b, len);
			t->sealed_len = len;
		}
		t->last_step = db_col_int(s, 2);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_totp_set(struct store *st, int64_t user_id, int state, const unsigned char *sealed,
		   size_t len)
{
	struct db_stmt *s = sealed
		? db_q(st->db, "UPDATE users SET totp_state = ?, totp_secret = ?,"
			       " totp_last_step = 0 WHERE id = ?", "ibi", (int64_t)state,
		       (const void *)sealed, len, user_id)
		: db_q(st->db, "UPDATE users SET totp_state = ?, totp_secret = NULL,"
			       " totp_last_step = 0 WHERE id = ?", "ii", (int64_t)state, user_id);
	int rc = st_change(st, s);
	if (rc == STORE_OK && !sealed)
		rc = st_rc(db_run(db_q(st->db, "DELETE FROM recovery_codes WHERE user_id = ?", "i",
				       user_id)));
	return rc;
}

int store_totp_confirm(struct store *st, int64_t user_id, int64_t step)
{
	return st_change(st, db_q(st->db,
		"UPDATE users SET totp_state = ?, totp_last_step = ? WHERE id = ? AND totp_state = ?",
		"iiii", (int64_t)STORE_TOTP_ON, step, user_id, (int64_t)STORE_TOTP_PENDING));
}

int store_totp_step_use(struct store *st, int64_t user_id, int64_t step)
{
	/* One statement decides: two logins racing with the same code cannot
	 * both move the step forward. */
	int rc = st_change(st, db_q(st->db,
		"UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", "iii",
		step, user_id, step));
	return rc == STORE_NOTFOUND ? STORE_CONFLICT : rc;
}

int store_recovery_codes_set(struct store *st, int64_t user_id, char hashes[][65], int n)
{
	if (db_run(db_q(st->db, "DELETE FROM recovery_codes WHERE user_id = ?", "i", user_id)) !=
	    DB_OK)
		return STORE_ERROR;
	for (int i = 0; i < n; i++)
		if (db_run(db_q(st->db,
				"INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", "is",
				user_id, hashes[i])) != DB_OK)
			return STORE_ERROR;
	return STORE_OK;
}

int store_recovery_code_use(struct store *st, int64_t user_id, const char *hash, int64_t now)
{
	return st_change(st, db_q(st->db,
		"UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ?"
		" AND used_at IS NULL", "iis", now, user_id, hash));
}

int store_recovery_codes_left(struct store *st, int64_t user_id, int64_t *n)
{
	int rc = db_one_int(db_q(st->db,
		"SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", "i",
		user_id), n);
	return rc == DB_ROW ? STORE_OK : STORE_ERROR;
}

/* --------------------------------------------------------------- settings */

int store_setting_get(struct store *st, const char *name, char *value, size_t len,
		      int64_t *version)
{
	struct db_stmt *s = db_q(st->db, "SELECT value, version FROM settings WHERE name = ?", "s",
				 name);
	int rc = s ? db_step(s) : DB_ERROR;
	if (rc == DB_ROW) {
		st_col_copy(s, 0, value, len);
		if (version)
			*version = db_col_int(s, 1);
	}
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_setting_put(struct store *st, const char *name, const char *value, int64_t version)
{
	if (version == 0)
		return st_rc(db_run(db_q(st->db,
			"INSERT INTO settings (name, value, version) VALUES (?, ?, 1)", "ss", name,
			value)));
	return st_change(st, db_q(st->db,
		"UPDATE settings SET value = ?, version = version + 1 WHERE name = ? AND version = ?",
		"ssi", value, name, version));
}
