/* h_misc — the policy table in force (notices: h_notices.c, the registry:
 * h_registry.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/handlers.h"
#include "server/policy_tables.h"
#include "server/store.h"

/* The policy in force for a region and year: an uploaded version
 * (policy_tables.h), else the shipped table of the region or its nearest
 * ancestor (a county uses its province's). */
void h_policy_get(struct srv_req *rq, struct srv_reply *rp)
{
	const char *region = srv_query(rq, "region");
	const char *year = srv_query(rq, "year");
	char path[1200];
	if (!region || !*region)
		region = "150000";
	if (year && *year && (atoi(year) < 2000 || atoi(year) > 2100)) {
		srv_problem(rp, 422, "invalid_field", "year", "year is 2000–2100");
		return;
	}
	if (!regions_find(&rq->ctx->regions, region) && strcmp(region, "150000") != 0) {
		srv_problem(rp, 404, "not_found", NULL, "unknown region");
		return;
	}
	struct policy_row row;
	if (policy_tables_choose(rq->ctx, rq->st, region, year && *year ? atoi(year) : rq->ctx->cfg.year,
			    &row) == 0 && row.id > 0) {
		char *body = store_policy_table_body(rq->st, row.id);
		json_t *doc = body ? json_loads(body, 0, NULL) : NULL;
		free(body);
		if (doc) {
			srv_json(rp, 200, doc);
			return;
		}
	}
	for (const char *code = region; code; code = regions_parent(&rq->ctx->regions, code)) {
		if (strlen(code) != 6 || strspn(code, "0123456789") != 6)
			break;
		snprintf(path, sizeof path, "%s/policy/%s.json", rq->ctx->cfg.datadir, code);
		json_t *doc = json_load_file(path, 0, NULL);
		if (doc) {
			srv_json(rp, 200, doc);
			return;
		}
	}
	srv_problem(rp, 404, "not_found", NULL, "no policy table for region %s", region);
}
