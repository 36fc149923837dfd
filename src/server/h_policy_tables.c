/* h_policy_tables — the policy table versions (政策参数表): every version an
 * administrator uploaded and the shipped one, which is in force for a region
 * and year (policy_tables.h chooses), and a new version uploaded as the policy
 * JSON itself, validated by core/policy_load.c (its key path is the field
 * of a refusal). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/policy_tables.h"
#include "server/store.h"

#define VERSIONS_MAX 200

/* POLICY_VERSION; an upload has an id, the shipped table id null. */
static json_t *version_json(const struct policy_row *r)
{
	int up = r->id > 0;
	return json_pack("{s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "id",
			 up ? json_integer(r->id) : json_null(), "region", r->region, "version",
			 r->version, "valid_from", r->valid_from, "valid_to",
			 r->valid_to[0] ? json_string(r->valid_to) : json_null(), "source",
			 up ? "uploaded" : "shipped", "digest",
			 up ? json_string(r->digest) : json_null(), "uploaded_at",
			 up ? json_string(r->uploaded_at) : json_null(), "uploaded_by",
			 up && r->uploaded_by[0] ? json_string(r->uploaded_by) : json_null());
}

/* GET /policies/tables?region=&year= → every version, and the one in force
 * for region (default the province) and year (default the business year). */
void h_policy_tables_list(struct srv_req *rq, struct srv_reply *rp)
{
	const char *region = srv_query(rq, "region"), *year_s = srv_query(rq, "year");
	int year = rq->ctx->cfg.year;
	struct policy_row shipped, chosen;
	if (!region || !*region)
		region = rq->ctx->policy.region;
	if (!regions_find(&rq->ctx->regions, region)) {
		srv_problem(rp, 422, "invalid_field", "region", "unknown region code");
		return;
	}
	if (year_s && *year_s && access_year(rp, year_s, &year) != 0) {
		srv_problem(rp, 422, "invalid_field", "year", "year is 2000–2100");
		return;
	}
	struct policy_row *rows = calloc(VERSIONS_MAX, sizeof *rows);
	int n = 0;
	if (!rows || store_policy_tables(rq->st, NULL, rows, VERSIONS_MAX, &n) != STORE_OK ||
	    policy_tables_choose(rq->ctx, rq->st, region, year, &chosen) != 0) {
		free(rows);
		srv_problem(rp, 500, "internal", NULL, "could not read the policy tables");
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, version_json(&rows[i]));
	free(rows);
	policy_tables_choose(rq->ctx, rq->st, "", year, &shipped); /* no region: the shipped one */
	json_array_append_new(items, version_json(&shipped));
	srv_json(rp, 200, json_pack("{s:o, s:{s:s, s:i, s:o}}", "items", items, "in_force",
				    "region", region, "year", year, "table", version_json(&chosen)));
}

/* POST /policies/tables: the body is a policy table (as data/policy/150000.json). */
void h_policy_table_create(struct srv_req *rq, struct srv_reply *rp)
{
	struct policy *p = malloc(sizeof *p);
	struct core_error ce;
	struct policy_row row;
	unsigned char h[32];
	int64_t id;
	char *text = rq->body ? json_dumps(rq->body, JSON_INDENT(2)) : NULL;
	memset(&row, 0, sizeof row);
	if (!p || !text) {
		srv_problem(rp, text || !rq->body ? 400 : 500, text || !rq->body ? "invalid_json"
									 : "internal", NULL,
			    "send a policy table (the JSON of data/policy)");
		goto out;
	}
	if (!policy_load(text, "upload", p, &ce)) {
		srv_problem(rp, 422, "invalid_field", ce.field[0] ? ce.field : NULL, "%s", ce.msg);
		goto out;
	}
	if (!regions_find(&rq->ctx->regions, p->region)) {
		srv_problem(rp, 422, "invalid_field", "region", "unknown region code %s", p->region);
		goto out;
	}
	snprintf(row.region, sizeof row.region, "%s", p->region);
	snprintf(row.version, sizeof row.version, "%s", p->version);
	date_format(p->valid.from, row.valid_from);
	if (p->valid.to.y != DATE_OPEN_END.y)
		date_format(p->valid.to, row.valid_to);
	crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_bin2hex(row.digest, sizeof row.digest, h, sizeof h);
	eval_now(row.uploaded_at);
	snprintf(row.uploaded_by, sizeof row.uploaded_by, "%s", rq->user.username);
	int rc = store_policy_table_add(rq->st, &row, rq->user.id, text, &id);
	if (rc == STORE_CONFLICT) {
		srv_problem(rp, 409, "conflict", "version", "region %s already has version %s: "
			    "upload it under a new version", row.region, row.version);
		goto out;
	}
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not keep the policy table");
		goto out;
	}
	row.id = id;
	json_t *v = version_json(&row);
	char id_text[24];
	snprintf(id_text, sizeof id_text, "%lld", (long long)id);
	if (access_audit(rq, rp, "policy_table", id_text, "create", NULL, v) != 0) {
		json_decref(v);
		goto out;
	}
	srv_json(rp, 201, v);
out:
	free(text);
	free(p);
}
