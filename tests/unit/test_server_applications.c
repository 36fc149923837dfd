/* application_calc and application_cert: who counts for an over-quota
 * reward or a graduate application, month by month (SPEC §7.2, §5.5), the
 * counts as decimal strings, and the certificate's content taken from the
 * application as approved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "server/app.h"
#include "server/application_calc.h"
#include "server/application_cert.h"
#include "server/store.h"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-apps-XXXXXX";

static int rm_one(const char *p, const struct stat *sb, int f, struct FTW *w)
{
	return remove(p);
}

static int setup(void **state)
{
	char err[256];
	if (!mkdtemp(dir))
		return -1;
	snprintf(ctx.cfg.data_dir, sizeof ctx.cfg.data_dir, "%s", dir);
	snprintf(ctx.cfg.datadir, sizeof ctx.cfg.datadir, "%s", ANZHI_DATADIR);
	if (app_open(&ctx, &st, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* A placement of 2024 with 12 confirmed months of weight 1 (system checks
 * passed), a contract and a certificate; callers change what a test needs. */
static void placement(struct placement *p, const char *hukou, int dispatch)
{
	char idno[19];
	int yms[12];
	placement_init(p);
	snprintf(idno, sizeof idno, "15092419860514101%c", idno_check_char("15092419860514101"));
	p->id = 7;
	p->year = 2024;
	p->person = json_pack("{s:s, s:s, s:s, s:b, s:s}", "idno", idno, "name", "傅晓东",
			      "hukou_region", hukou, "graduate", 0, "education", "bachelor");
	p->contracts = json_pack("[{s:b, s:s, s:s, s:n}]", "dispatch", dispatch, "type",
				 "open_ended", "start", "2020-01-01", "end");
	p->certificates = json_array();
	for (int m = 1; m <= 12; m++)
		yms[m - 1] = 202400 + m;
	placement_set_months(p, yms, 12);
	for (int i = 0; i < 12; i++) {
		p->months[i].result = MONTH_DECISION_SYSTEM;
		p->months[i].cert_type = CERT_DISABILITY;
		p->months[i].cert_level = 3;
		p->months[i].weight = 1;
	}
}

static void reward(struct placement *p, const struct app_elsewhere *other, size_t n,
		   struct app_person *out)
{
	struct app_person_in in = { p, other, n, false };
	application_reward_person(&ctx.policy, &in, out);
}

static void test_a_qualifying_person_counts_every_confirmed_month_with_its_weight(void **state)
{
	struct placement p;
	struct app_person out;
	placement(&p, "150924", 0);
	p.months[0].weight = 2; /* a month under a double-counted certificate */
	reward(&p, NULL, 0, &out);
	assert_true(out.counted);
	assert_int_equal(out.reason, LEFT_OUT_NONE);
	assert_int_equal(out.months_counted, 13);
	assert_int_equal(out.n_months, 12);
	assert_int_equal(out.months[0].weight, 2);
	assert_string_equal(out.name_masked, "傅*东");
	assert_non_null(strstr(out.idno_masked, "*****"));
	placement_free(&p);
}

static void test_household_registration_outside_the_province_leaves_the_person_out(void **state)
{
	struct placement p;
	struct app_person out;
	placement(&p, "110105", 0);
	reward(&p, NULL, 0, &out);
	assert_false(out.counted);
	assert_int_equal(out.reason, LEFT_OUT_HUKOU);
	assert_int_equal(out.months[5].reason, LEFT_OUT_HUKOU);
	placement_free(&p);
	placement(&p, "", 0); /* not recorded: not shown to be Inner Mongolian */
	reward(&p, NULL, 0, &out);
	assert_int_equal(out.reason, LEFT_OUT_HUKOU);
	placement_free(&p);
}

static void test_months_out_of_employment_age_or_certificate_or_unconfirmed_do_not_count(void **state)
{
	struct placement p;
	struct app_person out;
	placement(&p, "150924", 0);
	p.months[0].result = MONTH_DECISION_VALID;              /* a reviewer's 有效 counts */
	p.months[1].result = MONTH_DECISION_PENDING;            /* not decided */
	p.months[2].result = MONTH_DECISION_INVALID;
	p.months[3].failed = 1u << CHECK_AGE;           /* retired, though confirmed */
	p.months[3].result = MONTH_DECISION_VALID;
	p.months[4].failed = 1u << CHECK_CERTIFICATE;  /* certificate expired */
	p.months[4].result = MONTH_DECISION_VALID;
	p.months[4].cert_type = -1;
	p.months[5].failed = 1u << CHECK_WAGE;          /* other checks: a reviewer decides */
	p.months[5].result = MONTH_DECISION_VALID;
	reward(&p, NULL, 0, &out);
	assert_true(out.counted);
	assert_int_equal(out.months_counted, 8);
	assert_true(out.months[0].counted);
	assert_int_equal(out.months[1].reason, LEFT_OUT_NOT_CONFIRMED);
	assert_int_equal(out.months[2].reason, LEFT_OUT_NOT_CONFIRMED);
	assert_int_equal(out.months[3].reason, LEFT_OUT_AGE);
	assert_int_equal(out.months[4].reason, LEFT_OUT_CERTIFICATE);
	assert_true(out.months[5].counted);
	placement_free(&p);
}

static void test_a_person_left_out_gives_the_first_rule_that_applies(void **state)
{
	struct placement p;
	struct app_person out;
	placement(&p, "150924", 0);
	for (int i = 0; i < 12; i++) {
		p.months[i].result = i < 6 ? MONTH_DECISION_PENDING : MONTH_DECISION_VALID;
		p.months[i].failed = i < 6 ? 0 : 1u << CHECK_AGE;
	}
	reward(&p, NULL, 0, &out);
	assert_false(out.counted);
	assert_int_equal(out.reason, LEFT_OUT_AGE); /* a rule before "not confirmed" */
	placement_free(&p);
}

/* SPEC §4: a dispatch placement is confirmed once its three items (劳务派遣资质,
 * 三方协议, 劳动合同) are 有效 — months the checks passed do not count before. */
static void test_a_dispatch_case_counts_only_once_its_three_items_are_valid(void **state)
{
	struct placement p;
	struct app_person out;
	placement(&p, "150924", 1);
	p.n_items = DISPATCH_ITEM__COUNT;
	for (int i = 0; i < p.n_items; i++) {
		p.items[i].item = (enum dispatch_item)i;
		p.items[i].result = i == 0 ? MONTH_DECISION_VALID : MONTH_DECISION_PENDING;
	}
	reward(&p, NULL, 0, &out);
	assert_false(out.counted);
	assert_int_equal(out.reason, LEFT_OUT_NOT_CONFIRMED);
	for (int i = 0; i < p.n_items; i++)
		p.items[i].result = MONTH_DECISION_VALID;
	reward(&p, NULL, 0, &out);
	assert_true(out.counted);
	assert_int_equal(out.months_counted, 12);
	placement_free(&p);
}

static void test_a_dispatched_person_counts_for_the_receiving_unit_only(void **state)
{
	struct placement p;
	struct app_person out;
	const struct app_elsewhere agency[] = { { 202401, false }, { 202402, false } };
	const struct app_elsewhere receiver[] = { { 202401, true }, { 202402, true } };
	const struct app_elsewhere plain[] = { { 202401, false } };
	/* this unit holds the dispatch agreement: it counts, the agency does not */
	placement(&p, "150924", 1);
	reward(&p, agency, 2, &out);
	assert_int_equal(out.months_counted, 12);
	placement_free(&p);
	/* the other unit holds it: those months count there */
	placement(&p, "150924", 0);
	reward(&p, receiver, 2, &out);
	assert_int_equal(out.months_counted, 10);
	assert_int_equal(out.months[0].reason, LEFT_OUT_DISPATCH_OTHER_SIDE);
	assert_true(out.months[2].counted);
	/* neither dispatched: a month confirmed twice counts at neither unit */
	reward(&p, plain, 1, &out);
	assert_int_equal(out.months[0].reason, LEFT_OUT_CONFIRMED_ELSEWHERE);
	assert_int_equal(out.months_counted, 11);
	placement_free(&p);
}

static bool graduate(struct placement *p, bool degree, struct app_person *out)
{
	struct app_person_in in = { p, NULL, 0, degree };
	return application_graduate_person(&ctx.policy, &in, out);
}

static void test_graduates_qualify_by_education_degree_and_months(void **state)
{
	struct placement p;
	struct app_person out;
	placement(&p, "150924", 0);
	assert_false(graduate(&p, true, &out)); /* not marked 高校毕业生: not listed */
	json_object_set_new(p.person, "graduate", json_true());
	assert_true(graduate(&p, true, &out));
	assert_true(out.counted);
	assert_int_equal(out.months_counted, 12);
	assert_true(graduate(&p, false, &out));
	assert_int_equal(out.reason, LEFT_OUT_NO_DEGREE);
	json_object_set_new(p.person, "education", json_string("senior"));
	assert_true(graduate(&p, true, &out));
	assert_int_equal(out.reason, LEFT_OUT_EDUCATION);
	json_object_set_new(p.person, "education", json_string("college"));
	for (int i = 0; i < 7; i++)
		p.months[i].result = MONTH_DECISION_PENDING; /* 5 months, the example asks for 6 */
	assert_true(graduate(&p, true, &out));
	assert_int_equal(out.reason, LEFT_OUT_TOO_FEW_MONTHS);
	placement_free(&p);
}

static void test_counts_are_exact_decimal_strings(void **state)
{
	char buf[32];
	assert_true(application_format_count(dec_int(120), 0, buf, sizeof buf));
	assert_string_equal(buf, "120");
	assert_true(application_format_count(dec_int(8), 2, buf, sizeof buf));
	assert_string_equal(buf, "8.00");
	assert_true(application_format_count(dec_frac(3725, 1000), 2, buf, sizeof buf));
	assert_string_equal(buf, "3.725");
	assert_true(application_format_count(dec_frac(-35, 100), 2, buf, sizeof buf));
	assert_string_equal(buf, "-0.35");
	assert_true(application_format_count(dec_frac(31, 2), 0, buf, sizeof buf));
	assert_string_equal(buf, "15.5");
}

/* The 奖励审核认定书 shows the application as approved, the counted persons
 * by their full names, and their counted months. */
static void test_certificate_content_comes_from_the_approved_application(void **state)
{
	struct unit_ref u;
	struct placement p;
	struct application_cert c;
	int64_t uid;
	json_t *unit = json_pack("{s:s, s:s, s:s, s:s}", "uscc", "91350100M000100Y43", "name",
				 "测试单位", "kind", "enterprise", "federation_region", "150924");
	assert_int_equal(store_unit_insert(st, unit, &uid), STORE_OK);
	json_decref(unit);
	assert_int_equal(store_unit_ref_by_id(st, uid, &u), STORE_OK);
	placement(&p, "150924", 0);
	p.id = 0;
	p.unit_id = uid;
	snprintf(p.uscc, sizeof p.uscc, "%s", u.uscc);
	snprintf(p.submitted_at, sizeof p.submitted_at, "2025-01-15 09:00:00");
	char certno[24];
	snprintf(certno, sizeof certno, "%s63",
		 json_string_value(json_object_get(p.person, "idno"))); /* 精神三级 */
	json_decref(p.certificates);
	p.certificates = json_pack("[{s:i, s:s, s:s, s:i, s:i, s:s, s:n}]", "id", 1, "number",
				   certno, "type", "disability", "category", 6, "level", 3,
				   "valid_from", "2019-01-01", "valid_to");
	p.details_dirty = 1;
	assert_int_equal(store_placement_insert(st, &p, &u), STORE_OK);
	struct application_row a = { .kind = APPLICATION_REWARD, .year = 2024, .has_reward = 1,
				     .min_wage_fen = 227000, .amount_fen = 6810000 };
	snprintf(a.uscc, sizeof a.uscc, "%s", u.uscc);
	snprintf(a.staff, sizeof a.staff, "120");
	snprintf(a.placed, sizeof a.placed, "8.00");
	snprintf(a.required, sizeof a.required, "1.80");
	snprintf(a.excess, sizeof a.excess, "6.20");
	snprintf(a.persons_rewarded, sizeof a.persons_rewarded, "6");
	snprintf(a.multiplier, sizeof a.multiplier, "5");
	snprintf(a.bank_account, sizeof a.bank_account, "6228480000000000001");
	json_t *persons = json_pack(
		"[{s:I, s:s, s:b, s:[{s:s, s:b, s:i}, {s:s, s:b, s:i}]}, {s:I, s:s, s:b, s:[]}]",
		"placement_id", (json_int_t)p.id, "idno_masked", "150924*****4101X", "counted", 1,
		"months", "month", "202401", "counted", 1, "weight", 2, "month", "202403",
		"counted", 1, "weight", 2, "placement_id", (json_int_t)99, "idno_masked", "x",
		"counted", 0, "months");
	assert_int_equal(application_cert_fill(&ctx, st, &a, persons, &c), 0);
	const struct doc_reward_certification *d = &c.doc;
	assert_string_equal(d->unit.name, "测试单位");
	assert_int_equal(d->unit.staff, 120);
	assert_string_equal(d->ratio, "1.5%");
	assert_string_equal(d->excess, "6.20");
	assert_int_equal(d->reward_persons, 6);
	assert_string_equal(d->min_wage, "2270.00");
	assert_string_equal(d->amount, "68100.00");
	assert_string_equal(d->bank_account, "6228480000000000001");
	assert_int_equal(d->npersons, 1); /* the one left out is not on it */
	assert_string_equal(d->persons[0].name, "傅晓东");
	assert_string_equal(d->persons[0].certificate, "精神三级");
	assert_int_equal(d->persons[0].months, 1u | 1u << 2);
	assert_int_equal(d->persons[0].months_counted, 4);
	application_cert_free(&c);
	json_decref(persons);
	placement_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_qualifying_person_counts_every_confirmed_month_with_its_weight),
		cmocka_unit_test(test_household_registration_outside_the_province_leaves_the_person_out),
		cmocka_unit_test(test_months_out_of_employment_age_or_certificate_or_unconfirmed_do_not_count),
		cmocka_unit_test(test_a_person_left_out_gives_the_first_rule_that_applies),
		cmocka_unit_test(test_a_dispatch_case_counts_only_once_its_three_items_are_valid),
		cmocka_unit_test(test_a_dispatched_person_counts_for_the_receiving_unit_only),
		cmocka_unit_test(test_graduates_qualify_by_education_degree_and_months),
		cmocka_unit_test(test_counts_are_exact_decimal_strings),
		cmocka_unit_test(test_certificate_content_comes_from_the_approved_application),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
