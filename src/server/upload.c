/* upload — see upload.h. */
#include "server/upload.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/filecheck.h"
#include "server/materials.h"
#include "wire/wire.h"

const struct upload_rule upload_rule_material = { "kind", 31, 1 };
const struct upload_rule upload_rule_feedback = { "text", SRV_FORM_TEXT, SRV_FORM_FILES };
const struct upload_rule upload_rule_cancellation = { "reason", 300, 1 };
/* no text part: an import's source and as_of are small values (upload_value) */
const struct upload_rule upload_rule_csv = { NULL, 0, 1 };

void upload_init(struct srv_form *form, const struct upload_rule *rule)
{
	memset(form, 0, sizeof *form);
	form->rule = rule;
	for (int i = 0; i < SRV_FORM_FILES; i++)
		form->files[i].fd = -1;
}

static void take_text(struct srv_form *form, const char *data, size_t size)
{
	size_t max = form->rule->text_max < SRV_FORM_TEXT ? form->rule->text_max : SRV_FORM_TEXT;
	if (form->text_too_long || form->text_len + size > max) {
		form->text_too_long = 1; /* the handler refuses it */
		return;
	}
	memcpy(form->text + form->text_len, data, size);
	form->text_len += size;
	form->text[form->text_len] = '\0';
}

/* A new file part: its name (last path component only: the name is shown to
 * people, never used as a path; the handler judges the text) and its
 * temporary file. */
static int open_file(struct srv_upload *up, const char *data_dir, const char *filename)
{
	const char *base = filename ? filename : "";
	for (const char *q = base; *q; q++)
		if (*q == '/' || *q == '\\')
			base = q + 1;
	up->filename_too_long = strlen(base) >= sizeof up->filename;
	snprintf(up->filename, sizeof up->filename, "%s", base);
	snprintf(up->tmp_path, sizeof up->tmp_path, "%s/materials/upload.XXXXXX", data_dir);
	up->fd = mkstemp(up->tmp_path);
	if (up->fd < 0) {
		up->tmp_path[0] = '\0';
		return -1;
	}
	up->has_file = 1;
	up->hash_state = sodium_malloc(sizeof(crypto_generichash_state));
	if (!up->hash_state)
		return -1;
	crypto_generichash_init(up->hash_state, NULL, 0, 32);
	return 0;
}

/* A small form value, piece by piece; one past the table or too long is
 * kept truncated (the handler refuses what it does not know). */
static int take_value(struct srv_form *form, const char *key, const char *data, size_t size)
{
	int i = 0;
	while (i < form->nvalues && strcmp(form->values[i].name, key) != 0)
		i++;
	if (i == form->nvalues) {
		if (form->nvalues == SRV_FORM_VALUES || strlen(key) >= sizeof form->values[0].name)
			return 0;
		snprintf(form->values[i].name, sizeof form->values[i].name, "%s", key);
		form->values[i].value[0] = '\0';
		form->nvalues++;
	}
	char *v = form->values[i].value;
	size_t have = strlen(v), room = sizeof form->values[0].value - 1 - have;
	size_t n = size < room ? size : room;
	memcpy(v + have, data, n);
	v[have + n] = '\0';
	if (n < size) /* marks it too long: a value never holds a control byte */
		v[sizeof form->values[0].value - 2] = '\x01';
	return 0;
}

const char *upload_value(const struct srv_form *form, const char *name)
{
	for (int i = 0; i < form->nvalues; i++)
		if (strcmp(form->values[i].name, name) == 0)
			return form->values[i].value;
	return "";
}

int upload_take(struct srv_form *form, const char *data_dir, uint64_t max, const char *key,
		const char *filename, const char *data, uint64_t off, size_t size)
{
	if (form->rule->text_field && strcmp(key, form->rule->text_field) == 0) {
		take_text(form, data, size);
		return 0;
	}
	if (strcmp(key, "file") != 0)
		return take_value(form, key, data, size);
	if (form->too_large)
		return 0;
	/* A part's first call has off 0 (maybe empty, then off 0 again with its
	 * data); any other off 0 starts another part. A part more than the rule
	 * takes would be appended to the last: refuse the upload instead, at its
	 * end. */
	if (off == 0 && !(form->part_open && size > 0))
		form->file_parts++;
	form->part_open = off == 0 && size == 0;
	if (form->file_parts > form->rule->max_files)
		return -1;
	struct srv_upload *up = &form->files[form->file_parts - 1];
	if (up->fd < 0 && !up->has_file) {
		form->nfiles = form->file_parts;
		if (open_file(up, data_dir, filename) != 0)
			return -1;
	}
	if (up->size + size > max) {
		up->too_large = form->too_large = 1;
		return -1;
	}
	crypto_generichash_update(up->hash_state, (const unsigned char *)data, size);
	for (size_t done = 0; done < size;) {
		ssize_t w = write(up->fd, data + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	up->size += size;
	return 0;
}

/* The file is complete: its digest, and its type by its whole structure
 * (never by name or first bytes). */
static void finish_file(struct srv_upload *up)
{
	unsigned char h[32];
	const char *type = NULL;
	if (up->hash_state) {
		crypto_generichash_final(up->hash_state, h, sizeof h);
		sodium_bin2hex(up->digest, sizeof up->digest, h, sizeof h);
		sodium_free(up->hash_state);
		up->hash_state = NULL;
	}
	up->content_type[0] = up->damaged[0] = '\0';
	if (up->fd < 0)
		return;
	switch (filecheck_fd(up->fd, &type, up->damaged, sizeof up->damaged)) {
	case FILECHECK_OK:
		snprintf(up->content_type, sizeof up->content_type, "%s", type);
		up->damaged[0] = '\0';
		break;
	case FILECHECK_UNKNOWN:
		up->damaged[0] = '\0';
		break;
	case FILECHECK_BROKEN:
		break;
	}
	close(up->fd);
	up->fd = -1;
}

void upload_finish(struct srv_form *form)
{
	for (int i = 0; i < form->nfiles; i++)
		finish_file(&form->files[i]);
}

void upload_cleanup(struct srv_form *form)
{
	for (int i = 0; i < SRV_FORM_FILES; i++) {
		struct srv_upload *up = &form->files[i];
		if (up->hash_state)
			sodium_free(up->hash_state);
		up->hash_state = NULL;
		if (up->fd >= 0)
			close(up->fd);
		up->fd = -1;
		if (up->tmp_path[0])
			unlink(up->tmp_path); /* no-op once the handler kept it */
	}
}

int upload_judge(const struct srv_upload *up, const char *field, struct srv_reply *rp)
{
	if (up->too_large)
		return srv_problem(rp, 413, "too_large", field, "file exceeds the upload limit"), -1;
	/* The name is shown to reviewers: the text rule of every stored field. */
	if (up->filename_too_long || !wire_text_ok(up->filename, strlen(up->filename)))
		return srv_problem(rp, 422, "invalid_field", "filename",
				   "a file name is at most 255 bytes of UTF-8 text without control "
				   "characters"), -1;
	if (!up->has_file || up->size == 0)
		return srv_problem(rp, 422, "missing_field", field, "file is required"), -1;
	if (up->damaged[0])
		return srv_problem(rp, 422, "invalid_field", field, "damaged or incomplete file: %s",
				   up->damaged), -1;
	if (!up->content_type[0])
		return srv_problem(rp, 415, "unsupported_type", field,
				   "only JPEG, PNG and PDF files (judged by content, not by name)"),
		       -1;
	return 0;
}

int upload_keep(struct srv_upload *up, struct store *st, struct srv_reply *rp)
{
	if (materials_put_file(st, up->tmp_path, up->digest, (int64_t)up->size) != 0)
		return srv_problem(rp, 500, "internal", NULL, "could not store the file"), -1;
	return 0;
}
