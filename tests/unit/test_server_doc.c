/* doc: the documents' promises — each kind renders to a sealed PDF that says
 * what it is, the signature covers every byte but itself (any flipped,
 * added or removed byte breaks it), the same key and clock give the same
 * bytes, the content version follows the data and not the issue, the
 * verification code catches a mistyped character, the seal falls back up
 * the region tree, and dates and months read as a government form writes
 * them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/doc.h"
#include "server/doc_layout.h"
#include "wire/docseal.h"

#define SIGNED_AT 1768442400 /* 2026-01-15 10:00:00 +08:00 */

static struct doc_key key, other;

static void key_from(unsigned char fill, struct doc_key *k)
{
	unsigned char seed[32];
	memset(seed, fill, sizeof seed);
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	docseal_key_id(k->pk, k->id);
}

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	key_from(1, &key);
	key_from(2, &other);
	return 0;
}

static struct doc_unit unit(void)
{
	struct doc_unit u = { .staff = 120 };
	snprintf(u.uscc, sizeof u.uscc, "91150924MA0HXD012T");
	snprintf(u.name, sizeof u.name, "兴和县宏达商贸有限公司");
	snprintf(u.kind, sizeof u.kind, "企业");
	snprintf(u.legal_name, sizeof u.legal_name, "张宏达");
	snprintf(u.address, sizeof u.address, "内蒙古自治区乌兰察布市兴和县城关镇团结路18号");
	snprintf(u.federation_region, sizeof u.federation_region, "150924");
	snprintf(u.federation_name, sizeof u.federation_name, "兴和县残疾人联合会");
	snprintf(u.seal_regions[0], 7, "150924");
	snprintf(u.seal_regions[1], 7, "150900");
	snprintf(u.seal_regions[2], 7, "150000");
	return u;
}

static const struct doc_person persons[] = {
	{ "施嵘", "150924*****9151023", "精神四级", 0xFFF, 12, 24 },
	{ "王秀英", "150921*****2221060", "肢体四级", 0xE3F, 9, 9 },
};

static struct doc_certification certification(void)
{
	struct doc_certification c = { .unit = unit(), .year = 2025, .months_confirmed = 21,
				       .months_counted = 33, .persons = persons, .npersons = 2 };
	snprintf(c.placed_persons, sizeof c.placed_persons, "2.75");
	return c;
}

static const struct doc_issue issue = { .datadir = ANZHI_DATADIR, .key = &key,
					.signed_at = SIGNED_AT, .serial = 1 };

static void test_a_certification_is_a_sealed_pdf_that_says_what_it_is(void **state)
{
	struct doc_certification c = certification();
	struct doc_file f;
	struct docseal s;
	enum docseal_fault why;
	char err[256];
	assert_int_equal(doc_make_certification(&c, &issue, &f, err, sizeof err), 0);
	assert_memory_equal(f.pdf, "%PDF-1.5", 8);
	assert_true(docseal_parse(f.pdf, f.len, &s, &why));
	assert_string_equal(s.kind, "certification");
	assert_string_equal(s.uscc, "91150924MA0HXD012T");
	assert_string_equal(s.unit, "兴和县宏达商贸有限公司");
	assert_int_equal(s.year, 2025);
	assert_string_equal(s.key_id, key.id);
	assert_string_equal(s.signed_at, "2026-01-15T10:00:00+08:00");
	assert_string_equal(s.code, f.code);
	assert_true(docseal_verify(f.pdf, f.len, &s, key.pk));
	assert_false(docseal_verify(f.pdf, f.len, &s, other.pk));
	/* the file ends as a PDF must, nothing after the seal's update */
	assert_memory_equal(f.pdf + f.len - 6, "%%EOF\n", 6);
	doc_file_free(&f);
}

static void test_every_kind_renders_and_is_named_in_its_seal(void **state)
{
	struct doc_commitment cm = { .unit = unit(), .year = 2025 };
	struct doc_cancellation_form cf = { .unit = unit(), .year = 2025 };
	struct doc_certification ce = certification();
	struct doc_reward_certification rw = { .unit = unit(), .year = 2025, .reward_persons = 1,
					       .persons = persons, .npersons = 2 };
	snprintf(rw.amount, sizeof rw.amount, "9900.00");
	struct doc_layout *l[] = { doc_layout_commitment(&cm), doc_layout_cancellation_form(&cf),
				   doc_layout_certification(&ce),
				   doc_layout_reward_certification(&rw) };
	static const char *const words[] = { "commitment", "cancellation-form", "certification",
					     "reward-certification" };
	for (int i = 0; i < 4; i++) {
		struct doc_file f;
		struct docseal s;
		enum docseal_fault why;
		char err[256];
		assert_int_equal(doc_render(l[i], &issue, &f, err, sizeof err), 0);
		assert_true(docseal_parse(f.pdf, f.len, &s, &why));
		assert_string_equal(s.kind, words[i]);
		assert_int_equal(docseal_kind_parse(words[i]), doc_layout_kind(l[i]));
		assert_true(docseal_verify(f.pdf, f.len, &s, key.pk));
		doc_file_free(&f);
		doc_layout_free(l[i]);
	}
}

static void test_the_same_key_and_clock_give_the_same_bytes(void **state)
{
	struct doc_commitment cm = { .unit = unit(), .year = 2025 };
	struct doc_file a, b;
	char err[256];
	assert_int_equal(doc_make_commitment(&cm, &issue, &a, err, sizeof err), 0);
	assert_int_equal(doc_make_commitment(&cm, &issue, &b, err, sizeof err), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.pdf, b.pdf, a.len);
	assert_string_equal(a.digest, b.digest);
	doc_file_free(&a);
	doc_file_free(&b);
}

static void test_the_content_version_follows_the_data_not_the_issue(void **state)
{
	struct doc_commitment cm = { .unit = unit(), .year = 2025 };
	char v1[DOC_VERSION_HEX + 1], v2[DOC_VERSION_HEX + 1], v3[DOC_VERSION_HEX + 1];
	struct doc_layout *l = doc_layout_commitment(&cm);
	doc_layout_version(l, ANZHI_DATADIR, v1);
	struct doc_file a, b;
	char err[256];
	struct doc_issue later = issue, again = issue;
	later.signed_at += 3600;
	again.serial = 2;
	assert_int_equal(doc_render(l, &issue, &a, err, sizeof err), 0);
	assert_int_equal(doc_render(l, &later, &b, err, sizeof err), 0);
	doc_layout_version(l, ANZHI_DATADIR, v2);
	assert_string_equal(v1, v2);
	assert_string_not_equal(a.code, b.code); /* another issue, another code */
	doc_file_free(&b);
	/* a second issue in the same second too (after a revocation) */
	assert_int_equal(doc_render(l, &again, &b, err, sizeof err), 0);
	assert_string_not_equal(a.code, b.code);
	doc_file_free(&a);
	doc_file_free(&b);
	doc_layout_free(l);
	snprintf(cm.unit.name, sizeof cm.unit.name, "兴和县宏达商贸有限责任公司");
	l = doc_layout_commitment(&cm);
	doc_layout_version(l, ANZHI_DATADIR, v3);
	assert_string_not_equal(v1, v3);
	doc_layout_free(l);
}

/* A sealed document of a few hundred bytes: a hand-written one-page PDF with
 * the seal cairo's output gets. */
static GByteArray *small_document(void)
{
	static const char body[] =
		"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
		"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
		"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>\nendobj\n"
		"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
		"0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n";
	GByteArray *b = g_byte_array_new();
	struct doc_seal_meta m = { .kind = DOC_COMMITMENT, .title = "承诺书", .uscc = "91150924MA0HXD012T",
				   .unit = "兴和县宏达商贸有限公司", .federation = "兴和县残疾人联合会",
				   .year = 2025, .signed_at = "2026-01-15T10:00:00+08:00",
				   .pdf_date = "D:20260115100000+08'00'",
				   .code = "AAAA-AAAA-AAAA-AAAA-AAAAAAAA" };
	char err[128];
	g_byte_array_append(b, (const guint8 *)body, sizeof body - 1);
	assert_int_equal(doc_seal_append(b, &m, &key, err, sizeof err), 0);
	return b;
}

static bool verifies(const unsigned char *pdf, size_t len)
{
	struct docseal s;
	enum docseal_fault why;
	return docseal_parse(pdf, len, &s, &why) && docseal_verify(pdf, len, &s, key.pk);
}

static void test_flipping_any_byte_of_a_small_document_breaks_it(void **state)
{
	GByteArray *b = small_document();
	static const unsigned char flips[] = { 0x01, 0x20, 0x80, 0xFF };
	assert_true(verifies(b->data, b->len));
	for (size_t i = 0; i < b->len; i++)
		for (size_t f = 0; f < sizeof flips; f++) {
			b->data[i] ^= flips[f];
			if (verifies(b->data, b->len))
				fail_msg("byte %zu ^ 0x%02x still verifies", i, flips[f]);
			b->data[i] ^= flips[f];
		}
	assert_true(verifies(b->data, b->len));
	g_byte_array_free(b, TRUE);
}

static void test_a_byte_added_or_removed_anywhere_breaks_it(void **state)
{
	GByteArray *b = small_document();
	unsigned char *copy = malloc(b->len + 1);
	for (size_t i = 0; i <= b->len; i++) {
		memcpy(copy, b->data, i);
		copy[i] = ' ';
		memcpy(copy + i + 1, b->data + i, b->len - i);
		if (verifies(copy, b->len + 1))
			fail_msg("a byte inserted at %zu still verifies", i);
		if (i < b->len) {
			memcpy(copy, b->data, i);
			memcpy(copy + i, b->data + i + 1, b->len - i - 1);
			if (verifies(copy, b->len - 1))
				fail_msg("byte %zu removed still verifies", i);
		}
	}
	free(copy);
	g_byte_array_free(b, TRUE);
}

static void test_flipping_sampled_bytes_of_a_real_document_breaks_it(void **state)
{
	struct doc_certification c = certification();
	struct doc_file f;
	struct docseal s;
	enum docseal_fault why;
	char err[256];
	assert_int_equal(doc_make_certification(&c, &issue, &f, err, sizeof err), 0);
	assert_true(docseal_parse(f.pdf, f.len, &s, &why));
	/* every 997th byte, and every byte of the seal's update */
	for (size_t i = 0; i < f.len; i += i + 2048 < f.len ? 997 : 1) {
		f.pdf[i] ^= 0x01;
		if (verifies(f.pdf, f.len))
			fail_msg("byte %zu of %zu flipped still verifies", i, f.len);
		f.pdf[i] ^= 0x01;
	}
	assert_true(verifies(f.pdf, f.len));
	doc_file_free(&f);
}

static void test_a_file_without_a_seal_says_so(void **state)
{
	static const unsigned char plain[] = "%PDF-1.4\n%%EOF\n";
	struct docseal s;
	enum docseal_fault why;
	assert_false(docseal_parse(plain, sizeof plain - 1, &s, &why));
	assert_int_equal(why, DOCSEAL_NO_SEAL);
	GByteArray *b = small_document();
	g_byte_array_append(b, (const guint8 *)"\n", 1); /* past the range the seal covers */
	assert_false(docseal_parse(b->data, b->len, &s, &why));
	assert_int_equal(why, DOCSEAL_NOT_WHOLE);
	g_byte_array_free(b, TRUE);
}

static void test_the_code_names_its_key_and_catches_a_mistyped_character(void **state)
{
	static const unsigned char ident[DOCSEAL_IDENT_BYTES] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	char code[DOCSEAL_CODE_LEN + 1], norm[DOCSEAL_CODE_LEN + 1], id[DOCSEAL_KEY_ID_LEN + 1];
	char typed[64];
	docseal_code_make(ident, key.id, code);
	assert_int_equal(strlen(code), DOCSEAL_CODE_LEN);
	assert_true(docseal_code_parse(code, norm, id));
	assert_string_equal(norm, code);
	assert_string_equal(id, key.id);
	/* typed in lower case, without dashes, with spaces: the same code */
	size_t n = 0;
	for (const char *p = code; *p; p++)
		if (*p != '-')
			typed[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	typed[n] = '\0';
	assert_true(docseal_code_parse(typed, norm, id));
	assert_string_equal(norm, code);
	int caught = 0, tried = 0;
	for (size_t i = 0; i < DOCSEAL_CODE_LEN; i++) {
		if (code[i] == '-')
			continue;
		for (const char *c = b32; *c; c++) {
			if (*c == code[i])
				continue;
			snprintf(typed, sizeof typed, "%s", code);
			typed[i] = *c;
			tried++;
			caught += !docseal_code_parse(typed, norm, id);
		}
	}
	/* a 16-bit check: at most a few of the 744 single substitutions slip */
	assert_true(caught >= tried - 2);
	assert_false(docseal_code_parse("ABCD-EFGH", norm, id));
	assert_false(docseal_code_parse("AAAA-AAAA-AAAA-AAAA-AAAAAAA1", norm, id));
}

static void test_the_seal_is_the_nearest_region_with_an_image(void **state)
{
	char dir[] = "/tmp/anzhi-seals-XXXXXX", path[320], sub[64], got[512];
	struct doc_commitment cm = { .unit = unit(), .year = 2025 };
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/seals", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	struct doc_layout *l = doc_layout_commitment(&cm);
	assert_int_equal(doc_seal_path(l, dir, got, sizeof got), -1);
	char err[256];
	struct doc_file f;
	struct doc_issue is = issue;
	is.datadir = dir;
	assert_int_equal(doc_render(l, &is, &f, err, sizeof err), -1);
	assert_non_null(strstr(err, "no seal image for region 150924"));
	snprintf(path, sizeof path, "%s/150000.png", sub);
	assert_int_equal(symlink(ANZHI_DATADIR "/seals/150000.png", path), 0);
	assert_int_equal(doc_seal_path(l, dir, got, sizeof got), 0);
	assert_non_null(strstr(got, "/150000.png"));
	snprintf(path, sizeof path, "%s/150900.png", sub);
	assert_int_equal(symlink(ANZHI_DATADIR "/seals/150000.png", path), 0);
	assert_int_equal(doc_seal_path(l, dir, got, sizeof got), 0);
	assert_non_null(strstr(got, "/150900.png")); /* the 盟市's before the province's */
	doc_layout_free(l);
	unlink(path);
	snprintf(path, sizeof path, "%s/150000.png", sub);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

static void test_dates_and_months_read_as_a_form_writes_them(void **state)
{
	char buf[128];
	doc_date_zh(SIGNED_AT, buf, sizeof buf);
	assert_string_equal(buf, "二〇二六年一月十五日");
	doc_date_zh(1761753600, buf, sizeof buf); /* 2025-10-30 00:00 +08:00 */
	assert_string_equal(buf, "二〇二五年十月三十日");
	doc_date_zh(1766246400, buf, sizeof buf); /* 2025-12-21 */
	assert_string_equal(buf, "二〇二五年十二月二十一日");
	doc_months_zh(0xFFF, buf, sizeof buf);
	assert_string_equal(buf, "1-12月");
	doc_months_zh(0xE3F, buf, sizeof buf);
	assert_string_equal(buf, "1-6、10-12月");
	doc_months_zh(1u << 6, buf, sizeof buf);
	assert_string_equal(buf, "7月");
	doc_months_zh(0x505, buf, sizeof buf);
	assert_string_equal(buf, "1、3、9、11月");
	doc_months_zh(0, buf, sizeof buf);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_certification_is_a_sealed_pdf_that_says_what_it_is),
		cmocka_unit_test(test_every_kind_renders_and_is_named_in_its_seal),
		cmocka_unit_test(test_the_same_key_and_clock_give_the_same_bytes),
		cmocka_unit_test(test_the_content_version_follows_the_data_not_the_issue),
		cmocka_unit_test(test_flipping_any_byte_of_a_small_document_breaks_it),
		cmocka_unit_test(test_a_byte_added_or_removed_anywhere_breaks_it),
		cmocka_unit_test(test_flipping_sampled_bytes_of_a_real_document_breaks_it),
		cmocka_unit_test(test_a_file_without_a_seal_says_so),
		cmocka_unit_test(test_the_code_names_its_key_and_catches_a_mistyped_character),
		cmocka_unit_test(test_the_seal_is_the_nearest_region_with_an_image),
		cmocka_unit_test(test_dates_and_months_read_as_a_form_writes_them),
	};
	int failed = cmocka_run_group_tests(tests, setup, NULL);
	doc_shutdown();
	return failed;
}
