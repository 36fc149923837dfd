/* http_mutate: the request material of http_fuzz — a small xorshift RNG,
 * JSON bodies with one value replaced or bytes mutated, odd path segments and
 * multipart uploads that are well-formed or subtly not. */
#include "tests/fuzz/http_mutate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

void hm_seed(unsigned seed)
{
	rng_state = 0x9e3779b97f4a7c15ull ^ seed;
}

uint32_t hm_rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

/* ------------------------------------------------------------ values */

static const char *const TOKENS[] = {
	"null", "true", "false", "0", "-1", "1e999", "-0", "9223372036854775807",
	"-9223372036854775809", "1.5", "\"\"", "[]", "{}", "\"2025-02-30\"", "\"202513\"",
	"\"11010519491231002X\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\u001b[2J\"",
	"\"3000.000\"", "\"-3000.00\"", "\"99999999999999999.99\"", ",", ":", "\"", "[", "{",
	"\"months\"", "\"person\"", "\"contracts\"", "\"certificates\"", "\"idno\"",
};
#define N_TOKENS (sizeof TOKENS / sizeof TOKENS[0])

static json_t *random_value(void)
{
	static char big[5000];

	switch (hm_rnd(14)) {
	case 0: return json_null();
	case 1: return json_integer((json_int_t)hm_rnd(4) - 2);
	case 2: return json_integer(INT64_MAX);
	case 3: return json_real(1e300);
	case 4: return json_string("");
	case 5:
		memset(big, 'A' + (int)hm_rnd(26), sizeof big - 1);
		return json_stringn(big, 1 + hm_rnd(sizeof big - 1));
	case 6: return json_string("内蒙古自治区乌兰察布市\u200f\u202e第1街坊");
	case 7: return json_string("2025-02-29");
	case 8: return json_string("202500");
	case 9: return json_pack("[[[[{}]]]]");
	case 10: return json_pack("{s:s}", "x", "y");
	case 11: return json_true();
	case 12: return json_string("31023019690109371864B1");
	default: return json_string("../../etc/passwd");
	}
}

/* Replaces one value somewhere in v (depth-first, picked at random). */
static void mutate_json(json_t *v, int depth)
{
	if (json_is_object(v) && json_object_size(v)) {
		size_t pick = hm_rnd((uint32_t)json_object_size(v)), i = 0;
		const char *key;
		json_t *val;

		json_object_foreach(v, key, val) {
			if (i++ != pick)
				continue;
			if (depth < 4 && (json_is_object(val) || json_is_array(val)) && hm_rnd(3))
				mutate_json(val, depth + 1);
			else if (hm_rnd(8) == 0)
				json_object_del(v, key);
			else
				json_object_set_new(v, key, random_value());
			return;
		}
	} else if (json_is_array(v) && json_array_size(v)) {
		size_t pick = hm_rnd((uint32_t)json_array_size(v));
		json_t *val = json_array_get(v, pick);

		if (depth < 4 && (json_is_object(val) || json_is_array(val)) && hm_rnd(3))
			mutate_json(val, depth + 1);
		else if (hm_rnd(6) == 0)
			json_array_append_new(v, random_value());
		else
			json_array_set_new(v, pick, random_value());
	}
}

char *hm_mutate(const char *text, size_t *n)
{
	char *out;

	if (hm_rnd(4)) {
		json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);

		for (int k = 1 + (int)hm_rnd(3); j && k > 0; k--)
			mutate_json(j, 0);
		out = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		json_decref(j);
		if (out) {
			*n = strlen(out);
			return out;
		}
	}
	/* byte level: flip, insert a token, cut */
	size_t len = strlen(text);
	out = malloc(len + 64);
	if (!out)
		abort();
	memcpy(out, text, len + 1);
	for (int k = 1 + (int)hm_rnd(4); k > 0; k--) {
		size_t at = len ? hm_rnd((uint32_t)len) : 0;

		switch (hm_rnd(3)) {
		case 0:
			if (len)
				out[at] = (char)(out[at] ^ (1u << hm_rnd(8)));
			break;
		case 1: {
			const char *t = TOKENS[hm_rnd(N_TOKENS)];
			size_t tl = strlen(t);
			char *p = realloc(out, len + tl + 64);

			if (!p)
				abort();
			out = p;
			memmove(out + at + tl, out + at, len - at + 1);
			memcpy(out + at, t, tl);
			len += tl;
			break;
		}
		default:
			len = at;
			out[len] = '\0';
		}
	}
	*n = len;
	return out;
}

/* Random bytes, percent-encoded, or a word that has broken parsers before. */
void hm_segment(char *buf, size_t size)
{
	static const char *const WORDS[] = {"..", "%2e%2e", "0", "-1", "99999999999999999999",
					    "150924198409151023", "91150924MA0HXD012T", "2025",
					    "%00", "%ff", "景东", "a/b", "*"};
	size_t n = 1 + hm_rnd(60), o = 0;

	if (hm_rnd(2)) {
		snprintf(buf, size, "%s", WORDS[hm_rnd(sizeof WORDS / sizeof WORDS[0])]);
		return;
	}
	for (size_t i = 0; i < n && o + 4 < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%%%02X", 1 + hm_rnd(255));
	buf[o] = '\0';
}

/* A multipart/form-data body for POST …/materials, well-formed or not:
 * odd kinds, file names (traversal, control bytes, very long), content types,
 * a truncated or missing closing boundary.  malloc'd; *n its length. */
char *hm_upload(char *ctype, size_t ctsize, size_t *n)
{
	static const char *const KINDS[] = {"wage", "contract", "other", "", "../x", "wage\r\nX: y"};
	static const char *const NAMES[] = {"a.png", "../../../etc/passwd", "合同.pdf", "",
					    "a\x01\x1b[2J.png", "x\"y.pdf", "/abs/path.jpg", "con.txt"};
	static const char *const TYPES[] = {"image/png", "application/pdf", "text/html",
					    "application/x-msdownload", "", "image/png; x=\"y\""};
	char name[600];
	size_t cap = 8192, len = 0;
	char *b = malloc(cap);
	const char *bd = hm_rnd(4) ? "XyZbound" : "";

	if (!b)
		abort();
	if (hm_rnd(6) == 0) {
		memset(name, 'n', 500);
		snprintf(name + 500, 16, ".png");
	} else {
		snprintf(name, sizeof name, "%s", NAMES[hm_rnd(sizeof NAMES / sizeof NAMES[0])]);
	}
	snprintf(ctype, ctsize, "Content-Type: multipart/form-data; boundary=%s", bd);
	if (hm_rnd(3))
		len += (size_t)snprintf(b + len, cap - len,
			"--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n",
			bd, KINDS[hm_rnd(sizeof KINDS / sizeof KINDS[0])]);
	len += (size_t)snprintf(b + len, cap - len,
		"--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
		"Content-Type: %s\r\n\r\n", bd, name, TYPES[hm_rnd(sizeof TYPES / sizeof TYPES[0])]);
	if (len >= cap)
		len = cap - 1;
	/* the service judges the type by content: mostly start like a real file */
	static const char *const MAGIC[] = {"\x89PNG\r\n\x1a\n", "%PDF-1.4\n", "\xff\xd8\xff\xe0", ""};
	const char *magic = MAGIC[hm_rnd(4)];
	size_t ml = strlen(magic);
	memcpy(b + len, magic, ml);
	len += ml;
	for (size_t k = hm_rnd(2000); k > 0 && len < cap - 64; k--)
		b[len++] = (char)hm_rnd(256);
	if (hm_rnd(5))
		len += (size_t)snprintf(b + len, cap - len, "\r\n--%s--\r\n", bd);
	if (len >= cap)
		len = cap - 1;
	*n = len;
	return b;
}

/* One of the routes with the odd segments in place of its parameters. */
void hm_odd_path(char *buf, size_t size, const char *a, const char *b)
{
	switch (hm_rnd(7)) {
	case 0: snprintf(buf, size, "/placements/%s", a); break;
	case 1: snprintf(buf, size, "/registry/persons/%s", a); break;
	case 2: snprintf(buf, size, "/units/%s/years/%s", a, b); break;
	case 3: snprintf(buf, size, "/placements/%s/materials/%s", a, b); break;
	case 4: snprintf(buf, size, "/policy?region=%s&year=%s", a, b); break;
	case 5: snprintf(buf, size, "/notices/%s/read", a); break;
	default: snprintf(buf, size, "/units/%s/years/%s/placements", a, b); break;
	}
}

