/* fuzz_text: src/ui/text.c — the module every server string passes through on
 * its way to the terminal — on arbitrary bytes.  Beyond "no crash, no UB", it
 * checks the promises in text.h: text_clean leaves nothing a terminal would
 * act on (no C0/C1/DEL, no ESC, valid UTF-8), text_fit never writes past
 * dstsz, returns strlen(dst) and (given room) fills exactly `cols` columns when
 * cut or padded, and the step functions move within the string. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* Strictly decoded UTF-8 with nothing a terminal acts on. */
static bool safe_for_terminal(const unsigned char *s, bool utf8)
{
	while (*s) {
		unsigned c = *s;
		uint32_t cp;
		int n;

		if (c < 0x20 || c == 0x7f)
			return false;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (!utf8)
			return false;
		if (c >= 0xc2 && c <= 0xdf)
			n = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 4, cp = c & 0x07;
		else
			return false;
		for (int i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp >= 0x80 && cp < 0xa0)    /* C1 controls */
			return false;
		s += n;
	}
	return true;
}

static void fit(const char *s, int cols, size_t dstsz, unsigned flags)
{
	char *dst = malloc(dstsz ? dstsz : 1);     /* exactly dstsz: ASan sees overruns */
	size_t len = strlen(s);
	size_t o;

	if (!dst)
		abort();
	o = text_fit(dstsz ? dst : NULL, dstsz, s, cols, flags);
	if (dstsz == 0) {
		REQUIRE(o == 0);
		free(dst);
		return;
	}
	REQUIRE(o < dstsz && strlen(dst) == o);
	/* with room for every byte of s plus the padding, the width is exact */
	if (cols > 0 && dstsz > len + (size_t)cols + 1) {
		int w = text_width(dst), ws = text_width(s);

		if (ws > cols || (flags & (TEXT_PAD | TEXT_RIGHT)))
			REQUIRE(w == cols);
		else
			REQUIRE(w == ws);
	}
	if (cols > 0 && o > 0)
		REQUIRE(text_width(dst) <= cols);
	free(dst);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s, *clean;
	int cols, len, pos, prev, count;
	size_t dstsz;
	unsigned flags;
	bool utf8;

	if (n < 3 || n > 8192)
		return 0;
	/* three parameter bytes, then the text */
	cols = (int8_t)data[0];
	dstsz = data[1];
	flags = data[2] & 3;
	utf8 = !(data[2] & 4);
	text_init(utf8);
	s = malloc(n - 2);
	if (!s)
		abort();
	memcpy(s, data + 3, n - 3);
	s[n - 3] = '\0';
	len = (int)strlen(s);

	clean = text_clean(s);
	REQUIRE(clean != NULL);
	REQUIRE(safe_for_terminal((const unsigned char *)clean, utf8));
	REQUIRE(text_width(clean) >= 0);

	fit(s, cols, dstsz, flags);
	fit(clean, cols, dstsz, flags);
	fit(clean, cols < 0 ? -cols : cols, (size_t)len * 4 + 300, flags);

	pos = text_prefix_bytes(s, cols);
	REQUIRE(pos >= 0 && pos <= len);
	if (cols >= 0) {
		char *pre = strndup(s, (size_t)pos);

		REQUIRE(pre && text_width(pre) <= cols);
		free(pre);
	}

	/* stepping forward visits every character once; backward returns to 0 */
	count = 0;
	for (pos = 0; pos < len; pos = prev, count++) {
		prev = text_next_char(s, pos);
		REQUIRE(prev > pos && prev <= len);
	}
	REQUIRE((size_t)count == text_utf8_len(s));
	for (pos = len; pos > 0; pos = prev) {
		prev = text_prev_char(s, pos);
		REQUIRE(prev < pos && prev >= 0);
	}
	text_init(true);
	free(clean);
	free(s);
	return 0;
}
