/* cli_tax: `anzhi tax export --year Y [--region R] --csv` — the tax records
 * (发送税务) of a year for the tax bureau, as CSV on stdout: every page of
 * GET /tax-records, in the order they were sent (withdrawn ones marked).
 * It needs a session: --token-file FILE, else $ANZHI_TOKEN, else the token
 * `anzhi login` keeps ($XDG_STATE_HOME/anzhi/token); the service and its pin
 * from the config file or --server / --pin / --cafile. Exit 0, 1 when the
 * service refused or could not be reached, 2 on bad arguments. */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "base/i18n.h"
#include "client/cli_shared.h"
#include "client/config.h"
#include "client/net.h"

static const char usage[] = N_(
	"usage: anzhi tax export --year Y [--region CODE] --csv [--token-file FILE]\n"
	"         [--server URL] [--pin sha256//KEY] [--cafile FILE]\n"
	"  Writes the year's tax records of the region (default: yours) as CSV.\n"
	"  Session: --token-file FILE, else ANZHI_TOKEN, else the token anzhi login keeps.\n");

struct opts {
	struct config cfg;
	const char *year, *region, *token_file;
	int csv;
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
			cfg_field = o->cfg.server, cfg_size = sizeof o->cfg.server;
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
	if (!o->cfg.server[0])
		return cli_usage_error("tax export", "--server",
				       _("{2} URL is needed, or 'server =' in the config file"), NULL);
	return 0;
}

/* The session's token: --token-file, ANZHI_TOKEN, or the one kept at login. */
static int read_token(const struct opts *o, char *tok, size_t len)
{
	char path[1024];
	const char *env = getenv("ANZHI_TOKEN");
	tok[0] = '\0';
	if (!o->token_file && env && *env) {
		snprintf(tok, len, "%s", env);
		return 0;
	}
	if (o->token_file)
		snprintf(path, sizeof path, "%s", o->token_file);
	else if (getenv("XDG_STATE_HOME") && *getenv("XDG_STATE_HOME"))
		snprintf(path, sizeof path, "%s/anzhi/token", getenv("XDG_STATE_HOME"));
	else
		snprintf(path, sizeof path, "%s/.local/state/anzhi/token",
			 getenv("HOME") ? getenv("HOME") : ".");
	FILE *f = fopen(path, "r");
	if (!f || !fgets(tok, (int)len, f)) {
		if (f)
			fclose(f);
		const char *args[5] = { "tax export", path, NULL, NULL, NULL };
		char line[1200];
		i18n_subst(line, sizeof line,
			   _("no session ({2}): log in with anzhi login, or give --token-file FILE "
			     "or ANZHI_TOKEN"),
			   args);
		fprintf(stderr, "anzhi tax export: %s\n", line);
		return -1;
	}
	fclose(f);
	tok[strcspn(tok, "\r\n \t")] = '\0';
	return tok[0] ? 0 : -1;
}

struct body {
	char *p;
	size_t len;
};

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct body *b = arg;
	size_t add = size * n;
	if (b->len + add > (64u << 20))
		return 0;
	char *np = realloc(b->p, b->len + add + 1);
	if (!np)
		return 0;
	memcpy(np + b->len, data, add);
	b->p = np;
	b->len += add;
	b->p[b->len] = '\0';
	return add;
}

/* One page: its JSON (the caller frees it), or NULL with the reason said. */
static json_t *get_page(const struct opts *o, const char *token, const char *cursor)
{
	char url[1600], auth[200], err[CURL_ERROR_SIZE] = "";
	size_t n = strlen(o->cfg.server);
	long status = 0;
	struct body b = { NULL, 0 };
	while (n && o->cfg.server[n - 1] == '/')
		n--;
	snprintf(url, sizeof url, "%.*s/api/v1/tax-records?year=%s&limit=500%s%s%s%s", (int)n,
		 o->cfg.server, o->year, o->region ? "&region=" : "", o->region ? o->region : "",
		 cursor ? "&cursor=" : "", cursor ? cursor : "");
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	CURL *e = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, auth);
	if (!e || !h) {
		curl_slist_free_all(h);
		if (e)
			curl_easy_cleanup(e);
		return NULL;
	}
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "anzhi/" ANZHI_VERSION);
	net_tls_apply(e, &(struct net_tls){ o->cfg.pin[0] ? o->cfg.pin : NULL,
					    o->cfg.cafile[0] ? o->cfg.cafile : NULL });
	CURLcode rc = curl_easy_perform(e);
	if (rc == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(e);
	curl_slist_free_all(h);
	json_t *j = b.p ? json_loadb(b.p, b.len, 0, NULL) : NULL;
	free(b.p);
	if (rc == CURLE_OK && status == 200 && j)
		return j;
	char code[16], line[800];
	snprintf(code, sizeof code, "%ld", status);
	const char *detail = json_string_value(json_object_get(j, "detail"));
	const char *args[5] = { "tax export", o->cfg.server, code,
				rc != CURLE_OK ? (err[0] ? err : curl_easy_strerror(rc))
					       : detail ? detail : "",
				NULL };
	i18n_subst(line, sizeof line,
		   rc != CURLE_OK ? _("could not reach {2}: {4}")
				  : _("the service refused the export ({3}): {4}"),
		   args);
	fprintf(stderr, "anzhi tax export: %s\n", line);
	json_decref(j);
	return NULL;
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
	char token[512], cursor[128];
	int st = parse(argc, argv, &o);
	if (st)
		return st < 0 ? CLI_OK : st;
	if (read_token(&o, token, sizeof token) != 0)
		return CLI_INVALID;
	/* the first page before the header: a refused export writes nothing */
	json_t *page = get_page(&o, token, NULL);
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
		if (!(page = get_page(&o, token, cursor)))
			return CLI_INVALID;
	}
	return fflush(stdout) == 0 ? CLI_OK : CLI_INVALID;
}
