/* Idempotency-Key (issue 13): a key is bound to the request it came with —
 * user, method, path and the BLAKE2b digest of the body (of an upload: of
 * its file's digest and kind). The same request again gets the first answer
 * and changes nothing; the key on another request is 422
 * idempotency_key_reused (field Idempotency-Key) and changes nothing. */
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
static char *t_unit, *t_agent;
static char list_path[120];
static long long first_id;

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	t_unit = login(&srv, "xinghe", "demo1234");
	t_agent = login(&srv, "xinghe-agent", "demo1234");
	snprintf(list_path, sizeof list_path, "/units/%s/years/%lld/placements",
		 demo_unit_of(&srv, "xinghe"), jint(srv.demo, "year"));
	return t_unit && t_agent ? 0 : -1;
}

static int teardown(void **state)
{
	free(t_unit);
	free(t_agent);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

/* A NEW_PLACEMENT for addable person i, as autofill gives it. */
static char *new_placement(size_t i)
{
	struct resp r;
	char path[80], start[16];
	const char *idno = demo_addable(&srv, i);
	snprintf(path, sizeof path, "/registry/persons/%s", idno);
	http(&srv, "GET", path, t_unit, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(start, sizeof start, "%lld-01-01", jint(srv.demo, "year"));
	json_t *b = json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}], s:O}", "person", "idno", idno, "name",
			      jstr(r.json, "name"), "contracts", "type", "open_ended", "start",
			      start, "certificates", jget(r.json, "certificates"));
	resp_free(&r);
	char *s = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	return s;
}

static long long list_total(void)
{
	struct resp r;
	http(&srv, "GET", list_path, t_unit, NULL, NULL, &r);
	long long t = jint(r.json, "total");
	resp_free(&r);
	return t;
}

static void assert_reused(struct resp *r)
{
	assert_int_equal(r->status, 422);
	assert_string_equal(jstr(r->json, "code"), "idempotency_key_reused");
	assert_string_equal(jstr(r->json, "field"), "Idempotency-Key");
}

static void test_the_same_request_with_its_key_is_done_once(void **state)
{
	struct resp r1, r2;
	const char *h[] = { "Idempotency-Key: key-one", NULL };
	char *body = new_placement(0);
	long long before = list_total();
	http(&srv, "POST", list_path, t_unit, body, h, &r1);
	http(&srv, "POST", list_path, t_unit, body, h, &r2);
	free(body);
	assert_int_equal(r1.status, 201);
	assert_int_equal(r2.status, 201);
	first_id = jint(r1.json, "id");
	assert_int_equal(jint(r2.json, "id"), first_id);
	assert_int_equal(list_total(), before + 1);
	resp_free(&r1);
	resp_free(&r2);
}

static void test_the_key_with_another_body_is_422_and_changes_nothing(void **state)
{
	struct resp r;
	const char *h[] = { "Idempotency-Key: key-one", NULL };
	char *body = new_placement(1);
	long long before = list_total();
	http(&srv, "POST", list_path, t_unit, body, h, &r);
	free(body);
	assert_reused(&r);
	resp_free(&r);
	assert_int_equal(list_total(), before);
}

static void test_the_key_on_another_endpoint_is_422_and_changes_nothing(void **state)
{
	struct resp r;
	const char *h[] = { "Idempotency-Key: key-one", NULL };
	char path[64];
	http(&srv, "GET", "/notices", t_unit, NULL, NULL, &r);
	long long unread = 0;
	size_t i;
	json_t *n;
	json_array_foreach(jget(r.json, "items"), i, n)
		if (!json_is_true(jget(n, "read")))
			unread = jint(n, "id");
	resp_free(&r);
	assert_true(unread > 0);
	snprintf(path, sizeof path, "/notices/%lld/read", unread);
	http(&srv, "POST", path, t_unit, NULL, h, &r);
	assert_reused(&r);
	resp_free(&r);
	http(&srv, "GET", "/notices", t_unit, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, n)
		if (jint(n, "id") == unread)
			assert_false(json_is_true(jget(n, "read")));
	resp_free(&r);
}

static void test_keys_are_each_users_own(void **state)
{
	struct resp r;
	const char *h[] = { "Idempotency-Key: key-one", NULL };
	char *body = new_placement(1);
	http(&srv, "POST", list_path, t_agent, body, h, &r);
	free(body);
	assert_int_equal(r.status, 201);
	assert_true(jint(r.json, "id") != first_id);
	resp_free(&r);
}

static void test_an_upload_key_is_bound_to_its_file_and_kind(void **state)
{
	struct resp r1, r2;
	struct sample png, jpeg;
	char path[80];
	sample_png(&png);
	sample_jpeg(&jpeg);
	snprintf(path, sizeof path, "/placements/%lld/materials", first_id);
	upload_keyed(&srv, path, t_unit, "up-one", "wage", "wage.png", png.b, png.n, &r1);
	upload_keyed(&srv, path, t_unit, "up-one", "wage", "wage.png", png.b, png.n, &r2);
	assert_int_equal(r1.status, 201);
	assert_int_equal(r2.status, 201);
	assert_int_equal(jint(r2.json, "id"), jint(r1.json, "id"));
	resp_free(&r1);
	resp_free(&r2);
	upload_keyed(&srv, path, t_unit, "up-one", "wage", "wage.jpg", jpeg.b, jpeg.n, &r1);
	assert_reused(&r1);
	resp_free(&r1);
	upload_keyed(&srv, path, t_unit, "up-one", "social", "wage.png", png.b, png.n, &r1);
	assert_reused(&r1);
	resp_free(&r1);
	snprintf(path, sizeof path, "/placements/%lld", first_id);
	http(&srv, "GET", path, t_unit, NULL, NULL, &r1);
	assert_int_equal(json_array_size(jget(r1.json, "materials")), 1);
	resp_free(&r1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_same_request_with_its_key_is_done_once),
		cmocka_unit_test(test_the_key_with_another_body_is_422_and_changes_nothing),
		cmocka_unit_test(test_the_key_on_another_endpoint_is_422_and_changes_nothing),
		cmocka_unit_test(test_keys_are_each_users_own),
		cmocka_unit_test(test_an_upload_key_is_bound_to_its_file_and_kind),
	};
	return cmocka_run_group_tests_name("api_idempotency", tests, setup, teardown);
}
