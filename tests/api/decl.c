/* decl — see decl.h. */
#include "tests/api/decl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/samples.h"

const char *const decl_role_words[R__COUNT] = { "unit", "agent", "reviewer", "supervisor",
						"admin" };

int decl_open(struct decl_t *d, struct server *srv, const char *unit_user)
{
	char args[600], out[1024], agent[64];
	memset(d, 0, sizeof *d);
	d->srv = srv;
	d->year = (int)jint(srv->demo, "year");
	snprintf(d->uscc, sizeof d->uscc, "%s", demo_unit_of(srv, unit_user));
	snprintf(agent, sizeof agent, "%s-agent", unit_user);
	snprintf(args, sizeof args, "user add %s --username %s --role agent --unit %s",
		 store_args(srv->dir), agent, d->uscc);
	if (anzhid_run(args, "demo1234", out, sizeof out) != 0)
		return -1;
	const char *users[R__COUNT] = { unit_user, agent, "reviewer", "supervisor", "admin" };
	for (int r = 0; r < R__COUNT; r++)
		if (!(d->tok[r] = login(srv, users[r], "demo1234")))
			return -1;
	return 0;
}

void decl_close(struct decl_t *d)
{
	for (int r = 0; r < R__COUNT; r++)
		free(d->tok[r]);
}

json_t *decl_year(struct decl_t *d)
{
	struct resp r;
	char path[96];
	snprintf(path, sizeof path, "/units/%s/years/%d", d->uscc, d->year);
	http(d->srv, "GET", path, d->tok[R_ADMIN], NULL, NULL, &r);
	json_t *y = r.status == 200 ? json_incref(r.json) : NULL;
	resp_free(&r);
	return y;
}

const char *decl_status(struct decl_t *d)
{
	static char word[24];
	json_t *y = decl_year(d);
	snprintf(word, sizeof word, "%s", y ? jstr(y, "status") : "?");
	json_decref(y);
	return word;
}

/* The newest request of a kind ("feedback" | "cancellation"): id, version. */
static void newest_request(struct decl_t *d, const char *kind, long long *id, long long *version)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d/%s?limit=1", d->uscc, d->year, kind);
	http(d->srv, "GET", path, d->tok[R_ADMIN], NULL, NULL, &r);
	*id = json_array_size(jget(r.json, "items")) ? jint(r.json, "items.0.id") : 999999;
	*version = json_array_size(jget(r.json, "items")) ? jint(r.json, "items.0.version") : 1;
	resp_free(&r);
}

static int review_request(struct decl_t *d, int role, const char *kind, int pass,
			  struct resp *r)
{
	long long id, version;
	char path[96], im[48];
	newest_request(d, kind, &id, &version);
	snprintf(path, sizeof path, "/%s/%lld/review",
		 strcmp(kind, "feedback") == 0 ? "feedback" : "cancellations", id);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", version);
	const char *h[] = { im, NULL };
	return http(d->srv, "PUT", path, d->tok[role],
		    pass ? "{\"result\":\"pass\",\"reason\":\"同意\"}"
			 : "{\"result\":\"fail\",\"reason\":\"理由不充分\"}",
		    h, r);
}

static int file_request(struct decl_t *d, int role, const char *kind, struct resp *r)
{
	char path[96];
	struct sample s = { .n = 0 };
	int feedback = strcmp(kind, "feedback") == 0;
	if (feedback)
		sample_png(&s);
	else
		sample_pdf(&s);
	const char *text = feedback ? "我单位对审核结果有异议，见附件。" : "单位已停业，申请注销本年度安置登记。";
	struct part parts[2] = {
		{ feedback ? "text" : "reason", NULL, text, strlen(text) },
		{ "file", feedback ? "说明.png" : "注销业务申请书.pdf", s.b, s.n },
	};
	snprintf(path, sizeof path, "/units/%s/years/%d/%s", d->uscc, d->year, kind);
	return upload_parts(d->srv, path, d->tok[role], parts, 2, r);
}

int decl_send(struct decl_t *d, int role, const char *action, struct resp *r)
{
	static const struct {
		const char *action, *path, *body;
	} posts[] = {
		{ "submit", "submit", NULL },
		{ "withdraw", "withdraw", NULL },
		{ "pass", "annual-review", "{\"result\":\"pass\"}" },
		{ "fail", "annual-review", "{\"result\":\"fail\",\"reason\":\"工资凭证不全\"}" },
		{ "send-to-tax", "send-to-tax", NULL },
		{ "reopen", "reopen", "{\"reason\":\"注销有误\"}" },
	};
	char path[128];
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++)
		if (strcmp(posts[i].action, action) == 0) {
			snprintf(path, sizeof path, "/units/%s/years/%d/%s", d->uscc, d->year,
				 posts[i].path);
			return http(d->srv, "POST", path, d->tok[role], posts[i].body, NULL, r);
		}
	if (strcmp(action, "feedback") == 0 || strcmp(action, "cancel-request") == 0)
		return file_request(d, role, action[0] == 'f' ? "feedback" : "cancellation", r);
	if (strncmp(action, "feedback-", 9) == 0)
		return review_request(d, role, "feedback", strcmp(action + 9, "accept") == 0, r);
	if (strncmp(action, "cancel-", 7) == 0)
		return review_request(d, role, "cancellation", strcmp(action + 7, "approve") == 0, r);
	memset(r, 0, sizeof *r);
	return -1;
}

int decl_do(struct decl_t *d, int role, const char *action)
{
	struct resp r;
	int rc = decl_send(d, role, action, &r);
	int ok = rc == 0 && r.status >= 200 && r.status < 300;
	if (!ok)
		fprintf(stderr, "decl_do %s as %s: %ld %s\n", action, decl_role_words[role], r.status,
			r.body ? r.body : "");
	resp_free(&r);
	return ok ? 0 : -1;
}

/* Back to open, whatever it is now, answering any pending request first. */
static int to_open(struct decl_t *d)
{
	json_t *y = decl_year(d);
	if (!y)
		return -1;
	char st[24];
	snprintf(st, sizeof st, "%s", jstr(y, "status"));
	int fb = json_is_true(jget(y, "feedback_pending"));
	int cn = json_is_true(jget(y, "cancellation_pending"));
	json_decref(y);
	if (cn && decl_do(d, R_REVIEWER, "cancel-reject") != 0)
		return -1;
	if (strcmp(st, "submitted") == 0)
		return decl_do(d, R_UNIT, "withdraw");
	if (strcmp(st, "failed") == 0)
		return decl_do(d, R_UNIT, "submit") || decl_do(d, R_UNIT, "withdraw");
	if (strcmp(st, "passed") == 0 || strcmp(st, "sent_to_tax") == 0)
		return (!fb && decl_do(d, R_UNIT, "feedback")) ||
		       decl_do(d, R_REVIEWER, "feedback-accept");
	if (strcmp(st, "cancelled") == 0)
		return decl_do(d, R_SUPERVISOR, "reopen");
	return strcmp(st, "open") == 0 ? 0 : -1;
}

int decl_reach(struct decl_t *d, const char *status, char pending)
{
	static const struct {
		const char *status;
		const char *steps[3];
	} paths[] = {
		{ "open", { NULL } },
		{ "submitted", { "submit", NULL } },
		{ "passed", { "submit", "pass", NULL } },
		{ "failed", { "submit", "fail", NULL } },
		{ "sent_to_tax", { "submit", "pass", "send-to-tax" } },
		{ "cancelled", { "cancel-request", "cancel-approve", NULL } },
	};
	if (to_open(d) != 0)
		return -1;
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if (strcmp(paths[i].status, status) != 0)
			continue;
		for (int k = 0; k < 3 && paths[i].steps[k]; k++) {
			const char *a = paths[i].steps[k];
			int fed = strcmp(a, "pass") == 0 || strcmp(a, "fail") == 0 ||
				  strcmp(a, "send-to-tax") == 0 || strcmp(a, "cancel-approve") == 0;
			if (decl_do(d, fed ? R_REVIEWER : R_UNIT, a) != 0)
				return -1;
		}
		if (pending == 'f')
			return decl_do(d, R_UNIT, "feedback");
		if (pending == 'c')
			return decl_do(d, R_UNIT, "cancel-request");
		return 0;
	}
	return -1;
}

/* "| a | b | c | d |" → its four cells, trimmed. */
static int cells(char *line, char *out[4])
{
	int n = 0;
	char *p = strchr(line, '|');
	while (p && n < 4) {
		char *q = strchr(p + 1, '|');
		if (!q)
			break;
		*q = '\0';
		char *s = p + 1;
		while (*s == ' ')
			s++;
		for (char *e = s + strlen(s); e > s && e[-1] == ' '; e--)
			e[-1] = '\0';
		out[n++] = s;
		p = q;
	}
	return n;
}

int decl_table(struct table_row **rows)
{
	FILE *f = fopen("doc/api.md", "r");
	char line[1024];
	int n = 0, in = 0;
	*rows = calloc(200, sizeof **rows);
	if (!f || !*rows) {
		if (f)
			fclose(f);
		return -1;
	}
	while (fgets(line, sizeof line, f) && n < 200) {
		if (strstr(line, "<!-- state table"))
			in = 1;
		else if (strstr(line, "<!-- end of state table"))
			in = 0;
		char *c[4];
		if (!in || strncmp(line, "| ", 2) != 0 || cells(line, c) != 4 ||
		    strcmp(c[0], "status") == 0)
			continue;
		struct table_row *r = &(*rows)[n++];
		snprintf(r->status, sizeof r->status, "%s", c[0]);
		snprintf(r->action, sizeof r->action, "%s", c[1]);
		snprintf(r->who, sizeof r->who, "%s", c[2]);
		if (strncmp(c[3], "409: ", 5) == 0)
			snprintf(r->refusal, sizeof r->refusal, "%s", c[3] + 5);
		else if (strncmp(c[3], "→ ", strlen("→ ")) == 0)
			sscanf(c[3] + strlen("→ "), "%15[a-z_]", r->to);
	}
	fclose(f);
	return n;
}

int decl_row_admits(const struct table_row *row, int role)
{
	const char *w = decl_role_words[role], *p = row->who;
	size_t len = strlen(w);
	while ((p = strstr(p, w))) {
		if ((p == row->who || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}

const char *decl_newest_notice(struct decl_t *d)
{
	static char title[256];
	struct resp r;
	http(d->srv, "GET", "/notices", d->tok[R_UNIT], NULL, NULL, &r);
	snprintf(title, sizeof title, "%s",
		 json_array_size(jget(r.json, "items")) ? jstr(r.json, "items.0.title") : "");
	resp_free(&r);
	return title;
}
