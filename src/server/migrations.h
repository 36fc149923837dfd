/* migrations — each backend's numbered schema steps (struct migration in
 * db.h), applied in order by store_migrate. The numbers are shared by every
 * backend: step N leaves the same tables, columns and indexes on each, in that
 * backend's DDL. Never edit a shipped step; add the next number. The newest
 * step must be able to run again on a store that has it (IF NOT EXISTS, or
 * dropping what it makes first): test_store_cli forces a PostgreSQL store
 * one step back and migrates it again. */
#ifndef ANZHI_SERVER_MIGRATIONS_H
#define ANZHI_SERVER_MIGRATIONS_H

#include "server/db.h"

extern const struct migration migrations_sqlite[];
extern const int migrations_sqlite_count;
extern const struct migration migrations_pg[];
extern const int migrations_pg_count;

#endif
