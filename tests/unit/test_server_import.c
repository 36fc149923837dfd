/* import: registry CSV files load all or nothing; a bad row is named by file,
 * line and field; quoted fields may hold commas; persons then certificates
 * build the autofill record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app.h"
#include "server/store.h"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-import-XXXXXX";

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
	return app_open(&ctx, &st, err, sizeof err);
}

static int teardown(void **state)
{
	store_close(st);
	app_close(&ctx);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static int load(const char *source, const char *text, char *err, long *rows)
{
	return import_text(&ctx, st, source, text, strlen(text), "t.csv", "2025-12-31", rows, err,
			   200);
}

static void test_persons_then_certificates_make_the_autofill_record(void **state)
{
	char err[200];
	long rows;
	assert_int_equal(load("persons",
			      "idno,name,gender,hukou_type,hukou_region,hukou_address,phone,education\n"
			      "11010519491231002X,施嵘,female,urban,110105,\"北京市朝阳区, 某街1号\","
			      "13900000000,senior\n",
			      err, &rows), 0);
	assert_int_equal(rows, 1);
	assert_int_equal(load("certificates",
			      "idno,number,type,level,category,valid_from,valid_to\n"
			      "11010519491231002X,11010519491231002X64,disability,4,6,2020-01-01,\n",
			      err, &rows), 0);
	json_t *p = store_registry_person_get(st, "11010519491231002X");
	assert_non_null(p);
	assert_string_equal(json_string_value(json_object_get(p, "hukou_address")),
			    "北京市朝阳区, 某街1号");
	assert_string_equal(json_string_value(json_object_get(p, "birth")), "1949-12-31");
	json_t *c = json_array_get(json_object_get(p, "certificates"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "number")), "11010519491231002X64");
	assert_true(json_is_null(json_object_get(c, "valid_to")));
	json_decref(p);
}

static void test_bad_row_names_line_and_field_and_nothing_is_kept(void **state)
{
	char err[200];
	long rows;
	assert_int_equal(load("social-insurance",
			      "idno,month,uscc\n"
			      "440524188001010014,202501,91350100M000100Y43\n"
			      "440524188001010014,202513,91350100M000100Y43\n",
			      err, &rows), -1);
	assert_string_equal(strstr(err, "t.csv:3: month") ? "found" : err, "found");
	struct registry_payment r[4];
	int n;
	assert_int_equal(store_registry_payments(st, "440524188001010014", 202501, 202512, r, 4, &n),
			 STORE_OK);
	assert_int_equal(n, 0); /* line 2 rolled back too */
}

/* Registry names and addresses are shown to units and reviewers: the text
 * rule of every stored field holds for imports too. */
static void test_person_name_or_address_with_controls_or_broken_utf8_is_refused(void **state)
{
	static const char *const rows[] = {
		"11010519491231002X,施\x1b[2J嵘,female,urban,110105,北京,13900000000,senior\n",
		"11010519491231002X,施\xe5\xb5,female,urban,110105,北京,13900000000,senior\n",
		"11010519491231002X,施嵘,female,urban,110105,北京\xe2\x80\xae市,13900000000,senior\n",
	};
	static const char *const fields[] = { "t.csv:2: name", "t.csv:2: name",
					      "t.csv:2: hukou_address" };
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char text[400], err[200] = "";
		long n;
		snprintf(text, sizeof text,
			 "idno,name,gender,hukou_type,hukou_region,hukou_address,phone,education\n%s",
			 rows[i]);
		assert_int_equal(load("persons", text, err, &n), -1);
		if (!strstr(err, fields[i]))
			fprintf(stderr, "got: %s\n", err);
		assert_non_null(strstr(err, fields[i]));
	}
}

static void test_header_must_be_the_documented_columns(void **state)
{
	char err[200];
	long rows;
	assert_int_equal(load("wages", "id,month,uscc,amount\n", err, &rows), -1);
	assert_non_null(strstr(err, "t.csv:1: header"));
	assert_int_equal(load("wages", "idno,month,uscc,amount\n440524188001010014,202501,"
				       "91350100M000100Y4Z,3000.00\n", err, &rows), -1);
	assert_non_null(strstr(err, "t.csv:2: uscc"));
	assert_int_equal(load("wages", "idno,month,uscc,amount\n440524188001010014,202501,"
				       "91350100M000100Y43,3000.005\n", err, &rows), -1);
	assert_non_null(strstr(err, "t.csv:2: amount"));
}

static void test_certificate_for_someone_not_in_the_registry_is_refused(void **state)
{
	char err[200];
	long rows;
	assert_int_equal(load("certificates",
			      "idno,number,type,level,category,valid_from,valid_to\n"
			      "440524188001010014,44052418800101001441,disability,1,4,2020-01-01,\n",
			      err, &rows), -1);
	assert_non_null(strstr(err, "t.csv:2: idno"));
}

static void test_newer_wage_import_replaces_the_month(void **state)
{
	char err[200];
	long rows;
#define WAGE_CSV(amount) "idno,month,uscc,amount\n440524188001010014,202503,91350100M000100Y43," amount "\n"
	assert_int_equal(load("wages", WAGE_CSV("1000.00"), err, &rows), 0);
	assert_int_equal(load("wages", WAGE_CSV("3000.00"), err, &rows), 0);
	struct registry_payment r[4];
	int n;
	assert_int_equal(store_registry_payments(st, "440524188001010014", 202503, 202503, r, 4, &n),
			 STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].source, SOURCE_WAGES);
	assert_int_equal(r[0].fen, 300000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_persons_then_certificates_make_the_autofill_record),
		cmocka_unit_test(test_bad_row_names_line_and_field_and_nothing_is_kept),
		cmocka_unit_test(test_person_name_or_address_with_controls_or_broken_utf8_is_refused),
		cmocka_unit_test(test_header_must_be_the_documented_columns),
		cmocka_unit_test(test_certificate_for_someone_not_in_the_registry_is_refused),
		cmocka_unit_test(test_newer_wage_import_replaces_the_month),
	};
	return cmocka_run_group_tests_name("server_import", tests, setup, teardown);
}
