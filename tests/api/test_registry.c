/* The disability registry (GET /registry/persons/{idno}) as issue 13 scoped
 * it: a unit sees only what the person form fills in, within a budget of
 * look-ups per account and hour (the policy table's), found or not, then
 * 429 with Retry-After; a reviewer sees the persons of their region (by
 * household region, or placed at a unit of the region); an admin sees all;
 * every answered look-up is audited with the ID number, which no log line
 * holds. */
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
#include <unistd.h>

#include "tests/api/harness.h"

static struct server srv;
static char *t_xinghe, *t_jining, *t_beifang, *t_reviewer, *t_supervisor, *t_admin;
static int year;

/* Demo persons (src/server/demo_data.c) by their first 17 characters (the
 * last three digits follow their place in demo_persons: demo.c person_idno):
 * 周桂兰, household 150105 (呼和浩特), placed at 草原绿能 (150105);
 * 付春梅, household 150105, placed at 草原绿能 last year only. */
static char zhou[19], fu[19];

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_jining = login(&srv, "jining", "demo1234");
	t_beifang = login(&srv, "beifang", "demo1234");
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_supervisor = login(&srv, "supervisor", "demo1234");
	t_admin = login(&srv, "admin", "demo1234");
	year = (int)jint(srv.demo, "year");
	make_idno("15010519730314122", zhou);
	make_idno("15010519780912202", fu);
	return t_xinghe && t_jining && t_beifang && t_reviewer && t_supervisor && t_admin ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_xinghe);
	free(t_jining);
	free(t_beifang);
	free(t_reviewer);
	free(t_supervisor);
	free(t_admin);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static long lookup(struct server *s, const char *token, const char *idno, struct resp *r)
{
	char path[80];
	snprintf(path, sizeof path, "/registry/persons/%s", idno);
	http(s, "GET", path, token, NULL, NULL, r);
	return r->status;
}

static long lookup_status(const char *token, const char *idno)
{
	struct resp r;
	long st = lookup(&srv, token, idno, &r);
	resp_free(&r);
	return st;
}

/* The object's keys, sorted, comma-separated. */
static void keys_of(const json_t *o, char *out, size_t len)
{
	const char *k[32];
	size_t n = 0, at = 0;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)o, key, v)
		if (n < 32)
			k[n++] = key;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(k[j - 1], k[j]) > 0; j--) {
			const char *t = k[j];
			k[j] = k[j - 1];
			k[j - 1] = t;
		}
	out[0] = '\0';
	for (size_t i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? "," : "", k[i]);
}

static void test_a_unit_gets_only_the_fields_the_person_form_fills(void **state)
{
	struct resp r;
	char keys[400];
	assert_int_equal(lookup(&srv, t_xinghe, demo_addable(&srv, 0), &r), 200);
	keys_of(r.json, keys, sizeof keys);
	/* No gender or birth (the ID number says them), no registry ids. */
	assert_string_equal(keys, "certificates,education,hukou_address,hukou_region,hukou_type,"
				  "idno,name,phone");
	json_t *certs = json_object_get(r.json, "certificates");
	assert_true(json_array_size(certs) >= 1);
	keys_of(json_array_get(certs, 0), keys, sizeof keys);
	assert_string_equal(keys, "category,level,number,type,valid_from,valid_to");
	resp_free(&r);
}

static void test_reviewers_and_admin_get_the_whole_registry_record(void **state)
{
	struct resp r;
	assert_int_equal(lookup(&srv, t_reviewer, demo_addable(&srv, 0), &r), 200);
	assert_non_null(jstr(r.json, "gender"));
	assert_non_null(jstr(r.json, "birth"));
	resp_free(&r);
	assert_int_equal(lookup(&srv, t_admin, zhou, &r), 200);
	assert_string_equal(jstr(r.json, "name"), "周桂兰");
	assert_string_equal(jstr(r.json, "gender"), "female");
	resp_free(&r);
}

static void test_a_reviewer_looks_up_only_persons_of_their_region(void **state)
{
	/* 周桂兰 lives in 呼和浩特 and is placed there: not 乌兰察布's. */
	assert_int_equal(lookup_status(t_reviewer, zhou), 404);
	/* The province's supervisor sees the whole province. */
	assert_int_equal(lookup_status(t_supervisor, zhou), 200);
}

static void test_a_reviewer_also_sees_persons_placed_in_their_region(void **state)
{
	struct resp r;
	char path[120], start[16];
	assert_int_equal(lookup_status(t_reviewer, fu), 404);
	/* 兴和 (in 乌兰察布) registers 付春梅 from 呼和浩特. */
	assert_int_equal(lookup(&srv, t_xinghe, fu, &r), 200);
	snprintf(start, sizeof start, "%d-01-01", year);
	json_t *b = json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}], s:O}", "person", "idno", fu, "name",
			      jstr(r.json, "name"), "contracts", "type", "open_ended", "start",
			      start, "certificates", jget(r.json, "certificates"));
	resp_free(&r);
	char *body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", demo_unit_of(&srv, "xinghe"),
		 year);
	http(&srv, "POST", path, t_xinghe, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 201);
	resp_free(&r);
	assert_int_equal(lookup_status(t_reviewer, fu), 200);
}

/* A valid ID number nobody in the demo registry has. */
static void unknown_idno(int i, char out[19])
{
	char first17[32];
	snprintf(first17, sizeof first17, "1509241990%02d%02d%03d", 1 + i % 12, 1 + i % 28,
		 500 + i % 400);
	first17[17] = '\0';
	make_idno(first17, out);
}

static void test_a_unit_account_gets_100_lookups_an_hour_found_or_not(void **state)
{
	struct resp r;
	int answered = 0, refused = 0, first_refused = 0;
	long retry = 0;
	for (int i = 1; i <= 150; i++) {
		char idno[19];
		if (i % 2)
			snprintf(idno, sizeof idno, "%s", demo_addable(&srv, (size_t)(i % 3)));
		else
			unknown_idno(i, idno);
		long st = lookup(&srv, t_jining, idno, &r);
		if (st == 200 || st == 404) {
			answered++;
			assert_int_equal(refused, 0); /* never an answer after a refusal */
		} else {
			assert_int_equal(st, 429);
			assert_string_equal(jstr(r.json, "code"), "rate_limited");
			retry = atol(r.retry_after);
			assert_true(retry >= 1 && retry <= 3600);
			if (!refused)
				first_refused = i;
			refused++;
		}
		resp_free(&r);
	}
	fprintf(stderr, "registry: a unit account got %d of 150 look-ups answered (the %dth was"
			" the first refused, Retry-After %ld s): %d an hour\n",
		answered, first_refused, retry, answered);
	assert_int_equal(answered, 100);
	assert_int_equal(first_refused, 101);
	/* The budget is the account's: another unit's is untouched. */
	assert_int_equal(lookup_status(t_beifang, demo_addable(&srv, 0)), 200);
}

static void test_admin_looks_up_without_a_budget(void **state)
{
	for (int i = 0; i < 120; i++) {
		char idno[19];
		unknown_idno(i, idno);
		assert_int_equal(lookup_status(t_admin, idno), 404);
	}
	assert_int_equal(lookup_status(t_admin, zhou), 200);
}

static void test_every_lookup_is_audited_and_no_log_line_holds_the_id_number(void **state)
{
	char sql[600], out[4096], buf[1 << 17];
	const char *idno = demo_addable(&srv, 2);
	assert_int_equal(lookup_status(t_beifang, idno), 200);
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*), MAX(a.after_doc) FROM audit a JOIN users u ON u.id = a.user_id"
		 " WHERE u.username = 'beifang' AND a.entity = 'registry_person'"
		 " AND a.action = 'lookup' AND a.entity_id = '%s'", idno);
	assert_int_equal(db_query(&srv, sql, out, sizeof out), 0);
	assert_int_equal(atoi(out), 1);
	assert_non_null(strstr(out, "\"found\":true"));

	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "GET /api/v1/registry/persons/"));
	for (size_t i = 0; demo_addable(&srv, i); i++)
		assert_null(strstr(buf, demo_addable(&srv, i)));
	assert_null(strstr(buf, zhou));
	assert_null(strstr(buf, fu));
}

/* ------------------------------------------------ the budget is policy */

static struct server own;
static char own_data[64];

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static int own_cleanup(void **state)
{
	if (own.pid > 0 || own.dir[0])
		server_stop(&own, 0);
	if (own_data[0])
		nftw(own_data, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	own_data[0] = '\0';
	return 0;
}

static void test_the_budget_is_the_policy_tables_setting(void **state)
{
	char cmd[600], policy[200];
	snprintf(own_data, sizeof own_data, "/tmp/anzhi-policy-XXXXXX");
	assert_non_null(mkdtemp(own_data));
	snprintf(cmd, sizeof cmd, "cp -r '%s'/. %s/", ANZHI_DATADIR, own_data);
	assert_int_equal(system(cmd), 0);
	snprintf(policy, sizeof policy, "%s/policy/150000.json", own_data);
	json_t *p = json_load_file(policy, 0, NULL);
	assert_non_null(p);
	assert_true(json_is_object(json_object_get(p, "registry")));
	json_object_set_new(json_object_get(p, "registry"), "lookups_per_hour", json_integer(3));
	assert_int_equal(json_dump_file(p, policy, JSON_INDENT(2)), 0);
	json_decref(p);
	const char *args[] = { "--datadir", own_data, NULL };
	assert_int_equal(server_start(&own, NULL, args), 0);
	char *tok = login(&own, "caoyuan", "demo1234");
	assert_non_null(tok);
	struct resp r;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(lookup(&own, tok, zhou, &r), 200);
		resp_free(&r);
	}
	assert_int_equal(lookup(&own, tok, zhou, &r), 429);
	assert_true(atol(r.retry_after) >= 1);
	resp_free(&r);
	free(tok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_unit_gets_only_the_fields_the_person_form_fills),
		cmocka_unit_test(test_reviewers_and_admin_get_the_whole_registry_record),
		cmocka_unit_test(test_a_reviewer_looks_up_only_persons_of_their_region),
		cmocka_unit_test(test_a_reviewer_also_sees_persons_placed_in_their_region),
		cmocka_unit_test(test_a_unit_account_gets_100_lookups_an_hour_found_or_not),
		cmocka_unit_test(test_admin_looks_up_without_a_budget),
		cmocka_unit_test(test_every_lookup_is_audited_and_no_log_line_holds_the_id_number),
		cmocka_unit_test_teardown(test_the_budget_is_the_policy_tables_setting,
					  own_cleanup),
	};
	return cmocka_run_group_tests_name("api_registry", tests, setup, teardown);
}
