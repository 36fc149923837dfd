/* app — shared start-up of every verb (see app.h). */
#include "server/app.h"

#include "server/doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/policy.h"
#include "core/regions.h"
#include "server/db.h"
#include "server/fileio.h"
#include "server/reasons.h"
#include "server/policies.h"
#include "server/policy_tables.h"
#include "server/store.h"
#include "server/totp.h"

static int mkdir_p(const char *dir, char *err, size_t errlen)
{
	char tmp[1024];
	snprintf(tmp, sizeof tmp, "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "mkdir %s: %s", tmp, strerror(errno));
			return -1;
		}
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", tmp, strerror(errno));
		return -1;
	}
	return 0;
}

/* The data directory holds password hashes and full ID numbers: refuse one
 * that others may write (they could swap the database), and take away what
 * others may read of it and of the files an older anzhid left readable. */
static int data_dir_private(const char *dir, char *err, size_t errlen)
{
	static const char *const inside[] = { "anzhid.db", "anzhid.db-wal", "anzhid.db-shm",
					      "demo-accounts.json", "anzhid.port", "tls",
					      "tls/key.pem", "tls/cert.pem", "materials",
					      "totp.key", "imports" };
	char path[1200];
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "%s is not a directory", dir);
		return -1;
	}
	if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, errlen, "%s is writable by others (mode %03o): chmod 700 %s first", dir,
			 (unsigned)(sb.st_mode & 07777), dir);
		return -1;
	}
	if ((sb.st_mode & 077) && chmod(dir, 0700) != 0) {
		snprintf(err, errlen, "chmod 700 %s: %s", dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, inside[i]);
		if (lstat(path, &sb) != 0 || !(sb.st_mode & 077) || S_ISLNK(sb.st_mode))
			continue;
		if (chmod(path, S_ISDIR(sb.st_mode) ? 0700 : 0600) != 0) {
			snprintf(err, errlen, "chmod %s: %s", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* The policy documents (政策法规) of DATADIR/policies. */
static int load_policies(struct srv_ctx *ctx, char *err, size_t errlen)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/policies", ctx->cfg.datadir);
	ctx->policies = calloc(1, sizeof *ctx->policies);
	if (!ctx->policies) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (policies_load(path, ctx->policies, err, errlen) == 0)
		return 0;
	free(ctx->policies);
	ctx->policies = NULL;
	return -1;
}

int app_open(struct srv_ctx *ctx, struct store **st, char *err, size_t errlen)
{
	char path[1200];
	struct core_error ce;
	*st = NULL;
	pthread_mutex_init(&ctx->stores_lock, NULL);
	if (!ctx->cfg.data_dir[0]) {
		snprintf(err, errlen, "--data DIR is required");
		return -1;
	}
	if (mkdir_p(ctx->cfg.data_dir, err, errlen) != 0 ||
	    data_dir_private(ctx->cfg.data_dir, err, errlen) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/materials", ctx->cfg.data_dir);
	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", path, strerror(errno));
		return -1;
	}
	if (totp_init(ctx->cfg.data_dir, err, errlen) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/regions/150000.csv", ctx->cfg.datadir);
	char *text = srv_read_file(path, NULL);
	if (!text) {
		snprintf(err, errlen, "%s: %s (set --datadir)", path, strerror(errno));
		return -1;
	}
	int ok = regions_load(text, "150000.csv", &ctx->regions, &ce);
	free(text);
	if (!ok) {
		snprintf(err, errlen, "%s: %s: %s", path, ce.field, ce.msg);
		return -1;
	}
	snprintf(path, sizeof path, "%s/policy/150000.json", ctx->cfg.datadir);
	text = srv_read_file(path, NULL);
	if (!text) {
		snprintf(err, errlen, "%s: %s (set --datadir)", path, strerror(errno));
		return -1;
	}
	ok = policy_load(text, "150000.json", &ctx->policy, &ce);
	free(text);
	if (!ok) {
		snprintf(err, errlen, "%s: %s: %s", path, ce.field, ce.msg);
		return -1;
	}
	ctx->have_policy = 1;
	snprintf(path, sizeof path, "%s/review-reasons.json", ctx->cfg.datadir);
	text = srv_read_file(path, NULL);
	if (!text) {
		snprintf(err, errlen, "%s: %s (set --datadir)", path, strerror(errno));
		return -1;
	}
	char why[200];
	json_decref(ctx->review_reasons);
	ctx->review_reasons = review_reasons_parse(text, why, sizeof why);
	free(text);
	if (!ctx->review_reasons) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	if (!ctx->cfg.db[0])
		snprintf(ctx->cfg.db, sizeof ctx->cfg.db, "%.1000s/anzhid.db", ctx->cfg.data_dir);
	if (store_open(st, ctx->cfg.db, &ctx->regions, err, errlen) != STORE_OK)
		return -1;
	int have, latest;
	if (store_schema(*st, &have, &latest) != STORE_OK) {
		snprintf(err, errlen, "schema: %s", store_errmsg(*st));
		goto fail;
	}
	/* A new store gets the schema; an older one waits for `anzhid migrate`
	 * (after a backup), never a silent upgrade at start. The migrate and
	 * backup verbs take the store as it is. */
	if (have == latest || ctx->cfg.schema != SRV_SCHEMA_REFUSE)
		goto done;
	if (have > 0) {
		snprintf(err, errlen,
			 "%s has schema version %d, this anzhid needs %d: back it up"
			 " (anzhid backup, or pg_dump) and run: anzhid migrate --data %s%s%s",
			 store_name(*st), have, latest, ctx->cfg.data_dir,
			 db_target_is_pg(ctx->cfg.db) ? " --db " : "",
			 db_target_is_pg(ctx->cfg.db) ? store_name(*st) : "");
		goto fail;
	}
	if (store_migrate(*st) != STORE_OK) {
		snprintf(err, errlen, "migrations: %s", store_errmsg(*st));
		goto fail;
	}
done:
	if (load_policies(ctx, err, errlen) == 0)
		return 0;
fail:
	store_close(*st);
	*st = NULL;
	return -1;
}

void app_close(struct srv_ctx *ctx)
{
	for (int i = 0; i < ctx->nstores; i++)
		store_close(ctx->stores[i]);
	ctx->nstores = 0;
	regions_free(&ctx->regions);
	json_decref(ctx->review_reasons);
	ctx->review_reasons = NULL;
	if (ctx->policies)
		policies_free(ctx->policies);
	free(ctx->policies);
	ctx->policies = NULL;
	pthread_mutex_destroy(&ctx->stores_lock);
	doc_shutdown();
	policy_tables_shutdown();
}
