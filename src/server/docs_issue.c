/* docs_issue — issuing a document: the cached file when the content version
 * and the current key are unchanged and the document stands (so a re-download
 * is the same bytes, from one row), else a new one, drawn and signed outside
 * any transaction, then recorded under its verification code and cached. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/docs.h"

static void digest_hex(const unsigned char *pdf, size_t len, char out[65])
{
	unsigned char d[32];
	crypto_generichash(d, sizeof d, pdf, len, NULL, 0);
	sodium_bin2hex(out, 65, d, sizeof d);
}

/* The register's row and the cache's, in the caller's transaction or one of
 * its own. A code already recorded (the same document signed twice in one
 * second) is the same document: not an error. */
static int record(struct store *st, const struct unit_ref *u, int year, const char *version,
		  const char *key_id, const struct doc_file *f, char *err, size_t errlen)
{
	struct document_row d = { .unit_id = u->id, .year = year };
	int own = !store_in_txn(st);
	snprintf(d.code, sizeof d.code, "%s", f->code);
	snprintf(d.kind, sizeof d.kind, "%s", docseal_kind_word(f->kind));
	snprintf(d.key_id, sizeof d.key_id, "%s", key_id);
	snprintf(d.digest, sizeof d.digest, "%s", f->digest);
	snprintf(d.content_version, sizeof d.content_version, "%s", version);
	docs_time_text(docs_clock(), d.issued_at);
	if (own && store_begin(st) != STORE_OK) {
		snprintf(err, errlen, "store busy");
		return -1;
	}
	int rc = store_document_add(st, &d);
	if (rc == STORE_OK || rc == STORE_CONFLICT)
		rc = store_docfile_put(st, u->id, year, d.kind, version, key_id, f->code, f->pdf,
				       f->len);
	if (own && rc == STORE_OK)
		rc = store_commit(st);
	if (rc != STORE_OK) {
		snprintf(err, errlen, "could not record the document: %s", store_errmsg(st));
		if (own)
			store_rollback(st);
		return -1;
	}
	return 0;
}

int docs_issue(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u, int year,
	       const struct doc_layout *l, struct doc_file *out, char *err, size_t errlen)
{
	char version[DOC_VERSION_HEX + 1];
	struct key_row k;
	const char *kind = docseal_kind_word(doc_layout_kind(l));
	memset(out, 0, sizeof *out);
	doc_layout_version(l, ctx->cfg.datadir, version);
	if (store_key_newest(st, &k) != STORE_OK) {
		snprintf(err, errlen, "no signing key: run anzhid keys rotate --data DIR");
		return -1;
	}
	int rc = store_docfile_get(st, u->id, year, kind, version, k.id, &out->pdf, &out->len,
				   out->code, sizeof out->code);
	if (rc == STORE_OK) {
		struct docseal seal;
		enum docseal_fault why;
		out->kind = doc_layout_kind(l);
		digest_hex(out->pdf, out->len, out->digest);
		if (docseal_parse(out->pdf, out->len, &seal, &why))
			snprintf(out->signed_at, sizeof out->signed_at, "%s", seal.signed_at);
		return 0;
	}
	if (rc != STORE_NOTFOUND) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	struct doc_key key;
	int64_t issued = 0;
	if (store_document_count(st, u->id, year, kind, &issued) != STORE_OK) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	if (docs_key_current(st, ctx->cfg.data_dir, &key, err, errlen) != 0)
		return -1;
	struct doc_issue is = { .datadir = ctx->cfg.datadir, .key = &key,
				.signed_at = docs_clock(), .serial = issued + 1 };
	rc = doc_render(l, &is, out, err, errlen);
	snprintf(k.id, sizeof k.id, "%s", key.id); /* the key it was signed with */
	sodium_memzero(&key, sizeof key);
	if (rc == 0 && record(st, u, year, version, k.id, out, err, errlen) != 0) {
		doc_file_free(out);
		rc = -1;
	}
	return rc;
}
