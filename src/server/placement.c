/* placement — see placement.h. */
#include "server/placement.h"

#include <stdio.h>
#include <string.h>

#include "server/eval.h"
#include "server/store.h"
#include "wire/wire.h"

int placement_save(struct srv_req *rq, struct srv_reply *rp, json_t *p, const json_t *unit,
		   int reset)
{
	char err[160];
	json_t *id = json_object_get(p, "id");
	json_t *materials = id ? store_material_list(rq->st, json_integer_value(id)) : json_array();
	int rc = eval_placement(rq->ctx, rq->st, p, unit, materials, reset, err, sizeof err);
	json_decref(materials);
	if (rc != 0) {
		srv_problem(rp, 500, "internal", NULL, "checks failed: %s", err);
		return -1;
	}
	int64_t newid;
	rc = id ? store_placement_update(rq->st, p) : store_placement_insert(rq->st, p, &newid);
	if (rc == STORE_CONFLICT) {
		srv_problem(rp, 409, "conflict", "person.idno",
			    "this person is already registered at this unit for the year");
		return -1;
	}
	if (rc == STORE_NOTFOUND) {
		srv_problem(rp, 412, "precondition_failed", NULL, "the record changed: reload it");
		return -1;
	}
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not save the placement");
		return -1;
	}
	return 0;
}

void placement_reply(struct srv_req *rq, struct srv_reply *rp, int status, const json_t *p)
{
	json_t *materials = store_material_list(rq->st, json_integer_value(json_object_get(p, "id")));
	json_t *out = eval_placement_api(p, materials);
	json_decref(materials);
	srv_etag(rp, json_integer_value(json_object_get(p, "version")));
	srv_json(rp, status, out);
}

int placement_body(struct srv_req *rq, struct srv_reply *rp, json_t **out)
{
	struct wire_error we;
	if (!rq->body) {
		srv_problem(rp, 400, "invalid_json", NULL, "send the placement as JSON");
		return -1;
	}
	if (!wire_placement_validate(rq->body, out, &we)) {
		srv_problem(rp, strcmp(we.code, "invalid_json") == 0 ? 400 : 422, we.code,
			    we.field[0] ? we.field : NULL, "%s", we.detail);
		return -1;
	}
	return 0;
}
