/* doc_sign — seals the PDF cairo wrote: one incremental update with the
 * signed metadata line, the seal object (key id, byte range, signature) and
 * a new Info dictionary saying what the document is, in the layout of
 * wire/docseal.h. Every number before the signature is fixed-width, so the
 * byte range is known before signing; the signature covers every byte but
 * its own 128 hex digits. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/doc_layout.h"

/* What the update must carry on from cairo's trailer: the object count, the
 * catalog and where the last xref section starts. Read from a NUL-terminated
 * copy of the file's end (the trailer is its last few hundred bytes). */
static int read_trailer(const GByteArray *b, long *size, long *root, long *root_gen,
			long *prev)
{
	char tail[2048];
	size_t n = b->len < sizeof tail - 1 ? b->len : sizeof tail - 1;
	memcpy(tail, b->data + b->len - n, n);
	tail[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (tail[i] == '\0')
			tail[i] = ' ';
	const char *t = g_strrstr(tail, "trailer"), *sx = g_strrstr(tail, "startxref");
	if (!t || !sx)
		return -1;
	const char *s = strstr(t, "/Size "), *r = strstr(t, "/Root ");
	if (!s || !r || s > sx || r > sx)
		return -1;
	char *end;
	*size = strtol(s + 6, NULL, 10);
	*root = strtol(r + 6, &end, 10);
	*root_gen = strtol(end, &end, 10);
	if (strncmp(end, " R", 2) != 0)
		return -1;
	*prev = strtol(sx + strlen("startxref"), NULL, 10);
	return *size > 0 && *root > 0 && *prev > 0 ? 0 : -1;
}

/* A PDF text string: literal when plain ASCII, else UTF-16BE hex with BOM. */
static void pdf_text(GString *out, const char *utf8)
{
	int plain = 1;
	for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
		plain &= *p >= 0x20 && *p < 0x7f;
	if (plain) {
		g_string_append_c(out, '(');
		for (const char *p = utf8; *p; p++) {
			if (*p == '(' || *p == ')' || *p == '\\')
				g_string_append_c(out, '\\');
			g_string_append_c(out, *p);
		}
		g_string_append_c(out, ')');
		return;
	}
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
	g_string_append(out, "<FEFF");
	for (glong i = 0; u && i < n; i++)
		g_string_append_printf(out, "%04X", (unsigned)u[i]);
	g_string_append_c(out, '>');
	g_free(u);
}

static void info_entry(GString *out, const char *key, const char *value)
{
	g_string_append_printf(out, " /%s ", key);
	pdf_text(out, value);
}

/* The signed metadata line (docseal.h): one JSON object, no line breaks. */
static char *meta_line(const struct doc_seal_meta *m, const char *key_id)
{
	json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:i, s:s, s:s, s:s}", "v", 1, "kind",
			      docseal_kind_word(m->kind), "uscc", m->uscc, "unit", m->unit, "year",
			      m->year, "key_id", key_id, "signed_at", m->signed_at, "code", m->code);
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return s;
}

static void info_dict(GString *t, const struct doc_seal_meta *m, const char *key_id, long seal)
{
	char year[16], *subject = g_strdup_printf("%s %d年度", m->unit, m->year);
	char *keywords = g_strdup_printf("anzhi %s %s %d %s", docseal_kind_word(m->kind), m->uscc,
					 m->year, m->code);
	snprintf(year, sizeof year, "%d", m->year);
	g_string_append(t, "<<");
	info_entry(t, "Title", m->title);
	info_entry(t, "Author", m->federation);
	info_entry(t, "Subject", subject);
	info_entry(t, "Keywords", keywords);
	info_entry(t, "Creator", "anzhid " ANZHI_VERSION);
	info_entry(t, "Producer", "anzhid " ANZHI_VERSION " (cairo, pango)");
	info_entry(t, "CreationDate", m->pdf_date);
	info_entry(t, "ModDate", m->pdf_date);
	info_entry(t, "AnzhiKind", docseal_kind_word(m->kind));
	info_entry(t, "AnzhiUSCC", m->uscc);
	info_entry(t, "AnzhiUnit", m->unit);
	info_entry(t, "AnzhiYear", year);
	info_entry(t, "AnzhiKeyId", key_id);
	info_entry(t, "AnzhiSignedAt", m->signed_at);
	info_entry(t, "AnzhiCode", m->code);
	g_string_append_printf(t, " /AnzhiSeal %ld 0 R >>", seal);
	g_free(subject);
	g_free(keywords);
}

int doc_seal_append(GByteArray *pdf, const struct doc_seal_meta *m, const struct doc_key *key,
		    char *err, size_t errlen)
{
	long size, root, root_gen, prev;
	if (read_trailer(pdf, &size, &root, &root_gen, &prev) != 0) {
		snprintf(err, errlen, "cairo's PDF has no trailer anzhid can read");
		return -1;
	}
	char *meta = meta_line(m, key->id);
	if (!meta) {
		snprintf(err, errlen, "could not write the document's metadata");
		return -1;
	}
	const size_t base = pdf->len;
	GString *t = g_string_new(NULL);
	long seal = size, info = size + 1;
	if (base == 0 || pdf->data[base - 1] != '\n')
		g_string_append_c(t, '\n');
	g_string_append_printf(t, "%s%s\n", DOCSEAL_MARK, meta);
	free(meta);
	size_t seal_at = base + t->len;
	g_string_append_printf(t, "%ld 0 obj\n<< /Type /AnzhiSeal /KeyId (%s) /ByteRange [", seal,
			       key->id);
	size_t range_at = t->len;
	g_string_append(t, "0000000000 0000000000 0000000000 0000000000] /Signature <");
	size_t hex_at = t->len;
	for (int i = 0; i < DOCSEAL_SIG_HEX; i++)
		g_string_append_c(t, '0');
	g_string_append(t, "> >>\nendobj\n");
	size_t info_at = base + t->len;
	g_string_append_printf(t, "%ld 0 obj\n", info);
	info_dict(t, m, key->id, seal);
	g_string_append(t, "\nendobj\n");
	size_t xref_at = base + t->len;
	g_string_append_printf(t,
			       "xref\n%ld 2\n%010zu 00000 n \n%010zu 00000 n \ntrailer\n"
			       "<< /Size %ld /Root %ld %ld R /Info %ld 0 R /Prev %ld >>\n"
			       "startxref\n%zu\n%%%%EOF\n",
			       seal, seal_at, info_at, size + 2, root, root_gen, info, prev, xref_at);

	/* The byte range: [0, A) and [B, end), A = the first hex digit. */
	size_t a = base + hex_at, b = a + DOCSEAL_SIG_HEX, total = base + t->len;
	char range[4 * (DOCSEAL_RANGE_WIDTH + 1) + 1];
	snprintf(range, sizeof range, "%010d %010zu %010zu %010zu", 0, a, b, total - b);
	memcpy(t->str + range_at, range, strlen(range));
	g_byte_array_append(pdf, (const guint8 *)t->str, (guint)t->len);
	g_string_free(t, TRUE);

	unsigned char sig[64];
	unsigned char *msg = g_malloc(total - DOCSEAL_SIG_HEX);
	memcpy(msg, pdf->data, a);
	memcpy(msg + a, pdf->data + b, total - b);
	crypto_sign_detached(sig, NULL, msg, total - DOCSEAL_SIG_HEX, key->sk);
	g_free(msg);
	char hex[DOCSEAL_SIG_HEX + 1];
	sodium_bin2hex(hex, sizeof hex, sig, sizeof sig); /* lowercase, as docseal.h wants */
	memcpy(pdf->data + a, hex, DOCSEAL_SIG_HEX);
	return 0;
}
