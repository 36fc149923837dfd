/* doc_bench: how long anzhid takes to make a document and how large it is —
 * the renderer (doc.h) alone, drawn, signed and sealed in memory, for a
 * one-page 承诺书 and 审核认定书 of 10, 200 and 1000 persons.
 *
 *   doc_bench [--runs N]     one line per document:
 *       <name> <median_ms> <min_ms> <first_ms> <bytes> <pages> <cpu_ms>
 *
 * first_ms is the first render in the process (fonts found and loaded);
 * median and min are over N more (default 15); cpu_ms is the median CPU time
 * of one render (what a loaded machine does not inflate). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/doc.h"

static double clock_ms(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static struct doc_unit unit(void)
{
	struct doc_unit u = { .staff = 1200 };
	snprintf(u.uscc, sizeof u.uscc, "91150924MA0HXD012T");
	snprintf(u.name, sizeof u.name, "兴和县宏达商贸有限公司");
	snprintf(u.kind, sizeof u.kind, "企业");
	snprintf(u.legal_name, sizeof u.legal_name, "张宏达");
	snprintf(u.phone, sizeof u.phone, "0474-7212345");
	snprintf(u.contact_name, sizeof u.contact_name, "李静");
	snprintf(u.contact_phone, sizeof u.contact_phone, "13904741234");
	snprintf(u.address, sizeof u.address, "内蒙古自治区乌兰察布市兴和县城关镇团结路18号");
	snprintf(u.federation_region, sizeof u.federation_region, "150924");
	snprintf(u.federation_name, sizeof u.federation_name, "兴和县残疾人联合会");
	snprintf(u.seal_regions[0], 7, "150924");
	return u;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
static const char *const given[] = { "秀英", "建国", "丽华", "志强", "静", "海军", "敏", "卫东",
				     "晓东", "嵘" };

static struct doc_layout *certification(size_t n)
{
	struct doc_certification c = { .unit = unit(), .year = 2025 };
	struct doc_person *p = calloc(n, sizeof *p);
	for (size_t i = 0; i < n; i++) {
		snprintf(p[i].name, sizeof p[i].name, "%s%s", surnames[i % 10], given[(i / 10) % 10]);
		snprintf(p[i].idno_masked, sizeof p[i].idno_masked, "150924*****%07zu", 1000000 + i);
		snprintf(p[i].certificate, sizeof p[i].certificate, "%s", i % 3 ? "肢体四级" : "精神三级");
		p[i].months = i % 4 ? 0xFFF : 0xE3F;
		p[i].months_confirmed = i % 4 ? 12 : 9;
		p[i].months_counted = p[i].months_confirmed * (i % 3 ? 1 : 2);
		c.months_confirmed += p[i].months_confirmed;
		c.months_counted += p[i].months_counted;
	}
	snprintf(c.placed_persons, sizeof c.placed_persons, "%.2f", c.months_counted / 12.0);
	c.persons = p;
	c.npersons = n;
	struct doc_layout *l = doc_layout_certification(&c);
	free(p);
	return l;
}

static int pages(const struct doc_file *f)
{
	int n = 0;
	for (size_t i = 0; i + 12 <= f->len; i++)
		n += memcmp(f->pdf + i, "/Type /Page ", 12) == 0;
	return n;
}

static int bench(const char *name, struct doc_layout *l, const struct doc_issue *is, int runs)
{
	double t[256], cpu[256], first;
	struct doc_file f;
	char err[256];
	double t0 = now_ms();
	if (doc_render(l, is, &f, err, sizeof err) != 0) {
		fprintf(stderr, "doc_bench: %s: %s\n", name, err);
		return -1;
	}
	first = now_ms() - t0;
	size_t bytes = f.len;
	int np = pages(&f);
	doc_file_free(&f);
	for (int i = 0; i < runs; i++) {
		double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
		t0 = now_ms();
		if (doc_render(l, is, &f, err, sizeof err) != 0)
			return -1;
		t[i] = now_ms() - t0;
		cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
		doc_file_free(&f);
	}
	qsort(t, (size_t)runs, sizeof t[0], cmp);
	qsort(cpu, (size_t)runs, sizeof cpu[0], cmp);
	printf("%s %.1f %.1f %.1f %zu %d %.1f\n", name, t[runs / 2], t[0], first, bytes, np,
	       cpu[runs / 2]);
	fflush(stdout);
	doc_layout_free(l);
	return 0;
}

int main(int argc, char **argv)
{
	int runs = 15;
	struct doc_key key;
	if (argc == 3 && strcmp(argv[1], "--runs") == 0)
		runs = atoi(argv[2]);
	if (runs < 1 || runs > 256 || sodium_init() < 0)
		return 2;
	crypto_sign_keypair(key.pk, key.sk);
	docseal_key_id(key.pk, key.id);
	struct doc_issue is = { .datadir = ANZHI_DATADIR, .key = &key, .signed_at = time(NULL),
				.serial = 1 };
	struct doc_commitment cm = { .unit = unit(), .year = 2025 };
	int rc = bench("commitment", doc_layout_commitment(&cm), &is, runs);
	rc |= bench("certification_10", certification(10), &is, runs);
	rc |= bench("certification_200", certification(200), &is, runs);
	rc |= bench("certification_1000", certification(1000), &is, runs > 5 ? 5 : runs);
	doc_shutdown();
	return rc ? 1 : 0;
}
