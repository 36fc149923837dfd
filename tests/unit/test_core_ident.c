/* Tests of src/core/ident: SPEC §11 identifiers and §4 list masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/ident.h"

static void test_idno_checksum_gb11643_example_11010519491231002X(void **state)
{
	struct idno id;
	struct core_error err;

	(void)state;
	assert_true(idno_parse("11010519491231002X", &id, &err));
	assert_string_equal(id.region, "110105");
	assert_int_equal(id.birth.y, 1949);
	assert_int_equal(id.birth.m, 12);
	assert_int_equal(id.birth.d, 31);
	assert_int_equal(id.sequence, 2);
	assert_int_equal(id.gender, GENDER_FEMALE);
	assert_int_equal(id.check, 'X');
}

static void test_idno_example_440524188001010014_is_male_born_1880(void **state)
{
	struct idno id;

	(void)state;
	assert_true(idno_parse("440524188001010014", &id, NULL));
	assert_int_equal(id.gender, GENDER_MALE);
	assert_int_equal(id.birth.y, 1880);
	assert_int_equal(id.check, '4');
}

static void test_idno_lowercase_x_accepted_and_normalised(void **state)
{
	struct idno id;

	(void)state;
	assert_true(idno_parse("11010519491231002x", &id, NULL));
	assert_string_equal(id.number, "11010519491231002X");
}

static void test_idno_wrong_checksum_says_expected_and_got(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(idno_parse("110105194912310023", NULL, &err));
	assert_int_equal(err.code, CORE_ERR_CHECKSUM);
	assert_string_equal(err.field, "idno");
	assert_string_equal(err.msg, "checksum: expected 'X', got '3'");
}

static void test_idno_wrong_length_says_got_and_want(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(idno_parse("11010519491231002", NULL, &err));
	assert_int_equal(err.code, CORE_ERR_LENGTH);
	assert_string_equal(err.msg, "length: got 17, want 18");
}

static void test_idno_letter_in_body_names_its_position(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(idno_parse("1101A519491231002X", NULL, &err));
	assert_int_equal(err.code, CORE_ERR_CHAR);
	assert_non_null(strstr(err.msg, "character 5 ('A')"));
}

static void test_idno_birth_date_must_be_a_calendar_date(void **state)
{
	struct core_error err;
	char s[19] = "11010519490229001";

	(void)state;
	/* 1949 is not a leap year: 02-29 does not exist, whatever the checksum */
	s[17] = idno_check_char(s);
	s[18] = '\0';
	assert_false(idno_parse(s, NULL, &err));
	assert_int_equal(err.code, CORE_ERR_DATE);
}

static void test_idno_odd_sequence_is_male_even_is_female(void **state)
{
	char s[19] = "11010519800101001";
	struct idno id;

	(void)state;
	s[17] = idno_check_char(s);
	s[18] = '\0';
	assert_true(idno_parse(s, &id, NULL));
	assert_int_equal(id.gender, GENDER_MALE);
	memcpy(s, "11010519800101002", 17);
	s[17] = idno_check_char(s);
	assert_true(idno_parse(s, &id, NULL));
	assert_int_equal(id.gender, GENDER_FEMALE);
}

static void test_uscc_gb32100_example_91350100M000100Y43_valid(void **state)
{
	(void)state;
	assert_true(uscc_valid("91350100M000100Y43", NULL));
}

static void test_uscc_gb32100_example_91350100M000100Y4Z_invalid(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(uscc_valid("91350100M000100Y4Z", &err));
	/* Z is not in the alphabet at all */
	assert_int_equal(err.code, CORE_ERR_CHAR);
	assert_non_null(strstr(err.msg, "character 18 ('Z')"));
}

static void test_uscc_wrong_check_character_says_expected(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(uscc_valid("91350100M000100Y44", &err));
	assert_int_equal(err.code, CORE_ERR_CHECKSUM);
	assert_string_equal(err.msg, "checksum: expected '3', got '4'");
}

static void test_uscc_letters_I_O_S_V_Z_not_allowed(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(uscc_valid("91350100MO00100Y43", &err));
	assert_int_equal(err.code, CORE_ERR_CHAR);
	assert_string_equal(err.field, "uscc");
}

static void test_certno_seed_example_is_mental_level_4_reissue_1(void **state)
{
	struct certno c;
	struct core_error err;
	char id[19] = "31023019690109371";
	char cert[23];

	(void)state;
	/* the seed's 31023019690109371864B1: ID part ends in check '8' */
	id[17] = idno_check_char(id);
	id[18] = '\0';
	assert_int_equal(id[17], '8');
	snprintf(cert, sizeof cert, "%s64B1", id);
	assert_true(certno_parse(cert, &c, &err));
	assert_int_equal(c.category, CAT_MENTAL);
	assert_int_equal(c.level, 4);
	assert_int_equal(c.reissue, 1);
	assert_string_equal(c.idno, "310230196901093718");
	assert_string_equal(ident_category_name_zh(c.category), "精神");
}

static void test_certno_without_reissue_has_20_characters(void **state)
{
	struct certno c;

	(void)state;
	assert_true(certno_parse("11010519491231002X51", &c, NULL));
	assert_int_equal(c.category, CAT_INTELLECTUAL);
	assert_int_equal(c.level, 1);
	assert_int_equal(c.reissue, -1);
}

static void test_certno_category_8_and_level_5_refused(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(certno_parse("11010519491231002X81", NULL, &err));
	assert_int_equal(err.code, CORE_ERR_CHAR);
	assert_non_null(strstr(err.msg, "character 19"));
	assert_false(certno_parse("11010519491231002X15", NULL, &err));
	assert_non_null(strstr(err.msg, "character 20"));
}

static void test_certno_with_bad_id_part_reports_the_checksum(void **state)
{
	struct core_error err;

	(void)state;
	assert_false(certno_parse("11010519491231002364", NULL, &err));
	assert_int_equal(err.code, CORE_ERR_CHECKSUM);
	assert_string_equal(err.field, "certificate");
}

static void test_certno_matches_person_and_fields(void **state)
{
	struct core_error err;

	(void)state;
	assert_true(certno_matches("310230196901093718", "310230196901093718", 6, 4, &err) == false);
	assert_true(certno_matches("31023019690109371864B1", "310230196901093718", 6, 4, &err));
	assert_false(certno_matches("31023019690109371864B1", "11010519491231002X", 6, 4, &err));
	assert_int_equal(err.code, CORE_ERR_MISMATCH);
	assert_false(certno_matches("31023019690109371864B1", "310230196901093718", 5, 4, &err));
	assert_string_equal(err.field, "category");
	assert_false(certno_matches("31023019690109371864B1", "310230196901093718", 6, 3, &err));
	assert_string_equal(err.field, "level");
}

static void test_ident_kind_guess_tells_id_uscc_certificate(void **state)
{
	(void)state;
	assert_int_equal(ident_kind_guess("11010519491231002X"), IDENT_IDNO);
	assert_int_equal(ident_kind_guess("91350100M000100Y43"), IDENT_USCC);
	assert_int_equal(ident_kind_guess("31023019690109371864B1"), IDENT_CERTNO);
	assert_int_equal(ident_kind_guess("hello"), IDENT_UNKNOWN);
	assert_int_equal(ident_kind_guess(""), IDENT_UNKNOWN);
}

/* GB 32100-2015 §4: "第1位为登记管理部门代码、第2位为机构类别代码、第3-8位为登记管理机关
 * 行政区划码、第9-17位为主体标识码(组织机构代码)、第18位为校验码"; 表1: 1 机构编制 —
 * 2 事业单位; 9 工商 — 1 企业. */
static void test_uscc_parts_authority_kind_region_and_org_code(void **state)
{
	struct uscc u;

	(void)state;
	assert_true(uscc_parse("121500004600000011", &u, NULL));
	assert_int_equal(u.authority, '1');
	assert_string_equal(u.authority_key, "establishment");
	assert_int_equal(u.kind, '2');
	assert_string_equal(u.kind_key, "public_institution");
	assert_string_equal(u.region, "150000");
	assert_string_equal(u.org_code, "460000001");
	assert_true(uscc_parse("91350100M000100Y43", &u, NULL));
	assert_string_equal(u.authority_key, "market_regulation");
	assert_string_equal(u.kind_key, "enterprise");
	assert_string_equal(u.region, "350100");
	/* 1 机构编制 has no kind 5: the code is valid, its kind not in the table */
	assert_true(uscc_parse("150924198001010008", &u, NULL));
	assert_string_equal(u.authority_key, "establishment");
	assert_null(u.kind_key);
}

/* An all-digit 18-character string may be an ID number (GB 11643) or a USCC
 * (GB 32100: 事业单位 codes begin 12): both are checked, and the report says which
 * holds — one, both, or neither. */
static void test_all_digit_18_characters_checked_as_id_and_as_uscc(void **state)
{
	struct ident_report r;

	(void)state;
	ident_check("121500004600000011", &r);        /* a USCC, not an ID number */
	assert_int_equal(r.n, 2);
	assert_int_equal(r.reading[0].kind, IDENT_IDNO);
	assert_false(r.reading[0].valid);
	assert_int_equal(r.reading[0].err.code, CORE_ERR_DATE);
	assert_int_equal(r.reading[1].kind, IDENT_USCC);
	assert_true(r.reading[1].valid);
	assert_string_equal(r.reading[1].uscc.kind_key, "public_institution");

	ident_check("150924198001010016", &r);        /* an ID number, not a USCC */
	assert_true(r.reading[0].valid);
	assert_false(r.reading[1].valid);
	assert_int_equal(r.reading[1].err.code, CORE_ERR_CHECKSUM);

	ident_check("150924198001010008", &r);        /* both check characters agree */
	assert_true(r.reading[0].valid && r.reading[1].valid);

	ident_check("121500004600000012", &r);        /* neither */
	assert_false(r.reading[0].valid || r.reading[1].valid);
}

static void test_ident_check_one_reading_for_other_shapes(void **state)
{
	struct ident_report r;

	(void)state;
	ident_check("91350100M000100Y43", &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.reading[0].kind, IDENT_USCC);
	assert_true(r.reading[0].valid);
	ident_check("31023019690109371864B1", &r);
	assert_int_equal(r.reading[0].kind, IDENT_CERTNO);
	assert_true(r.reading[0].valid);
	assert_int_equal(r.reading[0].idno.gender, GENDER_MALE);
	ident_check("11010519491231002x", &r);        /* lowercase x: no USCC has it */
	assert_int_equal(r.n, 1);
	assert_true(r.reading[0].valid);
	ident_check("91350100M000100Y4Z", &r);        /* closest: a USCC */
	assert_int_equal(r.reading[0].kind, IDENT_USCC);
	assert_int_equal(r.reading[0].err.code, CORE_ERR_CHAR);
	ident_check("1101051949", &r);                /* closest: an ID number */
	assert_int_equal(r.reading[0].kind, IDENT_IDNO);
	assert_int_equal(r.reading[0].err.code, CORE_ERR_LENGTH);
}

static void test_mask_idno_keeps_first_6_and_last_7(void **state)
{
	char buf[64];

	(void)state;
	assert_true(mask_idno("152630198404043330", buf, sizeof buf));
	assert_string_equal(buf, "152630*****4043330");
}

/* A short or truncated value must not come back readable (fuzz_ident found
 * 13 characters shown whole). */
static void test_mask_idno_shorter_than_18_is_all_stars(void **state)
{
	char buf[64];

	(void)state;
	assert_true(mask_idno("1234567890123", buf, sizeof buf));
	assert_string_equal(buf, "*************");
	assert_true(mask_idno("15263019840404333", buf, sizeof buf));
	assert_string_equal(buf, "*****************");
}

static void test_mask_name_seed_examples(void **state)
{
	char buf[64];

	(void)state;
	assert_true(mask_name("景晓东", buf, sizeof buf));
	assert_string_equal(buf, "景*东");
	assert_true(mask_name("施嵘", buf, sizeof buf));
	assert_string_equal(buf, "*嵘");
	assert_true(mask_name("王", buf, sizeof buf));
	assert_string_equal(buf, "*");
	assert_true(mask_name("欧阳晓东", buf, sizeof buf));
	assert_string_equal(buf, "欧**东");
}

static void test_mask_certno_like_the_seed(void **state)
{
	char buf[64];

	(void)state;
	assert_true(mask_certno("15263019840404333064", buf, sizeof buf));
	assert_string_equal(buf, "1526301*****043330...");
	assert_true(mask_certno("152630198404043330", buf, sizeof buf));
	assert_string_equal(buf, "1526301*****043330");
}

static void test_mask_name_long_name_never_leaks_the_middle(void **state)
{
	char name[301], buf[400];

	(void)state;
	memset(name, 'a', 300);
	name[0] = 'B';
	name[299] = 'E';
	name[150] = 'X';
	name[300] = '\0';
	assert_true(mask_name(name, buf, sizeof buf));
	assert_int_equal(strlen(buf), 300);
	assert_int_equal(buf[0], 'B');
	assert_int_equal(buf[299], 'E');
	assert_null(strchr(buf, 'X'));
}

static void test_idno_mod11_2_catches_every_single_digit_error(void **state)
{
	char s[19] = "150924198001010016";

	(void)state;
	assert_true(idno_parse(s, NULL, NULL));
	for (int pos = 0; pos < 17; pos++)
		for (char d = '0'; d <= '9'; d++) {
			char t[19];
			struct core_error err;

			if (d == s[pos])
				continue;
			memcpy(t, s, sizeof t);
			t[pos] = d;
			assert_false(idno_parse(t, NULL, &err));
		}
}

static void test_mask_refuses_small_buffer(void **state)
{
	char buf[5];

	(void)state;
	assert_false(mask_idno("152630198404043330", buf, sizeof buf));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idno_checksum_gb11643_example_11010519491231002X),
		cmocka_unit_test(test_idno_example_440524188001010014_is_male_born_1880),
		cmocka_unit_test(test_idno_lowercase_x_accepted_and_normalised),
		cmocka_unit_test(test_idno_wrong_checksum_says_expected_and_got),
		cmocka_unit_test(test_idno_wrong_length_says_got_and_want),
		cmocka_unit_test(test_idno_letter_in_body_names_its_position),
		cmocka_unit_test(test_idno_birth_date_must_be_a_calendar_date),
		cmocka_unit_test(test_idno_odd_sequence_is_male_even_is_female),
		cmocka_unit_test(test_uscc_gb32100_example_91350100M000100Y43_valid),
		cmocka_unit_test(test_uscc_gb32100_example_91350100M000100Y4Z_invalid),
		cmocka_unit_test(test_uscc_wrong_check_character_says_expected),
		cmocka_unit_test(test_uscc_letters_I_O_S_V_Z_not_allowed),
		cmocka_unit_test(test_certno_seed_example_is_mental_level_4_reissue_1),
		cmocka_unit_test(test_certno_without_reissue_has_20_characters),
		cmocka_unit_test(test_certno_category_8_and_level_5_refused),
		cmocka_unit_test(test_certno_with_bad_id_part_reports_the_checksum),
		cmocka_unit_test(test_certno_matches_person_and_fields),
		cmocka_unit_test(test_ident_kind_guess_tells_id_uscc_certificate),
		cmocka_unit_test(test_uscc_parts_authority_kind_region_and_org_code),
		cmocka_unit_test(test_all_digit_18_characters_checked_as_id_and_as_uscc),
		cmocka_unit_test(test_ident_check_one_reading_for_other_shapes),
		cmocka_unit_test(test_mask_idno_keeps_first_6_and_last_7),
		cmocka_unit_test(test_mask_idno_shorter_than_18_is_all_stars),
		cmocka_unit_test(test_mask_name_seed_examples),
		cmocka_unit_test(test_mask_certno_like_the_seed),
		cmocka_unit_test(test_mask_name_long_name_never_leaks_the_middle),
		cmocka_unit_test(test_idno_mod11_2_catches_every_single_digit_error),
		cmocka_unit_test(test_mask_refuses_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
