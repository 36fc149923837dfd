/* materials — see materials.h. */
#include "server/materials.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/log.h"
#include "server/store.h"

static long read_fd(void *arg, void *buf, size_t len)
{
	for (;;) {
		ssize_t n = read(*(int *)arg, buf, len);
		if (n >= 0 || errno != EINTR)
			return (long)n;
	}
}

int materials_put_file(struct store *st, const char *path, const char *digest, int64_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = store_blob_put(st, digest, size, read_fd, &fd);
	close(fd);
	return rc == STORE_OK ? 0 : -1;
}

int materials_quota(struct srv_req *rq, struct srv_reply *rp, int64_t unit_id, int64_t bytes)
{
	int mib = rq->ctx->policy.materials.quota_mib;
	int64_t used;
	if (store_unit_storage(rq->st, unit_id, &used) != STORE_OK)
		return srv_problem(rp, 500, "internal", NULL, "could not read the unit's storage"), -1;
	if (used + bytes > (int64_t)mib * 1024 * 1024)
		return srv_problem(rp, 413, "quota_exceeded", "file",
				   "the unit's files would exceed its quota of %d MiB (%lld bytes in"
				   " use): delete some materials first",
				   mib, (long long)used), -1;
	return 0;
}

struct memory {
	const unsigned char *p;
	size_t left;
};

static long read_memory(void *arg, void *buf, size_t len)
{
	struct memory *m = arg;
	size_t n = len < m->left ? len : m->left;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

int materials_put_png(struct store *st, const unsigned char *png, size_t len, char digest[65],
		      int64_t *size)
{
	unsigned char h[32];
	struct memory m = { png, len };
	crypto_generichash(h, sizeof h, png, len, NULL, 0);
	sodium_bin2hex(digest, 65, h, sizeof h);
	*size = (int64_t)len;
	return store_blob_put(st, digest, *size, read_memory, &m) == STORE_OK ? 0 : -1;
}

int materials_put_sample_png(struct store *st, char digest[65], int64_t *size)
{
	static const unsigned char png[] = {
		0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
		0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
		0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
		0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00,
		0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
	};
	return materials_put_png(st, png, sizeof png, digest, size);
}

/* ------------------------------------------------------------- download */

/* One download: the chunk in hand and where it starts. */
struct stream {
	struct srv_ctx *ctx;
	char digest[65];
	int64_t size, seq;
	size_t len;
	unsigned char *chunk;
};

/* Runs in the worker thread that serves the connection: its own store. */
static ssize_t stream_read(void *arg, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = arg;
	struct store *st = srv_store(s->ctx);
	int64_t seq = (int64_t)(pos / STORE_BLOB_CHUNK);
	size_t off = (size_t)(pos % STORE_BLOB_CHUNK);
	if ((int64_t)pos >= s->size)
		return SRV_STREAM_END;
	if (seq != s->seq) {
		s->seq = -1;
		if (!st || store_blob_chunk(st, s->digest, seq, s->chunk, STORE_BLOB_CHUNK, &s->len) !=
				   STORE_OK)
			return SRV_STREAM_ERROR; /* the blob went meanwhile: the download breaks off */
		s->seq = seq;
	}
	if (off >= s->len)
		return SRV_STREAM_ERROR;
	size_t n = s->len - off < max ? s->len - off : max;
	memcpy(buf, s->chunk + off, n);
	return (ssize_t)n;
}

static void stream_free(void *arg)
{
	struct stream *s = arg;
	free(s->chunk);
	free(s);
}

int materials_stream(struct srv_reply *rp, struct srv_ctx *ctx, const char *digest,
		     int64_t size)
{
	struct stream *s = calloc(1, sizeof *s);
	if (!s || !(s->chunk = malloc(STORE_BLOB_CHUNK))) {
		free(s);
		return -1;
	}
	s->ctx = ctx;
	snprintf(s->digest, sizeof s->digest, "%s", digest);
	s->size = size;
	s->seq = -1;
	rp->stream_read = stream_read;
	rp->stream_free = stream_free;
	rp->stream_arg = s;
	rp->stream_size = (uint64_t)size;
	return 0;
}

/* ---------------------------------------------------------------- clean */

static int is_digest_name(const char *name)
{
	size_t n = strspn(name, "0123456789abcdef");
	return n == 64 && name[n] == '\0';
}

struct tally {
	long temporary, adopted, stray;
	int64_t swept;
};

/* A file an older anzhid kept: into the store when a material names it. */
static int adopt(struct store *st, const char *path, const char *digest, struct tally *t)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC), taken = 0;
	if (fd < 0 || fstat(fd, &sb) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int rc = store_begin(st);
	if (rc == STORE_OK)
		rc = store_blob_adopt(st, digest, read_fd, &fd, (int64_t)sb.st_size, &taken);
	if (rc == STORE_OK)
		rc = store_commit(st);
	if (rc != STORE_OK)
		store_rollback(st);
	close(fd);
	if (rc != STORE_OK)
		return -1;
	if (taken)
		t->adopted++;
	else
		t->stray++;
	return 0;
}

int materials_clean(struct srv_ctx *ctx, struct store *st, char *err, size_t errlen)
{
	char dir[1100], path[1400];
	struct tally t = { 0 };
	snprintf(dir, sizeof dir, "%s/materials", ctx->cfg.data_dir);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		int temporary = strncmp(e->d_name, "upload.", 7) == 0;
		if (!temporary && !is_digest_name(e->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!temporary && adopt(st, path, e->d_name, &t) != 0) {
			snprintf(err, errlen, "%s: %s", path, store_errmsg(st));
			closedir(d);
			return -1;
		}
		t.temporary += temporary;
		unlink(path);
	}
	if (d)
		closedir(d);
	int rc = store_begin(st);
	if (rc == STORE_OK)
		rc = store_blob_sweep(st, &t.swept);
	if (rc == STORE_OK)
		rc = store_commit(st);
	if (rc != STORE_OK) {
		store_rollback(st);
		snprintf(err, errlen, "materials: %s", store_errmsg(st));
		return -1;
	}
	if (t.temporary || t.adopted || t.stray || t.swept)
		log_msg("anzhid: materials: %ld unfinished upload(s) removed, %ld file(s) of an older"
			" anzhid taken into the store, %ld unused file(s) and %lld unused blob(s)"
			" removed",
			t.temporary, t.adopted, t.stray, (long long)t.swept);
	return 0;
}
