/* h_misc — notices and the policy table (the registry: h_registry.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/handlers.h"
#include "server/store.h"

void h_notice_list(struct srv_req *rq, struct srv_reply *rp)
{
	const struct srv_user *u = &rq->user;
	json_t *items = store_notice_list(rq->st, u->id, u->unit[0] ? u->unit : NULL);
	size_t i, unread = 0;
	json_t *n;
	json_array_foreach(items, i, n)
		unread += !json_is_true(json_object_get(n, "read"));
	srv_json(rp, 200, json_pack("{s:o, s:I}", "items", items, "unread", (json_int_t)unread));
}

/* True when the user has read notice id already (a repeated read is not
 * audited again). */
static int notice_was_read(struct srv_req *rq, long long id)
{
	const struct srv_user *u = &rq->user;
	json_t *items = store_notice_list(rq->st, u->id, u->unit[0] ? u->unit : NULL);
	size_t i;
	json_t *n;
	int read = 0;
	json_array_foreach(items, i, n)
		if (json_integer_value(json_object_get(n, "id")) == id)
			read = json_is_true(json_object_get(n, "read"));
	json_decref(items);
	return read;
}

void h_notice_read(struct srv_req *rq, struct srv_reply *rp)
{
	const struct srv_user *u = &rq->user;
	char *end;
	long long id = strtoll(rq->params[0], &end, 10);
	int again = *end == '\0' && id > 0 && notice_was_read(rq, id);
	if (*end || id <= 0 ||
	    store_notice_read(rq->st, u->id, u->unit[0] ? u->unit : NULL, id) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "no such notice");
		return;
	}
	if (again || access_audit(rq, rp, "notice", rq->params[0], "read", NULL, NULL) == 0)
		srv_json(rp, 204, NULL);
}

/* The policy in force for a region: its own table, else its nearest
 * ancestor's (a county uses its province's). */
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
