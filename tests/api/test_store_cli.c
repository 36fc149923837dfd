/* The store's command line around a real service: `anzhid backup` copies the
 * live store while it serves, and the copy serves on its own after the
 * restore steps of anzhid(8); `anzhid migrate` is explicit (the service
 * refuses an older schema and names both versions of a newer one); `anzhid
 * seed` fills an empty store with a province whose accounts file leads with
 * the largest unit's user and a reviewer with a queue, and refuses a store
 * that has data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/api/harness.h"

static struct server srv;
static char root[64] = "/tmp/anzhi-cli-XXXXXX";

static const char *bin(void)
{
	const char *b = getenv("ANZHID");
	return b && *b ? b : "build/release/anzhid";
}

/* Runs `anzhid ARGS`; its output (stdout and stderr) into out. */
static int run(const char *args, char *out, size_t outlen)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s %s 2>&1", bin(), args);
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(out, 1, outlen - 1, p) : 0;
	out[n] = '\0';
	int st = p ? pclose(p) : -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* SQLite keeps PRAGMA user_version at byte 60 of the file, big-endian;
 * PostgreSQL's is the row of schema_version. */
static void set_schema_version(const char *dir, unsigned v)
{
	char db[200], cmd[400];
	server_db_of(dir, db, sizeof db);
	if (backend_is_pg()) {
		snprintf(cmd, sizeof cmd, "psql -X -q -d %s -c 'UPDATE schema_version SET version = %u'",
			 db, v);
		assert_int_equal(system(cmd), 0);
		return;
	}
	unsigned char be[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
				(unsigned char)(v >> 8), (unsigned char)v };
	int fd = open(db, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, be, 4, 60), 4);
	close(fd);
}

static int setup(void **state)
{
	if (!mkdtemp(root))
		return -1;
	return server_start(&srv, NULL, NULL);
}

static int teardown(void **state)
{
	char cmd[128];
	server_stop(&srv, 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static long long list_total(struct server *s, const char *user, const char *password,
			    const char *uscc, int year)
{
	struct resp r;
	char path[160];
	char *tok = login(s, user, password);
	assert_non_null(tok);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", uscc, year);
	http(s, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	long long t = jint(r.json, "total");
	resp_free(&r);
	free(tok);
	return t;
}

/* PostgreSQL: `anzhid backup` points to pg_dump; the dump restores (the
 * steps of anzhid(8)) into a database that serves on its own. */
static void backup_and_restore_pg(const char *copy, const char *restored)
{
	char out[2048], args[600], cmd[1400], from[128], to[128];
	snprintf(args, sizeof args, "backup %s %s", store_args(srv.dir), copy);
	assert_int_equal(run(args, out, sizeof out), 1);
	assert_non_null(strstr(out, "pg_dump"));
	server_db_of(srv.dir, from, sizeof from);
	server_db_of(restored, to, sizeof to);
	snprintf(cmd, sizeof cmd,
		 "pg_dump -Fc -d %s -f %s && createdb %s && pg_restore --no-owner -d %s %s"
		 " && mkdir -p %s",
		 from, copy, strrchr(to, '/') + 1, to, copy, restored);
	assert_int_equal(system(cmd), 0);
}

static void test_backup_while_serving_restores_into_a_new_directory(void **state)
{
	char out[2048], args[600], copy[128], restored[128], cmd[1024];
	int year = (int)jint(srv.demo, "year");
	const char *uscc = demo_unit_of(&srv, "xinghe");
	long long before = list_total(&srv, "xinghe", "demo1234", uscc, year);
	snprintf(copy, sizeof copy, "%s/backup.db", root);
	snprintf(restored, sizeof restored, "%s/restored", root);
	if (backend_is_pg()) {
		backup_and_restore_pg(copy, restored);
	} else {
		snprintf(args, sizeof args, "backup --data %s %s", srv.dir, copy);
		assert_int_equal(run(args, out, sizeof out), 0); /* the service keeps running */
		assert_non_null(strstr(out, "backed up"));
		assert_int_equal(run(args, out, sizeof out), 1); /* never over an existing file */
		assert_non_null(strstr(out, "exists"));
		/* restore (anzhid(8)): a data directory with the copy as anzhid.db */
		snprintf(cmd, sizeof cmd, "mkdir -p %s && cp %s %s/anzhid.db", restored, copy,
			 restored);
		assert_int_equal(system(cmd), 0);
	}
	snprintf(args, sizeof args, "user list %s", store_args(restored));
	assert_int_equal(run(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "xinghe"));
	struct server again;
	assert_int_equal(server_start(&again, restored, NULL), 0);
	assert_int_equal(list_total(&again, "xinghe", "demo1234", uscc, year), before);
	server_stop(&again, 1);
}

static void test_migrate_is_explicit_and_newer_schemas_are_refused(void **state)
{
	char out[2048], args[600], dir[128], db[160];
	snprintf(dir, sizeof dir, "%s/older", root);
	snprintf(db, sizeof db, "createdb %s 2>/dev/null", strrchr(store_args(dir), '/') + 1);
	if (backend_is_pg())
		assert_int_equal(system(db), 0);
	snprintf(args, sizeof args, "migrate %s", store_args(dir));
	assert_int_equal(run(args, out, sizeof out), 0);
	const char *to = strstr(out, "migrated from schema version 0 to");
	assert_non_null(to);
	int latest = atoi(to + strlen("migrated from schema version 0 to "));
	assert_true(latest >= 2);
	assert_int_equal(run(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "nothing to do"));
	/* an older store: the service and the other verbs refuse it, migrate takes it.
	 * SQLite's step 2 starts afresh from any older store (as step 1's did);
	 * a PostgreSQL store never had step 1: it goes one step back, the newest
	 * step running again */
	int older = backend_is_pg() ? latest - 1 : 1;
	set_schema_version(dir, (unsigned)older);
	snprintf(args, sizeof args, "user list %s", store_args(dir));
	assert_int_equal(run(args, out, sizeof out), 1);
	assert_non_null(strstr(out, "anzhid migrate --data"));
	snprintf(args, sizeof args, "%s --listen 127.0.0.1:0", store_args(dir));
	assert_int_equal(run(args, out, sizeof out), 1);
	char older_word[32];
	snprintf(older_word, sizeof older_word, "schema version %d", older);
	assert_non_null(strstr(out, older_word));
	snprintf(args, sizeof args, "migrate %s", store_args(dir));
	assert_int_equal(run(args, out, sizeof out), 0);
	char moved[64];
	snprintf(moved, sizeof moved, "migrated from schema version %d to %d", older, latest);
	assert_non_null(strstr(out, moved));
	/* a newer store: refused, naming both versions */
	set_schema_version(dir, 99);
	snprintf(args, sizeof args, "%s --listen 127.0.0.1:0", store_args(dir));
	assert_int_equal(run(args, out, sizeof out), 1);
	assert_non_null(strstr(out, "schema version 99"));
	char knows[32];
	snprintf(knows, sizeof knows, "knows (%d)", latest);
	assert_non_null(strstr(out, knows));
}

static void test_seed_fills_an_empty_store_and_refuses_a_full_one(void **state)
{
	char out[4096], args[600], dir[128], path[200];
	snprintf(dir, sizeof dir, "%s/province", root);
	snprintf(path, sizeof path, "createdb %s 2>/dev/null", strrchr(store_args(dir), '/') + 1);
	if (backend_is_pg())
		assert_int_equal(system(path), 0);
	snprintf(args, sizeof args, "seed %s --placements 600", store_args(dir));
	assert_int_equal(run(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "600 placements"));
	assert_int_equal(run(args, out, sizeof out), 1);
	assert_non_null(strstr(out, "already has data"));
	snprintf(args, sizeof args, "seed %s --placements 600", store_args(srv.dir));
	assert_int_equal(run(args, out, sizeof out), 1); /* the demo's store too */

	snprintf(path, sizeof path, "%s/seed-accounts.json", dir);
	json_t *acc = json_load_file(path, 0, NULL);
	assert_non_null(acc);
	int year = (int)jint(acc, "year");
	assert_int_equal(year, (int)jint(srv.demo, "year")); /* the demo's business year */
	json_t *first = jget(acc, "accounts.0"), *reviewer = jget(acc, "accounts.1");
	assert_string_equal(jstr(first, "role"), "unit");
	assert_string_equal(jstr(reviewer, "role"), "reviewer");
	struct server s;
	assert_int_equal(server_start(&s, dir, NULL), 0);

	/* the largest unit: every status on its list */
	struct resp r;
	char *tok = login(&s, jstr(first, "username"), jstr(first, "password"));
	assert_non_null(tok);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", jstr(first, "unit"), year);
	http(&s, "GET", path, tok, NULL, NULL, &r);
	static const char *const keys[] = { "counts.confirmed_system", "counts.confirmed_manual",
					    "counts.pending", "counts.incomplete",
					    "counts.partially_rejected", "counts.rejected" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_true(jint(r.json, keys[i]) >= 1);
	long long biggest = jint(r.json, "total");
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?status=pending_contract",
		 jstr(first, "unit"), year);
	http(&s, "GET", path, tok, NULL, NULL, &r);
	assert_true(jint(r.json, "total") >= 1);
	resp_free(&r);
	free(tok);

	/* the first reviewer has cases; the province's queue holds them all */
	tok = login(&s, jstr(reviewer, "username"), jstr(reviewer, "password"));
	assert_non_null(tok);
	http(&s, "GET", "/review/placements?limit=5", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(jint(r.json, "total") >= 1);
	assert_int_equal(strncmp(jstr(r.json, "items.0.status"), "pending", 7), 0);
	long long city = jint(r.json, "total");
	resp_free(&r);
	free(tok);
	size_t i, reviewers = 0;
	json_t *a;
	json_array_foreach(jget(acc, "accounts"), i, a) {
		reviewers += strcmp(jstr(a, "role"), "reviewer") == 0;
		if (strcmp(jstr(a, "role"), "supervisor") == 0)
			tok = login(&s, jstr(a, "username"), jstr(a, "password"));
	}
	assert_int_equal(reviewers, 14); /* one per 盟市 of data/regions/150000.csv */
	assert_non_null(tok);
	http(&s, "GET", "/review/placements", tok, NULL, NULL, &r);
	assert_true(jint(r.json, "total") >= city);
	resp_free(&r);
	free(tok);
	assert_true(biggest >= 3);
	server_stop(&s, 1);
	json_decref(acc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_while_serving_restores_into_a_new_directory),
		cmocka_unit_test(test_migrate_is_explicit_and_newer_schemas_are_refused),
		cmocka_unit_test(test_seed_fills_an_empty_store_and_refuses_a_full_one),
	};
	return cmocka_run_group_tests_name("api_store_cli", tests, setup, teardown);
}
