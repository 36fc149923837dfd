/* Tests for src/ui/qrtext: the enrolment QR code drawn with half blocks must
 * be the code libqrencode makes, module for module (a phone scans it), with
 * a light quiet zone, and small enough for an 80x24 terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <qrencode.h>
#include <string.h>

#include "ui/qrtext.h"

#define URI "otpauth://totp/anzhi:reviewer?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=anzhi"

/* The module (y, x) of a drawn line: 1 dark (the background), 0 light. */
static int drawn_dark(const struct qrtext *q, int y, int x)
{
	const char *p = q->lines[y / 2];
	for (int i = 0; i < x; i++) /* one cell is a space or a 3-byte block */
		p += *p == ' ' ? 1 : 3;
	if (*p == ' ')
		return 1;
	if (strncmp(p, "\u2588", 3) == 0)
		return 0;
	/* ▄: the lower half is light, so the upper is dark; ▀ the other way */
	int upper_dark = strncmp(p, "\u2584", 3) == 0;
	return y % 2 == 0 ? upper_dark : !upper_dark;
}

static void test_qrtext_draws_every_module_of_the_code(void **state)
{
	struct qrtext q;
	assert_int_equal(qrtext_make(&q, URI, 2), 0);
	QRcode *c = QRcode_encodeString(URI, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	assert_non_null(c);
	assert_int_equal(q.width, c->width + 4);
	assert_int_equal(q.nlines, (q.width + 1) / 2);
	int wrong = 0;
	for (int y = 0; y < c->width; y++)
		for (int x = 0; x < c->width; x++)
			wrong += drawn_dark(&q, y + 2, x + 2) != (c->data[y * c->width + x] & 1);
	assert_int_equal(wrong, 0);
	QRcode_free(c);
	qrtext_free(&q);
}

static void test_qrtext_quiet_zone_is_light(void **state)
{
	struct qrtext q;
	assert_int_equal(qrtext_make(&q, URI, 2), 0);
	for (int x = 0; x < q.width; x++) {
		assert_int_equal(drawn_dark(&q, 0, x), 0);
		assert_int_equal(drawn_dark(&q, 1, x), 0);
		assert_int_equal(drawn_dark(&q, q.width - 1, x), 0);
	}
	for (int y = 0; y < q.width; y++)
		assert_int_equal(drawn_dark(&q, y, 0) | drawn_dark(&q, y, q.width - 1), 0);
	qrtext_free(&q);
}

/* The enrolment URI of a typical account fits 80x24 beside its text. */
static void test_qrtext_of_an_enrolment_fits_a_small_terminal(void **state)
{
	struct qrtext q;
	assert_int_equal(qrtext_make(&q, URI, 2), 0);
	assert_true(q.nlines <= 21);
	assert_true(q.width + 26 <= 80);
	qrtext_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qrtext_draws_every_module_of_the_code),
		cmocka_unit_test(test_qrtext_quiet_zone_is_light),
		cmocka_unit_test(test_qrtext_of_an_enrolment_fits_a_small_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
