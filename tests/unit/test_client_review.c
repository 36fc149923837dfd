/* The review workbench's pure parts and its outbox (issue 10): a case's
 * decision rows (the registered months, then a dispatch case's three items)
 * take a choice only when they await review; V chooses 有效 for every row
 * still open; one request carries a case's decisions in the API's shape; a
 * reload keeps what was chosen on rows still open. The outbox holds a new
 * entry for undo, keeps every entry on disk (0600, per server and user) and
 * brings them back at the next start, and forgets nothing taken back. The
 * history reads as who did what, before -> after, in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "client/engine.h"
#include "screens/history_text.h"
#include "screens/queue_filter.h"
#include "screens/review_case.h"
#include "screens/review_text.h"
#include "screens/screens.h"
#include "ui/text.h"

/* 李建国's case as the service sends it: Jan–Jun system, Jul pending (wage
 * failed), Aug decided 无效 by someone, Sep not registered; and a dispatch
 * case's items. */
static json_t *placement(bool dispatch)
{
	json_t *months = json_array();
	for (int m = 1; m <= 9; m++) {
		char ym[8];
		snprintf(ym, sizeof ym, "2025%02d", m);
		const char *result = m <= 6 ? "system" : m == 7 ? "pending" : "invalid";
		json_t *mo = json_pack("{s:s, s:b, s:s, s:{s:{s:b, s:o}}}", "month", ym, "registered", m <= 8,
				       "result", result, "checks", "wage", "ok", m != 7, "reason",
				       m == 7 ? json_string("no_wage_record") : json_null());
		json_array_append_new(months, mo);
	}
	json_t *items = dispatch ? json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:n}]", "item", "licence",
					     "result", "pending", "item", "agreement", "result",
					     "valid", "item", "contract", "result")
				 : json_null();
	return json_pack("{s:i, s:i, s:o, s:o, s:{s:s}, s:s}", "id", 17, "version", 4, "months",
			 months, "dispatch_items", items, "person", "name", "李建国", "uscc",
			 "91150924MA0HXD012T");
}

static void test_only_rows_awaiting_review_take_a_choice(void **st)
{
	(void)st;
	struct review_case c;
	rc_init(&c);
	json_t *pl = placement(true);
	rc_load(&c, pl, NULL);
	json_decref(pl);
	assert_int_equal(c.n, 8 + 3);           /* registered months, then the items */
	assert_int_equal(c.id, 17);
	assert_int_equal(c.version, 4);
	assert_false(rc_choose(&c, 0, MONTH_DECISION_INVALID, "x"));   /* the system's */
	assert_false(rc_choose(&c, 7, MONTH_DECISION_VALID, NULL));    /* decided already */
	assert_false(rc_choose(&c, 10, MONTH_DECISION_VALID, NULL));   /* material missing */
	assert_true(rc_choose(&c, 6, MONTH_DECISION_INVALID, "工资低于最低工资标准"));
	assert_int_equal(rc_open_count(&c), 2);                       /* July and the licence */
	assert_int_equal(rc_failed_checks(&c, 6), 1u << CHECK_WAGE);
	assert_int_equal(rc_failed_checks(&c, 8), 0);                  /* an item */
	char label[200];
	rc_label(&c, label, sizeof label);
	assert_string_equal(label, "李*国 - 91150924MA0HXD012T");   /* the outbox lists it masked */
	rc_free(&c);
}

/* V: every open row not chosen yet becomes 有效; a 无效 chosen stays. The
 * request carries them in doc/api.md's shape. */
static void test_all_valid_keeps_a_chosen_invalid_and_sends_one_body(void **st)
{
	(void)st;
	struct review_case c;
	rc_init(&c);
	json_t *pl = placement(true);
	rc_load(&c, pl, NULL);
	json_decref(pl);
	assert_null(rc_body(&c));   /* nothing chosen, nothing to send */
	rc_choose(&c, 6, MONTH_DECISION_INVALID, "工资低于最低工资标准");
	assert_int_equal(rc_choose_all_valid(&c), 2);
	json_t *body = rc_body(&c);
	json_t *m = json_array_get(json_object_get(body, "months"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "month")), "202507");
	assert_string_equal(json_string_value(json_object_get(m, "result")), "invalid");
	assert_string_equal(json_string_value(json_object_get(m, "reason")), "工资低于最低工资标准");
	json_t *d = json_array_get(json_object_get(body, "dispatch"), 0);
	assert_string_equal(json_string_value(json_object_get(d, "item")), "licence");
	assert_string_equal(json_string_value(json_object_get(d, "result")), "valid");
	assert_null(json_object_get(d, "reason"));
	char sum[64];
	rc_body_summary(body, sum, sizeof sum);
	assert_string_equal(sum, "有效 1，无效 1");
	/* a case taken back comes again with these choices */
	struct review_case again;
	rc_init(&again);
	pl = placement(true);
	rc_load(&again, pl, NULL);
	json_decref(pl);
	assert_int_equal(rc_apply_body(&again, body), 2);
	assert_int_equal(again.rows[6].choice, MONTH_DECISION_INVALID);
	json_decref(body);
	rc_free(&again);
	rc_free(&c);
}

/* Reloaded (another reviewer may have decided meanwhile): choices stay on
 * rows still open, and go where the row was decided by someone else. */
static void test_reload_keeps_choices_on_rows_still_open(void **st)
{
	(void)st;
	struct review_case c;
	rc_init(&c);
	json_t *pl = placement(true);
	rc_load(&c, pl, NULL);
	rc_choose_all_valid(&c);
	json_object_set_new(json_array_get(json_object_get(pl, "dispatch_items"), 0), "result",
			    json_string("invalid"));   /* decided by another meanwhile */
	json_object_set_new(pl, "version", json_integer(5));
	rc_load(&c, pl, &c);
	json_decref(pl);
	assert_int_equal(c.version, 5);
	assert_int_equal(c.rows[6].choice, MONTH_DECISION_VALID);
	assert_int_equal(c.rows[8].choice, MONTH_DECISION_NONE);
	assert_int_equal(rc_chosen_count(&c), 1);
	rc_free(&c);
}

/* The common reasons that fit the row come first: a wage failure gets the
 * wage reasons, a dispatch item its own; the general ones next. */
static void test_reasons_that_fit_the_row_come_first(void **st)
{
	(void)st;
	struct review_case c;
	rc_init(&c);
	json_t *pl = placement(true);
	rc_load(&c, pl, NULL);
	json_decref(pl);
	json_t *reasons = json_loads("{\"reasons\":[{\"text\":\"残疾证已过期\",\"checks\":[\"certificate\"],\"items\":[]},"
				     "{\"text\":\"材料不清晰\",\"checks\":[],\"items\":[]},"
				     "{\"text\":\"工资低于最低工资标准\",\"checks\":[\"wage\"],\"items\":[]},"
				     "{\"text\":\"劳务派遣经营许可证已过期\",\"checks\":[],\"items\":[\"licence\"]}]}",
				     0, NULL);
	json_t *july = rt_reasons_for(&c, 6, reasons);
	assert_int_equal(json_array_size(july), 4);
	assert_string_equal(json_string_value(json_array_get(july, 0)), "工资低于最低工资标准");
	assert_string_equal(json_string_value(json_array_get(july, 1)), "材料不清晰");
	json_t *licence = rt_reasons_for(&c, 8, reasons);
	assert_string_equal(json_string_value(json_array_get(licence, 0)), "劳务派遣经营许可证已过期");
	/* under the grid: why July failed; the licence's material is missing */
	struct rt_line lines[8];
	int n = rt_detail(&c, 6, lines, 8);
	assert_true(n >= 1);
	assert_non_null(strstr(lines[0].text, "工资信息"));
	n = rt_detail(&c, 8, lines, 8);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0].text, "对应资料未上传");
	json_decref(july);
	json_decref(licence);
	json_decref(reasons);
	rc_free(&c);
}

/* The queue's filters as the service takes them and as the screen says them. */
/* Enter on a row goes to what proves it: a dispatch item's own material,
 * the kind a month's failed check asks for; nothing uploaded, no row. */
static void test_a_row_finds_the_material_that_proves_it(void **st)
{
	(void)st;
	struct review_case c;
	rc_init(&c);
	json_t *pl = placement(true);
	json_object_set_new(json_array_get(json_object_get(pl, "dispatch_items"), 0), "material_kind",
			    json_string("dispatch_licence"));
	json_object_set_new(json_array_get(json_object_get(pl, "dispatch_items"), 1), "material_kind",
			    json_string("dispatch"));
	json_object_set_new(pl, "materials",
			    json_pack("[{s:s}, {s:s}, {s:s}]", "kind", "contract", "kind", "wage",
				      "kind", "dispatch_licence"));
	rc_load(&c, pl, NULL);
	json_decref(pl);
	int july = 6, licence = -1, agreement = -1;
	for (int i = 0; i < c.n; i++) {
		if (c.rows[i].item && c.rows[i].which == DISPATCH_LICENCE)
			licence = i;
		if (c.rows[i].item && c.rows[i].which == DISPATCH_AGREEMENT)
			agreement = i;
	}
	assert_string_equal(c.rows[july].key, "202507");
	assert_int_equal(rc_proof_material(&c, july), 1);         /* wage failed: the wage proof */
	assert_int_equal(rc_proof_material(&c, licence), 2);      /* its own material */
	assert_int_equal(rc_proof_material(&c, agreement), -1);   /* 三方协议 not uploaded */
	assert_int_equal(rc_proof_material(&c, 0), -1);           /* January passed: nothing asked */
	assert_int_equal(rc_proof_material(&c, c.n), -1);
	rc_free(&c);
}

static void test_queue_filters_query_and_words(void **st)
{
	(void)st;
	struct queue_filter f = { 0 };
	char q[400], t[400];
	assert_true(qf_set_dates(&f, "2026-01-01 2026-01-31"));
	assert_string_equal(f.from, "2026-01-01");
	assert_string_equal(f.to, "2026-01-31");
	assert_false(qf_set_dates(&f, "2026-13-01"));
	assert_string_equal(f.from, "2026-01-01");   /* a bad date changes nothing */
	assert_true(qf_set_dates(&f, "- 2026-02-28"));
	assert_string_equal(f.from, "");
	assert_int_equal(qf_set_region(&f, "150900", "兴和"), 1);
	assert_string_equal(f.region, "150924");
	assert_int_equal(qf_set_region(&f, "150900", "呼和浩特"), 0);   /* not the reviewer's */
	assert_string_equal(f.region, "150924");
	snprintf(f.unit, sizeof f.unit, "宏达");
	qf_next_status(&f);
	qf_query(&f, q, sizeof q);
	assert_string_equal(q, "&region=150924&unit=%E5%AE%8F%E8%BE%BE&status=pending&to=2026-02-28");
	qf_text(&f, t, sizeof t);
	assert_non_null(strstr(t, "兴和县"));
	assert_non_null(strstr(t, "宏达"));
	assert_non_null(strstr(t, "待审核"));
	assert_int_equal(qf_set_region(&f, "150900", ""), 1);
	assert_string_equal(f.region, "");
}

/* ---------------------------------------------------------------- the outbox */

static struct app *app;
static char state[] = "/tmp/anzhi-outbox-XXXXXX";

static struct app *new_app(void)
{
	struct config cfg = { .server = "https://127.0.0.1:9" };
	struct app_screens scr = { &screen_login, &screen_help, &screen_notices, &screen_pager,
				   &screen_account, &screen_sessions, &screen_fedmenu };
	char err[200];
	struct app *a = app_new(&cfg, &scr, err, sizeof err);
	assert_non_null(a);
	json_t *user = json_pack("{s:s, s:s, s:s, s:i}", "username", "reviewer", "role", "reviewer",
				 "region", "150900", "year", 2025);
	app_set_user(a, user, "token");
	json_decref(user);
	return a;
}

static char *outbox_path(void)
{
	static char path[600];
	char cmd[700];
	snprintf(cmd, sizeof cmd, "ls %s/anzhi/outbox-*.json 2>/dev/null", state);
	FILE *p = popen(cmd, "r");
	path[0] = '\0';
	if (p && fgets(path, sizeof path, p))
		path[strcspn(path, "\n")] = '\0';
	if (p)
		pclose(p);
	return path;
}

static void test_outbox_holds_keeps_on_disk_0600_and_comes_back(void **st)
{
	(void)st;
	assert_non_null(mkdtemp(state));
	setenv("XDG_STATE_HOME", state, 1);
	app = new_app();
	json_t *body = json_pack("{s:[{s:s, s:s}]}", "months", "month", "202507", "result", "valid");
	int id = app_outbox_add(app, "PUT", "/placements/17/review", "\"4\"", body, 17, "李建国");
	assert_true(id > 0);
	struct outbox_item it;
	assert_true(app_outbox_get(app, 0, &it));
	assert_int_equal(it.state, OUTBOX_HELD);   /* undo's window */
	assert_true(it.wait > 1 && it.wait <= 3);
	int due = outbox_due_ms(app);
	assert_true(due > 1000 && due <= 3001);
	assert_true(app_outbox_sent(app, 17));
	assert_false(app_outbox_sent(app, 18));
	struct stat sb;
	const char *path = outbox_path();
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* anzhi ends and starts again: the entry is there, ready to go */
	app_free(app);
	app = new_app();
	assert_int_equal(app_outbox_count(app, NULL), 1);
	assert_true(app_outbox_get(app, 0, &it));
	assert_int_equal(it.state, OUTBOX_READY);
	assert_int_equal(it.ref, 17);
	assert_string_equal(it.path, "/placements/17/review");
	assert_string_equal(it.label, "李建国");
	json_t *back = json_loads(it.body, 0, NULL);
	assert_true(json_equal(back, body));
	json_decref(back);
	json_decref(body);
	app_free(app);
	app = NULL;
}

static void test_undo_takes_the_newest_back_with_its_decisions(void **st)
{
	(void)st;
	setenv("XDG_STATE_HOME", state, 1);
	app = new_app();
	app_outbox_drop(app, 1);   /* what the last test left */
	json_t *b1 = json_pack("{s:[{s:s, s:s}]}", "months", "month", "202501", "result", "valid");
	json_t *b2 = json_pack("{s:[{s:s, s:s, s:s}]}", "months", "month", "202502", "result",
			       "invalid", "reason", "x");
	app_outbox_add(app, "PUT", "/placements/1/review", "\"1\"", b1, 1, "a");
	app_outbox_add(app, "PUT", "/placements/2/review", "\"1\"", b2, 2, "b");
	json_t *body;
	assert_int_equal(app_outbox_undo(app, &body), 2);
	assert_true(json_equal(body, b2));
	json_decref(body);
	assert_false(app_outbox_sent(app, 2));
	assert_int_equal(app_outbox_undo(app, NULL), 1);
	assert_int_equal(app_outbox_undo(app, NULL), 0);   /* nothing left */
	assert_int_equal(app_outbox_count(app, NULL), 0);
	assert_string_equal(outbox_path(), "");            /* an empty outbox leaves no file */
	json_decref(b1);
	json_decref(b2);
	app_free(app);
	app = NULL;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", state);
	assert_int_equal(system(cmd), 0);
}

/* ---------------------------------------------------------------- history */

static void test_history_reads_who_did_what_before_to_after(void **st)
{
	(void)st;
	json_t *items = json_loads(
		"[{\"at\":\"2026-02-10 10:30:00\",\"user\":\"reviewer\",\"display_name\":\"审核员甲\","
		"\"role\":\"reviewer\",\"ip\":\"10.0.0.7\",\"action\":\"decided\","
		"\"before\":{\"status\":\"pending\",\"months\":[{\"month\":\"202507\",\"result\":\"pending\"}]},"
		"\"after\":{\"status\":\"confirmed\",\"months\":[{\"month\":\"202507\",\"result\":\"valid\"}]}},"
		"{\"at\":\"2026-01-15 09:13:00\",\"user\":\"xinghe\",\"display_name\":null,\"role\":\"unit\","
		"\"ip\":null,\"action\":\"registered\",\"before\":null,"
		"\"after\":{\"person\":{\"name\":\"李建国\"},\"status\":\"incomplete\"}}]", 0, NULL);
	char *text = history_text(items);
	assert_non_null(strstr(text, "2026-02-10 10:30:00  审核员甲 (审核员, 10.0.0.7)  审核\n"));
	assert_non_null(strstr(text, "202507 认证结果: 待审核 -> 有效"));
	assert_non_null(strstr(text, "审核状态: 待审核 -> 已审核确认"));
	assert_non_null(strstr(text, "xinghe (单位用户)  登记人员\n"));   /* no address: not shown */
	assert_non_null(strstr(text, "姓名: 李建国"));
	free(text);
	json_decref(items);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "zh_CN", 1);
	i18n_init("zh");
	text_init(true);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_rows_awaiting_review_take_a_choice),
		cmocka_unit_test(test_all_valid_keeps_a_chosen_invalid_and_sends_one_body),
		cmocka_unit_test(test_reload_keeps_choices_on_rows_still_open),
		cmocka_unit_test(test_reasons_that_fit_the_row_come_first),
		cmocka_unit_test(test_a_row_finds_the_material_that_proves_it),
		cmocka_unit_test(test_queue_filters_query_and_words),
		cmocka_unit_test(test_outbox_holds_keeps_on_disk_0600_and_comes_back),
		cmocka_unit_test(test_undo_takes_the_newest_back_with_its_decisions),
		cmocka_unit_test(test_history_reads_who_did_what_before_to_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
