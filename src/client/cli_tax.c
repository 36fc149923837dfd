/* cli_tax: `anzhi tax export --year Y [--region R] --csv` — the tax records
 * (发送税务) of a year for the tax bureau, as CSV on stdout: every page of
 * GET /tax-records, in the order they were sent (withdrawn ones marked).
 * It needs a session: --token-file FILE, else $ANZHI_TOKEN (the service and
 * its pin from the config file or --server / --pin / --cafile), else the
 * session `anzhi login` keeps (cli_session, with its service; a --server
 * naming another is refused: the token goes only where it came from).
 * Exit 0, 1 when the service refused or could not be reached (or there is
 * no session), 2 on bad arguments. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "base/i18n.h"
#include "base/url.h"
#include "client/cli_session.h"
#include "client/cli_shared.h"
#include "client/config.h"

static const char usage[] = N_(
	"usage: anzhi tax export --year Y [--region CODE] --csv [--token-file FILE]\n"
	"         [--server URL] [--pin sha256//KEY] [--cafile FILE]\n"
	"  Writes the year's tax records of the region (default: yours) as CSV.\n"
	"  Session: --token-file FILE, else ANZHI_TOKEN, else the token anzhi login keeps.\n");

struct opts {
	struct config cfg;
	const char *year, *region, *token_file;
	int csv;
	bool server_flag;     /* --server given (the kept session must be of it) */
};

/* The CSV's columns: the header word and the TAX_RECORD member. */
static const char *const columns[] = {
	"uscc", "unit_name", "year", "tax_region", "unit_kind", "staff", "placed_persons",
	"months_confirmed", "months_counted", "wages_last_year", "avg_wage", "social_avg_wage",
	"social_avg_wage_example", "wage_cap_multiple", "wage_used", "levy_due", "exempt",
	"factor", "policy_version", "status", "sent_at", "withdrawn_at",
};
#define NCOLS (sizeof columns / sizeof columns[0])

static int parse(int argc, char **argv, struct opts *o)
{
	struct config_error ferr = { 0 };
	memset(o, 0, sizeof *o);
	config_load(&o->cfg, &ferr);
	if (argc < 3 || strcmp(argv[2], "export") != 0)
		return cli_usage_error("tax", argc > 2 ? argv[2] : "",
				       _("usage: anzhi tax export --year Y [--region CODE] --csv"),
				       NULL);
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i];
		char *cfg_field = NULL;
		size_t cfg_size = 0;
		const char **val = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(_(usage), stdout);
			return -1;
		}
		if (strcmp(a, "--csv") == 0) {
			o->csv = 1;
			continue;
		}
		if (strcmp(a, "--year") == 0)
			val = &o->year;
		else if (strcmp(a, "--region") == 0)
			val = &o->region;
		else if (strcmp(a, "--token-file") == 0)
			val = &o->token_file;
		else if (strcmp(a, "--server") == 0)
			cfg_field = o->cfg.server, cfg_size = sizeof o->cfg.server, o->server_flag = true;
		else if (strcmp(a, "--pin") == 0)
			cfg_field = o->cfg.pin, cfg_size = sizeof o->cfg.pin;
		else if (strcmp(a, "--cafile") == 0)
			cfg_field = o->cfg.cafile, cfg_size = sizeof o->cfg.cafile;
		else
			return cli_usage_error("tax export", a, _("unknown option {2}"), NULL);
		if (i + 1 >= argc || !argv[i + 1][0])
			return cli_usage_error("tax export", a, _("option {2} needs a value"), NULL);
		if (val)
			*val = argv[++i];
		else
			snprintf(cfg_field, cfg_size, "%s", argv[++i]);
	}
	char *end = NULL;
	long y = o->year ? strtol(o->year, &end, 10) : 0;
	if (!o->year || *end || y < 2000 || y > 2100)
		return cli_usage_error("tax export", "--year", _("{2} needs a year (2000–2100)"), NULL);
	if (o->region && (strlen(o->region) != 6 || strspn(o->region, "0123456789") != 6))
		return cli_usage_error("tax export", "--region",
				       _("{2} needs a 6-digit region code"), NULL);
	if (!o->csv)
		return cli_usage_error("tax export", "--csv", _("give {2}: the format to write"),
				       NULL);
	return 0;
}

/* Whose session: --token-file, ANZHI_TOKEN, else the one anzhi login keeps
 * (cli_session, with its service, pin and CA file). */
struct auth {
	char token[512];
	bool kept;
	struct cli_session s;
};

static int find_session(struct opts *o, struct auth *au)
{
	const char *env = getenv("ANZHI_TOKEN");
	memset(au, 0, sizeof *au);
	if (o->token_file) {
		FILE *f = fopen(o->token_file, "r");
		if (!f || !fgets(au->token, sizeof au->token, f)) {
			if (f)
				fclose(f);
			return cli_usage_error("tax export", o->token_file,
					       _("cannot read the token file {2}"), NULL);
		}
		fclose(f);
		au->token[strcspn(au->token, "\r\n \t")] = '\0';
	} else if (env && *env) {
		snprintf(au->token, sizeof au->token, "%s", env);
	} else {
		struct config kept = { 0 };
		if (cli_session_open("tax export", &au->s, &kept) != 0)
			return CLI_INVALID;
		au->kept = true;
		/* the kept token goes to the service that issued it, nowhere else */
		if (o->server_flag && strcmp(o->cfg.server, kept.server) != 0) {
			const char *args[5] = { "tax export", kept.server, NULL, NULL, NULL };
			char line[1200];
			i18n_subst(line, sizeof line,
				   _("the kept session is for {2}: log in to the other service, or "
				     "give --token-file FILE"),
				   args);
			fprintf(stderr, "anzhi tax export: %s\n", line);
			return CLI_USAGE;
		}
		snprintf(o->cfg.server, sizeof o->cfg.server, "%s", kept.server);
		snprintf(o->cfg.pin, sizeof o->cfg.pin, "%s", kept.pin);
		snprintf(o->cfg.cafile, sizeof o->cfg.cafile, "%s", kept.cafile);
	}
	if (!o->cfg.server[0])
		return cli_usage_error("tax export", "--server",
				       _("{2} URL is needed, or 'server =' in the config file"), NULL);
	return 0;
}

/* One page: its JSON (the caller frees it), or NULL with the reason said. */
static json_t *get_page(const struct opts *o, struct auth *au, const char *cursor)
{
	char path[600];
	struct cli_http r;
	char *year = url_escape(o->year), *region = url_escape(o->region ? o->region : "");
	char *cur = url_escape(cursor ? cursor : "");
	snprintf(path, sizeof path, "/tax-records?year=%s&limit=500%s%s%s%s", year,
		 o->region ? "&region=" : "", region, cursor ? "&cursor=" : "", cur);
	free(year);
	free(region);
	free(cur);
	struct cli_http_req rq = { .path = path, .token = au->token };
	int rc = au->kept ? cli_session_call(&au->s, &o->cfg, &rq, &r)
			  : cli_http_call(&o->cfg, &rq, &r);
	json_t *j = rc == 0 && r.status == 200 ? json_loadb(r.body, r.len, 0, NULL) : NULL;
	if (!json_is_object(j)) {
		if (r.status == 200)
			snprintf(r.err, sizeof r.err, "%s", "unreadable answer"), r.status = 0;
		cli_refused("tax export", &r);
		json_decref(j);
		j = NULL;
	}
	cli_http_free(&r);
	return j;
}

static void csv_row(FILE *f, const json_t *rec)
{
	for (size_t c = 0; c < NCOLS; c++) {
		const json_t *v = json_object_get(rec, columns[c]);
		char num[32] = "";
		if (c)
			fputc(',', f);
		if (json_is_string(v)) {
			char *q = csv_field(json_string_value(v));
			fputs(q ? q : "", f);
			free(q);
		} else if (json_is_integer(v))
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		else if (json_is_boolean(v))
			snprintf(num, sizeof num, "%s", json_is_true(v) ? "true" : "false");
		fputs(num, f);
	}
	fputs("\r\n", f);
}

int cli_tax(int argc, char **argv)
{
	struct opts o;
	struct auth au;
	char cursor[128];
	int st = parse(argc, argv, &o);
	if (st)
		return st < 0 ? CLI_OK : st;
	if ((st = find_session(&o, &au)) != 0)
		return st;
	/* the first page before the header: a refused export writes nothing */
	json_t *page = get_page(&o, &au, NULL);
	if (!page)
		return CLI_INVALID;
	for (size_t c = 0; c < NCOLS; c++)
		printf("%s%s", c ? "," : "", columns[c]);
	fputs("\r\n", stdout);
	for (;;) {
		size_t i;
		json_t *rec;
		json_array_foreach(json_object_get(page, "items"), i, rec)
			csv_row(stdout, rec);
		const char *next = json_string_value(json_object_get(page, "next_cursor"));
		snprintf(cursor, sizeof cursor, "%s", next ? next : "");
		json_decref(page);
		if (!cursor[0])
			break;
		if (!(page = get_page(&o, &au, cursor)))
			return CLI_INVALID;
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_INVALID;
}
