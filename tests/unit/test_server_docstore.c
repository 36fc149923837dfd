/* docstore: documents as the service keeps them — the first key is made
 * once and new keys take over (their secrets 0600 in DATA/keys), a document
 * is recorded under its verification code and served again as the same bytes
 * while its content and key stand, a changed unit or a new key makes a new
 * one (the old one still verifies), a revoked document is never served again
 * and the register says why, and a unit's year can be revoked at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/app.h"
#include "server/docs.h"
#include "server/store.h"

#define XINGHE "91150924MA0HXD012T"
#define SEED_A "0101010101010101010101010101010101010101010101010101010101010101"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-docstore-XXXXXX";
static struct unit_ref xinghe;

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static int setup(void **state)
{
	char err[256];
	int64_t id;
	if (sodium_init() < 0 || !mkdtemp(dir))
		return -1;
	snprintf(ctx.cfg.data_dir, sizeof ctx.cfg.data_dir, "%s", dir);
	snprintf(ctx.cfg.datadir, sizeof ctx.cfg.datadir, "%s", ANZHI_DATADIR);
	if (app_open(&ctx, &st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	json_t *u = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "uscc", XINGHE, "name",
			      "兴和县宏达商贸有限公司", "kind", "enterprise", "legal_name", "张宏达",
			      "federation_region", "150924", "staff_last_year", 120);
	int rc = store_unit_insert(st, u, &id);
	json_decref(u);
	setenv("ANZHID_TEST_CLOCK", "1768442400", 1);
	return rc == STORE_OK && store_unit_ref_by_id(st, id, &xinghe) == STORE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static int issue(enum doc_kind kind, struct doc_file *f)
{
	char err[512];
	struct doc_layout *l = docs_layout(&ctx, st, &xinghe, 2025, kind, err, sizeof err);
	if (!l) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	int rc = docs_issue(&ctx, st, &xinghe, 2025, l, f, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "%s\n", err);
	doc_layout_free(l);
	return rc;
}

static bool verifies_under(const struct doc_file *f, const char *key_id)
{
	struct key_row k;
	struct docseal s;
	enum docseal_fault why;
	unsigned char pk[32];
	size_t n = 0;
	return store_key_get(st, key_id, &k) == STORE_OK &&
	       sodium_base642bin(pk, sizeof pk, k.public_key, strlen(k.public_key), NULL, &n, NULL,
				 sodium_base64_VARIANT_ORIGINAL) == 0 &&
	       n == 32 && docseal_parse(f->pdf, f->len, &s, &why) &&
	       strcmp(s.key_id, key_id) == 0 && docseal_verify(f->pdf, f->len, &s, pk);
}

static char key_a[16];

static void test_the_first_key_is_made_once_and_its_secret_is_private(void **state)
{
	struct key_row k, again;
	struct stat sb;
	char err[256], path[512];
	setenv("ANZHID_TEST_KEY_SEED", SEED_A, 1);
	assert_int_equal(docs_key_ensure(st, dir, &k, err, sizeof err), 1);
	unsetenv("ANZHID_TEST_KEY_SEED");
	assert_int_equal(docs_key_ensure(st, dir, &again, err, sizeof err), 0);
	snprintf(key_a, sizeof key_a, "%s", k.id);
	assert_string_equal(k.created_at, "2026-01-15 10:00:00"); /* the test clock */
	snprintf(path, sizeof path, "%s/keys/%s.key", dir, k.id);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/keys", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	struct doc_key cur;
	assert_int_equal(docs_key_current(st, dir, &cur, err, sizeof err), 0);
	assert_string_equal(cur.id, k.id);
}

static void test_a_document_is_recorded_and_served_again_as_the_same_bytes(void **state)
{
	struct doc_file a, b;
	struct document_row d;
	assert_int_equal(issue(DOC_COMMITMENT, &a), 0);
	setenv("ANZHID_TEST_CLOCK", "1768446000", 1); /* an hour later */
	assert_int_equal(issue(DOC_COMMITMENT, &b), 0);
	assert_string_equal(a.code, b.code);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.pdf, b.pdf, a.len);
	assert_int_equal(store_document_get(st, a.code, &d), STORE_OK);
	assert_string_equal(d.kind, "commitment");
	assert_string_equal(d.uscc, XINGHE);
	assert_string_equal(d.unit_name, "兴和县宏达商贸有限公司");
	assert_int_equal(d.year, 2025);
	assert_string_equal(d.key_id, key_a);
	assert_string_equal(d.digest, a.digest);
	assert_string_equal(d.issued_at, "2026-01-15 10:00:00");
	assert_string_equal(d.revoked_at, "");
	assert_true(verifies_under(&a, key_a));
	doc_file_free(&a);
	doc_file_free(&b);
}

static void test_a_changed_unit_makes_a_new_document_and_the_old_one_stands(void **state)
{
	struct doc_file a, b;
	struct document_row d;
	assert_int_equal(issue(DOC_COMMITMENT, &a), 0);
	json_t *u = store_unit_get(st, XINGHE);
	json_object_set_new(u, "name", json_string("兴和县宏达商贸有限责任公司"));
	assert_int_equal(store_unit_update(st, u), STORE_OK);
	json_decref(u);
	assert_int_equal(issue(DOC_COMMITMENT, &b), 0);
	assert_string_not_equal(a.code, b.code);
	assert_int_equal(store_document_get(st, a.code, &d), STORE_OK);
	assert_string_equal(d.revoked_at, "");
	assert_int_equal(store_document_get(st, b.code, &d), STORE_OK);
	assert_string_equal(d.unit_name, "兴和县宏达商贸有限责任公司");
	doc_file_free(&a);
	doc_file_free(&b);
}

static void test_a_revoked_document_is_never_served_again(void **state)
{
	struct doc_file a, b;
	struct document_row d;
	char now[20];
	docs_time_text(docs_clock(), now);
	assert_int_equal(issue(DOC_CANCELLATION_FORM, &a), 0);
	assert_int_equal(store_document_revoke(st, a.code, now, "认证反馈已受理"), STORE_OK);
	assert_int_equal(store_document_revoke(st, a.code, now, "again"), STORE_NOTFOUND);
	assert_int_equal(store_document_get(st, a.code, &d), STORE_OK);
	assert_string_equal(d.revoked_at, now);
	assert_string_equal(d.reason, "认证反馈已受理");
	/* issued again in the same second: still another document, another code */
	assert_int_equal(issue(DOC_CANCELLATION_FORM, &b), 0);
	assert_string_not_equal(a.code, b.code);
	assert_int_equal(store_document_get(st, b.code, &d), STORE_OK);
	assert_string_equal(d.revoked_at, "");
	doc_file_free(&a);
	doc_file_free(&b);
}

static void test_revoking_a_units_year_revokes_every_document_of_it(void **state)
{
	struct doc_file a, b;
	struct document_row d;
	int64_t n = 0;
	assert_int_equal(issue(DOC_COMMITMENT, &a), 0);
	assert_int_equal(issue(DOC_CANCELLATION_FORM, &b), 0);
	assert_int_equal(store_documents_revoke_unit(st, xinghe.id, 2025, "commitment",
						     "2026-01-16 09:00:00", "重新申报", &n),
			 STORE_OK);
	assert_true(n >= 1);
	assert_int_equal(store_document_get(st, b.code, &d), STORE_OK);
	assert_string_equal(d.revoked_at, ""); /* another kind */
	assert_int_equal(store_documents_revoke_unit(st, xinghe.id, 2025, NULL,
						     "2026-01-16 09:00:00", "重新申报", &n),
			 STORE_OK);
	assert_true(n >= 1);
	assert_int_equal(store_document_get(st, b.code, &d), STORE_OK);
	assert_string_equal(d.revoked_at, "2026-01-16 09:00:00");
	assert_int_equal(store_document_get(st, a.code, &d), STORE_OK);
	assert_string_equal(d.reason, "重新申报");
	doc_file_free(&a);
	doc_file_free(&b);
}

static void test_a_new_key_signs_new_documents_and_the_old_ones_still_verify(void **state)
{
	struct doc_file a, b;
	struct key_row k, list[8];
	char err[256];
	int n = 0;
	assert_int_equal(issue(DOC_COMMITMENT, &a), 0);
	assert_true(verifies_under(&a, key_a));
	assert_int_equal(store_begin(st), STORE_OK);
	assert_int_equal(docs_key_rotate(st, dir, &k, err, sizeof err), 0);
	assert_int_equal(store_commit(st), STORE_OK);
	assert_int_equal(issue(DOC_COMMITMENT, &b), 0);
	assert_string_not_equal(a.code, b.code);
	assert_true(verifies_under(&b, k.id));
	assert_false(verifies_under(&b, key_a));
	assert_true(verifies_under(&a, key_a)); /* old documents keep verifying */
	assert_int_equal(store_key_list(st, list, 8, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].id, key_a);
	assert_string_equal(list[1].id, k.id);
	/* a revoked key is never used again: the one before it signs */
	assert_int_equal(store_key_revoke(st, k.id, "2026-01-17 00:00:00"), STORE_OK);
	struct doc_key cur;
	assert_int_equal(docs_key_current(st, dir, &cur, err, sizeof err), 0);
	assert_string_equal(cur.id, key_a);
	assert_int_equal(store_key_revoke(st, key_a, "2026-01-17 00:00:00"), STORE_OK);
	assert_int_equal(docs_key_current(st, dir, &cur, err, sizeof err), -1);
	assert_non_null(strstr(err, "anzhid keys rotate"));
	doc_file_free(&a);
	doc_file_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_first_key_is_made_once_and_its_secret_is_private),
		cmocka_unit_test(test_a_document_is_recorded_and_served_again_as_the_same_bytes),
		cmocka_unit_test(test_a_changed_unit_makes_a_new_document_and_the_old_one_stands),
		cmocka_unit_test(test_a_revoked_document_is_never_served_again),
		cmocka_unit_test(test_revoking_a_units_year_revokes_every_document_of_it),
		cmocka_unit_test(test_a_new_key_signs_new_documents_and_the_old_ones_still_verify),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
