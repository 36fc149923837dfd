/* The review queue over HTTPS (GET /review/placements): placements awaiting
 * review across the units of the caller's region subtree, oldest
 * registration first; filters by region (within the caller's), unit (USCC or
 * part of the name), status and registration dates; counts per status;
 * cursor pages that hold every item exactly once. Also: ids are never
 * reused, so a stale If-Match on a deleted placement can never write onto
 * another person. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/samples.h"

static struct server srv;
static char *t_xinghe, *t_reviewer, *t_supervisor, *t_admin;
static const char *u_xinghe, *u_jining;
static int year;

static struct sample png; /* a whole PNG: uploads are typed by their structure */

/* A NEW_PLACEMENT for a registry person (what autofill gives). */
static char *body_for(const char *idno)
{
	struct resp r;
	char path[80], start[16];
	snprintf(path, sizeof path, "/registry/persons/%s", idno);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	snprintf(start, sizeof start, "%d-01-01", year);
	json_t *b = json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}], s:O}", "person", "idno", idno, "name",
			      jstr(r.json, "name"), "contracts", "type", "open_ended", "start",
			      start, "certificates", jget(r.json, "certificates"));
	char *s = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	resp_free(&r);
	return s;
}

/* Registers an addable person at 兴和 for the whole year; with proof for the
 * failed months uploaded the case awaits review. Returns its id. */
static long long add_pending(size_t addable)
{
	struct resp r;
	char path[160], months[300] = "{\"months\":[";
	char *body = body_for(demo_addable(&srv, addable));
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", u_xinghe, year);
	http(&srv, "POST", path, t_xinghe, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 201);
	long long id = jint(r.json, "id");
	resp_free(&r);
	for (int m = 1; m <= 12; m++)
		snprintf(months + strlen(months), sizeof months - strlen(months), "%s\"%d%02d\"",
			 m > 1 ? "," : "", year, m);
	strcat(months, "]}");
	snprintf(path, sizeof path, "/placements/%lld/months", id);
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", path, t_xinghe, months, h, &r);
	assert_int_equal(r.status, 200);
	json_t *needs = json_incref(jget(r.json, "needs"));
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld/materials", id);
	size_t i;
	json_t *kind;
	json_array_foreach(needs, i, kind) {
		upload(&srv, path, t_xinghe, json_string_value(kind), "proof.png", png.b, png.n, &r);
		assert_int_equal(r.status, 201);
		resp_free(&r);
	}
	json_decref(needs);
	return id;
}

static int setup(void **state)
{
	sample_png(&png);
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_xinghe = login(&srv, "xinghe", "demo1234");
	t_reviewer = login(&srv, "reviewer", "demo1234");
	t_supervisor = login(&srv, "supervisor", "demo1234");
	t_admin = login(&srv, "admin", "demo1234");
	u_xinghe = demo_unit_of(&srv, "xinghe");
	u_jining = demo_unit_of(&srv, "jining");
	year = (int)jint(srv.demo, "year");
	if (!t_xinghe || !t_reviewer || !t_supervisor || !t_admin)
		return -1;
	for (size_t i = 0; i < 3; i++) /* three more beside the demo's at 兴和 */
		add_pending(i);
	return 0;
}

static int teardown(void **state)
{
	free(t_xinghe);
	free(t_reviewer);
	free(t_supervisor);
	free(t_admin);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* The demo keeps seven cases awaiting review for 150900 (registered on
 * Y+1-01-15): two at 兴和, five at 集宁, two of them dispatch cases; setup
 * adds three at 兴和 today. */
enum { DEMO_XINGHE = 2, DEMO_JINING = 5, ADDED = 3,
       ALL = DEMO_XINGHE + DEMO_JINING + ADDED, XINGHE = DEMO_XINGHE + ADDED };

static void queue(const char *tok, const char *query, struct resp *r)
{
	char path[400];
	snprintf(path, sizeof path, "/review/placements%s", query);
	http(&srv, "GET", path, tok, NULL, NULL, r);
}

static void test_queue_shape_counts_and_masking(void **state)
{
	struct resp r;
	queue(t_reviewer, "", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "total"), ALL);
	assert_int_equal(jint(r.json, "counts.pending") + jint(r.json, "counts.pending_contract"), ALL);
	assert_int_equal(jint(r.json, "counts.pending_contract"), 2); /* the dispatch cases */
	assert_true(json_is_null(jget(r.json, "next_cursor")));
	size_t i;
	json_t *it;
	const char *last = "";
	json_array_foreach(jget(r.json, "items"), i, it) {
		assert_int_equal(strncmp(jstr(it, "status"), "pending", 7), 0);
		int here = strcmp(jstr(it, "uscc"), u_xinghe) == 0;
		assert_true(here || strcmp(jstr(it, "uscc"), u_jining) == 0);
		assert_string_equal(jstr(it, "unit_name"),
				    here ? "兴和县宏达商贸有限公司" : "乌兰察布市集宁区社会福利院");
		/* a dispatch case may wait only for its three items */
		assert_true(jint(it, "months_pending") >= 1 ||
			    strcmp(jstr(it, "status"), "pending_contract") == 0);
		assert_true(jint(it, "materials") >= 1);
		assert_non_null(strchr(jstr(it, "idno_masked"), '*'));
		/* oldest registration first */
		assert_true(strcmp(last, jstr(it, "submitted_at")) <= 0);
		last = jstr(it, "submitted_at");
	}
	assert_null(strstr(r.body, "李建国"));
	assert_null(strstr(r.body, demo_addable(&srv, 0)));
	resp_free(&r);
}

static void test_cursor_pages_hold_every_item_exactly_once(void **state)
{
	struct resp r;
	char query[200] = "?limit=2";
	long long seen[ALL];
	int n = 0, pages = 0;
	for (;;) {
		queue(t_reviewer, query, &r);
		assert_int_equal(r.status, 200);
		assert_int_equal(jint(r.json, "total"), ALL);
		size_t i;
		json_t *it;
		json_array_foreach(jget(r.json, "items"), i, it) {
			for (int k = 0; k < n; k++)
				assert_true(seen[k] != jint(it, "id"));
			assert_true(n < ALL);
			seen[n++] = jint(it, "id");
		}
		pages++;
		if (json_is_null(jget(r.json, "next_cursor"))) {
			resp_free(&r);
			break;
		}
		snprintf(query, sizeof query, "?limit=2&cursor=%s", jstr(r.json, "next_cursor"));
		resp_free(&r);
		assert_true(pages < ALL);
	}
	assert_int_equal(n, ALL);
	assert_int_equal(pages, (ALL + 1) / 2);
	queue(t_reviewer, "?cursor=not-a-cursor", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "cursor");
	resp_free(&r);
	queue(t_reviewer, "?limit=0", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "limit");
	resp_free(&r);
}

static void test_region_filter_stays_within_the_callers_subtree(void **state)
{
	struct resp r;
	queue(t_reviewer, "?region=150924", &r); /* 兴和县, within 150900 */
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "total"), XINGHE);
	resp_free(&r);
	queue(t_reviewer, "?region=150902", &r); /* 集宁区 */
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "total"), DEMO_JINING);
	assert_int_equal(json_array_size(jget(r.json, "items")), DEMO_JINING);
	resp_free(&r);
	queue(t_reviewer, "?region=150925", &r); /* 凉城县: nothing awaits there */
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
	queue(t_reviewer, "?region=150100", &r); /* 呼和浩特: not the reviewer's */
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "region");
	resp_free(&r);
	queue(t_supervisor, "?region=150900", &r); /* the province sees its 盟市 */
	assert_int_equal(jint(r.json, "total"), ALL);
	resp_free(&r);
	queue(t_supervisor, "?region=150200", &r);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	queue(t_admin, "", &r);
	assert_int_equal(jint(r.json, "total"), ALL);
	resp_free(&r);
	queue(t_xinghe, "", &r); /* units have no queue */
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

static void test_unit_status_and_date_filters(void **state)
{
	struct resp r;
	char q[200];
	CURL *c = curl_easy_init();
	char *part = curl_easy_escape(c, "宏达", 0), *other = curl_easy_escape(c, "福利院", 0);
	snprintf(q, sizeof q, "?unit=%s", u_xinghe);
	queue(t_reviewer, q, &r);
	assert_int_equal(jint(r.json, "total"), XINGHE);
	resp_free(&r);
	snprintf(q, sizeof q, "?unit=%s", u_jining);
	queue(t_reviewer, q, &r);
	assert_int_equal(jint(r.json, "total"), DEMO_JINING);
	resp_free(&r);
	snprintf(q, sizeof q, "?unit=%s", part);
	queue(t_reviewer, q, &r);
	assert_int_equal(jint(r.json, "total"), XINGHE);
	resp_free(&r);
	snprintf(q, sizeof q, "?unit=%s", other);
	queue(t_reviewer, q, &r);
	assert_int_equal(jint(r.json, "total"), DEMO_JINING);
	resp_free(&r);
	queue(t_reviewer, "?unit=%E8%8D%89%E5%8E%9F", &r); /* 草原: a unit outside 150900 */
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	queue(t_reviewer, "?status=pending_contract", &r);
	assert_int_equal(jint(r.json, "total"), jint(r.json, "counts.pending_contract"));
	assert_true(jint(r.json, "counts.pending") >= 1); /* counts ignore the status filter */
	assert_string_equal(jstr(r.json, "items.0.status"), "pending_contract");
	resp_free(&r);
	queue(t_reviewer, "?status=confirmed", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "status");
	resp_free(&r);
	/* the demo's cases were registered on Y+1-01-15, the three new ones today */
	snprintf(q, sizeof q, "?from=%d-01-15&to=%d-01-15", year + 1, year + 1);
	queue(t_reviewer, q, &r);
	assert_int_equal(jint(r.json, "total"), DEMO_XINGHE + DEMO_JINING);
	resp_free(&r);
	snprintf(q, sizeof q, "?from=%d-01-16", year + 1);
	queue(t_reviewer, q, &r);
	assert_int_equal(jint(r.json, "total"), ADDED);
	resp_free(&r);
	queue(t_reviewer, "?from=2026-13-01", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "from");
	resp_free(&r);
	curl_free(part);
	curl_free(other);
	curl_easy_cleanup(c);
}

/* A person the unit types in (not from the registry). */
static long long post_person(const char *first17, const char *name)
{
	struct resp r;
	char idno[19], path[160], start[16];
	make_idno(first17, idno);
	snprintf(start, sizeof start, "%d-01-01", year);
	json_t *b = json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}], s:[{s:s+, s:s, s:i, s:i}]}",
			      "person", "idno", idno, "name", name, "contracts", "type",
			      "open_ended", "start", start, "certificates", "number", idno, "43",
			      "valid_from", "2020-01-01", "category", 4, "level", 3);
	char *body = json_dumps(b, JSON_COMPACT);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", u_xinghe, year);
	http(&srv, "POST", path, t_xinghe, body, NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(r.etag, "\"1\"");
	long long id = jint(r.json, "id");
	resp_free(&r);
	free(body);
	json_decref(b);
	return id;
}

/* Before: a deleted id was handed out again with version 1, and a stale
 * If-Match "1" wrote months onto the next person registered. */
static void test_deleted_id_is_never_reused_and_stale_writes_404(void **state)
{
	struct resp r;
	char path[80], months[64];
	const char *one[] = { "If-Match: \"1\"", NULL };
	long long first = post_person("15092419910101001", "甲某某"); /* the newest id */
	snprintf(path, sizeof path, "/placements/%lld", first);
	http(&srv, "DELETE", path, t_xinghe, NULL, one, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	long long second = post_person("15092419920202002", "乙某某");
	assert_true(second != first);
	snprintf(path, sizeof path, "/placements/%lld/months", first);
	snprintf(months, sizeof months, "{\"months\":[\"%d01\"]}", year);
	http(&srv, "PUT", path, t_xinghe, months, one, &r); /* stale: the first is gone */
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld", second);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "months_registered"), 0); /* nothing written onto it */
	assert_string_equal(jstr(r.json, "person.name"), "乙某某");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_shape_counts_and_masking),
		cmocka_unit_test(test_cursor_pages_hold_every_item_exactly_once),
		cmocka_unit_test(test_region_filter_stays_within_the_callers_subtree),
		cmocka_unit_test(test_unit_status_and_date_filters),
		cmocka_unit_test(test_deleted_id_is_never_reused_and_stale_writes_404),
	};
	return cmocka_run_group_tests_name("api_queue", tests, setup, teardown);
}
