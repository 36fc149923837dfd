/* policies: the policy documents (政策法规) are data files with a front
 * matter whose every key is known; a summary says so in its first word
 * (摘要), and the documents shipped in data/policies all load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/policies.h"

static const char good[] = "---\n"
			   "title: 关于延续实施残疾人就业保障金优惠政策的公告\n"
			   "issuer: 财政部\n"
			   "number: 财政部公告2023年第8号\n"
			   "date: 2023-03-26\n"
			   "text: summary\n"
			   "source: https://example.invalid/8\n"
			   "see: https://example.invalid/a\n"
			   "---\n"
			   "摘要（不是官方全文）\n第二行\n";

/* good with `from` replaced by `to`: the error, or "" when it loads. */
static const char *parse_with(const char *from, const char *to)
{
	static char err[256];
	char text[1024];
	struct policy_doc d;
	const char *at = strstr(good, from);
	assert_non_null(at);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	int rc = policies_parse("mof-2023-8", text, &d, err, sizeof err);
	free(d.text);
	return rc == 0 ? "" : err;
}

static void test_a_document_gives_its_head_text_and_sources(void **state)
{
	struct policy_doc d;
	char err[256];
	assert_int_equal(policies_parse("mof-2023-8", good, &d, err, sizeof err), 0);
	assert_string_equal(d.number, "财政部公告2023年第8号");
	assert_string_equal(d.date, "2023-03-26");
	assert_true(d.summary);
	assert_int_equal(d.n_see, 1);
	assert_string_equal(d.text, "摘要（不是官方全文）\n第二行\n");
	free(d.text);
}

static void test_malformed_documents_are_refused_naming_the_line(void **state)
{
	assert_string_equal(parse_with("", ""), "");
	assert_string_equal(parse_with("issuer: 财政部\n", "issuer: 财政部\nissuer_x: 1\n"),
			    "mof-2023-8.md:4: unknown key");
	assert_string_equal(parse_with("source: https://example.invalid/8\n", ""),
			    "mof-2023-8.md:8: title, issuer and source are required");
	assert_string_equal(parse_with("date: 2023-03-26", "date: 2023-02-30"),
			    "mof-2023-8.md:9: date and effective are YYYY-MM-DD");
	assert_string_equal(parse_with("text: summary", "text: maybe"),
			    "mof-2023-8.md:6: text is official or summary");
	/* a summary never passes for the official text */
	assert_string_equal(parse_with("摘要（不是官方全文）", "第一条"),
			    "mof-2023-8.md:10: a summary begins with 摘要");
	assert_string_equal(parse_with("第二行", "第\x1b[2J行"),
			    "mof-2023-8.md:11: text with control characters or not UTF-8");
	assert_string_equal(parse_with("---\n摘要", "摘要"),
			    "mof-2023-8.md:9: expected key: value"); /* the text read as front matter */
}

static void test_the_shipped_documents_load_newest_first(void **state)
{
	struct policy_library lib;
	char err[256];
	assert_int_equal(policies_load(ANZHI_DATADIR "/policies", &lib, err, sizeof err), 0);
	assert_true(lib.n >= 14);
	for (size_t i = 1; i < lib.n; i++)
		assert_true(strcmp(lib.docs[i - 1].date, lib.docs[i].date) >= 0);
	assert_non_null(policies_find(&lib, "nmg-reward-measures"));
	assert_null(policies_find(&lib, "nmg-reward"));
	policies_free(&lib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_document_gives_its_head_text_and_sources),
		cmocka_unit_test(test_malformed_documents_are_refused_naming_the_line),
		cmocka_unit_test(test_the_shipped_documents_load_newest_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
