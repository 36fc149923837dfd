/* record — every HTTP exchange of an API test binary, one JSON line each, in
 * the file $ANZHI_API_RECORD (tests/run sets one per binary): the test, method,
 * path, status, content type, headers and, for JSON, the body. The contract
 * suite (tests/contract/check.mjs) validates them against doc/openapi.yaml.
 */
#ifndef ANZHI_TESTS_API_RECORD_H
#define ANZHI_TESTS_API_RECORD_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

struct resp;

/* Appends one exchange (path under /api/v1); nothing without $ANZHI_API_RECORD. */
void record_exchange(const char *method, const char *path, const struct resp *r);

/* cmocka_run_group_tests_name, but each test's name is known to the recorder.
 * harness.h routes every test binary's call here. */
int record_run_group(const char *group, const struct CMUnitTest *tests, size_t n,
		     CMFixtureFunction setup, CMFixtureFunction teardown);

#endif
