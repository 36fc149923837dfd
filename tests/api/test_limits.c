/* What a client may cost the service: a refused request is answered and
 * closed before its body is read; slow clients (slowloris) are cut at a
 * deadline that a trickle of bytes does not move, and limited per address
 * and in all, while /health keeps answering; password hashing and the delay
 * after a failed login never hold a request thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/api/raw.h"
#include "tests/samples.h"

#define DECLARED (128ull * 1024 * 1024)
#define READ_AT_MOST (16ull * 1024 * 1024) /* socket buffers, not the body */

static struct server srv;
static char *t_unit, *t_reviewer, *t_caoyuan;
static long long pid_xinghe;

static int setup(void **state)
{
	struct resp r;
	char p[160];
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_unit = login(&srv, "xinghe", "demo1234");
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_caoyuan = login(&srv, "caoyuan", "demo1234");
	snprintf(p, sizeof p, "/units/%s/years/%lld/placements", demo_unit_of(&srv, "xinghe"),
		 jint(srv.demo, "year"));
	http(&srv, "GET", p, t_unit, NULL, NULL, &r);
	pid_xinghe = jint(r.json, "items.0.id");
	resp_free(&r);
	return t_unit && t_reviewer && t_caoyuan && pid_xinghe > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_unit);
	free(t_reviewer);
	free(t_caoyuan);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* Sends a 128 MiB body that the request may not send; expects status, a
 * Connection: close, and that far less than the body left the client. */
static void refused_unread(const char *method, const char *path, const char *token,
			   const char *const *headers, long status)
{
	struct resp r;
	uint64_t sent = 0;
	char v[64];
	http_stream(&srv, method, path, token, DECLARED, headers, &sent, &r);
	if (r.status != status || sent > READ_AT_MOST)
		fprintf(stderr, "%s %s: %ld after %llu bytes\n", method, path, r.status,
			(unsigned long long)sent);
	assert_int_equal(r.status, status);
	assert_true(sent <= READ_AT_MOST);
	assert_non_null(resp_header(&r, "Connection", v, sizeof v));
	assert_string_equal(v, "close");
	resp_free(&r);
	/* Still serving. */
	http(&srv, "GET", "/health", NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
}

static void test_refused_requests_are_answered_and_closed_before_their_body(void **state)
{
	char p[200];
	snprintf(p, sizeof p, "/units/%s/years/%lld/placements", demo_unit_of(&srv, "xinghe"),
		 jint(srv.demo, "year"));
	refused_unread("POST", p, NULL, NULL, 401);	    /* no token */
	refused_unread("POST", p, "not-a-valid-token-at-all", NULL, 401);
	refused_unread("POST", p, t_reviewer, NULL, 403);   /* role may not */
	refused_unread("POST", "/no/such/path", t_unit, NULL, 404);
	refused_unread("PATCH", p, t_unit, NULL, 405);
	snprintf(p, sizeof p, "/placements/%lld/months", pid_xinghe);
	refused_unread("PUT", p, t_unit, NULL, 413);	    /* over the JSON cap */
	/* An upload to a placement of another unit: 404 before the file. */
	const char *mp[] = { "Content-Type: multipart/form-data; boundary=xyz", NULL };
	snprintf(p, sizeof p, "/placements/%lld/materials", pid_xinghe);
	refused_unread("POST", p, t_caoyuan, mp, 404);
}

/* A second service with short deadlines and small limits. */
static struct server slow;
static const char *const slow_args[] = { "--head-timeout", "2", "--body-timeout", "2",
					  "--min-body-rate", "100000000", "--max-connections-per-ip",
					  "4", NULL };

static int slow_start(void **state)
{
	return server_start(&slow, NULL, slow_args);
}

static int slow_stop(void **state)
{
	return server_stop(&slow, 0) == 0 ? 0 : -1;
}

static long health(struct server *s)
{
	struct resp r;
	http(s, "GET", "/health", NULL, NULL, NULL, &r);
	long st = r.status;
	resp_free(&r);
	return st;
}

/* Sends text one byte every 250 ms until the service closes the
 * connection or 8 s pass; /health is asked meanwhile. Returns the ms from
 * the first byte to the close, -1 when it stayed open. */
static long trickle_until_closed(struct raw *c, const char *text)
{
	long t0 = raw_now_ms();
	for (size_t i = 0; raw_now_ms() - t0 < 8000; i = (i + 1) % strlen(text)) {
		if (raw_send(c, text + i, 1) != 0 || !raw_is_open(c))
			break;
		if (raw_wait_closed(c, 250, NULL, 0) >= 0)
			break;
		if (i == 3)
			assert_int_equal(health(&slow), 200); /* served meanwhile */
	}
	long waited = raw_now_ms() - t0;
	return raw_is_open(c) ? -1 : waited;
}

static void test_a_request_head_sent_a_byte_at_a_time_is_cut_at_its_deadline(void **state)
{
	struct raw c;
	assert_int_equal(raw_tls(&c, "127.0.0.2", slow.port, NULL), 0);
	long ms = trickle_until_closed(&c, "GET /api/v1/health HTTP/1.1\r\nX-Slow: aaaaaaaaaa");
	raw_close(&c);
	fprintf(stderr, "head cut after %ld ms\n", ms);
	assert_true(ms >= 1000 && ms <= 6000); /* --head-timeout 2, not MHD's idle 60 s */
	assert_int_equal(health(&slow), 200);
}

static void test_a_tls_handshake_sent_a_byte_at_a_time_is_cut_too(void **state)
{
	struct raw c;
	assert_int_equal(raw_tcp(&c, "127.0.0.2", slow.port), 0);
	/* The start of a ClientHello record that never completes. */
	long ms = trickle_until_closed(&c, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"
					   "abcdefghijklmnopqrstuvwxyz0123456789");
	raw_close(&c);
	fprintf(stderr, "handshake cut after %ld ms\n", ms);
	assert_true(ms >= 1000 && ms <= 6000);
}

static void test_a_body_sent_a_byte_at_a_time_is_cut_at_its_deadline(void **state)
{
	struct raw c;
	const char head[] = "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
			    "Content-Type: application/json\r\nContent-Length: 400\r\n\r\n";
	assert_int_equal(raw_tls(&c, "127.0.0.2", slow.port, NULL), 0);
	assert_int_equal(raw_send(&c, head, sizeof head - 1), 0);
	long ms = trickle_until_closed(&c, "{\"username\":\"xinghe\",\"password\":\"aaaaaaaa");
	raw_close(&c);
	fprintf(stderr, "body cut after %ld ms\n", ms);
	assert_true(ms >= 1000 && ms <= 6000); /* --body-timeout 2 (+ 400 B at 100 MB/s) */
	assert_int_equal(health(&slow), 200);
}

/* An 8 MiB PNG: chunks and CRCs right, the pixels noise. */
static unsigned char *big_png(size_t *n)
{
	const size_t idat = 8u << 20;
	struct sample head;
	sample_png(&head); /* signature + IHDR: its first 33 bytes */
	unsigned char *b = malloc(33 + 12 + idat + 12);
	memcpy(b, head.b, 33);
	unsigned char *c = b + 33;
	c[0] = (unsigned char)(idat >> 24), c[1] = (unsigned char)(idat >> 16);
	c[2] = (unsigned char)(idat >> 8), c[3] = (unsigned char)idat;
	memcpy(c + 4, "IDAT", 4);
	for (size_t i = 0; i < idat; i++)
		c[8 + i] = (unsigned char)(i * 2654435761u >> 24);
	uint32_t crc = sample_crc32(c + 4, 4 + idat);
	unsigned char *t = c + 8 + idat;
	t[0] = (unsigned char)(crc >> 24), t[1] = (unsigned char)(crc >> 16);
	t[2] = (unsigned char)(crc >> 8), t[3] = (unsigned char)crc;
	memcpy(t + 4, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
	*n = 33 + 12 + idat + 12;
	return b;
}

static void test_an_answer_the_client_does_not_read_is_cut_at_its_deadline(void **state)
{
	struct resp r;
	struct raw c;
	char p[200], req[400], buf[65536];
	size_t n;
	char *tok = login(&slow, "xinghe", "demo1234");
	assert_non_null(tok);
	snprintf(p, sizeof p, "/units/%s/years/%lld/placements", demo_unit_of(&slow, "xinghe"),
		 jint(slow.demo, "year"));
	http(&slow, "GET", p, tok, NULL, NULL, &r);
	long long pid = jint(r.json, "items.0.id");
	resp_free(&r);
	unsigned char *png = big_png(&n);
	snprintf(p, sizeof p, "/placements/%lld/materials", pid);
	upload(&slow, p, tok, "other", "big.png", png, n, &r);
	free(png);
	assert_int_equal(r.status, 201);
	long long mid = jint(r.json, "id");
	resp_free(&r);
	/* A client with a small window asks for it and reads nothing. */
	assert_int_equal(raw_tls_window(&c, "127.0.0.6", slow.port, 4096), 0);
	int m = snprintf(req, sizeof req,
			 "GET /api/v1/placements/%lld/materials/%lld HTTP/1.1\r\nHost: x\r\n"
			 "Authorization: Bearer %s\r\n\r\n", pid, mid, tok);
	assert_int_equal(raw_send(&c, req, (size_t)m), 0);
	raw_sleep_ms(4000); /* past --body-timeout 2 (+ 8 MiB at 100 MB/s) */
	size_t got = 0;
	long rd;
	while ((rd = raw_read(&c, buf, sizeof buf, 3000)) > 0)
		got += (size_t)rd;
	fprintf(stderr, "read %zu of %zu bytes, then %s\n", got, n,
		rd == 0 ? "closed" : "still open");
	assert_int_equal(rd, 0);  /* closed… */
	assert_true(got < n);	   /* …before the answer was complete */
	raw_close(&c);
	assert_int_equal(health(&slow), 200);
	free(tok);
}

static void test_connections_from_one_address_are_limited(void **state)
{
	struct raw c[5], other;
	for (int i = 0; i < 4; i++)
		assert_int_equal(raw_tcp(&c[i], "127.0.0.3", slow.port), 0);
	raw_sleep_ms(300); /* accepted and counted */
	for (int i = 0; i < 4; i++)
		assert_true(raw_is_open(&c[i]));
	/* The fifth from the same address is closed at once… */
	assert_int_equal(raw_tcp(&c[4], "127.0.0.3", slow.port), 0);
	assert_true(raw_wait_closed(&c[4], 1500, NULL, 0) >= 0);
	/* …while another address and a good client are served. */
	assert_int_equal(raw_tcp(&other, "127.0.0.4", slow.port), 0);
	raw_sleep_ms(300);
	assert_true(raw_is_open(&other));
	assert_int_equal(health(&slow), 200);
	for (int i = 0; i < 5; i++)
		raw_close(&c[i]);
	raw_close(&other);
}

/* One worker thread and a burst of failed logins (each hashed with argon2id,
 * then held 200 ms): /health, asked after them on a connection already open,
 * is answered before any of them, since no request thread hashes or waits. */
static struct server one;

static int one_stop(void **state)
{
	return one.pid > 0 && server_stop(&one, 0) != 0 ? -1 : 0;
}

static void test_failed_logins_hold_no_request_thread(void **state)
{
	enum { LOGINS = 6 };
	struct raw c[LOGINS + 1];
	const char *extra[] = { "--threads", "1", NULL };
	char req[400], buf[4096];
	long first[LOGINS + 1];
	int got[LOGINS + 1] = { 0 };
	char status[LOGINS + 1][4];
	assert_int_equal(server_start(&one, NULL, extra), 0);
	for (int i = 0; i <= LOGINS; i++) {
		char src[32];
		snprintf(src, sizeof src, "127.0.0.%d", 20 + i);
		assert_int_equal(raw_tls(&c[i], src, one.port, NULL), 0);
		first[i] = -1;
	}
	/* c[LOGINS] is the good client: warm it up with one /health. */
	const char hreq[] = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
	assert_int_equal(raw_send(&c[LOGINS], hreq, sizeof hreq - 1), 0);
	assert_true(raw_read(&c[LOGINS], buf, sizeof buf, 5000) > 0);
	while (raw_read(&c[LOGINS], buf, sizeof buf, 200) > 0)
		; /* the rest of that answer */
	long t0 = raw_now_ms();
	for (int i = 0; i < LOGINS; i++) {
		char body[100];
		int n = snprintf(body, sizeof body,
				 "{\"username\":\"nobody%d\",\"password\":\"wrong-password\"}", i);
		int m = snprintf(req, sizeof req,
				 "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: "
				 "application/json\r\nContent-Length: %d\r\n\r\n%s", n, body);
		assert_int_equal(raw_send(&c[i], req, (size_t)m), 0);
	}
	raw_sleep_ms(30); /* the logins are in; now the good client asks */
	assert_int_equal(raw_send(&c[LOGINS], hreq, sizeof hreq - 1), 0);
	int left = LOGINS + 1;
	while (left > 0 && raw_now_ms() - t0 < 60000) {
		for (int i = 0; i <= LOGINS; i++) {
			if (got[i])
				continue;
			long r = raw_read(&c[i], buf, sizeof buf - 1, 5);
			if (r <= 0)
				continue;
			buf[r] = '\0';
			first[i] = raw_now_ms() - t0;
			snprintf(status[i], sizeof status[i], "%.3s", buf + 9); /* "HTTP/1.1 401" */
			got[i] = 1;
			left--;
		}
	}
	for (int i = 0; i <= LOGINS; i++)
		fprintf(stderr, "%s %d: %s after %ld ms\n", i < LOGINS ? "login" : "health", i,
			got[i] ? status[i] : "-", first[i]);
	assert_int_equal(left, 0);
	assert_string_equal(status[LOGINS], "200");
	for (int i = 0; i < LOGINS; i++) {
		assert_string_equal(status[i], "401");
		assert_true(first[LOGINS] < first[i]); /* /health came first */
	}
	for (int i = 0; i <= LOGINS; i++)
		raw_close(&c[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_requests_are_answered_and_closed_before_their_body),
		cmocka_unit_test_teardown(test_failed_logins_hold_no_request_thread, one_stop),
		cmocka_unit_test_setup_teardown(
			test_a_request_head_sent_a_byte_at_a_time_is_cut_at_its_deadline, slow_start,
			slow_stop),
		cmocka_unit_test_setup_teardown(test_a_tls_handshake_sent_a_byte_at_a_time_is_cut_too,
						slow_start, slow_stop),
		cmocka_unit_test_setup_teardown(
			test_a_body_sent_a_byte_at_a_time_is_cut_at_its_deadline, slow_start,
			slow_stop),
		cmocka_unit_test_setup_teardown(
			test_an_answer_the_client_does_not_read_is_cut_at_its_deadline, slow_start,
			slow_stop),
		cmocka_unit_test_setup_teardown(test_connections_from_one_address_are_limited,
						slow_start, slow_stop),
	};
	return cmocka_run_group_tests_name("api_limits", tests, setup, teardown);
}
