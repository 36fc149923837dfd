/* cli_decide: `anzhi review decide ID --all-valid` and
 * `anzhi review decide ID --month 202503=valid --month 202504=invalid:REASON …`
 * — a case's decisions in one PUT /placements/{id}/review, as the review
 * form sends them: If-Match from the case's ETag, one Idempotency-Key (so a
 * request resent after a lost answer cannot apply twice). --all-valid
 * chooses what the workbench's V chooses (review_case: every decision
 * awaiting review, a dispatch case's three items included). --month
 * decisions go to the service as typed: it alone says whether a month may
 * be decided (409 month_not_pending for a system-confirmed one).
 * Returns when the service has answered: 0 decided, 1 refused (the problem
 * on stderr) or unreachable, 2 usage. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "client/cli_session.h"
#include "client/cli_shared.h"
#include "screens/review_case.h"
#include "screens/status.h"
#include "ui/text.h"

enum { SEND_TRIES = 3 };

static const char usage_line[] = N_(
	"usage: anzhi review decide ID --all-valid | --month YYYYMM=valid|invalid:REASON …");

struct decide_opts {
	long id;
	bool all_valid;
	json_t *months;   /* [{"month","result","reason"?}…] from --month */
};

/* "202503=valid" or "202504=invalid:理由" → a decision; NULL with why. */
static json_t *parse_month(const char *arg, const char **why)
{
	const char *eq = strchr(arg, '=');
	char month[8];
	*why = N_("{2}: give YYYYMM=valid or YYYYMM=invalid:REASON");
	if (!eq || eq - arg != 6 || strspn(arg, "0123456789") != 6)
		return NULL;
	snprintf(month, sizeof month, "%.6s", arg);
	int mm = atoi(month + 4);
	if (mm < 1 || mm > 12)
		return NULL;
	const char *v = eq + 1;
	if (strcmp(v, "valid") == 0)
		return json_pack("{s:s, s:s}", "month", month, "result", "valid");
	if (strncmp(v, "invalid", 7) != 0 || (v[7] != ':' && v[7] != '\0'))
		return NULL;
	const char *reason = v[7] == ':' ? v + 8 : "";
	if (!reason[strspn(reason, " \t")]) {
		*why = N_("{2}: an invalid month needs its reason (invalid:REASON)");
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s}", "month", month, "result", "invalid", "reason", reason);
}

static bool month_named(const json_t *months, const char *month)
{
	size_t i;
	const json_t *d;
	json_array_foreach(months, i, d)
		if (strcmp(json_string_value(json_object_get(d, "month")), month) == 0)
			return true;
	return false;
}

static int parse(int argc, char **argv, struct decide_opts *o)
{
	const char *id_arg = NULL, *why = NULL;
	memset(o, 0, sizeof *o);
	o->months = json_array();
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--all-valid") == 0) {
			o->all_valid = true;
		} else if (strcmp(a, "--month") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("review decide", a, _("option {2} needs a value"),
						       NULL);
			json_t *d = parse_month(argv[++i], &why);
			if (!d)
				return cli_usage_error("review decide", argv[i], _(why), NULL);
			if (month_named(o->months, json_string_value(json_object_get(d, "month")))) {
				json_decref(d);
				return cli_usage_error("review decide", argv[i],
						       _("{2}: that month is decided twice"), NULL);
			}
			json_array_append_new(o->months, d);
		} else if (a[0] != '-' && !id_arg) {
			id_arg = a;
		} else {
			return cli_usage_error("review decide", a, _("unknown option {2}"), NULL);
		}
	}
	if (!cli_parse_id(id_arg, &o->id) || o->all_valid == (json_array_size(o->months) > 0))
		return cli_usage_error("review decide", "", _(usage_line), NULL);
	return 0;
}

/* The case and its ETag; NULL when refused (said). */
static json_t *load_case(struct cli_session *s, const struct config *cfg, long id,
			 char *etag, size_t etag_size)
{
	char path[64];
	struct cli_http r;
	json_t *pl = NULL;
	snprintf(path, sizeof path, "/placements/%ld", id);
	if (cli_session_call(s, cfg, &(struct cli_http_req){ .path = path }, &r) == 0 &&
	    r.status == 200)
		pl = json_loadb(r.body, r.len, 0, NULL);
	if (!json_is_object(pl) || !r.etag[0]) {
		if (r.status == 200)
			snprintf(r.err, sizeof r.err, "%s", "unreadable answer"), r.status = 0;
		cli_refused("review decide", &r);
		json_decref(pl);
		pl = NULL;
	} else {
		snprintf(etag, etag_size, "%s", r.etag);
	}
	cli_http_free(&r);
	return pl;
}

/* What --all-valid decides: the body V would send, or NULL when nothing of
 * the case awaits review (said). */
static json_t *all_valid_body(json_t *pl, long id)
{
	struct review_case c;
	rc_init(&c);
	rc_load(&c, pl, NULL);
	json_t *body = rc_choose_all_valid(&c) > 0 ? rc_body(&c) : NULL;
	if (!body) {
		char n[24], line[400];
		snprintf(n, sizeof n, "%ld", id);
		const char *args[5] = { n, placement_status_label(placement_status_of(pl)), NULL,
					NULL, NULL };
		i18n_subst(line, sizeof line, _("case {1} has nothing awaiting review ({2})"), args);
		fprintf(stderr, "anzhi review decide: %s\n", line);
	}
	rc_free(&c);
	return body;
}

/* PUT the decisions; resent with the same Idempotency-Key when no answer
 * came or the service was busy, so it applies once at most. */
static int send_decisions(struct cli_session *s, const struct config *cfg, long id,
			  const char *etag, const json_t *body, struct cli_http *r)
{
	char path[64], key[33];
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(key, sizeof key, raw, sizeof raw);
	snprintf(path, sizeof path, "/placements/%ld/review", id);
	char *text = json_dumps(body, JSON_COMPACT);
	int rc = -1;
	memset(r, 0, sizeof *r);
	snprintf(r->err, sizeof r->err, "%s", "out of memory");
	for (int t = 0; text && t < SEND_TRIES; t++) {
		if (t) {
			cli_http_free(r);
			sleep(1);   /* the link or the service's load a moment to recover */
		}
		rc = cli_session_call(s, cfg,
				      &(struct cli_http_req){ .method = "PUT", .path = path,
							      .body = text, .if_match = etag,
							      .idem_key = key },
				      r);
		if (rc == 0 && r->status != 503)
			break;
	}
	free(text);
	return rc;
}

/* "Case 17: valid 3, invalid 0; now Confirmed" on stdout. */
static void say_done(long id, const json_t *body, const struct cli_http *r)
{
	char n[24], sum[120], line[600];
	json_t *pl = json_loadb(r->body, r->len, 0, NULL);
	snprintf(n, sizeof n, "%ld", id);
	rc_body_summary(body, sum, sizeof sum);
	const char *args[5] = { n, sum, placement_status_label(placement_status_of(pl)), NULL,
				NULL };
	i18n_subst(line, sizeof line, _("Case {1}: {2}; now {3}"), args);
	printf("%s\n", line);
	json_decref(pl);
}

int cli_review_decide(int argc, char **argv)
{
	struct decide_opts o;
	struct cli_session s;
	struct config cfg = { 0 };
	char etag[40];
	int st = parse(argc, argv, &o);
	if (st) {
		json_decref(o.months);
		return st;
	}
	if (cli_session_open("review decide", &s, &cfg) != 0) {
		json_decref(o.months);
		return CLI_INVALID;
	}
	json_t *pl = load_case(&s, &cfg, o.id, etag, sizeof etag), *body = NULL;
	if (pl && o.all_valid)
		body = all_valid_body(pl, o.id);
	else if (pl)
		body = json_pack("{s:O}", "months", o.months);
	json_decref(o.months);
	json_decref(pl);
	if (!body)
		return CLI_INVALID;
	struct cli_http r;
	if (send_decisions(&s, &cfg, o.id, etag, body, &r) == 0 && r.status == 200) {
		say_done(o.id, body, &r);
		st = CLI_OK;
	} else {
		st = cli_refused("review decide", &r);
	}
	cli_http_free(&r);
	json_decref(body);
	return st;
}
