/* h_material — materials (资料) of a placement: upload (already streamed to a
 * temporary file by http.c and typed by its structure), download (as an
 * attachment), delete. The bytes live in the store (materials.c,
 * store_blobs.c): one blob per BLAKE2b digest, so equal uploads share one,
 * and any instance on the database serves any file; a unit's materials add
 * up to at most the policy's quota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/materials.h"
#include "server/placement.h"
#include "server/store.h"
#include "server/upload.h"

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
	struct srv_upload *up = rq->upload;
	const char *kind_word = rq->form->text;
	enum material_kind kind;
	char now[20];
	int64_t mid;
	struct unit_ref u;
	struct placement p;
	json_t *m = NULL;
	if (writable(rq, rp, &p, &u) != 0)
		return;
	if (up->too_large) {
		srv_problem(rp, 413, "too_large", "file", "file exceeds the upload limit");
		goto out;
	}
	if (!kind_word[0] && !rq->form->text_too_long) {
		srv_problem(rp, 422, "missing_field", "kind", "kind is required");
		goto out;
	}
	if (rq->form->text_too_long || !checks_material_parse(kind_word, &kind)) {
		srv_problem(rp, 422, "invalid_field", "kind", "unknown material kind");
		goto out;
	}
	if (upload_judge(up, "file", rp) != 0)
		goto out;
	if (materials_quota(rq, rp, u.id, (int64_t)up->size) != 0)
		goto out;
	eval_now(now);
	m = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "kind", checks_material_name(kind),
		      "filename", up->filename, "size", (json_int_t)up->size, "content_type",
		      up->content_type, "digest", up->digest, "uploaded_at", now);
	if (!m) { /* never answer 201 without the material */
		srv_problem(rp, 500, "internal", NULL, "could not describe the file");
		goto out;
	}
	if (upload_keep(up, rq->st, rp) != 0)
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
	int64_t size;
	struct unit_ref u;
	struct placement p;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	json_t *m = store_material_get(rq->st, p.id, strtoll(rq->params[1], NULL, 10));
	if (!m) {
		srv_problem(rp, 404, "not_found", NULL, "no such material");
		goto out;
	}
	const char *digest = json_string_value(json_object_get(m, "digest"));
	if (store_blob_size(rq->st, digest, &size) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "the file is missing");
		goto out;
	}
	if (materials_stream(rp, rq->ctx, digest, size) != 0) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		goto out;
	}
	rp->status = 200;
	snprintf(rp->content_type, sizeof rp->content_type, "%s",
		 json_string_value(json_object_get(m, "content_type")));
	snprintf(rp->download_name, sizeof rp->download_name, "%s",
		 json_string_value(json_object_get(m, "filename")));
out:
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
