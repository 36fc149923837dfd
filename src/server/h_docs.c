/* h_docs — sealed documents over HTTP: the unit's documents as PDF
 * attachments (承诺书 and 注销业务申请书 any time, 审核认定书 once the
 * declaration has passed), and two public calls anyone checking a document
 * needs: the federation's public keys, and what the register says of a
 * verification code (issued when, revoked or not). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "server/access.h"
#include "server/docs.h"
#include "server/handlers.h"
#include "wire/enums.h"

#define MAX_KEYS 256

void h_keys(struct srv_req *rq, struct srv_reply *rp)
{
	struct key_row *k = calloc(MAX_KEYS, sizeof *k);
	int n = 0;
	if (!k || store_key_list(rq->st, k, MAX_KEYS, &n) != STORE_OK) {
		free(k);
		srv_problem(rp, 500, "internal", NULL, "could not read the keys");
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s, s:s, s:s}", "id", k[i].id, "public_key", k[i].public_key,
				      "created_at", k[i].created_at);
		if (k[i].revoked_at[0])
			json_object_set_new(o, "revoked_at", json_string(k[i].revoked_at));
		json_array_append_new(a, o);
	}
	free(k);
	srv_json(rp, 200, json_pack("{s:o}", "keys", a));
}

void h_document_check(struct srv_req *rq, struct srv_reply *rp)
{
	char code[DOCSEAL_CODE_LEN + 1], key_id[DOCSEAL_KEY_ID_LEN + 1];
	struct document_row d;
	if (!docseal_code_parse(rq->params[0], code, key_id) ||
	    store_document_get(rq->st, code, &d) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "no document was issued with this code");
		return;
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:b}", "code", d.code, "kind",
			      d.kind, "uscc", d.uscc, "unit_name", d.unit_name, "year", d.year,
			      "key_id", d.key_id, "digest", d.digest, "issued_at", d.issued_at,
			      "revoked", d.revoked_at[0] != 0);
	json_object_set_new(o, "revoked_at", d.revoked_at[0] ? json_string(d.revoked_at) : json_null());
	json_object_set_new(o, "reason", d.revoked_at[0] ? json_string(d.reason) : json_null());
	srv_json(rp, 200, o);
}

/* The bytes as a file the reply sends (http.c sends files by descriptor). */
static int memory_file(const unsigned char *b, size_t len)
{
	int fd = memfd_create("anzhi-document", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t done = 0; done < len;) {
		ssize_t w = write(fd, b + done, len - done);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void h_unit_document(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	struct unit_ref u;
	struct year_row y;
	char err[512];
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0)
		return;
	enum doc_kind kind = docseal_kind_parse(rq->params[2]);
	if (kind != DOC_COMMITMENT && kind != DOC_CANCELLATION_FORM && kind != DOC_CERTIFICATION) {
		srv_problem(rp, 404, "not_found", NULL, "no such document");
		return;
	}
	if (kind == DOC_CERTIFICATION) {
		if (store_year_get(rq->st, u.id, year, &y) != STORE_OK) {
			srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
			return;
		}
		if (!wire_declaration_passed(y.status)) {
			srv_problem(rp, 409, "conflict", NULL,
				    "the declaration for %d is %s: the certification is issued once "
				    "the annual review has passed", year,
				    wire_declaration_word(y.status));
			return;
		}
	}
	struct doc_layout *l = docs_layout(rq->ctx, rq->st, &u, year, kind, err, sizeof err);
	if (!l) {
		srv_problem(rp, 500, "internal", NULL, "could not make the document: %s", err);
		return;
	}
	docs_reply(rq, rp, &u, year, l);
}

void docs_reply(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u, int year,
		struct doc_layout *l)
{
	char err[512] = "out of memory";
	struct doc_file f;
	if (!l || docs_issue(rq->ctx, rq->st, u, year, l, &f, err, sizeof err) != 0) {
		doc_layout_free(l);
		srv_problem(rp, 500, "internal", NULL, "could not make the document: %s", err);
		return;
	}
	enum doc_kind kind = doc_layout_kind(l);
	doc_layout_free(l);
	int fd = memory_file(f.pdf, f.len);
	if (fd < 0) {
		doc_file_free(&f);
		srv_problem(rp, 500, "internal", NULL, "could not send the document");
		return;
	}
	rp->status = 200;
	rp->file_fd = fd;
	rp->file_size = f.len;
	snprintf(rp->content_type, sizeof rp->content_type, "application/pdf");
	snprintf(rp->download_name, sizeof rp->download_name, "%s-%s-%d.pdf",
		 docseal_kind_word(kind), u->uscc, year);
	doc_file_free(&f);
}
