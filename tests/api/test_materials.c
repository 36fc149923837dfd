/* Materials over HTTPS: uploads typed by their whole structure (not name or
 * first bytes), stored in the store by digest, downloaded byte for byte as an attachment
 * that must not be sniffed; a text file named .png is 415, a damaged PNG,
 * JPEG or PDF 422; more than the cap is 413 (the cap lowered with
 * --max-upload-bytes for the test); a file name that is not clean UTF-8 text
 * is 422 and two files in one upload 400, with nothing kept.  GET /health
 * says the cap, so a client refuses a larger file before sending; the 编制本
 * is a kind of its own, which a 编制 person's failed contract months ask for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/samples.h"

#define CAP 65536

static struct server srv;
static char *tok;
static long long pid; /* 王秀英: wage missing in months 7–9, no materials */
static char path[96];

static struct sample png;

static int setup(void **state)
{
	const char *extra[] = { "--max-upload-bytes", "65536", NULL };
	struct resp l;
	char lp[160];
	if (server_start(&srv, NULL, extra) != 0)
		return -1;
	sample_png(&png);
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
	upload(&srv, path, tok, "wage", "工资发放证明.png", png.b, png.n, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "content_type"), "image/png");
	assert_string_equal(jstr(r.json, "kind"), "wage");
	assert_string_equal(jstr(r.json, "filename"), "工资发放证明.png");
	assert_int_equal(jint(r.json, "size"), png.n);
	assert_int_equal(strlen(jstr(r.json, "digest")), 64);
	mid = jint(r.json, "id");
	char sql[200], out[64];
	snprintf(sql, sizeof sql, "SELECT size, refs FROM blobs WHERE digest = '%s'",
		 jstr(r.json, "digest"));
	assert_int_equal(db_query(&srv, sql, out, sizeof out), 0);
	char want[32];
	snprintf(want, sizeof want, "%zu|1", png.n);
	assert_string_equal(out, want); /* in the store, named by one material */
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
	assert_int_equal(r.len, png.n);
	assert_memory_equal(r.body, png.b, png.n);
	resp_free(&r);
}

static void test_download_is_an_attachment_that_must_not_be_sniffed(void **state)
{
	struct resp r;
	char p[128], v[512];
	snprintf(p, sizeof p, "%s/%lld", path, mid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(resp_header(&r, "X-Content-Type-Options", v, sizeof v));
	assert_string_equal(v, "nosniff");
	assert_non_null(resp_header(&r, "Content-Disposition", v, sizeof v));
	/* RFC 6266: an ASCII fallback, then the UTF-8 name percent-encoded. */
	assert_string_equal(v, "attachment; filename=\"______.png\"; "
			       "filename*=UTF-8''%E5%B7%A5%E8%B5%84%E5%8F%91%E6%94%BE%E8%AF%81%E6%98%8E.png");
	resp_free(&r);
}

static void test_pdf_and_jpeg_are_accepted_by_content(void **state)
{
	struct resp r;
	struct sample s;
	sample_pdf(&s);
	upload(&srv, path, tok, "contract", "合同.bin", s.b, s.n, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "content_type"), "application/pdf");
	resp_free(&r);
	sample_jpeg(&s);
	upload(&srv, path, tok, "other", "photo", s.b, s.n, &r);
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
	memcpy(big, png.b, 8);
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
	upload(&srv, path, tok, NULL, "a.png", png.b, png.n, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "kind");
	assert_string_equal(jstr(r.json, "code"), "missing_field");
	resp_free(&r);
	upload(&srv, path, tok, "selfie", "a.png", png.b, png.n, &r);
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

static void test_health_says_the_upload_limit(void **state)
{
	struct resp r;
	http(&srv, "GET", "/health", NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "max_upload_bytes"), CAP);
	resp_free(&r);
}

/* SPEC §3: 编制 staff of a public institution show their 编制本 instead of a
 * labour contract: the months no 编制 covers ask for it, and it meets them. */
static void test_an_establishment_person_needs_the_establishment_register(void **state)
{
	struct resp r;
	char body[1200], p[160];
	const char *idno = demo_addable(&srv, 0);
	assert_non_null(idno);
	snprintf(body, sizeof body,
		 "{\"person\":{\"idno\":\"%s\",\"name\":\"编制人\"},"
		 "\"contracts\":[{\"type\":\"establishment\",\"start\":\"%lld-07-01\",\"end\":null,"
		 "\"dispatch\":false,\"relation\":\"own\",\"monthly_wage\":\"3000.00\"}],"
		 "\"certificates\":[]}", idno, jint(srv.demo, "year"));
	snprintf(p, sizeof p, "/units/%s/years/%lld/placements", demo_unit_of(&srv, "xinghe"),
		 jint(srv.demo, "year"));
	http(&srv, "POST", p, tok, body, NULL, &r);
	assert_int_equal(r.status, 201);
	long long id = jint(r.json, "id");
	char etag[48];
	snprintf(etag, sizeof etag, "If-Match: %s", r.etag);
	resp_free(&r);
	snprintf(body, sizeof body, "{\"months\":[\"%lld03\",\"%lld08\"]}", jint(srv.demo, "year"),
		 jint(srv.demo, "year"));
	snprintf(p, sizeof p, "/placements/%lld/months", id);
	const char *hdr[] = { etag, NULL };
	http(&srv, "PUT", p, tok, body, hdr, &r);
	assert_int_equal(r.status, 200);
	bool est = false, contract = false;
	size_t i;
	json_t *n;
	json_array_foreach(jget(r.json, "needs"), i, n) {
		est = est || strcmp(json_string_value(n), "establishment") == 0;
		contract = contract || strcmp(json_string_value(n), "contract") == 0;
	}
	assert_true(est);
	assert_false(contract);
	assert_string_equal(jstr(r.json, "months.2.checks.contract.reason"), "no_contract");
	resp_free(&r);
	snprintf(p, sizeof p, "/placements/%lld/materials", id);
	upload(&srv, p, tok, "establishment", "编制本.png", png.b, png.n, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "kind"), "establishment");
	resp_free(&r);
}

/* Materials listed on the placement and files under DATA/materials. */
static void count_kept(long *materials, long *files)
{
	struct resp r;
	char p[64], dir[400];
	snprintf(p, sizeof p, "/placements/%lld", pid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	*materials = (long)json_array_size(jget(r.json, "materials"));
	resp_free(&r);
	snprintf(dir, sizeof dir, "%s/materials", srv.dir);
	DIR *d = opendir(dir);
	struct dirent *e;
	*files = 0;
	while (d && (e = readdir(d)))
		*files += e->d_name[0] != '.';
	if (d)
		closedir(d);
}

/* Uploads a fresh PNG (a new digest each time) named name; expects status
 * and field, and that nothing was kept. */
static void refused_upload(const char *name, long status, const char *field)
{
	static unsigned char salt;
	struct resp r;
	struct sample s;
	long m0, f0, m1, f1;
	count_kept(&m0, &f0);
	sample_png(&s);
	s.n -= 12; /* before IEND, a tEXt chunk that gives the file a new digest */
	unsigned char text[4] = { 'n', 0, 'v', ++salt };
	sample_png_chunk(&s, "tEXt", text, 4);
	sample_png_chunk(&s, "IEND", NULL, 0);
	upload(&srv, path, tok, "wage", name, s.b, s.n, &r);
	assert_int_equal(r.status, status);
	assert_string_equal(jstr(r.json, "field"), field);
	resp_free(&r);
	count_kept(&m1, &f1);
	assert_int_equal(m1, m0);
	assert_int_equal(f1, f0);
}

static void test_a_file_name_cut_inside_a_character_or_not_utf8_is_422(void **state)
{
	refused_upload("工资\xe8\xaf", 422, "filename");	 /* cut inside 证 */
	refused_upload("\xb9\xa4\xd7\xca.png", 422, "filename"); /* 工资 in GBK */
	refused_upload("a\xc0\xaf" "b.png", 422, "filename"); /* overlong '/' */
}

static void test_file_names_with_controls_escapes_or_bidi_overrides_are_422(void **state)
{
	refused_upload("a\x1b[2J.png", 422, "filename");
	refused_upload("a\x7f.png", 422, "filename");
	refused_upload("invoice\xe2\x80\xaegnp.exe", 422, "filename"); /* U+202E */
	refused_upload("x\xe2\x81\xa6y.png", 422, "filename");	  /* U+2066 */
	char longname[300];
	memset(longname, 'a', sizeof longname);
	memcpy(longname + 290, ".png", 5);
	refused_upload(longname, 422, "filename");
}

static void test_two_file_parts_are_400_before_the_content_is_judged(void **state)
{
	struct resp r;
	long m0, f0, m1, f1;
	const char text[] = "not an image at all";
	count_kept(&m0, &f0);
	struct part parts[] = {
		{ "kind", NULL, "wage", 4 },
		{ "file", "a.png", png.b, png.n },
		{ "file", "b.txt", text, sizeof text - 1 },
	};
	upload_parts(&srv, path, tok, parts, 3, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	parts[1] = (struct part){ "file", "b.txt", text, sizeof text - 1 };
	parts[2] = (struct part){ "file", "a.png", png.b, png.n };
	upload_parts(&srv, path, tok, parts, 3, &r);
	assert_int_equal(r.status, 400); /* not 415: the count is judged first */
	resp_free(&r);
	count_kept(&m1, &f1);
	assert_int_equal(m1, m0);
	assert_int_equal(f1, f0);
}

static void test_damaged_png_jpeg_and_pdf_are_422(void **state)
{
	struct resp r;
	struct sample s;
	long m0, f0, m1, f1;
	count_kept(&m0, &f0);
	sample_png(&s);
	s.b[s.n - 20] ^= 0x40; /* inside IDAT: its CRC no longer matches */
	upload(&srv, path, tok, "wage", "a.png", s.b, s.n, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "code"), "invalid_field");
	assert_string_equal(jstr(r.json, "field"), "file");
	assert_non_null(strstr(jstr(r.json, "detail"), "CRC"));
	resp_free(&r);
	sample_jpeg(&s);
	s.n -= 2; /* no EOI */
	upload(&srv, path, tok, "wage", "a.jpg", s.b, s.n, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	upload(&srv, path, tok, "wage", "a.pdf", "%PDF-1.7\n<html>", 15, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	count_kept(&m1, &f1);
	assert_int_equal(m1, m0);
	assert_int_equal(f1, f0);
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
		cmocka_unit_test(test_download_is_an_attachment_that_must_not_be_sniffed),
		cmocka_unit_test(test_pdf_and_jpeg_are_accepted_by_content),
		cmocka_unit_test(test_text_file_named_png_is_415),
		cmocka_unit_test(test_file_over_the_cap_is_413),
		cmocka_unit_test(test_kind_is_required_and_checked),
		cmocka_unit_test(test_json_body_to_upload_endpoint_is_415),
		cmocka_unit_test(test_health_says_the_upload_limit),
		cmocka_unit_test(test_an_establishment_person_needs_the_establishment_register),
		cmocka_unit_test(test_a_file_name_cut_inside_a_character_or_not_utf8_is_422),
		cmocka_unit_test(test_file_names_with_controls_escapes_or_bidi_overrides_are_422),
		cmocka_unit_test(test_two_file_parts_are_400_before_the_content_is_judged),
		cmocka_unit_test(test_damaged_png_jpeg_and_pdf_are_422),
		cmocka_unit_test(test_delete_material_puts_the_months_back),
	};
	return cmocka_run_group_tests_name("api_materials", tests, setup, teardown);
}
