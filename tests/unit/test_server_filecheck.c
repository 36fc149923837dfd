/* filecheck: an upload is a JPEG, PNG or PDF only when its structure holds
 * through to the end (JPEG markers to EOI, PNG chunks and CRCs to IEND, a PDF
 * header, cross-reference table or stream, trailer and startxref), not when
 * its first bytes look right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/filecheck.h"
#include "tests/samples.h"

static enum filecheck_verdict check(const struct sample *s, const char **type, char *why)
{
	return filecheck_buffer(s->b, s->n, type, why, 128);
}

static void assert_ok(const struct sample *s, const char *want)
{
	const char *type = NULL;
	char why[128] = "";
	enum filecheck_verdict v = check(s, &type, why);
	if (v != FILECHECK_OK)
		fprintf(stderr, "refused %s: %s\n", want, why);
	assert_int_equal(v, FILECHECK_OK);
	assert_string_equal(type, want);
}

static void assert_broken(const struct sample *s, const char *why_part)
{
	const char *type = NULL;
	char why[128] = "";
	assert_int_equal(check(s, &type, why), FILECHECK_BROKEN);
	if (why_part && !strstr(why, why_part))
		fprintf(stderr, "why: %s (expected %s)\n", why, why_part);
	if (why_part)
		assert_non_null(strstr(why, why_part));
}

static void test_complete_png_jpeg_and_pdfs_are_accepted_with_their_type(void **state)
{
	struct sample s;
	sample_png(&s);
	assert_ok(&s, "image/png");
	sample_jpeg(&s);
	assert_ok(&s, "image/jpeg");
	sample_pdf(&s);
	assert_ok(&s, "application/pdf");
	sample_pdf_xref_stream(&s);
	assert_ok(&s, "application/pdf");
}

/* Whatever the type, a file cut short anywhere is never accepted. */
static void test_every_truncation_of_every_sample_is_broken(void **state)
{
	void (*make[])(struct sample *) = { sample_png, sample_jpeg, sample_pdf,
					    sample_pdf_xref_stream };
	struct sample s;
	for (size_t k = 0; k < sizeof make / sizeof make[0]; k++) {
		make[k](&s);
		size_t full = s.n;
		while (k >= 2 && full > 0 && s.b[full - 1] == '\n')
			full--; /* a PDF's end-of-line after %%EOF is optional */
		for (size_t n = 1; n < full; n++) {
			const char *type = NULL;
			char why[128];
			enum filecheck_verdict v = filecheck_buffer(s.b, n, &type, why, sizeof why);
			if (v == FILECHECK_OK)
				fprintf(stderr, "sample %zu accepted at %zu of %zu bytes\n", k, n, full);
			assert_int_not_equal(v, FILECHECK_OK);
		}
	}
}

static void test_png_with_a_wrong_crc_is_broken(void **state)
{
	struct sample s;
	sample_png(&s);
	s.b[8 + 8 + 13] ^= 0x01; /* IHDR's CRC */
	assert_broken(&s, "CRC");
	sample_png(&s);
	s.b[8 + 8 + 4] ^= 0x01; /* IHDR's data: now the CRC does not match it */
	assert_broken(&s, "CRC");
}

static void test_png_with_bytes_after_iend_or_without_idat_is_broken(void **state)
{
	struct sample s;
	sample_png(&s);
	sample_put(&s, "<script>", 8);
	assert_broken(&s, "after IEND");
	static const unsigned char ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0 };
	s.n = 0;
	sample_put(&s, "\x89PNG\r\n\x1a\n", 8);
	sample_png_chunk(&s, "IHDR", ihdr, sizeof ihdr);
	sample_png_chunk(&s, "IEND", NULL, 0);
	assert_broken(&s, "IDAT");
	s.n = 0;
	sample_put(&s, "\x89PNG\r\n\x1a\n", 8);
	sample_png_chunk(&s, "tEXt", "a\0b", 3);
	assert_broken(&s, "IHDR");
}

static void test_png_chunk_longer_than_the_file_is_broken(void **state)
{
	struct sample s;
	sample_png(&s);
	s.b[8 + 8 + 13 + 4 + 2] = 0x7f; /* IDAT's length: far past the end */
	assert_broken(&s, NULL);
}

static void test_jpeg_without_eoi_or_with_data_after_it_is_broken(void **state)
{
	struct sample s;
	sample_jpeg(&s);
	s.n -= 2;
	assert_broken(&s, "EOI");
	sample_jpeg(&s);
	sample_put(&s, "PK\x03\x04", 4);
	assert_broken(&s, "after EOI");
}

static void test_jpeg_segment_running_past_the_end_is_broken(void **state)
{
	struct sample s;
	sample_jpeg(&s);
	s.b[4] = 0x7f; /* APP0's length */
	assert_broken(&s, NULL);
}

static void test_jpeg_with_stuffed_bytes_and_restart_markers_is_accepted(void **state)
{
	struct sample s, t;
	sample_jpeg(&s);
	/* Entropy data "FF 00" (a stuffed FF) and a restart marker before EOI. */
	t.n = 0;
	sample_put(&t, s.b, s.n - 3);
	sample_put(&t, "\x12\xFF\x00\x34\xFF\xD0\x3F\xFF\xD9", 9);
	assert_ok(&t, "image/jpeg");
}

static void test_jpeg_without_frame_or_scan_is_broken(void **state)
{
	struct sample s;
	s.n = 0;
	sample_put(&s, "\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xD9", 10);
	assert_broken(&s, NULL);
}

static void test_pdf_startxref_pointing_nowhere_is_broken(void **state)
{
	struct sample s;
	sample_pdf(&s);
	char *sx = (char *)memmem(s.b, s.n, "startxref\n", 10);
	assert_non_null(sx);
	sx[10] = sx[10] == '1' ? '2' : '1'; /* first digit of the offset */
	assert_broken(&s, "xref");
}

static void test_pdf_without_trailer_or_eof_is_broken(void **state)
{
	struct sample s;
	sample_pdf(&s);
	char *tr = (char *)memmem(s.b, s.n, "trailer", 7);
	memcpy(tr, "trailex", 7);
	assert_broken(&s, "trailer");
	sample_pdf(&s);
	char *eof = (char *)memmem(s.b, s.n, "%%EOF", 5);
	memcpy(eof, "%%EOX", 5);
	assert_broken(&s, "%%EOF");
}

static void test_pdf_with_a_damaged_xref_entry_is_broken(void **state)
{
	struct sample s;
	sample_pdf(&s);
	char *e = (char *)memmem(s.b, s.n, " 00000 n \n", 10);
	e[7] = 'x'; /* "n" -> "x" */
	assert_broken(&s, "xref");
}

static void test_pdf_xref_stream_that_is_not_an_xref_is_broken(void **state)
{
	struct sample s;
	sample_pdf_xref_stream(&s);
	char *t = (char *)memmem(s.b, s.n, "/XRef", 5);
	memcpy(t, "/Page", 5);
	assert_broken(&s, "xref");
}

static void test_only_the_first_bytes_is_not_enough(void **state)
{
	static const char *const heads[] = { "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
					     "%PDF-1.7\n%...",
					     "\xFF\xD8\xFF\xE0\0\x10JFIF<html><script>" };
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		struct sample s = { .n = 0 };
		sample_put(&s, heads[i], strlen(heads[i]) + (i == 0 ? 4 : 0));
		assert_broken(&s, NULL);
	}
}

static void test_text_and_html_are_unknown(void **state)
{
	const char *type = "x";
	char why[128];
	const char html[] = "<!doctype html><script>alert(1)</script>";
	assert_int_equal(filecheck_buffer((const unsigned char *)html, sizeof html - 1, &type, why,
					  sizeof why),
			 FILECHECK_UNKNOWN);
	assert_null(type);
	assert_int_equal(filecheck_buffer((const unsigned char *)"", 0, &type, why, sizeof why),
			 FILECHECK_UNKNOWN);
}

static void test_a_file_on_disk_is_checked_whole(void **state)
{
	char path[] = "/tmp/anzhi-filecheck-XXXXXX";
	int fd = mkstemp(path);
	struct sample s;
	const char *type = NULL;
	char why[128];
	assert_true(fd >= 0);
	sample_pdf(&s);
	assert_int_equal(write(fd, s.b, s.n), (ssize_t)s.n);
	assert_int_equal(filecheck_fd(fd, &type, why, sizeof why), FILECHECK_OK);
	assert_string_equal(type, "application/pdf");
	assert_int_equal(ftruncate(fd, (off_t)s.n - 8), 0);
	assert_int_equal(filecheck_fd(fd, &type, why, sizeof why), FILECHECK_BROKEN);
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_int_equal(filecheck_fd(fd, &type, why, sizeof why), FILECHECK_UNKNOWN);
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_png_jpeg_and_pdfs_are_accepted_with_their_type),
		cmocka_unit_test(test_every_truncation_of_every_sample_is_broken),
		cmocka_unit_test(test_png_with_a_wrong_crc_is_broken),
		cmocka_unit_test(test_png_with_bytes_after_iend_or_without_idat_is_broken),
		cmocka_unit_test(test_png_chunk_longer_than_the_file_is_broken),
		cmocka_unit_test(test_jpeg_without_eoi_or_with_data_after_it_is_broken),
		cmocka_unit_test(test_jpeg_segment_running_past_the_end_is_broken),
		cmocka_unit_test(test_jpeg_with_stuffed_bytes_and_restart_markers_is_accepted),
		cmocka_unit_test(test_jpeg_without_frame_or_scan_is_broken),
		cmocka_unit_test(test_pdf_startxref_pointing_nowhere_is_broken),
		cmocka_unit_test(test_pdf_without_trailer_or_eof_is_broken),
		cmocka_unit_test(test_pdf_with_a_damaged_xref_entry_is_broken),
		cmocka_unit_test(test_pdf_xref_stream_that_is_not_an_xref_is_broken),
		cmocka_unit_test(test_only_the_first_bytes_is_not_enough),
		cmocka_unit_test(test_text_and_html_are_unknown),
		cmocka_unit_test(test_a_file_on_disk_is_checked_whole),
	};
	return cmocka_run_group_tests_name("server_filecheck", tests, NULL, NULL);
}
