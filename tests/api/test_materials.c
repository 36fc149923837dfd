/* Materials over HTTPS: uploads typed by content (not name), stored in the
 * store by digest, downloaded byte for byte; a text file named .png is 415; more than
 * the cap is 413 (the cap lowered with --max-upload-bytes for the test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"

#define CAP 65536

static struct server srv;
static char *tok;
static long long pid; /* 王秀英: wage missing in months 7–9, no materials */
static char path[96];

static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
				     'I', 'H', 'D', 'R', 1, 2, 3, 4 };

static int setup(void **state)
{
	const char *extra[] = { "--max-upload-bytes", "65536", NULL };
	struct resp l;
	char lp[160];
	if (server_start(&srv, NULL, extra) != 0)
		return -1;
	tok = login(&srv, "xinghe", "demo1234");
	snprintf(lp, sizeof lp, "/units/%s/years/%lld/placements?status=incomplete",
		 demo_unit_of(&srv, "xinghe"), jint(srv.demo, "year"));
	http(&srv, "GET", lp, tok, NULL, NULL, &l);
	size_t i;
	json_t *it;
	json_array_foreach(jget(l.json, "items"), i, it)
		if (strcmp(jstr(it, "name_masked"), "王*英") == 0)
			pid = jint(it, "id");
	resp_free(&l);
	snprintf(path, sizeof path, "/placements/%lld/materials", pid);
	return tok && pid > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	free(tok);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static const char *status_of(void)
{
	static char st[32];
	struct resp r;
	char p[64];
	snprintf(p, sizeof p, "/placements/%lld", pid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	snprintf(st, sizeof st, "%s", jstr(r.json, "status"));
	resp_free(&r);
	return st;
}

static long long mid;

static void test_png_upload_is_stored_by_digest_and_moves_months_to_review(void **state)
{
	struct resp r;
	assert_string_equal(status_of(), "incomplete");
	upload(&srv, path, tok, "wage", "工资发放证明.png", png, sizeof png, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "content_type"), "image/png");
	assert_string_equal(jstr(r.json, "kind"), "wage");
	assert_string_equal(jstr(r.json, "filename"), "工资发放证明.png");
	assert_int_equal(jint(r.json, "size"), sizeof png);
	assert_int_equal(strlen(jstr(r.json, "digest")), 64);
	mid = jint(r.json, "id");
	char sql[200], out[64];
	snprintf(sql, sizeof sql, "SELECT size, refs FROM blobs WHERE digest = '%s'",
		 jstr(r.json, "digest"));
	assert_int_equal(db_query(&srv, sql, out, sizeof out), 0);
	assert_string_equal(out, "20|1"); /* in the store, named by one material */
	resp_free(&r);
	/* The wage proof was what the failed months needed. */
	assert_string_equal(status_of(), "pending");
}

static void test_download_returns_the_same_bytes_and_type(void **state)
{
	struct resp r;
	char p[128];
	snprintf(p, sizeof p, "%s/%lld", path, mid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "image/png");
	assert_int_equal(r.len, sizeof png);
	assert_memory_equal(r.body, png, sizeof png);
	resp_free(&r);
}

static void test_pdf_and_jpeg_are_accepted_by_magic(void **state)
{
	struct resp r;
	upload(&srv, path, tok, "contract", "合同.bin", "%PDF-1.7\n%...", 13, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "content_type"), "application/pdf");
	resp_free(&r);
	upload(&srv, path, tok, "other", "photo", "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "content_type"), "image/jpeg");
	resp_free(&r);
}

static void test_text_file_named_png_is_415(void **state)
{
	struct resp r;
	const char text[] = "this is not an image, whatever its name says\n";
	upload(&srv, path, tok, "wage", "wage.png", text, sizeof text - 1, &r);
	assert_int_equal(r.status, 415);
	assert_string_equal(jstr(r.json, "code"), "unsupported_type");
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
}

static void test_file_over_the_cap_is_413(void **state)
{
	struct resp r;
	size_t n = 4 * CAP;
	unsigned char *big = malloc(n);
	memset(big, 'A', n);
	memcpy(big, png, 8);
	upload(&srv, path, tok, "wage", "big.png", big, CAP + 4096, &r);
	assert_int_equal(r.status, 413); /* streamed: refused once past the cap */
	assert_string_equal(jstr(r.json, "code"), "too_large");
	resp_free(&r);
	upload(&srv, path, tok, "wage", "big.png", big, 4 * CAP, &r);
	assert_int_equal(r.status, 413); /* declared far over: refused before reading */
	resp_free(&r);
	free(big);
	/* Still serving, and nothing was recorded. */
	char p[64];
	snprintf(p, sizeof p, "/placements/%lld", pid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "materials")), 3);
	resp_free(&r);
}

static void test_kind_is_required_and_checked(void **state)
{
	struct resp r;
	upload(&srv, path, tok, NULL, "a.png", png, sizeof png, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "kind");
	assert_string_equal(jstr(r.json, "code"), "missing_field");
	resp_free(&r);
	upload(&srv, path, tok, "selfie", "a.png", png, sizeof png, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "code"), "invalid_field");
	resp_free(&r);
	upload(&srv, path, tok, "wage", NULL, NULL, 0, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
}

static void test_json_body_to_upload_endpoint_is_415(void **state)
{
	struct resp r;
	http(&srv, "POST", path, tok, "{\"kind\":\"wage\"}", NULL, &r);
	assert_int_equal(r.status, 415);
	resp_free(&r);
}

static void test_delete_material_puts_the_months_back(void **state)
{
	struct resp r;
	char p[128];
	snprintf(p, sizeof p, "%s/%lld", path, mid);
	http(&srv, "DELETE", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	assert_string_equal(status_of(), "incomplete");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_upload_is_stored_by_digest_and_moves_months_to_review),
		cmocka_unit_test(test_download_returns_the_same_bytes_and_type),
		cmocka_unit_test(test_pdf_and_jpeg_are_accepted_by_magic),
		cmocka_unit_test(test_text_file_named_png_is_415),
		cmocka_unit_test(test_file_over_the_cap_is_413),
		cmocka_unit_test(test_kind_is_required_and_checked),
		cmocka_unit_test(test_json_body_to_upload_endpoint_is_415),
		cmocka_unit_test(test_delete_material_puts_the_months_back),
	};
	return cmocka_run_group_tests_name("api_materials", tests, setup, teardown);
}
