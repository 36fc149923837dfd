/* migrations — schema as numbered SQL steps. Portable SQL only (TEXT, INTEGER,
 * BIGINT, PRIMARY KEY, UNIQUE): records that the API moves whole are kept as
 * JSON text, with the columns queries filter on beside them. Never edit a
 * shipped step; add the next number. */
#include "server/migrations.h"

const struct migration migrations[] = {
	{ 1,
	  "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
	  " display_name TEXT NOT NULL, role TEXT NOT NULL, unit TEXT, region TEXT,"
	  " pwhash TEXT NOT NULL, created_at BIGINT NOT NULL);"
	  "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL,"
	  " expires_at BIGINT NOT NULL, last_seen BIGINT NOT NULL);"
	  "CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, parent TEXT);"
	  "CREATE TABLE units (uscc TEXT PRIMARY KEY, name TEXT NOT NULL,"
	  " federation_region TEXT NOT NULL, doc TEXT NOT NULL, version BIGINT NOT NULL);"
	  "CREATE TABLE declarations (uscc TEXT NOT NULL, year INTEGER NOT NULL,"
	  " doc TEXT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (uscc, year));"
	  "CREATE TABLE placements (id INTEGER PRIMARY KEY, uscc TEXT NOT NULL,"
	  " year INTEGER NOT NULL, idno TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,"
	  " doc TEXT NOT NULL, version BIGINT NOT NULL, UNIQUE (uscc, year, idno));"
	  "CREATE INDEX placements_idno ON placements (idno, year);"
	  "CREATE TABLE materials (id INTEGER PRIMARY KEY, placement_id BIGINT NOT NULL,"
	  " kind TEXT NOT NULL, filename TEXT NOT NULL, size BIGINT NOT NULL,"
	  " content_type TEXT NOT NULL, digest TEXT NOT NULL, uploaded_at TEXT NOT NULL);"
	  "CREATE INDEX materials_placement ON materials (placement_id);"
	  "CREATE TABLE imports (id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
	  " as_of TEXT NOT NULL, digest TEXT NOT NULL, rows_count BIGINT NOT NULL,"
	  " created_at BIGINT NOT NULL);"
	  "CREATE TABLE registry_persons (idno TEXT PRIMARY KEY, doc TEXT NOT NULL,"
	  " import_id BIGINT);"
	  "CREATE TABLE registry_payments (source TEXT NOT NULL, idno TEXT NOT NULL,"
	  " month TEXT NOT NULL, uscc TEXT NOT NULL, amount_fen BIGINT NOT NULL,"
	  " import_id BIGINT);"
	  "CREATE INDEX registry_payments_person ON registry_payments (source, idno, month);"
	  "CREATE TABLE notices (id INTEGER PRIMARY KEY, uscc TEXT, title TEXT NOT NULL,"
	  " body TEXT NOT NULL, created_at TEXT NOT NULL);"
	  "CREATE TABLE notice_reads (notice_id BIGINT NOT NULL, user_id BIGINT NOT NULL,"
	  " PRIMARY KEY (notice_id, user_id));"
	  "CREATE TABLE idempotency (user_id BIGINT NOT NULL, idem_key TEXT NOT NULL,"
	  " status INTEGER NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,"
	  " PRIMARY KEY (user_id, idem_key));"
	  "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id BIGINT,"
	  " ip TEXT, entity TEXT NOT NULL, entity_id TEXT, action TEXT NOT NULL,"
	  " before_doc TEXT, after_doc TEXT);" },
};

const int migrations_count = (int)(sizeof migrations / sizeof migrations[0]);
