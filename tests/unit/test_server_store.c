/* store: the relational store's promises — ids are never reused, the header
 * counts and the year's totals move with every change in the same
 * transaction, lists and the queue page by keyset (every row once), an
 * import's re-check touches only the months it named (and leaves a locked
 * list for its reopening), the overview's counters follow statuses and a
 * moved unit, the statement cache
 * reuses and nests, a backup is a store of its own, and a schema newer than
 * the binary is refused naming both versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/ident.h"
#include "server/app.h"
#include "server/db.h"
#include "server/eval.h"
#include "server/jsonw.h"
#include "server/recheck.h"
#include "server/records.h"
#include "server/store.h"

#define XINGHE "91150924MA0HXD012T"
#define BAOTOU "91150202MA0BFGC455"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-store-XXXXXX";
static struct unit_ref xinghe, baotou;
static int64_t imp_wages;
static int person_seq = 100;

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static int add_unit(const char *uscc, const char *region, struct unit_ref *u)
{
	int64_t id;
	json_t *j = json_pack("{s:s, s:s, s:s, s:i}", "uscc", uscc, "name", "测试单位",
			      "federation_region", region, "wage_area_class", 1);
	int rc = store_unit_insert(st, j, &id);
	json_decref(j);
	return rc == STORE_OK ? store_unit_ref_by_id(st, id, u) : rc;
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
	return add_unit(XINGHE, "150924", &xinghe) == STORE_OK &&
			       add_unit(BAOTOU, "150202", &baotou) == STORE_OK &&
			       store_import_add(st, "wages", "2025-12-31", "t", 0, &imp_wages) ==
				       STORE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static void new_idno(char out[19])
{
	char first17[18];
	snprintf(first17, sizeof first17, "15092419860514%03d", person_seq++);
	snprintf(out, 19, "%s%c", first17, idno_check_char(first17));
}

/* A person at u with every registry row of 2025 but the wage of skip_month
 * (0: none skipped), registered for all twelve months, checked and saved. */
static int64_t add_person(const struct unit_ref *u, int skip_month, const char *submitted,
			  unsigned have)
{
	char idno[19], cert[24], err[160];
	int yms[12];
	struct placement p;
	new_idno(idno);
	snprintf(cert, sizeof cert, "%s43", idno);
	for (int m = 1; m <= 12; m++) {
		struct registry_payment pay = { .ym = 202500 + m, .import_id = imp_wages };
		snprintf(pay.payer, sizeof pay.payer, "%s", u->uscc);
		for (int s = 0; s < SOURCE__COUNT; s++) {
			pay.source = (enum registry_source)s;
			pay.fen = s == SOURCE_WAGES ? 300000 : 0;
			if (s != SOURCE_WAGES || m != skip_month)
				assert_int_equal(store_registry_payment_add(st, &pay, idno, 0), STORE_OK);
		}
		yms[m - 1] = 202500 + m;
	}
	placement_init(&p);
	p.year = 2025;
	p.unit_id = u->id;
	snprintf(p.uscc, sizeof p.uscc, "%s", u->uscc);
	snprintf(p.submitted_at, sizeof p.submitted_at, "%s", submitted);
	p.person = json_pack("{s:s, s:s, s:s}", "idno", idno, "name", "傅晓东", "retire_group",
			     "male");
	p.contracts = json_pack("[{s:i, s:b, s:s, s:s, s:n}]", "id", 1, "dispatch", 0, "type",
				"open_ended", "start", "2020-01-01", "end");
	p.certificates = json_pack("[{s:i, s:s, s:s, s:s, s:n, s:i, s:i}]", "id", 1, "number",
				   cert, "type", "disability", "valid_from", "2019-01-01",
				   "valid_to", "level", 3, "category", 4);
	p.details_dirty = 1;
	placement_set_months(&p, yms, 12);
	struct eval_facts *f = malloc(sizeof *f);
	assert_int_equal(eval_facts_from_placement(&ctx, &p, 1, f, err, sizeof err), 0);
	assert_int_equal(eval_facts_load(st, &p, f), 0);
	eval_run(&ctx.policy, f, &p, have, 1, 0);
	free(f);
	assert_int_equal(store_placement_insert(st, &p, u), STORE_OK);
	int64_t id = p.id;
	placement_free(&p);
	return id;
}

/* The array a page was written into, parsed. */
static json_t *taken(struct jw *w)
{
	size_t len;
	jw_end(w);
	char *text = jw_take(w, &len);
	assert_non_null(text);
	json_t *j = json_loadb(text, len, 0, NULL);
	assert_non_null(j);
	free(text);
	return j;
}

static void test_ids_are_never_reused_after_a_delete(void **state)
{
	int64_t first = add_person(&xinghe, 0, "2026-01-02 09:00:00", 0);
	assert_int_equal(store_placement_delete(st, first), STORE_OK);
	int64_t second = add_person(&xinghe, 0, "2026-01-02 09:00:00", 0);
	assert_true(second > first);
	struct placement p;
	assert_int_equal(store_placement_load(st, first, &p), STORE_NOTFOUND);
	assert_int_equal(store_placement_delete(st, second), STORE_OK);
}

static void test_counts_and_year_totals_follow_every_change(void **state)
{
	struct status_counts c, city, prov;
	struct year_row y;
	int64_t id = add_person(&xinghe, 0, "2026-01-03 09:00:00", 0);
	assert_int_equal(store_unit_counts(st, xinghe.id, 2025, &c), STORE_OK);
	assert_int_equal(c.n[SK_CONFIRMED_SYSTEM], 1);
	assert_int_equal(store_region_counts(st, "150900", 2025, &city), STORE_OK);
	assert_int_equal(store_region_counts(st, "150000", 2025, &prov), STORE_OK);
	assert_int_equal(city.n[SK_CONFIRMED_SYSTEM], 1);
	assert_int_equal(prov.n[SK_CONFIRMED_SYSTEM], 1);
	assert_int_equal(store_year_get(st, xinghe.id, 2025, &y), STORE_OK);
	assert_int_equal(y.months_confirmed, 12);
	assert_int_equal(y.months_counted, 12);

	/* a reviewer rejects month 3: partially rejected, 11 months */
	struct placement p;
	assert_int_equal(store_placement_load(st, id, &p), STORE_OK);
	placement_month_find(&p, 202503)->result = MONTH_DECISION_INVALID;
	placement_month_find(&p, 202503)->dirty = 1;
	p.status = PLACEMENT_PARTIALLY_REJECTED;
	p.confirmed_by = CONFIRMED_BY_NONE;
	p.months_confirmed = p.months_counted = 11;
	assert_int_equal(store_placement_save(st, &p), STORE_OK);
	assert_int_equal(store_placement_save(st, &(struct placement){ .id = id, .version = 1 }),
			 STORE_NOTFOUND); /* the old version is stale now */
	placement_free(&p);
	assert_int_equal(store_unit_counts(st, xinghe.id, 2025, &c), STORE_OK);
	assert_int_equal(c.n[SK_CONFIRMED_SYSTEM], 0);
	assert_int_equal(c.n[SK_PARTIALLY_REJECTED], 1);
	assert_int_equal(store_year_get(st, xinghe.id, 2025, &y), STORE_OK);
	assert_int_equal(y.months_confirmed, 11);

	assert_int_equal(store_placement_delete(st, id), STORE_OK);
	assert_int_equal(store_unit_counts(st, xinghe.id, 2025, &c), STORE_OK);
	assert_int_equal(store_region_counts(st, "150900", 2025, &city), STORE_OK);
	for (int k = 0; k < SK__COUNT; k++) {
		assert_int_equal(c.n[k], 0);
		assert_int_equal(city.n[k], 0);
	}
	assert_int_equal(store_year_get(st, xinghe.id, 2025, &y), STORE_OK);
	assert_int_equal(y.months_confirmed, 0);
}

static void test_list_pages_by_keyset_every_item_once(void **state)
{
	int64_t ids[25], seen[25];
	int nseen = 0;
	for (int i = 0; i < 25; i++)
		ids[i] = add_person(&baotou, 0, "2026-01-04 09:00:00", 0);
	struct list_query q = { .unit_id = baotou.id, .year = 2025, .limit = 7,
				.status = PLACEMENT_STATUS_UNKNOWN };
	int64_t next, total;
	do {
		struct jw w;
		jw_init(&w);
		jw_array(&w);
		assert_int_equal(store_list_page(st, &q, &w, &next, &total), STORE_OK);
		json_t *items = taken(&w);
		assert_int_equal(total, 25);
		assert_true(json_array_size(items) <= 7);
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it)
			seen[nseen++] = json_integer_value(json_object_get(it, "id"));
		json_decref(items);
		q.after_id = next;
	} while (next && nseen < 25);
	assert_int_equal(nseen, 25);
	for (int i = 0; i < 25; i++)
		assert_int_equal(seen[i], ids[i]); /* in id order, each once */
	for (int i = 0; i < 25; i++)
		assert_int_equal(store_placement_delete(st, ids[i]), STORE_OK);
}

static void test_queue_pages_by_registration_time_within_a_region(void **state)
{
	static const char *const at[] = { "2026-01-09 10:00:00", "2026-01-05 10:00:00",
					  "2026-01-07 10:00:00", "2026-01-05 10:00:00" };
	int64_t ids[4], outside;
	for (int i = 0; i < 4; i++) /* wage missing in July, proof uploaded: pending */
		ids[i] = add_person(&xinghe, 7, at[i], 1u << MATERIAL_WAGE);
	outside = add_person(&baotou, 7, "2026-01-01 08:00:00", 1u << MATERIAL_WAGE);
	struct queue_query q = { .year = 2025, .region_column = "region_city", .region = "150900",
				 .status = PLACEMENT_STATUS_UNKNOWN,
				 .limit = 1 };
	char next_at[20] = "";
	int64_t next = 0, counts[2], total, order[4];
	int n = 0;
	do {
		struct jw w;
		jw_init(&w);
		jw_array(&w);
		q.after_at = next_at;
		q.after_id = next;
		char keep[20];
		assert_int_equal(store_queue_page(st, &q, &w, keep, &next, counts, &total), STORE_OK);
		json_t *items = taken(&w);
		memcpy(next_at, keep, sizeof keep);
		assert_int_equal(total, 4);
		assert_int_equal(counts[0], 4);
		if (json_array_size(items))
			order[n++] = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
		json_decref(items);
	} while (next && n < 4);
	assert_int_equal(n, 4);
	/* oldest first; the two of 01-05 by id */
	assert_int_equal(order[0], ids[1]);
	assert_int_equal(order[1], ids[3]);
	assert_int_equal(order[2], ids[2]);
	assert_int_equal(order[3], ids[0]);
	for (int i = 0; i < 4; i++)
		assert_int_equal(store_placement_delete(st, ids[i]), STORE_OK);
	assert_int_equal(store_placement_delete(st, outside), STORE_OK);
}

static void test_import_recheck_touches_only_the_months_it_named(void **state)
{
	char err[256], csv[256];
	long rows;
	int64_t id = add_person(&xinghe, 7, "2026-01-06 09:00:00", 0);
	struct placement before, after;
	assert_int_equal(store_placement_load(st, id, &before), STORE_OK);
	assert_int_equal(before.status, PLACEMENT_INCOMPLETE);
	snprintf(csv, sizeof csv, "idno,month,uscc,amount\n%s,202507,%s,3000.00\n",
		 json_string_value(json_object_get(before.person, "idno")), XINGHE);
	assert_int_equal(import_text(&ctx, st, "wages", csv, strlen(csv), "w.csv", "2026-01-31",
				     &rows, err, sizeof err), 0);
	int64_t queued;
	assert_int_equal(store_recheck_pending(st, &queued), STORE_OK);
	assert_true(queued > 0); /* the import queued July for the re-check */
	struct recheck_stats rs;
	assert_int_equal(recheck_pending(&ctx, st, &rs, err, sizeof err), 0);
	assert_int_equal(rs.placements, 1);
	assert_int_equal(rs.months, 1);
	assert_int_equal(rs.changed, 1);
	assert_int_equal(store_placement_load(st, id, &after), STORE_OK);
	assert_int_equal(after.status, PLACEMENT_CONFIRMED);
	assert_int_equal(after.version, before.version + 1);
	assert_int_equal(after.months_confirmed, 12);
	struct placement_month *july = placement_month_find(&after, 202507);
	assert_int_equal(july->result, MONTH_DECISION_SYSTEM);
	assert_string_equal(july->source_label[SOURCE_WAGES], "wages 2026-01-31");
	/* June was not in the import: still checked against the first import */
	assert_string_equal(placement_month_find(&after, 202506)->source_label[SOURCE_WAGES],
			    "wages 2025-12-31");
	int64_t pending;
	assert_int_equal(store_recheck_pending(st, &pending), STORE_OK);
	assert_int_equal(pending, 0);
	placement_free(&before);
	placement_free(&after);
	assert_int_equal(store_placement_delete(st, id), STORE_OK);
}

static void test_a_unit_moved_to_another_region_takes_its_counts_and_queue(void **state)
{
	struct status_counts before, after, there;
	int64_t id = add_person(&xinghe, 7, "2026-01-08 09:00:00", 1u << MATERIAL_WAGE); /* pending */
	assert_int_equal(store_region_counts(st, "150900", 2025, &before), STORE_OK);
	json_t *u = store_unit_get(st, XINGHE);
	json_object_set_new(u, "federation_region", json_string("150105")); /* 赛罕区, 呼和浩特 */
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	json_decref(u);
	assert_int_equal(store_region_counts(st, "150900", 2025, &after), STORE_OK);
	assert_int_equal(store_region_counts(st, "150100", 2025, &there), STORE_OK);
	assert_int_equal(after.n[SK_PENDING], before.n[SK_PENDING] - 1);
	assert_int_equal(there.n[SK_PENDING], 1);
	struct queue_query q = { .year = 2025, .region_column = "region_city", .region = "150100",
				 .status = PLACEMENT_STATUS_UNKNOWN,
				 .limit = 10, .after_at = "" };
	struct jw w;
	char next_at[20];
	int64_t next, counts[2], total;
	jw_init(&w);
	jw_array(&w);
	assert_int_equal(store_queue_page(st, &q, &w, next_at, &next, counts, &total), STORE_OK);
	json_t *items = taken(&w);
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), id);
	json_decref(items);
	u = store_unit_get(st, XINGHE); /* back where it was, for the tests after */
	json_object_set_new(u, "federation_region", json_string("150924"));
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	json_decref(u);
	assert_int_equal(store_placement_delete(st, id), STORE_OK);
}

/* A locked list is frozen: the import's re-check leaves it and keeps the
 * months for the day the declaration opens again. */
static void test_import_recheck_defers_a_locked_list_until_it_opens(void **state)
{
	char err[256], csv[256];
	long rows;
	int64_t id = add_person(&baotou, 5, "2026-01-06 09:00:00", 0);
	struct placement before, after;
	struct recheck_stats rs;
	assert_int_equal(store_placement_load(st, id, &before), STORE_OK);
	assert_int_equal(store_year_set_status(st, baotou.id, 2025, DECLARATION_PASSED,
					       "2026-03-01 09:00:00", "2026-03-02 09:00:00", NULL),
			 STORE_OK);
	snprintf(csv, sizeof csv, "idno,month,uscc,amount\n%s,202505,%s,3000.00\n",
		 json_string_value(json_object_get(before.person, "idno")), BAOTOU);
	assert_int_equal(import_text(&ctx, st, "wages", csv, strlen(csv), "w.csv", "2026-02-28",
				     &rows, err, sizeof err), 0);
	assert_int_equal(recheck_pending(&ctx, st, &rs, err, sizeof err), 0);
	assert_int_equal(rs.placements, 0);
	assert_int_equal(rs.deferred, 1);
	assert_int_equal(store_placement_load(st, id, &after), STORE_OK);
	assert_int_equal(after.version, before.version);
	assert_int_equal(after.status, before.status);
	placement_free(&after);
	/* opened again (the caller's transaction): May is checked now */
	assert_int_equal(store_year_set_status(st, baotou.id, 2025, DECLARATION_OPEN, NULL, NULL,
					       NULL), STORE_OK);
	assert_int_equal(recheck_deferred(&ctx, st, baotou.id, 2025, &rs, err, sizeof err), 0);
	assert_int_equal(rs.placements, 1);
	assert_int_equal(rs.months, 1);
	assert_int_equal(store_placement_load(st, id, &after), STORE_OK);
	assert_int_equal(after.version, before.version + 1);
	assert_int_equal(after.months_confirmed, before.months_confirmed + 1);
	assert_int_equal(recheck_deferred(&ctx, st, baotou.id, 2025, &rs, err, sizeof err), 0);
	assert_int_equal(rs.placements, 0); /* done once */
	placement_free(&before);
	placement_free(&after);
	assert_int_equal(store_placement_delete(st, id), STORE_OK);
}

/* The overview's counters move with every status and with a unit that
 * moves to another region. */
static void test_the_overview_follows_statuses_and_a_moved_unit(void **state)
{
	struct overview_counts o0, o1, o2, there;
	assert_int_equal(store_overview(st, "150900", 2025, &o0), STORE_OK);
	int64_t id = add_person(&xinghe, 0, "2026-01-09 09:00:00", 0);
	assert_int_equal(store_year_set_status(st, xinghe.id, 2025, DECLARATION_SUBMITTED,
					       "2026-03-01 09:00:00", NULL, NULL), STORE_OK);
	assert_int_equal(store_overview(st, "150900", 2025, &o1), STORE_OK);
	assert_int_equal(o1.status[DECLARATION_SUBMITTED], o0.status[DECLARATION_SUBMITTED] + 1);
	assert_int_equal(o1.status[DECLARATION_OPEN], o0.status[DECLARATION_OPEN] - 1);
	assert_int_equal(o1.months_counted, o0.months_counted + 12);
	assert_int_equal(o1.persons, o0.persons + 1);
	json_t *u = store_unit_get(st, XINGHE);
	json_object_set_new(u, "federation_region", json_string("150105"));
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	json_decref(u);
	assert_int_equal(store_overview(st, "150900", 2025, &o2), STORE_OK);
	assert_int_equal(store_overview(st, "150100", 2025, &there), STORE_OK);
	assert_int_equal(o2.units, o1.units - 1);
	assert_int_equal(o2.status[DECLARATION_SUBMITTED], o1.status[DECLARATION_SUBMITTED] - 1);
	assert_int_equal(o2.months_counted, o1.months_counted - 12);
	assert_int_equal(there.status[DECLARATION_SUBMITTED], 1);
	assert_int_equal(there.months_counted, 12);
	u = store_unit_get(st, XINGHE); /* back where it was, open again */
	json_object_set_new(u, "federation_region", json_string("150924"));
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	json_decref(u);
	assert_int_equal(store_year_set_status(st, xinghe.id, 2025, DECLARATION_OPEN, NULL, NULL,
					       NULL), STORE_OK);
	assert_int_equal(store_placement_delete(st, id), STORE_OK);
	assert_int_equal(store_overview(st, "150900", 2025, &o2), STORE_OK);
	assert_int_equal(o2.status[DECLARATION_SUBMITTED], o0.status[DECLARATION_SUBMITTED]);
	assert_int_equal(o2.months_counted, o0.months_counted);
}

static void test_statement_cache_reuses_and_nests(void **state)
{
	static const char sql[] = "SELECT 1";
	struct db *db;
	char err[256], path[128];
	snprintf(path, sizeof path, "%s/cache.db", dir);
	assert_int_equal(db_open(&db, path, err, sizeof err), DB_OK);
	struct db_stmt *a = db_sql(db, sql);
	struct db_stmt *nested = db_sql(db, sql); /* a is still in use */
	assert_non_null(a);
	assert_non_null(nested);
	assert_ptr_not_equal(a, nested);
	db_done(nested);
	db_done(a);
	assert_ptr_equal(db_sql(db, sql), a); /* prepared once, handed out again */
	db_done(a);
	db_close(db);
}

static void test_backup_is_a_store_of_its_own(void **state)
{
	char out[160], err[256], copy[128];
	struct store *b;
	int have, latest;
	snprintf(copy, sizeof copy, "%s/copy", dir);
	snprintf(out, sizeof out, "%s/anzhid.db", copy);
	assert_int_equal(mkdir(copy, 0700), 0);
	assert_int_equal(store_backup(st, out, err, sizeof err), STORE_OK);
	assert_int_equal(store_backup(st, out, err, sizeof err), STORE_ERROR); /* never over a file */
	assert_non_null(strstr(err, "exists"));
	assert_int_equal(store_open(&b, out, &ctx.regions, err, sizeof err), STORE_OK);
	assert_int_equal(store_schema(b, &have, &latest), STORE_OK);
	assert_int_equal(have, latest);
	struct unit_ref u;
	assert_int_equal(store_unit_ref(b, XINGHE, &u), STORE_OK);
	store_close(b);
}

static void test_a_newer_schema_is_refused_naming_both_versions(void **state)
{
	char path[128], err[512], want[64];
	struct store *s;
	sqlite3 *raw;
	int have, latest;
	assert_int_equal(store_schema(st, &have, &latest), STORE_OK);
	snprintf(path, sizeof path, "%s/copy/anzhid.db", dir);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(&s, path, &ctx.regions, err, sizeof err), STORE_ERROR);
	assert_non_null(strstr(err, "schema version 99"));
	snprintf(want, sizeof want, "(%d)", latest);
	assert_non_null(strstr(err, want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_are_never_reused_after_a_delete),
		cmocka_unit_test(test_counts_and_year_totals_follow_every_change),
		cmocka_unit_test(test_list_pages_by_keyset_every_item_once),
		cmocka_unit_test(test_queue_pages_by_registration_time_within_a_region),
		cmocka_unit_test(test_import_recheck_touches_only_the_months_it_named),
		cmocka_unit_test(test_a_unit_moved_to_another_region_takes_its_counts_and_queue),
		cmocka_unit_test(test_import_recheck_defers_a_locked_list_until_it_opens),
		cmocka_unit_test(test_the_overview_follows_statuses_and_a_moved_unit),
		cmocka_unit_test(test_statement_cache_reuses_and_nests),
		cmocka_unit_test(test_backup_is_a_store_of_its_own),
		cmocka_unit_test(test_a_newer_schema_is_refused_naming_both_versions),
	};
	return cmocka_run_group_tests_name("server_store", tests, setup, teardown);
}
