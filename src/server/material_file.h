/* material_file — an uploaded file as a material (资料) or an application's
 * attachment (附件): judged (size cap, kind, file name, structure: JPEG, PNG
 * or PDF), kept under its digest where material bytes live
 * (DATA/materials/<blake2b hex>, so equal uploads share one file), and sent
 * back as a download. One module for both, so that where the bytes live is
 * decided once. */
#ifndef ANZHI_SERVER_MATERIAL_FILE_H
#define ANZHI_SERVER_MATERIAL_FILE_H

#include <jansson.h>
#include <stdbool.h>

#include "server/srv.h"

/* The upload as {"kind","filename","size","content_type","digest",
 * "uploaded_at"} with its file kept, or NULL with the refusal (413, 415,
 * 422) or a 500 in rp. kind_required: the `kind` field must be given (else
 * it defaults to "other"). */
json_t *material_file_accept(struct srv_req *rq, struct srv_reply *rp, bool kind_required);
/* Sends the file of material m (its digest, type and name) as a download;
 * -1 with a 404 in rp when the file is missing. */
int material_file_send(struct srv_req *rq, struct srv_reply *rp, const json_t *m);

#endif
