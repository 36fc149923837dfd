/* store_blobs — the bytes of uploaded materials, kept in the store itself so
 * that every instance on one database serves every file: content-addressed
 * (one blob per BLAKE2b digest however many materials share it), in 1 MiB
 * chunks written and read one at a time, counted (refs: the materials,
 * request files and application attachments that name it; the blob goes with
 * the last of them, in the same transaction), and each unit's total kept against its quota
 * (unit_storage). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/store_int.h"

/* Locks the blob's row when it is there: 1 found, 0 not, -1 error. */
static int blob_lock(struct store *st, const char *digest)
{
	int64_t one;
	int rc = db_one_int(db_q(st->db, "SELECT 1 FROM blobs WHERE digest = ? FOR UPDATE", "s",
				 digest), &one);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Reads size bytes in chunks into blob_chunks. */
static int write_chunks(struct store *st, const char *digest, int64_t size, store_reader read,
			void *arg)
{
	unsigned char *buf = malloc(STORE_BLOB_CHUNK);
	int rc = buf ? STORE_OK : db_fail(st->db, "out of memory");
	int64_t left = size;
	for (int64_t seq = 0; rc == STORE_OK && left > 0; seq++) {
		size_t want = left < STORE_BLOB_CHUNK ? (size_t)left : STORE_BLOB_CHUNK, got = 0;
		while (got < want) {
			long n = read(arg, buf + got, want - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got != want) {
			rc = db_fail(st->db, "blob %.16s…: %lld bytes short", digest,
				     (long long)(left - (int64_t)got));
			break;
		}
		rc = st_rc(db_run(db_q(st->db,
			"INSERT INTO blob_chunks (digest, seq, data) VALUES (?, ?, ?)", "sib", digest,
			seq, (const void *)buf, want)));
		left -= (int64_t)want;
	}
	free(buf);
	return rc;
}

/* The blob's row with refs references, then its chunks. 1 made, 0 another
 * transaction made it meanwhile (now locked), -1 error. */
static int blob_make(struct store *st, const char *digest, int64_t size, int64_t refs,
		     store_reader read, void *arg)
{
	if (db_run(db_q(st->db,
			"INSERT INTO blobs (digest, size, refs, created_at) VALUES (?, ?, ?, ?)"
			" ON CONFLICT (digest) DO NOTHING",
			"siii", digest, size, refs, (int64_t)time(NULL))) != DB_OK)
		return -1;
	if (db_changes(st->db) == 0) /* it committed first: lock it as it stands */
		return blob_lock(st, digest) == 1 ? 0 : -1;
	return write_chunks(st, digest, size, read, arg) == STORE_OK ? 1 : -1;
}

int store_blob_put(struct store *st, const char *digest, int64_t size, store_reader read,
		   void *arg)
{
	int found = blob_lock(st, digest);
	if (found != 0)
		return found == 1 ? STORE_OK : STORE_ERROR;
	return blob_make(st, digest, size, 0, read, arg) >= 0 ? STORE_OK : STORE_ERROR;
}

int store_blob_size(struct store *st, const char *digest, int64_t *size)
{
	int rc = db_one_int(db_q(st->db, "SELECT size FROM blobs WHERE digest = ?", "s", digest),
			    size);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_blob_chunk(struct store *st, const char *digest, int64_t seq, void *buf, size_t cap,
		     size_t *len)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT data FROM blob_chunks WHERE digest = ? AND seq = ?", "si", digest, seq);
	int rc = s ? db_step(s) : DB_ERROR, res = rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	*len = 0;
	if (rc == DB_ROW) {
		size_t n;
		const void *data = db_col_blob(s, 0, &n);
		if (n <= cap) {
			memcpy(buf, data, n);
			*len = n;
			res = STORE_OK;
		} else {
			db_fail(st->db, "chunk %lld of %.16s… is %zu bytes", (long long)seq, digest, n);
		}
	}
	db_done(s);
	return res;
}

int store_blob_adopt(struct store *st, const char *digest, store_reader read, void *arg,
		     int64_t size, int *taken)
{
	int64_t refs = 0;
	*taken = 0;
	if (db_one_int(db_q(st->db,
			    "SELECT (SELECT COUNT(*) FROM materials WHERE digest = ?)"
			    " + (SELECT COUNT(*) FROM request_files WHERE digest = ?)"
			    " + (SELECT COUNT(*) FROM application_attachments WHERE digest = ?)",
			    "sss", digest, digest, digest), &refs) != DB_ROW)
		return STORE_ERROR;
	int found = refs > 0 ? blob_lock(st, digest) : 1;
	if (found != 0)
		return found == 1 ? STORE_OK : STORE_ERROR;
	int made = blob_make(st, digest, size, refs, read, arg);
	*taken = made == 1;
	return made >= 0 ? STORE_OK : STORE_ERROR;
}

int store_blob_sweep(struct store *st, int64_t *n)
{
	*n = 0;
	if (db_run(db_sql(st->db, "DELETE FROM blob_chunks WHERE digest IN"
			  " (SELECT digest FROM blobs WHERE refs <= 0)")) != DB_OK ||
	    db_run(db_sql(st->db, "DELETE FROM blobs WHERE refs <= 0")) != DB_OK)
		return STORE_ERROR;
	*n = db_changes(st->db);
	return st_rc(db_run(db_sql(st->db,
		"DELETE FROM blob_chunks WHERE NOT EXISTS"
		" (SELECT 1 FROM blobs b WHERE b.digest = blob_chunks.digest)")));
}

/* A unit's stored bytes (the quota's measure) move with its files. */
static int storage_add(struct store *st, int64_t unit_id, int64_t delta)
{
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO unit_storage (unit_id, bytes) VALUES (?, ?) ON CONFLICT (unit_id)"
		" DO UPDATE SET bytes = unit_storage.bytes + excluded.bytes",
		"ii", unit_id, delta)));
}

int st_blob_hold(struct store *st, const char *digest, int64_t unit_id, int64_t size)
{
	int rc = st_change(st, db_q(st->db, "UPDATE blobs SET refs = refs + 1 WHERE digest = ?", "s",
				    digest));
	if (rc == STORE_NOTFOUND)
		db_fail(st->db, "a file without its blob %.16s", digest);
	return rc == STORE_OK ? storage_add(st, unit_id, size) : STORE_ERROR;
}

int st_blob_release(struct store *st, const char *digest, int64_t unit_id, int64_t size)
{
	int64_t refs;
	if (storage_add(st, unit_id, -size) != STORE_OK)
		return STORE_ERROR;
	int rc = db_one_int(db_q(st->db,
		"UPDATE blobs SET refs = refs - 1 WHERE digest = ? RETURNING refs", "s", digest),
		&refs);
	if (rc == DB_DONE || (rc == DB_ROW && refs > 0))
		return STORE_OK;
	if (rc != DB_ROW ||
	    db_run(db_q(st->db, "DELETE FROM blob_chunks WHERE digest = ?", "s", digest)) != DB_OK)
		return STORE_ERROR;
	return st_rc(db_run(db_q(st->db, "DELETE FROM blobs WHERE digest = ? AND refs <= 0", "s",
				 digest)));
}

int store_unit_storage(struct store *st, int64_t unit_id, int64_t *bytes)
{
	int rc = db_one_int(db_q(st->db, "SELECT bytes FROM unit_storage WHERE unit_id = ?", "i",
				 unit_id), bytes);
	if (rc == DB_DONE)
		*bytes = 0;
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}
