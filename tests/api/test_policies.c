/* 政策法规 over HTTPS: the list (title, issuer, 文号, date, newest first) of
 * the documents SPEC.md cites, and each one's text with its source; a
 * summary says so in its first word (摘要). Every role reads them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"

static struct server srv;
static char *t_unit, *t_reviewer;

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_unit = login(&srv, "xinghe-agent", "demo1234");
	t_reviewer = login(&srv, "reviewer", "demo1234");
	return t_unit && t_reviewer ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_unit);
	free(t_reviewer);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static json_t *item_numbered(json_t *items, const char *number)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (json_is_string(json_object_get(it, "number")) &&
		    strcmp(jstr(it, "number"), number) == 0)
			return it;
	return NULL;
}

static void test_the_list_names_every_document_spec_cites(void **state)
{
	static const char *const numbers[] = { "财税〔2015〕72号", "财税〔2017〕18号",
					       "财税〔2018〕39号", "财政部公告2019年第98号",
					       "财政部公告2023年第8号", "内政办发〔2017〕135号",
					       "内政办发〔2024〕46号" };
	struct resp r;
	http(&srv, "GET", "/policies", t_unit, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		assert_non_null(item_numbered(items, numbers[i]));
	int reward = 0, retirement = 0, levy = 0;
	size_t i;
	json_t *it;
	const char *previous = NULL;
	json_array_foreach(items, i, it) {
		const char *title = jstr(it, "title");
		reward += strstr(title, "超比例安排残疾人就业奖励办法") != NULL;
		retirement += strstr(title, "渐进式延迟法定退休年龄") != NULL &&
			      strcmp(jstr(it, "date"), "2024-09-13") == 0;
		levy += strcmp(title, "内蒙古自治区残疾人就业保障金征收使用管理办法") == 0;
		assert_true(*jstr(it, "issuer"));
		/* newest first; documents without a known date last */
		const char *date = json_is_string(json_object_get(it, "date")) ? jstr(it, "date") : "";
		if (previous)
			assert_true(strcmp(previous, date) >= 0);
		previous = date;
	}
	assert_int_equal(reward, 1);
	assert_int_equal(retirement, 1);
	assert_int_equal(levy, 1);
	resp_free(&r);
}

static void test_each_document_reads_with_its_source_and_a_summary_says_so(void **state)
{
	struct resp r, d;
	char path[128];
	size_t i;
	json_t *it;
	http(&srv, "GET", "/policies", t_reviewer, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, it) {
		snprintf(path, sizeof path, "/policies/%s", jstr(it, "id"));
		http(&srv, "GET", path, t_reviewer, NULL, NULL, &d);
		assert_int_equal(d.status, 200);
		assert_string_equal(jstr(d.json, "title"), jstr(it, "title"));
		assert_int_equal(strncmp(jstr(d.json, "source"), "http", 4), 0);
		if (json_is_true(jget(d.json, "summary")))
			assert_int_equal(strncmp(jstr(d.json, "text"), "摘要", strlen("摘要")), 0);
		assert_true(strlen(jstr(d.json, "text")) > 100);
		resp_free(&d);
	}
	resp_free(&r);
	http(&srv, "GET", "/policies/nmg-reward-measures", t_unit, NULL, NULL, &d);
	assert_non_null(strstr(jstr(d.json, "text"), "公益一类"));
	assert_string_equal(jstr(d.json, "effective"), "2025-01-01");
	resp_free(&d);
}

static void test_an_unknown_document_is_not_found(void **state)
{
	struct resp r;
	http(&srv, "GET", "/policies/caishui-1999-1", t_unit, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	http(&srv, "GET", "/policies", NULL, NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_list_names_every_document_spec_cites),
		cmocka_unit_test(test_each_document_reads_with_its_source_and_a_summary_says_so),
		cmocka_unit_test(test_an_unknown_document_is_not_found),
	};
	return cmocka_run_group_tests_name("policies", tests, setup, teardown);
}
