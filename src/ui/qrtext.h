/* qrtext — a QR code as lines of text for the terminal: two rows of modules
 * per line with the half blocks ▀ ▄ █. The light modules (and the quiet
 * zone) are the drawn part, the dark ones the terminal's background, so the
 * code reads as dark on light on the usual light-on-dark terminal. Needs a
 * UTF-8 locale; callers show the text secret alone otherwise. */
#ifndef ANZHI_UI_QRTEXT_H
#define ANZHI_UI_QRTEXT_H

#include <stddef.h>

struct qrtext {
	char **lines;  /* UTF-8, each `width` columns */
	int nlines;
	int width;
};

/* The QR code of text (error correction L, byte mode) with a quiet zone of
 * `quiet` modules; 0, or -1 when it cannot be encoded. */
int qrtext_make(struct qrtext *q, const char *text, int quiet);
void qrtext_free(struct qrtext *q);

#endif
