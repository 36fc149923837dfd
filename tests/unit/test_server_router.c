/* router: one table maps method + path to a handler; '*' takes one segment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "server/handlers.h"
#include "server/log.h"
#include "server/router.h"

static void test_placement_months_route_captures_the_id(void **state)
{
	struct srv_req rq;
	int known;
	const struct route *r = router_match("PUT", "/api/v1/placements/17/months", &rq, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_months_put);
	assert_int_equal(rq.nparams, 1);
	assert_string_equal(rq.params[0], "17");
	assert_true(r->flags & ROUTE_WRITE);
}

static void test_list_route_captures_unit_and_year(void **state)
{
	struct srv_req rq;
	int known;
	const struct route *r = router_match(
		"GET", "/api/v1/units/91350100M000100Y43/years/2025/placements", &rq, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_placement_list);
	assert_string_equal(rq.params[0], "91350100M000100Y43");
	assert_string_equal(rq.params[1], "2025");
}

static void test_import_previous_is_not_taken_for_a_placement_id(void **state)
{
	struct srv_req rq;
	int known;
	const struct route *r = router_match(
		"POST", "/api/v1/units/91350100M000100Y43/years/2025/placements/import-previous", &rq,
		&known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_placement_import_previous);
}

static void test_wrong_method_on_a_known_path_is_flagged_for_405(void **state)
{
	struct srv_req rq;
	int known = 0;
	assert_null(router_match("PATCH", "/api/v1/me", &rq, &known));
	assert_true(known);
	assert_null(router_match("GET", "/api/v1/nothing", &rq, &known));
	assert_false(known);
}

static void test_empty_segment_does_not_match_a_parameter(void **state)
{
	struct srv_req rq;
	int known;
	assert_null(router_match("GET", "/api/v1/placements//months", &rq, &known));
	assert_non_null(router_match("GET", "/api/v1/me/", &rq, &known)); /* trailing slash */
}

static void test_health_and_login_need_no_session(void **state)
{
	struct srv_req rq;
	int known;
	assert_true(router_match("GET", "/api/v1/health", &rq, &known)->flags & ROUTE_PUBLIC);
	assert_true(router_match("POST", "/api/v1/sessions", &rq, &known)->flags & ROUTE_PUBLIC);
	assert_false(router_match("GET", "/api/v1/me", &rq, &known)->flags & ROUTE_PUBLIC);
}

static void test_log_masks_id_numbers_in_paths_but_keeps_uscc(void **state)
{
	char out[256];
	log_mask_path("/api/v1/registry/persons/11010519491231002X", out, sizeof out);
	assert_null(strstr(out, "11010519491231002X"));
	assert_non_null(strstr(out, "/api/v1/registry/persons/110105"));
	log_mask_path("/api/v1/units/91350100M000100Y43", out, sizeof out);
	assert_string_equal(out, "/api/v1/units/91350100M000100Y43");
	log_mask_path("/api/v1/placements/17", out, sizeof out);
	assert_string_equal(out, "/api/v1/placements/17");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placement_months_route_captures_the_id),
		cmocka_unit_test(test_list_route_captures_unit_and_year),
		cmocka_unit_test(test_import_previous_is_not_taken_for_a_placement_id),
		cmocka_unit_test(test_wrong_method_on_a_known_path_is_flagged_for_405),
		cmocka_unit_test(test_empty_segment_does_not_match_a_parameter),
		cmocka_unit_test(test_health_and_login_need_no_session),
		cmocka_unit_test(test_log_masks_id_numbers_in_paths_but_keeps_uscc),
	};
	return cmocka_run_group_tests_name("server_router", tests, NULL, NULL);
}
