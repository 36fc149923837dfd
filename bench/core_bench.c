/* core_bench: how fast the pure core is — ID validation, one person-month's
 * checks, a levy calculation and loading the policy table — so a change that
 * makes the service's hot paths slower shows up as a number.
 *
 *   core_bench [--policy FILE] [--min-seconds S]      timed runs, one line each:
 *       <name> <ops_per_second> <ns_per_op> <iterations>
 *   core_bench --fixed NAME N                          runs NAME exactly N times
 *       (for callgrind: only bench_loop() is collected, see bench/run)
 *
 * Times come from CLOCK_MONOTONIC; each benchmark doubles its iteration count
 * until one run lasts at least --min-seconds (0.5 by default). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/checks.h"
#include "core/ident.h"
#include "core/levy.h"
#include "core/policy.h"

#define UNIT  "91150924MA0HXD012T"
#define OTHER "91150105MA0CYLN03D"

struct ctx {
	char *policy_text;
	struct policy policy;
	struct month_facts facts;
	struct wage_record wages[12];
	struct insurance_payment social[12], medical[12];
	struct contract_facts contracts[3];
	struct cert_facts certs[2];
	int elsewhere[1];
	struct levy_input levy;
};

/* The optimiser must not drop the work: every result is folded in here. */
static volatile uint64_t sink;

/* SPEC §11's valid IDs and a few realistic others, plus one bad checksum and
 * one bad date, as a form would see them. */
static const char *const IDNOS[] = {
	"11010519491231002X", "440524188001010014", "150924198409151023",
	"150924198503151031", "150921197902221060", "11010519491231002x",
	"110105194912310021", "110105194913310022",
};
#define N_IDNOS (sizeof IDNOS / sizeof IDNOS[0])

static void op_idno(struct ctx *c, long i)
{
	struct idno id;
	struct core_error err;

	(void)c;
	sink += idno_parse(IDNOS[(size_t)i % N_IDNOS], &id, &err);
}

static void op_uscc(struct ctx *c, long i)
{
	static const char *const U[] = {"91350100M000100Y43", "91350100M000100Y4Z",
					UNIT, OTHER};
	(void)c;
	sink += uscc_valid(U[i & 3], NULL);
}

static void op_certno(struct ctx *c, long i)
{
	static const char *const C[] = {"31023019690109371864B1", "1509241984091510236 4",
					"15092419840915102364", "31023019690109371864"};
	struct certno cn;
	struct core_error err;

	(void)c;
	sink += certno_parse(C[i & 3], &cn, &err);
}

/* One realistic person-month (SPEC §4): a woman born 1984 with three
 * contracts (an old one, the current one, a dispatch one paid by an agency),
 * two certificates (an expired one and the current 精神四级) and a year of
 * wages, social and medical insurance rows; the month checked is June. */
static void facts_init(struct ctx *c)
{
	for (int m = 0; m < 12; m++) {
		int ym = ym_make(2024, m + 1);

		c->wages[m] = (struct wage_record){UNIT, ym, 320000};
		c->social[m] = (struct insurance_payment){UNIT, ym};
		/* medical insured by the contract's mi_unit in the first half */
		c->medical[m] = m < 6 ? (struct insurance_payment){OTHER, ym}
				      : (struct insurance_payment){UNIT, ym};
	}
	c->contracts[0] = (struct contract_facts){CONTRACT_FIXED, {2021, 1, 1}, {2023, 12, 31},
						  false, "", ""};
	c->contracts[1] = (struct contract_facts){CONTRACT_FIXED, {2024, 1, 1}, {2026, 12, 31},
						  false, "", OTHER};
	c->contracts[2] = (struct contract_facts){CONTRACT_TASK, {2024, 3, 1}, {2024, 8, 31},
						  true, OTHER, OTHER};
	c->certs[0] = (struct cert_facts){CERT_DISABILITY, 4, 6, {2014, 1, 1}, {2019, 1, 1}};
	c->certs[1] = (struct cert_facts){CERT_DISABILITY, 4, 6, {2019, 1, 1}, DATE_OPEN_END};
	c->facts = (struct month_facts){
		.uscc = UNIT, .ym = ym_make(2024, 6), .birth = {1984, 9, 15},
		.gender = GENDER_FEMALE, .has_retire_group = true,
		.retire_group = RETIRE_FEMALE55, .area_class = 2,
		.wages = c->wages, .n_wages = 12, .social = c->social, .n_social = 12,
		.medical = c->medical, .n_medical = 12, .contracts = c->contracts,
		.n_contracts = 3, .certs = c->certs, .n_certs = 2,
		.confirmed_elsewhere = c->elsewhere, .n_confirmed_elsewhere = 0,
	};
}

static void op_month(struct ctx *c, long i)
{
	struct month_result r;

	c->facts.ym = ym_make(2024, 1 + (int)(i % 12));
	sink += checks_run_month(&c->policy, &c->facts, &r);
	sink += r.all_ok + (uint64_t)r.weight;
}

/* A unit of 137 staff with 1.75 placed persons and 8.2 M yuan total wages:
 * the tier, the wage cap and the what-if all run. */
static void levy_init(struct ctx *c)
{
	c->levy = (struct levy_input){
		.staff = dec_frac(1370, 10), .placed = dec_frac(21, 12),
		.has_total_wages = true, .total_wages_fen = 820000000,
		.year = 2024, .date = {2025, 7, 1}, .kind = UNIT_ENTERPRISE,
	};
}

static void op_levy(struct ctx *c, long i)
{
	struct levy_result r;
	struct core_error err;

	c->levy.placed = dec_frac(i & 31, 12);
	sink += levy_compute(&c->policy, &c->levy, &r, &err);
	sink += (uint64_t)r.due_fen;
}

static void op_policy(struct ctx *c, long i)
{
	static struct policy p;
	struct core_error err;

	(void)i;
	sink += policy_load(c->policy_text, "150000.json", &p, &err);
}

struct bench { const char *name; void (*op)(struct ctx *, long); };

static const struct bench BENCHES[] = {
	{"idno_parse", op_idno},
	{"uscc_valid", op_uscc},
	{"certno_parse", op_certno},
	{"month_checks", op_month},
	{"levy_compute", op_levy},
	{"policy_load", op_policy},
};
#define N_BENCHES (sizeof BENCHES / sizeof BENCHES[0])

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Kept out of line so callgrind can collect only this (--toggle-collect). */
__attribute__((noinline)) void bench_loop(const struct bench *b, struct ctx *c, long n);
__attribute__((noinline)) void bench_loop(const struct bench *b, struct ctx *c, long n)
{
	for (long i = 0; i < n; i++)
		b->op(c, i);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (buf)
			buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static const struct bench *bench_find(const char *name)
{
	for (size_t i = 0; i < N_BENCHES; i++)
		if (strcmp(BENCHES[i].name, name) == 0)
			return &BENCHES[i];
	return NULL;
}

static int usage(void)
{
	fprintf(stderr, "usage: core_bench [--policy FILE] [--min-seconds S] [--fixed NAME N]\n");
	return 2;
}

int main(int argc, char **argv)
{
	static struct ctx c;
	const char *policy_path = "data/policy/150000.json";
	const char *fixed = NULL;
	long fixed_n = 0;
	double min_s = 0.5;
	struct core_error err;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
			policy_path = argv[++i];
		else if (strcmp(argv[i], "--min-seconds") == 0 && i + 1 < argc)
			min_s = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "--fixed") == 0 && i + 2 < argc) {
			fixed = argv[++i];
			fixed_n = strtol(argv[++i], NULL, 10);
		} else
			return usage();
	}
	c.policy_text = read_file(policy_path);
	if (!c.policy_text) {
		fprintf(stderr, "core_bench: cannot read %s\n", policy_path);
		return 1;
	}
	if (!policy_load(c.policy_text, "150000.json", &c.policy, &err)) {
		fprintf(stderr, "core_bench: policy_load: %s: %s\n", err.field, err.msg);
		return 1;
	}
	facts_init(&c);
	levy_init(&c);

	if (fixed) {
		const struct bench *b = bench_find(fixed);

		if (!b || fixed_n <= 0)
			return usage();
		bench_loop(b, &c, fixed_n);
		free(c.policy_text);
		return 0;
	}
	for (size_t k = 0; k < N_BENCHES; k++) {
		const struct bench *b = &BENCHES[k];
		long n = 64;
		double t;

		bench_loop(b, &c, n);   /* warm caches */
		for (;;) {
			double t0 = now_s();

			bench_loop(b, &c, n);
			t = now_s() - t0;
			if (t >= min_s || n > (1L << 40))
				break;
			n *= t > 0 && t < min_s / 8 ? 8 : 2;
		}
		printf("%s %.0f %.1f %ld\n", b->name, (double)n / t, t * 1e9 / (double)n, n);
		fflush(stdout);
	}
	free(c.policy_text);
	return 0;
}
