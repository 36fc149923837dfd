/* material_file — see material_file.h. */
#include "server/material_file.h"

#include <stdio.h>
#include <string.h>

#include "core/checks.h"
#include "server/eval.h"
#include "server/materials.h"
#include "server/store.h"
#include "server/upload.h"

/* The refusal of an upload that cannot be kept, else 0 (kind set). The
 * rule's text part (upload_rule_material) is the kind. */
static int judge(struct srv_req *rq, struct srv_reply *rp, bool kind_required,
		 enum material_kind *kind)
{
	const struct srv_form *form = rq->form;
	*kind = MATERIAL_OTHER;
	if (rq->upload->too_large)
		return srv_problem(rp, 413, "too_large", "file", "file exceeds the upload limit");
	if (!form->text[0] && !form->text_too_long && kind_required)
		return srv_problem(rp, 422, "missing_field", "kind", "kind is required");
	if (form->text_too_long || (form->text[0] && !checks_material_parse(form->text, kind)))
		return srv_problem(rp, 422, "invalid_field", "kind", "unknown material kind");
	return upload_judge(rq->upload, "file", rp);
}

json_t *material_file_accept(struct srv_req *rq, struct srv_reply *rp, bool kind_required,
			     int64_t unit_id)
{
	struct srv_upload *up = rq->upload;
	enum material_kind kind;
	char now[20];
	if (judge(rq, rp, kind_required, &kind) != 0 ||
	    materials_quota(rq, rp, unit_id, (int64_t)up->size) != 0)
		return NULL;
	eval_now(now);
	json_t *m = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "kind", checks_material_name(kind),
			      "filename", up->filename, "size", (json_int_t)up->size,
			      "content_type", up->content_type, "digest", up->digest,
			      "uploaded_at", now);
	if (!m) { /* never answer 201 without the material */
		srv_problem(rp, 500, "internal", NULL, "could not describe the file");
		return NULL;
	}
	if (upload_keep(up, rq->st, rp) != 0) {
		json_decref(m);
		return NULL;
	}
	return m;
}

int material_file_send(struct srv_req *rq, struct srv_reply *rp, const json_t *m)
{
	int64_t size;
	const char *digest = json_string_value(json_object_get(m, "digest"));
	if (!digest || store_blob_size(rq->st, digest, &size) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "the file is missing");
		return -1;
	}
	if (materials_stream(rp, rq->ctx, digest, size) != 0) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return -1;
	}
	rp->status = 200;
	snprintf(rp->content_type, sizeof rp->content_type, "%s",
		 json_string_value(json_object_get(m, "content_type")));
	snprintf(rp->download_name, sizeof rp->download_name, "%s",
		 json_string_value(json_object_get(m, "filename")));
	return 0;
}
