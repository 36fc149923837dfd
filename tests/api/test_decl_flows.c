/* After the declaration over HTTPS (SPEC §5.3): feedback and cancellation
 * with their files (judged as materials, kept and read back), the tax
 * record's levy equal to the core's for the same inputs, a passed year
 * frozen against registry imports until an accepted feedback reopens it,
 * `anzhi tax export`'s CSV, the 年审 queue's pages, and the overview's counts
 * following every step (JSON and CSV). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/count.h"
#include "core/levy.h"
#include "core/money.h"
#include "core/policy.h"
#include "tests/api/decl.h"
#include "tests/samples.h"

static struct server srv;
static struct decl_t cy;   /* 察哈尔右翼前旗绿源: submitted in the demo */
static struct decl_t fz;   /* 丰镇恒信建材: passed in the demo */

static int setup(void **state)
{
	if (server_start(&srv, NULL, NULL) != 0 || decl_open(&cy, &srv, "chayouqian") != 0 ||
	    decl_open(&fz, &srv, "fengzhen") != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	decl_close(&cy);
	decl_close(&fz);
	return server_stop(&srv, 0) == 0 ? 0 : -1;
}

static json_t *get(const char *token, const char *path)
{
	struct resp r;
	http(&srv, "GET", path, token, NULL, NULL, &r);
	json_t *j = r.status == 200 ? json_incref(r.json) : NULL;
	resp_free(&r);
	return j;
}

/* One overview counter of a region (JSON, as the supervisor). */
static long long overview(const char *region, const char *key)
{
	char path[96];
	snprintf(path, sizeof path, "/overview?region=%s", region);
	json_t *o = get(cy.tok[R_SUPERVISOR], path);
	json_t *v = jget(o, "total");
	long long n = json_is_integer(json_object_get(v, key)) ? jint(v, key) : -1;
	json_decref(o);
	return n;
}

static void test_feedback_files_are_judged_kept_and_read_back(void **state)
{
	struct resp r;
	struct sample png = { .n = 0 }, pdf = { .n = 0 };
	char path[128];
	sample_png(&png);
	sample_pdf(&pdf);
	assert_int_equal(decl_reach(&cy, "passed", 0), 0);
	snprintf(path, sizeof path, "/units/%s/years/%d/feedback", cy.uscc, cy.year);
	const char *text = "萨仁的第12个月工资已发放，附工资单与银行流水。";
	struct part parts[3] = { { "text", NULL, text, strlen(text) },
				 { "file", "工资单.png", png.b, png.n },
				 { "file", "银行流水.pdf", pdf.b, pdf.n } };
	/* refused whole: a text file named .png, a damaged PDF, no text, a bad name */
	struct part fake = { "file", "伪装.png", "not an image", 12 };
	struct part bad[3] = { parts[0], parts[1], fake };
	upload_parts(&srv, path, cy.tok[R_UNIT], bad, 3, &r);
	assert_int_equal(r.status, 415);
	resp_free(&r);
	struct part cut = { "file", "截断.pdf", pdf.b, pdf.n - 10 };
	bad[2] = cut;
	upload_parts(&srv, path, cy.tok[R_UNIT], bad, 3, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	upload_parts(&srv, path, cy.tok[R_UNIT], parts + 1, 2, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "code"), "missing_field");
	assert_string_equal(jstr(r.json, "field"), "text");
	resp_free(&r);
	struct part named = { "file", "a\x1b[2Jb.png", png.b, png.n };
	bad[2] = named;
	upload_parts(&srv, path, cy.tok[R_UNIT], bad, 3, &r);
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr(r.json, "field"), "filename");
	resp_free(&r);
	struct part nine[10] = { parts[0] };
	for (int i = 1; i < 10; i++)
		nine[i] = parts[1];
	upload_parts(&srv, path, cy.tok[R_UNIT], nine, 10, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	json_t *y = decl_year(&cy);
	assert_false(json_is_true(jget(y, "feedback_pending"))); /* nothing was kept */
	json_decref(y);

	upload_parts(&srv, path, cy.tok[R_UNIT], parts, 3, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "status"), "pending");
	assert_string_equal(jstr(r.json, "text"), text);
	assert_string_equal(jstr(r.json, "declaration_status"), "passed");
	assert_int_equal(json_array_size(jget(r.json, "files")), 2);
	assert_string_equal(jstr(r.json, "files.1.filename"), "银行流水.pdf");
	assert_string_equal(jstr(r.json, "files.1.content_type"), "application/pdf");
	long long id = jint(r.json, "id");
	resp_free(&r);
	/* the reviewer reads both files back, byte for byte */
	for (int i = 1; i <= 2; i++) {
		char fp[96];
		snprintf(fp, sizeof fp, "/feedback/%lld/files/%d", id, i);
		http(&srv, "GET", fp, cy.tok[R_REVIEWER], NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		const struct sample *s = i == 1 ? &png : &pdf;
		assert_int_equal(r.len, s->n);
		assert_memory_equal(r.body, s->b, s->n);
		resp_free(&r);
	}
	snprintf(path, sizeof path, "/feedback/%lld/files/3", id);
	http(&srv, "GET", path, cy.tok[R_REVIEWER], NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	/* in the reviewers' queue (150900), not in another region's */
	json_t *q = get(cy.tok[R_REVIEWER], "/feedback");
	assert_int_equal(jint(q, "total"), 1);
	assert_int_equal(jint(q, "items.0.id"), id);
	json_decref(q);
	q = get(cy.tok[R_SUPERVISOR], "/feedback?region=150200");
	assert_int_equal(json_array_size(jget(q, "items")), 0);
	json_decref(q);
	/* accepted: the declaration reopens for correction, the unit sees the outcome */
	char im[48];
	snprintf(path, sizeof path, "/feedback/%lld/review", id);
	snprintf(im, sizeof im, "If-Match: \"1\"");
	const char *h[] = { im, NULL };
	http(&srv, "PUT", path, cy.tok[R_REVIEWER], "{\"result\":\"pass\",\"reason\":\"已核实\"}", h, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "accepted");
	assert_string_equal(jstr(r.json, "reviewer"), "reviewer");
	resp_free(&r);
	assert_string_equal(decl_status(&cy), "open");
	snprintf(path, sizeof path, "/units/%s/years/%d/feedback", cy.uscc, cy.year);
	q = get(cy.tok[R_UNIT], path);
	assert_string_equal(jstr(q, "items.0.status"), "accepted");
	assert_string_equal(jstr(q, "items.0.review_reason"), "已核实");
	json_decref(q);
}

static void test_cancellation_with_the_signed_application(void **state)
{
	struct resp r;
	struct sample pdf = { .n = 0 };
	char path[128];
	sample_pdf(&pdf);
	assert_int_equal(decl_reach(&cy, "open", 0), 0);
	long long before = overview("150900", "cancelled");
	snprintf(path, sizeof path, "/units/%s/years/%d/cancellation", cy.uscc, cy.year);
	const char *reason = "单位已于本年度停业。";
	struct part parts[3] = { { "reason", NULL, reason, strlen(reason) },
				 { "file", "注销业务申请书(盖章).pdf", pdf.b, pdf.n },
				 { "file", "另一份.pdf", pdf.b, pdf.n } };
	upload_parts(&srv, path, cy.tok[R_UNIT], parts, 1, &r);
	assert_int_equal(r.status, 422); /* the signed application is required */
	assert_string_equal(jstr(r.json, "field"), "file");
	resp_free(&r);
	upload_parts(&srv, path, cy.tok[R_UNIT], parts, 3, &r);
	assert_int_equal(r.status, 400); /* one file */
	resp_free(&r);
	upload_parts(&srv, path, cy.tok[R_AGENT], parts, 2, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "reason"), reason);
	assert_string_equal(jstr(r.json, "file.filename"), "注销业务申请书(盖章).pdf");
	long long id = jint(r.json, "id");
	resp_free(&r);
	snprintf(path, sizeof path, "/cancellations/%lld/file", id);
	http(&srv, "GET", path, cy.tok[R_SUPERVISOR], NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, pdf.b, pdf.n);
	resp_free(&r);
	json_t *q = get(cy.tok[R_REVIEWER], "/cancellations");
	assert_int_equal(jint(q, "total"), 1);
	json_decref(q);
	assert_int_equal(decl_do(&cy, R_REVIEWER, "cancel-approve"), 0);
	assert_string_equal(decl_status(&cy), "cancelled");
	assert_int_equal(overview("150900", "cancelled"), before + 1);
	q = get(cy.tok[R_REVIEWER], "/cancellations?status=accepted");
	assert_int_equal(jint(q, "items.0.id"), id);
	json_decref(q);
	/* a cancelled year takes nothing more from the unit */
	decl_send(&cy, R_UNIT, "submit", &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	assert_int_equal(decl_do(&cy, R_SUPERVISOR, "reopen"), 0);
	assert_int_equal(overview("150900", "cancelled"), before);
}

/* SPEC §7.1: the tax record's levy is the core's for the same inputs. */
static void test_tax_record_levy_equals_the_cores(void **state)
{
	struct resp r;
	char path[128], due[32], wage[32], social[32];
	struct policy p;
	struct core_error ce;
	FILE *f = fopen("data/policy/150000.json", "r");
	assert_non_null(f);
	char *text = calloc(1, 1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_true(policy_load(text, "150000.json", &p, &ce));
	free(text);
	snprintf(path, sizeof path, "/units/%s", fz.uscc);
	json_t *unit = get(fz.tok[R_UNIT], path);
	json_t *y = decl_year(&fz);
	assert_string_equal(jstr(y, "status"), "passed");
	long long before = overview("150900", "tax_records");

	struct levy_input in = { .staff = dec_int(jint(unit, "staff_last_year")),
				 .placed = count_placed_persons((long)jint(y, "months_counted")),
				 .has_total_wages = true, .year = fz.year };
	assert_true(money_parse_fen(jstr(unit, "wages_last_year"), "w", &in.total_wages_fen, &ce));
	assert_true(policy_unit_kind_parse(jstr(unit, "kind"), &in.kind));
	struct levy_result want;
	assert_true(levy_compute(&p, &in, &want, &ce));
	money_format_fen(want.due_fen, due, sizeof due);
	money_format_fen(want.wage_fen, wage, sizeof wage);
	money_format_fen(policy_social_wage(&p, fz.year)->annual_fen, social, sizeof social);
	assert_true(want.due_fen > 0);

	snprintf(path, sizeof path, "/units/%s/years/%d/send-to-tax", fz.uscc, fz.year);
	http(&srv, "POST", path, fz.tok[R_UNIT], NULL, NULL, &r);
	assert_int_equal(r.status, 403); /* the federation sends */
	resp_free(&r);
	http(&srv, "POST", path, fz.tok[R_REVIEWER], NULL, NULL, &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(jstr(r.json, "levy_due"), due);
	assert_string_equal(jstr(r.json, "wage_used"), wage);
	assert_string_equal(jstr(r.json, "social_avg_wage"), social);
	assert_true(json_is_true(jget(r.json, "social_avg_wage_example")));
	assert_int_equal(jint(r.json, "staff"), jint(unit, "staff_last_year"));
	assert_string_equal(jstr(r.json, "uscc"), fz.uscc);
	assert_int_equal(json_array_size(jget(r.json, "steps")), want.n_steps);
	assert_string_equal(jstr(r.json, "steps.0.kind"), levy_step_name(want.steps[0].kind));
	assert_string_equal(jstr(r.json, "status"), "current");
	resp_free(&r);
	json_decref(y);
	y = decl_year(&fz);
	assert_string_equal(jstr(y, "status"), "sent_to_tax");
	assert_true(json_is_string(jget(y, "sent_to_tax_at")));
	json_decref(y);
	assert_int_equal(overview("150900", "tax_records"), before + 1);
	json_t *o = get(fz.tok[R_SUPERVISOR], "/overview?region=150900");
	assert_string_equal(jstr(o, "total.levy_due"), due);
	json_decref(o);
	/* the tax bureau's list: the region's, not another's */
	json_t *list = get(fz.tok[R_REVIEWER], "/tax-records?region=150981");
	assert_int_equal(json_array_size(jget(list, "items")), 1);
	assert_string_equal(jstr(list, "items.0.levy_due"), due);
	json_decref(list);
	list = get(fz.tok[R_SUPERVISOR], "/tax-records?region=150200");
	assert_int_equal(json_array_size(jget(list, "items")), 0);
	json_decref(list);
	/* an accepted feedback reopens the year: the record is withdrawn */
	assert_int_equal(decl_do(&fz, R_UNIT, "feedback"), 0);
	assert_int_equal(decl_do(&fz, R_REVIEWER, "feedback-accept"), 0);
	list = get(fz.tok[R_REVIEWER], "/tax-records?region=150981");
	assert_string_equal(jstr(list, "items.0.status"), "withdrawn");
	assert_true(json_is_string(jget(list, "items.0.withdrawn_at")));
	json_decref(list);
	assert_int_equal(overview("150900", "tax_records"), before);
	json_decref(unit);
}

/* `anzhi tax export` (the client binary beside $ANZHID) with token; its
 * exit status, stdout into out. */
static int tax_export(const char *token, const char *extra, char *out, size_t len)
{
	char bin[512], server[96], cmd[2048];
	const char *anzhid = getenv("ANZHID") ? getenv("ANZHID") : "build/release/anzhid";
	snprintf(bin, sizeof bin, "%.*s", (int)(strlen(anzhid) - 1), anzhid); /* …/anzhi */
	snprintf(server, sizeof server, "%.*s", (int)(strlen(srv.base) - strlen("/api/v1")),
		 srv.base);
	snprintf(cmd, sizeof cmd,
		 "XDG_CONFIG_HOME=%s XDG_STATE_HOME=%s ANZHI_TOKEN='%s' %s tax export --year %d"
		 " --server %s --pin '%s' %s 2>/dev/null",
		 srv.dir, srv.dir, token ? token : "", bin, fz.year, server, srv.pin, extra);
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(out, 1, len - 1, p) : 0;
	out[n] = '\0';
	int st = p ? pclose(p) : -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The tax bureau's file: every record of the year and region as CSV. */
static void test_tax_export_writes_the_records_as_csv(void **state)
{
	char out[8192], line[256];
	assert_int_equal(decl_reach(&fz, "sent_to_tax", 0), 0);
	assert_int_equal(tax_export(fz.tok[R_SUPERVISOR], "--region 150900 --csv", out, sizeof out),
			 0);
	assert_int_equal(strncmp(out, "uscc,unit_name,year,tax_region,unit_kind,staff,", 47), 0);
	snprintf(line, sizeof line, "\r\n%s,丰镇市恒信建材有限公司,%d,150981,enterprise,400,", fz.uscc,
		 fz.year);
	assert_non_null(strstr(out, line));
	assert_non_null(strstr(out, ",current,")); /* the record in force */
	assert_non_null(strstr(out, ",withdrawn,")); /* the one an accepted feedback withdrew */
	/* another region has none: the header alone */
	assert_int_equal(tax_export(fz.tok[R_SUPERVISOR], "--region 150200 --csv", out, sizeof out),
			 0);
	assert_null(strstr(out, fz.uscc));
	/* a unit may not export (1, nothing written); without --csv: usage (2) */
	assert_int_equal(tax_export(fz.tok[R_UNIT], "--csv", out, sizeof out), 1);
	assert_string_equal(out, "");
	assert_int_equal(tax_export(fz.tok[R_SUPERVISOR], "", out, sizeof out), 2);
	/* without a session */
	assert_int_equal(tax_export(NULL, "--csv", out, sizeof out), 1);
}

/* The person's placement at the unit (the first on its list), unmasked. */
static json_t *first_placement(struct decl_t *d)
{
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=1", d->uscc, d->year);
	json_t *l = get(d->tok[R_UNIT], path);
	snprintf(path, sizeof path, "/placements/%lld", jint(l, "items.0.id"));
	json_decref(l);
	return get(d->tok[R_UNIT], path);
}

/* Imports wages of month 03 for the placement's person, paid by payer. */
static void import_wage(const char *idno, int year, const char *payer)
{
	char csv[300], file[300], args[700], out[2048];
	snprintf(file, sizeof file, "%s/../wages-%s.csv", srv.dir, payer);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	snprintf(csv, sizeof csv, "idno,month,uscc,amount\n%s,%d03,%s,4000.00\n", idno, year, payer);
	fputs(csv, f);
	fclose(f);
	snprintf(args, sizeof args, "import %s wages %s --as-of %d-12-31", store_args(srv.dir),
		 file, year);
	assert_int_equal(anzhid_run(args, NULL, out, sizeof out), 0);
	unlink(file);
}

/* A passed year is frozen: an import does not change its months; the
 * months wait and are re-checked when an accepted feedback reopens it. */
static void test_a_passed_year_is_frozen_until_feedback_reopens_it(void **state)
{
	struct resp r;
	char path[96], body[64];
	assert_int_equal(decl_reach(&cy, "passed", 0), 0);
	json_t *p0 = first_placement(&cy), *y0 = decl_year(&cy);
	const char *other = demo_unit_of(&srv, "xinghe");
	import_wage(jstr(p0, "person.idno"), cy.year, other); /* now paid by another unit */
	json_t *p1 = first_placement(&cy), *y1 = decl_year(&cy);
	assert_int_equal(jint(p1, "version"), jint(p0, "version"));
	assert_true(json_is_true(jget(p1, "months.2.checks.wage.ok")));
	assert_int_equal(jint(y1, "months_counted"), jint(y0, "months_counted"));
	assert_int_equal(jint(y1, "version"), jint(y0, "version"));
	/* nor do edits or reviews */
	snprintf(path, sizeof path, "/placements/%lld/months", jint(p1, "id"));
	snprintf(body, sizeof body, "{\"months\":[\"%d01\"]}", cy.year);
	char im[48];
	snprintf(im, sizeof im, "If-Match: \"%lld\"", jint(p1, "version"));
	const char *h[] = { im, NULL };
	http(&srv, "PUT", path, cy.tok[R_UNIT], body, h, &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	snprintf(path, sizeof path, "/placements/%lld/review", jint(p1, "id"));
	snprintf(body, sizeof body, "{\"months\":[{\"month\":\"%d03\",\"result\":\"valid\"}]}",
		 cy.year);
	http(&srv, "PUT", path, cy.tok[R_REVIEWER], body, h, &r);
	assert_int_equal(r.status, 409);
	resp_free(&r);
	/* reopened: the month the import touched is checked again */
	assert_int_equal(decl_do(&cy, R_UNIT, "feedback"), 0);
	assert_int_equal(decl_do(&cy, R_REVIEWER, "feedback-accept"), 0);
	json_t *p2 = first_placement(&cy), *y2 = decl_year(&cy);
	assert_true(json_is_false(jget(p2, "months.2.checks.wage.ok")));
	assert_string_equal(jstr(p2, "months.2.checks.wage.reason"), "wage_paid_by_other");
	assert_true(jint(y2, "months_confirmed") < jint(y0, "months_confirmed"));
	assert_true(jint(p2, "version") > jint(p1, "version"));
	/* an open year's placement is re-checked at once (the contrast) */
	import_wage(jstr(p2, "person.idno"), cy.year, cy.uscc); /* paid by its own unit again */
	json_t *p3 = first_placement(&cy);
	assert_true(json_is_true(jget(p3, "months.2.checks.wage.ok")));
	json_decref(p0);
	json_decref(p1);
	json_decref(p2);
	json_decref(p3);
	json_decref(y0);
	json_decref(y1);
	json_decref(y2);
}

/* The 年审 queue pages by keyset: every submitted declaration once. */
static void test_declaration_queue_pages_without_repeats(void **state)
{
	assert_int_equal(decl_reach(&cy, "submitted", 0), 0);
	json_t *all = get(cy.tok[R_SUPERVISOR], "/review/declarations");
	long long total = jint(all, "total");
	assert_true(total >= 2); /* 包头北方福康 and 察右前旗绿源 */
	assert_int_equal(json_array_size(jget(all, "items")), total);
	char path[256], seen[8][24];
	int n = 0;
	snprintf(path, sizeof path, "/review/declarations?limit=1");
	for (;;) {
		json_t *pg = get(cy.tok[R_SUPERVISOR], path);
		assert_non_null(pg);
		assert_int_equal(json_array_size(jget(pg, "items")), 1);
		for (int i = 0; i < n; i++)
			assert_string_not_equal(seen[i], jstr(pg, "items.0.uscc"));
		snprintf(seen[n++], sizeof seen[0], "%s", jstr(pg, "items.0.uscc"));
		assert_string_equal(jstr(pg, "items.0.status"), "submitted");
		if (json_is_null(jget(pg, "next_cursor"))) {
			json_decref(pg);
			break;
		}
		snprintf(path, sizeof path, "/review/declarations?limit=1&cursor=%s",
			 jstr(pg, "next_cursor"));
		json_decref(pg);
	}
	assert_int_equal(n, total);
	json_decref(all);
	json_t *mine = get(cy.tok[R_REVIEWER], "/review/declarations");
	assert_int_equal(jint(mine, "total"), 1); /* 150900's only */
	assert_string_equal(jstr(mine, "items.0.uscc"), cy.uscc);
	assert_true(jint(mine, "items.0.months_counted") > jint(mine, "items.0.months_confirmed"));
	json_decref(mine);
}

/* The overview's counts follow each step; the CSV says the same. */
static void test_overview_counts_follow_transitions_and_export_as_csv(void **state)
{
	struct resp r;
	assert_int_equal(decl_reach(&cy, "submitted", 0), 0);
	long long sub = overview("150900", "submitted"), pas = overview("150900", "passed");
	long long open = overview("150900", "not_submitted"), units = overview("150900", "units");
	assert_int_equal(units, 4); /* 兴和, 集宁, 察右前旗, 丰镇 */
	assert_int_equal(decl_do(&cy, R_REVIEWER, "pass"), 0);
	assert_int_equal(overview("150900", "submitted"), sub - 1);
	assert_int_equal(overview("150900", "passed"), pas + 1);
	assert_int_equal(overview("150000", "passed") >= pas + 1, 1);
	assert_int_equal(decl_do(&cy, R_UNIT, "feedback"), 0);
	assert_int_equal(overview("150900", "feedback_pending"), 1);
	assert_int_equal(decl_do(&cy, R_REVIEWER, "feedback-accept"), 0);
	assert_int_equal(overview("150900", "passed"), pas);
	assert_int_equal(overview("150900", "not_submitted"), open + 1);
	assert_int_equal(overview("150900", "feedback_pending"), 0);
	json_t *o = get(cy.tok[R_SUPERVISOR], "/overview?region=150900");
	assert_string_equal(jstr(o, "total.region_name"), "乌兰察布市");
	size_t i;
	json_t *row;
	long long sum = 0;
	json_array_foreach(jget(o, "regions"), i, row)
		sum += jint(row, "units");
	assert_int_equal(sum, units); /* its 旗县区 add up to it */
	json_decref(o);
	/* CSV: a header, the region, then each region under it */
	http(&srv, "GET", "/overview.csv?region=150900", cy.tok[R_SUPERVISOR], NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.content_type, "text/csv"));
	assert_int_equal(strncmp(r.body, "year,region,region_name,units,not_submitted,", 44), 0);
	char line[200];
	snprintf(line, sizeof line, "\r\n%d,150900,乌兰察布市,%lld,", cy.year, units);
	assert_non_null(strstr(r.body, line));
	assert_non_null(strstr(r.body, ",150926,察哈尔右翼前旗,1,"));
	resp_free(&r);
	const char *h[] = { "Accept: text/csv", NULL };
	http(&srv, "GET", "/overview?region=150900", cy.tok[R_SUPERVISOR], NULL, h, &r);
	assert_non_null(strstr(r.content_type, "text/csv"));
	resp_free(&r);
	http(&srv, "GET", "/overview", cy.tok[R_UNIT], NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feedback_files_are_judged_kept_and_read_back),
		cmocka_unit_test(test_cancellation_with_the_signed_application),
		cmocka_unit_test(test_tax_record_levy_equals_the_cores),
		cmocka_unit_test(test_a_passed_year_is_frozen_until_feedback_reopens_it),
		cmocka_unit_test(test_tax_export_writes_the_records_as_csv),
		cmocka_unit_test(test_declaration_queue_pages_without_repeats),
		cmocka_unit_test(test_overview_counts_follow_transitions_and_export_as_csv),
	};
	return cmocka_run_group_tests_name("api_decl_flows", tests, setup, teardown);
}
