/* wire: request bodies are validated field by field, the failing field named
 * as a JSON path, and normalised (derived gender/birth, uppercase X). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "wire/wire.h"

/* 11010519491231002X is SPEC §11's valid example (a woman born 1949-12-31). */
static const char *valid =
	"{\"person\":{\"idno\":\"11010519491231002x\",\"name\":\"施嵘\",\"phone\":\"13947012345\"},"
	"\"contracts\":[{\"type\":\"fixed\",\"start\":\"2025-01-01\",\"end\":\"2025-12-31\","
	"\"monthly_wage\":\"3000\"}],"
	"\"certificates\":[{\"number\":\"11010519491231002X64\",\"type\":\"disability\","
	"\"valid_from\":\"2020-01-01\",\"valid_to\":null,\"level\":4,\"category\":6}]}";

static const char *field_of(const char *json)
{
	static struct wire_error e;
	json_t *in = json_loads(json, 0, NULL), *out = NULL;
	assert_non_null(in);
	bool ok = wire_placement_validate(in, &out, &e);
	json_decref(in);
	json_decref(out);
	return ok ? "" : e.field;
}

static void test_valid_placement_is_normalised_with_derived_fields(void **state)
{
	struct wire_error e;
	json_t *in = json_loads(valid, 0, NULL), *out;
	assert_true(wire_placement_validate(in, &out, &e));
	json_t *p = json_object_get(out, "person");
	assert_string_equal(json_string_value(json_object_get(p, "idno")), "11010519491231002X");
	assert_string_equal(json_string_value(json_object_get(p, "gender")), "female");
	assert_string_equal(json_string_value(json_object_get(p, "birth")), "1949-12-31");
	json_t *c = json_array_get(json_object_get(out, "contracts"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "monthly_wage")), "3000.00");
	assert_int_equal(json_integer_value(json_object_get(c, "id")), 1);
	json_decref(in);
	json_decref(out);
}

static void test_idno_checksum_failure_names_person_idno(void **state)
{
	char body[1024];
	snprintf(body, sizeof body, "%s", valid);
	char *x = strstr(body, "002x");
	x[3] = '3';
	assert_string_equal(field_of(body), "person.idno");
}

static void test_certificate_prefix_must_be_the_persons_idno(void **state)
{
	char body[1024];
	snprintf(body, sizeof body, "%s", valid);
	char *c = strstr(body, "11010519491231002X64");
	memcpy(c, "44052418800101001464", 20); /* 440524188001010014's certificate */
	assert_string_equal(field_of(body), "certificates[0].number");
}

static void test_certificate_level_must_agree_with_its_number(void **state)
{
	char body[1024];
	snprintf(body, sizeof body, "%s", valid);
	memcpy(strstr(body, "\"level\":4"), "\"level\":3", 9);
	assert_string_equal(field_of(body), "certificates[0].number");
}

static void test_contract_end_before_start_names_the_end(void **state)
{
	char body[1024];
	snprintf(body, sizeof body, "%s", valid);
	memcpy(strstr(body, "2025-12-31"), "2024-12-31", 10);
	assert_string_equal(field_of(body), "contracts[0].end");
}

static void test_missing_person_and_money_with_three_decimals(void **state)
{
	assert_string_equal(field_of("{\"contracts\":[]}"), "person");
	json_t *b = json_loads(valid, 0, NULL);
	json_object_set_new(json_array_get(json_object_get(b, "contracts"), 0), "monthly_wage",
			    json_string("3000.001"));
	char *body = json_dumps(b, JSON_COMPACT);
	/* Money with three decimals is refused, never rounded. */
	assert_string_equal(field_of(body), "contracts[0].monthly_wage");
	free(body);
	json_decref(b);
}

static void test_months_are_inside_the_business_year_distinct_and_sorted(void **state)
{
	struct wire_error e;
	json_t *out;
	json_t *in = json_loads("{\"months\":[\"202503\",\"202501\"]}", 0, NULL);
	assert_true(wire_months_validate(in, 2025, &out, &e));
	assert_string_equal(json_string_value(json_array_get(out, 0)), "202501");
	json_decref(out);
	json_decref(in);
	in = json_loads("{\"months\":[\"202501\",\"202401\"]}", 0, NULL);
	assert_false(wire_months_validate(in, 2025, &out, &e));
	assert_string_equal(e.field, "months[1]");
	json_decref(in);
	in = json_loads("{\"months\":[\"202501\",\"202501\"]}", 0, NULL);
	assert_false(wire_months_validate(in, 2025, &out, &e));
	assert_string_equal(e.field, "months[1]");
	json_decref(in);
}

static void test_phone_shape_is_loose_but_not_anything(void **state)
{
	assert_true(wire_phone_ok("0474-7212345"));
	assert_true(wire_phone_ok("+86 139 4701 2345"));
	assert_true(wire_phone_ok(""));
	assert_false(wire_phone_ok("call me"));
	assert_false(wire_phone_ok("123"));
}

/* The field a body fails on when person.name is the JSON string `name`. */
static const char *field_with_name(const char *name)
{
	static const char old[] = "\"name\":\"施嵘\"";
	char body[1024];
	const char *at = strstr(valid, old);
	assert_non_null(at);
	snprintf(body, sizeof body, "%.*s\"name\":\"%s\"%s", (int)(at - valid), valid, name,
		 at + strlen(old));
	return field_of(body);
}

/* Stored text is read later by other people and systems: no control characters,
 * no bidi overrides that reorder what a reviewer reads (a \\u0000 never gets
 * this far: the body parser refuses it as invalid JSON). */
static void test_names_and_addresses_refuse_controls_and_bidi_overrides(void **state)
{
	static const char *const bad[] = {
		"\\u65bd\\u202e\\u5d58",  /* RIGHT-TO-LEFT OVERRIDE */
		"\\u65bd\\u2066\\u5d58",  /* LEFT-TO-RIGHT ISOLATE */
		"\\u65bd\\u0085\\u5d58",  /* C1 NEXT LINE */
		"\\u65bd\\u007f\\u5d58",  /* DEL */
		"\\u65bd\\u001b[2J",      /* ESC sequence */
		"\\u65bd\\u2028\\u5d58",  /* LINE SEPARATOR */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_string_equal(field_with_name(bad[i]), "person.name");
	/* ordinary CJK and the middle dot of transcribed names stay allowed */
	assert_string_equal(field_with_name("阿拉坦·巴根"), "");
}

/* The rule for text that does not come through JSON (upload file names,
 * CSV imports): valid UTF-8 first, then the same printable rule. */
static void test_text_ok_wants_valid_utf8_without_controls_or_bidi(void **state)
{
	static const char *const bad[] = {
		"工\xe8",            /* cut inside a character */
		"\xb9\xa4\xd7\xca",  /* GBK */
		"a\xc0\xaf" "b",     /* overlong '/' */
		"a\xed\xa0\x80" "b", /* UTF-16 surrogate */
		"a\xf4\x90\x80\x80", /* above U+10FFFF */
		"a\x1b[2J", "a\x7f", "a\xc2\x85", "a\xe2\x80\xae", "a\xe2\x81\xa6",
		"a\xe2\x80\xa8",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (wire_text_ok(bad[i], strlen(bad[i])))
			fprintf(stderr, "accepted bad[%zu]\n", i);
		assert_false(wire_text_ok(bad[i], strlen(bad[i])));
	}
	assert_false(wire_text_ok("a\0b", 3)); /* a NUL inside */
	assert_true(wire_text_ok("工资发放证明 (2025).png", strlen("工资发放证明 (2025).png")));
	assert_true(wire_text_ok("阿拉坦·巴根 \xf0\x9f\x98\x80", strlen("阿拉坦·巴根 \xf0\x9f\x98\x80")));
	assert_true(wire_text_ok("", 0));
}

/* APPLY: {} is valid (everything from unit info); a staff count is a
 * number above 0 with at most two decimals; channel is online or window. */
static const char *apply_field(const char *json, json_t **out)
{
	static struct wire_error e;
	json_t *in = json_loads(json, 0, NULL), *o = NULL;
	assert_non_null(in);
	bool ok = wire_application_validate(in, &o, &e);
	json_decref(in);
	if (out)
		*out = o;
	else
		json_decref(o);
	return ok ? "" : e.field;
}

static void test_application_body_takes_staff_bank_and_channel(void **state)
{
	json_t *o;
	assert_string_equal(apply_field("{}", &o), "");
	assert_true(json_is_null(json_object_get(o, "staff")));
	assert_true(json_is_null(json_object_get(o, "bank")));
	json_decref(o);
	assert_string_equal(apply_field("{\"staff\":120,\"bank\":{\"payee\":\"兴和\","
					"\"account\":\"6228\",\"bank\":\"农行\"},\"channel\":\"window\"}",
					&o), "");
	assert_string_equal(json_string_value(json_object_get(o, "staff")), "120");
	assert_string_equal(json_string_value(json_object_get(o, "channel")), "window");
	json_decref(o);
	assert_string_equal(apply_field("{\"staff\":\"85.5\"}", NULL), "");
	assert_string_equal(apply_field("{\"staff\":0}", NULL), "staff");
	assert_string_equal(apply_field("{\"staff\":\"-3\"}", NULL), "staff");
	assert_string_equal(apply_field("{\"staff\":\"1.005\"}", NULL), "staff");
	assert_string_equal(apply_field("{\"staff\":\"a lot\"}", NULL), "staff");
	assert_string_equal(apply_field("{\"channel\":\"mail\"}", NULL), "channel");
	assert_string_equal(apply_field("{\"bank\":[]}", NULL), "bank");
	assert_string_equal(apply_field("{\"bank\":{\"payee\":\"a\\u0007b\"}}", NULL), "bank.payee");
}

/* 事业单位类别 belongs to institutions; the two flags are true or false. */
static void test_unit_federation_fields(void **state)
{
	struct wire_error e;
	json_t *o;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", "集宁福利院", "kind",
			       "institution", "federation_region", "150902", "institution_category",
			       "public_welfare_1", "concentrated", 1);
	assert_true(wire_unit_validate(in, "12150902MB1JNFL077", &o, &e));
	assert_string_equal(json_string_value(json_object_get(o, "institution_category")),
			    "public_welfare_1");
	assert_true(json_is_true(json_object_get(o, "concentrated")));
	assert_true(json_is_false(json_object_get(o, "vat_refund")));
	json_decref(o);
	json_object_set_new(in, "kind", json_string("enterprise"));
	assert_false(wire_unit_validate(in, "12150902MB1JNFL077", &o, &e));
	assert_string_equal(e.field, "institution_category");
	json_object_set_new(in, "kind", json_string("institution"));
	json_object_set_new(in, "institution_category", json_string("公益一类"));
	assert_false(wire_unit_validate(in, "12150902MB1JNFL077", &o, &e));
	assert_string_equal(e.field, "institution_category");
	json_decref(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_placement_is_normalised_with_derived_fields),
		cmocka_unit_test(test_names_and_addresses_refuse_controls_and_bidi_overrides),
		cmocka_unit_test(test_text_ok_wants_valid_utf8_without_controls_or_bidi),
		cmocka_unit_test(test_idno_checksum_failure_names_person_idno),
		cmocka_unit_test(test_certificate_prefix_must_be_the_persons_idno),
		cmocka_unit_test(test_certificate_level_must_agree_with_its_number),
		cmocka_unit_test(test_contract_end_before_start_names_the_end),
		cmocka_unit_test(test_missing_person_and_money_with_three_decimals),
		cmocka_unit_test(test_months_are_inside_the_business_year_distinct_and_sorted),
		cmocka_unit_test(test_phone_shape_is_loose_but_not_anything),
		cmocka_unit_test(test_application_body_takes_staff_bank_and_channel),
		cmocka_unit_test(test_unit_federation_fields),
	};
	return cmocka_run_group_tests_name("server_wire", tests, NULL, NULL);
}
