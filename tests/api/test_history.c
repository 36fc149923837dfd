/* A placement's history and reopening over HTTPS (SPEC §3: the append-only
 * audit, who / when / from where / before → after; issue 10: a reviewer may
 * reopen a decision it made, a supervisor any in its region, with a reason
 * that is audited). The unit sees its own placements' history without other
 * people's addresses or full ID numbers; federation staff see all of their
 * region's; pages are keyset pages, newest first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/samples.h"

static struct server srv;
static char *t_reviewer, *t_reviewer2, *t_supervisor, *t_xinghe, *t_agent, *t_jining;
static int year;
static long long pid;          /* registered by the agent in setup, then reviewed */
static char idno[19];

static struct sample png; /* a whole PNG: uploads are typed by their structure */

static long long put(const char *tok, const char *what, const char *body, long long version,
		     long want)
{
	struct resp r;
	char path[96], im[48];
	const char *h[] = { im, NULL };
	snprintf(path, sizeof path, "/placements/%lld%s", pid, what);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", version);
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, want);
	long long v = jint(r.json, "version");
	resp_free(&r);
	return v;
}

/* The agent of 兴和 registers an addable person for the whole year and
 * uploads the wage proof; the reviewer decides September valid. */
static int setup(void **state)
{
	struct resp r;
	char path[200], months[300] = "{\"months\":[";
	sample_png(&png);
	if (server_start(&srv, NULL, NULL) != 0 ||
	    server_add_user(&srv, "reviewer2", "reviewer", "150900", "long-password-2") != 0)
		return -1;
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_reviewer2 = login(&srv, "reviewer2", "long-password-2");
	t_supervisor = login(&srv, "supervisor", "demo1234");
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_agent = login(&srv, "xinghe-agent", "demo1234");
	t_jining = login(&srv, "jining", "demo1234");
	year = (int)jint(srv.demo, "year");
	snprintf(idno, sizeof idno, "%s", demo_addable(&srv, 0));
	snprintf(path, sizeof path, "/registry/persons/%s", idno);
	http(&srv, "GET", path, t_agent, NULL, NULL, &r);
	json_t *b = json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}], s:O}", "person", "idno", idno, "name",
			      jstr(r.json, "name"), "contracts", "type", "open_ended", "start",
			      "2020-01-01", "certificates", jget(r.json, "certificates"));
	resp_free(&r);
	char *body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", demo_unit_of(&srv, "xinghe"),
		 year);
	http(&srv, "POST", path, t_agent, body, NULL, &r);
	free(body);
	pid = jint(r.json, "id");
	resp_free(&r);
	for (int m = 1; m <= 12; m++)
		snprintf(months + strlen(months), sizeof months - strlen(months), "%s\"%d%02d\"",
			 m > 1 ? "," : "", year, m);
	strcat(months, "]}");
	long long v = put(t_agent, "/months", months, 1, 200);
	snprintf(path, sizeof path, "/placements/%lld", pid);
	http(&srv, "GET", path, t_agent, NULL, NULL, &r);
	json_t *needs = json_incref(jget(r.json, "needs"));
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld/materials", pid);
	size_t i;
	json_t *k;
	json_array_foreach(needs, i, k) {
		upload(&srv, path, t_agent, json_string_value(k), "proof.png", png.b, png.n, &r);
		resp_free(&r);
	}
	json_decref(needs);
	snprintf(path, sizeof path, "/placements/%lld", pid);
	http(&srv, "GET", path, t_agent, NULL, NULL, &r);
	v = jint(r.json, "version");
	resp_free(&r);
	snprintf(months, sizeof months, "{\"months\":[{\"month\":\"%d09\",\"result\":\"valid\"},"
		 "{\"month\":\"%d10\",\"result\":\"invalid\",\"reason\":\"当月未缴纳社会保险\"}]}",
		 year, year);
	put(t_reviewer, "/review", months, v, 200);
	return t_reviewer && t_reviewer2 && t_supervisor && t_xinghe && t_agent && t_jining && pid > 0
		       ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_reviewer);
	free(t_reviewer2);
	free(t_supervisor);
	free(t_xinghe);
	free(t_agent);
	free(t_jining);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static void history(const char *tok, const char *query, struct resp *r)
{
	char path[200];
	snprintf(path, sizeof path, "/placements/%lld/history%s", pid, query);
	http(&srv, "GET", path, tok, NULL, NULL, r);
}

/* The history item of the given action (the newest such), or NULL. */
static json_t *item_of(json_t *items, const char *action)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (strcmp(jstr(it, "action"), action) == 0)
			return it;
	return NULL;
}

static void test_history_says_who_did_what_newest_first(void **state)
{
	struct resp r;
	history(t_reviewer, "", &r);
	assert_int_equal(r.status, 200);
	json_t *items = jget(r.json, "items");
	assert_string_equal(jstr(items, "0.action"), "decided");   /* newest first */
	size_t n = json_array_size(items);
	assert_string_equal(jstr(json_array_get(items, n - 1), "action"), "registered");
	assert_non_null(item_of(items, "months"));
	assert_non_null(item_of(items, "uploaded"));
	json_t *d = item_of(items, "decided");
	assert_string_equal(jstr(d, "user"), "reviewer");
	assert_string_equal(jstr(d, "display_name"), "乌兰察布市残联 审核员");
	assert_string_equal(jstr(d, "role"), "reviewer");
	assert_string_equal(jstr(d, "ip"), "127.0.0.1");
	/* before → after: only what changed, each month named */
	char sep[8];
	snprintf(sep, sizeof sep, "%d09", year);
	assert_string_equal(jstr(d, "before.months.0.month"), sep);
	assert_string_equal(jstr(d, "before.months.0.result"), "pending");
	assert_string_equal(jstr(d, "after.months.0.result"), "valid");
	assert_string_equal(jstr(d, "after.months.1.review_reason"), "当月未缴纳社会保险");
	assert_null(jget(d, "after.person"));   /* unchanged: left out */
	json_t *reg = item_of(items, "registered");
	assert_string_equal(jstr(reg, "user"), "xinghe-agent");
	assert_string_equal(jstr(reg, "after.person.idno"), idno);   /* staff see it whole */
	resp_free(&r);
}

/* The unit sees its placement's history, but not other people's addresses
 * nor, in what they did, full ID numbers. */
static void test_unit_sees_its_history_without_others_addresses_or_id_numbers(void **state)
{
	struct resp r;
	history(t_xinghe, "", &r);
	assert_int_equal(r.status, 200);
	json_t *items = jget(r.json, "items");
	json_t *d = item_of(items, "decided"), *reg = item_of(items, "registered");
	assert_true(json_is_null(jget(d, "ip")));
	assert_string_equal(jstr(d, "display_name"), "乌兰察布市残联 审核员");
	assert_true(json_is_null(jget(reg, "ip")));   /* the agent is another user */
	assert_non_null(strchr(jstr(reg, "after.person.idno"), '*'));
	assert_null(strstr(r.body, idno));
	resp_free(&r);
	history(t_agent, "", &r);   /* its own actions: its address, the number whole */
	reg = item_of(jget(r.json, "items"), "registered");
	assert_string_equal(jstr(reg, "ip"), "127.0.0.1");
	assert_string_equal(jstr(reg, "after.person.idno"), idno);
	resp_free(&r);
	history(t_jining, "", &r);   /* another unit: no such placement */
	assert_int_equal(r.status, 404);
	resp_free(&r);
}

static void test_history_pages_hold_every_item_once(void **state)
{
	struct resp r;
	history(t_reviewer, "", &r);
	size_t all = json_array_size(jget(r.json, "items"));
	assert_true(json_is_null(jget(r.json, "next_cursor")));
	resp_free(&r);
	char query[200] = "?limit=2";
	size_t seen = 0;
	char last[24] = "9999";
	for (int pages = 0; pages < 20; pages++) {
		history(t_reviewer, query, &r);
		assert_int_equal(r.status, 200);
		size_t i;
		json_t *it;
		json_array_foreach(jget(r.json, "items"), i, it) {
			assert_true(strcmp(jstr(it, "at"), last) <= 0);
			snprintf(last, sizeof last, "%s", jstr(it, "at"));
			seen++;
		}
		if (json_is_null(jget(r.json, "next_cursor"))) {
			resp_free(&r);
			break;
		}
		snprintf(query, sizeof query, "?limit=2&cursor=%s", jstr(r.json, "next_cursor"));
		resp_free(&r);
	}
	assert_int_equal(seen, all);
	history(t_reviewer, "?limit=0", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "limit");
	resp_free(&r);
	history(t_reviewer, "?cursor=nonsense", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "cursor");
	resp_free(&r);
}

static void reopen(const char *tok, const char *body, struct resp *r)
{
	char path[96];
	snprintf(path, sizeof path, "/placements/%lld/review/reopen", pid);
	http(&srv, "POST", path, tok, body, NULL, r);
}

/* A reviewer reopens what it decided, a supervisor any decision of its
 * region; never without a reason, never a month no person decided. The
 * month awaits review again and the reason is in the history. */
static void test_reopen_rules_and_the_reason_is_audited(void **state)
{
	struct resp r;
	char body[200];
	snprintf(body, sizeof body, "{\"months\":[\"%d09\"],\"reason\":\"工资凭证需重新核对\"}", year);
	reopen(t_reviewer2, body, &r);
	assert_int_equal(r.status, 403);
	assert_string_equal(jstr(r.json, "code"), "not_your_decision");
	assert_string_equal(jstr(r.json, "field"), "months[0]");
	resp_free(&r);
	char noreason[120];
	snprintf(noreason, sizeof noreason, "{\"months\":[\"%d09\"]}", year);
	reopen(t_reviewer, noreason, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "reason");
	resp_free(&r);
	char system[120];
	snprintf(system, sizeof system, "{\"months\":[\"%d01\"],\"reason\":\"复核\"}", year);
	reopen(t_reviewer, system, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "not_decided");
	resp_free(&r);
	reopen(t_xinghe, body, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	reopen(t_reviewer, body, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "months.8.result"), "pending");
	assert_true(json_is_null(jget(r.json, "months.8.reviewer")));
	assert_string_equal(jstr(r.json, "status"), "pending");
	resp_free(&r);
	/* the supervisor reopens the reviewer's 无效 of October */
	snprintf(body, sizeof body, "{\"months\":[\"%d10\"],\"reason\":\"单位补交了缴费凭证\"}", year);
	reopen(t_supervisor, body, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "months.9.result"), "pending");
	resp_free(&r);
	history(t_xinghe, "", &r);
	json_t *it = item_of(jget(r.json, "items"), "reopened");
	assert_string_equal(jstr(it, "after.reopen_reason"), "单位补交了缴费凭证");
	assert_string_equal(jstr(it, "role"), "supervisor");
	assert_string_equal(jstr(it, "before.months.0.result"), "invalid");
	assert_string_equal(jstr(it, "after.months.0.result"), "pending");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_says_who_did_what_newest_first),
		cmocka_unit_test(test_unit_sees_its_history_without_others_addresses_or_id_numbers),
		cmocka_unit_test(test_history_pages_hold_every_item_once),
		cmocka_unit_test(test_reopen_rules_and_the_reason_is_audited),
	};
	return cmocka_run_group_tests_name("api_history", tests, setup, teardown);
}
