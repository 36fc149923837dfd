/* http — the only file that speaks libmicrohttpd. Per request: match the
 * route on the first call (404/405/401/403/413 answered there, before any
 * body is read), accumulate a JSON body under a size cap or stream a
 * multipart upload to a temporary file (upload.c), then run the handler —
 * inside one write transaction for writes, with idempotent replay; or in
 * steps on a suspended connection (srv_defer_*, defer.c) — and log one line.
 * Every connection is watched by connguard.c. */
#include "server/http.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "server/auth.h"
#include "server/connguard.h"
#include "server/defer.h"
#include "server/disposition.h"
#include "server/handlers.h"
#include "server/idem.h"
#include "server/log.h"
#include "server/router.h"
#include "server/store.h"
#include "server/totp.h"
#include "server/upload.h"

struct http_server {
	struct MHD_Daemon *d;
	struct srv_ctx *ctx;
};

static atomic_int inflight;

/* The hashing pool: argon2id takes 64 MiB a hash, so two at once; a login
 * beyond HASH_QUEUE waiting ones gets 503 at once rather than a long wait. */
#define HASH_THREADS 2
#define HASH_QUEUE 64

/* Body bytes read and dropped past a cap before the connection is cut. */
#define DROP_MAX (1024 * 1024)

struct http_req {
	struct srv_req rq;
	const struct route *route;
	char method[8];
	char path[512];
	char *body;
	size_t len, cap;
	int too_large;
	int answered;      /* a reply is queued: nothing more is read */
	uint64_t dropped;  /* body bytes read past a cap, never kept */
	int bad_upload;    /* the multipart body could not be parsed */
	int file_parts;    /* `file` parts seen: more than one is refused */
	enum { DEFER_NONE, DEFER_WORK, DEFER_DELAY } defer; /* a step asked for */
	void (*defer_fn)(void *);
	void *defer_arg;
	long defer_ms;
	int resumed;       /* the connection was resumed after a step */
	int step_dropped;  /* …without the step having run: answer 503 */
	int part_open;     /* the current `file` part began with an empty call */
	int status;
	struct MHD_PostProcessor *pp;
	struct srv_form form;
	struct timespec t0;
};

static _Thread_local struct store *thread_store;

struct store *srv_store(struct srv_ctx *ctx)
{
	char err[256];
	if (thread_store)
		return thread_store;
	if (store_open(&thread_store, ctx->cfg.db, &ctx->regions, err, sizeof err) !=
	    STORE_OK) {
		log_msg("store: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&ctx->stores_lock);
	if (ctx->nstores < (int)(sizeof ctx->stores / sizeof ctx->stores[0]))
		ctx->stores[ctx->nstores++] = thread_store;
	pthread_mutex_unlock(&ctx->stores_lock);
	return thread_store;
}

const char *srv_query(struct srv_req *rq, const char *key)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *srv_header(struct srv_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

/* The connection's guard (connguard.h), set when it was accepted. */
static struct guard_conn *guard_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? connguard_open(ci->connect_fd) : NULL;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		connguard_close(*socket_context);
		*socket_context = NULL;
	}
}

/* ---------------------------------------------------------------- replies */

/* Queues rp; close: end the connection after it (the request's body, if
 * any, is left unread). */
static enum MHD_Result send_reply(struct MHD_Connection *c, struct http_req *hr,
				  struct srv_reply *rp, int close)
{
	struct MHD_Response *r;
	/* a material (a file, or read from the store as it goes): an attachment */
	int is_file = rp->file_fd >= 0 || rp->stream_read;
	uint64_t reply_bytes = 0;
	if (rp->file_fd >= 0) {
		r = MHD_create_response_from_fd64(rp->file_size, rp->file_fd);
		rp->file_fd = -1;
		reply_bytes = rp->file_size;
	} else if (rp->stream_read) {
		_Static_assert(SRV_STREAM_END == MHD_CONTENT_READER_END_OF_STREAM &&
				       SRV_STREAM_ERROR == MHD_CONTENT_READER_END_WITH_ERROR,
			       "srv.h's stream ends are libmicrohttpd's");
		r = MHD_create_response_from_callback(rp->stream_size, 64 * 1024, rp->stream_read,
						      rp->stream_arg, rp->stream_free);
		if (r)
			rp->stream_read = NULL; /* the response frees it now */
		reply_bytes = rp->stream_size;
	} else if (rp->text) {
		reply_bytes = rp->text_len;
		r = MHD_create_response_from_buffer(rp->text_len, rp->text, MHD_RESPMEM_MUST_FREE);
		if (r) {
			rp->text = NULL; /* the response owns it now */
			if (!rp->content_type[0]) /* JSON written by jsonw, else its own type (CSV) */
				MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
							"application/json; charset=utf-8");
		}
	} else if (rp->body) {
		char *txt = json_dumps(rp->body, JSON_COMPACT);
		if (!txt)
			txt = strdup("{}");
		reply_bytes = txt ? strlen(txt) : 0;
		r = MHD_create_response_from_buffer(reply_bytes, txt, MHD_RESPMEM_MUST_FREE);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
						rp->problem ? "application/problem+json"
							    : "application/json; charset=utf-8");
	} else {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	if (!r)
		return MHD_NO;
	if (rp->content_type[0])
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rp->content_type);
	if (rp->etag[0])
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, rp->etag);
	if (rp->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof ra, "%d", rp->retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	if (is_file) {
		char cd[DISPOSITION_MAX];
		disposition_attachment(rp->download_name, cd, sizeof cd);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, cd);
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (close)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	hr->status = rp->status;
	connguard_reply(guard_of(c), reply_bytes);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)rp->status, r);
	MHD_destroy_response(r);
	return ok;
}

static void reply_free(struct srv_reply *rp)
{
	free(rp->text);
	rp->text = NULL;
	if (rp->body)
		json_decref(rp->body);
	if (rp->file_fd >= 0)
		close(rp->file_fd);
	if (rp->stream_read && rp->stream_free)
		rp->stream_free(rp->stream_arg);
	rp->stream_read = NULL;
	rp->body = NULL;
	rp->file_fd = -1;
}

/* A refusal decided from the headers alone (401, 403, 404, 405, 413, an
 * upload's 404/409): answered at once, on the first call, and the connection
 * closed after it. libmicrohttpd then discards the body instead of reading
 * it, so a client that may not send a body cannot make the service read one
 * (a client still sending sees the answer, and libcurl stops). Takes
 * ownership of rp's body. */
static enum MHD_Result answer_early(struct MHD_Connection *c, struct http_req *hr,
				    struct srv_reply *rp)
{
	connguard_linger(guard_of(c));
	hr->answered = 1;
	enum MHD_Result ok = send_reply(c, hr, rp, 1);
	reply_free(rp);
	return ok;
}

static enum MHD_Result answer_problem(struct MHD_Connection *c, struct http_req *hr, int status,
				      const char *code, const char *detail, int retry_after)
{
	struct srv_reply rp = { .file_fd = -1 };
	srv_problem(&rp, status, code, NULL, "%s", detail);
	rp.retry_after = retry_after;
	return answer_early(c, hr, &rp);
}

/* --------------------------------------------------------------- uploads */

/* libmicrohttpd's post processor hands each piece of a part to upload.c. */
static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct http_req *hr = cls;
	const struct srv_config *cfg = &hr->rq.ctx->cfg;
	return upload_take(&hr->form, cfg->data_dir, cfg->max_upload, key, filename, data, off,
			   size) == 0 ? MHD_YES : MHD_NO;
}

/* --------------------------------------------------------- deferred steps */

static int misuse(struct srv_reply *rp)
{
	srv_problem(rp, 500, "internal", NULL, "a step cannot be deferred here");
	return -1;
}

int srv_defer_work(struct srv_req *rq, struct srv_reply *rp, void (*work)(void *arg), void *arg)
{
	struct http_req *hr = (struct http_req *)rq; /* rq is its first member */
	if (hr->defer != DEFER_NONE)
		return misuse(rp);
	hr->defer = DEFER_WORK;
	hr->defer_fn = work;
	hr->defer_arg = arg;
	return 0;
}

int srv_defer_delay(struct srv_req *rq, struct srv_reply *rp, long ms)
{
	struct http_req *hr = (struct http_req *)rq;
	if (hr->defer != DEFER_NONE)
		return misuse(rp);
	hr->defer = DEFER_DELAY;
	hr->defer_ms = ms;
	return 0;
}

static void step_work(void *arg)
{
	struct http_req *hr = arg;
	hr->defer_fn(hr->defer_arg);
}

/* The step ran (or was dropped): let libmicrohttpd call on_request again. */
static void step_done(void *arg, int ran)
{
	struct http_req *hr = arg;
	hr->step_dropped = !ran;
	hr->resumed = 1;
	MHD_resume_connection(hr->rq.conn);
}

/* Suspends the connection (its thread serves others), then hands the step
 * to the pool or the timer; in that order, so the resume can never come
 * first. When neither takes it, the connection resumes at once for a 503. */
static enum MHD_Result defer_step(struct MHD_Connection *c, struct http_req *hr)
{
	int kind = hr->defer;
	hr->defer = DEFER_NONE;
	MHD_suspend_connection(c);
	int rc = kind == DEFER_WORK ? defer_work(step_work, step_done, hr)
				    : defer_after(hr->defer_ms, step_done, hr);
	if (rc != 0)
		step_done(hr, 0);
	return MHD_YES;
}

/* -------------------------------------------------------------- dispatch */

static void header_copy(struct MHD_Connection *c, const char *name, char *dst, size_t len,
			int *present)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
	if (present)
		*present = v != NULL;
	snprintf(dst, len, "%s", v ? v : "");
}

static void client_ip(struct MHD_Connection *c, char *buf, size_t len)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(buf, len, "?");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, buf,
			  (socklen_t)len);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
			  buf, (socklen_t)len);
}

/* One run of a write's step in its transaction: 1 when it met a deadlock
 * between concurrent writers (PostgreSQL) and was rolled back to run again.
 * The Idempotency-Key is claimed first: a second request with the key waits
 * for the first and replays its answer. A step that defers (a password to
 * hash) commits what it wrote (a failure it counted stands) but not the
 * claim; the step that answers claims the key again and keeps its answer. */
static int dispatch_write(struct http_req *hr, struct srv_reply *rp, int idem)
{
	struct srv_req *rq = &hr->rq;
	if (store_begin(rq->st) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "store busy");
		return 0;
	}
	char digest[65];
	if (idem) {
		idem_digest(hr->body, hr->len, (hr->route->flags & ROUTE_UPLOAD) ? &hr->form : NULL,
			    digest);
		int rc = idem_replay(rq, digest, rp);
		if (rc != 0) {
			int again = rc < 0 && store_retryable(rq->st);
			store_rollback(rq->st);
			return again;
		}
	}
	hr->route->handler(rq, rp);
	if (rp->status >= 400) {
		hr->defer = DEFER_NONE; /* a misused step: the 500 goes out */
		int again = rp->status >= 500 && store_retryable(rq->st);
		store_rollback(rq->st);
		return again;
	}
	if (hr->defer == DEFER_NONE && idem && idem_record(rq, digest, rp) != 0) {
		store_rollback(rq->st);
		return 0;
	}
	if (hr->defer != DEFER_NONE && idem && idem_release(rq, rp) != 0) {
		int again = store_retryable(rq->st);
		store_rollback(rq->st);
		hr->defer = DEFER_NONE;
		return again;
	}
	if (store_commit(rq->st) != STORE_OK) {
		int again = store_retryable(rq->st);
		store_rollback(rq->st);
		hr->defer = DEFER_NONE;
		srv_problem(rp, 500, "internal", NULL, "commit failed");
		return again;
	}
	return 0;
}

/* Runs the handler; writes run in one transaction per step with idempotent
 * replay, again (a few times) when concurrent writers deadlocked. */
static void dispatch(struct http_req *hr, struct srv_reply *rp)
{
	struct srv_req *rq = &hr->rq;
	/* every write with a key replays its first answer: a decision resent
	 * after a lost reply must not meet its own new version as a 412 */
	int idem = rq->authed && rq->idem_key[0] && strcmp(rq->method, "GET") != 0;

	if (!(hr->route->flags & ROUTE_WRITE)) {
		hr->route->handler(rq, rp);
		return;
	}
	if (strlen(rq->idem_key) > 64) {
		srv_problem(rp, 422, "invalid_field", "Idempotency-Key", "at most 64 characters");
		return;
	}
	void *state = rq->step_state;
	for (int attempt = 0; dispatch_write(hr, rp, idem) && attempt < 4; attempt++) {
		reply_free(rp);
		*rp = (struct srv_reply){ .file_fd = -1 };
		/* the rolled-back run's deferral goes with it */
		hr->defer = DEFER_NONE;
		if (rq->step_state != state) {
			if (rq->step_free)
				rq->step_free(rq->step_state);
			rq->step_state = state;
		}
	}
}

/* First call: route, authenticate, authorise; answers early when refused. */
static enum MHD_Result first_call(struct srv_ctx *ctx, struct MHD_Connection *c,
				  struct http_req *hr)
{
	struct srv_req *rq = &hr->rq;
	int known = 0;

	hr->route = router_match(hr->method, hr->path, rq, &known);
	if (!hr->route)
		return known ? answer_problem(c, hr, 405, "method_not_allowed",
					      "method not allowed here", 0)
			     : answer_problem(c, hr, 404, "not_found", "no such resource", 0);
	rq->st = srv_store(ctx);
	if (!rq->st)
		return answer_problem(c, hr, 500, "internal", "store unavailable", 0);
	if (!(hr->route->flags & ROUTE_PUBLIC)) {
		const char *a = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							    MHD_HTTP_HEADER_AUTHORIZATION);
		if (auth_bearer(rq->st, a, &rq->user, &rq->session_id) != 0)
			return answer_problem(c, hr, 401, "unauthorized",
					      "log in first (Authorization: Bearer TOKEN)", 0);
		rq->authed = 1;
		if (!(hr->route->roles & rq->user.role_bit))
			return answer_problem(c, hr, 403, "forbidden",
					      "your role may not do this", 0);
		if (!(hr->route->flags & ROUTE_ENROL) && totp_enrolment_due(rq))
			return answer_problem(c, hr, 403, "totp_enrolment_required",
					      "enrol a second factor first (POST /me/totp)", 0);
	}
	if (!(hr->route->flags & ROUTE_UPLOAD)) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > ctx->cfg.max_json)
			return answer_problem(c, hr, 413, "too_large", "JSON body too large", 0);
	}
	const struct route_upload *ru = router_upload(hr->route);
	if (ru) {
		/* Refuse before a single byte reaches the disk when the caller may
		 * not send this upload at all. */
		struct srv_reply pre = { .file_fd = -1 };
		if (ru->precheck && ru->precheck(rq, &pre) != 0)
			return answer_early(c, hr, &pre);
		reply_free(&pre);
		upload_init(&hr->form, ru->rule);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		/* A declared length far over the cap is refused before reading. */
		if (cl && strtoull(cl, NULL, 10) >
				  ctx->cfg.max_upload * (uint64_t)ru->rule->max_files + 16384)
			return answer_problem(c, hr, 413, "too_large", "file exceeds the upload limit",
					      0);
		hr->pp = MHD_create_post_processor(c, 64 * 1024, post_iter, hr);
		if (!hr->pp)
			return answer_problem(c, hr, 415, "unsupported_type",
					      "send multipart/form-data", 0);
	}
	return MHD_YES;
}

/* Once the body is in: uploads finished and typed, JSON parsed. 0 when the
 * handler may run, else the refusal is in rp. */
static int request_ready(struct srv_ctx *ctx, struct http_req *hr, struct srv_reply *rp)
{
	if (hr->pp) {
		MHD_destroy_post_processor(hr->pp);
		hr->pp = NULL;
		int most = hr->form.rule->max_files;
		if (hr->form.file_parts > most)
			return most == 1 ? srv_problem(rp, 400, "invalid_field", "file",
						       "send one file per upload")
					 : srv_problem(rp, 400, "invalid_field", "file",
						       "at most %d files per upload", most);
		if (!hr->form.too_large && !hr->bad_upload)
			upload_finish(&hr->form);
	}
	if (hr->too_large)
		return srv_problem(rp, 413, "too_large", NULL, "JSON body over %llu bytes",
				   (unsigned long long)ctx->cfg.max_json);
	if (hr->form.too_large)
		return srv_problem(rp, 413, "too_large", "file",
				   "file exceeds the upload limit of %llu bytes",
				   (unsigned long long)ctx->cfg.max_upload);
	if (hr->bad_upload)
		return srv_problem(rp, 400, "invalid_field", "file", "malformed multipart upload");
	if (hr->len > 0) {
		json_error_t je;
		hr->rq.body = json_loadb(hr->body, hr->len, 0, &je);
		if (!hr->rq.body)
			return srv_problem(rp, 400, "invalid_json", NULL, "line %d: %s", je.line,
					   je.text);
	}
	return 0;
}

/* The body's size for its deadline: Content-Length, or the largest body
 * any route takes when it is sent chunked. */
static uint64_t declared_body(struct srv_ctx *ctx, struct MHD_Connection *c)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl)
		return strtoull(cl, NULL, 10);
	if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		return ctx->cfg.max_upload > ctx->cfg.max_json ? ctx->cfg.max_upload
							       : ctx->cfg.max_json;
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct srv_ctx *ctx = cls;
	struct http_req *hr = *con_cls;

	if (!hr) {
		hr = calloc(1, sizeof *hr);
		if (!hr)
			return MHD_NO;
		atomic_fetch_add(&inflight, 1);
		*con_cls = hr;
		clock_gettime(CLOCK_MONOTONIC, &hr->t0);
		upload_init(&hr->form, &upload_rule_material);
		snprintf(hr->method, sizeof hr->method, "%s", method);
		snprintf(hr->path, sizeof hr->path, "%s", url);
		hr->rq.ctx = ctx;
		hr->rq.method = hr->method;
		hr->rq.path = hr->path;
		hr->rq.conn = c;
		hr->rq.form = &hr->form;
		hr->rq.upload = &hr->form.files[0];
		header_copy(c, "If-Match", hr->rq.if_match, sizeof hr->rq.if_match,
			    &hr->rq.has_if_match);
		header_copy(c, "Idempotency-Key", hr->rq.idem_key, sizeof hr->rq.idem_key, NULL);
		client_ip(c, hr->rq.ip, sizeof hr->rq.ip);
		connguard_head_done(guard_of(c), declared_body(ctx, c));
		return first_call(ctx, c, hr);
	}
	if (hr->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size > 0 && (hr->too_large || hr->form.too_large || hr->bad_upload)) {
		/* Past a cap (or broken): the 413/400 goes out at the body's end,
		 * as libmicrohttpd cannot answer in the middle of one; a little
		 * more is read and dropped, then the connection is cut. */
		hr->dropped += *upload_size;
		*upload_size = 0;
		return hr->dropped > DROP_MAX ? MHD_NO : MHD_YES;
	}
	if (*upload_size > 0) {
		if (hr->pp) {
			if (MHD_post_process(hr->pp, upload_data, *upload_size) != MHD_YES &&
			    !hr->form.too_large)
				hr->bad_upload = 1;
		} else if (!hr->too_large) {
			if (hr->len + *upload_size > ctx->cfg.max_json) {
				hr->too_large = 1; /* 413 at the end */
				*upload_size = 0;
				return MHD_YES;
			}
			if (hr->len + *upload_size + 1 > hr->cap) {
				size_t ncap = (hr->len + *upload_size + 1) * 2;
				char *nb = realloc(hr->body, ncap);
				if (!nb)
					return MHD_NO;
				hr->body = nb;
				hr->cap = ncap;
			}
			memcpy(hr->body + hr->len, upload_data, *upload_size);
			hr->len += *upload_size;
			hr->body[hr->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}

	struct srv_reply rp = { .file_fd = -1 };
	if (hr->resumed) {
		/* A deferred step is done: the handler goes on. */
		hr->resumed = 0;
		if (hr->step_dropped) {
			srv_problem(&rp, 503, "unavailable", NULL, "busy: try again in a second");
			rp.retry_after = 1;
		} else {
			hr->rq.step++;
			dispatch(hr, &rp);
		}
	} else {
		/* The whole request is in. */
		connguard_body_done(guard_of(c));
		if (request_ready(ctx, hr, &rp) == 0)
			dispatch(hr, &rp);
	}
	if (hr->defer != DEFER_NONE)
		return defer_step(c, hr);
	enum MHD_Result ok = send_reply(c, hr, &rp, 0);
	reply_free(&rp);
	hr->answered = 1;
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_req *hr = *con_cls;
	struct timespec t1;
	if (!hr)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - hr->t0.tv_sec) * 1000 + (t1.tv_nsec - hr->t0.tv_nsec) / 1000000;
	log_request(hr->method, hr->path, hr->status ? hr->status : 499, ms);
	if (hr->pp)
		MHD_destroy_post_processor(hr->pp);
	upload_cleanup(&hr->form);
	if (hr->rq.body)
		json_decref(hr->rq.body);
	if (hr->rq.step_state && hr->rq.step_free)
		hr->rq.step_free(hr->rq.step_state);
	free(hr->body);
	free(hr);
	*con_cls = NULL;
	atomic_fetch_sub(&inflight, 1);
	connguard_request_done(guard_of(c));
}

/* Every connection costs a descriptor (and a lingering one may too): raise
 * the soft limit to what --max-connections needs, or lower the connection
 * limit to what the hard limit allows. */
static void raise_fd_limit(struct srv_ctx *ctx)
{
	struct rlimit rl;
	const rlim_t spare = CONNGUARD_LINGER_MAX + 256; /* lingering, store, files */
	rlim_t want = (rlim_t)ctx->cfg.max_connections + spare;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < want) {
		int fit = rl.rlim_cur > spare + 16 ? (int)(rl.rlim_cur - spare) : 16;
		log_msg("anzhid: only %llu open files allowed: at most %d connections",
			(unsigned long long)rl.rlim_cur, fit);
		ctx->cfg.max_connections = fit;
	}
}

/* libmicrohttpd's own messages (failed handshakes, dropped connections)
 * become log lines, at most one of a kind every 10 s: a flood of bad
 * connections must not become a flood of log lines. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	log_vmsg_throttled(fmt, ap, 10);
}

int http_start(struct srv_ctx *ctx, const struct tls_identity *id, struct http_server **out,
	       int *port, char *err, size_t errlen)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)ctx->cfg.port) };
	struct http_server *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (inet_pton(AF_INET, ctx->cfg.listen_host, &sin.sin_addr) != 1) {
		snprintf(err, errlen, "--listen: '%s' is not an IPv4 address", ctx->cfg.listen_host);
		free(s);
		return -1;
	}
	s->ctx = ctx;
	raise_fd_limit(ctx);
	struct connguard_config gc = { .head_ms = ctx->cfg.head_timeout * 1000L,
				       .body_ms = ctx->cfg.body_timeout * 1000L,
				       .min_rate = ctx->cfg.min_body_rate };
	if (connguard_start(&gc) != 0) {
		snprintf(err, errlen, "could not start the connection watchdog");
		free(s);
		return -1;
	}
	if (defer_start(HASH_THREADS, HASH_QUEUE) != 0) {
		connguard_stop();
		snprintf(err, errlen, "could not start the hashing pool");
		free(s);
		return -1;
	}
	s->d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TLS | MHD_ALLOW_SUSPEND_RESUME |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, on_request, ctx, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
		MHD_OPTION_HTTPS_MEM_KEY, id->key_pem, MHD_OPTION_HTTPS_MEM_CERT, id->cert_pem,
		MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)ctx->cfg.threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
		on_connection, NULL, MHD_OPTION_CONNECTION_LIMIT, (unsigned)ctx->cfg.max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)ctx->cfg.max_connections_per_ip,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
	if (!s->d) {
		defer_stop();
		connguard_stop();
		snprintf(err, errlen, "could not listen on %s:%d", ctx->cfg.listen_host,
			 ctx->cfg.port);
		free(s);
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	*port = di ? di->port : ctx->cfg.port;
	*out = s;
	return 0;
}

int http_stop(struct http_server *s)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	MHD_socket lfd = MHD_quiesce_daemon(s->d); /* no new connections */
	/* Requests under way finish and are answered (bounded: --drain-seconds). */
	for (int i = 0; i < s->ctx->cfg.drain_seconds * 50 && atomic_load(&inflight) > 0; i++)
		nanosleep(&pause, NULL);
	int cut = atomic_load(&inflight);
	defer_stop(); /* every suspended connection is resumed before the stop */
	MHD_stop_daemon(s->d);
	connguard_stop();
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd); /* quiescing handed the listening socket to us */
	free(s);
	return cut;
}
