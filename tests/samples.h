/* samples — small, complete files of the three upload types, built in
 * memory so tests can break them on purpose: a 1x1 PNG (chunks with their
 * CRCs, IDAT compressed by a stored zlib block), a 1x1 grey baseline JPEG
 * (one-code Huffman tables), a one-page PDF with a classic cross-reference
 * table and one with a cross-reference stream (PDF 1.5). Header-only
 * (static inline) so unit and API tests share it without a library. */
#ifndef ANZHI_TESTS_SAMPLES_H
#define ANZHI_TESTS_SAMPLES_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct sample {
	unsigned char b[4096];
	size_t n;
};

static inline void sample_put(struct sample *s, const void *p, size_t n)
{
	memcpy(s->b + s->n, p, n);
	s->n += n;
}

__attribute__((format(printf, 2, 3))) static inline void sample_printf(struct sample *s,
								      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf((char *)s->b + s->n, sizeof s->b - s->n, fmt, ap);
	va_end(ap);
	s->n += (size_t)w;
}

static inline void sample_be32(struct sample *s, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };
	sample_put(s, b, 4);
}

/* CRC-32 (ISO 3309, as PNG uses it), bit by bit: independent of the
 * table-driven one under test. */
static inline uint32_t sample_crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return c ^ 0xffffffffu;
}

static inline void sample_png_chunk(struct sample *s, const char *type, const void *data,
				    size_t n)
{
	sample_be32(s, (uint32_t)n);
	size_t at = s->n;
	sample_put(s, type, 4);
	if (n)
		sample_put(s, data, n);
	sample_be32(s, sample_crc32(s->b + at, 4 + n));
}

static inline void sample_png(struct sample *s)
{
	/* IHDR: 1x1, 8-bit greyscale. IDAT: zlib header, one stored block
	 * holding the scanline (filter 0, one grey byte), Adler-32. */
	static const unsigned char ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0 };
	static const unsigned char idat[] = { 0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff,
					      0x00, 0x80, 0x00, 0x82, 0x00, 0x81 };
	s->n = 0;
	sample_put(s, "\x89PNG\r\n\x1a\n", 8);
	sample_png_chunk(s, "IHDR", ihdr, sizeof ihdr);
	sample_png_chunk(s, "IDAT", idat, sizeof idat);
	sample_png_chunk(s, "IEND", NULL, 0);
}

static inline void sample_jpeg(struct sample *s)
{
	static const unsigned char head[] = {
		0xFF, 0xD8,						/* SOI */
		0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	};
	static const unsigned char sof_dht_sos[] = {
		0xFF, 0xC0, 0x00, 0x0B, 8, 0, 1, 0, 1, 1, 1, 0x11, 0,	/* SOF0 1x1, 1 comp. */
		0xFF, 0xC4, 0x00, 0x14, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x00,							/* DC: "0" = 0 */
		0xFF, 0xC4, 0x00, 0x14, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x00,							/* AC: "0" = EOB */
		0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0,		/* SOS */
		0x3F,							/* DC 0, EOB, 1s */
		0xFF, 0xD9,						/* EOI */
	};
	unsigned char dqt[69] = { 0xFF, 0xDB, 0x00, 0x43, 0x00 };
	memset(dqt + 5, 1, 64);
	s->n = 0;
	sample_put(s, head, sizeof head);
	sample_put(s, dqt, sizeof dqt);
	sample_put(s, sof_dht_sos, sizeof sof_dht_sos);
}

static inline void sample_pdf_objects(struct sample *s, size_t off[4], const char *version)
{
	s->n = 0;
	sample_printf(s, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", version);
	off[1] = s->n;
	sample_printf(s, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = s->n;
	sample_printf(s, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	off[3] = s->n;
	sample_printf(s, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>\n"
			 "endobj\n");
}

static inline void sample_pdf(struct sample *s)
{
	size_t off[4];
	sample_pdf_objects(s, off, "1.4");
	size_t xref = s->n;
	sample_printf(s, "xref\n0 4\n0000000000 65535 f \n");
	for (int i = 1; i < 4; i++)
		sample_printf(s, "%010zu 00000 n \n", off[i]);
	sample_printf(s, "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

static inline void sample_pdf_xref_stream(struct sample *s)
{
	size_t off[4];
	sample_pdf_objects(s, off, "1.5");
	size_t xref = s->n;
	unsigned char rows[5][4] = { { 0, 0, 0, 0xff } };
	for (int i = 1; i < 4; i++) {
		rows[i][0] = 1;
		rows[i][1] = (unsigned char)(off[i] >> 8);
		rows[i][2] = (unsigned char)off[i];
	}
	rows[4][0] = 1;
	rows[4][1] = (unsigned char)(xref >> 8);
	rows[4][2] = (unsigned char)xref;
	sample_printf(s, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Length 20 >>\n"
			 "stream\n");
	sample_put(s, rows, sizeof rows);
	sample_printf(s, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref);
}

#endif
