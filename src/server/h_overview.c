/* h_overview — the supervisor's view of the filing season for a region
 * (盟市 / 旗县区): units that have not submitted, submitted, passed, failed,
 * sent to tax, cancelled; persons, confirmed and counted months, placed
 * persons, levy totals, requests awaiting review — for the region and each
 * region directly under it, from the counters (no scan of the year). As JSON,
 * or CSV (GET /overview.csv, or Accept: text/csv) for a spreadsheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/count.h"
#include "core/money.h"
#include "core/regions.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/store.h"

/* The overview's columns, in CSV order (the JSON uses the same keys). */
enum col {
	C_UNITS, C_NOT_SUBMITTED, C_SUBMITTED, C_PASSED, C_FAILED, C_SENT, C_CANCELLED, C_PERSONS,
	C_CONFIRMED, C_COUNTED, C_PLACED, C_LEVY, C_TAX_RECORDS, C_FEEDBACK, C_CANCELLATIONS,
	C__COUNT
};
static const char *const col_keys[C__COUNT] = {
	"units", "not_submitted", "submitted", "passed", "failed", "sent_to_tax", "cancelled",
	"persons", "months_confirmed", "months_counted", "placed_persons", "levy_due",
	"tax_records", "feedback_pending", "cancellations_pending",
};

struct row {
	char code[7];
	const char *name;
	int64_t n[C__COUNT];         /* C_PLACED and C_LEVY are written from text */
	char placed[32], levy[32];
};

static int load_row(struct srv_req *rq, const char *code, int year, struct row *r)
{
	struct overview_counts o;
	const struct region *reg = regions_find(&rq->ctx->regions, code);
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "%s", code);
	r->name = reg ? reg->name : "";
	if (store_overview(rq->st, code, year, &o) != STORE_OK)
		return -1;
	r->n[C_UNITS] = o.units;
	r->n[C_NOT_SUBMITTED] = o.status[DECLARATION_OPEN];
	r->n[C_SUBMITTED] = o.status[DECLARATION_SUBMITTED];
	r->n[C_PASSED] = o.status[DECLARATION_PASSED];
	r->n[C_FAILED] = o.status[DECLARATION_FAILED];
	r->n[C_SENT] = o.status[DECLARATION_SENT_TO_TAX];
	r->n[C_CANCELLED] = o.status[DECLARATION_CANCELLED];
	r->n[C_PERSONS] = o.persons;
	r->n[C_CONFIRMED] = o.months_confirmed;
	r->n[C_COUNTED] = o.months_counted;
	r->n[C_TAX_RECORDS] = o.tax_records;
	r->n[C_FEEDBACK] = o.requests[REQUEST_FEEDBACK][REQUEST_PENDING];
	r->n[C_CANCELLATIONS] = o.requests[REQUEST_CANCELLATION][REQUEST_PENDING];
	snprintf(r->placed, sizeof r->placed, "0.00");
	if (rq->ctx->have_policy)
		count_format_persons(&rq->ctx->policy, count_placed_persons((long)o.months_counted),
				     r->placed, sizeof r->placed);
	money_format_fen(o.levy_fen, r->levy, sizeof r->levy);
	return 0;
}

/* The region asked for, then each region directly under it (rows[0] is the
 * region itself); *n rows. */
static int load_rows(struct srv_req *rq, const char *region, int year, struct row **rows,
		     size_t *n)
{
	const struct region_table *t = &rq->ctx->regions;
	size_t kids = regions_children(t, region, NULL, 0);
	const struct region **under = calloc(kids ? kids : 1, sizeof *under);
	*rows = calloc(kids + 1, sizeof **rows);
	*n = 0;
	int rc = under && *rows ? load_row(rq, region, year, &(*rows)[(*n)++]) : -1;
	regions_children(t, region, under, kids);
	for (size_t i = 0; rc == 0 && i < kids; i++)
		rc = load_row(rq, under[i]->code, year, &(*rows)[(*n)++]);
	free(under);
	return rc;
}

static void row_json(struct jw *w, const struct row *r)
{
	jw_object(w);
	jw_kstr(w, "region", r->code);
	jw_kstr(w, "region_name", r->name);
	for (int c = 0; c < C__COUNT; c++) {
		if (c == C_PLACED || c == C_LEVY)
			jw_kstr(w, col_keys[c], c == C_PLACED ? r->placed : r->levy);
		else
			jw_kint(w, col_keys[c], r->n[c]);
	}
	jw_end(w);
}

static void reply_csv(struct srv_reply *rp, int year, const struct row *rows, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return;
	}
	fputs("year,region,region_name", f);
	for (int c = 0; c < C__COUNT; c++)
		fprintf(f, ",%s", col_keys[c]);
	fputs("\r\n", f);
	for (size_t i = 0; i < n; i++) {
		char *name = csv_field(rows[i].name);
		fprintf(f, "%d,%s,%s", year, rows[i].code, name ? name : "");
		free(name);
		for (int c = 0; c < C__COUNT; c++) {
			if (c == C_PLACED || c == C_LEVY)
				fprintf(f, ",%s", c == C_PLACED ? rows[i].placed : rows[i].levy);
			else
				fprintf(f, ",%lld", (long long)rows[i].n[c]);
		}
		fputs("\r\n", f);
	}
	if (fclose(f) != 0 || !text) {
		free(text);
		srv_problem(rp, 500, "internal", NULL, "could not write the CSV");
		return;
	}
	srv_json_text(rp, 200, text, len);
	snprintf(rp->content_type, sizeof rp->content_type, "text/csv; charset=utf-8");
}

static void overview(struct srv_req *rq, struct srv_reply *rp, int csv)
{
	int year;
	const char *region, *column;
	struct row *rows = NULL;
	size_t n = 0;
	if (listing_year(rq, rp, &year) != 0 || listing_region(rq, rp, &region, &column) != 0)
		return;
	if (!region || load_rows(rq, region, year, &rows, &n) != 0) {
		free(rows);
		srv_problem(rp, 500, "internal", NULL, "could not read the overview");
		return;
	}
	if (csv) {
		reply_csv(rp, year, rows, n);
		free(rows);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_object(&w);
	jw_kint(&w, "year", year);
	jw_key(&w, "total");
	row_json(&w, &rows[0]);
	jw_key(&w, "regions");
	jw_array(&w);
	for (size_t i = 1; i < n; i++)
		row_json(&w, &rows[i]);
	jw_end(&w);
	jw_end(&w);
	free(rows);
	listing_reply(rp, &w, 1, "overview");
}

void h_overview(struct srv_req *rq, struct srv_reply *rp)
{
	const char *accept = srv_header(rq, "Accept");
	overview(rq, rp, accept && strstr(accept, "text/csv") != NULL);
}

void h_overview_csv(struct srv_req *rq, struct srv_reply *rp)
{
	overview(rq, rp, 1);
}
