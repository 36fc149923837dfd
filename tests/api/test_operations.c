/* The service as an operator and an attacker on the same machine see it:
 * TLS suites, log lines, the data directory's permissions, stopping with a
 * request still running, the password never on the command line, one
 * username limit, strong If-Match, one audit row per notice read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/api/harness.h"
#include "tests/api/raw.h"

static struct server srv;

static int setup(void **state)
{
	return server_start(&srv, NULL, NULL);
}

static int teardown(void **state)
{
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* What a test made for itself, cleaned up even when an assertion failed. */
static struct server own;
static char own_dir[64];

static int own_cleanup(void **state)
{
	char cmd[100];
	if (own.pid > 0 || own.dir[0])
		server_stop(&own, 0);
	memset(&own, 0, sizeof own);
	if (own_dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf %s", own_dir);
		if (system(cmd) != 0)
			return -1;
		own_dir[0] = '\0';
	}
	return 0;
}

static void test_tls12_offers_no_cbc_sha1_suite(void **state)
{
	struct raw c;
	/* A client that offers nothing but the two CBC-SHA1 suites is refused. */
	int rc = raw_tls(&c, NULL, srv.port,
			 "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-CBC:+AES-256-CBC:"
			 "-MAC-ALL:+SHA1");
	raw_close(&c);
	assert_true(rc < 0);
	/* TLS 1.2 with an AEAD suite still works; TLS 1.1 does not. */
	assert_int_equal(raw_tls(&c, NULL, srv.port, "NORMAL:-VERS-ALL:+VERS-TLS1.2"), 0);
	raw_close(&c);
	assert_true(raw_tls(&c, NULL, srv.port, "NORMAL:-VERS-ALL:+VERS-TLS1.1") < 0);
	raw_close(&c);
}

static void test_a_failed_handshake_logs_lines_with_a_timestamp(void **state)
{
	struct raw c;
	assert_int_equal(raw_tcp(&c, NULL, srv.port), 0);
	raw_send(&c, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 40); /* plain HTTP */
	assert_true(raw_wait_closed(&c, 5000, NULL, 0) >= 0);
	raw_close(&c);
	raw_sleep_ms(200);
	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	regex_t re;
	assert_int_equal(regcomp(&re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z ",
				 REG_EXTENDED | REG_NOSUB),
			 0);
	char line[1024];
	int lines = 0, bad = 0;
	while (fgets(line, sizeof line, f)) {
		lines++;
		if (regexec(&re, line, 0, NULL, 0) != 0) {
			fprintf(stderr, "no timestamp: %s", line);
			bad++;
		}
	}
	fclose(f);
	regfree(&re);
	assert_true(lines > 0);
	assert_int_equal(bad, 0);
}

static mode_t mode_of(const char *dir, const char *name)
{
	char p[600];
	struct stat sb;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	if (stat(p, &sb) != 0) {
		fprintf(stderr, "missing: %s\n", p);
		return 07777;
	}
	return sb.st_mode & 0777;
}

static void test_data_directory_and_its_files_are_private(void **state)
{
	/* (on PostgreSQL the store is not in the directory: the rest is) */
	const char *files[] = { "demo-accounts.json", "tls/key.pem", "anzhid.port",
				"anzhid.db", "anzhid.db-wal", "anzhid.db-shm" };
	size_t n = sizeof files / sizeof files[0] - (backend_is_pg() ? 3 : 0);
	assert_int_equal(mode_of(srv.dir, "."), 0700);
	assert_int_equal(mode_of(srv.dir, "materials") & 077, 0);
	assert_int_equal(mode_of(srv.dir, "tls") & 077, 0);
	for (size_t i = 0; i < n; i++) {
		mode_t m = mode_of(srv.dir, files[i]);
		if (m != 0600)
			fprintf(stderr, "%s: %o\n", files[i], m);
		assert_int_equal(m, 0600);
	}
}

static void test_refuses_a_data_directory_others_can_write(void **state)
{
	char args[300], out[2048];
	snprintf(own_dir, sizeof own_dir, "/tmp/anzhi-open-XXXXXX");
	assert_non_null(mkdtemp(own_dir));
	const char *dir = own_dir;
	chmod(dir, 0777);
	snprintf(args, sizeof args, "--data %s --listen 127.0.0.1:0", dir);
	int rc = anzhid_run(args, NULL, out, sizeof out);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(out, "writable by others"));
	assert_non_null(strstr(out, dir));
	/* Only readable by others: tightened to 0700 and served. */
	chmod(dir, 0755);
	snprintf(args, sizeof args, "user list --data %s", dir);
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	assert_int_equal(mode_of(dir, "."), 0700);
	assert_int_equal(mode_of(dir, "anzhid.db"), 0600);
}

static void test_sigterm_with_a_request_past_the_drain_exits_nonzero_and_logs_it(void **state)
{
	struct server *s = &own;
	struct raw c;
	const char *extra[] = { "--drain-seconds", "1", NULL };
	const char head[] = "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
			    "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"user";
	assert_int_equal(server_start(s, NULL, extra), 0);
	assert_int_equal(raw_tls(&c, NULL, s->port, NULL), 0);
	assert_int_equal(raw_send(&c, head, sizeof head - 1), 0);
	raw_sleep_ms(300); /* the request is under way: its body never ends */
	int rc = server_stop(s, 1);
	raw_close(&c);
	char log[8192] = "";
	FILE *f = fopen(s->log, "r");
	if (f) {
		log[fread(log, 1, sizeof log - 1, f)] = '\0';
		fclose(f);
	}
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(log, "cut"));
}

static void test_password_is_never_taken_from_the_command_line(void **state)
{
	char args[1400], out[2048], pwfile[300];
	snprintf(args, sizeof args,
		 "user add %s --username cli1 --role admin --password long-password-1",
		 store_args(srv.dir));
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 2);
	assert_non_null(strstr(out, "--password-file"));
	assert_non_null(strstr(out, "standard input"));
	char *tok = login(&srv, "cli1", "long-password-1");
	assert_null(tok); /* not created */
	/* From a file (first line), as the message says. */
	snprintf(pwfile, sizeof pwfile, "%s/pw.txt", srv.dir);
	FILE *f = fopen(pwfile, "w");
	fputs("long-password-1\n", f);
	fclose(f);
	snprintf(args, sizeof args,
		 "user add %s --username cli1 --role admin --password-file %s",
		 store_args(srv.dir), pwfile);
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	tok = login(&srv, "cli1", "long-password-1");
	assert_non_null(tok);
	free(tok);
}

static void test_usernames_longer_than_60_are_refused_and_60_log_in(void **state)
{
	char name61[62], args[700], out[2048];
	memset(name61, 'a', 61);
	name61[61] = '\0';
	snprintf(args, sizeof args, "user add %s --username %s --role admin",
		 store_args(srv.dir), name61);
	assert_int_equal(anzhid_run(args, "long-password-1", out, sizeof out), 2);
	assert_non_null(strstr(out, "60"));
	name61[60] = '\0';
	snprintf(args, sizeof args, "user add %s --username %s --role admin",
		 store_args(srv.dir), name61);
	assert_int_equal(anzhid_run(args, "long-password-1", out, sizeof out), 0);
	char *tok = login(&srv, name61, "long-password-1");
	assert_non_null(tok);
	free(tok);
	/* Names shown to people follow the text rule of every stored field. */
	snprintf(args, sizeof args,
		 "user add %s --username esc1 --role admin --display-name \"$(printf "
		 "'a\\033[2Jb')\"", store_args(srv.dir));
	assert_int_equal(anzhid_run(args, "long-password-1", out, sizeof out), 2);
	assert_non_null(strstr(out, "display name"));
}

static void test_weak_etag_in_if_match_is_412(void **state)
{
	struct resp r;
	char path[160], im[64], body[64];
	char *tok = login(&srv, "xinghe", "demo1234");
	assert_non_null(tok);
	snprintf(path, sizeof path, "/units/%s/years/%lld/placements?status=incomplete",
		 demo_unit_of(&srv, "xinghe"), jint(srv.demo, "year"));
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	long long id = jint(r.json, "items.0.id");
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld", id);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(im, sizeof im, "If-Match: W/%s", r.etag);
	resp_free(&r);
	const char *h[] = { im, NULL };
	snprintf(path, sizeof path, "/placements/%lld/months", id);
	snprintf(body, sizeof body, "{\"months\":[\"%lld01\"]}", jint(srv.demo, "year"));
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 412);
	assert_string_equal(jstr(r.json, "code"), "precondition_failed");
	resp_free(&r);
	free(tok);
}

static long long audit_rows(const char *entity, const char *action)
{
	char sql[300], out[64];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity = '%s' AND action = '%s'",
		 entity, action);
	return db_query(&srv, sql, out, sizeof out) == 0 ? atoll(out) : -1;
}

static void test_a_notice_read_twice_is_audited_once(void **state)
{
	struct resp r;
	char path[80];
	char *tok = login(&srv, "caoyuan", "demo1234");
	assert_non_null(tok);
	http(&srv, "GET", "/notices", tok, NULL, NULL, &r);
	long long id = jint(r.json, "items.0.id");
	resp_free(&r);
	assert_true(id > 0);
	long long before = audit_rows("notice", "read");
	snprintf(path, sizeof path, "/notices/%lld/read", id);
	for (int i = 0; i < 3; i++) {
		http(&srv, "POST", path, tok, NULL, NULL, &r);
		assert_int_equal(r.status, 204);
		resp_free(&r);
	}
	assert_int_equal(audit_rows("notice", "read"), before + 1);
	free(tok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls12_offers_no_cbc_sha1_suite),
		cmocka_unit_test(test_a_failed_handshake_logs_lines_with_a_timestamp),
		cmocka_unit_test(test_data_directory_and_its_files_are_private),
		cmocka_unit_test_teardown(test_refuses_a_data_directory_others_can_write,
					  own_cleanup),
		cmocka_unit_test_teardown(
			test_sigterm_with_a_request_past_the_drain_exits_nonzero_and_logs_it,
			own_cleanup),
		cmocka_unit_test(test_password_is_never_taken_from_the_command_line),
		cmocka_unit_test(test_usernames_longer_than_60_are_refused_and_60_log_in),
		cmocka_unit_test(test_weak_etag_in_if_match_is_412),
		cmocka_unit_test(test_a_notice_read_twice_is_audited_once),
	};
	return cmocka_run_group_tests_name("api_operations", tests, setup, teardown);
}
