/* scenario — see scenario.h. */
#include "tests/api/scenario.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/samples.h"

int scenario_login_all(struct server *s, const struct scenario_login *who, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		*who[i].token = login(s, who[i].username, "demo1234");
		if (!*who[i].token)
			rc = -1;
	}
	return rc;
}

int scenario_stop(struct server *s, const struct scenario_login *who, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(*who[i].token);
		*who[i].token = NULL;
	}
	return server_stop(s, 0) == 0 ? 0 : -1;
}

int scenario_add_sup2(struct server *s)
{
	return server_add_user(s, "sup2", "supervisor", "150900", "demo1234");
}

static void admin_cast(struct scenario_admin *f, struct scenario_login out[6])
{
	const struct scenario_login cast[6] = {
		{ "admin", &f->admin }, { "xinghe", &f->xinghe }, { "reviewer", &f->reviewer },
		{ "supervisor", &f->supervisor }, { "beifang", &f->beifang }, { "jining", &f->jining },
	};
	memcpy(out, cast, sizeof cast);
}

int scenario_admin_start(struct scenario_admin *f)
{
	struct scenario_login cast[6];
	admin_cast(f, cast);
	if (server_start(&f->srv, NULL, NULL) != 0)
		return -1;
	return scenario_login_all(&f->srv, cast, 6);
}

int scenario_admin_stop(struct scenario_admin *f)
{
	struct scenario_login cast[6];
	admin_cast(f, cast);
	return scenario_stop(&f->srv, cast, 6);
}

long scenario_status_of(struct server *s, const char *method, const char *path, const char *tok,
			const char *body, const char *const *headers, const char *code)
{
	struct resp r;
	http(s, method, path, tok, body, headers, &r);
	long st = r.status;
	if (code)
		assert_string_equal(jstr(r.json, "code"), code);
	resp_free(&r);
	return st;
}

int scenario_annual_review(struct server *s, const char *reviewer_tok, const char *uscc, int year,
			   const char *result)
{
	char path[128], body[80];
	struct resp r;
	snprintf(path, sizeof path, "/units/%s/years/%d/annual-review", uscc, year);
	snprintf(body, sizeof body, "{\"result\":\"%s\"%s}", result,
		 strcmp(result, "fail") == 0 ? ",\"reason\":\"材料不全\"" : "");
	http(s, "POST", path, reviewer_tok, body, NULL, &r);
	int ok = r.status == 200 && strcmp(jstr(r.json, "status"), strcmp(result, "pass") == 0
							 ? "passed" : "failed") == 0;
	resp_free(&r);
	return ok ? 0 : -1;
}

long long scenario_register(struct server *s, const char *tok, const char *uscc, int year,
			    const struct scenario_person *p)
{
	char idno[19], certno[24], path[128], etag[48];
	struct resp r;
	long long pid = -1;
	make_idno(p->first17, idno);
	snprintf(certno, sizeof certno, "%s%d%d", idno, p->category, p->level);
	json_t *contract = json_pack("{s:b, s:s, s:s, s:s, s:n, s:s, s:s}", "dispatch", p->dispatch,
				     "relation", "own", "type", "open_ended", "start", "2020-01-01",
				     "end", "post", "文员", "monthly_wage", "3500.00");
	if (p->dispatch)
		json_object_set_new(contract, "dispatch_agency",
				    json_string("内蒙古众信人力资源服务有限公司"));
	json_t *body = json_pack("{s:{s:s, s:s, s:s, s:s, s:s}, s:[o], s:[{s:s, s:s, s:i, s:i,"
				 " s:s, s:n}]}",
				 "person", "idno", idno, "name", p->name, "hukou_type", "urban",
				 "hukou_region", p->hukou_region, "education", "senior", "contracts",
				 contract, "certificates", "type", "disability", "number", certno,
				 "category", p->category, "level", p->level, "valid_from",
				 "2015-01-01", "valid_to");
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements", uscc, year);
	http(s, "POST", path, tok, text, NULL, &r);
	free(text);
	if (r.status == 201)
		pid = jint(r.json, "id");
	resp_free(&r);
	if (pid < 0)
		return -1;
	json_t *months = json_array();
	for (int m = 1; m <= 12; m++) {
		char ym[24];
		snprintf(ym, sizeof ym, "%d%02d", year, m);
		json_array_append_new(months, json_string(ym));
	}
	body = json_pack("{s:o}", "months", months);
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	snprintf(path, sizeof path, "/placements/%lld/months", pid);
	const char *h[] = { etag, NULL };
	snprintf(etag, sizeof etag, "If-Match: \"1\"");
	http(s, "PUT", path, tok, text, h, &r);
	free(text);
	int ok = r.status == 200;
	resp_free(&r);
	return ok ? pid : -1;
}

int scenario_upload_needs(struct server *s, const char *tok, long long pid)
{
	struct resp r, u;
	struct sample png;
	char path[96];
	size_t i;
	json_t *kind;
	int rc = 0;
	sample_png(&png);
	snprintf(path, sizeof path, "/placements/%lld", pid);
	http(s, "GET", path, tok, NULL, NULL, &r);
	snprintf(path, sizeof path, "/placements/%lld/materials", pid);
	json_array_foreach(jget(r.json, "needs"), i, kind) {
		upload(s, path, tok, json_string_value(kind), "证明.png", png.b, png.n, &u);
		rc |= u.status != 201;
		resp_free(&u);
	}
	rc |= r.status != 200;
	resp_free(&r);
	return rc ? -1 : 0;
}

int scenario_review_valid(struct server *s, const char *tok, long long pid)
{
	struct resp r;
	char path[96], etag[48];
	size_t i;
	json_t *m, *decisions = json_array(), *items = json_array();
	snprintf(path, sizeof path, "/placements/%lld", pid);
	http(s, "GET", path, tok, NULL, NULL, &r);
	json_array_foreach(jget(r.json, "months"), i, m)
		if (json_is_string(json_object_get(m, "result")) &&
		    strcmp(jstr(m, "result"), "pending") == 0)
			json_array_append_new(decisions,
					      json_pack("{s:s, s:s}", "month", jstr(m, "month"),
							"result", "valid"));
	/* a dispatch case is confirmed with its three items (SPEC §4) */
	json_array_foreach(jget(r.json, "dispatch_items"), i, m)
		if (json_is_string(json_object_get(m, "result")) &&
		    strcmp(jstr(m, "result"), "pending") == 0)
			json_array_append_new(items, json_pack("{s:s, s:s}", "item", jstr(m, "item"),
							       "result", "valid"));
	snprintf(etag, sizeof etag, "If-Match: \"%lld\"", jint(r.json, "version"));
	resp_free(&r);
	if (json_array_size(decisions) == 0 && json_array_size(items) == 0) {
		json_decref(decisions);
		json_decref(items);
		return 0;
	}
	json_t *body = json_pack("{s:o}", "months", decisions);
	if (json_array_size(items))
		json_object_set_new(body, "dispatch", items);
	else
		json_decref(items);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	const char *h[] = { etag, NULL };
	snprintf(path, sizeof path, "/placements/%lld/review", pid);
	http(s, "PUT", path, tok, text, h, &r);
	free(text);
	int ok = r.status == 200;
	resp_free(&r);
	return ok ? 0 : -1;
}

long long scenario_confirmed(struct server *s, const char *unit_tok, const char *reviewer_tok,
			     const char *uscc, int year, const struct scenario_person *p)
{
	long long pid = scenario_register(s, unit_tok, uscc, year, p);
	if (pid < 0 || scenario_upload_needs(s, unit_tok, pid) != 0 ||
	    scenario_review_valid(s, reviewer_tok, pid) != 0)
		return -1;
	return pid;
}

const char *scenario_status(struct server *s, const char *tok, long long pid)
{
	static char status[32];
	struct resp r;
	char path[64];
	snprintf(path, sizeof path, "/placements/%lld", pid);
	http(s, "GET", path, tok, NULL, NULL, &r);
	snprintf(status, sizeof status, "%s", r.status == 200 ? jstr(r.json, "status") : "");
	resp_free(&r);
	return status;
}
