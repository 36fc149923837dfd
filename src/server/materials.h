/* materials — where the bytes of materials (资料), and of the files of a
 * feedback or cancellation request, go between the wire and the store: an upload's temporary file read into the store's blobs, a download
 * streamed back out of them chunk by chunk, the demo's sample image, and
 * the clean-up at start (temporary uploads a killed instance left, files an
 * older anzhid kept in DATA/materials, blobs nothing names). */
#ifndef ANZHI_SERVER_MATERIALS_H
#define ANZHI_SERVER_MATERIALS_H

#include <stdint.h>
#include <stdio.h>

#include "server/srv.h"

/* Stores the file at path (size bytes, BLAKE2b hex digest) as a blob, in
 * the caller's transaction. 0, or -1 with the store's message. */
int materials_put_file(struct store *st, const char *path, const char *digest, int64_t size);
/* Whether a unit may keep bytes more of files (materials, and a feedback's
 * or cancellation's files alike: one quota, the policy's
 * materials.quota_mib per unit). 0, or -1 with 413 quota_exceeded (field
 * file) or a 500 in rp. */
int materials_quota(struct srv_req *rq, struct srv_reply *rp, int64_t unit_id, int64_t bytes);
/* Stores len bytes of a PNG made here (demo pages) as a blob: its digest
 * and size. 0, or -1 with the store's message. */
int materials_put_png(struct store *st, const unsigned char *png, size_t len, char digest[65],
		      int64_t *size);
/* Stores a 1×1 PNG standing in for scanned proofs (demo, seed): its digest
 * and size. */
int materials_put_sample_png(struct store *st, char digest[65], int64_t *size);
/* Makes rp send the blob of digest (size bytes), read from the store one
 * chunk at a time while the response goes out. */
int materials_stream(struct srv_reply *rp, struct srv_ctx *ctx, const char *digest,
		     int64_t size);
/* At start: removes DATA/materials' temporary uploads, takes in the files an
 * older anzhid kept there (then removes them), and removes blobs no
 * material names. Logs what it did when it did anything. */
int materials_clean(struct srv_ctx *ctx, struct store *st, char *err, size_t errlen);

#endif
