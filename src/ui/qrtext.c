/* qrtext — see qrtext.h. */
#include "ui/qrtext.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* A module of the padded code: 1 dark, 0 light (the quiet zone is light). */
static int dark(const QRcode *c, int quiet, int y, int x)
{
	y -= quiet;
	x -= quiet;
	if (y < 0 || x < 0 || y >= c->width || x >= c->width)
		return 0;
	return c->data[y * c->width + x] & 1;
}

/* The cell for an upper and a lower module: light is drawn (a block), dark
 * is left as the terminal's dark background. */
static const char *const cells[4] = {
	"\u2588", /* both light */
	"\u2584", /* upper dark: lower half drawn */
	"\u2580", /* lower dark: upper half drawn */
	" ",      /* both dark */
};

int qrtext_make(struct qrtext *q, const char *text, int quiet)
{
	memset(q, 0, sizeof *q);
	QRcode *c = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	if (!c)
		return -1;
	int size = c->width + 2 * quiet;
	q->width = size;
	q->nlines = (size + 1) / 2;
	q->lines = calloc((size_t)q->nlines, sizeof *q->lines);
	for (int l = 0; q->lines && l < q->nlines; l++) {
		char *line = malloc((size_t)size * 3 + 1), *p = line;
		if (!line) {
			QRcode_free(c);
			qrtext_free(q);
			return -1;
		}
		for (int x = 0; x < size; x++) {
			int up = dark(c, quiet, 2 * l, x), down = 2 * l + 1 < size && dark(c, quiet, 2 * l + 1, x);
			const char *cell = cells[up | down << 1];
			size_t n = strlen(cell);
			memcpy(p, cell, n);
			p += n;
		}
		*p = '\0';
		q->lines[l] = line;
	}
	QRcode_free(c);
	if (!q->lines)
		return -1;
	return 0;
}

void qrtext_free(struct qrtext *q)
{
	for (int i = 0; q->lines && i < q->nlines; i++)
		free(q->lines[i]);
	free(q->lines);
	memset(q, 0, sizeof *q);
}
