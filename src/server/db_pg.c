/* db_pg — the PostgreSQL driver of db.h, over libpq. One PGconn per struct
 * db (one per worker thread), statements prepared once per connection under
 * generated names with the `?` placeholders rewritten to $1, $2, …,
 * parameters sent as text (blobs as bytes) so that the server infers each
 * one's type from where it stands, results read as text (binary when the
 * statement returns a bytea column, so that blobs arrive as bytes).
 *
 * Transactions run at READ COMMITTED: an UPDATE … WHERE version = ? that
 * races another writer waits for its row lock and then sees the new version
 * (0 rows: the caller's 412); reads that must not change before the write
 * end in FOR UPDATE. A deadlock or serialisation failure marks the
 * connection's error retryable (db_retryable). A connection the server
 * dropped is made again, and its statements prepared again, before the next
 * statement that runs outside a transaction. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/db.h"
#include "server/migrations.h"

/* Type OIDs of pg_type (stable across releases). */
enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23 };

/* Any number the service's schema lock is known by (pg_advisory_xact_lock). */
#define SCHEMA_LOCK_KEY 0x616e7a68 /* "anzh" */

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned long names;     /* statements prepared so far: the next name */
	unsigned gen;            /* bumped each time the connection is made again */
	int64_t changes;
	int queued;              /* statements sent, results not read yet */
};

struct pg_stmt {
	char name[24];
	char *sql;               /* with $n placeholders */
	int nparams;
	unsigned gen;            /* the connection generation it was prepared in */
	int binary;              /* results in binary (a bytea column) */
	int sent;                /* queued by db_send: nothing to read */
	int ncols;               /* result columns */
	const char **values;
	int *lengths, *formats;
	char (*ints)[24];        /* the text of bound integers */
	char **owned;            /* copies of text that was not NUL-terminated */
	PGresult *res;
	int row, nrows;
};

static struct pg_db *pg(struct db *db)
{
	return (struct pg_db *)db;
}

static PGconn *conn(struct db *db)
{
	return pg(db)->conn;
}

static int fail_conn(struct db *db)
{
	const char *m = PQerrorMessage(conn(db));
	size_t n = strlen(m);
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	return db_fail(db, "%.*s", (int)n, m);
}

/* The outcome of a finished command: DB_OK, DB_CONSTRAINT (class 23:
 * integrity constraint violation) or DB_ERROR. Clears res on error. */
static int result_rc(struct db *db, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return DB_OK;
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	int rc = state && strncmp(state, "23", 2) == 0 ? DB_CONSTRAINT : DB_ERROR;
	db->retry = state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0);
	if (msg)
		db_fail(db, "%s (SQLSTATE %s)", msg, state ? state : "?");
	else
		fail_conn(db);
	PQclear(res); /* state and msg point into it */
	return rc;
}

/* Reads the results of the statements db_send queued and leaves pipeline
 * mode: the first error among them, else DB_OK. Every other call to the
 * server drains first. */
static int drain(struct db *db)
{
	struct pg_db *d = pg(db);
	int rc = DB_OK;
	if (PQpipelineStatus(d->conn) == PQ_PIPELINE_OFF)
		return DB_OK;
	if (PQpipelineSync(d->conn) != 1) {
		d->queued = 0;
		return fail_conn(db);
	}
	for (;;) {
		PGresult *res = PQgetResult(d->conn);
		if (!res) {
			if (PQstatus(d->conn) != CONNECTION_OK)
				break;
			continue; /* the end of one statement's results */
		}
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (rc == DB_OK && st != PGRES_PIPELINE_ABORTED) {
			rc = result_rc(db, res); /* clears res on an error */
			if (rc == DB_OK)
				PQclear(res);
		} else {
			PQclear(res);
		}
	}
	d->queued = 0;
	if (PQexitPipelineMode(d->conn) != 1 && rc == DB_OK)
		rc = fail_conn(db);
	return rc;
}

static int pg_exec(struct db *db, const char *sql)
{
	if (drain(db) != DB_OK)
		return DB_ERROR;
	PGresult *res = PQexec(conn(db), sql);
	if (!res)
		return fail_conn(db);
	int rc = result_rc(db, res);
	if (rc == DB_OK)
		PQclear(res);
	return rc;
}

static void pg_close(struct db *db)
{
	PQfinish(conn(db));
	free(db);
}

/* NOTICEs ("table does not exist, skipping") are not the service's output. */
static void quiet(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

/* What the connection may print: user, host, port and database, never a
 * password. */
static void describe(struct pg_db *d)
{
	const char *host = PQhost(d->conn);
	snprintf(d->base.name, sizeof d->base.name, "postgresql://%s@%s:%s/%s", PQuser(d->conn),
		 host && *host != '/' ? host : "", PQport(d->conn), PQdb(d->conn));
}

static int session_settings(struct pg_db *d)
{
	PQsetNoticeReceiver(d->conn, quiet, NULL);
	return PQsetClientEncoding(d->conn, "UTF8") == 0 ? DB_OK : fail_conn(&d->base);
}

static int pg_open(struct db **out, const char *target, char *err, size_t errlen)
{
	struct pg_db *d = calloc(1, sizeof *d);
	*out = NULL;
	if (!d) {
		snprintf(err, errlen, "out of memory");
		return DB_ERROR;
	}
	d->base.drv = &db_pg_driver;
	/* "postgresql://" alone: every setting from the PG* variables. */
	d->conn = PQconnectdb(target);
	if (!d->conn || PQstatus(d->conn) != CONNECTION_OK || session_settings(d) != DB_OK) {
		const char *m = d->conn ? PQerrorMessage(d->conn) : "out of memory";
		snprintf(err, errlen, "PostgreSQL: %.*s", (int)strcspn(m, "\n"), m);
		pg_close(&d->base);
		return DB_ERROR;
	}
	describe(d);
	*out = &d->base;
	return DB_OK;
}

/* A connection the server dropped is made again, outside a transaction
 * only (a transaction does not survive its connection). */
static int reconnect_if_lost(struct db *db)
{
	struct pg_db *d = pg(db);
	if (PQstatus(d->conn) == CONNECTION_OK)
		return DB_OK;
	PQreset(d->conn);
	if (PQstatus(d->conn) != CONNECTION_OK)
		return fail_conn(db);
	d->gen++;
	return session_settings(d);
}

/* `?` → $n, and ` LIKE ` → ` ILIKE ` (SQLite's LIKE ignores the case of
 * ASCII letters, PostgreSQL's ILIKE is that rule: a search for "admin" or an
 * ID number ending in "x" finds the same rows on both), outside quoted text
 * and comments. */
static char *rewrite(const char *sql, int *nparams)
{
	size_t len = strlen(sql), q = 0;
	for (const char *c = sql; *c; c++)
		q += *c == '?' || strncmp(c, " LIKE ", 6) == 0;
	char *out = malloc(len + q * 5 + 1), *o = out;
	int n = 0;
	char quote = 0;
	if (!out)
		return NULL;
	for (const char *c = sql; *c; c++) {
		if (quote) {
			quote = *c == quote ? 0 : quote;
		} else if (*c == '\'' || *c == '"') {
			quote = *c;
		} else if (c[0] == '-' && c[1] == '-') {
			size_t skip = strcspn(c, "\n");
			memcpy(o, c, skip);
			o += skip;
			c += skip - 1;
			continue;
		} else if (*c == '?') {
			o += sprintf(o, "$%d", ++n);
			continue;
		} else if (strncmp(c, " LIKE ", 6) == 0) {
			o += sprintf(o, " ILIKE ");
			c += 5;
			continue;
		}
		*o++ = *c;
	}
	*o = '\0';
	*nparams = n;
	return out;
}

/* PREPARE under the statement's name, then learn whether a result column
 * is a bytea (those statements read results in binary). */
static int server_prepare(struct db *db, struct pg_stmt *h)
{
	struct pg_db *d = pg(db);
	if (drain(db) != DB_OK)
		return DB_ERROR;
	snprintf(h->name, sizeof h->name, "a%lu", ++d->names);
	PGresult *res = PQprepare(d->conn, h->name, h->sql, 0, NULL);
	if (!res || result_rc(db, res) != DB_OK) {
		if (!res)
			fail_conn(db);
		return db_fail(db, "%s (in: %.120s)", db->err, h->sql);
	}
	PQclear(res);
	res = PQdescribePrepared(d->conn, h->name);
	if (!res || result_rc(db, res) != DB_OK)
		return res ? DB_ERROR : fail_conn(db);
	h->binary = 0;
	h->ncols = PQnfields(res);
	for (int i = 0; i < PQnfields(res); i++)
		h->binary |= PQftype(res, i) == OID_BYTEA;
	PQclear(res);
	h->gen = d->gen;
	return DB_OK;
}

static void stmt_free(struct pg_stmt *h)
{
	if (!h)
		return;
	PQclear(h->res);
	free(h->sql);
	free(h->values);
	free(h->lengths);
	free(h->formats);
	free(h->ints);
	free(h->owned);
	free(h);
}

static int pg_prepare(struct db *db, const char *sql, void **out)
{
	struct pg_stmt *h = calloc(1, sizeof *h);
	*out = NULL;
	if (!h || !(h->sql = rewrite(sql, &h->nparams))) {
		free(h);
		return db_fail(db, "out of memory");
	}
	size_t n = h->nparams ? (size_t)h->nparams : 1;
	h->values = calloc(n, sizeof *h->values);
	h->lengths = calloc(n, sizeof *h->lengths);
	h->formats = calloc(n, sizeof *h->formats);
	h->ints = calloc(n, sizeof *h->ints);
	h->owned = calloc(n, sizeof *h->owned);
	if (!h->values || !h->lengths || !h->formats || !h->ints || !h->owned) {
		stmt_free(h);
		return db_fail(db, "out of memory");
	}
	if (reconnect_if_lost(db) != DB_OK || server_prepare(db, h) != DB_OK) {
		stmt_free(h);
		return DB_ERROR;
	}
	*out = h;
	return DB_OK;
}

static void pg_finalize(struct db *db, void *handle)
{
	struct pg_stmt *h = handle;
	if (!h)
		return;
	/* A statement of an older connection died with it; in a failed
	 * transaction the name stays until the connection ends (names are
	 * never reused). */
	if (h->gen == pg(db)->gen && PQstatus(conn(db)) == CONNECTION_OK && drain(db) == DB_OK &&
	    PQtransactionStatus(conn(db)) != PQTRANS_INERROR) {
		char sql[40];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", h->name);
		PQclear(PQexec(conn(db), sql));
	}
	stmt_free(h);
}

static struct pg_stmt *handle(struct db_stmt *s)
{
	return s->h;
}

static int param(struct db_stmt *s, int i)
{
	if (i < 1 || i > handle(s)->nparams)
		return db_fail(s->db, "parameter %d of %d", i, handle(s)->nparams);
	struct pg_stmt *h = handle(s);
	free(h->owned[i - 1]);
	h->owned[i - 1] = NULL;
	return DB_OK;
}

static int pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
	if (param(s, i) != DB_OK)
		return DB_ERROR;
	struct pg_stmt *h = handle(s);
	snprintf(h->ints[i - 1], sizeof h->ints[i - 1], "%lld", (long long)v);
	h->values[i - 1] = h->ints[i - 1];
	h->formats[i - 1] = 0;
	return DB_OK;
}

static int pg_bind_text(struct db_stmt *s, int i, const char *v, size_t len)
{
	if (param(s, i) != DB_OK)
		return DB_ERROR;
	struct pg_stmt *h = handle(s);
	if (v[len] != '\0') { /* text parameters go as C strings */
		h->owned[i - 1] = strndup(v, len);
		if (!h->owned[i - 1])
			return db_fail(s->db, "out of memory");
		v = h->owned[i - 1];
	}
	h->values[i - 1] = v;
	h->formats[i - 1] = 0;
	return DB_OK;
}

static int pg_bind_blob(struct db_stmt *s, int i, const void *v, size_t len)
{
	if (param(s, i) != DB_OK)
		return DB_ERROR;
	if (len > 0x7fffffff)
		return db_fail(s->db, "a blob over 2 GiB");
	struct pg_stmt *h = handle(s);
	h->values[i - 1] = len ? v : "";
	h->lengths[i - 1] = (int)len;
	h->formats[i - 1] = 1;
	return DB_OK;
}

static int pg_bind_null(struct db_stmt *s, int i)
{
	if (param(s, i) != DB_OK)
		return DB_ERROR;
	handle(s)->values[i - 1] = NULL;
	return DB_OK;
}

/* A command that inserted, updated or deleted: its row count. */
static void note_changes(struct pg_db *d, PGresult *res)
{
	const char *cmd = PQcmdStatus(res);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0 || strncmp(cmd, "MERGE", 5) == 0)
		d->changes = strtoll(PQcmdTuples(res), NULL, 10);
}

static PGresult *run(struct db *db, struct pg_stmt *h)
{
	return PQexecPrepared(conn(db), h->name, h->nparams, h->values, h->lengths, h->formats,
			      h->binary);
}

static int execute(struct db_stmt *s)
{
	struct db *db = s->db;
	struct pg_stmt *h = handle(s);
	if (drain(db) != DB_OK)
		return DB_ERROR;
	int outside = PQtransactionStatus(conn(db)) == PQTRANS_IDLE;
	if (outside && reconnect_if_lost(db) != DB_OK)
		return DB_ERROR;
	if (h->gen != pg(db)->gen && server_prepare(db, h) != DB_OK)
		return DB_ERROR;
	PGresult *res = run(db, h);
	/* The server went away between two requests: once more, anew. */
	if (outside && PQstatus(conn(db)) == CONNECTION_BAD) {
		PQclear(res);
		if (reconnect_if_lost(db) != DB_OK || server_prepare(db, h) != DB_OK)
			return DB_ERROR;
		res = run(db, h);
	}
	if (!res)
		return fail_conn(db);
	int rc = result_rc(db, res);
	if (rc != DB_OK)
		return rc;
	note_changes(pg(db), res);
	h->res = res;
	h->nrows = PQntuples(res);
	h->row = -1;
	return DB_OK;
}

static int pg_step(struct db_stmt *s)
{
	struct pg_stmt *h = handle(s);
	if (h->sent)
		return DB_DONE;
	if (!h->res) {
		int rc = execute(s);
		if (rc != DB_OK)
			return rc;
	}
	if (h->row + 1 >= h->nrows) {
		h->row = h->nrows;
		return DB_DONE;
	}
	h->row++;
	return DB_ROW;
}

/* While deferring, inside a transaction: queued in pipeline mode (a few
 * hundred at most, so that neither side's socket buffer fills). */
static int pg_send(struct db_stmt *s)
{
	struct db *db = s->db;
	struct pg_db *d = pg(db);
	struct pg_stmt *h = handle(s);
	if (!db->deferring || h->ncols > 0 || h->gen != d->gen ||
	    PQtransactionStatus(d->conn) == PQTRANS_IDLE) {
		int rc;
		while ((rc = pg_step(s)) == DB_ROW)
			;
		return rc == DB_DONE ? DB_OK : rc;
	}
	if (PQpipelineStatus(d->conn) == PQ_PIPELINE_OFF && PQenterPipelineMode(d->conn) != 1)
		return fail_conn(db);
	if (PQsendQueryPrepared(d->conn, h->name, h->nparams, h->values, h->lengths, h->formats,
				h->binary) != 1)
		return fail_conn(db);
	h->sent = 1;
	return ++d->queued >= 256 ? drain(db) : DB_OK;
}

static void pg_reset(struct db_stmt *s)
{
	struct pg_stmt *h = handle(s);
	PQclear(h->res);
	h->res = NULL;
	h->row = h->nrows = 0;
	h->sent = 0;
	for (int i = 0; i < h->nparams; i++) {
		free(h->owned[i]);
		h->owned[i] = NULL;
		h->values[i] = NULL;
		h->lengths[i] = 0;
		h->formats[i] = 0;
	}
}

static int has_value(struct db_stmt *s, int i)
{
	struct pg_stmt *h = handle(s);
	return h->res && h->row >= 0 && h->row < h->nrows && i >= 0 && i < PQnfields(h->res) &&
	       !PQgetisnull(h->res, h->row, i);
}

static int pg_col_null(struct db_stmt *s, int i)
{
	return !has_value(s, i);
}

static int64_t big_endian(const unsigned char *p, int n)
{
	uint64_t v = 0;
	for (int k = 0; k < n; k++)
		v = v << 8 | p[k];
	if (n < 8 && (p[0] & 0x80)) /* sign-extend */
		v |= ~(uint64_t)0 << (8 * n);
	return (int64_t)v;
}

static int64_t pg_col_int(struct db_stmt *s, int i)
{
	struct pg_stmt *h = handle(s);
	if (!has_value(s, i))
		return 0;
	const char *v = PQgetvalue(h->res, h->row, i);
	if (!h->binary)
		return strtoll(v, NULL, 10);
	switch (PQftype(h->res, i)) {
	case OID_INT8:
		return big_endian((const unsigned char *)v, 8);
	case OID_INT4:
		return big_endian((const unsigned char *)v, 4);
	case OID_INT2:
		return big_endian((const unsigned char *)v, 2);
	case OID_BOOL:
		return v[0] != 0;
	default:
		return strtoll(v, NULL, 10);
	}
}

static const char *pg_col_text(struct db_stmt *s, int i)
{
	return has_value(s, i) ? PQgetvalue(handle(s)->res, handle(s)->row, i) : NULL;
}

static const void *pg_col_blob(struct db_stmt *s, int i, size_t *len)
{
	struct pg_stmt *h = handle(s);
	*len = 0;
	if (!has_value(s, i))
		return NULL;
	*len = (size_t)PQgetlength(h->res, h->row, i);
	return PQgetvalue(h->res, h->row, i);
}

static int64_t pg_changes(struct db *db)
{
	return pg(db)->changes;
}

static int pg_begin(struct db *db)
{
	db->retry = 0;
	if (PQtransactionStatus(conn(db)) == PQTRANS_IDLE && reconnect_if_lost(db) != DB_OK)
		return DB_ERROR;
	return pg_exec(db, "BEGIN");
}

/* COMMIT of a failed transaction answers ROLLBACK, not an error. */
static int pg_commit(struct db *db)
{
	if (drain(db) != DB_OK)
		return DB_ERROR;
	PGresult *res = PQexec(conn(db), "COMMIT");
	if (!res)
		return fail_conn(db);
	int rc = result_rc(db, res);
	if (rc != DB_OK)
		return rc;
	int committed = strcmp(PQcmdStatus(res), "COMMIT") == 0;
	PQclear(res);
	return committed ? DB_OK : db_fail(db, "the transaction failed and was rolled back");
}

static int pg_rollback(struct db *db)
{
	drain(db); /* what failed there is rolled back with the rest */
	return pg_exec(db, "ROLLBACK");
}

static int pg_in_txn(struct db *db)
{
	return PQtransactionStatus(conn(db)) != PQTRANS_IDLE;
}

static int one_int(struct db *db, const char *sql, int *v, int *found)
{
	if (drain(db) != DB_OK)
		return DB_ERROR;
	PGresult *res = PQexec(conn(db), sql);
	if (!res)
		return fail_conn(db);
	int rc = result_rc(db, res);
	if (rc != DB_OK)
		return rc;
	*found = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0);
	*v = *found ? atoi(PQgetvalue(res, 0, 0)) : 0;
	PQclear(res);
	return DB_OK;
}

/* Inside a transaction (a migration), the schema lock is taken first and
 * kept until it ends: instances starting together on one new database
 * migrate it once, one after the other. */
static int pg_schema_version(struct db *db, int *version)
{
	int exists, found;
	char sql[96];
	*version = 0;
	if (pg_in_txn(db)) {
		snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d)", SCHEMA_LOCK_KEY);
		if (pg_exec(db, sql) != DB_OK)
			return DB_ERROR;
	}
	if (one_int(db, "SELECT CAST(to_regclass('schema_version') IS NOT NULL AS INTEGER)",
		    &exists, &found) != DB_OK)
		return DB_ERROR;
	if (!exists)
		return DB_OK;
	return one_int(db, "SELECT MAX(version) FROM schema_version", version, &found);
}

static int pg_set_schema_version(struct db *db, int version)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
		 " DELETE FROM schema_version; INSERT INTO schema_version VALUES (%d)",
		 version);
	return pg_exec(db, sql);
}

static int pg_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen,
		 "the store is in PostgreSQL (%s): back it up with pg_dump, or keep WAL archives"
		 " for point-in-time recovery (anzhid(8), BACKUP AND RESTORE)",
		 db->name);
	return DB_ERROR;
}

/* After a load that named its own ids: every identity column's sequence
 * goes on after its table's largest id (SQLite's AUTOINCREMENT does so by
 * itself). */
static const char sequences_past_max[] =
	"DO $$ DECLARE r record; BEGIN"
	" FOR r IN SELECT table_name, column_name FROM information_schema.columns"
	" WHERE is_identity = 'YES' AND table_schema = current_schema() LOOP"
	" EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L),"
	" COALESCE(MAX(%I), 0) + 1, false) FROM %I', r.table_name, r.column_name,"
	" r.column_name, r.table_name);"
	" END LOOP; END $$";

/* Seeding an empty database: commits do not wait for the WAL to reach the
 * disk (a failed seed is started again on a new database), and, when the
 * role may (a superuser's), foreign keys are not looked up row by row (the
 * loader makes parents first), as SQLite's bulk mode does. */
static int pg_bulk(struct db *db, int on)
{
	if (!on) {
		if (drain(db) != DB_OK)
			return DB_ERROR;
		PQclear(PQexec(conn(db), "RESET session_replication_role"));
		return pg_exec(db, sequences_past_max) == DB_OK ? pg_exec(db, "RESET synchronous_commit")
								: DB_ERROR;
	}
	PQclear(PQexec(conn(db), "SET session_replication_role = replica"));
	return pg_exec(db, "SET synchronous_commit = off");
}

/* A transaction-level advisory lock on the name's 64-bit hash. */
static int pg_lock_name(struct db *db, const char *name)
{
	static const char sql[] = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
	return db_run(db_q(db, sql, "s", name));
}

/* A seed or a large import changes the tables' sizes by orders of magnitude:
 * until autovacuum's next visit the planner would scan whole tables for the
 * re-check's batched reads (a 20,000-placement re-check took 24 s instead of
 * 3.5 s). */
static int pg_analyze(struct db *db)
{
	return pg_exec(db, "ANALYZE");
}

const struct db_driver db_pg_driver = {
	.name = "postgresql",
	.row_locks = 1,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.reset = pg_reset,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_txn = pg_in_txn,
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
	.backup = pg_backup,
	.bulk = pg_bulk,
	.send = pg_send,
	.lock_name = pg_lock_name,
	.analyze = pg_analyze,
	.migrations = migrations_pg,
	.n_migrations = &migrations_pg_count,
};
