/* material_file — an uploaded file as a material (资料) or an application's
 * attachment (附件): judged (size cap, kind, file name, structure: JPEG, PNG
 * or PDF), held against the unit's quota (materials_quota: one for every
 * file of the unit), kept as a blob of the store under its digest (equal
 * uploads share one; store_blobs.c), and sent back as a download streamed
 * from the store. One module for both, so that where the bytes live is
 * decided once. */
#ifndef ANZHI_SERVER_MATERIAL_FILE_H
#define ANZHI_SERVER_MATERIAL_FILE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "server/srv.h"

/* The upload as {"kind","filename","size","content_type","digest",
 * "uploaded_at"} with its blob stored, or NULL with the refusal (413
 * too_large or quota_exceeded, 415, 422) or a 500 in rp. kind_required: the
 * `kind` field must be given (else it defaults to "other"). unit_id: whose
 * quota the file counts against (the caller's store row that names the
 * blob then holds it: store_material_add, store_application_attachment_add). */
json_t *material_file_accept(struct srv_req *rq, struct srv_reply *rp, bool kind_required,
			     int64_t unit_id);
/* Sends the file of material m (its digest, type and name) as a download
 * read from the store; -1 with a 404 in rp when the blob is missing. */
int material_file_send(struct srv_req *rq, struct srv_reply *rp, const json_t *m);

#endif
