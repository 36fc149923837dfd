/* fuzz_policy: policy_load (src/core/policy_load.c) on arbitrary JSON text.
 * A table that loads must be usable: every query and the calculations built
 * on it (age, checks, levy, reward) run on it without a crash or UB, whatever
 * numbers it holds — policy_load is the only gate between a file an operator
 * edits and the service's arithmetic. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/age.h"
#include "core/checks.h"
#include "core/levy.h"
#include "core/policy.h"
#include "core/reward.h"
#include "tests/fuzz/fuzz.h"

#define UNIT "91150924MA0HXD012T"

static void use_policy(const struct policy *p)
{
	static const struct ymd dates[] = {{2015, 10, 1}, {2019, 12, 31}, {2024, 7, 1},
					   {2025, 1, 1}, {2027, 12, 31}, {9999, 12, 31}};
	struct core_error err;
	int64_t fen;

	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		struct ymd d = dates[i];

		(void)policy_tier_for(p, d, dec_frac(1, 200));
		(void)policy_tier_for(p, d, dec_int(0));
		(void)policy_wage_cap_multiple(p, d);
		(void)policy_is_exempt(p, d, dec_int(30), UNIT_ENTERPRISE);
		for (int area = 0; area <= 4; area++)
			(void)policy_min_wage(p, area, ym_of(d), &fen);
		(void)policy_social_wage(p, d.y);
		(void)policy_levy_date(p, d.y);
	}
	for (int t = 0; t < CERT_TYPE__COUNT; t++)
		for (int lv = 0; lv <= 9; lv++)
			for (int cat = 0; cat <= 8; cat++)
				REQUIRE(policy_cert_weight(p, (enum cert_type)t, lv, cat) >= 1);
	for (int g = 0; g < RETIRE_GROUP__COUNT; g++)
		for (int y = 1940; y <= 2010; y += 7) {
			int b = ym_make(y, 1 + y % 12);

			(void)age_retirement_ym(&p->age, b, (enum retire_group)g);
			(void)age_status_at(&p->age, b, (enum retire_group)g, ym_make(2025, 6));
		}

	struct wage_record w = {UNIT, ym_make(2024, 6), 320000};
	struct insurance_payment ins = {UNIT, ym_make(2024, 6)};
	struct contract_facts c = {CONTRACT_FIXED, {2024, 1, 1}, DATE_OPEN_END, false, "", ""};
	struct cert_facts cert = {CERT_DISABILITY, 2, 6, {2019, 1, 1}, DATE_OPEN_END};
	struct month_facts f = {
		.uscc = UNIT, .ym = ym_make(2024, 6), .birth = {1964, 9, 15},
		.gender = GENDER_FEMALE, .area_class = 2, .wages = &w, .n_wages = 1,
		.social = &ins, .n_social = 1, .medical = &ins, .n_medical = 1,
		.contracts = &c, .n_contracts = 1, .certs = &cert, .n_certs = 1,
	};
	struct month_result mr;
	(void)checks_run_month(p, &f, &mr);

	struct levy_input li = {
		.staff = dec_frac(1375, 10), .placed = dec_frac(21, 12),
		.has_total_wages = true, .total_wages_fen = 820000000, .year = 2024,
		.date = {2025, 7, 1}, .kind = UNIT_ENTERPRISE,
	};
	struct levy_result lr;
	if (levy_compute(p, &li, &lr, &err))
		REQUIRE(lr.due_fen >= 0 && lr.n_steps <= LEVY_MAX_STEPS);

	struct reward_input ri = {.staff = dec_int(100), .placed = dec_int(5), .year = 2024};
	struct reward_result rr;
	if (reward_compute(p, &ri, &rr, &err))
		REQUIRE(rr.reward_fen >= 0 && rr.n_steps <= REWARD_MAX_STEPS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static struct policy p;
	struct core_error err;
	char *text;

	if (n > 65536)
		return 0;
	text = malloc(n + 1);
	if (!text)
		abort();
	memcpy(text, data, n);
	text[n] = '\0';
	memset(&p, 0, sizeof p);
	if (policy_load(text, "fuzz.json", &p, &err))
		use_policy(&p);
	else
		REQUIRE(err.code == CORE_ERR_POLICY && memchr(err.msg, '\0', sizeof err.msg));
	free(text);
	return 0;
}
