/* h_material — materials (资料) of a placement: upload (already streamed to a
 * temporary file by http.c and typed by its structure), download (as an
 * attachment), delete. Where the bytes live: material_file.c (blobs of the
 * store, under the unit's quota). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/handlers.h"
#include "server/material_file.h"
#include "server/placement.h"
#include "server/store.h"

static int writable(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
		    struct unit_ref *u)
{
	if (access_placement(rq, rp, rq->params[0], p, u) != 0)
		return -1;
	if (access_year_open(rq, rp, u->id, p->year) != 0) {
		placement_free(p);
		return -1;
	}
	return 0;
}

int h_material_precheck(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	if (writable(rq, rp, &p, &u) != 0)
		return -1;
	placement_free(&p);
	return 0;
}

void h_material_create(struct srv_req *rq, struct srv_reply *rp)
{
	int64_t mid;
	struct unit_ref u;
	struct placement p;
	json_t *m = NULL;
	if (writable(rq, rp, &p, &u) != 0)
		return;
	if (!(m = material_file_accept(rq, rp, true, u.id)))
		goto out;
	if (store_material_add(rq->st, p.id, m, &mid) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not record the file");
		goto out;
	}
	/* A material may be what a failed month was waiting for. */
	if (placement_save(rq, rp, &p, &u, 0) != 0 ||
	    access_audit(rq, rp, "material", rq->params[0], "create", NULL, m) != 0)
		goto out;
	srv_json(rp, 201, m);
	m = NULL;
out:
	json_decref(m);
	placement_free(&p);
}

void h_material_get(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	json_t *m = store_material_get(rq->st, p.id, strtoll(rq->params[1], NULL, 10));
	if (!m)
		srv_problem(rp, 404, "not_found", NULL, "no such material");
	else
		material_file_send(rq, rp, m);
	json_decref(m);
	placement_free(&p);
}

void h_material_delete(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	if (writable(rq, rp, &p, &u) != 0)
		return;
	json_t *m = store_material_get(rq->st, p.id, strtoll(rq->params[1], NULL, 10));
	if (!m) {
		srv_problem(rp, 404, "not_found", NULL, "no such material");
		goto out;
	}
	/* the blob goes with the last material that names it */
	if (store_material_delete(rq->st, p.id, json_integer_value(json_object_get(m, "id"))) !=
	    STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not delete");
		goto out;
	}
	if (placement_save(rq, rp, &p, &u, 0) != 0 ||
	    access_audit(rq, rp, "material", rq->params[0], "delete", m, NULL) != 0)
		goto out;
	srv_json(rp, 204, NULL);
out:
	json_decref(m);
	placement_free(&p);
}
