/* recheck_int — the parts of a re-check (recheck.c) that read and hand over
 * batches of placements: reading one (recheck_read.c) and reading ahead on a
 * second connection while the first checks and saves (recheck_ahead.c). */
#ifndef ANZHI_SERVER_RECHECK_INT_H
#define ANZHI_SERVER_RECHECK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "server/eval.h"
#include "server/records.h"
#include "server/store.h"

/* A placement to re-check, its unit and year, and its touched months (bit =
 * month number). */
struct todo {
	int64_t id, unit_id;
	int year;
	unsigned mask;
};

/* Up to STORE_BATCH placements read together, with their facts. */
struct batch {
	const struct todo *t; /* the batch's todo entries, count of them */
	int count;
	struct placement p[STORE_BATCH];
	int area[STORE_BATCH];
	unsigned kinds[STORE_BATCH];
	unsigned char locked[STORE_BATCH]; /* deferred, not checked */
	const char *idno[STORE_BATCH];     /* NULL: deleted since the import */
	int by_idno[STORE_BATCH];          /* positions in ID number order */
	int nby;
	char last[24];                     /* the ID number rows were last about… */
	int last_first, last_n;            /* …and where it is in by_idno */
	struct eval_facts facts[STORE_BATCH];
};

/* What reads batches: a connection and the labels of imports it looked up. */
struct reader {
	const struct srv_ctx *ctx;
	struct store *st;
	struct { int64_t id; char label[48]; } labels[16];
	int nlabels;
	int failed;
	struct batch *b; /* the batch the rows in hand are for */
	char err[320];
};

/* Reads t[0..count) into b through rd: the placements, their material kinds,
 * the facts that do not change while the re-check runs (person, contracts,
 * certificates, the payments of the months each checks). 0, or -1 with
 * rd->err filled. */
int batch_read(struct reader *rd, struct batch *b, const struct todo *t, int count);
/* On the writing connection st: which placements a declaration locks (when
 * check_locks), and the months their persons have confirmed elsewhere (in a
 * write, locked first) — read when the batch is checked, never ahead. 0, or
 * -1 with err filled. */
int batch_settle(struct store *st, struct batch *b, int check_locks, char *err, size_t errlen);
void batch_free(struct batch *b);

/* Reading ahead: a thread with its own connection reads the batches of
 * todo[0..n) in order while the caller checks and saves the one before. */
struct ahead;
/* Starts it on a connection of its own to target, or NULL (no second
 * connection: the caller reads for itself). */
struct ahead *ahead_start(const struct srv_ctx *ctx, const char *target, const struct todo *todo,
			  size_t n);
/* The batch that begins at todo[from] (batches are taken in order), or NULL
 * with err filled when reading it failed. Give it back with ahead_done (its
 * reader frees it). */
struct batch *ahead_take(struct ahead *a, size_t from, char *err, size_t errlen);
void ahead_done(struct ahead *a, struct batch *b);
/* Stops the thread (whatever it was reading) and closes its connection. */
void ahead_stop(struct ahead *a);

#endif
