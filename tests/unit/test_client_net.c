/* Tests of src/client/net: a GET that cannot connect is retried with backoff
 * and then delivered once as a transport error; a cancelled request is
 * delivered at once as cancelled; nothing is delivered twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "client/net.h"

struct seen {
	int calls;
	struct net_result last;
};

static void done(void *ctx, int id, const struct net_result *r)
{
	struct seen *s = ctx;
	(void)id;
	s->calls++;
	s->last = *r;
	s->last.body = NULL;   /* owned by net: not kept past the call */
	s->last.curl_error = NULL;
	s->last.etag = NULL;
	s->last.content_type = NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run_until_idle(struct net *n, double limit)
{
	double t0 = now();
	while (net_busy(n) && now() - t0 < limit) {
		net_wait(n, NULL, 0, 50);
		net_perform(n);
	}
}

static void test_net_get_unreachable_is_retried_then_reported_once(void **st)
{
	(void)st;
	struct net *n = net_new(NULL);
	struct seen s = { 0 };
	struct net_req rq = { .method = "GET", .url = "http://127.0.0.1:9/api/v1/health", .retry = true };
	double t0 = now();
	assert_true(net_start(n, &rq, done, &s) > 0);
	run_until_idle(n, 10);
	double took = now() - t0;
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.last.curl_code, CURLE_COULDNT_CONNECT);
	assert_false(s.last.cancelled);
	/* two backoffs (0.4 s + 1.2 s) happened before giving up */
	assert_true(took >= 1.5);
	net_free(n);
}

static void test_net_post_without_retry_fails_at_once(void **st)
{
	(void)st;
	struct net *n = net_new(NULL);
	struct seen s = { 0 };
	struct net_req rq = { .method = "POST", .url = "http://127.0.0.1:9/x", .body = "{}" };
	double t0 = now();
	assert_true(net_start(n, &rq, done, &s) > 0);
	run_until_idle(n, 10);
	assert_int_equal(s.calls, 1);
	assert_true(now() - t0 < 1.0);
	net_free(n);
}

static void test_net_cancel_delivers_cancelled_once(void **st)
{
	(void)st;
	struct net *n = net_new(NULL);
	struct seen s = { 0 };
	/* a retried GET sits in its backoff: cancel must end it there */
	struct net_req rq = { .method = "GET", .url = "http://127.0.0.1:9/", .retry = true };
	int id = net_start(n, &rq, done, &s);
	net_wait(n, NULL, 0, 50);
	net_perform(n);
	net_cancel(n, id);
	assert_int_equal(s.calls, 1);
	assert_true(s.last.cancelled);
	assert_false(net_busy(n));
	run_until_idle(n, 2);
	assert_int_equal(s.calls, 1);
	net_cancel(n, id);   /* unknown by now: nothing happens */
	assert_int_equal(s.calls, 1);
	net_free(n);
}

static void test_net_free_with_running_requests_reports_them_cancelled(void **st)
{
	(void)st;
	struct net *n = net_new(NULL);
	struct seen s = { 0 };
	struct net_req rq = { .method = "GET", .url = "http://127.0.0.1:9/", .retry = true };
	net_start(n, &rq, done, &s);
	net_start(n, &rq, done, &s);
	net_free(n);
	assert_int_equal(s.calls, 2);
	assert_true(s.last.cancelled);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_get_unreachable_is_retried_then_reported_once),
		cmocka_unit_test(test_net_post_without_retry_fails_at_once),
		cmocka_unit_test(test_net_cancel_delivers_cancelled_once),
		cmocka_unit_test(test_net_free_with_running_requests_reports_them_cancelled),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
