/* Tests of src/core/regions: the GB/T 2260 hierarchy of data/regions/150000.csv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/regions.h"
#include "test_core_fixture.h"

static struct region_table T;

static int setup(void **state)
{
	char *text = fixture_read("data/regions/150000.csv");
	struct core_error err;

	(void)state;
	if (!text || !regions_load(text, "150000.csv", &T, &err)) {
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	regions_free(&T);
	return 0;
}

static void test_three_levels_region_city_county(void **state)
{
	(void)state;
	assert_int_equal(regions_level(&T, "150000"), 1);
	assert_int_equal(regions_level(&T, "150900"), 2);
	assert_int_equal(regions_level(&T, "150924"), 3);
	assert_int_equal(regions_level(&T, "999999"), 0);
	assert_string_equal(regions_parent(&T, "150924"), "150900");
	assert_null(regions_parent(&T, "150000"));
}

static void test_reviewer_at_150900_sees_150924(void **state)
{
	(void)state;
	assert_true(region_is_within(&T, "150924", "150900"));
	assert_true(region_is_within(&T, "150924", "150000"));
	assert_true(region_is_within(&T, "150900", "150900"));
	assert_false(region_is_within(&T, "150102", "150900"));
	assert_false(region_is_within(&T, "150900", "150924"));
	assert_false(region_is_within(&T, "150924", "999999"));
}

static void test_full_path_name(void **state)
{
	char buf[128];

	(void)state;
	assert_true(regions_path_name(&T, "150924", NULL, buf, sizeof buf));
	assert_string_equal(buf, "内蒙古自治区 / 乌兰察布市 / 兴和县");
	assert_true(regions_path_name(&T, "150000", NULL, buf, sizeof buf));
	assert_string_equal(buf, "内蒙古自治区");
	assert_false(regions_path_name(&T, "150924", NULL, buf, 10));
}

static void test_seed_region_list_has_14_entries_beside_each_other(void **state)
{
	static const char *const seed[] = {
		"呼和浩特市", "包头市", "呼伦贝尔市", "兴安盟", "通辽市", "赤峰市", "锡林郭勒盟",
		"乌兰察布市", "鄂尔多斯市", "巴彦淖尔市", "乌海市", "阿拉善盟", "满洲里市", "二连浩特市",
	};
	const struct region *kids[32];
	size_t n = regions_children(&T, "150000", kids, 32);

	(void)state;
	assert_int_equal(n, 14);
	for (size_t i = 0; i < 14; i++) {
		bool found = false;

		for (size_t k = 0; k < n; k++)
			found = found || strcmp(kids[k]->name, seed[i]) == 0;
		assert_true(found);
	}
	assert_int_equal(regions_level(&T, "150781"), 2);
	assert_string_equal(regions_find(&T, "152501")->name, "二连浩特市");
}

static void test_hohhot_and_ulanqab_counties_present(void **state)
{
	const struct region *kids[32];

	(void)state;
	assert_int_equal(regions_children(&T, "150900", kids, 32), 11);
	assert_int_equal(regions_children(&T, "150100", kids, 32), 9);
	assert_string_equal(regions_find(&T, "150924")->name, "兴和县");
}

static void test_bad_csv_refused_with_line(void **state)
{
	struct region_table t;
	struct core_error err;

	(void)state;
	assert_false(regions_load("150000,内蒙古自治区,\n15090,乌兰察布市,150000\n", "x.csv", &t, &err));
	assert_string_equal(err.msg, "x.csv: line 2: expected a 6-digit code");
	assert_false(regions_load("150900,乌兰察布市,150000\n", "x.csv", &t, &err));
	assert_non_null(strstr(err.msg, "unknown parent 150000"));
	assert_false(regions_load("150000,a,\n150000,b,\n", "x.csv", &t, &err));
	assert_non_null(strstr(err.msg, "listed twice"));
	assert_false(regions_load("150100,a,150200\n150200,b,150100\n", "x.csv", &t, &err));
	assert_non_null(strstr(err.msg, "cycle"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_levels_region_city_county),
		cmocka_unit_test(test_reviewer_at_150900_sees_150924),
		cmocka_unit_test(test_full_path_name),
		cmocka_unit_test(test_seed_region_list_has_14_entries_beside_each_other),
		cmocka_unit_test(test_hohhot_and_ulanqab_counties_present),
		cmocka_unit_test(test_bad_csv_refused_with_line),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
