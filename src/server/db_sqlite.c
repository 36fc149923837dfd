/* db_sqlite — the SQLite driver of db.h: WAL mode, synchronous=NORMAL (a
 * commit survives a crash of the process; a power loss may lose the last
 * ones), foreign keys on, a 10 s busy timeout so concurrent writers queue,
 * BEGIN IMMEDIATE for write transactions, PRAGMA user_version for the schema
 * version and the online backup API for backups. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/db.h"
#include "server/migrations.h"

struct sq_db {
	struct db base;
	sqlite3 *h;
};

static sqlite3 *handle(struct db *db)
{
	return ((struct sq_db *)db)->h;
}

static int fail(struct db *db)
{
	return db_fail(db, "%s", sqlite3_errmsg(handle(db)));
}

static int sq_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		db_fail(db, "%s", msg ? msg : sqlite3_errmsg(handle(db)));
		sqlite3_free(msg);
		return DB_ERROR;
	}
	return DB_OK;
}

static void sq_close(struct db *db)
{
	sqlite3_close(handle(db));
	free(db);
}

/* Before SQLite's first use: no memory statistics, whose one mutex every
 * allocation of every connection would take (the service's threads and a
 * re-check's readers allocate side by side). */
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(struct db **out, const char *path, char *err, size_t errlen)
{
	static pthread_once_t configured = PTHREAD_ONCE_INIT;
	pthread_once(&configured, sq_configure);
	struct sq_db *d = calloc(1, sizeof *d);
	*out = NULL;
	if (!d) {
		snprintf(err, errlen, "out of memory");
		return DB_ERROR;
	}
	d->base.drv = &db_sqlite_driver;
	snprintf(d->base.name, sizeof d->base.name, "%s", path);
	if (sqlite3_open_v2(path, &d->h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, d->h ? sqlite3_errmsg(d->h) : "cannot open");
		sq_close(&d->base);
		return DB_ERROR;
	}
	sqlite3_busy_timeout(d->h, 10000);
	/* 16 MiB of page cache per connection keeps the upper levels of every
	 * index in memory at province scale without growing the service. */
	if (sq_exec(&d->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			      " PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;"
			      " PRAGMA temp_store=MEMORY;") != DB_OK) {
		snprintf(err, errlen, "%s: %s", path, d->base.err);
		sq_close(&d->base);
		return DB_ERROR;
	}
	*out = &d->base;
	return DB_OK;
}

/* A trailing FOR UPDATE (db.h) is PostgreSQL's row lock: here every writer
 * already holds the one write lock, so the words go. */
static int sql_length(const char *sql)
{
	static const char lock[] = " FOR UPDATE";
	size_t n = strlen(sql), k = sizeof lock - 1;
	return (int)(n >= k && strcmp(sql + n - k, lock) == 0 ? n - k : n);
}

static int sq_prepare(struct db *db, const char *sql, void **h)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v3(handle(db), sql, sql_length(sql), SQLITE_PREPARE_PERSISTENT, &s,
			       NULL) != SQLITE_OK)
		return db_fail(db, "%s (in: %.120s)", sqlite3_errmsg(handle(db)), sql);
	*h = s;
	return DB_OK;
}

static void sq_finalize(struct db *db, void *h)
{
	sqlite3_finalize(h);
}

static int bound(struct db_stmt *s, int rc)
{
	return rc == SQLITE_OK ? DB_OK : fail(s->db);
}

static int sq_bind_int(struct db_stmt *s, int i, int64_t v)
{
	return bound(s, sqlite3_bind_int64(s->h, i, v));
}

static int sq_bind_text(struct db_stmt *s, int i, const char *v, size_t len)
{
	return bound(s, sqlite3_bind_text64(s->h, i, v, len, SQLITE_STATIC, SQLITE_UTF8));
}

static int sq_bind_blob(struct db_stmt *s, int i, const void *v, size_t len)
{
	return bound(s, sqlite3_bind_blob64(s->h, i, v, len, SQLITE_STATIC));
}

static int sq_bind_null(struct db_stmt *s, int i)
{
	return bound(s, sqlite3_bind_null(s->h, i));
}

static int sq_step(struct db_stmt *s)
{
	int rc = sqlite3_step(s->h);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	fail(s->db);
	return (rc & 0xff) == SQLITE_CONSTRAINT ? DB_CONSTRAINT : DB_ERROR;
}

static void sq_reset(struct db_stmt *s)
{
	sqlite3_reset(s->h);
	sqlite3_clear_bindings(s->h);
}

static int sq_col_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(s->h, i) == SQLITE_NULL;
}

static int64_t sq_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->h, i);
}

static const char *sq_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->h, i);
}

static const void *sq_col_blob(struct db_stmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(s->h, i);
	*len = (size_t)sqlite3_column_bytes(s->h, i);
	return p;
}

static int64_t sq_changes(struct db *db)
{
	return sqlite3_changes64(handle(db));
}

static int sq_begin(struct db *db)
{
	return sq_exec(db, "BEGIN IMMEDIATE");
}

static int sq_commit(struct db *db)
{
	return sq_exec(db, "COMMIT");
}

static int sq_rollback(struct db *db)
{
	return sq_exec(db, "ROLLBACK");
}

static int sq_in_txn(struct db *db)
{
	return !sqlite3_get_autocommit(handle(db));
}

static int sq_schema_version(struct db *db, int *version)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(handle(db), "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return fail(db);
	int rc = sqlite3_step(s);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? DB_OK : fail(db);
}

static int sq_set_schema_version(struct db *db, int version)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	return sq_exec(db, sql);
}

/* The online backup API, all pages in one step: the copy reads one snapshot
 * (a WAL read transaction, which never blocks the writers) and so does not
 * restart when the service writes meanwhile. */
static int sq_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst = NULL;
	if (access(path, F_OK) == 0) {
		snprintf(err, errlen, "%s exists: give a new file name", path);
		return DB_ERROR;
	}
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, dst ? sqlite3_errmsg(dst) : "cannot create");
		sqlite3_close(dst);
		return DB_ERROR;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", handle(db), "main");
	int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b)
		sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "backup: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		unlink(path);
		return DB_ERROR;
	}
	/* The copy must open on its own: check it before saying it is done. */
	sqlite3_stmt *s = NULL;
	rc = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &s, NULL);
	const char *verdict = rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW
				      ? (const char *)sqlite3_column_text(s, 0) : NULL;
	int ok = verdict && strcmp(verdict, "ok") == 0;
	if (!ok)
		snprintf(err, errlen, "backup: the copy fails its check: %s",
			 verdict ? verdict : sqlite3_errmsg(dst));
	sqlite3_finalize(s);
	sqlite3_close(dst);
	if (!ok)
		unlink(path);
	return ok ? DB_OK : DB_ERROR;
}

/* Seeding an empty store: no waiting for the disk at each commit, pages
 * written once (a rollback journal in memory instead of the WAL, when no
 * other connection has the store open), no foreign-key lookups (the loader
 * makes parents first), and room for the indexes that grow out of order. */
static int sq_bulk(struct db *db, int on)
{
	return sq_exec(db, on ? "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
			       " PRAGMA foreign_keys=OFF; PRAGMA cache_size=-1048576;"
			      : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			       " PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;");
}

/* An import or re-check reads a placement's rows, its person's payments and
 * months across the whole store: a cache the size of a province's hot rows
 * saves a read() per page (released when it ends). */
static int sq_loader(struct db *db, int on)
{
	return sq_exec(db, on ? "PRAGMA cache_size=-1048576; PRAGMA mmap_size=17179869184"
			      : "PRAGMA cache_size=-16384; PRAGMA mmap_size=0");
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.reset = sq_reset,
	.col_null = sq_col_null,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.in_txn = sq_in_txn,
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.backup = sq_backup,
	.bulk = sq_bulk,
	.loader = sq_loader,
	.migrations = migrations_sqlite,
	.n_migrations = &migrations_sqlite_count,
};
