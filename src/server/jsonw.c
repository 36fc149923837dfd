/* jsonw — see jsonw.h. */
#include "server/jsonw.h"

#include <stdlib.h>
#include <string.h>

void jw_init(struct jw *w)
{
	memset(w, 0, sizeof *w);
}

void jw_free(struct jw *w)
{
	free(w->buf);
	memset(w, 0, sizeof *w);
}

char *jw_take(struct jw *w, size_t *len)
{
	if (w->failed || w->depth != 0 || !w->buf) {
		jw_free(w);
		return NULL;
	}
	char *out = w->buf;
	*len = w->len;
	w->buf = NULL;
	jw_free(w);
	return out;
}

/* Room for n more bytes and the terminating NUL. */
static int reserve(struct jw *w, size_t n)
{
	if (w->failed)
		return -1;
	if (w->len + n + 1 <= w->cap)
		return 0;
	size_t cap = w->cap ? w->cap : 1024;
	while (cap < w->len + n + 1)
		cap *= 2;
	char *nb = realloc(w->buf, cap);
	if (!nb) {
		w->failed = 1;
		return -1;
	}
	w->buf = nb;
	w->cap = cap;
	return 0;
}

static void put(struct jw *w, const char *s, size_t n)
{
	if (reserve(w, n) != 0)
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

/* Before a value or a key: the comma that separates it from the last one. */
static void separate(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0 && w->items[w->depth - 1]++ > 0)
		put(w, ",", 1);
}

static void open_level(struct jw *w, char c)
{
	separate(w);
	if (w->depth >= JW_DEPTH) {
		w->failed = 1;
		return;
	}
	w->closer[w->depth] = c == '{' ? '}' : ']';
	w->items[w->depth++] = 0;
	put(w, &c, 1);
}

void jw_object(struct jw *w)
{
	open_level(w, '{');
}

void jw_array(struct jw *w)
{
	open_level(w, '[');
}

void jw_end(struct jw *w)
{
	if (w->depth == 0 || w->failed) {
		w->failed = 1;
		return;
	}
	w->depth--;
	put(w, &w->closer[w->depth], 1);
}

/* The length of the UTF-8 sequence at p (up to end), 0 when it is not one. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
		   : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (n == 0 || (size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	uint32_t cp = n == 1 ? p[0] : n == 2 ? (p[0] & 0x1fu) : n == 3 ? (p[0] & 0x0fu) : (p[0] & 0x07u);
	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (p[i] & 0x3fu);
	static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0; /* overlong, beyond Unicode, or a surrogate */
	return n;
}

/* The escape of a byte below 0x20, '"' or '\\' (at most 6 characters). */
static size_t escape(unsigned char c, char out[8])
{
	static const char short_form[] = "btn\0fr";
	static const char hex[] = "0123456789abcdef";
	out[0] = '\\';
	if (c == '"' || c == '\\') {
		out[1] = (char)c;
		return 2;
	}
	if (c >= 8 && c <= 13 && short_form[c - 8]) {
		out[1] = short_form[c - 8];
		return 2;
	}
	memcpy(out + 1, "u00", 3);
	out[4] = hex[c >> 4];
	out[5] = hex[c & 15];
	return 6;
}

static void put_string(struct jw *w, const char *s)
{
	size_t len = strlen(s);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	/* the worst case is every byte escaped as \u00XX (or U+FFFD) */
	if (reserve(w, 6 * len + 2) != 0)
		return;
	char *o = w->buf + w->len;
	*o++ = '"';
	while (p < end) {
		unsigned char c = *p;
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			*o++ = (char)c;
			p++;
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_len(p, end);
			if (n) {
				memcpy(o, p, n);
				o += n;
				p += n;
			} else {
				memcpy(o, "\\ufffd", 6); /* not UTF-8 */
				o += 6;
				p++;
			}
			continue;
		}
		char esc[8];
		size_t n = escape(c, esc);
		memcpy(o, esc, n);
		o += n;
		p++;
	}
	*o++ = '"';
	w->len = (size_t)(o - w->buf);
	w->buf[w->len] = '\0';
}

void jw_key(struct jw *w, const char *key)
{
	separate(w);
	put_string(w, key);
	put(w, ":", 1);
	w->after_key = 1;
}

void jw_str(struct jw *w, const char *s)
{
	separate(w);
	if (s)
		put_string(w, s);
	else
		put(w, "null", 4);
}

void jw_int(struct jw *w, int64_t v)
{
	char num[24], *e = num + sizeof num, *p = e;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	separate(w);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(e - p));
}

void jw_bool(struct jw *w, int v)
{
	separate(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(struct jw *w)
{
	separate(w);
	put(w, "null", 4);
}

void jw_raw(struct jw *w, const char *json)
{
	separate(w);
	put(w, json, strlen(json));
}

void jw_kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void jw_kint(struct jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}
