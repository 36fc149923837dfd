/* Tests of src/client/msglog: the session's messages kept whole with their
 * times, newest last (vim's :messages), the oldest making room when full. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "client/msglog.h"

static int setup(void **st)
{
	(void)st;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static void test_msglog_lines_have_times_and_kinds_newest_last(void **st)
{
	(void)st;
	struct msglog l = { 0 };
	msglog_add(&l, 3600 + 61, MSG_INFO, "Saving...");
	msglog_add(&l, 3600 + 62, MSG_ERROR, "A field is not valid");
	msglog_add(&l, 3600 + 62, MSG_DETAIL, "HTTP 422 invalid_field tax_region: unknown region code 999999");
	msglog_add(&l, 3600 + 63, MSG_INFO, "");   /* nothing to keep */
	assert_int_equal(msglog_count(&l), 3);
	char *text = msglog_text(&l);
	assert_string_equal(text, "01:01:01  Saving...\n"
			    "01:01:02  Error: A field is not valid\n"
			    "01:01:02  Detail: HTTP 422 invalid_field tax_region: unknown region code 999999\n");
	free(text);
	msglog_free(&l);
	assert_int_equal(msglog_count(&l), 0);
}

/* A message cut at the terminal's width is whole here; its newlines would
 * break the log's one line per message. */
static void test_msglog_keeps_long_messages_whole_on_one_line(void **st)
{
	(void)st;
	struct msglog l = { 0 };
	char long_msg[700];
	memset(long_msg, 'x', sizeof long_msg - 1);
	long_msg[sizeof long_msg - 1] = '\0';
	long_msg[100] = '\n';
	msglog_add(&l, 0, MSG_INFO, long_msg);
	const struct msglog_entry *e = msglog_at(&l, 0);
	assert_int_equal(strlen(e->text), sizeof long_msg - 1);
	assert_null(strchr(e->text, '\n'));
	assert_null(msglog_at(&l, 1));
	msglog_free(&l);
}

static void test_msglog_full_drops_the_oldest(void **st)
{
	(void)st;
	struct msglog l = { 0 };
	char m[32];
	for (int i = 0; i < MSGLOG_MAX + 5; i++) {
		snprintf(m, sizeof m, "message %d", i);
		msglog_add(&l, i, MSG_INFO, m);
	}
	assert_int_equal(msglog_count(&l), MSGLOG_MAX);
	assert_string_equal(msglog_at(&l, 0)->text, "message 5");
	snprintf(m, sizeof m, "message %d", MSGLOG_MAX + 4);
	assert_string_equal(msglog_at(&l, MSGLOG_MAX - 1)->text, m);
	char *text = msglog_text(&l);
	assert_non_null(strstr(text, m));
	assert_null(strstr(text, "message 4\n"));
	free(text);
	msglog_free(&l);
}

static void test_msglog_empty_says_so(void **st)
{
	(void)st;
	struct msglog l = { 0 };
	char *text = msglog_text(&l);
	assert_string_equal(text, "No messages yet.\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msglog_lines_have_times_and_kinds_newest_last),
		cmocka_unit_test(test_msglog_keeps_long_messages_whole_on_one_line),
		cmocka_unit_test(test_msglog_full_drops_the_oldest),
		cmocka_unit_test(test_msglog_empty_says_so),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
