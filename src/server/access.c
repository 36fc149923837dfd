/* access — see access.h. Every handler goes through these before it reads or
 * writes a unit's data. */
#include "server/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/store.h"
#include "wire/enums.h"

int access_unit_visible(const struct srv_req *rq, const struct unit_ref *u)
{
	const struct srv_user *user = &rq->user;
	if (user->role_bit & SRV_ROLE_ADMIN)
		return 1;
	if (user->role_bit & SRV_ROLES_UNIT)
		return strcmp(user->unit, u->uscc) == 0;
	if (user->role_bit & SRV_ROLES_REGION)
		return region_is_within(&rq->ctx->regions, u->federation_region, user->region);
	return 0;
}

int access_unit(struct srv_req *rq, struct srv_reply *rp, const char *uscc, struct unit_ref *u)
{
	if (store_unit_ref(rq->st, uscc, u) != STORE_OK || !access_unit_visible(rq, u)) {
		srv_problem(rp, 404, "not_found", NULL, "no such unit");
		return -1;
	}
	return 0;
}

int access_placement(struct srv_req *rq, struct srv_reply *rp, const char *id_text,
		     struct placement *p, struct unit_ref *u)
{
	char *end;
	long long id = strtoll(id_text, &end, 10);
	placement_init(p);
	if (*end == '\0' && id > 0 && store_placement_load(rq->st, id, p) == STORE_OK) {
		if (store_unit_ref_by_id(rq->st, p->unit_id, u) == STORE_OK &&
		    access_unit_visible(rq, u))
			return 0;
		placement_free(p);
	}
	srv_problem(rp, 404, "not_found", NULL, "no such placement");
	return -1;
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

int access_year_open(struct srv_req *rq, struct srv_reply *rp, int64_t unit_id, int year)
{
	struct year_row y;
	if (store_year_get(rq->st, unit_id, year, &y) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
		return -1;
	}
	if (wire_declaration_locks_list(y.status)) {
		srv_problem(rp, 409, "conflict", NULL,
			    "the declaration for %d is %s: the list is locked", year,
			    wire_declaration_word(y.status));
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

