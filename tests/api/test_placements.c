/* The unit's placement list and records over HTTPS: list (counts, masking,
 * search, filter, cursor), add from the registry, month checks, validation
 * errors naming the field, versions, idempotent retries, locked lists,
 * import of last year's list, unit data, notices, policy. */
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

static struct server srv;
static char *tok, *tok_beifang;
static const char *uscc;
static int year;
static char list_path[160];

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	tok = login(&srv, "xinghe", "demo1234");
	tok_beifang = login(&srv, "beifang", "demo1234");
	uscc = demo_unit_of(&srv, "xinghe");
	year = (int)jint(srv.demo, "year");
	snprintf(list_path, sizeof list_path, "/units/%s/years/%d/placements", uscc, year);
	return tok && tok_beifang && uscc ? 0 : -1;
}

static int teardown(void **state)
{
	free(tok);
	free(tok_beifang);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* A NEW_PLACEMENT built from a registry person (what autofill gives). */
static char *body_from_registry(json_t *person)
{
	char start[16];
	snprintf(start, sizeof start, "%d-01-01", year);
	json_t *p = json_pack("{s:{s:O, s:O, s:O, s:O, s:O, s:O, s:O}, s:[{s:b, s:s, s:s, s:s, s:n,"
			      " s:s, s:s}], s:O}",
			      "person", "idno", json_object_get(person, "idno"), "name",
			      json_object_get(person, "name"), "hukou_type",
			      json_object_get(person, "hukou_type"), "hukou_region",
			      json_object_get(person, "hukou_region"), "hukou_address",
			      json_object_get(person, "hukou_address"), "phone",
			      json_object_get(person, "phone"), "education",
			      json_object_get(person, "education"), "contracts", "dispatch", 0,
			      "relation", "own", "type", "open_ended", "start", start, "end", "post",
			      "仓库管理", "monthly_wage", "3500.00", "certificates",
			      json_object_get(person, "certificates"));
	char *s = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	return s;
}

static json_t *registry(const char *idno)
{
	struct resp r;
	char path[80];
	snprintf(path, sizeof path, "/registry/persons/%s", idno);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	json_t *j = json_incref(r.json);
	resp_free(&r);
	return j;
}

static long long list_total(const char *query)
{
	struct resp r;
	char path[300];
	snprintf(path, sizeof path, "%s%s", list_path, query ? query : "");
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	long long t = jint(r.json, "total");
	resp_free(&r);
	return t;
}

static void test_list_counts_statuses_and_masks_names_and_ids(void **state)
{
	struct resp r, one;
	char path[80];
	http(&srv, "GET", list_path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "counts.registered"), 10);
	assert_true(jint(r.json, "counts.confirmed_system") >= 3);
	assert_int_equal(jint(r.json, "counts.confirmed_manual"), 1);
	assert_int_equal(jint(r.json, "counts.partially_rejected"), 1);
	assert_true(jint(r.json, "counts.pending") >= 2);
	assert_true(jint(r.json, "counts.incomplete") >= 1);
	/* 施嵘: 精神四级 — 12 confirmed months count as 24. */
	assert_string_equal(jstr(r.json, "items.0.name_masked"), "*嵘");
	assert_int_equal(jint(r.json, "items.0.months_confirmed"), 12);
	assert_int_equal(jint(r.json, "items.0.months_counted"), 24);
	assert_int_equal(jint(r.json, "items.1.months_counted"), 12);
	assert_string_equal(jstr(r.json, "items.1.name_masked"), "景*东");
	snprintf(path, sizeof path, "/placements/%lld", jint(r.json, "items.0.id"));
	http(&srv, "GET", path, tok, NULL, NULL, &one);
	assert_int_equal(one.status, 200);
	const char *idno = jstr(one.json, "person.idno");
	assert_int_equal(strlen(idno), 18);
	assert_null(strstr(r.body, idno));     /* never unmasked in a list */
	assert_null(strstr(r.body, "施嵘"));
	assert_string_equal(jstr(one.json, "person.name"), "施嵘");
	assert_int_equal(json_array_size(jget(one.json, "months")), 12);
	assert_true(json_is_true(jget(one.json, "months.0.checks.wage.ok")));
	assert_string_equal(jstr(one.json, "status"), "confirmed");
	assert_string_equal(jstr(one.json, "confirmed_by"), "system");
	assert_string_equal(one.etag, "\"1\"");
	resp_free(&one);
	resp_free(&r);
}

static void test_list_q_matches_part_of_the_name_or_idno_prefix(void **state)
{
	char q[200];
	CURL *c = curl_easy_init();
	char *name = curl_easy_escape(c, "施嵘", 0);
	snprintf(q, sizeof q, "?q=%s", name);
	assert_int_equal(list_total(q), 1);
	curl_free(name);
	name = curl_easy_escape(c, "嵘", 0); /* part of a name finds it too */
	snprintf(q, sizeof q, "?q=%s", name);
	assert_int_equal(list_total(q), 1);
	snprintf(q, sizeof q, "?q=%s", "150924");
	assert_true(list_total(q) >= 4);
	assert_int_equal(list_total("?q=999999"), 0);
	curl_free(name);
	curl_easy_cleanup(c);
}

static void test_list_status_filter_and_cursor_pages(void **state)
{
	struct resp r, r2;
	char path[300];
	snprintf(path, sizeof path, "%s?status=confirmed", list_path);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	size_t i;
	json_t *it;
	json_array_foreach(jget(r.json, "items"), i, it)
		assert_string_equal(jstr(it, "status"), "confirmed");
	resp_free(&r);
	snprintf(path, sizeof path, "%s?limit=3", list_path);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 3);
	assert_true(json_is_string(jget(r.json, "next_cursor")));
	snprintf(path, sizeof path, "%s?limit=3&cursor=%s", list_path, jstr(r.json, "next_cursor"));
	http(&srv, "GET", path, tok, NULL, NULL, &r2);
	assert_int_equal(json_array_size(jget(r2.json, "items")), 3);
	assert_true(jint(r2.json, "items.0.id") > jint(r.json, "items.2.id"));
	resp_free(&r);
	resp_free(&r2);
	snprintf(path, sizeof path, "%s?status=bogus", list_path);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "status");
	resp_free(&r);
}

/* 待审核 in the list's filter is every person awaiting review: the demo's
 * dispatched worker (待审核(合同需审核)) as well as the others. */
static void test_list_pending_filter_includes_pending_contract(void **state)
{
	struct resp all, pend;
	char path[300];
	snprintf(path, sizeof path, "%s?limit=500", list_path);
	http(&srv, "GET", path, tok, NULL, NULL, &all);
	size_t i, awaiting = 0, contract = 0;
	json_t *it;
	json_array_foreach(jget(all.json, "items"), i, it) {
		awaiting += strncmp(jstr(it, "status"), "pending", 7) == 0;
		contract += strcmp(jstr(it, "status"), "pending_contract") == 0;
	}
	assert_true(contract > 0);   /* the demo has one: else this test proves nothing */
	snprintf(path, sizeof path, "%s?limit=500&status=pending", list_path);
	http(&srv, "GET", path, tok, NULL, NULL, &pend);
	assert_int_equal(pend.status, 200);
	assert_int_equal(json_array_size(jget(pend.json, "items")), awaiting);
	assert_int_equal(jint(pend.json, "total"), (long long)awaiting);
	assert_int_equal(jint(pend.json, "counts.pending"), (long long)awaiting);
	json_array_foreach(jget(pend.json, "items"), i, it)
		assert_int_equal(strncmp(jstr(it, "status"), "pending", 7), 0);
	resp_free(&all);
	resp_free(&pend);
	/* the narrower word still works: only the contracts awaiting review */
	snprintf(path, sizeof path, "%s?limit=500&status=pending_contract", list_path);
	http(&srv, "GET", path, tok, NULL, NULL, &pend);
	assert_int_equal(json_array_size(jget(pend.json, "items")), contract);
	resp_free(&pend);
}

static long long added_id;

static void test_add_from_registry_then_months_show_pass_and_fail(void **state)
{
	struct resp r;
	char path[80], months[400] = "{\"months\":[";
	json_t *person = registry(demo_addable(&srv, 0));
	assert_string_equal(jstr(person, "name"), "傅晓东");
	char *body = body_from_registry(person);
	json_decref(person);
	http(&srv, "POST", list_path, tok, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "status"), "incomplete"); /* no months yet */
	assert_string_equal(jstr(r.json, "person.gender"), "male");
	assert_string_equal(jstr(r.json, "person.birth"), "1986-05-14");
	assert_string_equal(r.etag, "\"1\"");
	added_id = jint(r.json, "id");
	resp_free(&r);
	for (int m = 1; m <= 12; m++)
		snprintf(months + strlen(months), sizeof months - strlen(months), "%s\"%d%02d\"",
			 m > 1 ? "," : "", year, m);
	strcat(months, "]}");
	snprintf(path, sizeof path, "/placements/%lld/months", added_id);
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", path, tok, months, h, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "months_registered"), 12);
	assert_true(json_is_true(jget(r.json, "months.0.checks.wage.ok")));
	assert_true(json_is_false(jget(r.json, "months.8.checks.wage.ok")));
	assert_string_equal(jstr(r.json, "months.8.checks.wage.reason"), "no_wage_record");
	char label[40];
	snprintf(label, sizeof label, "wages %d-12-31", year);
	assert_string_equal(jstr(r.json, "months.8.checks.wage.source"), label);
	assert_true(json_is_false(jget(r.json, "months.11.checks.social.ok")));
	assert_string_equal(jstr(r.json, "months.0.result"), "system");
	assert_true(json_is_null(jget(r.json, "months.8.result")));
	assert_string_equal(jstr(r.json, "status"), "incomplete");
	assert_string_equal(jstr(r.json, "needs.0"), "wage");
	assert_int_equal(jint(r.json, "months_confirmed"), 8);
	assert_string_equal(r.etag, "\"2\"");
	resp_free(&r);
}

static void test_same_person_twice_in_a_year_is_409(void **state)
{
	struct resp r;
	json_t *person = registry(demo_addable(&srv, 0));
	char *body = body_from_registry(person);
	json_decref(person);
	http(&srv, "POST", list_path, tok, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "conflict");
	assert_string_equal(jstr(r.json, "field"), "person.idno");
	resp_free(&r);
}

/* Posts a variant of a valid placement with one change; checks the field. */
static void expect_field(const char *json_path_key, json_t *value, const char *code,
			 const char *field)
{
	struct resp r;
	json_t *person = registry(demo_addable(&srv, 2));
	char *base = body_from_registry(person);
	json_t *b = json_loads(base, 0, NULL);
	free(base);
	json_decref(person);
	json_t *target = b;
	char key[64];
	const char *p = json_path_key;
	for (;;) {
		size_t n = strcspn(p, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		if (!p[n])
			break;
		target = json_is_array(target) ? json_array_get(target, strtoul(key, NULL, 10))
					       : json_object_get(target, key);
		p += n + 1;
	}
	if (value)
		json_object_set_new(target, key, value);
	else
		json_object_del(target, key);
	char *body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	long long before = list_total(NULL);
	http(&srv, "POST", list_path, tok, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 422);
	assert_string_equal(r.content_type, "application/problem+json");
	assert_string_equal(jstr(r.json, "code"), code);
	assert_string_equal(jstr(r.json, "field"), field);
	resp_free(&r);
	assert_int_equal(list_total(NULL), before); /* the store is untouched */
}

static void test_idno_checksum_error_names_person_idno(void **state)
{
	json_t *person = registry(demo_addable(&srv, 2));
	char bad[19];
	snprintf(bad, sizeof bad, "%s", jstr(person, "idno"));
	bad[17] = bad[17] == '0' ? '1' : '0';
	json_decref(person);
	expect_field("person.idno", json_string(bad), "invalid_field", "person.idno");
	expect_field("person.idno", json_string("15092419"), "invalid_field", "person.idno");
}

static void test_missing_name_is_missing_field(void **state)
{
	expect_field("person.name", NULL, "missing_field", "person.name");
}

static void test_certificate_of_another_person_is_refused(void **state)
{
	/* 11010519491231002X's certificate on someone else. */
	expect_field("certificates.0.number", json_string("11010519491231002X64"), "invalid_field",
		     "certificates[0].number");
}

static void test_contract_ending_before_start_is_refused(void **state)
{
	expect_field("contracts.0.end", json_string("2001-01-01"), "invalid_field",
		     "contracts[0].end");
	expect_field("contracts.0.start", json_string("2025-02-30"), "invalid_field",
		     "contracts[0].start");
	expect_field("contracts.0.type", json_string("forever"), "invalid_field",
		     "contracts[0].type");
}

static void test_enumerations_and_phone_are_checked(void **state)
{
	expect_field("person.education", json_string("phd"), "invalid_field", "person.education");
	expect_field("person.phone", json_string("call me"), "invalid_field", "person.phone");
	expect_field("certificates.0.level", json_integer(5), "invalid_field",
		     "certificates[0].level");
}

static void test_month_outside_the_business_year_is_refused(void **state)
{
	struct resp r;
	char path[80], body[80];
	const char *h[] = { "If-Match: \"2\"", NULL };
	snprintf(path, sizeof path, "/placements/%lld/months", added_id);
	snprintf(body, sizeof body, "{\"months\":[\"%d01\",\"%d12\"]}", year, year - 1);
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "months[1]");
	resp_free(&r);
	http(&srv, "PUT", path, tok, "{\"months\":[\"202513\"]}", h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "months[0]");
	resp_free(&r);
}

static void test_write_without_if_match_428_stale_412(void **state)
{
	struct resp r;
	char path[80];
	snprintf(path, sizeof path, "/placements/%lld/months", added_id);
	http(&srv, "PUT", path, tok, "{\"months\":[]}", NULL, &r);
	assert_int_equal(r.status, 428);
	assert_string_equal(jstr(r.json, "code"), "precondition_required");
	resp_free(&r);
	const char *stale[] = { "If-Match: \"1\"", NULL };
	http(&srv, "PUT", path, tok, "{\"months\":[]}", stale, &r);
	assert_int_equal(r.status, 412);
	assert_string_equal(jstr(r.json, "code"), "precondition_failed");
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld", added_id);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "months_registered"), 12); /* unchanged */
	resp_free(&r);
}

static void test_idempotent_retry_returns_the_first_answer(void **state)
{
	struct resp r1, r2;
	json_t *person = registry(demo_addable(&srv, 1));
	char *body = body_from_registry(person);
	json_decref(person);
	const char *h[] = { "Idempotency-Key: add-shen-yumei-1", NULL };
	long long before = list_total(NULL);
	http(&srv, "POST", list_path, tok, body, h, &r1);
	http(&srv, "POST", list_path, tok, body, h, &r2);
	free(body);
	assert_int_equal(r1.status, 201);
	assert_int_equal(r2.status, 201);
	assert_int_equal(jint(r1.json, "id"), jint(r2.json, "id"));
	assert_int_equal(list_total(NULL), before + 1);
	resp_free(&r1);
	resp_free(&r2);
}

static void test_put_placement_rechecks_and_bumps_version(void **state)
{
	struct resp r, g;
	char path[80];
	snprintf(path, sizeof path, "/placements/%lld", added_id);
	http(&srv, "GET", path, tok, NULL, NULL, &g);
	json_t *b = json_pack("{s:O, s:O, s:O}", "person", jget(g.json, "person"), "contracts",
			      jget(g.json, "contracts"), "certificates", jget(g.json, "certificates"));
	json_object_set_new(jget(b, "person"), "phone", json_string("0474-7212345"));
	char *body = json_dumps(b, JSON_COMPACT);
	char im[64];
	snprintf(im, sizeof im, "If-Match: %s", g.etag);
	const char *h[] = { im, NULL };
	/* another person's ID number is refused, naming the field, and changes nothing */
	json_t *other = json_pack("{s:{s:s, s:s}, s:[], s:[]}", "person", "idno",
				  "11010519491231002X", "name", "施嵘", "contracts", "certificates");
	char *other_body = json_dumps(other, JSON_COMPACT);
	http(&srv, "PUT", path, tok, other_body, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "person.idno");
	resp_free(&r);
	free(other_body);
	json_decref(other);
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "person.phone"), "0474-7212345");
	assert_int_equal(jint(r.json, "version"), jint(g.json, "version") + 1);
	assert_int_equal(jint(r.json, "months_registered"), 12);
	free(body);
	json_decref(b);
	resp_free(&r);
	resp_free(&g);
}

static void test_submitted_declaration_locks_the_list_409(void **state)
{
	struct resp r, l;
	char path[160];
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", demo_unit_of(&srv, "beifang"),
		 year);
	json_t *person = registry(demo_addable(&srv, 2));
	char *body = body_from_registry(person);
	json_decref(person);
	http(&srv, "POST", path, tok_beifang, body, NULL, &r);
	free(body);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "conflict");
	resp_free(&r);
	http(&srv, "GET", path, tok_beifang, NULL, NULL, &l);
	snprintf(path, sizeof path, "/placements/%lld", jint(l.json, "items.0.id"));
	const char *h[] = { "If-Match: \"1\"", NULL };
	http(&srv, "DELETE", path, tok_beifang, NULL, h, &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	resp_free(&l);
}

/* 完成申报 needs every person confirmed; 撤回 reopens the list; both audited. */
static void test_submit_needs_everyone_confirmed_and_withdraw_reopens(void **state)
{
	struct resp r, l;
	char base[160], path[200];
	snprintf(base, sizeof base, "/units/%s/years/%d", demo_unit_of(&srv, "beifang"), year);
	snprintf(path, sizeof path, "%s/withdraw", base);
	http(&srv, "POST", path, tok_beifang, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "open");
	resp_free(&r);
	http(&srv, "POST", path, tok_beifang, NULL, NULL, &r);
	assert_int_equal(r.status, 409); /* already open */
	resp_free(&r);
	snprintf(path, sizeof path, "%s/submit", base);
	http(&srv, "POST", path, tok_beifang, NULL, NULL, &r);
	assert_int_equal(r.status, 409); /* 冯建军 is not confirmed */
	assert_non_null(strstr(jstr(r.json, "detail"), "1 person"));
	resp_free(&r);
	/* Delete the unconfirmed person (now allowed: the list is open again). */
	snprintf(path, sizeof path, "%s/placements?status=incomplete", base);
	http(&srv, "GET", path, tok_beifang, NULL, NULL, &l);
	assert_int_equal(jint(l.json, "total"), 1);
	char del[80], im[64];
	snprintf(del, sizeof del, "/placements/%lld", jint(l.json, "items.0.id"));
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(l.json, "items.0.version"));
	const char *h[] = { im, NULL };
	http(&srv, "DELETE", del, tok_beifang, NULL, h, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	resp_free(&l);
	snprintf(path, sizeof path, "%s/submit", base);
	http(&srv, "POST", path, tok_beifang, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "submitted");
	assert_true(json_is_string(jget(r.json, "submitted_at")));
	resp_free(&r);
	/* Locked again; another unit may not withdraw beifang's declaration. */
	snprintf(path, sizeof path, "%s/placements", base);
	http(&srv, "GET", path, tok_beifang, NULL, NULL, &l);
	snprintf(del, sizeof del, "/placements/%lld", jint(l.json, "items.0.id"));
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(l.json, "items.0.version"));
	resp_free(&l);
	http(&srv, "DELETE", del, tok_beifang, NULL, h, &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	snprintf(path, sizeof path, "%s/withdraw", base);
	http(&srv, "POST", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
}

static void test_import_previous_copies_last_years_people_once(void **state)
{
	struct resp r;
	char path[200];
	snprintf(path, sizeof path, "%s/import-previous", list_path);
	long long before = list_total(NULL);
	http(&srv, "POST", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "imported"), 3);
	assert_int_equal(jint(r.json, "skipped"), 4);
	resp_free(&r);
	assert_int_equal(list_total(NULL), before + 3);
	http(&srv, "POST", path, tok, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "imported"), 0);
	assert_int_equal(jint(r.json, "skipped"), 7);
	resp_free(&r);
}

static void test_delete_then_gone_and_reregister_confirmed_only(void **state)
{
	struct resp r, l;
	char path[80];
	const char *h[] = { "If-Match: \"3\"", NULL };
	snprintf(path, sizeof path, "/placements/%lld", added_id);
	http(&srv, "DELETE", path, tok, NULL, h, &r);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	http(&srv, "GET", list_path, tok, NULL, NULL, &l);
	snprintf(path, sizeof path, "/placements/%lld/reregister", jint(l.json, "items.1.id"));
	http(&srv, "POST", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "confirmed");
	assert_int_equal(jint(r.json, "version"), jint(l.json, "items.1.version") + 1);
	resp_free(&r);
	/* 重新登记 is for confirmed persons only: the others are still in work */
	size_t i;
	json_t *item;
	long long other = 0;
	json_array_foreach(json_object_get(l.json, "items"), i, item)
		if (!other && strcmp(json_string_value(json_object_get(item, "status")), "confirmed"))
			other = json_integer_value(json_object_get(item, "id"));
	assert_true(other > 0);
	snprintf(path, sizeof path, "/placements/%lld/reregister", other);
	http(&srv, "POST", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "conflict");
	resp_free(&r);
	resp_free(&l);
}

static void test_year_totals_count_double_weights(void **state)
{
	struct resp r;
	char path[120];
	snprintf(path, sizeof path, "/units/%s/years/%d", uscc, year);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "open");
	assert_true(jint(r.json, "months_counted") > jint(r.json, "months_confirmed"));
	const char *pp = jstr(r.json, "placed_persons");
	assert_non_null(strchr(pp, '.'));
	assert_int_equal(strlen(strchr(pp, '.')), 3); /* two decimals */
	resp_free(&r);
	snprintf(path, sizeof path, "/units/%s/years/%d", uscc, year - 1);
	http(&srv, "GET", path, tok, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "status"), "passed");
	resp_free(&r);
}

static void test_unit_update_needs_version_and_valid_fields(void **state)
{
	struct resp g, r;
	char path[80], im[64];
	snprintf(path, sizeof path, "/units/%s", uscc);
	http(&srv, "GET", path, tok, NULL, NULL, &g);
	assert_int_equal(g.status, 200);
	assert_string_equal(jstr(g.json, "name"), "兴和县宏达商贸有限公司");
	json_t *u = json_deep_copy(g.json);
	json_object_set_new(u, "contact_phone", json_string("13800000000"));
	char *body = json_dumps(u, JSON_COMPACT);
	snprintf(im, sizeof im, "If-Match: %s", g.etag);
	const char *h[] = { im, NULL };
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "contact_phone"), "13800000000");
	assert_int_equal(jint(r.json, "version"), jint(g.json, "version") + 1);
	resp_free(&r);
	free(body);
	body = json_dumps(u, JSON_COMPACT);
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 412); /* the old version again */
	resp_free(&r);
	free(body);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(g.json, "version") + 1);
	json_object_set_new(u, "legal_idno", json_string("110105194912310021"));
	body = json_dumps(u, JSON_COMPACT);
	http(&srv, "PUT", path, tok, body, h, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "legal_idno");
	resp_free(&r);
	free(body);
	json_decref(u);
	resp_free(&g);
}

static void test_notices_list_and_mark_read(void **state)
{
	struct resp r, r2;
	char path[80];
	http(&srv, "GET", "/notices", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	long long unread = jint(r.json, "unread");
	assert_true(unread >= 2);
	int found = 0;
	size_t i;
	json_t *n;
	json_array_foreach(jget(r.json, "items"), i, n)
		if (strcmp(jstr(n, "title"), "安置人员“施嵘”资料审核完成通知") == 0) {
			found = 1;
			assert_non_null(strstr(jstr(n, "body"), "贵单位安置人员“施嵘”资料审核已完成"));
			snprintf(path, sizeof path, "/notices/%lld/read", jint(n, "id"));
		}
	assert_true(found);
	http(&srv, "POST", path, tok, NULL, NULL, &r2);
	assert_int_equal(r2.status, 204);
	resp_free(&r2);
	http(&srv, "GET", "/notices", tok, NULL, NULL, &r2);
	assert_int_equal(jint(r2.json, "unread"), unread - 1);
	resp_free(&r2);
	resp_free(&r);
	http(&srv, "POST", "/notices/99999/read", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
}

static void test_policy_in_force_for_a_county_is_the_provinces(void **state)
{
	struct resp r;
	http(&srv, "GET", "/policy?region=150924&year=2025", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "region"), "150000");
	assert_string_equal(jstr(r.json, "quota"), "0.015");
	resp_free(&r);
}

static void test_registry_lookup_validates_and_404s(void **state)
{
	struct resp r;
	http(&srv, "GET", "/registry/persons/11010519491231002X", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	http(&srv, "GET", "/registry/persons/110105194912310021", tok, NULL, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "idno");
	resp_free(&r);
}

static void test_log_lines_never_carry_id_numbers_or_names(void **state)
{
	char buf[1 << 16];
	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "GET /api/v1/registry/persons/")); /* it was logged… */
	assert_null(strstr(buf, demo_addable(&srv, 0)));                /* …masked */
	assert_null(strstr(buf, "傅晓东"));
	assert_null(strstr(buf, "施嵘"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_counts_statuses_and_masks_names_and_ids),
		cmocka_unit_test(test_list_q_matches_part_of_the_name_or_idno_prefix),
		cmocka_unit_test(test_list_status_filter_and_cursor_pages),
		cmocka_unit_test(test_list_pending_filter_includes_pending_contract),
		cmocka_unit_test(test_add_from_registry_then_months_show_pass_and_fail),
		cmocka_unit_test(test_same_person_twice_in_a_year_is_409),
		cmocka_unit_test(test_idno_checksum_error_names_person_idno),
		cmocka_unit_test(test_missing_name_is_missing_field),
		cmocka_unit_test(test_certificate_of_another_person_is_refused),
		cmocka_unit_test(test_contract_ending_before_start_is_refused),
		cmocka_unit_test(test_enumerations_and_phone_are_checked),
		cmocka_unit_test(test_month_outside_the_business_year_is_refused),
		cmocka_unit_test(test_write_without_if_match_428_stale_412),
		cmocka_unit_test(test_idempotent_retry_returns_the_first_answer),
		cmocka_unit_test(test_put_placement_rechecks_and_bumps_version),
		cmocka_unit_test(test_submitted_declaration_locks_the_list_409),
		cmocka_unit_test(test_submit_needs_everyone_confirmed_and_withdraw_reopens),
		cmocka_unit_test(test_import_previous_copies_last_years_people_once),
		cmocka_unit_test(test_delete_then_gone_and_reregister_confirmed_only),
		cmocka_unit_test(test_year_totals_count_double_weights),
		cmocka_unit_test(test_unit_update_needs_version_and_valid_fields),
		cmocka_unit_test(test_notices_list_and_mark_read),
		cmocka_unit_test(test_policy_in_force_for_a_county_is_the_provinces),
		cmocka_unit_test(test_registry_lookup_validates_and_404s),
		cmocka_unit_test(test_log_lines_never_carry_id_numbers_or_names),
	};
	return cmocka_run_group_tests_name("api_placements", tests, setup, teardown);
}
