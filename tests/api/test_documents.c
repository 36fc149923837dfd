/* Documents over HTTPS: the unit's 承诺书 and 注销业务申请书 are sealed PDF
 * attachments (the same bytes on a re-download) that verify under a key GET
 * /keys publishes without a login; the 审核认定书 waits until the declaration
 * has passed (409 before, the status set in the store here, as the review's
 * state machine will); documents keep to the unit's and the region's scope;
 * the public register answers for a verification code and says when the
 * federation revoked one, after which a new one is issued. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tests/api/harness.h"
#include "wire/docseal.h"

static struct server srv;
static char *t_xinghe, *t_caoyuan, *t_reviewer, *t_beifang;
static const char *u_xinghe, *u_beifang;
static int year;

static int setup(void **state)
{
	if (sodium_init() < 0 || server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_caoyuan = login(&srv, "caoyuan", "demo1234");
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_beifang = login(&srv, "beifang", "demo1234");
	u_xinghe = demo_unit_of(&srv, "xinghe");
	u_beifang = demo_unit_of(&srv, "beifang");
	year = (int)jint(srv.demo, "year");
	return t_xinghe && t_caoyuan && t_reviewer && t_beifang && u_xinghe && u_beifang ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_xinghe);
	free(t_caoyuan);
	free(t_reviewer);
	free(t_beifang);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static void get_doc(const char *tok, const char *uscc, const char *kind, struct resp *r)
{
	char path[160];
	snprintf(path, sizeof path, "/units/%s/years/%d/documents/%s", uscc, year, kind);
	http(&srv, "GET", path, tok, NULL, NULL, r);
}

/* The published public key named id (32 raw bytes); false when none. */
static bool published_key(const char *id, unsigned char pk[32])
{
	struct resp k;
	size_t i, n = 0;
	json_t *e;
	bool found = false;
	http(&srv, "GET", "/keys", NULL, NULL, NULL, &k);
	json_array_foreach(jget(k.json, "keys"), i, e) {
		const char *b64 = jstr(e, "public_key");
		if (strcmp(jstr(e, "id"), id) == 0 &&
		    sodium_base642bin(pk, 32, b64, strlen(b64), NULL, &n, NULL,
				      sodium_base64_VARIANT_ORIGINAL) == 0 && n == 32)
			found = true;
	}
	resp_free(&k);
	return found;
}

static void assert_sealed(const struct resp *r, const char *kind, struct docseal *s)
{
	enum docseal_fault why;
	unsigned char pk[32];
	assert_int_equal(r->status, 200);
	assert_string_equal(r->content_type, "application/pdf");
	assert_memory_equal(r->body, "%PDF-", 5);
	assert_true(docseal_parse((const unsigned char *)r->body, r->len, s, &why));
	assert_string_equal(s->kind, kind);
	assert_string_equal(s->uscc, u_xinghe);
	assert_int_equal(s->year, year);
	assert_true(published_key(s->key_id, pk));
	assert_true(docseal_verify((const unsigned char *)r->body, r->len, s, pk));
}

static void test_the_keys_are_public_and_each_id_is_its_keys_digest(void **state)
{
	struct resp r;
	size_t i, n = 0;
	json_t *e;
	http(&srv, "GET", "/keys", NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_array_size(jget(r.json, "keys")) >= 1);
	json_array_foreach(jget(r.json, "keys"), i, e) {
		unsigned char pk[32];
		char id[DOCSEAL_KEY_ID_LEN + 1];
		const char *b64 = jstr(e, "public_key");
		assert_int_equal(sodium_base642bin(pk, sizeof pk, b64, strlen(b64), NULL, &n, NULL,
						   sodium_base64_VARIANT_ORIGINAL), 0);
		assert_int_equal(n, 32);
		docseal_key_id(pk, id);
		assert_string_equal(jstr(e, "id"), id);
		assert_int_equal(strlen(jstr(e, "created_at")), 19);
	}
	resp_free(&r);
}

static void test_the_commitment_is_a_sealed_pdf_attachment_served_again_the_same(void **state)
{
	struct resp a, b;
	struct docseal s;
	get_doc(t_xinghe, u_xinghe, "commitment", &a);
	assert_sealed(&a, "commitment", &s);
	const char *cd = jstr(a.headers, "content-disposition");
	char want[160];
	snprintf(want, sizeof want,
		 "attachment; filename=\"commitment-%s-%d.pdf\"; filename*=UTF-8''commitment-%s-%d.pdf",
		 u_xinghe, year, u_xinghe, year);
	assert_string_equal(cd, want);
	assert_string_equal(jstr(a.headers, "x-content-type-options"), "nosniff");
	get_doc(t_xinghe, u_xinghe, "commitment", &b);
	assert_int_equal(b.status, 200);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.body, b.body, a.len);
	resp_free(&a);
	resp_free(&b);
}

static void test_the_cancellation_form_is_sealed_too(void **state)
{
	struct resp r;
	struct docseal s;
	get_doc(t_xinghe, u_xinghe, "cancellation-form", &r);
	assert_sealed(&r, "cancellation-form", &s);
	resp_free(&r);
}

/* Sets the declaration's status in the store, as the annual review will. */
static void set_status(const char *uscc, const char *status)
{
	char sql[1024], out[64];
	snprintf(sql, sizeof sql,
		 "INSERT INTO declarations (unit_id, year, status,"
		 " months_confirmed, months_counted, version) SELECT id, %d, '%s', 0, 0, 1 FROM units"
		 " WHERE uscc = '%s' ON CONFLICT (unit_id, year) DO UPDATE SET status = '%s'",
		 year, status, uscc, status);
	assert_int_equal(db_query(&srv, sql, out, sizeof out), 0);
}

static void test_the_certification_waits_until_the_declaration_has_passed(void **state)
{
	static const struct {
		const char *status;
		long want;
	} cases[] = { { "open", 409 },	     { "submitted", 409 }, { "failed", 409 },
		      { "passed", 200 },     { "sent_to_tax", 200 } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp r;
		struct docseal s;
		set_status(u_xinghe, cases[i].status);
		get_doc(t_xinghe, u_xinghe, "certification", &r);
		if (r.status != cases[i].want)
			fail_msg("status %s: HTTP %ld, want %ld", cases[i].status, r.status,
				 cases[i].want);
		if (cases[i].want == 409)
			assert_string_equal(jstr(r.json, "code"), "conflict");
		else
			assert_sealed(&r, "certification", &s);
		resp_free(&r);
	}
	set_status(u_xinghe, "open");
}

static void test_documents_keep_to_the_units_and_the_regions_scope(void **state)
{
	struct resp r;
	get_doc(t_caoyuan, u_xinghe, "commitment", &r); /* another unit */
	assert_int_equal(r.status, 404);
	resp_free(&r);
	get_doc(t_reviewer, u_xinghe, "commitment", &r); /* 150924 lies in 150900 */
	assert_int_equal(r.status, 200);
	resp_free(&r);
	get_doc(t_reviewer, u_beifang, "commitment", &r); /* 包头 does not */
	assert_int_equal(r.status, 404);
	resp_free(&r);
	get_doc(NULL, u_xinghe, "commitment", &r);
	assert_int_equal(r.status, 401);
	resp_free(&r);
}

static void test_an_unknown_kind_is_not_found(void **state)
{
	static const char *const kinds[] = { "reward-certification", "receipt", "COMMITMENT" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct resp r;
		get_doc(t_xinghe, u_xinghe, kinds[i], &r);
		assert_int_equal(r.status, 404);
		assert_string_equal(jstr(r.json, "code"), "not_found");
		resp_free(&r);
	}
}

/* Runs `anzhid ARGS` on the test's data directory; the exit status. */
static int anzhid(const char *args)
{
	char cmd[1024];
	const char *bin = getenv("ANZHID");
	snprintf(cmd, sizeof cmd, "%s %s %s >/dev/null 2>&1",
		 bin && *bin ? bin : "build/release/anzhid", args, store_args(srv.dir));
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_the_register_answers_for_a_code_and_says_when_it_was_revoked(void **state)
{
	struct resp d, q, again;
	struct docseal s;
	char path[96], args[256], lower[64];
	get_doc(t_beifang, u_beifang, "cancellation-form", &d);
	assert_int_equal(d.status, 200);
	enum docseal_fault why;
	assert_true(docseal_parse((const unsigned char *)d.body, d.len, &s, &why));
	/* public, and the code as typed: lower case without dashes */
	size_t n = 0;
	for (const char *p = s.code; *p; p++)
		if (*p != '-')
			lower[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	lower[n] = '\0';
	snprintf(path, sizeof path, "/documents/%s", lower);
	http(&srv, "GET", path, NULL, NULL, NULL, &q);
	assert_int_equal(q.status, 200);
	assert_string_equal(jstr(q.json, "code"), s.code);
	assert_string_equal(jstr(q.json, "kind"), "cancellation-form");
	assert_string_equal(jstr(q.json, "uscc"), u_beifang);
	assert_int_equal(jint(q.json, "year"), year);
	assert_false(json_is_true(jget(q.json, "revoked")));
	assert_true(json_is_null(jget(q.json, "revoked_at")));
	resp_free(&q);

	snprintf(args, sizeof args, "documents revoke %s --reason '认证反馈已受理'", s.code);
	assert_int_equal(anzhid(args), 0);
	assert_int_equal(anzhid(args), 1); /* already revoked */
	snprintf(path, sizeof path, "/documents/%s", s.code);
	http(&srv, "GET", path, NULL, NULL, NULL, &q);
	assert_int_equal(q.status, 200);
	assert_true(json_is_true(jget(q.json, "revoked")));
	assert_string_equal(jstr(q.json, "reason"), "认证反馈已受理");
	assert_int_equal(strlen(jstr(q.json, "revoked_at")), 19);
	resp_free(&q);

	/* a revoked document is never served again: a new one, a new code */
	get_doc(t_beifang, u_beifang, "cancellation-form", &again);
	assert_int_equal(again.status, 200);
	struct docseal s2;
	assert_true(docseal_parse((const unsigned char *)again.body, again.len, &s2, &why));
	assert_string_not_equal(s2.code, s.code);
	resp_free(&again);
	resp_free(&d);

	http(&srv, "GET", "/documents/AAAA-AAAA-AAAA-AAAA-AAAAAAAA", NULL, NULL, NULL, &q);
	assert_int_equal(q.status, 404);
	resp_free(&q);
	http(&srv, "GET", "/documents/not-a-code", NULL, NULL, NULL, &q);
	assert_int_equal(q.status, 404);
	resp_free(&q);
}

static void test_a_rotated_key_signs_new_documents_and_both_stay_published(void **state)
{
	struct resp a, k, b;
	struct docseal sa, sb;
	enum docseal_fault why;
	unsigned char pk[32];
	set_status(u_xinghe, "passed");
	get_doc(t_xinghe, u_xinghe, "certification", &a);
	assert_true(docseal_parse((const unsigned char *)a.body, a.len, &sa, &why));
	assert_int_equal(anzhid("keys rotate"), 0);
	http(&srv, "GET", "/keys", NULL, NULL, NULL, &k);
	size_t nkeys = json_array_size(jget(k.json, "keys"));
	assert_true(nkeys >= 2);
	resp_free(&k);
	get_doc(t_xinghe, u_xinghe, "certification", &b);
	assert_true(docseal_parse((const unsigned char *)b.body, b.len, &sb, &why));
	assert_string_not_equal(sa.key_id, sb.key_id);
	assert_true(published_key(sa.key_id, pk));
	assert_true(docseal_verify((const unsigned char *)a.body, a.len, &sa, pk));
	assert_true(published_key(sb.key_id, pk));
	assert_true(docseal_verify((const unsigned char *)b.body, b.len, &sb, pk));
	resp_free(&a);
	resp_free(&b);
	set_status(u_xinghe, "open");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_keys_are_public_and_each_id_is_its_keys_digest),
		cmocka_unit_test(test_the_commitment_is_a_sealed_pdf_attachment_served_again_the_same),
		cmocka_unit_test(test_the_cancellation_form_is_sealed_too),
		cmocka_unit_test(test_the_certification_waits_until_the_declaration_has_passed),
		cmocka_unit_test(test_documents_keep_to_the_units_and_the_regions_scope),
		cmocka_unit_test(test_an_unknown_kind_is_not_found),
		cmocka_unit_test(test_the_register_answers_for_a_code_and_says_when_it_was_revoked),
		cmocka_unit_test(test_a_rotated_key_signs_new_documents_and_both_stay_published),
	};
	return cmocka_run_group_tests_name("api_documents", tests, setup, teardown);
}
