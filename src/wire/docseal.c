/* docseal — see docseal.h: kinds, key ids, verification codes, and reading a
 * sealed document's signed metadata and signature. */
#include "wire/docseal.h"

#include <ctype.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOCSEAL_KIND_WORD(id, word) [id] = word,
static const char *const kind_words[DOC__COUNT] = { DOCSEAL_KINDS(DOCSEAL_KIND_WORD) };
#undef DOCSEAL_KIND_WORD

const char *docseal_kind_word(enum doc_kind k)
{
	return k >= 0 && k < DOC__COUNT ? kind_words[k] : "";
}

enum doc_kind docseal_kind_parse(const char *word)
{
	for (int k = 0; word && k < DOC__COUNT; k++)
		if (strcmp(kind_words[k], word) == 0)
			return (enum doc_kind)k;
	return DOC_KIND_UNKNOWN;
}

/* ------------------------------------------------------------------ base32 */

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void docseal_base32(const unsigned char *in, size_t n, char *out)
{
	unsigned buf = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32[(buf << (5 - bits)) & 31];
	out[o] = '\0';
}

int docseal_base32_decode(const char *in, size_t nchars, unsigned char *out, size_t max)
{
	unsigned buf = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < nchars; i++) {
		const char *p = in[i] ? strchr(b32, in[i]) : NULL;
		if (!p)
			return -1;
		buf = (buf << 5) | (unsigned)(p - b32);
		bits += 5;
		if (bits >= 8) {
			if (o >= max)
				return -1;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}

/* ------------------------------------------------------ key ids and codes */

#define KEY_ID_BYTES 5
#define CHECK_BYTES 2

void docseal_key_id(const unsigned char pk[32], char out[DOCSEAL_KEY_ID_LEN + 1])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, pk, 32, NULL, 0);
	docseal_base32(h, KEY_ID_BYTES, out);
}

/* The check bytes bind the document's 8 bytes to its key id, so that a
 * mistyped code is told apart from an unknown one offline. */
static void code_check(const unsigned char ident[DOCSEAL_IDENT_BYTES],
		       const unsigned char key[KEY_ID_BYTES], unsigned char check[CHECK_BYTES])
{
	unsigned char in[DOCSEAL_IDENT_BYTES + KEY_ID_BYTES], h[16];
	memcpy(in, ident, DOCSEAL_IDENT_BYTES);
	memcpy(in + DOCSEAL_IDENT_BYTES, key, KEY_ID_BYTES);
	crypto_generichash(h, sizeof h, in, sizeof in, NULL, 0);
	memcpy(check, h, CHECK_BYTES);
}

void docseal_code_make(const unsigned char ident[DOCSEAL_IDENT_BYTES], const char *key_id,
		       char out[DOCSEAL_CODE_LEN + 1])
{
	unsigned char raw[DOCSEAL_IDENT_BYTES + CHECK_BYTES], key[KEY_ID_BYTES] = { 0 };
	char body[17];
	docseal_base32_decode(key_id, DOCSEAL_KEY_ID_LEN, key, sizeof key);
	memcpy(raw, ident, DOCSEAL_IDENT_BYTES);
	code_check(ident, key, raw + DOCSEAL_IDENT_BYTES);
	docseal_base32(raw, sizeof raw, body);
	snprintf(out, DOCSEAL_CODE_LEN + 1, "%.4s-%.4s-%.4s-%.4s-%.8s", body, body + 4, body + 8,
		 body + 12, key_id);
}

bool docseal_code_parse(const char *text, char code[DOCSEAL_CODE_LEN + 1],
			char key_id[DOCSEAL_KEY_ID_LEN + 1])
{
	char bare[24];
	size_t n = 0;
	unsigned char raw[DOCSEAL_IDENT_BYTES + CHECK_BYTES], key[KEY_ID_BYTES], check[CHECK_BYTES];
	for (const char *p = text; p && *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (n >= sizeof bare)
			return false;
		bare[n++] = (char)toupper((unsigned char)*p);
	}
	if (n != sizeof bare ||
	    docseal_base32_decode(bare, 16, raw, sizeof raw) != (int)sizeof raw ||
	    docseal_base32_decode(bare + 16, 8, key, sizeof key) != KEY_ID_BYTES)
		return false;
	code_check(raw, key, check);
	if (memcmp(check, raw + DOCSEAL_IDENT_BYTES, CHECK_BYTES) != 0)
		return false;
	/* base32 of 10 and 5 bytes has no spare bits: one spelling per code */
	snprintf(key_id, DOCSEAL_KEY_ID_LEN + 1, "%.8s", bare + 16);
	docseal_code_make(raw, key_id, code);
	return true;
}

/* ------------------------------------------------------------------ parse */

/* The last occurrence of needle that starts before limit, or NULL. */
static const unsigned char *last_of(const unsigned char *hay, size_t limit, const char *needle)
{
	size_t m = strlen(needle);
	if (limit < m)
		return NULL;
	for (size_t i = limit - m + 1; i-- > 0;)
		if (hay[i] == (unsigned char)needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* Exactly ten digits then sep. */
static bool range_number(const unsigned char **p, const unsigned char *end, char sep, size_t *v)
{
	size_t x = 0;
	const unsigned char *q = *p;
	if (end - q < DOCSEAL_RANGE_WIDTH + 1)
		return false;
	for (int i = 0; i < DOCSEAL_RANGE_WIDTH; i++, q++) {
		if (*q < '0' || *q > '9')
			return false;
		x = x * 10 + (size_t)(*q - '0');
	}
	if (*q != (unsigned char)sep)
		return false;
	*v = x;
	*p = q + 1;
	return true;
}

static int hexval(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool copy_str(json_t *o, const char *key, char *dst, size_t size)
{
	const char *v = json_string_value(json_object_get(o, key));
	if (!v || strlen(v) >= size)
		return false;
	memcpy(dst, v, strlen(v) + 1);
	return true;
}

/* The %ANZHI-DOC line before the signature: the signed metadata. */
static bool parse_meta(const unsigned char *pdf, size_t limit, struct docseal *out)
{
	const unsigned char *mark = last_of(pdf, limit, "\n" DOCSEAL_MARK);
	if (!mark)
		return false;
	const unsigned char *js = mark + 1 + strlen(DOCSEAL_MARK);
	const unsigned char *eol = memchr(js, '\n', (size_t)(pdf + limit - js));
	if (!eol)
		return false;
	json_t *m = json_loadb((const char *)js, (size_t)(eol - js), 0, NULL);
	json_t *year = json_object_get(m, "year"), *v = json_object_get(m, "v");
	bool ok = m && json_is_integer(v) && json_integer_value(v) == 1 && json_is_integer(year) &&
		  copy_str(m, "kind", out->kind, sizeof out->kind) &&
		  copy_str(m, "uscc", out->uscc, sizeof out->uscc) &&
		  copy_str(m, "unit", out->unit, sizeof out->unit) &&
		  copy_str(m, "key_id", out->key_id, sizeof out->key_id) &&
		  copy_str(m, "signed_at", out->signed_at, sizeof out->signed_at) &&
		  copy_str(m, "code", out->code, sizeof out->code);
	if (ok)
		out->year = (int)json_integer_value(year);
	json_decref(m);
	return ok;
}

const char *docseal_fault_text(enum docseal_fault f)
{
	static const char *const text[DOCSEAL__FAULTS] = {
		[DOCSEAL_OK] = "sealed",
		[DOCSEAL_NO_SEAL] = "no anzhi seal in the file (not a document anzhid issued)",
		[DOCSEAL_BAD_RANGE] = "the seal's byte range is malformed",
		[DOCSEAL_NOT_WHOLE] = "the seal's byte range does not cover the whole file",
		[DOCSEAL_BAD_HEX] = "the signature is not 128 lowercase hex digits",
		[DOCSEAL_BAD_META] = "the seal's metadata line is missing or malformed",
	};
	return f >= 0 && f < DOCSEAL__FAULTS ? text[f] : "";
}

bool docseal_parse(const unsigned char *pdf, size_t len, struct docseal *out,
		   enum docseal_fault *why)
{
	static const char sig_key[] = "/Signature <";
	const size_t sk = sizeof sig_key - 1;
	size_t r[4];
	memset(out, 0, sizeof *out);
	*why = DOCSEAL_NO_SEAL;
	const unsigned char *p = last_of(pdf, len, "/ByteRange [");
	if (!p)
		return false;
	p += strlen("/ByteRange [");
	*why = DOCSEAL_BAD_RANGE;
	if (!range_number(&p, pdf + len, ' ', &r[0]) || !range_number(&p, pdf + len, ' ', &r[1]) ||
	    !range_number(&p, pdf + len, ' ', &r[2]) || !range_number(&p, pdf + len, ']', &r[3]))
		return false;
	*why = DOCSEAL_NOT_WHOLE;
	if (r[0] != 0 || r[1] < sk || r[1] > len || r[2] != r[1] + DOCSEAL_SIG_HEX ||
	    r[2] >= len || r[3] != len - r[2] || pdf[r[2]] != '>' ||
	    memcmp(pdf + r[1] - sk, sig_key, sk) != 0)
		return false;
	*why = DOCSEAL_BAD_HEX;
	for (size_t i = 0; i < 64; i++) {
		int hi = hexval(pdf[r[1] + 2 * i]), lo = hexval(pdf[r[1] + 2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out->sig[i] = (unsigned char)(hi << 4 | lo);
	}
	*why = DOCSEAL_BAD_META;
	if (!parse_meta(pdf, r[1], out))
		return false;
	out->sig_at = r[1];
	out->rest_at = r[2];
	*why = DOCSEAL_OK;
	return true;
}

bool docseal_verify(const unsigned char *pdf, size_t len, const struct docseal *s,
		    const unsigned char pk[32])
{
	if (s->rest_at != s->sig_at + DOCSEAL_SIG_HEX || s->rest_at > len)
		return false;
	size_t n = len - DOCSEAL_SIG_HEX;
	unsigned char *msg = malloc(n ? n : 1);
	if (!msg)
		return false;
	memcpy(msg, pdf, s->sig_at);
	memcpy(msg + s->sig_at, pdf + s->rest_at, len - s->rest_at);
	bool ok = crypto_sign_verify_detached(s->sig, msg, n, pk) == 0;
	free(msg);
	return ok;
}
