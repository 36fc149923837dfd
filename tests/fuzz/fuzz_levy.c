/* fuzz_levy: levy_compute and reward_compute (SPEC §7) with the real Inner
 * Mongolia table and arbitrary numbers — staff, placed, wages, years — as a
 * calculator screen or an API client could send them.  Exact arithmetic must
 * either answer or refuse (CORE_ERR_RANGE / CORE_ERR_OVERFLOW), never wrap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/levy.h"
#include "core/policy.h"
#include "core/reward.h"
#include "tests/fuzz/fuzz.h"

static struct policy P;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("ANZHI_POLICY") ? getenv("ANZHI_POLICY")
						  : "data/policy/150000.json";
	FILE *f = fopen(path, "rb");
	static char text[1 << 16];
	size_t n;
	struct core_error err;

	(void)argc, (void)argv;
	if (!f) {
		fprintf(stderr, "fuzz_levy: cannot read %s (run from the repo root)\n", path);
		abort();
	}
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	if (!policy_load(text, "150000.json", &P, &err)) {
		fprintf(stderr, "fuzz_levy: %s\n", err.msg);
		abort();
	}
	return 0;
}

static int64_t take64(const uint8_t **d, size_t *n)
{
	uint64_t v = 0;

	for (int i = 0; i < 8 && *n; i++, (*d)++, (*n)--)
		v = v << 8 | **d;
	return (int64_t)v;
}

/* Mostly small numbers (the interesting range), sometimes anything. */
static int64_t num(const uint8_t **d, size_t *n)
{
	int64_t v = take64(d, n);

	switch ((uint64_t)v & 3) {
	case 0: return (int64_t)(((uint64_t)v >> 2) % 2001) - 100;
	case 1: return (int64_t)(((uint64_t)v >> 2) % 100000000000LL);
	default: return v;
	}
}

static struct dec dec_of(const uint8_t **d, size_t *n)
{
	int64_t a = num(d, n), b = num(d, n);

	return b == 0 ? dec_int(a) : dec_frac(a, b < 0 ? -b : b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct core_error err;
	struct levy_input in = {0};
	struct levy_result r;
	struct reward_input ri = {0};
	struct reward_result rr;

	in.staff = dec_of(&data, &n);
	in.placed = dec_of(&data, &n);
	in.has_total_wages = n && (data[0] & 1);
	in.has_social_avg = n && (data[0] & 2);
	in.kind = (enum unit_kind)(n ? data[0] >> 2 : 0) % UNIT_KIND__COUNT;
	in.total_wages_fen = num(&data, &n);
	in.avg_wage_fen = num(&data, &n);
	in.social_avg_wage_fen = num(&data, &n);
	in.year = 2010 + (int)((uint64_t)num(&data, &n) % 30);
	in.date = (struct ymd){in.year + 1, 7, 1};

	if (levy_compute(&P, &in, &r, &err)) {
		REQUIRE(r.due_fen >= 0);
		REQUIRE(r.n_steps >= 1 && r.n_steps <= LEVY_MAX_STEPS);
		REQUIRE(r.steps[r.n_steps - 1].kind == LEVY_STEP_DUE);
		/* at or above the quota nothing is due (SPEC §7.1); placed whole, so
		 * the policy's rounding of it cannot move it below */
		struct dec req;
		if (dec_is_int(in.placed) && dec_mul(in.staff, P.quota, &req) &&
		    dec_cmp(in.placed, req) >= 0)
			REQUIRE(r.due_fen == 0);
	} else {
		REQUIRE(err.code != CORE_OK);
	}

	ri.staff = in.staff;
	ri.placed = in.placed;
	ri.has_min_wage = in.has_social_avg;
	ri.min_wage_fen = in.avg_wage_fen;
	ri.area_class = (int)((uint64_t)in.total_wages_fen % 5);
	ri.year = in.year;
	if (reward_compute(&P, &ri, &rr, &err)) {
		REQUIRE(rr.reward_fen >= 0);
		REQUIRE(rr.n_steps <= REWARD_MAX_STEPS);
	}
	return 0;
}
