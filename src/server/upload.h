/* upload — one multipart body streamed to temporary files under
 * DATA/materials, by its route's rule: the rule's text part (a material's
 * `kind`, a feedback's `text`, a cancellation's `reason`) and up to the
 * rule's number of `file` parts, each with its name, bytes, BLAKE2b digest
 * and the size cap, then its type by its whole structure (filecheck.h). No
 * libmicrohttpd types: http.c feeds it the post processor's pieces; the
 * handler judges the result (upload_judge) and keeps the files (upload_keep:
 * into the store's blobs). */
#ifndef ANZHI_SERVER_UPLOAD_H
#define ANZHI_SERVER_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "server/srv.h"

struct upload_rule {
	const char *text_field;  /* the one text part kept ("kind", "text", "reason"), or NULL */
	size_t text_max;         /* bytes; a longer value sets text_too_long */
	int max_files;           /* file parts taken (1..SRV_FORM_FILES); more is refused */
};

/* 材料 (materials): kind + one file. */
extern const struct upload_rule upload_rule_material;
/* 年审认证反馈: text + up to SRV_FORM_FILES files. */
extern const struct upload_rule upload_rule_feedback;
/* 注销: reason + the signed application (one file). */
extern const struct upload_rule upload_rule_cancellation;
/* 单位导入 and registry imports: one CSV file (and small values). */
extern const struct upload_rule upload_rule_csv;

void upload_init(struct srv_form *form, const struct upload_rule *rule);
/* One piece of a part's value, off bytes into the part. 0 to go on; -1 to
 * stop reading: past max bytes (form->too_large), a file part more than the
 * rule takes (form->file_parts > rule->max_files, refused before anything
 * is judged) or a write error. */
int upload_take(struct srv_form *form, const char *data_dir, uint64_t max, const char *key,
		const char *filename, const char *data, uint64_t off, size_t size);
/* A small form value other than the rule's text and the files ("" when
 * absent). */
const char *upload_value(const struct srv_form *form, const char *name);
/* The body is in: each file's digest, and its type (or why it is damaged). */
void upload_finish(struct srv_form *form);
/* Frees what is left and removes the temporary files the handler did not
 * keep. */
void upload_cleanup(struct srv_form *form);

/* Whether one file may be kept: 413 too large, 422 field filename (not clean
 * text, or over 255 bytes), 422 missing_field field (no file), 422 damaged,
 * 415 not JPEG/PNG/PDF by content. 0, or -1 with the answer in rp. */
int upload_judge(const struct srv_upload *up, const char *field, struct srv_reply *rp);
/* Stores the file's bytes as the store's blob of its digest (materials.h:
 * equal files share one, any instance serves it), in the caller's
 * transaction; the temporary file goes when the request ends. 0, or -1 with
 * a 500 in rp. */
int upload_keep(struct srv_upload *up, struct store *st, struct srv_reply *rp);

#endif
