/* taxrec: the tax record (发送税务) carries the core's levy for the unit's
 * figures and the year's counted months (SPEC §7.1), every step, the wage
 * figures used, and says when the policy's social average wage is an
 * example; and the notices (通知公告) of each declaration step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/count.h"
#include "server/decl_notice.h"
#include "server/fileio.h"
#include "server/taxrec.h"

static struct policy policy;

static int setup(void **state)
{
	struct core_error ce;
	char *text = srv_read_file(ANZHI_DATADIR "/policy/150000.json", NULL);
	int ok = text && policy_load(text, "150000.json", &policy, &ce);
	free(text);
	return ok ? 0 : -1;
}

static struct unit_figures figures(const char *kind, int64_t staff, int64_t wages_fen)
{
	struct unit_figures f = { .staff_last_year = staff, .has_wages = 1,
				  .wages_last_year_fen = wages_fen };
	snprintf(f.kind, sizeof f.kind, "%s", kind);
	snprintf(f.tax_region, sizeof f.tax_region, "150981");
	return f;
}

/* 400 staff, 48 counted months (4 persons = 1%: the 50% tier), 70000 a head. */
static void test_the_record_carries_the_cores_levy_and_its_steps(void **state)
{
	struct unit_figures f = figures("enterprise", 400, 2800000000LL);
	struct tax_row *t = calloc(1, sizeof *t);
	struct levy_input in;
	struct levy_result want;
	struct core_error ce;
	taxrec_levy_input(&f, 2025, 48, &in);
	assert_true(levy_compute(&policy, &in, &want, &ce));
	assert_true(taxrec_make(&policy, &f, 2025, 36, 48, t, &ce));
	assert_int_equal(t->levy_fen, want.due_fen);
	assert_int_equal(t->levy_fen, 7000000); /* (6 − 4) × 70000 × 50% */
	assert_int_equal(t->avg_wage_fen, 7000000);
	assert_int_equal(t->wage_used_fen, 7000000);
	assert_int_equal(t->wage_cap_multiple, 2);
	assert_string_equal(t->placed_persons, "4.00");
	assert_string_equal(t->factor, "0.5");
	json_t *steps = json_loads(t->steps, 0, NULL);
	assert_int_equal(json_array_size(steps), want.n_steps);
	assert_string_equal(json_string_value(json_object_get(json_array_get(steps, 0), "kind")),
			    "avg_wage");
	json_decref(steps);
	/* the policy's 2025 social average wage is an example figure: said so */
	assert_true(t->has_social_avg);
	assert_true(t->social_avg_wage_example);
	json_t *j = taxrec_json(t);
	assert_string_equal(json_string_value(json_object_get(j, "levy_due")), "70000.00");
	assert_true(json_is_true(json_object_get(j, "social_avg_wage_example")));
	json_decref(j);
	free(t);
}

/* A ratio that never ends is written to 9 places, exact ones as they are. */
static void test_steps_write_exact_decimals(void **state)
{
	struct unit_figures f = figures("enterprise", 120, 720000000LL);
	struct tax_row *t = calloc(1, sizeof *t);
	struct core_error ce;
	assert_true(taxrec_make(&policy, &f, 2025, 13, 13, t, &ce)); /* placed 13/12 */
	assert_non_null(strstr(t->steps, "\"1.083333333\""));
	assert_non_null(strstr(t->steps, "\"a\":\"7200000\""));
	free(t);
}

/* Small enterprises are exempt; no staff or an unknown kind is refused. */
static void test_exempt_and_refused_inputs(void **state)
{
	struct tax_row *t = calloc(1, sizeof *t);
	struct core_error ce;
	struct unit_figures small = figures("enterprise", 20, 100000000LL);
	assert_true(taxrec_make(&policy, &small, 2025, 0, 0, t, &ce));
	assert_true(t->exempt);
	assert_int_equal(t->levy_fen, 0);
	struct unit_figures none = figures("enterprise", 0, 100000000LL);
	assert_false(taxrec_make(&policy, &none, 2025, 0, 0, t, &ce));
	assert_string_equal(ce.field, "staff");
	struct unit_figures odd = figures("guild", 50, 100000000LL);
	assert_false(taxrec_make(&policy, &odd, 2025, 0, 0, t, &ce));
	free(t);
}

static void test_each_step_the_unit_must_know_of_has_its_notice(void **state)
{
	char title[200], body[1200];
	assert_true(decl_notice_text(DECL_SUBMIT, 2025, NULL, 36, 48, "2026-03-20 15:00:00", title,
				     sizeof title, body, sizeof body));
	assert_string_equal(title, "2025年度年审申报已提交");
	assert_non_null(strstr(body, "本次累计安置确认36个月，累计安置核定48个月"));
	assert_non_null(strstr(body, "2026-03-20 15:00:00"));
	assert_true(decl_notice_text(DECL_FAIL, 2025, "缺少工资凭证", 0, 0, NULL, title,
				     sizeof title, body, sizeof body));
	assert_non_null(strstr(body, "原因：缺少工资凭证"));
	assert_true(decl_notice_text(DECL_SEND_TO_TAX, 2025, NULL, 0, 0, NULL, title, sizeof title,
				     body, sizeof body));
	assert_string_equal(body, "年审认证结果已发送至税务部门，您可至税务部门办理保障金缴纳相关业务!");
	assert_true(decl_notice_text(DECL_PASS, 2025, NULL, 0, 0, NULL, title, sizeof title, body,
				     sizeof body));
	assert_non_null(strstr(body, "年审认证审核通过!"));
	static const enum declaration_action told[] = {
		DECL_SUBMIT, DECL_PASS, DECL_FAIL, DECL_FEEDBACK_ACCEPT, DECL_FEEDBACK_REJECT,
		DECL_SEND_TO_TAX, DECL_CANCEL_APPROVE, DECL_CANCEL_REJECT, DECL_REOPEN,
	};
	for (size_t i = 0; i < sizeof told / sizeof told[0]; i++)
		assert_true(decl_notice_text(told[i], 2025, "理由", 0, 0, NULL, title, sizeof title,
					     body, sizeof body));
	/* the unit's own steps need no notice */
	assert_false(decl_notice_text(DECL_WITHDRAW, 2025, NULL, 0, 0, NULL, title, sizeof title,
				      body, sizeof body));
	assert_false(decl_notice_text(DECL_FEEDBACK, 2025, NULL, 0, 0, NULL, title, sizeof title,
				      body, sizeof body));
	assert_false(decl_notice_text(DECL_CANCEL_REQUEST, 2025, NULL, 0, 0, NULL, title,
				      sizeof title, body, sizeof body));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_record_carries_the_cores_levy_and_its_steps),
		cmocka_unit_test(test_steps_write_exact_decimals),
		cmocka_unit_test(test_exempt_and_refused_inputs),
		cmocka_unit_test(test_each_step_the_unit_must_know_of_has_its_notice),
	};
	return cmocka_run_group_tests_name("server_taxrec", tests, setup, NULL);
}
