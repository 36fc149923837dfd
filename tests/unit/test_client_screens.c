/* Tests of the screens' pure parts: the month grid's reasons in words (SPEC §4
 * and the seed's hint about a wrong credit code), the person form's JSON, the
 * registry autofill that never overwrites what was typed (and goes again when
 * another ID number is typed), the mapping of a problem's `field` path to the
 * field to mark, and the 412 merge of a person's form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/i18n.h"
#include "client/engine.h"
#include "client/keymap.h"
#include "screens/person_form.h"
#include "screens/reasons.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/merge.h"
#include "ui/text.h"

static int setup(void **st)
{
	(void)st;
	setenv("LANGUAGE", "zh_CN", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init("zh");
	text_init(true);
	return 0;
}

static void test_reason_no_wage_record_in_words_with_its_source(void **st)
{
	(void)st;
	char buf[300];
	reason_line(CHECK_WAGE, "no_wage_record", "wages 2025-12-31", buf, sizeof buf);
	assert_non_null(strstr(buf, "工资信息"));
	assert_non_null(strstr(buf, "无工资发放记录"));
	/* the import it read, in words: no English fragment in the zh UI */
	assert_non_null(strstr(buf, "(工资数据 2025-12-31)"));
}

/* SPEC §7.2: "A month for which no rate is known is never a silent ✓: the check
 * says the rate is unknown" — in words, translated, and without the hint about a
 * wrong credit code, which cannot cause it. */
static void test_reason_min_wage_unknown_in_words_without_the_uscc_hint(void **st)
{
	(void)st;
	char buf[300];
	reason_line(0, "min_wage_unknown", "wages 2019-12-31", buf, sizeof buf);
	assert_non_null(strstr(buf, "工资信息"));
	assert_non_null(strstr(buf, "最低工资标准未知"));
	assert_false(reason_uscc_hint("min_wage_unknown"));
	assert_true(reason_uscc_hint("no_wage_record"));
	assert_true(reason_uscc_hint("cosmic_rays"));
}

static void test_reason_unknown_code_is_shown_as_is(void **st)
{
	(void)st;
	assert_string_equal(reason_text("cosmic_rays"), "cosmic_rays");
	assert_string_equal(reason_text(NULL), "");
}

static void test_reason_uscc_hint_only_beside_wage_and_insurance(void **st)
{
	(void)st;
	for (int i = 0; i < CHECK__COUNT; i++) {
		const char *w = wire_check_word((enum check_kind)i);
		bool want = strcmp(w, "wage") == 0 || strcmp(w, "social") == 0 || strcmp(w, "medical") == 0;
		assert_int_equal(check_uscc_hint((enum check_kind)i), want);
	}
}

static void test_reason_every_check_of_spec_section_4_in_grid_order(void **st)
{
	(void)st;
	static const char *const keys[] = { "wage", "social", "medical", "certificate", "age",
					    "contract", "exclusive" };
	for (int i = 0; i < CHECK__COUNT; i++)
		assert_string_equal(wire_check_word((enum check_kind)i), keys[i]);
	assert_string_equal(check_long_label(CHECK_EXCLUSIVE), "无其他单位安置");
}

static void test_status_words_of_spec_section_4(void **st)
{
	(void)st;
	assert_string_equal(placement_status_label(PLACEMENT_PENDING_CONTRACT), "待审核(合同需审核)");
	assert_string_equal(placement_status_label(PLACEMENT_PARTIALLY_REJECTED), "部分审核不通过");
	assert_string_equal(placement_status_label(PLACEMENT_INCOMPLETE), "资料待完善");
	assert_string_equal(placement_status_label(PLACEMENT_STATUS_UNKNOWN), "");
	assert_string_equal(declaration_label(DECLARATION_SUBMITTED), "已申报");
}

static void test_person_form_json_has_types_the_api_wants(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	field_set(&pf.p[PF_IDNO], "11010519491231002X");
	field_set(&pf.p[PF_NAME], "施嵘");
	pf_add_contract(&pf);
	field_set(&pf.c[0].f[CF_TYPE], "fixed");
	field_set(&pf.c[0].f[CF_START], "2025-01-01");
	pf_add_cert(&pf);
	field_set(&pf.x[0].f[XF_LEVEL], "4");
	field_set(&pf.x[0].f[XF_CATEGORY], "6");
	json_t *j = pf_to_json(&pf);
	json_t *person = json_object_get(j, "person");
	assert_string_equal(json_string_value(json_object_get(person, "name")), "施嵘");
	assert_true(json_is_false(json_object_get(person, "graduate")));
	json_t *c = json_array_get(json_object_get(j, "contracts"), 0);
	assert_true(json_is_false(json_object_get(c, "dispatch")));
	assert_string_equal(json_string_value(json_object_get(c, "relation")), "own");
	assert_true(json_is_null(json_object_get(c, "end")));
	json_t *x = json_array_get(json_object_get(j, "certificates"), 0);
	assert_int_equal(json_integer_value(json_object_get(x, "level")), 4);
	assert_int_equal(json_integer_value(json_object_get(x, "category")), 6);
	/* and back again */
	struct person_form back;
	pf_from_json(&back, j);
	assert_string_equal(field_value(&back.p[PF_NAME]), "施嵘");
	assert_string_equal(field_value(&back.c[0].f[CF_TYPE]), "fixed");
	assert_string_equal(field_value(&back.x[0].f[XF_CATEGORY]), "6");
	json_decref(j);
}

static void test_person_autofill_fills_only_empty_fields(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	pf_add_cert(&pf);
	field_set(&pf.p[PF_IDNO], "31023019690109371X");
	field_set(&pf.p[PF_PHONE], "13900000000");   /* typed by the user */
	json_t *rp = json_loads("{\"idno\":\"31023019690109371X\",\"name\":\"施嵘\",\"phone\":\"0471\","
				"\"hukou_type\":\"rural\",\"certificates\":[{\"id\":9,\"number\":\"31023019690109371864B1\","
				"\"type\":\"disability\",\"level\":4,\"category\":6}]}", 0, NULL);
	int n = pf_autofill(&pf, rp);
	assert_true(n >= 3);
	assert_string_equal(field_value(&pf.p[PF_NAME]), "施嵘");
	assert_string_equal(field_value(&pf.p[PF_PHONE]), "13900000000");
	assert_string_equal(field_value(&pf.p[PF_HUKOU_TYPE]), "rural");
	assert_int_equal(pf.nx, 1);
	assert_string_equal(field_value(&pf.x[0].f[XF_NUMBER]), "31023019690109371864B1");
	assert_int_equal(pf.x[0].id, 0);
	json_decref(rp);
}

static void test_person_problem_field_path_maps_to_the_row_field(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	pf_add_contract(&pf);
	pf_add_contract(&pf);
	pf_add_cert(&pf);
	assert_ptr_equal(pf_field_for_path(&pf, "person.idno"), &pf.p[PF_IDNO]);
	assert_ptr_equal(pf_field_for_path(&pf, "contracts[1].start"), &pf.c[1].f[CF_START]);
	assert_ptr_equal(pf_field_for_path(&pf, "certificates[0].number"), &pf.x[0].f[XF_NUMBER]);
	assert_null(pf_field_for_path(&pf, "contracts[5].start"));
	assert_null(pf_field_for_path(&pf, "months[3]"));
}

static void test_person_validate_marks_bad_id_and_dates_locally(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	field_set(&pf.p[PF_IDNO], "110105194912310021");   /* checksum wants X */
	field_set(&pf.p[PF_NAME], "张三");
	pf_add_contract(&pf);
	field_set(&pf.c[0].f[CF_START], "2025-02-30");
	struct field *bad = pf_validate(&pf);
	assert_ptr_equal(bad, &pf.p[PF_IDNO]);
	assert_string_not_equal(pf.c[0].f[CF_START].error, "");
	field_set(&pf.p[PF_IDNO], "11010519491231002X");
	field_set(&pf.c[0].f[CF_START], "2025-01-01");
	pf_clear_errors(&pf);
	assert_null(pf_validate(&pf));
}

static void test_api_problem_code_translated_and_field_labelled(void **st)
{
	(void)st;
	assert_string_equal(api_problem_text("precondition_failed"), "此记录已被他人修改");
	assert_null(api_problem_text("no_such_code"));
	assert_string_equal(api_field_label("contracts[12].start"), "合同开始日期");
	assert_string_equal(api_field_label("person.idno"), "身份证号");
	assert_null(api_field_label("nowhere"));
	/* the service's busy answer and the upload/review fields it names */
	assert_string_equal(api_problem_text("unavailable"), "服务繁忙,请稍后再试");
	assert_string_equal(api_field_label("filename"), "文件名");
	assert_string_equal(api_field_label("months[3].reason"), "原因");
}

static void test_person_certificate_must_match_id_category_and_level(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	/* SPEC §11: 31023019690109371864B1 is a 精神四级 certificate of 310230196901093718 */
	field_set(&pf.p[PF_IDNO], "310230196901093718");
	field_set(&pf.p[PF_NAME], "施嵘");
	pf_add_cert(&pf);
	field_set(&pf.x[0].f[XF_NUMBER], "31023019690109371864B1");
	field_set(&pf.x[0].f[XF_CATEGORY], "6");
	field_set(&pf.x[0].f[XF_LEVEL], "4");
	assert_null(pf_validate(&pf));
	field_set(&pf.x[0].f[XF_LEVEL], "2");          /* says 二级: disagrees */
	assert_ptr_equal(pf_validate(&pf), &pf.x[0].f[XF_NUMBER]);
	pf_clear_errors(&pf);
	field_set(&pf.x[0].f[XF_TYPE], "veteran");      /* other numbering: not checked */
	assert_null(pf_validate(&pf));
}

/* screens.def is the one registry: each screen's keymap is its name, and the
 * keymaps know exactly the registered screens plus generic, prompt, dialog. */
/* Another ID number typed: what the registry filled for the previous person
 * goes (the name and certificate once stayed); what the user typed stays. */
static void test_person_another_id_clears_what_the_registry_filled(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	pf_add_cert(&pf);
	field_set(&pf.p[PF_IDNO], "31023019690109371X");
	field_set(&pf.p[PF_PHONE], "13900000000");
	json_t *rp = json_loads("{\"name\":\"施嵘\",\"hukou_region\":\"150924\",\"education\":\"junior\","
				"\"certificates\":[{\"number\":\"31023019690109371864B1\",\"type\":\"disability\","
				"\"level\":4,\"category\":6}]}", 0, NULL);
	pf_autofill(&pf, rp);
	json_decref(rp);
	struct field *region = &pf.p[PF_HUKOU_REGION];
	field_set(region, "150900");   /* the user corrected one filled field */
	pf_edited(&pf, region);
	int n = pf_clear_autofill(&pf);
	assert_true(n >= 3);
	assert_string_equal(field_value(&pf.p[PF_NAME]), "");
	assert_string_equal(field_value(&pf.p[PF_EDUCATION]), "");
	assert_string_equal(field_value(region), "150900");
	assert_string_equal(field_value(&pf.p[PF_PHONE]), "13900000000");
	assert_int_equal(pf.nx, 1);
	assert_string_equal(field_value(&pf.x[0].f[XF_NUMBER]), "");
	assert_int_equal(pf_clear_autofill(&pf), 0);   /* nothing filled any more */
}

/* A bad ID number is explained as `anzhi check-id` explains it, in the
 * user's words: the kind of wrong, and the check character the first 17
 * digits call for. */
static void test_person_bad_checksum_says_why_in_check_id_words(void **st)
{
	(void)st;
	struct person_form pf;
	pf_init(&pf);
	field_set(&pf.p[PF_IDNO], "150924198605141771");
	field_set(&pf.p[PF_NAME], "某人");
	assert_ptr_equal(pf_validate(&pf), &pf.p[PF_IDNO]);
	assert_non_null(strstr(pf.p[PF_IDNO].error, "校验码错误"));
	assert_non_null(strstr(pf.p[PF_IDNO].error, "按前 17 位应为 0"));
	field_set(&pf.p[PF_IDNO], "15092419860514177");
	pf_validate(&pf);
	assert_non_null(strstr(pf.p[PF_IDNO].error, "长度错误"));
}

static json_t *placement(const char *name, const char *phone, const char *start)
{
	return json_pack("{s:{s:s, s:s, s:s}, s:[{s:I, s:s, s:s, s:b}], s:[]}", "person", "idno",
			 "31023019690109371X", "name", name, "phone", phone, "contracts", "id",
			 (json_int_t)5, "type", "fixed", "start", start, "dispatch", 0, "certificates");
}

/* After a 412: a row per field where theirs and mine differ; applying takes
 * theirs only where chosen. */
static void test_person_merge_lists_differences_and_applies_the_choice(void **st)
{
	(void)st;
	static struct person_form base, theirs, mine;
	json_t *b = placement("施嵘", "0471", "2025-01-01"), *t = placement("施嵘", "0472", "2025-02-01"),
	       *y = placement("施荣", "0471", "2025-03-01");
	pf_from_json(&base, b);
	pf_from_json(&theirs, t);
	pf_from_json(&mine, y);
	json_t *m = pf_merge(&base, &theirs, &mine);
	assert_int_equal(merge_count(m), 3);        /* name, phone, the contract's start */
	assert_false(merge_takes(m, "person.name"));   /* only mine changed it */
	assert_true(merge_takes(m, "person.phone"));   /* only theirs */
	assert_false(merge_takes(m, "contracts[0].start"));   /* both: mine until chosen */
	assert_non_null(strstr(json_string_value(json_object_get(merge_row(m, 2), "label")), "1"));
	merge_choose(m, 2, true);
	pf_merge_apply(&mine, &theirs, m);
	assert_string_equal(field_value(&mine.p[PF_NAME]), "施荣");
	assert_string_equal(field_value(&mine.p[PF_PHONE]), "0472");
	assert_string_equal(field_value(&mine.c[0].f[CF_START]), "2025-02-01");
	json_decref(m);
	json_decref(b);
	json_decref(t);
	json_decref(y);
}

/* Rows that do not pair up (a contract added on one side) are one choice. */
static void test_person_merge_takes_a_whole_list_when_rows_differ(void **st)
{
	(void)st;
	static struct person_form theirs, mine;
	json_t *t = placement("施嵘", "0471", "2025-01-01");
	pf_from_json(&theirs, t);
	pf_from_json(&mine, t);
	pf_add_contract(&mine);
	json_t *m = pf_merge(NULL, &theirs, &mine);
	assert_int_equal(merge_count(m), 1);
	assert_string_equal(json_string_value(json_object_get(merge_row(m, 0), "path")), "contracts");
	merge_choose_all(m, true);
	pf_merge_apply(&mine, &theirs, m);
	assert_int_equal(mine.nc, 1);
	json_decref(m);
	json_decref(t);
}

static void test_registry_names_every_screen_and_its_keymap(void **st)
{
	(void)st;
	assert_true(screens_count >= 10);
	for (int i = 0; i < screens_count; i++) {
		assert_non_null(screens_all[i]->name);
		assert_ptr_equal(screen_by_name(screens_all[i]->name), screens_all[i]);
		assert_true(keymap_screen_known(screens_all[i]->name));
	}
	assert_int_equal(keymap_screen_count(), screens_count + 3);
	for (int i = 0; i < keymap_screen_count(); i++) {
		const char *n = keymap_screen_name(i);
		bool engine = strcmp(n, "generic") == 0 || strcmp(n, "prompt") == 0 || strcmp(n, "dialog") == 0;
		assert_true(engine != (screen_by_name(n) != NULL));
	}
	assert_ptr_equal(screen_by_name("placements"), &screen_placements);
	assert_null(screen_by_name("nowhere"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reason_no_wage_record_in_words_with_its_source),
		cmocka_unit_test(test_reason_min_wage_unknown_in_words_without_the_uscc_hint),
		cmocka_unit_test(test_reason_unknown_code_is_shown_as_is),
		cmocka_unit_test(test_reason_uscc_hint_only_beside_wage_and_insurance),
		cmocka_unit_test(test_reason_every_check_of_spec_section_4_in_grid_order),
		cmocka_unit_test(test_status_words_of_spec_section_4),
		cmocka_unit_test(test_person_form_json_has_types_the_api_wants),
		cmocka_unit_test(test_person_autofill_fills_only_empty_fields),
		cmocka_unit_test(test_person_problem_field_path_maps_to_the_row_field),
		cmocka_unit_test(test_person_validate_marks_bad_id_and_dates_locally),
		cmocka_unit_test(test_api_problem_code_translated_and_field_labelled),
		cmocka_unit_test(test_person_certificate_must_match_id_category_and_level),
		cmocka_unit_test(test_person_another_id_clears_what_the_registry_filled),
		cmocka_unit_test(test_person_bad_checksum_says_why_in_check_id_words),
		cmocka_unit_test(test_person_merge_lists_differences_and_applies_the_choice),
		cmocka_unit_test(test_person_merge_takes_a_whole_list_when_rows_differ),
		cmocka_unit_test(test_registry_names_every_screen_and_its_keymap),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
