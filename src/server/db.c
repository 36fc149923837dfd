/* db — the shared half of every connection: choosing the driver, the
 * per-connection statement cache keyed by SQL text, binding by type letters,
 * and thin dispatch to the driver. See db.h for the rules and the contract. */
#include "server/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_target_is_pg(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

int db_open(struct db **out, const char *target, char *err, size_t errlen)
{
	*out = NULL;
	return (db_target_is_pg(target) ? &db_pg_driver : &db_sqlite_driver)
		->open(out, target, err, errlen);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < DB_CACHE_SLOTS; i++)
		if (db->cache[i]) {
			db->drv->finalize(db, db->cache[i]->h);
			free(db->cache[i]);
		}
	db->drv->close(db);
}

const char *db_errmsg(const struct db *db)
{
	return db->err;
}

const char *db_backend(const struct db *db)
{
	return db->drv->name;
}

const char *db_name(const struct db *db)
{
	return db->name;
}

int db_retryable(const struct db *db)
{
	return db->retry;
}

int db_fail(struct db *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->err, sizeof db->err, fmt, ap);
	va_end(ap);
	return DB_ERROR;
}

/* Statements are keyed by the address of their SQL text: every query is a
 * literal (or a static table entry), so the address names it, and a lookup
 * costs no pass over the text. */
static uint64_t sql_hash(const char *sql)
{
	uint64_t h = (uint64_t)(uintptr_t)sql;
	h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
	return h ^ (h >> 33);
}

static struct db_stmt *stmt_new(struct db *db, const char *sql, int cached)
{
	struct db_stmt *s = calloc(1, sizeof *s);
	if (!s) {
		db_fail(db, "out of memory");
		return NULL;
	}
	s->db = db;
	s->sql = sql;
	s->cached = cached;
	if (db->drv->prepare(db, sql, &s->h) != DB_OK) {
		free(s);
		return NULL;
	}
	return s;
}

struct db_stmt *db_sql(struct db *db, const char *sql)
{
	size_t slot = (size_t)(sql_hash(sql) % DB_CACHE_SLOTS);
	for (size_t n = 0; n < DB_CACHE_SLOTS; n++, slot = (slot + 1) % DB_CACHE_SLOTS) {
		struct db_stmt *s = db->cache[slot];
		if (!s) {
			s = stmt_new(db, sql, 1);
			if (!s)
				return NULL;
			db->cache[slot] = s;
			s->busy = 1;
			return s;
		}
		if (s->sql == sql) {
			if (s->busy)
				break; /* in use by an outer caller: a one-off below */
			s->busy = 1;
			return s;
		}
	}
	struct db_stmt *s = stmt_new(db, sql, 0);
	if (s)
		s->busy = 1;
	return s;
}

struct db_stmt *db_q(struct db *db, const char *sql, const char *types, ...)
{
	struct db_stmt *s = db_sql(db, sql);
	va_list ap;
	if (!s)
		return NULL;
	va_start(ap, types);
	for (int i = 0; types && types[i]; i++) {
		int rc = DB_OK;
		switch (types[i]) {
		case 'i':
			rc = db_bind_int(s, i + 1, va_arg(ap, int64_t));
			break;
		case 's':
			rc = db_bind_text(s, i + 1, va_arg(ap, const char *));
			break;
		case 'b': {
			const void *v = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			rc = db_bind_blob(s, i + 1, v, len);
			break;
		}
		case 'n':
			rc = db_bind_null(s, i + 1);
			break;
		default:
			rc = db_fail(db, "db_q: bad type letter '%c'", types[i]);
		}
		if (rc != DB_OK) {
			va_end(ap);
			db_done(s);
			return NULL;
		}
	}
	va_end(ap);
	return s;
}

void db_done(struct db_stmt *s)
{
	if (!s)
		return;
	s->db->drv->reset(s);
	if (!s->cached) {
		s->db->drv->finalize(s->db, s->h);
		free(s);
		return;
	}
	s->busy = 0;
}

int db_bind_int(struct db_stmt *s, int i, int64_t v)
{
	return s->db->drv->bind_int(s, i, v);
}

int db_bind_text(struct db_stmt *s, int i, const char *v)
{
	return v ? s->db->drv->bind_text(s, i, v, strlen(v)) : s->db->drv->bind_null(s, i);
}

int db_bind_blob(struct db_stmt *s, int i, const void *v, size_t len)
{
	return s->db->drv->bind_blob(s, i, v, len);
}

int db_bind_null(struct db_stmt *s, int i)
{
	return s->db->drv->bind_null(s, i);
}

int db_step(struct db_stmt *s)
{
	return s->db->drv->step(s);
}

int db_col_null(struct db_stmt *s, int i)
{
	return s->db->drv->col_null(s, i);
}

int64_t db_col_int(struct db_stmt *s, int i)
{
	return s->db->drv->col_int(s, i);
}

const char *db_col_text(struct db_stmt *s, int i)
{
	return s->db->drv->col_text(s, i);
}

const char *db_col_str(struct db_stmt *s, int i)
{
	const char *t = s->db->drv->col_text(s, i);
	return t ? t : "";
}

const void *db_col_blob(struct db_stmt *s, int i, size_t *len)
{
	return s->db->drv->col_blob(s, i, len);
}

int64_t db_changes(struct db *db)
{
	return db->drv->changes(db);
}

int db_run(struct db_stmt *s)
{
	if (!s)
		return DB_ERROR;
	int rc;
	while ((rc = db_step(s)) == DB_ROW)
		;
	db_done(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int db_send(struct db_stmt *s)
{
	if (!s || !s->db->drv->send)
		return db_run(s);
	int rc = s->db->drv->send(s);
	db_done(s);
	return rc;
}

int db_one_int(struct db_stmt *s, int64_t *v)
{
	if (!s)
		return DB_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW)
		*v = db_col_int(s, 0);
	db_done(s);
	return rc;
}

int db_exec(struct db *db, const char *sql)
{
	return db->drv->exec(db, sql);
}

int db_begin(struct db *db)
{
	return db->drv->begin(db);
}

int db_commit(struct db *db)
{
	return db->drv->commit(db);
}

int db_rollback(struct db *db)
{
	return db->drv->in_txn(db) ? db->drv->rollback(db) : DB_OK;
}

int db_in_txn(struct db *db)
{
	return db->drv->in_txn(db);
}

int db_locks_rows(struct db *db)
{
	return db->drv->row_locks && db->drv->in_txn(db);
}

int db_lock_name(struct db *db, const char *name)
{
	return db->drv->lock_name && db->drv->in_txn(db) ? db->drv->lock_name(db, name) : DB_OK;
}

int db_schema_version(struct db *db, int *version)
{
	return db->drv->schema_version(db, version);
}

int db_set_schema_version(struct db *db, int version)
{
	return db->drv->set_schema_version(db, version);
}

int db_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	return db->drv->backup(db, path, err, errlen);
}

int db_bulk(struct db *db, int on)
{
	return db->drv->bulk(db, on);
}

int db_analyze(struct db *db)
{
	return db->drv->analyze ? db->drv->analyze(db) : DB_OK;
}

void db_defer(struct db *db, int on)
{
	if (db->deferring != on && db->drv->loader)
		db->drv->loader(db, on);
	db->deferring = on;
}

const struct migration *db_migrations(const struct db *db, int *count)
{
	*count = *db->drv->n_migrations;
	return db->drv->migrations;
}

int db_latest_version(const struct db *db)
{
	int n;
	const struct migration *m = db_migrations(db, &n);
	return n > 0 ? m[n - 1].number : 0;
}
