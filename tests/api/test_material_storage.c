/* Where materials' bytes live and how much room they take: in the store (so
 * any instance serves any file), in 1 MiB chunks, one blob per digest freed
 * with the last material that names it, each unit within the policy's quota
 * (413 quota_exceeded), and what a killed instance or an older anzhid left
 * behind cleaned at the next start. A feedback's or cancellation's files, and
 * a reward application's attachments, are blobs of the same store under the
 * same quota, and hold their blob as a material does. The service runs with
 * a copy of the shipped data whose quota is 3 MiB. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/api/decl.h"
#include "tests/api/harness.h"
#include "tests/samples.h"

#define MIB (1024 * 1024)

static struct server srv;
static char *tok;
static char root[] = "/tmp/anzhi-quota-XXXXXX", shipped[300], path[96];
static long long pid;
static const char *const extra[] = { "--datadir", shipped, NULL };

static int setup(void **state)
{
	char cmd[1200];
	if (!mkdtemp(root))
		return -1;
	snprintf(shipped, sizeof shipped, "%s/data", root);
	snprintf(cmd, sizeof cmd,
		 "cp -r %s %s && sed -i 's/\"quota_mib_per_unit\": [0-9]*/\"quota_mib_per_unit\": 3/'"
		 " %s/policy/150000.json && grep -q '\"quota_mib_per_unit\": 3' %s/policy/150000.json",
		 ANZHI_DATADIR, shipped, shipped, shipped);
	if (system(cmd) != 0 || server_start(&srv, NULL, extra) != 0)
		return -1;
	tok = login(&srv, "xinghe", "demo1234");
	struct resp l;
	char lp[160];
	snprintf(lp, sizeof lp, "/units/%s/years/%lld/placements?status=incomplete",
		 demo_unit_of(&srv, "xinghe"), jint(srv.demo, "year"));
	http(&srv, "GET", lp, tok, NULL, NULL, &l);
	pid = jint(l.json, "items.0.id");
	resp_free(&l);
	snprintf(path, sizeof path, "/placements/%lld/materials", pid);
	return tok && pid > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[400];
	free(tok);
	int rc = server_stop(&srv, 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return rc == 0 && system(cmd) == 0 ? 0 : -1;
}

/* A whole PNG of n bytes whose content (and so digest) depends on seed: the
 * 1x1 sample with a private ancillary chunk of filler before its IDAT. */
static unsigned char *png_of(size_t n, unsigned seed)
{
	struct sample one;
	sample_png(&one); /* signature, IHDR (25), IDAT (25), IEND (12) */
	size_t head = 8 + 25, fill = n - one.n - 12;
	unsigned char *b = malloc(n);
	memcpy(b, one.b, head);
	unsigned char *c = b + head;
	c[0] = (unsigned char)(fill >> 24), c[1] = (unsigned char)(fill >> 16);
	c[2] = (unsigned char)(fill >> 8), c[3] = (unsigned char)fill;
	memcpy(c + 4, "prVt", 4);
	for (size_t i = 0; i < fill; i++)
		c[8 + i] = (unsigned char)((i * 2654435761u) >> 13 ^ seed);
	uint32_t crc = sample_crc32(c + 4, 4 + fill);
	unsigned char *t = c + 8 + fill;
	t[0] = (unsigned char)(crc >> 24), t[1] = (unsigned char)(crc >> 16);
	t[2] = (unsigned char)(crc >> 8), t[3] = (unsigned char)crc;
	memcpy(t + 4, one.b + head, one.n - head);
	return b;
}

static long long put(const unsigned char *data, size_t n, char digest[65])
{
	struct resp r;
	upload(&srv, path, tok, "wage", "proof.png", data, n, &r);
	long long id = r.status == 201 ? jint(r.json, "id") : -r.status;
	if (digest)
		snprintf(digest, 65, "%s", r.status == 201 ? jstr(r.json, "digest") : "");
	resp_free(&r);
	return id;
}

static void drop(long long mid)
{
	struct resp r;
	char p[128];
	snprintf(p, sizeof p, "%s/%lld", path, mid);
	http(&srv, "DELETE", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
}

/* "SELECT … FROM table WHERE digest = 'D'" for what of table. */
static long long count(const char *what, const char *table, const char *digest)
{
	char sql[300], out[64];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE digest = '%s'", what, table, digest);
	assert_int_equal(db_query(&srv, sql, out, sizeof out), 0);
	return atoll(out);
}

static void test_a_large_file_is_stored_in_chunks_and_comes_back_whole(void **state)
{
	size_t n = 2 * MIB + 12345;
	char digest[65], p[128];
	unsigned char *data = png_of(n, 1);
	long long mid = put(data, n, digest);
	assert_true(mid > 0);
	assert_int_equal(count("COUNT(*)", "blob_chunks", digest), 3);
	struct resp r;
	snprintf(p, sizeof p, "%s/%lld", path, mid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, n);
	assert_memory_equal(r.body, data, n);
	resp_free(&r);
	drop(mid);
	free(data);
}

static void test_the_last_material_of_a_digest_takes_its_blob_along(void **state)
{
	char digest[65];
	unsigned char *data = png_of(300000, 2);
	long long a = put(data, 300000, digest), b = put(data, 300000, NULL);
	assert_true(a > 0 && b > 0);
	assert_int_equal(count("refs", "blobs", digest), 2);
	drop(a);
	assert_int_equal(count("refs", "blobs", digest), 1);
	drop(b);
	assert_int_equal(count("COUNT(*)", "blobs", digest), 0);
	assert_int_equal(count("COUNT(*)", "blob_chunks", digest), 0);
	free(data);
}

static void test_a_unit_over_its_quota_gets_413_quota_exceeded_until_it_deletes(void **state)
{
	struct resp r;
	unsigned char *one = png_of(2 * MIB, 3), *two = png_of(2 * MIB, 4);
	long long a = put(one, 2 * MIB, NULL);
	assert_true(a > 0);
	upload(&srv, path, tok, "wage", "second.png", two, 2 * MIB, &r);
	assert_int_equal(r.status, 413); /* 4 MiB > 3 MiB */
	assert_string_equal(jstr(r.json, "code"), "quota_exceeded");
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	/* the same bytes again count again: the quota is what the unit uploaded */
	assert_int_equal(put(one, 2 * MIB, NULL), -413);
	drop(a);
	long long b = put(two, 2 * MIB, NULL);
	assert_true(b > 0);
	drop(b);
	free(one);
	free(two);
}

static void write_file(const char *file, const void *data, size_t n)
{
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void test_leftovers_are_cleaned_and_old_files_taken_in_at_start(void **state)
{
	char file[600], sql[600], old[65] = "", p[128];
	unsigned char *data = png_of(5000, 5);
	/* a material whose bytes an older anzhid kept as a file */
	long long mid = put(data, 5000, old);
	assert_true(mid > 0);
	snprintf(sql, sizeof sql,
		 "DELETE FROM blob_chunks WHERE digest = '%s'; DELETE FROM blobs WHERE digest = '%s'",
		 old, old);
	assert_int_equal(db_query(&srv, sql, file, sizeof file), 0);
	assert_int_equal(server_stop(&srv, 1), 0);
	snprintf(file, sizeof file, "%s/materials/%s", srv.dir, old);
	write_file(file, data, 5000);
	/* what a killed instance leaves: an unfinished upload, a file nothing names */
	snprintf(file, sizeof file, "%s/materials/upload.Xk3f9a", srv.dir);
	write_file(file, data, 1000);
	snprintf(file, sizeof file, "%s/materials/%064d", srv.dir, 7);
	write_file(file, data, 10);
	char dir[256];
	snprintf(dir, sizeof dir, "%s", srv.dir);
	assert_int_equal(server_start(&srv, dir, extra), 0);
	free(tok);
	tok = login(&srv, "xinghe", "demo1234");
	/* a blob nothing names (a crash in an older anzhid's bookkeeping) */
	assert_int_equal(db_query(&srv, "INSERT INTO blobs (digest, size, refs, created_at)"
				  " VALUES ('feed', 3, 0, 0)", file, sizeof file), 0);
	assert_int_equal(server_stop(&srv, 1), 0);
	assert_int_equal(server_start(&srv, dir, extra), 0);
	free(tok);
	tok = login(&srv, "xinghe", "demo1234");

	snprintf(file, sizeof file, "%s/materials", srv.dir);
	char cmd[700], out[64];
	snprintf(cmd, sizeof cmd, "ls -A %s | wc -l", file);
	FILE *ls = popen(cmd, "r");
	assert_non_null(fgets(out, sizeof out, ls));
	pclose(ls);
	assert_int_equal(atoi(out), 0); /* every file gone */
	assert_int_equal(count("COUNT(*)", "blobs", "feed"), 0);
	assert_int_equal(count("refs", "blobs", old), 1);
	struct resp r;
	snprintf(p, sizeof p, "%s/%lld", path, mid);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, 5000);
	assert_memory_equal(r.body, data, 5000);
	resp_free(&r);
	drop(mid);
	free(data);
}

/* The unit's feedback with one PNG file; the response in r. */
static void file_feedback(struct decl_t *d, const unsigned char *png, size_t n, struct resp *r)
{
	char fp[96];
	static const char text[] = "审核结论有误，工资凭证见附件。";
	struct part parts[2] = {
		{ "text", NULL, text, sizeof text - 1 },
		{ "file", "工资凭证.png", png, n },
	};
	snprintf(fp, sizeof fp, "/units/%s/years/%d/feedback", d->uscc, d->year);
	upload_parts(&srv, fp, d->tok[R_UNIT], parts, 2, r);
}

static void expect_feedback_file(const char *token, long long id, const unsigned char *png,
				 size_t n)
{
	struct resp r;
	char fp[96];
	snprintf(fp, sizeof fp, "/feedback/%lld/files/1", id);
	http(&srv, "GET", fp, token, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, n);
	assert_memory_equal(r.body, png, n);
	resp_free(&r);
}

static void test_request_files_are_blobs_under_the_units_quota_held_like_materials(void **state)
{
	struct decl_t fz; /* 丰镇恒信建材: passed in the demo, so it may file a feedback */
	struct resp r;
	char digest[65], dir[256];
	size_t n = 2 * MIB;
	unsigned char *one = png_of(n, 6), *two = png_of(n, 7);
	assert_int_equal(decl_open(&fz, &srv, "fengzhen"), 0);
	file_feedback(&fz, one, n, &r);
	assert_int_equal(r.status, 201);
	long long id = jint(r.json, "id");
	snprintf(digest, sizeof digest, "%s", jstr(r.json, "files.0.digest"));
	resp_free(&r);
	/* no file under DATA/materials: the bytes are the store's, in chunks */
	assert_int_equal(count("refs", "blobs", digest), 1);
	assert_int_equal(count("COUNT(*)", "blob_chunks", digest), 2);
	expect_feedback_file(fz.tok[R_UNIT], id, one, n);

	/* one quota: a second 2 MiB feedback file would make 4 MiB > 3 MiB */
	assert_int_equal(decl_do(&fz, R_REVIEWER, "feedback-reject"), 0);
	file_feedback(&fz, two, n, &r);
	assert_int_equal(r.status, 413);
	assert_string_equal(jstr(r.json, "code"), "quota_exceeded");
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);

	/* another unit's material of the same bytes shares the blob; deleting it
	 * leaves the blob to the feedback, and so does the clean-up at start */
	char same[65];
	long long mid = put(one, n, same);
	assert_true(mid > 0);
	assert_string_equal(same, digest);
	assert_int_equal(count("refs", "blobs", digest), 2);
	drop(mid);
	assert_int_equal(count("refs", "blobs", digest), 1);
	snprintf(dir, sizeof dir, "%s", srv.dir);
	decl_close(&fz);
	assert_int_equal(server_stop(&srv, 1), 0);
	assert_int_equal(server_start(&srv, dir, extra), 0);
	free(tok);
	tok = login(&srv, "xinghe", "demo1234");
	char *unit = login(&srv, "fengzhen", "demo1234");
	assert_int_equal(count("refs", "blobs", digest), 1);
	expect_feedback_file(unit, id, one, n);
	free(unit);
	free(one);
	free(two);
}

/* The bytes of xinghe's unit's files (the quota's measure). */
static long long stored_bytes(void)
{
	char sql[300], out[64];
	snprintf(sql, sizeof sql,
		 "SELECT COALESCE(SUM(s.bytes), 0) FROM unit_storage s JOIN units u ON u.id = s.unit_id"
		 " WHERE u.uscc = '%s'", demo_unit_of(&srv, "xinghe"));
	assert_int_equal(db_query(&srv, sql, out, sizeof out), 0);
	return atoll(out);
}

static void test_application_attachments_are_blobs_under_the_units_quota_held_like_materials(
	void **state)
{
	struct resp r;
	char p[160], ap[96], digest[65], sql[300], file[600], dir[256];
	size_t n = MIB + 512;
	unsigned char *one = png_of(n, 8);
	/* 兴和宏达's declaration of last year passed: it may apply for the reward */
	snprintf(p, sizeof p, "/units/%s/years/%lld/rewards", demo_unit_of(&srv, "xinghe"),
		 jint(srv.demo, "year") - 1);
	http(&srv, "POST", p, tok, "{}", NULL, &r);
	assert_int_equal(r.status, 201);
	long long app = jint(r.json, "id");
	resp_free(&r);
	long long before = stored_bytes();
	snprintf(ap, sizeof ap, "/rewards/%lld/attachments", app);
	upload(&srv, ap, tok, NULL, "名单.png", one, n, &r);
	assert_int_equal(r.status, 201);
	snprintf(digest, sizeof digest, "%s", jstr(r.json, "digest"));
	snprintf(p, sizeof p, "%s/%lld", ap, jint(r.json, "id"));
	resp_free(&r);
	/* in the store, in chunks, a reference held, the unit's bytes grown */
	assert_int_equal(count("refs", "blobs", digest), 1);
	assert_int_equal(count("COUNT(*)", "blob_chunks", digest), 2);
	assert_int_equal(stored_bytes(), before + (long long)n);

	/* one quota: a file that would take the unit past its 3 MiB is refused */
	size_t over = (size_t)(3LL * MIB - stored_bytes()) + 1;
	unsigned char *big = png_of(over, 9);
	upload(&srv, ap, tok, NULL, "大.png", big, over, &r);
	assert_int_equal(r.status, 413);
	assert_string_equal(jstr(r.json, "code"), "quota_exceeded");
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);

	/* bytes an older anzhid kept as a file are taken in for the attachment,
	 * and the clean-up at start keeps the blob the attachment names */
	snprintf(sql, sizeof sql,
		 "DELETE FROM blob_chunks WHERE digest = '%s'; DELETE FROM blobs WHERE digest = '%s'",
		 digest, digest);
	assert_int_equal(db_query(&srv, sql, file, sizeof file), 0);
	assert_int_equal(server_stop(&srv, 1), 0);
	snprintf(file, sizeof file, "%s/materials/%s", srv.dir, digest);
	write_file(file, one, n);
	snprintf(dir, sizeof dir, "%s", srv.dir);
	assert_int_equal(server_start(&srv, dir, extra), 0);
	free(tok);
	tok = login(&srv, "xinghe", "demo1234");
	assert_int_equal(count("refs", "blobs", digest), 1);
	assert_true(access(file, F_OK) != 0);
	http(&srv, "GET", p, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, n);
	assert_memory_equal(r.body, one, n);
	resp_free(&r);
	free(one);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_large_file_is_stored_in_chunks_and_comes_back_whole),
		cmocka_unit_test(test_the_last_material_of_a_digest_takes_its_blob_along),
		cmocka_unit_test(test_a_unit_over_its_quota_gets_413_quota_exceeded_until_it_deletes),
		cmocka_unit_test(test_leftovers_are_cleaned_and_old_files_taken_in_at_start),
		cmocka_unit_test(test_request_files_are_blobs_under_the_units_quota_held_like_materials),
		cmocka_unit_test(
			test_application_attachments_are_blobs_under_the_units_quota_held_like_materials),
	};
	return cmocka_run_group_tests_name("api_material_storage", tests, setup, teardown);
}
