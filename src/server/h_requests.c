/* h_requests — what a unit asks of the federation about its declaration,
 * and the federation's answer: 年审认证反馈 (feedback: text and files, when
 * the unit disagrees with the review; accepted, the declaration reopens for
 * correction) and 单位注销安置登记 (cancellation: the signed 注销业务申请书 and
 * a reason; approved, the year is cancelled). Both are one pattern — file
 * (multipart), review (accept/reject with a reason), the reviewers' queue,
 * the unit's list, the files — driven by the table `kinds`; each step is an
 * action of the declaration's state table. The files are blobs of the store
 * like materials' (materials.h), under the unit's one quota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/decl.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/materials.h"
#include "server/upload.h"
#include "wire/wire.h"

static const struct kind_def {
	const char *entity;           /* audit entity, and the API's word */
	const char *text_key;         /* FEEDBACK.text / CANCELLATION.reason */
	int min_files;                /* the signed application is required */
	int single_file;              /* CANCELLATION.file rather than files[] */
	enum declaration_action file, accept, reject;
} kinds[REQUEST_KIND__COUNT] = {
	[REQUEST_FEEDBACK] = { "feedback", "text", 0, 0, DECL_FEEDBACK, DECL_FEEDBACK_ACCEPT,
			       DECL_FEEDBACK_REJECT },
	[REQUEST_CANCELLATION] = { "cancellation", "reason", 1, 1, DECL_CANCEL_REQUEST,
				   DECL_CANCEL_APPROVE, DECL_CANCEL_REJECT },
};

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *file_json(const struct request_file *f)
{
	return json_pack("{s:i, s:s, s:I, s:s, s:s}", "seq", f->seq, "filename", f->filename,
			 "size", (json_int_t)f->size, "content_type", f->content_type, "digest",
			 f->digest);
}

/* FEEDBACK / CANCELLATION; NULL on a store error. */
static json_t *request_json(struct store *st, const struct request_row *r)
{
	const struct kind_def *k = &kinds[r->kind];
	struct request_file files[REQUEST_FILES_MAX];
	int n;
	if (store_request_files(st, r->id, files, REQUEST_FILES_MAX, &n) != STORE_OK)
		return NULL;
	json_t *o = json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:I}",
			      "id", (json_int_t)r->id, "uscc", r->uscc, "unit_name", r->unit_name,
			      "year", r->year, k->text_key, r->text, "status",
			      wire_request_status_word(r->status), "declaration_status",
			      wire_declaration_word(r->declaration_status), "created_at",
			      r->created_at, "created_by", r->created_by_name, "reviewed_at",
			      text_or_null(r->reviewed_at), "reviewer", text_or_null(r->reviewer),
			      "review_reason", text_or_null(r->review_reason), "version",
			      (json_int_t)r->version);
	if (k->single_file) {
		json_object_set_new(o, "file", n ? file_json(&files[0]) : json_null());
		return o;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, file_json(&files[i]));
	json_object_set_new(o, "files", a);
	return o;
}

static void reply_request(struct srv_req *rq, struct srv_reply *rp, int status,
			  const struct request_row *r)
{
	json_t *o = request_json(rq->st, r);
	if (!o) {
		srv_problem(rp, 500, "internal", NULL, "could not read the request");
		return;
	}
	srv_etag(rp, r->version);
	srv_json(rp, status, o);
}

/* ------------------------------------------------------------------ file */

/* Before the body: the unit is visible and the table lets the caller file
 * one now (404/403/409 answered at once). */
static int precheck(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind)
{
	int year;
	struct unit_ref u;
	struct decl d;
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0 ||
	    decl_load(rq, rp, &u, year, NULL, &d) != 0)
		return -1;
	return decl_check(rq, rp, &d, kinds[kind].file);
}

int h_feedback_precheck(struct srv_req *rq, struct srv_reply *rp)
{
	return precheck(rq, rp, REQUEST_FEEDBACK);
}

int h_cancellation_precheck(struct srv_req *rq, struct srv_reply *rp)
{
	return precheck(rq, rp, REQUEST_CANCELLATION);
}

/* The form's text and files, judged before anything is kept. */
static int judge_form(struct srv_req *rq, struct srv_reply *rp, const struct kind_def *k)
{
	const struct srv_form *f = rq->form;
	if (f->text_too_long || !wire_text_ok(f->text, f->text_len))
		return srv_problem(rp, 422, "invalid_field", k->text_key,
				   "text of at most %zu bytes without control characters",
				   f->rule->text_max), -1;
	if (!f->text_len)
		return srv_problem(rp, 422, "missing_field", k->text_key, "%s is required",
				   k->text_key), -1;
	if (f->nfiles < k->min_files)
		return srv_problem(rp, 422, "missing_field", "file",
				   "upload the signed application"), -1;
	for (int i = 0; i < f->nfiles; i++)
		if (upload_judge(&f->files[i], "file", rp) != 0)
			return -1;
	return 0;
}

struct filing {
	enum request_kind kind;
	struct request_row r;
};

/* decl_take's effect: the files kept, the request recorded, the declaration
 * marks it pending. */
static int file_request(struct srv_req *rq, struct srv_reply *rp, struct decl *d, void *arg)
{
	struct filing *fi = arg;
	struct request_file files[SRV_FORM_FILES];
	struct srv_form *f = rq->form;
	int64_t bytes = 0;
	for (int i = 0; i < f->nfiles; i++)
		bytes += (int64_t)f->files[i].size;
	if (materials_quota(rq, rp, d->unit.id, bytes) != 0)
		return -1;
	for (int i = 0; i < f->nfiles; i++) {
		struct srv_upload *up = &f->files[i];
		if (upload_keep(up, rq->st, rp) != 0)
			return -1;
		files[i] = (struct request_file){ .seq = i + 1, .size = (int64_t)up->size };
		snprintf(files[i].filename, sizeof files[i].filename, "%s", up->filename);
		snprintf(files[i].content_type, sizeof files[i].content_type, "%s", up->content_type);
		snprintf(files[i].digest, sizeof files[i].digest, "%s", up->digest);
	}
	struct request_row *r = &fi->r;
	r->kind = fi->kind;
	r->year = d->year;
	r->declaration_status = d->y.status;
	r->created_by = rq->user.id;
	snprintf(r->text, sizeof r->text, "%s", f->text);
	snprintf(r->created_at, sizeof r->created_at, "%s", d->now);
	snprintf(r->created_by_name, sizeof r->created_by_name, "%s", rq->user.username);
	if (store_request_add(rq->st, r, &d->unit, files, f->nfiles) != STORE_OK)
		return srv_problem(rp, 500, "internal", NULL, "could not record the request"), -1;
	if (fi->kind == REQUEST_FEEDBACK)
		d->next.feedback_id = r->id;
	else
		d->next.cancellation_id = r->id;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	json_t *after = request_json(rq->st, r);
	int rc = access_audit(rq, rp, kinds[fi->kind].entity, id, "create", NULL, after);
	json_decref(after);
	return rc;
}

static void create(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind)
{
	int year;
	struct unit_ref u;
	struct decl d;
	struct filing *fi = calloc(1, sizeof *fi);
	if (!fi) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return;
	}
	fi->kind = kind;
	if (access_unit(rq, rp, rq->params[0], &u) == 0 && access_year(rp, rq->params[1], &year) == 0 &&
	    judge_form(rq, rp, &kinds[kind]) == 0 && decl_load(rq, rp, &u, year, NULL, &d) == 0 &&
	    decl_take(rq, rp, &d, kinds[kind].file, file_request, fi) == 0)
		reply_request(rq, rp, 201, &fi->r);
	free(fi);
}

void h_feedback_create(struct srv_req *rq, struct srv_reply *rp)
{
	create(rq, rp, REQUEST_FEEDBACK);
}

void h_cancellation_create(struct srv_req *rq, struct srv_reply *rp)
{
	create(rq, rp, REQUEST_CANCELLATION);
}

/* ---------------------------------------------------------------- review */

/* The request of the path's id, of this kind, visible to the caller. */
static int load_request(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind,
			struct request_row *r, struct unit_ref *u)
{
	char *end;
	long long id = strtoll(rq->params[0], &end, 10);
	if (*end || id <= 0 || store_request_get(rq->st, kind, id, r) != STORE_OK ||
	    store_unit_ref_by_id(rq->st, r->unit_id, u) != STORE_OK || !access_unit_visible(rq, u)) {
		srv_problem(rp, 404, "not_found", NULL, "no such %s", kinds[kind].entity);
		return -1;
	}
	return 0;
}

struct answer {
	struct request_row *r;
	int accept;
};

/* decl_take's effect: the request answered, no longer pending. */
static int answer_request(struct srv_req *rq, struct srv_reply *rp, struct decl *d, void *arg)
{
	struct answer *an = arg;
	struct request_row *r = an->r;
	char id[24];
	json_t *before = request_json(rq->st, r), *after = NULL;
	r->status = an->accept ? REQUEST_ACCEPTED : REQUEST_REJECTED;
	r->reviewer_id = rq->user.id;
	snprintf(r->reviewer, sizeof r->reviewer, "%s", rq->user.username);
	snprintf(r->reviewed_at, sizeof r->reviewed_at, "%s", d->now);
	snprintf(r->review_reason, sizeof r->review_reason, "%s", d->reason ? d->reason : "");
	int rc = store_request_review(rq->st, r);
	if (rc != STORE_OK) {
		json_decref(before);
		return rc == STORE_NOTFOUND
			       ? srv_problem(rp, 412, "precondition_failed", NULL,
					     "the request changed: reload it")
			       : srv_problem(rp, 500, "internal", NULL, "could not save the request"),
		       -1;
	}
	if (r->kind == REQUEST_FEEDBACK)
		d->next.feedback_id = 0;
	else
		d->next.cancellation_id = 0;
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	after = request_json(rq->st, r);
	rc = access_audit(rq, rp, kinds[r->kind].entity, id, "review", before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

static void review(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind)
{
	const char *reason;
	struct unit_ref u;
	struct decl d;
	struct request_row *r = malloc(sizeof *r);
	struct answer an = { r, 0 };
	if (!r) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return;
	}
	if (load_request(rq, rp, kind, r, &u) != 0 || access_if_match(rq, rp, r->version) != 0 ||
	    decl_body_result(rq, rp, &an.accept, &reason) != 0)
		goto out;
	if (r->status != REQUEST_PENDING) {
		srv_problem(rp, 409, "conflict", NULL, "the %s has been reviewed: it is %s",
			    kinds[kind].entity, wire_request_status_word(r->status));
		goto out;
	}
	if (decl_load(rq, rp, &u, r->year, reason, &d) == 0 &&
	    decl_take(rq, rp, &d, an.accept ? kinds[kind].accept : kinds[kind].reject,
		      answer_request, &an) == 0)
		reply_request(rq, rp, 200, r);
out:
	free(r);
}

void h_feedback_review(struct srv_req *rq, struct srv_reply *rp)
{
	review(rq, rp, REQUEST_FEEDBACK);
}

void h_cancellation_review(struct srv_req *rq, struct srv_reply *rp)
{
	review(rq, rp, REQUEST_CANCELLATION);
}

/* ------------------------------------------------------------ read them */

static void get_one(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind)
{
	struct unit_ref u;
	struct request_row *r = malloc(sizeof *r);
	if (!r)
		srv_problem(rp, 500, "internal", NULL, "out of memory");
	else if (load_request(rq, rp, kind, r, &u) == 0)
		reply_request(rq, rp, 200, r);
	free(r);
}

void h_feedback_get(struct srv_req *rq, struct srv_reply *rp)
{
	get_one(rq, rp, REQUEST_FEEDBACK);
}

void h_cancellation_get(struct srv_req *rq, struct srv_reply *rp)
{
	get_one(rq, rp, REQUEST_CANCELLATION);
}

struct page {
	struct store *st;
	struct jw *w;
};

static int write_request(void *arg, const struct request_row *r)
{
	struct page *pg = arg;
	json_t *o = request_json(pg->st, r);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!text)
		return -1;
	jw_raw(pg->w, text);
	free(text);
	return 0;
}

/* One page of q; total (-1: none) is written beside it. */
static void reply_page(struct srv_req *rq, struct srv_reply *rp, const struct request_query *q,
		       int64_t total)
{
	char next_at[20];
	int64_t next = 0;
	struct jw w;
	struct page pg = { rq->st, &w };
	jw_init(&w);
	jw_object(&w);
	jw_kint(&w, "year", q->year);
	jw_key(&w, "items");
	jw_array(&w);
	int ok = store_request_page(rq->st, q, write_request, &pg, next_at, &next) == STORE_OK;
	jw_end(&w);
	if (total >= 0)
		jw_kint(&w, "total", total);
	listing_cursor_member(&w, q->unit_id ? NULL : next_at, next);
	jw_end(&w);
	listing_reply(rp, &w, ok, "requests");
}

/* GET /feedback, GET /cancellations: the reviewers' queue. */
static void queue(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind)
{
	const char *status = srv_query(rq, "status");
	char at[20];
	struct overview_counts oc;
	struct request_query q = { .kind = kind, .status = REQUEST_PENDING };
	if (status && *status) {
		q.status = wire_request_status_parse(status);
		if (q.status == REQUEST_STATUS_UNKNOWN) {
			srv_problem(rp, 422, "invalid_field", "status", "pending, accepted or rejected");
			return;
		}
	}
	if (listing_year(rq, rp, &q.year) != 0 ||
	    listing_region(rq, rp, &q.region, &q.region_column) != 0 ||
	    listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	q.after_at = at;
	if (store_overview(rq->st, q.region, q.year, &oc) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not count the requests");
		return;
	}
	reply_page(rq, rp, &q, oc.requests[kind][q.status]);
}

void h_feedback_queue(struct srv_req *rq, struct srv_reply *rp)
{
	queue(rq, rp, REQUEST_FEEDBACK);
}

void h_cancellation_queue(struct srv_req *rq, struct srv_reply *rp)
{
	queue(rq, rp, REQUEST_CANCELLATION);
}

/* GET /units/{uscc}/years/{year}/feedback|cancellation: the unit's, newest first. */
static void unit_list(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind)
{
	char at[20];
	struct unit_ref u;
	struct request_query q = { .kind = kind };
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &q.year) != 0 ||
	    listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	q.unit_id = u.id;
	reply_page(rq, rp, &q, -1);
}

void h_feedback_unit_list(struct srv_req *rq, struct srv_reply *rp)
{
	unit_list(rq, rp, REQUEST_FEEDBACK);
}

void h_cancellation_unit_list(struct srv_req *rq, struct srv_reply *rp)
{
	unit_list(rq, rp, REQUEST_CANCELLATION);
}

/* ----------------------------------------------------------------- files */

static void send_file(struct srv_req *rq, struct srv_reply *rp, enum request_kind kind, int seq)
{
	struct unit_ref u;
	struct request_file files[REQUEST_FILES_MAX];
	int64_t size;
	int n;
	struct request_row *r = malloc(sizeof *r);
	if (!r) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return;
	}
	if (load_request(rq, rp, kind, r, &u) != 0)
		goto out;
	if (store_request_files(rq->st, r->id, files, REQUEST_FILES_MAX, &n) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the files");
		goto out;
	}
	if (seq < 1 || seq > n) {
		srv_problem(rp, 404, "not_found", NULL, "no such file");
		goto out;
	}
	const struct request_file *f = &files[seq - 1];
	if (store_blob_size(rq->st, f->digest, &size) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "the file is missing");
		goto out;
	}
	if (materials_stream(rp, rq->ctx, f->digest, size) != 0) {
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		goto out;
	}
	rp->status = 200;
	snprintf(rp->content_type, sizeof rp->content_type, "%s", f->content_type);
	snprintf(rp->download_name, sizeof rp->download_name, "%s", f->filename);
out:
	free(r);
}

void h_feedback_file(struct srv_req *rq, struct srv_reply *rp)
{
	char *end;
	long seq = strtol(rq->params[1], &end, 10);
	send_file(rq, rp, REQUEST_FEEDBACK, *end ? 0 : (int)seq);
}

void h_cancellation_file(struct srv_req *rq, struct srv_reply *rp)
{
	send_file(rq, rp, REQUEST_CANCELLATION, 1);
}
