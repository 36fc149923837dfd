/* The service's life over HTTPS and its command line: SIGTERM while writes
 * are under way (exit 0, nothing acknowledged is lost), restart on the same
 * data, registry imports (all or nothing, errors by line and field), user
 * administration, the pin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/api/harness.h"

static struct server srv;
static char dir[256];

struct writer {
	const char *token;
	const char *uscc;
	atomic_int acked;   /* the last value acknowledged with 200 */
	atomic_int stop;
};

/* Keeps changing the unit's staff count, one version after another. */
static void *write_loop(void *arg)
{
	struct writer *w = arg;
	struct resp r;
	char path[80], im[64];
	snprintf(path, sizeof path, "/units/%s", w->uscc);
	if (http(&srv, "GET", path, w->token, NULL, NULL, &r) != 0 || r.status != 200)
		return NULL;
	json_t *unit = json_incref(r.json);
	snprintf(im, sizeof im, "If-Match: %s", r.etag);
	resp_free(&r);
	for (int i = 1; !atomic_load(&w->stop); i++) {
		json_object_set_new(unit, "staff_last_year", json_integer(1000 + i));
		char *body = json_dumps(unit, JSON_COMPACT);
		const char *h[] = { im, NULL };
		int rc = http(&srv, "PUT", path, w->token, body, h, &r);
		free(body);
		if (rc != 0 || r.status != 200) {
			resp_free(&r);
			break;
		}
		atomic_store(&w->acked, 1000 + i);
		snprintf(im, sizeof im, "If-Match: %s", r.etag);
		resp_free(&r);
	}
	json_decref(unit);
	return NULL;
}

static void test_sigterm_during_writes_exits_0_and_keeps_every_acknowledged_write(void **state)
{
	struct writer w[2] = { 0 };
	pthread_t th[2];
	const char *users[2] = { "xinghe", "caoyuan" };
	assert_int_equal(server_start(&srv, NULL, NULL), 0);
	snprintf(dir, sizeof dir, "%s", srv.dir);
	for (int i = 0; i < 2; i++) {
		w[i].token = login(&srv, users[i], "demo1234");
		w[i].uscc = demo_unit_of(&srv, users[i]);
		assert_non_null(w[i].token);
		pthread_create(&th[i], NULL, write_loop, &w[i]);
	}
	/* Let both writers get going (slow under ASan), then stop mid-stream. */
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	for (int i = 0; i < 3000 && (atomic_load(&w[0].acked) < 1003 ||
				     atomic_load(&w[1].acked) < 1003); i++)
		nanosleep(&ts, NULL);
	char uscc[2][24];
	for (int i = 0; i < 2; i++)
		snprintf(uscc[i], sizeof uscc[i], "%s", w[i].uscc);
	assert_int_equal(server_stop(&srv, 1), 0); /* SIGTERM → exit status 0 */
	for (int i = 0; i < 2; i++) {
		atomic_store(&w[i].stop, 1);
		pthread_join(th[i], NULL);
		assert_true(atomic_load(&w[i].acked) > 1000); /* writes were under way */
	}
	assert_int_equal(server_start(&srv, dir, NULL), 0);
	char *tok = login(&srv, "admin", "demo1234");
	for (int i = 0; i < 2; i++) {
		struct resp r;
		char path[80];
		snprintf(path, sizeof path, "/units/%s", uscc[i]);
		http(&srv, "GET", path, tok, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		/* At least the last acknowledged change (one more may have committed
		 * while its answer was cut off). */
		assert_true(jint(r.json, "staff_last_year") >= atomic_load(&w[i].acked));
		assert_int_equal(jint(r.json, "version"), jint(r.json, "staff_last_year") - 1000 + 1);
		resp_free(&r);
		free((char *)w[i].token);
	}
	free(tok);
}

/* Every acknowledged change left its audit row (who, from where, before → after). */
static void test_every_change_has_an_audit_row(void **state)
{
	char out[256];
	/* the audit lives in the store: read with the backend's own client */
	assert_int_equal(db_query(&srv, "SELECT (SELECT COUNT(*) FROM audit WHERE entity='unit'"
				  " AND action='update' AND ip='127.0.0.1' AND before_doc IS NOT NULL"
				  " AND after_doc IS NOT NULL) - (SELECT SUM(version - 1) FROM units)",
				  out, sizeof out), 0);
	assert_string_equal(out, "0");
}

static void test_pin_command_prints_the_served_pin(void **state)
{
	char out[512], args[400];
	snprintf(args, sizeof args, "pin --data %s", dir);
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	out[strcspn(out, "\n")] = '\0';
	assert_string_equal(out, srv.pin);
	assert_int_equal(strncmp(out, "sha256//", 8), 0);
	assert_int_equal(anzhid_run("--version", NULL, out, sizeof out), 0);
	assert_string_equal(out, "anzhid 0.1.0\n");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_import_is_all_or_nothing_and_names_line_and_field(void **state)
{
	char out[1024], args[600], good[300], bad[300], csv[1024];
	const char *idno = demo_addable(&srv, 2); /* 彭桂芝: wages paid months 1–8 only */
	const char *uscc = demo_unit_of(&srv, "xinghe");
	int year = (int)jint(srv.demo, "year");
	snprintf(good, sizeof good, "%s/../good-wages.csv", dir);
	snprintf(bad, sizeof bad, "%s/../bad-wages.csv", dir);
	snprintf(csv, sizeof csv, "idno,month,uscc,amount\n%s,%d09,%s,3300.00\n", idno, year, uscc);
	write_file(good, csv);
	snprintf(csv, sizeof csv,
		 "idno,month,uscc,amount\n%s,%d10,%s,3300.00\n110105194912310021,%d11,%s,3300.00\n",
		 idno, year, uscc, year, uscc);
	write_file(bad, csv);
	snprintf(args, sizeof args, "import %s wages %s --as-of %d-10-31", store_args(dir), good, year);
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	assert_non_null(strstr(out, "imported 1 rows"));
	snprintf(args, sizeof args, "import %s wages %s", store_args(dir), bad);
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 1);
	assert_non_null(strstr(out, "bad-wages.csv:3: idno: "));
	snprintf(args, sizeof args, "import %s bananas %s", store_args(dir), good);
	assert_int_not_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	unlink(good);
	unlink(bad);

	/* The checks see month 9 (imported) but not month 10 (rolled back). */
	struct resp r;
	char *tok = login(&srv, "xinghe", "demo1234");
	char path[120], body[2048];
	snprintf(path, sizeof path, "/registry/persons/%s", idno);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	json_t *b = json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}], s:O}", "person", "idno", idno, "name",
			      jstr(r.json, "name"), "contracts", "type", "open_ended", "start",
			      "2020-01-01", "certificates", jget(r.json, "certificates"));
	resp_free(&r);
	char *txt = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", uscc, year);
	http(&srv, "POST", path, tok, txt, NULL, &r);
	free(txt);
	assert_int_equal(r.status, 201);
	snprintf(path, sizeof path, "/placements/%lld/months", jint(r.json, "id"));
	resp_free(&r);
	snprintf(body, sizeof body, "{\"months\":[\"%d09\",\"%d10\"]}", year, year);
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_true(jget(r.json, "months.8.checks.wage.ok")));
	char label[40];
	snprintf(label, sizeof label, "wages %d-10-31", year);
	assert_string_equal(jstr(r.json, "months.8.checks.wage.source"), label);
	assert_true(json_is_false(jget(r.json, "months.9.checks.wage.ok")));
	resp_free(&r);
	free(tok);
}

static void test_user_add_list_passwd_then_login(void **state)
{
	char out[2048], args[600];
	snprintf(args, sizeof args,
		 "user add %s --username reviewer2 --role reviewer --region 150900",
		 store_args(dir));
	assert_int_equal(anzhid_run(args, "long-password-1", out, sizeof out), 0);
	char *tok = login(&srv, "reviewer2", "long-password-1");
	assert_non_null(tok);
	free(tok);
	snprintf(args, sizeof args, "user add %s --username u9 --role unit", store_args(dir));
	assert_int_equal(anzhid_run(args, "x12345678", out, sizeof out), 2); /* needs --unit */
	snprintf(args, sizeof args, "user list %s", store_args(dir));
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	assert_non_null(strstr(out, "reviewer2"));
	assert_non_null(strstr(out, "150900"));
	snprintf(args, sizeof args, "user passwd %s --username reviewer2", store_args(dir));
	assert_int_equal(anzhid_run(args, "another-password-2", out, sizeof out), 0);
	tok = login(&srv, "reviewer2", "long-password-1");
	assert_null(tok);
	tok = login(&srv, "reviewer2", "another-password-2");
	assert_non_null(tok);
	free(tok);
}

struct racer {
	const char *token;
	long long id;
	pthread_barrier_t *go;
	long status;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	struct resp res;
	char path[80];
	const char *h[] = { "If-Match: \"1\"", NULL };
	snprintf(path, sizeof path, "/placements/%lld/months", r->id);
	pthread_barrier_wait(r->go);
	http(&srv, "PUT", path, r->token, "{\"months\":[\"202501\"]}", h, &res);
	r->status = res.status;
	resp_free(&res);
	return NULL;
}

/* Four writers send the same version at once: one wins, three get 412. */
static void test_concurrent_writers_of_one_version_exactly_one_wins(void **state)
{
	struct resp l;
	char path[160];
	char *tok = login(&srv, "jining", "demo1234");
	assert_non_null(tok);
	snprintf(path, sizeof path, "/units/%s/years/%lld/placements", demo_unit_of(&srv, "jining"),
		 jint(srv.demo, "year"));
	http(&srv, "GET", path, tok, NULL, NULL, &l);
	long long id = -1;
	size_t i;
	json_t *it;
	json_array_foreach(jget(l.json, "items"), i, it)
		if (id < 0 && jint(it, "version") == 1)
			id = jint(it, "id");
	resp_free(&l);
	assert_true(id > 0);
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, 4);
	struct racer r[4];
	pthread_t th[4];
	for (int k = 0; k < 4; k++) {
		r[k] = (struct racer){ tok, id, &go, 0 };
		pthread_create(&th[k], NULL, race, &r[k]);
	}
	int ok = 0, stale = 0;
	for (int k = 0; k < 4; k++) {
		pthread_join(th[k], NULL);
		ok += r[k].status == 200;
		stale += r[k].status == 412;
	}
	pthread_barrier_destroy(&go);
	free(tok);
	assert_int_equal(ok, 1);
	assert_int_equal(stale, 3);
}

static int teardown(void **state)
{
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigterm_during_writes_exits_0_and_keeps_every_acknowledged_write),
		cmocka_unit_test(test_every_change_has_an_audit_row),
		cmocka_unit_test(test_pin_command_prints_the_served_pin),
		cmocka_unit_test(test_import_is_all_or_nothing_and_names_line_and_field),
		cmocka_unit_test(test_user_add_list_passwd_then_login),
		cmocka_unit_test(test_concurrent_writers_of_one_version_exactly_one_wins),
	};
	return cmocka_run_group_tests_name("api_lifecycle", tests, NULL, teardown);
}
