/* fuzz_ident: the identifier parsers of src/core/ident.c (SPEC §11) on
 * arbitrary bytes — 居民身份证号, 统一社会信用代码, 残疾人证号 and the list masks.
 * Besides "no crash, no UB", checks what callers rely on: whatever parses is
 * normalised as documented, and a mask never writes past the size it is given
 * and always stars something (ident.h: lists never show a whole identifier). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "tests/fuzz/fuzz.h"

/* A heap copy of exactly n bytes + NUL, so ASan sees any overread. */
static char *cstr(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

static void masks(const char *s, size_t size)
{
	char *buf = malloc(size ? size : 1);

	if (!buf)
		abort();
	/* exactly `size` bytes: a write past it is an ASan error; a list never
	 * shows a whole identifier or name: something is always starred */
	if (mask_idno(s, buf, size))
		REQUIRE(memchr(buf, '\0', size) && (!*s || strchr(buf, '*')));
	if (mask_name(s, buf, size))
		REQUIRE(memchr(buf, '\0', size) && (!*s || strchr(buf, '*')));
	if (mask_certno(s, buf, size))
		REQUIRE(memchr(buf, '\0', size) && (!*s || strchr(buf, '*')));
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct idno id;
	struct certno cn;
	struct core_error err;
	char *s, *pad;
	size_t size;

	if (n == 0 || n > 4096)
		return 0;
	/* first byte: the mask buffer size; the rest is the text */
	size = data[0];
	s = cstr(data + 1, n - 1);

	if (idno_parse(s, &id, &err)) {
		REQUIRE(strlen(id.number) == 18);
		REQUIRE(id.check == id.number[17]);
		REQUIRE(idno_check_char(id.number) == id.check);
		REQUIRE(id.gender == (id.sequence % 2 ? GENDER_MALE : GENDER_FEMALE));
		REQUIRE(date_valid(id.birth));
	} else {
		REQUIRE(err.code != CORE_OK);
		REQUIRE(memchr(err.msg, '\0', sizeof err.msg) != NULL);
	}
	if (uscc_valid(s, &err)) {
		REQUIRE(strlen(s) == 18);
		REQUIRE(uscc_check_char(s) == s[17]);
	}
	if (certno_parse(s, &cn, &err)) {
		REQUIRE(cn.category >= 1 && cn.category <= 7);
		REQUIRE(cn.level >= 1 && cn.level <= 4);
		REQUIRE(strlen(cn.idno) == 18);
		REQUIRE(certno_matches(s, cn.idno, cn.category, cn.level, &err));
	}
	(void)certno_matches(s, s, 6, 4, &err);
	(void)ident_kind_name(ident_kind_guess(s));

	/* idno_check_char / uscc_check_char read 17 characters: give them >= 17 */
	pad = calloc(n + 18, 1);
	if (!pad)
		abort();
	memcpy(pad, data + 1, n - 1);
	(void)idno_check_char(pad);
	(void)uscc_check_char(pad);
	free(pad);

	masks(s, size);
	free(s);
	return 0;
}
