/* store_sqlite — private to the SQLite store's two files: the connection and
 * the statement helpers. */
#ifndef ANZHI_SERVER_STORE_SQLITE_H
#define ANZHI_SERVER_STORE_SQLITE_H

#include <jansson.h>
#include <sqlite3.h>

struct store {
	sqlite3 *db;
	char err[256];
};

/* Records sqlite's message; returns STORE_ERROR. */
int sq_fail(struct store *st);
/* Prepares sql and binds args by the letters of types: s text (NULL → NULL),
 * i int64, j json_t* (dumped compactly; NULL → NULL). NULL on error. */
sqlite3_stmt *sq_prep(struct store *st, const char *sql, const char *types, ...);
/* Steps and finalizes a statement that returns no rows: STORE_OK when a row
 * changed, STORE_NOTFOUND when none, STORE_CONFLICT on a constraint. */
int sq_run(struct store *st, sqlite3_stmt *s);
const char *sq_col_text(sqlite3_stmt *s, int i);
json_t *sq_col_json(sqlite3_stmt *s, int i);
json_t *sq_col_str_or_null(sqlite3_stmt *s, int i);

#endif
