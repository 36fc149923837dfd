/* The re-check after an import reads placements a batch at a time: what it
 * decides must be what checking each placement on its own decides. A
 * seeded province of 1,300 placements (several batches, more than one
 * transaction) gets a wage import that pays every seeded person 1 fen in
 * March (below the minimum wage: the month's wage check fails); after the
 * re-check, checking each placement alone decides every March as the batch
 * did (the months the import did not name are not re-checked: the seed's
 * own months keep what the seeder wrote), and Marches have moved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app.h"
#include "server/auth.h"
#include "server/eval.h"
#include "server/recheck.h"
#include "server/store.h"

#define N 1300

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-recheck-XXXXXX";

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static int setup(void **state)
{
	char err[256];
	if (!mkdtemp(dir))
		return -1;
	snprintf(ctx.cfg.data_dir, sizeof ctx.cfg.data_dir, "%s", dir);
	snprintf(ctx.cfg.datadir, sizeof ctx.cfg.datadir, "%s", ANZHI_DATADIR);
	ctx.cfg.year = 2025;
	FILE *quiet = fopen("/dev/null", "w");
	int rc = auth_init() == 0 && app_open(&ctx, &st, err, sizeof err) == 0 && quiet &&
			 seed_province(&ctx, st, N, quiet, err, sizeof err) == 0 ? 0 : -1;
	if (quiet)
		fclose(quiet);
	if (rc)
		fprintf(stderr, "setup: %s\n", err);
	return rc;
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* How many registered Marches fail their wage check. */
static long march_wage_failures(int64_t last_id)
{
	long n = 0;
	for (int64_t id = 1; id <= last_id; id++) {
		struct placement p;
		if (store_placement_load(st, id, &p) != STORE_OK)
			continue;
		const struct placement_month *m = placement_month_find(&p, 202503);
		n += m && (m->failed & (1u << CHECK_WAGE));
		placement_free(&p);
	}
	return n;
}

static void test_batched_recheck_decides_as_each_placement_alone(void **state)
{
	char err[256], path[128];
	int64_t ids[N];
	int n = 0, total = 0;
	struct unit_ref u;
	/* every seeded person: 1 fen in March, from their own unit */
	snprintf(path, sizeof path, "%s/march.csv", dir);
	FILE *csv = fopen(path, "w");
	assert_non_null(csv);
	fprintf(csv, "idno,month,uscc,amount\n");
	for (int64_t id = 1; id <= N; id++) {
		struct placement p;
		if (store_placement_load(st, id, &p) != STORE_OK)
			continue;
		assert_int_equal(store_unit_ref_by_id(st, p.unit_id, &u), STORE_OK);
		fprintf(csv, "%s,202503,%s,0.01\n",
			json_string_value(json_object_get(p.person, "idno")), u.uscc);
		placement_free(&p);
		total++;
	}
	fclose(csv);
	assert_int_equal(total, N);
	long before = march_wage_failures(N);
	long rows;
	struct recheck_stats rs;
	assert_int_equal(import_csv(&ctx, st, "wages", path, "2026-01-31", &rows, err, sizeof err), 0);
	assert_int_equal(recheck_pending(&ctx, st, &rs, err, sizeof err), 0);
	long after = march_wage_failures(N);
	assert_true(rs.placements > 2 * 8 * STORE_BATCH / 2); /* several batches and transactions */
	assert_true(after > before);                          /* the import moved Marches */

	/* each placement checked alone: its March stays as the batch left it */
	for (int64_t id = 1; id <= N; id++) {
		struct placement p;
		if (store_placement_load(st, id, &p) != STORE_OK)
			continue;
		assert_int_equal(store_unit_ref_by_id(st, p.unit_id, &u), STORE_OK);
		assert_int_equal(eval_placement(&ctx, st, &p, u.wage_area_class, 0, err, sizeof err), 0);
		const struct placement_month *m = placement_month_find(&p, 202503);
		if (m && m->dirty && n < N)
			ids[n++] = id;
		placement_free(&p);
	}
	if (n)
		fprintf(stderr, "first placement the batch decided otherwise: %lld (%d in all)\n",
			(long long)ids[0], n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batched_recheck_decides_as_each_placement_alone),
	};
	return cmocka_run_group_tests_name("server_recheck", tests, setup, teardown);
}
