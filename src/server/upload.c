/* upload — see upload.h. */
#include "server/upload.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/filecheck.h"

void upload_init(struct srv_upload *up)
{
	memset(up, 0, sizeof *up);
	up->fd = -1;
}

int upload_take(struct srv_upload *up, const char *data_dir, uint64_t max, const char *key,
		const char *filename, const char *data, uint64_t off, size_t size)
{
	if (strcmp(key, "kind") == 0) {
		size_t have = strlen(up->kind);
		if (have + size >= sizeof up->kind)
			return 0; /* too long: left truncated, the handler refuses it */
		memcpy(up->kind + have, data, size);
		up->kind[have + size] = '\0';
		return 0;
	}
	if (strcmp(key, "file") != 0 || up->too_large)
		return 0;
	/* A part's first call has off 0 (maybe empty, then off 0 again with its
	 * data); any other off 0 starts another part. A second file would be
	 * appended to the first: refuse the upload instead, at its end. */
	if (off == 0 && !(up->part_open && size > 0))
		up->file_parts++;
	up->part_open = off == 0 && size == 0;
	if (up->file_parts > 1)
		return -1;
	if (up->fd < 0) {
		/* Keep only the last path component: the name is shown to
		 * people, never used as a path; the handler judges the text. */
		const char *base = filename ? filename : "";
		for (const char *q = base; *q; q++)
			if (*q == '/' || *q == '\\')
				base = q + 1;
		up->filename_too_long = strlen(base) >= sizeof up->filename;
		snprintf(up->filename, sizeof up->filename, "%s", base);
		snprintf(up->tmp_path, sizeof up->tmp_path, "%s/materials/upload.XXXXXX",
			 data_dir);
		up->fd = mkstemp(up->tmp_path);
		if (up->fd < 0)
			return -1;
		up->has_file = 1;
		up->hash_state = sodium_malloc(sizeof(crypto_generichash_state));
		if (!up->hash_state)
			return -1;
		crypto_generichash_init(up->hash_state, NULL, 0, 32);
	}
	if (up->size + size > max) {
		up->too_large = 1;
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
void upload_finish(struct srv_upload *up)
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

void upload_cleanup(struct srv_upload *up)
{
	if (up->hash_state)
		sodium_free(up->hash_state);
	up->hash_state = NULL;
	if (up->fd >= 0)
		close(up->fd);
	up->fd = -1;
	if (up->tmp_path[0])
		unlink(up->tmp_path); /* no-op once the handler renamed it */
}
