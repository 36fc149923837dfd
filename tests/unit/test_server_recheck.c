/* The re-check after an import reads placements a batch at a time: what it
 * decides must be what checking each placement on its own decides. A
 * seeded province of 1,300 placements (several batches, more than one
 * transaction) gets a wage import that pays every seeded person 1 fen in
 * March (below the minimum wage: the month's wage check fails); after the
 * re-check, checking each placement alone decides every March as the batch
 * did (the months the import did not name are not re-checked: the seed's
 * own months keep what the seeder wrote), and Marches have moved.
 *
 * The batches are read ahead on connections of their own while the one
 * before is checked and saved, so the service's writes can land between a
 * batch's reading and its saving: a second connection takes January off
 * every placement while the re-check of an April import runs, and neither
 * write is lost — no January comes back, every April is decided, and each
 * placement's counts and status are what its months say. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* every seeded person paid amount in month ym, from their own unit: how
 * many persons */
static int write_month_csv(const char *path, int ym, const char *amount)
{
	struct unit_ref u;
	int n = 0;
	FILE *csv = fopen(path, "w");
	assert_non_null(csv);
	fprintf(csv, "idno,month,uscc,amount\n");
	for (int64_t id = 1; id <= N; id++) {
		struct placement p;
		if (store_placement_load(st, id, &p) != STORE_OK)
			continue;
		assert_int_equal(store_unit_ref_by_id(st, p.unit_id, &u), STORE_OK);
		fprintf(csv, "%s,%d,%s,%s\n", json_string_value(json_object_get(p.person, "idno")),
			ym, u.uscc, amount);
		placement_free(&p);
		n++;
	}
	fclose(csv);
	return n;
}

static void test_batched_recheck_decides_as_each_placement_alone(void **state)
{
	char err[256], path[128];
	int64_t ids[N];
	int n = 0;
	struct unit_ref u;
	/* every seeded person: 1 fen in March, from their own unit */
	snprintf(path, sizeof path, "%s/march.csv", dir);
	assert_int_equal(write_month_csv(path, 202503, "0.01"), N);
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

/* The service's writer beside the re-check: January off each placement (a
 * months edit, saved as the API saves one). The first AHEAD placements are
 * edited in one transaction that holds the write lock while the re-check
 * starts — it reads them ahead meanwhile, then waits for the lock — and
 * commits a moment later: those reads are stale when their batches are
 * saved. The rest are edited one transaction each, from the last placement
 * down, while the re-check works up. */
#define AHEAD (4 * STORE_BATCH)

struct writer {
	unsigned char took_january[N + 1];
	pthread_mutex_t lock;
	pthread_cond_t holding;
	int locked, failed;
	char err[256];
};

static int drop_january(struct store *w, int64_t id, struct writer *wr)
{
	struct placement p;
	struct unit_ref u;
	int yms[12], n = 0, rc = STORE_OK;
	if (store_placement_load(w, id, &p) != STORE_OK)
		return -1;
	for (int i = 0; i < p.n_months; i++)
		if (p.months[i].ym != 202501)
			yms[n++] = p.months[i].ym;
	if (n < p.n_months && n > 0) {
		placement_set_months(&p, yms, n);
		p.months_dirty = 1;
		if (store_unit_ref_by_id(w, p.unit_id, &u) != STORE_OK ||
		    eval_placement(&ctx, w, &p, u.wage_area_class, 0, wr->err, sizeof wr->err) != 0)
			rc = STORE_ERROR;
		if (rc == STORE_OK)
			rc = store_placement_save(w, &p);
		wr->took_january[id] = rc == STORE_OK;
	}
	placement_free(&p);
	if (rc != STORE_OK)
		snprintf(wr->err, sizeof wr->err, "placement %lld: %s", (long long)id,
			 store_errmsg(w));
	return rc == STORE_OK ? 0 : -1;
}

static void *writer_run(void *arg)
{
	struct writer *wr = arg;
	struct store *w;
	char err[256];
	int ok = store_open(&w, ctx.cfg.db, &ctx.regions, err, sizeof err) == STORE_OK &&
		 store_begin(w) == STORE_OK;
	pthread_mutex_lock(&wr->lock);
	wr->locked = 1;
	wr->failed = !ok;
	pthread_cond_signal(&wr->holding);
	pthread_mutex_unlock(&wr->lock);
	if (!ok)
		return NULL;
	for (int64_t id = 1; id <= AHEAD && ok; id++)
		ok = drop_january(w, id, wr) == 0;
	usleep(500 * 1000); /* the re-check reads ahead, then waits for the lock */
	ok = ok && store_commit(w) == STORE_OK;
	for (int64_t id = N; id > AHEAD && ok; id--) {
		ok = store_begin(w) == STORE_OK && drop_january(w, id, wr) == 0 &&
		     store_commit(w) == STORE_OK;
		if (!ok)
			store_rollback(w);
	}
	wr->failed = !ok;
	store_close(w);
	return NULL;
}

static void test_recheck_beside_writes_loses_none_and_decides_as_alone(void **state)
{
	char err[256], path[128];
	long rows;
	struct recheck_stats rs;
	struct unit_ref u;
	static struct writer wr; /* N + 1 flags: not on the stack */
	pthread_t t;
	snprintf(path, sizeof path, "%s/april.csv", dir);
	assert_int_equal(write_month_csv(path, 202504, "0.01"), N);
	assert_int_equal(import_csv(&ctx, st, "wages", path, "2026-01-31", &rows, err, sizeof err), 0);
	pthread_mutex_init(&wr.lock, NULL);
	pthread_cond_init(&wr.holding, NULL);
	assert_int_equal(pthread_create(&t, NULL, writer_run, &wr), 0);
	pthread_mutex_lock(&wr.lock);
	while (!wr.locked)
		pthread_cond_wait(&wr.holding, &wr.lock);
	pthread_mutex_unlock(&wr.lock);
	int rc = recheck_pending(&ctx, st, &rs, err, sizeof err);
	pthread_join(t, NULL);
	if (rc != 0 || wr.failed)
		fprintf(stderr, "re-check: %s; writer: %s\n", rc ? err : "ok", wr.err);
	assert_int_equal(rc, 0);
	assert_false(wr.failed);
	assert_true(rs.placements > 2 * 8 * STORE_BATCH / 2);

	long took = 0, aprils = 0;
	for (int64_t id = 1; id <= N; id++) {
		struct placement p;
		if (store_placement_load(st, id, &p) != STORE_OK)
			continue;
		if (!wr.took_january[id]) { /* the seed's months were never checked again */
			placement_free(&p);
			continue;
		}
		took++;
		/* the writer's edit stayed */
		assert_null(placement_month_find(&p, 202501));
		/* the re-check's April stayed, and the counts are the months' */
		struct placement before = p;
		assert_int_equal(store_unit_ref_by_id(st, p.unit_id, &u), STORE_OK);
		assert_int_equal(eval_placement(&ctx, st, &p, u.wage_area_class, 0, err, sizeof err), 0);
		const struct placement_month *m = placement_month_find(&p, 202504);
		if (m) {
			aprils++;
			assert_false(m->dirty);
		}
		assert_int_equal(p.months_registered, p.n_months);
		assert_int_equal(p.months_confirmed, before.months_confirmed);
		assert_int_equal(p.months_pending, before.months_pending);
		assert_int_equal(p.status, before.status);
		placement_free(&p);
	}
	assert_true(took > N / 2); /* the writer edited most placements meanwhile */
	assert_true(rs.reread > 0); /* and some after the re-check had read them */
	assert_true(aprils > N / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batched_recheck_decides_as_each_placement_alone),
		cmocka_unit_test(test_recheck_beside_writes_loses_none_and_decides_as_alone),
	};
	return cmocka_run_group_tests_name("server_recheck", tests, setup, teardown);
}
