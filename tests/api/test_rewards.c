/* The over-quota reward's online path over HTTPS (SPEC §5.4): 兴和宏达 applies
 * for last year (its declaration passed) with {} — staff count and bank
 * account from unit info — once per year; 初审 by a reviewer, 复审 by a
 * supervisor who did not do the first review (409 four_eyes); a notice to the
 * unit at each step; optional attachments; the certificate only once
 * approved. Units the rules exclude are told why; lists and the window's unit
 * search keep to the caller's region. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"
#include "tests/api/scenario.h"
#include "tests/samples.h"

static struct server srv;
static char *t_xinghe, *t_beifang, *t_caoyuan, *t_reviewer, *t_supervisor, *t_sup2, *t_admin;
static const char *xinghe, *beifang, *caoyuan;
static int last;                 /* last business year: the declarations passed */
static long long app_id;         /* 兴和宏达's application */
static char rewards_path[128];

static const struct scenario_login cast[] = {
	{ "xinghe", &t_xinghe }, { "beifang", &t_beifang }, { "caoyuan", &t_caoyuan },
	{ "reviewer", &t_reviewer }, { "supervisor", &t_supervisor }, { "sup2", &t_sup2 },
	{ "admin", &t_admin },
};
#define NCAST (sizeof cast / sizeof cast[0])

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0)
		return -1;
	last = (int)jint(srv.demo, "year") - 1;
	xinghe = demo_unit_of(&srv, "xinghe");
	beifang = demo_unit_of(&srv, "beifang");
	caoyuan = demo_unit_of(&srv, "caoyuan");
	snprintf(rewards_path, sizeof rewards_path, "/units/%s/years/%d/rewards", xinghe, last);
	return scenario_add_sup2(&srv) || scenario_login_all(&srv, cast, NCAST) ? -1 : 0;
}

static int teardown(void **state)
{
	return scenario_stop(&srv, cast, NCAST);
}

static void test_preview_shows_the_year_as_the_unit_would_apply(void **state)
{
	struct resp r;
	http(&srv, "GET", rewards_path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_is_null(jget(r.json, "application")));
	assert_string_equal(jstr(r.json, "declaration_status"), "passed");
	/* 96 counted months (施嵘's 精神 certificate counts twice) = 8.00 placed;
	 * 120 × 1.5% = 1.80 required, excess 6.20 → 6 × 5 × 2270 (Dec 2024) */
	assert_string_equal(jstr(r.json, "preview.placed"), "8.00");
	assert_string_equal(jstr(r.json, "preview.required"), "1.80");
	assert_string_equal(jstr(r.json, "preview.excess"), "6.20");
	assert_string_equal(jstr(r.json, "preview.persons_rewarded"), "6");
	assert_string_equal(jstr(r.json, "preview.amount"), "68100.00");
	assert_true(json_is_true(jget(r.json, "preview.eligible")));
	assert_int_equal(json_array_size(jget(r.json, "preview.persons")), 7);
	assert_null(strstr(r.body, "施嵘")); /* names masked */
	resp_free(&r);
}

static void test_no_application_before_the_declaration_passed(void **state)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/rewards", xinghe, last + 1);
	http(&srv, "POST", path, t_xinghe, "{}", NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "declaration_not_passed");
	resp_free(&r);
	http(&srv, "GET", "/rewards", t_xinghe, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0); /* nothing stored */
	resp_free(&r);
}

static void test_unit_applies_with_staff_and_bank_from_unit_info(void **state)
{
	struct resp r;
	const char *h[] = { "Idempotency-Key: apply-xinghe-1", NULL };
	http(&srv, "POST", rewards_path, t_xinghe, "{}", h, &r);
	assert_int_equal(r.status, 201);
	app_id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "status"), "applied");
	assert_string_equal(jstr(r.json, "channel"), "online");
	assert_string_equal(jstr(r.json, "applied_by"), "xinghe");
	assert_string_equal(jstr(r.json, "staff"), "120");
	assert_string_equal(jstr(r.json, "bank.payee"), "兴和县宏达商贸有限公司");
	assert_string_equal(jstr(r.json, "bank.bank"), "中国农业银行");
	assert_string_equal(jstr(r.json, "amount"), "68100.00");
	assert_string_equal(r.etag, "\"1\"");
	assert_int_equal(json_array_size(jget(r.json, "persons")), 7);
	char first_month[8];
	snprintf(first_month, sizeof first_month, "%d01", last);
	assert_string_equal(jstr(r.json, "persons.0.months.0.month"), first_month);
	assert_true(json_is_true(jget(r.json, "persons.0.months.0.counted")));
	resp_free(&r);
	/* the same key again: the first answer, nothing new */
	http(&srv, "POST", rewards_path, t_xinghe, "{}", h, &r);
	assert_int_equal(r.status, 201);
	assert_int_equal(jint(r.json, "id"), app_id);
	resp_free(&r);
}

static void test_one_application_per_unit_and_year(void **state)
{
	struct resp r;
	http(&srv, "POST", rewards_path, t_xinghe, "{}", NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "conflict");
	resp_free(&r);
	http(&srv, "GET", rewards_path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(jint(r.json, "application.id"), app_id);
	resp_free(&r);
}

/* Sets fields of a unit as the administrator; the new version's ETag. */
static void admin_sets(const char *uscc, const char *kind, const char *category,
		       int concentrated, int vat_refund)
{
	struct resp u, r;
	char path[64], etag[48];
	snprintf(path, sizeof path, "/units/%s", uscc);
	http(&srv, "GET", path, t_admin, NULL, NULL, &u);
	json_object_set_new(u.json, "kind", json_string(kind));
	json_object_set_new(u.json, "institution_category",
			    category ? json_string(category) : json_null());
	json_object_set_new(u.json, "concentrated", json_boolean(concentrated));
	json_object_set_new(u.json, "vat_refund", json_boolean(vat_refund));
	char *text = json_dumps(u.json, JSON_COMPACT);
	snprintf(etag, sizeof etag, "If-Match: %s", u.etag);
	const char *h[] = { etag, NULL };
	http(&srv, "PUT", path, t_admin, text, h, &r);
	assert_int_equal(r.status, 200);
	free(text);
	resp_free(&r);
	resp_free(&u);
}

static void expect_excluded(const char *field, const char *words)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/rewards", beifang, last);
	http(&srv, "POST", path, t_beifang, "{}", NULL, &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "excluded");
	assert_string_equal(jstr(r.json, "field"), field);
	assert_non_null(strstr(jstr(r.json, "detail"), words));
	resp_free(&r);
}

static void expect_not_excluded(void)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/rewards", beifang, last);
	http(&srv, "POST", path, t_beifang, "{}", NULL, &r);
	assert_int_equal(r.status, 409); /* 北方福康 is below the reward's threshold */
	assert_string_equal(jstr(r.json, "code"), "not_eligible");
	resp_free(&r);
}

static void test_fiscally_funded_and_concentrated_units_are_excluded(void **state)
{
	admin_sets(beifang, "government", NULL, 0, 0);
	expect_excluded("kind", "机关");
	admin_sets(beifang, "institution", "public_welfare_2", 0, 0);
	expect_excluded("institution_category", "公益一类/二类");
	admin_sets(beifang, "institution", "business", 0, 0);
	expect_not_excluded();
	admin_sets(beifang, "enterprise", NULL, 1, 1);
	expect_excluded("concentrated", "集中安置");
	admin_sets(beifang, "enterprise", NULL, 1, 0); /* 集中安置 without the VAT refund */
	expect_not_excluded();
	admin_sets(beifang, "enterprise", NULL, 0, 0);
}

static void test_excess_below_one_person_is_not_eligible_until_staff_says_otherwise(void **state)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/rewards", beifang, last);
	/* 48 counted months = 4.00 placed; 260 × 1.5% = 3.90: excess 0.10 */
	http(&srv, "GET", path, t_beifang, NULL, NULL, &r);
	assert_string_equal(jstr(r.json, "preview.excess"), "0.10");
	assert_string_equal(jstr(r.json, "preview.why"), "excess_too_small");
	assert_false(json_is_true(jget(r.json, "preview.eligible")));
	resp_free(&r);
	/* the staff count given replaces unit info: 100 × 1.5% = 1.50, excess 2.50 */
	http(&srv, "POST", path, t_beifang,
	     "{\"staff\":\"100\",\"bank\":{\"payee\":\"包头市北方福康制造有限公司\","
	     "\"account\":\"6222020000000000002\",\"bank\":\"中国工商银行\"}}", NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "staff"), "100");
	assert_string_equal(jstr(r.json, "excess"), "2.50");
	assert_string_equal(jstr(r.json, "amount"), "22700.00");
	assert_string_equal(jstr(r.json, "bank.bank"), "中国工商银行");
	resp_free(&r);
	http(&srv, "POST", path, t_beifang, "{\"staff\":\"0\"}", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "staff");
	resp_free(&r);
}

static void review(const char *tok, const char *step, const char *etag, const char *body,
		   struct resp *r)
{
	char path[96], h1[48];
	snprintf(path, sizeof path, "/rewards/%lld/%s", app_id, step);
	snprintf(h1, sizeof h1, "If-Match: %s", etag);
	const char *h[] = { h1, NULL };
	http(&srv, "PUT", path, tok, body, etag ? h : NULL, r);
}

static void test_attachments_are_files_checked_like_materials(void **state)
{
	struct resp r, g;
	struct sample png;
	char path[96];
	sample_png(&png);
	snprintf(path, sizeof path, "/rewards/%lld/attachments", app_id);
	upload(&srv, path, t_xinghe, NULL, "开户许可证.png", png.b, png.n, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "content_type"), "image/png");
	assert_string_equal(jstr(r.json, "kind"), "other");
	snprintf(path, sizeof path, "/rewards/%lld/attachments/%lld", app_id, jint(r.json, "id"));
	resp_free(&r);
	http(&srv, "GET", path, t_reviewer, NULL, NULL, &g);
	assert_int_equal(g.status, 200);
	assert_int_equal(g.len, png.n);
	assert_memory_equal(g.body, png.b, png.n);
	resp_free(&g);
	snprintf(path, sizeof path, "/rewards/%lld/attachments", app_id);
	upload(&srv, path, t_xinghe, NULL, "名单.png", "not an image", 12, &r);
	assert_int_equal(r.status, 415);
	resp_free(&r);
	/* federation staff add files only to the applications they entered */
	upload(&srv, path, t_reviewer, NULL, "x.png", png.b, png.n, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	snprintf(path, sizeof path, "/rewards/%lld", app_id);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "attachments")), 1);
	resp_free(&r);
}

static void test_certificate_is_refused_until_approved(void **state)
{
	struct resp r;
	char path[96];
	snprintf(path, sizeof path, "/rewards/%lld/document", app_id);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 409);
	assert_non_null(strstr(jstr(r.json, "detail"), "once approved"));
	resp_free(&r);
}

static void test_first_review_needs_if_match_and_a_reason_to_fail(void **state)
{
	struct resp r;
	review(t_reviewer, "first-review", NULL, "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 428);
	resp_free(&r);
	review(t_reviewer, "first-review", "\"7\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 412);
	resp_free(&r);
	review(t_reviewer, "first-review", "\"1\"", "{\"result\":\"fail\"}", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "reason");
	resp_free(&r);
	review(t_reviewer, "first-review", "\"1\"", "{\"result\":\"maybe\"}", &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "result");
	resp_free(&r);
	/* the unit does not review */
	review(t_xinghe, "first-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

static void test_second_review_is_by_a_supervisor_other_than_the_first_reviewer(void **state)
{
	struct resp r;
	/* the second review waits for the first */
	review(t_supervisor, "second-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	review(t_supervisor, "first-review", "\"1\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "first_passed");
	assert_string_equal(jstr(r.json, "first_review.reviewer"), "supervisor");
	resp_free(&r);
	review(t_supervisor, "second-review", "\"2\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 409);
	assert_string_equal(jstr(r.json, "code"), "four_eyes");
	resp_free(&r);
	review(t_sup2, "second-review", "\"2\"", "{\"result\":\"pass\"}", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "approved");
	assert_string_equal(jstr(r.json, "second_review.reviewer"), "sup2");
	assert_string_equal(r.etag, "\"3\"");
	resp_free(&r);
	/* decided: no step again */
	review(t_sup2, "second-review", "\"3\"", "{\"result\":\"fail\",\"reason\":\"x\"}", &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
}

static void test_unit_gets_a_notice_at_each_step(void **state)
{
	struct resp r;
	int first = 0, approved = 0;
	size_t i;
	json_t *n;
	http(&srv, "GET", "/notices", t_xinghe, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, n) {
		first += strcmp(jstr(n, "title"), "超比例奖励申请初审通过通知") == 0;
		approved += strcmp(jstr(n, "title"), "超比例奖励申请审核通过通知") == 0 &&
			    strstr(jstr(n, "body"), "68100.00") && strstr(jstr(n, "body"), "认定书");
	}
	assert_int_equal(first, 1);
	assert_int_equal(approved, 1);
	resp_free(&r);
}

static void test_approved_application_takes_no_attachments_and_issues_its_certificate(void **state)
{
	struct resp r;
	struct sample png;
	char path[96];
	sample_png(&png);
	snprintf(path, sizeof path, "/rewards/%lld/attachments", app_id);
	upload(&srv, path, t_xinghe, NULL, "late.png", png.b, png.n, &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	snprintf(path, sizeof path, "/rewards/%lld/document", app_id);
	http(&srv, "GET", path, t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/pdf");
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "%PDF-", 5);
	char disposition[200], expect[120];
	assert_non_null(resp_header(&r, "Content-Disposition", disposition, sizeof disposition));
	snprintf(expect, sizeof expect, "reward-certification-%s-%d.pdf", xinghe, last);
	assert_non_null(strstr(disposition, expect));
	size_t first_len = r.len;
	char *first = malloc(r.len);
	memcpy(first, r.body, r.len);
	resp_free(&r);
	/* the same document again, byte for byte; the reviewer of the region reads it too */
	http(&srv, "GET", path, t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, first_len);
	assert_memory_equal(r.body, first, first_len);
	free(first);
	resp_free(&r);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 404); /* another unit's */
	resp_free(&r);
}

static void test_a_rejection_at_the_first_review_gives_the_reason(void **state)
{
	struct resp r;
	char path[96], etag[48];
	/* 草原绿能 (the demo's application, awaiting the first review) */
	http(&srv, "GET", "/rewards?status=applied", t_supervisor, NULL, NULL, &r);
	long long id = jint(jget(r.json, "items.0"), "id");
	assert_string_equal(jstr(r.json, "items.0.uscc"), caoyuan);
	resp_free(&r);
	snprintf(path, sizeof path, "/rewards/%lld/first-review", id);
	snprintf(etag, sizeof etag, "If-Match: \"1\"");
	const char *h[] = { etag, NULL };
	http(&srv, "PUT", path, t_supervisor,
	     "{\"result\":\"fail\",\"reason\":\"收款账号与开户银行不符\"}", h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "rejected");
	assert_string_equal(jstr(r.json, "first_review.reason"), "收款账号与开户银行不符");
	resp_free(&r);
	http(&srv, "GET", "/notices", t_caoyuan, NULL, NULL, &r);
	assert_non_null(strstr(r.body, "初审未通过，原因：收款账号与开户银行不符"));
	resp_free(&r);
}

static void test_lists_keep_to_the_callers_unit_or_region(void **state)
{
	struct resp r;
	char path[64];
	size_t i;
	json_t *it;
	/* the reviewer (乌兰察布市) sees 兴和宏达's, not 草原绿能's (呼和浩特) */
	http(&srv, "GET", "/rewards", t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(json_array_size(jget(r.json, "items")) >= 1);
	json_array_foreach(jget(r.json, "items"), i, it)
		assert_string_equal(jstr(it, "uscc"), xinghe);
	resp_free(&r);
	snprintf(path, sizeof path, "/rewards/%lld", app_id);
	http(&srv, "GET", path, t_caoyuan, NULL, NULL, &r);
	assert_int_equal(r.status, 404); /* another unit's */
	resp_free(&r);
	http(&srv, "GET", "/rewards?region=150100", t_reviewer, NULL, NULL, &r);
	assert_int_equal(r.status, 422);
	resp_free(&r);
	/* a unit sees its own only, whatever it asks */
	http(&srv, "GET", "/rewards?region=150000", t_caoyuan, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "items"), i, it)
		assert_string_equal(jstr(it, "uscc"), caoyuan);
	resp_free(&r);
	http(&srv, "GET", "/rewards?status=sent", t_supervisor, NULL, NULL, &r);
	assert_int_equal(r.status, 422);
	resp_free(&r);
}

static void test_lists_page_by_cursor_and_filter_by_status_and_year(void **state)
{
	struct resp r;
	char path[160];
	/* three applications in the province: 兴和宏达, 北方福康, 草原绿能 */
	http(&srv, "GET", "/rewards?limit=2", t_supervisor, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 2);
	const char *cursor = jstr(r.json, "next_cursor");
	assert_non_null(cursor);
	snprintf(path, sizeof path, "/rewards?limit=2&cursor=%s", cursor);
	resp_free(&r);
	http(&srv, "GET", path, t_supervisor, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_true(json_is_null(jget(r.json, "next_cursor")));
	resp_free(&r);
	http(&srv, "GET", "/rewards?status=approved", t_supervisor, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_int_equal(jint(r.json, "items.0.id"), app_id);
	resp_free(&r);
	snprintf(path, sizeof path, "/rewards?year=%d", last + 1);
	http(&srv, "GET", path, t_supervisor, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
}

static void test_window_search_finds_units_by_name_or_uscc_in_the_region(void **state)
{
	struct resp r;
	char path[96];
	http(&srv, "GET", "/units?q=%E5%AE%8F%E8%BE%BE", t_reviewer, NULL, NULL, &r); /* 宏达 */
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_string_equal(jstr(r.json, "items.0.uscc"), xinghe);
	resp_free(&r);
	/* 草原绿能 lies outside 乌兰察布市: not found by name or USCC */
	http(&srv, "GET", "/units?q=%E8%8D%89%E5%8E%9F", t_reviewer, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
	snprintf(path, sizeof path, "/units?q=%s", caoyuan);
	http(&srv, "GET", path, t_reviewer, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
	http(&srv, "GET", path, t_supervisor, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	resp_free(&r);
	/* the start of a USCC, any case */
	snprintf(path, sizeof path, "/units?q=%.10s", xinghe);
	path[strlen(path) - 1] = 'a'; /* …MA → …Ma */
	http(&srv, "GET", path, t_reviewer, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	resp_free(&r);
	http(&srv, "GET", "/units?limit=1", t_supervisor, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_false(json_is_null(jget(r.json, "next_cursor")));
	resp_free(&r);
	http(&srv, "GET", "/units?q=x", t_xinghe, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

/* Rows of the audit for an entity and action (the service's store). */
static int audited(const char *entity, const char *action)
{
	char sql[200], out[32];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity = '%s' AND action = '%s'",
		 entity, action);
	return db_query(&srv, sql, out, sizeof out) == 0 && out[0] ? atoi(out) : -1;
}

static void test_every_change_is_audited(void **state)
{
	assert_int_equal(audited("reward", "apply"), 2);        /* 兴和宏达, 北方福康 */
	assert_int_equal(audited("reward", "attach"), 1);
	assert_int_equal(audited("reward", "first_review"), 2); /* 兴和宏达, 草原绿能 */
	assert_int_equal(audited("reward", "second_review"), 1);
}

/* The federation moves 兴和宏达 to 呼和浩特's department: its applications are
 * listed there, no longer in 乌兰察布市. */
static void test_an_application_follows_its_unit_to_another_region(void **state)
{
	struct resp u, r;
	char path[64], etag[48];
	snprintf(path, sizeof path, "/units/%s", xinghe);
	http(&srv, "GET", path, t_admin, NULL, NULL, &u);
	json_object_set_new(u.json, "federation_region", json_string("150105"));
	char *text = json_dumps(u.json, JSON_COMPACT);
	snprintf(etag, sizeof etag, "If-Match: %s", u.etag);
	const char *h[] = { etag, NULL };
	http(&srv, "PUT", path, t_admin, text, h, &r);
	assert_int_equal(r.status, 200);
	free(text);
	resp_free(&r);
	resp_free(&u);
	http(&srv, "GET", "/rewards", t_reviewer, NULL, NULL, &r);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
	http(&srv, "GET", "/rewards?region=150100", t_supervisor, NULL, NULL, &r);
	size_t i;
	json_t *it;
	int found = 0;
	json_array_foreach(jget(r.json, "items"), i, it)
		found += jint(it, "id") == app_id;
	assert_int_equal(found, 1);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preview_shows_the_year_as_the_unit_would_apply),
		cmocka_unit_test(test_no_application_before_the_declaration_passed),
		cmocka_unit_test(test_unit_applies_with_staff_and_bank_from_unit_info),
		cmocka_unit_test(test_one_application_per_unit_and_year),
		cmocka_unit_test(test_fiscally_funded_and_concentrated_units_are_excluded),
		cmocka_unit_test(test_excess_below_one_person_is_not_eligible_until_staff_says_otherwise),
		cmocka_unit_test(test_attachments_are_files_checked_like_materials),
		cmocka_unit_test(test_certificate_is_refused_until_approved),
		cmocka_unit_test(test_first_review_needs_if_match_and_a_reason_to_fail),
		cmocka_unit_test(test_second_review_is_by_a_supervisor_other_than_the_first_reviewer),
		cmocka_unit_test(test_unit_gets_a_notice_at_each_step),
		cmocka_unit_test(test_approved_application_takes_no_attachments_and_issues_its_certificate),
		cmocka_unit_test(test_a_rejection_at_the_first_review_gives_the_reason),
		cmocka_unit_test(test_lists_keep_to_the_callers_unit_or_region),
		cmocka_unit_test(test_lists_page_by_cursor_and_filter_by_status_and_year),
		cmocka_unit_test(test_window_search_finds_units_by_name_or_uscc_in_the_region),
		cmocka_unit_test(test_every_change_is_audited),
		cmocka_unit_test(test_an_application_follows_its_unit_to_another_region),
	};
	return cmocka_run_group_tests_name("rewards", tests, setup, teardown);
}
