/* The store's limits (issue 13): login failures per (account, address) and
 * per address, pruned once out of the window; the registry budget, a ring
 * of look-up times per account that never grows; sessions capped per user
 * and ended at their absolute lifetime; idempotency keys kept with their
 * request. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "server/app.h"
#include "server/db.h"
#include "server/store.h"
#include "server/store_int.h"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-limits-XXXXXX";

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
	if (app_open(&ctx, &st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static int64_t rows(const char *sql)
{
	int64_t n = -1;
	db_one_int(db_sql(st->db, sql), &n);
	return n;
}

static int failures(const char *user, const char *addr, int64_t since)
{
	int n;
	int64_t nth;
	assert_int_equal(store_login_failures(st, user, addr, since, 100, &n, &nth), STORE_OK);
	return n;
}

static void fail_at(const char *user, const char *addr, int64_t at)
{
	int64_t id;
	assert_int_equal(store_login_failure_add(st, user, addr, at, at - 900, &id), STORE_OK);
	assert_true(id > 0);
}

static void test_login_failures_count_per_pair_and_address_and_leave_with_the_window(void **s)
{
	for (int i = 0; i < 3; i++)
		fail_at("alice", "10.0.0.1", 1000 + i);
	fail_at("bob", "10.0.0.1", 1003);
	fail_at("alice", "10.0.0.2", 1004);
	assert_int_equal(failures("alice", "10.0.0.1", 0), 3);
	assert_int_equal(failures(NULL, "10.0.0.1", 0), 4);
	assert_int_equal(failures("alice", "10.0.0.2", 0), 1);
	assert_int_equal(failures("bob", "10.0.0.2", 0), 0);
	/* A success at (alice, .1) forgets that pair only: the address keeps bob's. */
	assert_int_equal(store_login_failures_clear(st, "alice", "10.0.0.1"), STORE_OK);
	assert_int_equal(failures(NULL, "10.0.0.1", 0), 1);
	assert_int_equal(failures("alice", "10.0.0.2", 0), 1);
	/* A failure a window later: every older row is gone from the table. */
	fail_at("carol", "10.0.0.3", 1004 + 901);
	assert_int_equal(rows("SELECT COUNT(*) FROM login_failures"), 1);
}

static void test_a_login_that_never_got_to_its_hash_is_forgotten(void **s)
{
	int64_t id;
	assert_int_equal(store_login_failure_add(st, "dave", "10.0.0.4", 5000, 4100, &id), STORE_OK);
	assert_int_equal(failures("dave", "10.0.0.4", 0), 1);
	assert_int_equal(store_login_failure_forget(st, id), STORE_OK);
	assert_int_equal(failures("dave", "10.0.0.4", 0), 0);
}

static void test_the_registry_budget_holds_at_most_its_lookups_in_any_window(void **s)
{
	int64_t wait;
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_registry_budget_take(st, 7, 3, 3600, 10 * i, &wait), STORE_OK);
	assert_int_equal(store_registry_budget_take(st, 7, 3, 3600, 30, &wait), STORE_CONFLICT);
	assert_int_equal(wait, 3570); /* until the look-up at 0 leaves the hour */
	assert_int_equal(store_registry_budget_take(st, 7, 3, 3600, 3599, &wait), STORE_CONFLICT);
	assert_int_equal(store_registry_budget_take(st, 7, 3, 3600, 3600, &wait), STORE_OK);
	assert_int_equal(store_registry_budget_take(st, 7, 3, 3600, 3601, &wait), STORE_CONFLICT);
	assert_int_equal(wait, 9);
	/* Another account's budget is its own. */
	assert_int_equal(store_registry_budget_take(st, 8, 3, 3600, 3601, &wait), STORE_OK);
	/* However many tries, the ring keeps `budget` rows per account. */
	for (int i = 0; i < 200; i++)
		store_registry_budget_take(st, 7, 3, 3600, 3700 + i, &wait);
	assert_int_equal(rows("SELECT COUNT(*) FROM registry_budget WHERE user_id = 7"), 3);
	/* A lower budget in the policy counts only its first slots. */
	assert_int_equal(store_registry_budget_take(st, 7, 1, 3600, 20000, &wait), STORE_OK);
	assert_int_equal(store_registry_budget_take(st, 7, 1, 3600, 20001, &wait), STORE_CONFLICT);
}

static void add_session(const char *hash, int64_t now, int64_t lifetime, int cap)
{
	struct session_new n = { .token_hash = hash, .user_id = 42, .now = now, .idle = 8 * 3600,
				 .lifetime = lifetime, .ip = "10.0.0.9", .user_agent = "test",
				 .cap = cap };
	assert_int_equal(store_session_add(st, &n), STORE_OK);
}

static int touch(const char *hash, int64_t now)
{
	int64_t uid, sid;
	return store_session_touch(st, hash, now, 8 * 3600, &uid, &sid);
}

static void test_sessions_beyond_the_cap_end_the_oldest_and_none_outlives_its_life(void **s)
{
	int64_t now = 2000000000;
	add_session("h1", now, 12 * 3600, 2);
	add_session("h2", now + 1, 12 * 3600, 2);
	add_session("h3", now + 2, 12 * 3600, 2);
	assert_int_equal(touch("h1", now + 3), STORE_NOTFOUND);
	assert_int_equal(touch("h2", now + 3), STORE_OK);
	assert_int_equal(touch("h3", now + 3), STORE_OK);
	/* Used every few hours, yet ended 12 h after its login. */
	for (int64_t t = now + 4 * 3600; t < now + 12 * 3600; t += 4 * 3600)
		assert_int_equal(touch("h3", t), STORE_OK);
	assert_int_equal(touch("h3", now + 2 + 12 * 3600), STORE_NOTFOUND);
	json_t *list = store_session_list(st, 42, now + 5, 0);
	assert_int_equal(json_array_size(list), 2);
	json_decref(list);
}

static void test_an_idempotency_key_keeps_the_request_it_answered(void **s)
{
	struct idem_answer a = { .status = 201, .body = "{\"id\":5}" }, got;
	snprintf(a.method, sizeof a.method, "POST");
	snprintf(a.path, sizeof a.path, "/api/v1/x");
	snprintf(a.digest, sizeof a.digest, "%064d", 7);
	assert_int_equal(store_idem_put(st, 3, "k", &a, time(NULL)), STORE_OK);
	assert_int_equal(store_idem_get(st, 3, "k", &got), STORE_OK);
	assert_string_equal(got.method, "POST");
	assert_string_equal(got.path, "/api/v1/x");
	assert_string_equal(got.digest, a.digest);
	assert_int_equal(got.status, 201);
	assert_string_equal(got.body, "{\"id\":5}");
	free(got.body);
	assert_int_equal(store_idem_get(st, 4, "k", &got), STORE_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_failures_count_per_pair_and_address_and_leave_with_the_window),
		cmocka_unit_test(test_a_login_that_never_got_to_its_hash_is_forgotten),
		cmocka_unit_test(test_the_registry_budget_holds_at_most_its_lookups_in_any_window),
		cmocka_unit_test(test_sessions_beyond_the_cap_end_the_oldest_and_none_outlives_its_life),
		cmocka_unit_test(test_an_idempotency_key_keeps_the_request_it_answered),
	};
	return cmocka_run_group_tests_name("server_limits", tests, setup, teardown);
}
