/* jsonw: what the list and queue pages are written with is JSON that
 * jansson reads back to the same values — Chinese text as is, quotes,
 * backslashes and control characters escaped, bytes that are not UTF-8 as
 * U+FFFD — and an unbalanced document is refused, never sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "server/jsonw.h"

static json_t *parsed(struct jw *w, char **text)
{
	size_t len;
	*text = jw_take(w, &len);
	assert_non_null(*text);
	assert_int_equal(strlen(*text), len);
	json_t *j = json_loadb(*text, len, 0, NULL);
	assert_non_null(j);
	return j;
}

static void test_values_read_back_the_same(void **state)
{
	struct jw w;
	char *text;
	jw_init(&w);
	jw_object(&w);
	jw_kstr(&w, "name", "景卫东");
	jw_kint(&w, "n", -9007199254740993LL);
	jw_key(&w, "items");
	jw_array(&w);
	jw_int(&w, 1);
	jw_str(&w, NULL);
	jw_bool(&w, 1);
	jw_object(&w);
	jw_end(&w);
	jw_end(&w);
	jw_kstr(&w, "tricky", "a\"b\\c\n\t\x01/");
	jw_end(&w);
	json_t *j = parsed(&w, &text);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "景卫东");
	assert_true(json_integer_value(json_object_get(j, "n")) == -9007199254740993LL);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 4);
	assert_true(json_is_null(json_array_get(items, 1)));
	assert_true(json_is_true(json_array_get(items, 2)));
	assert_string_equal(json_string_value(json_object_get(j, "tricky")), "a\"b\\c\n\t\x01/");
	assert_non_null(strstr(text, "景卫东")); /* UTF-8 as is, as jansson writes it */
	assert_non_null(strstr(text, "\\u0001"));
	json_decref(j);
	free(text);
}

static void test_bytes_that_are_not_utf8_become_u_fffd(void **state)
{
	static const char *const bad[] = {
		"\xff", "a\xc3", "\xe6\x99", "\xc0\xaf" /* overlong */, "\xed\xa0\x80" /* surrogate */,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct jw w;
		char *text;
		jw_init(&w);
		jw_array(&w);
		jw_str(&w, bad[i]);
		jw_end(&w);
		json_t *j = parsed(&w, &text); /* always valid JSON */
		assert_non_null(strstr(json_string_value(json_array_get(j, 0)), "\xef\xbf\xbd"));
		json_decref(j);
		free(text);
	}
}

static void test_an_unbalanced_document_is_refused(void **state)
{
	struct jw w;
	size_t len;
	jw_init(&w);
	jw_object(&w);
	jw_kint(&w, "open", 1);
	assert_null(jw_take(&w, &len)); /* never closed */
	jw_init(&w);
	jw_end(&w);
	assert_null(jw_take(&w, &len)); /* closed what was never opened */
	jw_init(&w);
	for (int i = 0; i < JW_DEPTH + 1; i++)
		jw_array(&w);
	for (int i = 0; i < JW_DEPTH + 1; i++)
		jw_end(&w);
	assert_null(jw_take(&w, &len)); /* deeper than it keeps track of */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_read_back_the_same),
		cmocka_unit_test(test_bytes_that_are_not_utf8_become_u_fffd),
		cmocka_unit_test(test_an_unbalanced_document_is_refused),
	};
	return cmocka_run_group_tests_name("server_jsonw", tests, NULL, NULL);
}
