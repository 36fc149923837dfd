/* access — see access.h. Every handler goes through these before it reads or
 * writes a unit's data. */
#include "server/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/store.h"

int access_unit_visible(const struct srv_req *rq, const json_t *unit)
{
	const char *uscc = json_string_value(json_object_get(unit, "uscc"));
	const char *fed = json_string_value(json_object_get(unit, "federation_region"));
	const struct srv_user *u = &rq->user;
	if (!uscc)
		return 0;
	if (u->role_bit & SRV_ROLE_ADMIN)
		return 1;
	if (u->role_bit & SRV_ROLES_UNIT)
		return strcmp(u->unit, uscc) == 0;
	if (u->role_bit & SRV_ROLES_REGION)
		return fed && region_is_within(&rq->ctx->regions, fed, u->region);
	return 0;
}

json_t *access_unit(struct srv_req *rq, struct srv_reply *rp, const char *uscc)
{
	json_t *unit = store_unit_get(rq->st, uscc);
	if (!unit || !access_unit_visible(rq, unit)) {
		json_decref(unit);
		srv_problem(rp, 404, "not_found", NULL, "no such unit");
		return NULL;
	}
	return unit;
}

json_t *access_placement(struct srv_req *rq, struct srv_reply *rp, const char *id_text,
			 json_t **unit)
{
	char *end;
	long long id = strtoll(id_text, &end, 10);
	json_t *p = NULL;
	*unit = NULL;
	if (*end == '\0' && id > 0)
		p = store_placement_get(rq->st, id);
	if (p) {
		*unit = store_unit_get(rq->st, json_string_value(json_object_get(p, "uscc")));
		if (*unit && access_unit_visible(rq, *unit))
			return p;
	}
	json_decref(p);
	json_decref(*unit);
	*unit = NULL;
	srv_problem(rp, 404, "not_found", NULL, "no such placement");
	return NULL;
}

int access_year(struct srv_reply *rp, const char *text, int *year)
{
	char *end;
	long y = strtol(text, &end, 10);
	if (*end || y < 2000 || y > 2100) {
		srv_problem(rp, 404, "not_found", NULL, "no such business year");
		return -1;
	}
	*year = (int)y;
	return 0;
}

int access_year_open(struct srv_req *rq, struct srv_reply *rp, const char *uscc, int year)
{
	char status[32] = "open";
	json_t *decl = store_year_get(rq->st, uscc, year);
	const char *s = json_string_value(json_object_get(decl, "status"));
	if (s)
		snprintf(status, sizeof status, "%s", s);
	json_decref(decl);
	int open = strcmp(status, "open") == 0;
	if (!open) {
		srv_problem(rp, 409, "conflict", NULL,
			    "the declaration for %d is %s: the list is locked", year, status);
		return -1;
	}
	return 0;
}

int access_if_match(struct srv_req *rq, struct srv_reply *rp, json_int_t version)
{
	const char *s = rq->if_match;
	if (!rq->has_if_match || !*s) {
		srv_problem(rp, 428, "precondition_required", NULL,
			    "send If-Match with the record's version");
		return -1;
	}
	/* RFC 9110 13.1.1: If-Match compares strongly, so a weak tag (W/"N")
	 * never matches. */
	int weak = strncmp(s, "W/", 2) == 0;
	if (*s == '"')
		s++;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (weak || (*end != '"' && *end != '\0') || v != version) {
		srv_problem(rp, 412, "precondition_failed", NULL,
			    "the record changed (now version %lld): reload it", (long long)version);
		return -1;
	}
	return 0;
}

int access_audit(struct srv_req *rq, struct srv_reply *rp, const char *entity,
		 const char *entity_id, const char *action, json_t *before, json_t *after)
{
	if (store_audit(rq->st, rq->user.id, rq->ip, entity, entity_id, action, before, after) !=
	    STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "audit failed");
		return -1;
	}
	return 0;
}
