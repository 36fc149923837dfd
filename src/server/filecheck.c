/* filecheck — see filecheck.h. Each format is a walk over its own framing:
 * lengths are checked against what is left before anything is read, so a
 * hostile file can only make the walk stop early, never read past the end. */
#include "server/filecheck.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

__attribute__((format(printf, 3, 4)))
static enum filecheck_verdict broken(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return FILECHECK_BROKEN;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ------------------------------------------------------------------ PNG */

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_table_make(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

/* CRC-32 of ISO 3309 / ITU-T V.42, as PNG 5.5 defines it. */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
	pthread_once(&crc_once, crc_table_make);
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static int png_type_ok(const unsigned char *t)
{
	for (int i = 0; i < 4; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
			return 0;
	return 1;
}

static enum filecheck_verdict check_png(const unsigned char *p, size_t n, char *why, size_t wl)
{
	size_t at = 8;
	int chunks = 0, idat = 0;
	while (at < n) {
		if (n - at < 12)
			return broken(why, wl, "PNG: cut inside a chunk header");
		uint32_t len = be32(p + at);
		const unsigned char *type = p + at + 4;
		if (len > 0x7fffffffu || !png_type_ok(type))
			return broken(why, wl, "PNG: damaged chunk header at byte %zu", at);
		if (len > n - at - 12)
			return broken(why, wl, "PNG: chunk %.4s runs past the end of the file", type);
		if (crc32_png(type, 4 + (size_t)len) != be32(type + 4 + len))
			return broken(why, wl, "PNG: chunk %.4s: CRC does not match", type);
		if (chunks++ == 0 && (memcmp(type, "IHDR", 4) != 0 || len != 13))
			return broken(why, wl, "PNG: the first chunk is not IHDR");
		at += 12 + (size_t)len;
		if (memcmp(type, "IDAT", 4) == 0)
			idat = 1;
		if (memcmp(type, "IEND", 4) == 0) {
			if (!idat)
				return broken(why, wl, "PNG: no IDAT before IEND");
			if (at != n)
				return broken(why, wl, "PNG: %zu bytes after IEND", n - at);
			return FILECHECK_OK;
		}
	}
	return broken(why, wl, "PNG: no IEND (the file is cut short)");
}

/* ----------------------------------------------------------------- JPEG */

/* SOFn: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
static int jpeg_is_sof(unsigned m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Skips entropy-coded data after a scan header: stuffed FF00 and restart
 * markers belong to it; any other marker ends it. Returns the marker's
 * offset, or n when none comes. */
static size_t jpeg_skip_scan(const unsigned char *p, size_t n, size_t at)
{
	while (at + 1 < n) {
		if (p[at] != 0xFF) {
			at++;
			continue;
		}
		unsigned next = p[at + 1];
		if (next == 0x00 || (next >= 0xD0 && next <= 0xD7))
			at += 2;
		else if (next == 0xFF)
			at++; /* fill byte before a marker */
		else
			return at;
	}
	return n;
}

static enum filecheck_verdict check_jpeg(const unsigned char *p, size_t n, char *why, size_t wl)
{
	size_t at = 2;
	int frame = 0, scan = 0;
	while (at < n) {
		if (p[at] != 0xFF)
			return broken(why, wl, "JPEG: no marker at byte %zu", at);
		while (at < n && p[at] == 0xFF)
			at++; /* fill bytes */
		if (at >= n)
			break;
		unsigned m = p[at++];
		if (m == 0xD9) {
			if (!frame || !scan)
				return broken(why, wl, "JPEG: EOI before any frame or scan");
			if (at != n)
				return broken(why, wl, "JPEG: %zu bytes after EOI", n - at);
			return FILECHECK_OK;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
			continue; /* markers without a length */
		if (m == 0x00 || m == 0xD8)
			return broken(why, wl, "JPEG: unexpected marker %02X at byte %zu", m, at - 1);
		if (n - at < 2)
			break;
		size_t len = (size_t)p[at] << 8 | p[at + 1];
		if (len < 2 || len > n - at)
			return broken(why, wl, "JPEG: segment %02X runs past the end of the file", m);
		at += len;
		if (jpeg_is_sof(m))
			frame = 1;
		if (m == 0xDA) {
			if (!frame)
				return broken(why, wl, "JPEG: a scan before the frame header");
			scan = 1;
			at = jpeg_skip_scan(p, n, at);
		}
	}
	return broken(why, wl, "JPEG: no EOI (the file is cut short)");
}

/* ------------------------------------------------------------------ PDF */

static int pdf_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int pdf_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Last occurrence of word in p[from, to), or (size_t)-1. */
static size_t find_last(const unsigned char *p, size_t from, size_t to, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = to; i >= from + w; i--)
		if (memcmp(p + i - w, word, w) == 0)
			return i - w;
	return (size_t)-1;
}

static size_t find_first(const unsigned char *p, size_t from, size_t to, const char *word)
{
	const unsigned char *hit = from < to ? memmem(p + from, to - from, word, strlen(word)) : NULL;
	return hit ? (size_t)(hit - p) : (size_t)-1;
}

/* Reads a decimal number at *at (after spaces); -1 when there is none. */
static long long pdf_number(const unsigned char *p, size_t n, size_t *at)
{
	long long v = 0;
	int digits = 0;
	while (*at < n && pdf_space(p[*at]))
		(*at)++;
	while (*at < n && pdf_digit(p[*at]) && digits < 18) {
		v = v * 10 + (p[*at] - '0');
		(*at)++;
		digits++;
	}
	return digits ? v : -1;
}

/* A classic table: "xref", subsections "first count" each followed by count
 * 20-byte entries "oooooooooo ggggg n|f" + EOL, then "trailer" and a
 * dictionary naming the /Root. */
static enum filecheck_verdict pdf_xref_table(const unsigned char *p, size_t end, size_t at,
					     char *why, size_t wl)
{
	at += 4;
	for (;;) {
		size_t probe = at;
		while (probe < end && pdf_space(p[probe]))
			probe++;
		if (end - probe >= 7 && memcmp(p + probe, "trailer", 7) == 0) {
			size_t root = find_first(p, probe, end, "/Root");
			if (root == (size_t)-1)
				return broken(why, wl, "PDF: the trailer names no /Root");
			return FILECHECK_OK;
		}
		long long first = pdf_number(p, end, &at), count = pdf_number(p, end, &at);
		if (first < 0 || count < 0 || count > 10000000)
			return broken(why, wl, "PDF: damaged xref subsection (or no trailer) at byte %zu",
				      at);
		while (at < end && (p[at] == ' ' || p[at] == '\r' || p[at] == '\n'))
			at++;
		for (long long i = 0; i < count; i++, at += 20) {
			const unsigned char *e = p + at;
			if (end - at < 20 || e[10] != ' ' || e[16] != ' ' ||
			    (e[17] != 'n' && e[17] != 'f') || !pdf_space(e[18]) || !pdf_space(e[19]))
				return broken(why, wl, "PDF: damaged xref entry at byte %zu", at);
			for (int d = 0; d < 16; d++)
				if (d != 10 && !pdf_digit(e[d]))
					return broken(why, wl, "PDF: damaged xref entry at byte %zu",
						      at);
		}
	}
}

/* A cross-reference stream: "N G obj" whose dictionary says /Type /XRef and
 * names the /Root, then a stream. */
static enum filecheck_verdict pdf_xref_stream(const unsigned char *p, size_t end, size_t at,
					      char *why, size_t wl)
{
	if (pdf_number(p, end, &at) < 0 || pdf_number(p, end, &at) < 0)
		return broken(why, wl, "PDF: startxref points at neither xref nor an object");
	while (at < end && pdf_space(p[at]))
		at++;
	if (end - at < 3 || memcmp(p + at, "obj", 3) != 0)
		return broken(why, wl, "PDF: startxref points at neither xref nor an object");
	size_t stream = find_first(p, at, end, "stream");
	if (stream == (size_t)-1 || find_first(p, stream, end, "endstream") == (size_t)-1)
		return broken(why, wl, "PDF: the xref stream has no stream");
	size_t type = find_first(p, at, stream, "/Type");
	size_t t = type == (size_t)-1 ? end : type + 5;
	while (t < stream && pdf_space(p[t]))
		t++;
	if (t >= stream || stream - t < 5 || memcmp(p + t, "/XRef", 5) != 0)
		return broken(why, wl, "PDF: the object at startxref is not an xref stream");
	if (find_first(p, at, stream, "/Root") == (size_t)-1)
		return broken(why, wl, "PDF: the xref stream names no /Root");
	return FILECHECK_OK;
}

static enum filecheck_verdict check_pdf(const unsigned char *p, size_t n, char *why, size_t wl)
{
	if (n < 8 || !pdf_digit(p[5]) || p[6] != '.' || !pdf_digit(p[7]))
		return broken(why, wl, "PDF: damaged header");
	size_t end = n;
	while (end > 0 && pdf_space(p[end - 1]))
		end--;
	if (end < 5 || memcmp(p + end - 5, "%%EOF", 5) != 0)
		return broken(why, wl, "PDF: does not end with %%%%EOF (cut short, or data after it)");
	end -= 5;
	size_t sx = find_last(p, 8, end, "startxref");
	if (sx == (size_t)-1)
		return broken(why, wl, "PDF: no startxref before %%%%EOF");
	size_t at = sx + 9;
	long long xref = pdf_number(p, end, &at);
	while (at < end && pdf_space(p[at]))
		at++;
	if (xref < 8 || at != end || (size_t)xref >= sx)
		return broken(why, wl, "PDF: startxref does not point into the file's xref");
	if (sx - (size_t)xref >= 4 && memcmp(p + xref, "xref", 4) == 0)
		return pdf_xref_table(p, sx, (size_t)xref, why, wl);
	if (!pdf_digit(p[xref]))
		return broken(why, wl, "PDF: startxref points at neither xref nor an object");
	return pdf_xref_stream(p, sx, (size_t)xref, why, wl);
}

/* ---------------------------------------------------------------- entry */

static const struct {
	const char *magic;
	size_t len;
	const char *type;
	enum filecheck_verdict (*check)(const unsigned char *, size_t, char *, size_t);
} kinds[] = {
	{ "\xFF\xD8\xFF", 3, "image/jpeg", check_jpeg },
	{ "\x89PNG\r\n\x1A\n", 8, "image/png", check_png },
	{ "%PDF-", 5, "application/pdf", check_pdf },
};

enum filecheck_verdict filecheck_buffer(const unsigned char *p, size_t n, const char **type,
					char *why, size_t whylen)
{
	*type = NULL;
	if (whylen)
		why[0] = '\0';
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (n < kinds[i].len || memcmp(p, kinds[i].magic, kinds[i].len) != 0)
			continue;
		*type = kinds[i].type;
		return kinds[i].check(p, n, why, whylen);
	}
	snprintf(why, whylen, "not a JPEG, PNG or PDF file");
	return FILECHECK_UNKNOWN;
}

enum filecheck_verdict filecheck_fd(int fd, const char **type, char *why, size_t whylen)
{
	struct stat sb;
	*type = NULL;
	if (fstat(fd, &sb) != 0 || sb.st_size == 0)
		return filecheck_buffer((const unsigned char *)"", 0, type, why, whylen);
	void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return broken(why, whylen, "the file could not be read");
	enum filecheck_verdict v = filecheck_buffer(map, (size_t)sb.st_size, type, why, whylen);
	munmap(map, (size_t)sb.st_size);
	return v;
}
