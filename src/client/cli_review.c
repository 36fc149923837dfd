/* cli_review: `anzhi review list [--year Y] [--region R] [--status S] [--json]`
 * and `anzhi review show ID [--json]` — the review queue and one case for
 * scripts, in the kept session (anzhi login); `anzhi review decide` is in
 * cli_decide.c. The list reads every page (next_cursor; page_size of the
 * config file cases at a time, else 500) and shows names and
 * ID numbers masked as the service lists them; --json prints the service's
 * items of all pages in one {"year","counts","total","items"}.
 * Exit 0, 1 when the service refused (or could not be reached), 2 usage. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "client/cli_session.h"
#include "client/cli_shared.h"
#include "core/ident.h"
#include "screens/status.h"
#include "ui/text.h"

static const char usage[] = N_(
	"usage: anzhi review list [--year Y] [--region CODE] [--status pending|pending_contract] [--json]\n"
	"       anzhi review show ID [--json]\n"
	"       anzhi review decide ID --all-valid\n"
	"       anzhi review decide ID --month YYYYMM=valid --month YYYYMM=invalid:REASON …\n"
	"  In the session of anzhi login. Exit 0 done, 1 refused by the service, 2 usage.\n");

struct list_opts {
	const char *year, *region, *status;
	bool json;
};

static bool all_digits(const char *s, size_t len)
{
	return strlen(s) == len && strspn(s, "0123456789") == len;
}

/* 0 parsed, else the exit status. */
static int parse_list(int argc, char **argv, struct list_opts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;
		if (strcmp(a, "--json") == 0) {
			o->json = true;
			continue;
		}
		if (strcmp(a, "--year") == 0)
			val = &o->year;
		else if (strcmp(a, "--region") == 0)
			val = &o->region;
		else if (strcmp(a, "--status") == 0)
			val = &o->status;
		else
			return cli_usage_error("review list", a, _("unknown option {2}"), NULL);
		if (i + 1 >= argc || !argv[i + 1][0])
			return cli_usage_error("review list", a, _("option {2} needs a value"), NULL);
		*val = argv[++i];
	}
	if (o->year && !all_digits(o->year, 4))
		return cli_usage_error("review list", "--year", _("{2} needs a year (2000–2100)"), NULL);
	if (o->region && !all_digits(o->region, 6))
		return cli_usage_error("review list", "--region", _("{2} needs a 6-digit region code"),
				       NULL);
	if (o->status && strcmp(o->status, "pending") != 0 &&
	    strcmp(o->status, "pending_contract") != 0)
		return cli_usage_error("review list", "--status",
				       _("{2} is pending or pending_contract"), NULL);
	return 0;
}

/* "&name=escaped value" onto q, when value is given. */
static void add_param(char *q, size_t size, const char *name, const char *value)
{
	if (!value)
		return;
	char *esc = url_escape(value);
	size_t n = strlen(q);
	snprintf(q + n, size - n, "%s%s=%s", n ? "&" : "", name, esc);
	free(esc);
}

/* One page of the queue, or NULL with why said. */
static json_t *fetch_page(struct cli_session *s, const struct config *cfg,
			  const struct list_opts *o, const char *cursor)
{
	char q[4096] = "", path[4200];
	struct cli_http r;
	add_param(q, sizeof q, "year", o->year);
	add_param(q, sizeof q, "region", o->region);
	add_param(q, sizeof q, "status", o->status);
	add_param(q, sizeof q, "limit", cfg->page_size[0] ? cfg->page_size : "500");
	add_param(q, sizeof q, "cursor", cursor[0] ? cursor : NULL);
	snprintf(path, sizeof path, "/review/placements?%s", q);
	json_t *page = NULL;
	if (cli_session_call(s, cfg, &(struct cli_http_req){ .path = path }, &r) == 0 &&
	    r.status == 200)
		page = json_loadb(r.body, r.len, 0, NULL);
	if (!json_is_array(json_object_get(page, "items"))) {
		if (r.status == 200)
			snprintf(r.err, sizeof r.err, "%s", "unreadable answer"), r.status = 0;
		cli_refused("review list", &r);
		json_decref(page);
		page = NULL;
	}
	cli_http_free(&r);
	return page;
}

/* Every page of the queue: {"year","counts","total","items"} or NULL (said). */
static json_t *fetch_queue(struct cli_session *s, const struct config *cfg,
			   const struct list_opts *o)
{
	json_t *all = NULL;
	char cursor[1024] = "";
	do {
		json_t *page = fetch_page(s, cfg, o, cursor);
		if (!page) {
			json_decref(all);
			return NULL;
		}
		const char *next = json_string_value(json_object_get(page, "next_cursor"));
		if (next && strlen(next) >= sizeof cursor) {
			fprintf(stderr, "anzhi review list: %s\n", _("the service's next page cannot be asked for (its cursor is too long)"));
			json_decref(page);
			json_decref(all);
			return NULL;
		}
		snprintf(cursor, sizeof cursor, "%s", next ? next : "");
		if (!all)
			all = json_pack("{s:O?, s:O?, s:O?, s:[]}", "year", json_object_get(page, "year"),
					"counts", json_object_get(page, "counts"), "total",
					json_object_get(page, "total"), "items");
		json_array_extend(json_object_get(all, "items"), json_object_get(page, "items"));
		json_decref(page);
	} while (cursor[0]);
	return all;
}

/* A cell: the cleaned server string fitted to cols (0: as it is), then a gap. */
static void cell(const char *s, int cols, unsigned flags)
{
	char *clean = text_clean(s ? s : ""), buf[512];
	if (cols > 0)
		text_fit(buf, sizeof buf, clean, cols, flags | TEXT_PAD);
	else
		snprintf(buf, sizeof buf, "%s", clean);
	fputs(buf, stdout);
	fputs(cols > 0 ? " " : "\n", stdout);
	free(clean);
}

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void print_table(const json_t *q)
{
	enum { W_ID = 6, W_NAME = 8, W_IDNO = 18, W_STATUS = 18, W_NUM = 6, W_USCC = 18 };
	char num[3][24];
	cell(_("ID"), W_ID, TEXT_RIGHT);
	cell(_("Name"), W_NAME, 0);
	cell(_("ID number"), W_IDNO, 0);
	cell(_("Status"), W_STATUS, 0);
	cell(_("Pending months"), W_NUM + 2, TEXT_RIGHT);
	cell(_("Materials"), W_NUM, TEXT_RIGHT);
	cell(_("Credit code"), W_USCC, 0);
	cell(_("Unit"), 0, 0);
	size_t i;
	const json_t *it;
	json_array_foreach(json_object_get(q, "items"), i, it) {
		snprintf(num[0], sizeof num[0], "%lld", (long long)json_integer_value(json_object_get(it, "id")));
		snprintf(num[1], sizeof num[1], "%lld",
			 (long long)json_integer_value(json_object_get(it, "months_pending")));
		snprintf(num[2], sizeof num[2], "%lld",
			 (long long)json_integer_value(json_object_get(it, "materials")));
		cell(num[0], W_ID, TEXT_RIGHT);
		cell(jstr(it, "name_masked"), W_NAME, 0);
		cell(jstr(it, "idno_masked"), W_IDNO, 0);
		cell(placement_status_label(placement_status_of(it)), W_STATUS, 0);
		cell(num[1], W_NUM + 2, TEXT_RIGHT);
		cell(num[2], W_NUM, TEXT_RIGHT);
		cell(jstr(it, "uscc"), W_USCC, 0);
		cell(jstr(it, "unit_name"), 0, 0);
	}
	char line[400], n[3][24];
	const json_t *counts = json_object_get(q, "counts");
	snprintf(n[0], sizeof n[0], "%zu", json_array_size(json_object_get(q, "items")));
	snprintf(n[1], sizeof n[1], "%lld",
		 (long long)json_integer_value(json_object_get(counts, "pending")));
	snprintf(n[2], sizeof n[2], "%lld",
		 (long long)json_integer_value(json_object_get(counts, "pending_contract")));
	const char *args[5] = { n[0], n[1], n[2], NULL, NULL };
	i18n_subst(line, sizeof line,
		   _("{1} cases awaiting review (pending {2}, pending with contract {3})"), args);
	printf("%s\n", line);
}

static int review_list(int argc, char **argv)
{
	struct list_opts o;
	struct cli_session s;
	struct config cfg = { 0 };
	struct config_error ferr = { 0 };
	int st = parse_list(argc, argv, &o);
	if (st)
		return st;
	config_load(&cfg, &ferr);   /* page_size: the cases asked for at a time */
	if (cli_session_open("review list", &s, &cfg) != 0)
		return CLI_INVALID;
	json_t *q = fetch_queue(&s, &cfg, &o);
	if (!q)
		return CLI_INVALID;
	if (o.json)
		cli_print_json(q);
	else {
		print_table(q);
		json_decref(q);
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_INVALID;
}

/* ------------------------------------------------------------------ show */

bool cli_parse_id(const char *s, long *id)
{
	char *end = NULL;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0 || strspn(s, "0123456789") != strlen(s))
		return false;
	*id = v;
	return true;
}

/* "  202507      无效    工资低于最低工资标准": a month or item, its decision, the reason. */
static void decision_row(const char *what, const char *result, const char *reason)
{
	const char *label = month_decision_label(wire_month_decision_parse(result));
	printf("  ");
	if (!*reason) {
		cell(what, 12, 0);
		cell(*label ? label : "-", 0, 0);
		return;
	}
	cell(what, 12, 0);
	cell(label, 10, 0);
	cell(reason, 0, 0);
}

/* The case as text: masked person, unit, status, then each decision row. */
static void print_case(const json_t *pl)
{
	const json_t *person = json_object_get(pl, "person");
	char name[64] = "", idno[32] = "", head[600];
	mask_name(jstr(person, "name"), name, sizeof name);
	mask_idno(jstr(person, "idno"), idno, sizeof idno);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(pl, "id")));
	char *uscc = text_clean(jstr(pl, "uscc"));
	const char *args[5] = { id, name, idno, uscc,
				placement_status_label(placement_status_of(pl)) };
	i18n_subst(head, sizeof head, _("Case {1}: {2} {3}, unit {4}, {5}"), args);
	cell(head, 0, 0);
	free(uscc);
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(pl, "months"), i, m) {
		if (!json_is_true(json_object_get(m, "registered")))
			continue;
		decision_row(jstr(m, "month"), jstr(m, "result"), jstr(m, "review_reason"));
	}
	json_array_foreach(json_object_get(pl, "dispatch_items"), i, m) {
		enum dispatch_item it;
		if (!wire_dispatch_item_parse(jstr(m, "item"), &it))
			continue;
		decision_row(dispatch_item_label(it), jstr(m, "result"), jstr(m, "reason"));
	}
}

static int review_show(int argc, char **argv)
{
	long id = 0;
	bool json = false;
	const char *id_arg = NULL;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (argv[i][0] != '-' && !id_arg)
			id_arg = argv[i];
		else
			return cli_usage_error("review show", argv[i], _("unknown option {2}"), NULL);
	}
	if (!cli_parse_id(id_arg, &id))
		return cli_usage_error("review show", id_arg ? id_arg : "",
				       _("usage: anzhi review show ID [--json] (ID: the case number the list shows)"),
				       NULL);
	struct cli_session s;
	struct config cfg = { 0 };
	struct cli_http r;
	char path[64];
	if (cli_session_open("review show", &s, &cfg) != 0)
		return CLI_INVALID;
	snprintf(path, sizeof path, "/placements/%ld", id);
	json_t *pl = NULL;
	if (cli_session_call(&s, &cfg, &(struct cli_http_req){ .path = path }, &r) == 0 &&
	    r.status == 200)
		pl = json_loadb(r.body, r.len, 0, NULL);
	if (!json_is_object(pl)) {
		int st = cli_refused("review show", &r);
		cli_http_free(&r);
		json_decref(pl);
		return st;
	}
	cli_http_free(&r);
	if (json)
		cli_print_json(pl);
	else {
		print_case(pl);
		json_decref(pl);
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_INVALID;
}

/* ------------------------------------------------------------------ dispatch */

static const struct {
	const char *word;
	int (*run)(int argc, char **argv);
} verbs[] = {
	{ "list", review_list },
	{ "show", review_show },
	{ "decide", cli_review_decide },
};

int cli_review(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(usage), stdout);
			return CLI_OK;
		}
	for (size_t i = 0; argc > 2 && i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(argv[2], verbs[i].word) == 0)
			return verbs[i].run(argc, argv);
	fputs(_(usage), stderr);
	return CLI_USAGE;
}
