/* app — what every anzhid verb needs before it acts: the data directory,
 * regions and policy loaded, the store migrated. Also the demo seeder and
 * the registry importer, which main.c's verbs call. */
#ifndef ANZHI_SERVER_APP_H
#define ANZHI_SERVER_APP_H

#include <stdint.h>
#include <stdio.h>

#include "server/srv.h"

/* Creates DIR (and DIR/materials), loads regions and policy from
 * cfg.datadir, opens the store and applies migrations into *st. */
int app_open(struct srv_ctx *ctx, struct store **st, char *err, size_t errlen);
void app_close(struct srv_ctx *ctx);

/* Seeds an empty store with the demo (deterministic); writes
 * DIR/demo-accounts.json and prints the accounts to out. 1 when the store was
 * not empty (nothing done), 0 seeded, -1 error. */
int demo_seed(struct srv_ctx *ctx, struct store *st, FILE *out, char *err, size_t errlen);

/* Imports one registry CSV, all or nothing. source: wages | social-insurance |
 * medical-insurance | certificates | persons. *rows receives the row count.
 * The placement-months a payment import names wait for recheck_pending. */
int import_csv(struct srv_ctx *ctx, struct store *st, const char *source, const char *file,
	       const char *as_of, long *rows, char *err, size_t errlen);
/* One registry import, as the command line and the service (import_job.c)
 * run it: the CSV text, all or nothing. */
#define IMPORT_PROGRESS_ROWS 200
/* an import of at least this many rows refreshes the planner's statistics */
#define IMPORT_ANALYZE_ROWS 10000
struct import_input {
	const char *source;           /* wages | social-insurance | … */
	const char *text;
	size_t len;
	const char *origin;           /* the file name errors name */
	const char *as_of;            /* NULL: today */
	int64_t import_id;            /* 0: recorded here; else the row the service made
					 (its status is the service's to set); receives the id */
	int64_t user_id;              /* who, for the audit (0: the command line) */
	const char *ip;
	void (*progress)(void *arg, long rows); /* every IMPORT_PROGRESS_ROWS rows, may be NULL */
	void *arg;
	const volatile int *cancel;   /* set: stop and roll back, may be NULL */
	long rows;                    /* out: the rows imported */
};
int import_run(struct srv_ctx *ctx, struct store *st, struct import_input *in, char *err,
	       size_t errlen);
/* The stored label of a source ("social-insurance" → "social"), NULL when
 * unknown; the data rows of a CSV text (lines but the header, blanks and
 * comments). */
const char *import_source_label(const char *source);
long import_count_rows(const char *text, size_t len);
/* Same from text in memory (origin names it in errors). */
int import_text(struct srv_ctx *ctx, struct store *st, const char *source, const char *text,
		size_t len, const char *origin, const char *as_of, long *rows, char *err,
		size_t errlen);

/* The store's verbs (store_cmd.c): "migrate", "backup" (arg: the copy's
 * path) and "seed" (placements: how many). store_verb_usage is 0 when the
 * arguments fit the verb; store_verb returns the exit status. */
int store_verb_usage(const char *verb, int nargs, long placements);
int store_verb(struct srv_ctx *ctx, struct store *st, const char *verb, const char *arg,
	       long placements);

/* Fills an empty store with a province of n placements (seed.c); writes
 * DIR/seed-accounts.json. -1 with err filled on failure. */
int seed_province(struct srv_ctx *ctx, struct store *st, long n, FILE *out, char *err,
		  size_t errlen);

#endif
