/* text: width, cleaning, fitting and stepping of UTF-8 for the terminal.
 * Decoding is strict and our own (no overlong, surrogate or >U+10FFFF forms,
 * whatever the locale); widths come from wcwidth with a small wide-range table
 * for code points the C library does not know. */
#include "ui/text.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static bool utf8_mode = true;

void text_init(bool utf8) { utf8_mode = utf8; }
bool text_utf8(void) { return utf8_mode; }

enum ch_kind { CH_OK, CH_BAD, CH_CTRL, CH_SPACE };
struct ch { int len; int width; uint32_t cp; enum ch_kind kind; };

/* One strict UTF-8 character at s; its length, or 0 for an invalid byte. */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned c = s[0];
	int n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* East Asian Wide/Fullwidth blocks, for when wcwidth does not know a code point
 * (a non-UTF-8 C library locale, or a newer Unicode than the C library's). */
static const struct { uint32_t lo, hi; } wide_ranges[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe30, 0xfe4f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x3fffd },
};

static bool cp_in_wide_ranges(uint32_t cp)
{
	for (size_t i = 0; i < sizeof wide_ranges / sizeof *wide_ranges; i++)
		if (cp >= wide_ranges[i].lo && cp <= wide_ranges[i].hi)
			return true;
	return false;
}

/* Columns of a printable code point.  Without UTF-8 the terminal cannot show
 * it: it becomes a placeholder as wide as the character would be ("??" for a
 * CJK one), so columns stay aligned whatever the locale. */
static int cp_width(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	if (!utf8_mode)
		return cp_in_wide_ranges(cp) ? 2 : 1;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	return cp_in_wide_ranges(cp) ? 2 : 1;
}

/* What stands for a character the locale cannot show: one '?' per column. */
static const char *placeholder(int width)
{
	return width == 2 ? "??" : "?";
}

/* Controls that a terminal acts on, plus bidi overrides that reorder what
 * the user reads ("Trojan source"). */
static bool cp_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

static bool cp_is_space(uint32_t cp)
{
	return cp == '\n' || cp == '\t' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

/* The character at s (s[0] != NUL), classified; an invalid byte is one column. */
static struct ch next_ch(const char *s)
{
	struct ch c = { .len = 1, .width = 1, .cp = 0, .kind = CH_BAD };
	int n = utf8_decode((const unsigned char *)s, &c.cp);
	if (n == 0)
		return c;
	c.len = n;
	if (cp_is_space(c.cp))
		c.kind = CH_SPACE;
	else if (cp_is_control(c.cp))
		c.kind = CH_CTRL;
	else {
		c.kind = CH_OK;
		c.width = cp_width(c.cp);
	}
	return c;
}

int text_width(const char *s)
{
	int w = 0;
	if (!s)
		return 0;
	while (*s) {
		struct ch c = next_ch(s);
		w += c.width;
		s += c.len;
	}
	return w;
}

size_t text_utf8_len(const char *s)
{
	size_t n = 0;
	if (!s)
		return 0;
	while (*s) {
		s += next_ch(s).len;
		n++;
	}
	return n;
}

int text_prefix_bytes(const char *s, int cols)
{
	int w = 0, i = 0;
	if (!s)
		return 0;
	while (s[i]) {
		struct ch c = next_ch(s + i);
		if (w + c.width > cols)
			break;
		w += c.width;
		i += c.len;
	}
	return i;
}

int text_next_char(const char *s, int byte_pos)
{
	if (!s || byte_pos < 0)
		return 0;
	if (!s[byte_pos])
		return byte_pos;
	return byte_pos + next_ch(s + byte_pos).len;
}

int text_prev_char(const char *s, int byte_pos)
{
	if (!s || byte_pos <= 0)
		return 0;
	/* A character that starts up to 4 bytes back and ends exactly here. */
	for (int back = 2; back <= 4 && byte_pos - back >= 0; back++) {
		int start = byte_pos - back;
		uint32_t cp;
		if (utf8_decode((const unsigned char *)s + start, &cp) == back)
			return start;
	}
	return byte_pos - 1;
}

/* ---------------------------------------------------------------- cleaning */

/* CSI parameters, intermediates and final byte (ECMA-48 5.4). */
static size_t csi_body(const unsigned char *p)
{
	size_t i = 0;
	while (p[i] >= 0x30 && p[i] <= 0x3f)
		i++;
	while (p[i] >= 0x20 && p[i] <= 0x2f)
		i++;
	if (p[i] >= 0x40 && p[i] <= 0x7e)
		i++;
	return i;
}

/* A control string (OSC, DCS, SOS, PM, APC) up to and including its
 * terminator: BEL, ESC \ or ST (U+009C), else to the end.  (A raw 0x9c byte
 * is not a terminator: it is a continuation byte of CJK text such as "东".) */
static size_t string_body(const unsigned char *p)
{
	size_t i = 0;
	while (p[i]) {
		if (p[i] == 0x07)
			return i + 1;
		if (p[i] == 0x1b && p[i + 1] == '\\')
			return i + 2;
		if (p[i] == 0xc2 && p[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return i;
}

/* The whole escape sequence at s (s[0] == ESC). */
static size_t esc_len(const unsigned char *s)
{
	unsigned c = s[1];
	if (c == '[')
		return 2 + csi_body(s + 2);
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
		return 2 + string_body(s + 2);
	if (c >= 0x20 && c <= 0x2f) { /* nF: intermediates, then a final byte */
		size_t i = 1;
		while (s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		if (s[i] >= 0x30 && s[i] <= 0x7e)
			i++;
		return i;
	}
	if (c >= 0x30 && c <= 0x7e) /* Fp, Fe, Fs: ESC 7, ESC c, ESC M … */
		return 2;
	return 1;
}

/* The C1 control U+0080..U+009F at s (2 bytes), with what it introduces. */
static size_t c1_len(const unsigned char *s, uint32_t cp)
{
	if (cp == 0x9b)
		return 2 + csi_body(s + 2);
	if (cp == 0x9d || cp == 0x90 || cp == 0x98 || cp == 0x9e || cp == 0x9f)
		return 2 + string_body(s + 2);
	return 2;
}

char *text_clean(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	/* Worst case: every byte becomes U+FFFD (3 bytes). */
	char *out = xmalloc(3 * n + 1), *o = out;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		struct ch c = next_ch((const char *)p);
		size_t skip = (size_t)c.len;
		bool replace = false;

		switch (c.kind) {
		case CH_OK:
			if (!utf8_mode && c.cp >= 0x80)
				replace = true;
			break;
		case CH_SPACE:
			*o++ = ' ';
			p += skip;
			continue;
		case CH_BAD:
			replace = true;
			break;
		case CH_CTRL:
			replace = true;
			if (c.cp == 0x1b)
				skip = esc_len(p);
			else if (c.cp >= 0x80 && c.cp < 0xa0)
				skip = c1_len(p, c.cp);
			break;
		}
		if (replace) {
			if (utf8_mode) {
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
			} else {
				const char *ph = placeholder(c.kind == CH_OK ? c.width : 1);
				memcpy(o, ph, strlen(ph));
				o += strlen(ph);
			}
		} else {
			memcpy(o, p, skip);
			o += skip;
		}
		p += skip;
	}
	*o = '\0';
	return out;
}

/* ---------------------------------------------------------------- fitting */

size_t text_fit(char *dst, size_t dstsz, const char *s, int cols, unsigned flags)
{
	if (!dst || dstsz == 0)
		return 0;
	dst[0] = '\0';
	if (cols <= 0)
		return 0;
	if (!s)
		s = "";

	bool cut = text_width(s) > cols;
	int room = cut ? cols - 1 : cols;
	size_t o = 0;
	int w = 0;

	while (*s) {
		struct ch c = next_ch(s);
		if (w + c.width > room)
			break;
		/* Anything a terminal would act on is shown as '?', never passed on;
		 * without UTF-8 a character beyond ASCII is its placeholder. */
		const char *bytes = c.kind == CH_SPACE ? " " : c.kind != CH_OK ? "?"
				  : !utf8_mode && c.cp >= 0x80 ? placeholder(c.width) : s;
		size_t blen = bytes == s ? (size_t)c.len : strlen(bytes);
		if (o + blen >= dstsz)
			break;
		memcpy(dst + o, bytes, blen);
		o += blen;
		w += c.width;
		s += c.len;
	}

	int pad = 0;
	if (cut)
		pad = cols - 1 - w;
	else if (flags & (TEXT_PAD | TEXT_RIGHT))
		pad = cols - w;
	size_t room_bytes = dstsz - 1 - o;
	if ((size_t)pad > room_bytes)
		pad = (int)room_bytes;

	if ((flags & TEXT_RIGHT) && !cut) {
		memmove(dst + pad, dst, o);
		memset(dst, ' ', (size_t)pad);
		o += (size_t)pad;
	} else {
		memset(dst + o, ' ', (size_t)pad);
		o += (size_t)pad;
	}
	if (cut && o + 1 < dstsz)
		dst[o++] = '~';
	dst[o] = '\0';
	return o;
}

/* One character of `shown` against one of `typed` (both len bytes long). */
static bool char_matches(const char *shown, int slen, const char *typed, int tlen)
{
	if (slen == 1 && *shown == '*')
		return true;
	if (slen != tlen)
		return false;
	if (slen == 1) {
		char a = *shown, b = *typed;
		if (a >= 'a' && a <= 'z')
			a = (char)(a - 'a' + 'A');
		if (b >= 'a' && b <= 'z')
			b = (char)(b - 'a' + 'A');
		return a == b;
	}
	return memcmp(shown, typed, (size_t)slen) == 0;
}

bool text_masked_match(const char *shown, const char *typed)
{
	if (!shown || !typed || !*typed)
		return false;
	for (int start = 0; shown[start]; start = text_next_char(shown, start)) {
		int i = start, j = 0;
		bool literal = false;   /* a '*' alone proves nothing */
		while (typed[j] && shown[i]) {
			int in = text_next_char(shown, i), jn = text_next_char(typed, j);
			if (!char_matches(shown + i, in - i, typed + j, jn - j))
				break;
			literal |= shown[i] != '*';
			i = in;
			j = jn;
		}
		if (!typed[j] && literal)
			return true;
	}
	return false;
}

void text_size(long long n, char *buf, size_t bufsz)
{
	if (n < 1024)
		snprintf(buf, bufsz, "%lld B", n);
	else if (n < 1024 * 1024)
		snprintf(buf, bufsz, "%.1f KB", (double)n / 1024);
	else
		snprintf(buf, bufsz, "%.1f MB", (double)n / (1024 * 1024));
}
