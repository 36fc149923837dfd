/* upload — one multipart upload streamed to a temporary file under
 * DATA/materials: the `kind` value, the one `file` part (its name, bytes,
 * BLAKE2b digest, the size cap), then its type by its whole structure
 * (filecheck.h). No libmicrohttpd types: http.c feeds it the post
 * processor's pieces; the handler judges the result (h_material.c). */
#ifndef ANZHI_SERVER_UPLOAD_H
#define ANZHI_SERVER_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "server/srv.h"

void upload_init(struct srv_upload *up);
/* One piece of a part's value, off bytes into the part. 0 to go on; -1 to
 * stop reading: past max bytes (up->too_large), a second file part
 * (up->file_parts > 1, refused before anything is judged) or a write error. */
int upload_take(struct srv_upload *up, const char *data_dir, uint64_t max, const char *key,
		const char *filename, const char *data, uint64_t off, size_t size);
/* The body is in: the digest, and the type (or why the file is damaged). */
void upload_finish(struct srv_upload *up);
/* Frees what is left and removes the temporary file unless the handler
 * moved it into place. */
void upload_cleanup(struct srv_upload *up);

#endif
