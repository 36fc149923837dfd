/* store_cmd — the verbs that act on the store as a whole: migrate (apply the
 * schema steps this binary knows, explicitly), backup (an online copy, safe
 * while the service runs) and seed (a province of test data). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/app.h"
#include "server/store.h"

int store_verb_usage(const char *verb, int nargs, long placements)
{
	if (strcmp(verb, "migrate") == 0)
		return nargs == 1 ? 0 : -1;
	if (strcmp(verb, "backup") == 0) {
		if (nargs != 2)
			fprintf(stderr, "anzhid: backup needs the copy's file name: anzhid backup"
					" --data DIR OUT.db\n");
		return nargs == 2 ? 0 : -1;
	}
	if (strcmp(verb, "seed") == 0) {
		if (nargs != 1 || placements < 1 || placements > 100000000)
			fprintf(stderr, "anzhid: seed needs --placements N (1–100000000)\n");
		return nargs == 1 && placements >= 1 && placements <= 100000000 ? 0 : -1;
	}
	return 0;
}

static int cmd_migrate(struct srv_ctx *ctx, struct store *st)
{
	int have, latest, now;
	if (store_schema(st, &have, &latest) != STORE_OK) {
		fprintf(stderr, "anzhid: migrate: %s\n", store_errmsg(st));
		return 1;
	}
	if (have == latest) {
		printf("%s is at schema version %d: nothing to do\n", store_name(st), have);
		return 0;
	}
	if (store_migrate(st) != STORE_OK || store_schema(st, &now, &latest) != STORE_OK) {
		fprintf(stderr, "anzhid: migrate: %s\n", store_errmsg(st));
		return 1;
	}
	printf("%s migrated from schema version %d to %d\n", store_name(st), have, now);
	return 0;
}

static int cmd_backup(struct srv_ctx *ctx, struct store *st, const char *out)
{
	char err[512];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_backup(st, out, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "anzhid: backup: %s\n", err);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("backed up %s to %s in %.1f s (materials included)\n", store_name(st), out,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}

int store_verb(struct srv_ctx *ctx, struct store *st, const char *verb, const char *arg,
	       long placements)
{
	char err[512];
	if (strcmp(verb, "migrate") == 0)
		return cmd_migrate(ctx, st);
	if (strcmp(verb, "backup") == 0)
		return cmd_backup(ctx, st, arg);
	if (seed_province(ctx, st, placements, stdout, err, sizeof err) != 0) {
		fprintf(stderr, "anzhid: seed: %s\n", err);
		return 1;
	}
	return 0;
}
