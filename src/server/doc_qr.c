/* doc_qr — the verification code as a QR code (libqrencode), drawn as
 * vector rectangles: one per run of dark modules in a row. */
#include <qrencode.h>

#include "server/doc_layout.h"

#define QUIET 4 /* modules of white around the code (ISO/IEC 18004) */

int doc_qr_draw(cairo_t *cr, const char *text, double x, double y, double size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	int n = q->width;
	double m = size / (n + 2 * QUIET);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int row = 0; row < n; row++) {
		for (int col = 0; col < n;) {
			if (!(q->data[row * n + col] & 1)) {
				col++;
				continue;
			}
			int end = col;
			while (end < n && (q->data[row * n + end] & 1))
				end++;
			cairo_rectangle(cr, x + (QUIET + col) * m, y + (QUIET + row) * m,
					(end - col) * m, m);
			col = end;
		}
	}
	cairo_fill(cr);
	cairo_restore(cr);
	QRcode_free(q);
	return 0;
}
