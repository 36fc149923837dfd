/* h_registry — GET /registry/persons/{idno}: the disability registry
 * (残疾人信息), scoped as issue 13 asks.
 *  - A unit user or agent looks a person up to register them: the answer
 *    holds what the person form fills in (screens/person_form.c
 *    pf_autofill: name, household, phone, education, certificates), nothing
 *    more — not the gender or birth (the ID number says them), not the
 *    registry's own ids.
 *  - A reviewer or supervisor gets the whole record of a person of their
 *    region: whose household region (户籍地) lies in the region subtree, or
 *    who has a placement, in any year, at a unit of the region. Anyone else
 *    is not found (404, as absent: existence does not leak).
 *  - An admin gets anyone's.
 * Every account but an admin's has a budget of look-ups in any hour (the
 * policy's registry.lookups_per_hour, shared through the store by every
 * instance), found or not; past it 429 `rate_limited` with Retry-After.
 * Every look-up answered is audited with the ID number (the audit table may
 * hold it; log lines never do: log_mask_path masks it in the request line). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/ident.h"
#include "core/regions.h"
#include "server/access.h"
#include "server/handlers.h"
#include "server/store.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define BUDGET_WINDOW 3600 /* s: the policy's budget is per hour */

static const char *const autofill_person[] = { "idno", "name", "hukou_type", "hukou_region",
					       "hukou_address", "phone", "education" };
static const char *const autofill_cert[] = { "number", "type", "valid_from", "valid_to",
					     "level", "category" };

static json_t *pick(const json_t *from, const char *const *keys, size_t n)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(from, keys[i]);
		if (v)
			json_object_set(o, keys[i], v);
	}
	return o;
}

/* What a unit's person form fills in, from the whole record (taken). */
static json_t *autofill_view(json_t *full)
{
	json_t *view = pick(full, autofill_person, N_OF(autofill_person));
	json_t *certs = json_array(), *c;
	size_t i;
	json_array_foreach(json_object_get(full, "certificates"), i, c)
		json_array_append_new(certs, pick(c, autofill_cert, N_OF(autofill_cert)));
	json_object_set_new(view, "certificates", certs);
	json_decref(full);
	return view;
}

/* A reviewer's or supervisor's region holds the person: by household, or by
 * a placement at one of its units. */
static int in_region(struct srv_req *rq, const json_t *person, const char *idno)
{
	static const char *const column[] = { NULL, "region_province", "region_city",
					      "region_county" };
	const char *region = rq->user.region;
	const char *hukou = json_string_value(json_object_get(person, "hukou_region"));
	int level = regions_level(&rq->ctx->regions, region), found = 0;
	if (hukou && *hukou && region_is_within(&rq->ctx->regions, hukou, region))
		return 1;
	if (level < 1 || level > 3)
		return 0;
	return store_person_placed_in(rq->st, idno, column[level], region, &found) == STORE_OK &&
	       found;
}

/* One look-up of the caller's hourly budget; -1 with the refusal in rp. */
static int budget_take(struct srv_req *rq, struct srv_reply *rp)
{
	int64_t wait;
	if (rq->user.role_bit & SRV_ROLE_ADMIN)
		return 0;
	if (!rq->ctx->have_policy) {
		srv_problem(rp, 500, "internal", NULL, "no policy table: no look-up budget");
		return -1;
	}
	int rc = store_registry_budget_take(rq->st, rq->user.id,
					    rq->ctx->policy.registry.lookups_per_hour,
					    BUDGET_WINDOW, (int64_t)time(NULL), &wait);
	if (rc == STORE_OK)
		return 0;
	if (rc == STORE_CONFLICT) {
		srv_problem(rp, 429, "rate_limited", NULL,
			    "%d registry look-ups an hour are allowed: wait %lld s",
			    rq->ctx->policy.registry.lookups_per_hour, (long long)wait);
		rp->retry_after = wait > 0 ? (int)wait : 1;
	} else {
		srv_problem(rp, 500, "internal", NULL, "could not count the look-up");
	}
	return -1;
}

void h_registry_person(struct srv_req *rq, struct srv_reply *rp)
{
	struct idno id;
	struct core_error ce;
	if (!idno_parse(rq->params[0], &id, &ce)) {
		srv_problem(rp, 422, "invalid_field", "idno", "%s", ce.msg);
		return;
	}
	if (budget_take(rq, rp) != 0)
		return;
	json_t *person = store_registry_person_get(rq->st, id.number);
	if (person && (rq->user.role_bit & SRV_ROLES_REGION) && !in_region(rq, person, id.number)) {
		json_decref(person);
		person = NULL;
	}
	json_t *audit = json_pack("{s:b}", "found", person != NULL);
	int audited = access_audit(rq, rp, "registry_person", id.number, "lookup", NULL, audit);
	json_decref(audit);
	if (audited != 0) {
		json_decref(person);
		return;
	}
	if (!person) {
		srv_problem(rp, 404, "not_found", NULL, "not in the disability registry");
		return;
	}
	srv_json(rp, 200, (rq->user.role_bit & SRV_ROLES_UNIT) ? autofill_view(person) : person);
}
