/* material_file — see material_file.h. */
#include "server/material_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/checks.h"
#include "server/eval.h"
#include "wire/wire.h"

/* The refusal of an upload that cannot be kept, else 0 (kind set). */
static int judge(struct srv_reply *rp, const struct srv_upload *up, bool kind_required,
		 enum material_kind *kind)
{
	*kind = MATERIAL_OTHER;
	if (up->too_large)
		return srv_problem(rp, 413, "too_large", "file", "file exceeds the upload limit");
	if (!up->kind[0] && kind_required)
		return srv_problem(rp, 422, "missing_field", "kind", "kind is required");
	if (up->kind[0] && !checks_material_parse(up->kind, kind))
		return srv_problem(rp, 422, "invalid_field", "kind", "unknown material kind");
	/* The name is shown to reviewers: the text rule of every stored field. */
	if (up->filename_too_long || !wire_text_ok(up->filename, strlen(up->filename)))
		return srv_problem(rp, 422, "invalid_field", "filename",
				   "a file name is at most 255 bytes of UTF-8 text without control "
				   "characters");
	if (!up->has_file || up->size == 0)
		return srv_problem(rp, 422, "missing_field", "file", "file is required");
	if (up->damaged[0])
		return srv_problem(rp, 422, "invalid_field", "file", "damaged or incomplete file: %s",
				   up->damaged);
	if (!up->content_type[0])
		return srv_problem(rp, 415, "unsupported_type", "file",
				   "only JPEG, PNG and PDF files (judged by content, not by name)");
	return 0;
}

json_t *material_file_accept(struct srv_req *rq, struct srv_reply *rp, bool kind_required)
{
	struct srv_upload *up = rq->upload;
	enum material_kind kind;
	char path[1400], now[20];
	if (judge(rp, up, kind_required, &kind) != 0)
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
	snprintf(path, sizeof path, "%s/materials/%s", rq->ctx->cfg.data_dir, up->digest);
	if (access(path, F_OK) == 0)
		unlink(up->tmp_path);
	else if (rename(up->tmp_path, path) != 0) {
		srv_problem(rp, 500, "internal", NULL, "could not store the file");
		json_decref(m);
		return NULL;
	}
	up->tmp_path[0] = '\0';
	return m;
}

int material_file_send(struct srv_req *rq, struct srv_reply *rp, const json_t *m)
{
	char path[1400];
	struct stat sb;
	snprintf(path, sizeof path, "%s/materials/%s", rq->ctx->cfg.data_dir,
		 json_string_value(json_object_get(m, "digest")));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		if (fd >= 0)
			close(fd);
		srv_problem(rp, 404, "not_found", NULL, "the file is missing");
		return -1;
	}
	rp->status = 200;
	rp->file_fd = fd;
	rp->file_size = (uint64_t)sb.st_size;
	snprintf(rp->content_type, sizeof rp->content_type, "%s",
		 json_string_value(json_object_get(m, "content_type")));
	snprintf(rp->download_name, sizeof rp->download_name, "%s",
		 json_string_value(json_object_get(m, "filename")));
	return 0;
}
