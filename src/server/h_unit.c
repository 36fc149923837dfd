/* h_unit — GET/PUT /units/{uscc} (单位基本信息). */
#include <stdio.h>
#include <string.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/handlers.h"
#include "server/store.h"
#include "wire/wire.h"

void h_unit_get(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref ref;
	if (access_unit(rq, rp, rq->params[0], &ref) != 0)
		return;
	json_t *unit = store_unit_get(rq->st, rq->params[0]);
	if (!unit) {
		srv_problem(rp, 500, "internal", NULL, "could not read the unit");
		return;
	}
	srv_etag(rp, json_integer_value(json_object_get(unit, "version")));
	srv_json(rp, 200, unit);
}

static int regions_known(struct srv_req *rq, struct srv_reply *rp, const json_t *unit)
{
	static const char *const keys[] = { "federation_region", "tax_region", "admin_region" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *code = json_string_value(json_object_get(unit, keys[i]));
		if (code && *code && !regions_find(&rq->ctx->regions, code)) {
			srv_problem(rp, 422, "invalid_field", keys[i], "unknown region code %s", code);
			return -1;
		}
	}
	return 0;
}

/* The fields only the federation sets, refused to a unit user or agent
 * naming the field: the departments (残联主管部门, 税务主管部门) must stay as
 * stored; the reward's exclusions (事业单位类别, 集中安置, 增值税即征即退) keep
 * the stored values when the PUT leaves them out. */
static int federation_fields_kept(struct srv_req *rq, struct srv_reply *rp, const json_t *stored,
				  json_t *next)
{
	static const char *const departments[] = { "federation_region", "tax_region" };
	static const char *const exclusions[] = { "institution_category", "concentrated",
						  "vat_refund" };
	if (!(rq->user.role_bit & SRV_ROLES_UNIT))
		return 0;
	for (size_t i = 0; i < sizeof departments / sizeof departments[0]; i++) {
		const char *a = json_string_value(json_object_get(stored, departments[i]));
		const char *b = json_string_value(json_object_get(next, departments[i]));
		if (strcmp(a ? a : "", b ? b : "") != 0) {
			srv_problem(rp, 422, "invalid_field", departments[i],
				    "%s is set by the federation", departments[i]);
			return -1;
		}
	}
	for (size_t i = 0; i < sizeof exclusions / sizeof exclusions[0]; i++) {
		json_t *was = json_object_get(stored, exclusions[i]);
		if (json_object_get(rq->body, exclusions[i]) &&
		    !json_equal(was, json_object_get(next, exclusions[i]))) {
			srv_problem(rp, 422, "invalid_field", exclusions[i],
				    "%s is set by the federation", exclusions[i]);
			return -1;
		}
		json_object_set(next, exclusions[i], was);
	}
	return 0;
}

void h_unit_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct wire_error we;
	struct unit_ref ref;
	json_t *next = NULL, *unit = NULL;
	if (access_unit(rq, rp, rq->params[0], &ref) != 0)
		return;
	json_int_t version = ref.version;
	if (access_if_match(rq, rp, version) != 0)
		goto out;
	unit = store_unit_get(rq->st, rq->params[0]);
	if (!rq->body) {
		srv_problem(rp, 400, "invalid_json", NULL, "send the UNIT as JSON");
		goto out;
	}
	if (!wire_unit_validate(rq->body, rq->params[0], &next, &we)) {
		srv_problem(rp, strcmp(we.code, "invalid_json") == 0 ? 400 : 422, we.code,
			    we.field[0] ? we.field : NULL, "%s", we.detail);
		goto out;
	}
	if (regions_known(rq, rp, next) != 0)
		goto out;
	if (federation_fields_kept(rq, rp, unit, next) != 0)
		goto out;
	json_object_set_new(next, "version", json_integer(version));
	int rc = store_unit_update(rq->st, next);
	if (rc == STORE_NOTFOUND) {
		srv_problem(rp, 412, "precondition_failed", NULL, "the unit changed: reload it");
		goto out;
	}
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not save the unit");
		goto out;
	}
	if (access_audit(rq, rp, "unit", rq->params[0], "update", unit, next) != 0)
		goto out;
	srv_etag(rp, json_integer_value(json_object_get(next, "version")));
	srv_json(rp, 200, next);
	next = NULL;
out:
	json_decref(next);
	json_decref(unit);
}
