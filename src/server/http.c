/* http — the only file that speaks libmicrohttpd. Per request: match the
 * route on the first call (404/405/401/403 decided before any body is read),
 * accumulate a JSON body under a size cap or stream a multipart upload to a
 * temporary file, then run the handler — inside one write transaction for
 * writes, with idempotent replay — and log one line. */
#include "server/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "server/auth.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/router.h"
#include "server/store.h"

struct http_server {
	struct MHD_Daemon *d;
	struct srv_ctx *ctx;
};

static atomic_int inflight;

struct http_req {
	struct srv_req rq;
	const struct route *route;
	char method[8];
	char path[512];
	char *body;
	size_t len, cap;
	int too_large;
	int answered;      /* refused early: the rest of the body is dropped */
	int has_deferred;  /* …and this refusal goes out once it is drained */
	struct srv_reply deferred;
	int bad_upload;    /* the multipart body could not be parsed */
	int status;
	struct MHD_PostProcessor *pp;
	struct srv_upload up;
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

/* ---------------------------------------------------------------- replies */

static enum MHD_Result send_reply(struct MHD_Connection *c, struct http_req *hr,
				  struct srv_reply *rp)
{
	struct MHD_Response *r;
	if (rp->file_fd >= 0) {
		r = MHD_create_response_from_fd64(rp->file_size, rp->file_fd);
		rp->file_fd = -1;
	} else if (rp->stream_read) {
		_Static_assert(SRV_STREAM_END == MHD_CONTENT_READER_END_OF_STREAM &&
				       SRV_STREAM_ERROR == MHD_CONTENT_READER_END_WITH_ERROR,
			       "srv.h's stream ends are libmicrohttpd's");
		r = MHD_create_response_from_callback(rp->stream_size, 64 * 1024, rp->stream_read,
						      rp->stream_arg, rp->stream_free);
		if (r)
			rp->stream_read = NULL; /* the response frees it now */
	} else if (rp->text) {
		r = MHD_create_response_from_buffer(rp->text_len, rp->text, MHD_RESPMEM_MUST_FREE);
		if (r) {
			rp->text = NULL; /* the response owns it now */
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
						"application/json; charset=utf-8");
		}
	} else if (rp->body) {
		char *txt = json_dumps(rp->body, JSON_COMPACT);
		if (!txt)
			txt = strdup("{}");
		r = MHD_create_response_from_buffer(strlen(txt), txt, MHD_RESPMEM_MUST_FREE);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
						rp->problem ? "application/problem+json"
							    : "application/json; charset=utf-8");
	} else {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	if (!r)
		return MHD_NO;
	if (rp->file_fd < 0 && rp->content_type[0])
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rp->content_type);
	if (rp->etag[0])
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, rp->etag);
	if (rp->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof ra, "%d", rp->retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	hr->status = rp->status;
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

/* A refusal before the body is read. With "Expect: 100-continue" (or no body)
 * it goes out at once and the body is never sent. Otherwise the client is
 * already sending: answering and closing now could reset the connection
 * before it reads the answer, so the body is drained (never stored) and the
 * refusal sent at its end. Takes ownership of rp's body. */
static enum MHD_Result answer_early(struct MHD_Connection *c, struct http_req *hr,
				    struct srv_reply *rp)
{
	const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_TRANSFER_ENCODING);
	int has_body = (cl && strtoull(cl, NULL, 10) > 0) || te;
	hr->answered = 1;
	if (!has_body || (expect && strcasecmp(expect, "100-continue") == 0)) {
		enum MHD_Result ok = send_reply(c, hr, rp);
		reply_free(rp);
		return ok;
	}
	hr->deferred = *rp;
	hr->has_deferred = 1;
	return MHD_YES;
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

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct http_req *hr = cls;
	struct srv_upload *up = &hr->up;

	if (strcmp(key, "kind") == 0) {
		size_t have = strlen(up->kind);
		if (have + size >= sizeof up->kind)
			return MHD_YES; /* too long: left truncated, the handler refuses it */
		memcpy(up->kind + have, data, size);
		up->kind[have + size] = '\0';
		return MHD_YES;
	}
	if (strcmp(key, "file") != 0 || up->too_large)
		return MHD_YES;
	if (up->fd < 0) {
		/* Keep only the last path component, without control characters:
		 * the name is shown to people, never used as a path. */
		const char *base = filename ? filename : "";
		for (const char *q = base; *q; q++)
			if (*q == '/' || *q == '\\')
				base = q + 1;
		snprintf(up->filename, sizeof up->filename, "%s", base);
		for (char *q = up->filename; *q; q++)
			if ((unsigned char)*q < 0x20 || *q == 0x7f)
				*q = '_';
		snprintf(up->tmp_path, sizeof up->tmp_path, "%s/materials/upload.XXXXXX",
			 hr->rq.ctx->cfg.data_dir);
		up->fd = mkstemp(up->tmp_path);
		if (up->fd < 0)
			return MHD_NO;
		up->has_file = 1;
		up->hash_state = sodium_malloc(sizeof(crypto_generichash_state));
		if (!up->hash_state)
			return MHD_NO;
		crypto_generichash_init(up->hash_state, NULL, 0, 32);
	}
	if (up->size + size > hr->rq.ctx->cfg.max_upload) {
		up->too_large = 1;
		return MHD_NO;
	}
	if (up->nmagic < sizeof up->magic) {
		size_t take = sizeof up->magic - up->nmagic;
		if (take > size)
			take = size;
		memcpy(up->magic + up->nmagic, data, take);
		up->nmagic += take;
	}
	crypto_generichash_update(up->hash_state, (const unsigned char *)data, size);
	for (size_t done = 0; done < size;) {
		ssize_t w = write(up->fd, data + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return MHD_NO;
		done += (size_t)w;
	}
	up->size += size;
	return MHD_YES;
}

static void upload_finish(struct srv_upload *up)
{
	unsigned char h[32];
	if (up->hash_state) {
		crypto_generichash_final(up->hash_state, h, sizeof h);
		sodium_bin2hex(up->digest, sizeof up->digest, h, sizeof h);
		sodium_free(up->hash_state);
		up->hash_state = NULL;
	}
	/* Type by content, never by name. */
	static const struct {
		const unsigned char *magic;
		size_t n;
		const char *type;
	} kinds[] = {
		{ (const unsigned char *)"\xFF\xD8\xFF", 3, "image/jpeg" },
		{ (const unsigned char *)"\x89PNG\r\n\x1A\n", 8, "image/png" },
		{ (const unsigned char *)"%PDF-", 5, "application/pdf" },
	};
	up->content_type[0] = '\0';
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (up->nmagic >= kinds[i].n && memcmp(up->magic, kinds[i].magic, kinds[i].n) == 0)
			snprintf(up->content_type, sizeof up->content_type, "%s", kinds[i].type);
}

static void upload_cleanup(struct srv_upload *up)
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

/* One run of a write in its transaction: 1 when it met a deadlock between
 * concurrent writers (PostgreSQL) and was rolled back to run again. The
 * Idempotency-Key is claimed first: a second request with the key waits for
 * the first and replays its answer. */
static int dispatch_write(struct http_req *hr, struct srv_reply *rp, int idem)
{
	struct srv_req *rq = &hr->rq;
	if (store_begin(rq->st) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "store busy");
		return 0;
	}
	if (idem) {
		int status;
		char *body = NULL;
		int rc = store_idem_claim(rq->st, rq->user.id, rq->idem_key, (int64_t)time(NULL),
					  &status, &body);
		if (rc != STORE_NOTFOUND) {
			int again = rc == STORE_ERROR && store_retryable(rq->st);
			store_rollback(rq->st);
			if (rc != STORE_OK) {
				if (!again)
					srv_problem(rp, 500, "internal", NULL, "idempotency key");
				return again;
			}
			json_t *b = body[0] ? json_loads(body, JSON_DECODE_ANY, NULL) : NULL;
			free(body);
			srv_json(rp, status, b);
			json_t *ver = json_object_get(b, "version");
			if (json_is_integer(ver))
				srv_etag(rp, json_integer_value(ver));
			return 0;
		}
	}
	hr->route->handler(rq, rp);
	if (rp->status >= 400) {
		int again = rp->status >= 500 && store_retryable(rq->st);
		store_rollback(rq->st);
		return again;
	}
	if (idem) {
		char *txt = rp->body ? json_dumps(rp->body, JSON_COMPACT) : strdup("");
		int rc = txt ? store_idem_put(rq->st, rq->user.id, rq->idem_key, rp->status, txt,
					      (int64_t)time(NULL))
			     : STORE_ERROR;
		free(txt);
		if (rc != STORE_OK) {
			store_rollback(rq->st);
			srv_problem(rp, 500, "internal", NULL, "could not record the idempotency key");
			return 0;
		}
	}
	if (store_commit(rq->st) != STORE_OK) {
		int again = store_retryable(rq->st);
		store_rollback(rq->st);
		srv_problem(rp, 500, "internal", NULL, "commit failed");
		return again;
	}
	return 0;
}

/* Runs the handler; writes run in one transaction with idempotent replay,
 * again (a few times) when concurrent writers deadlocked. */
static void dispatch(struct http_req *hr, struct srv_reply *rp)
{
	struct srv_req *rq = &hr->rq;
	int idem = rq->authed && rq->idem_key[0] && strcmp(rq->method, "POST") == 0;

	if (!(hr->route->flags & ROUTE_WRITE)) {
		hr->route->handler(rq, rp);
		return;
	}
	if (strlen(rq->idem_key) > 64) {
		srv_problem(rp, 422, "invalid_field", "Idempotency-Key", "at most 64 characters");
		return;
	}
	for (int attempt = 0; dispatch_write(hr, rp, idem) && attempt < 4; attempt++) {
		reply_free(rp);
		*rp = (struct srv_reply){ .file_fd = -1 };
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
		if (auth_bearer(rq->st, a, &rq->user) != 0)
			return answer_problem(c, hr, 401, "unauthorized",
					      "log in first (Authorization: Bearer TOKEN)", 0);
		rq->authed = 1;
		if (!(hr->route->roles & rq->user.role_bit))
			return answer_problem(c, hr, 403, "forbidden",
					      "your role may not do this", 0);
	}
	if (!(hr->route->flags & ROUTE_UPLOAD)) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > ctx->cfg.max_json)
			return answer_problem(c, hr, 413, "too_large", "JSON body too large", 0);
	}
	if (hr->route->flags & ROUTE_UPLOAD) {
		/* Refuse before a single byte reaches the disk when the caller may
		 * not add to this placement at all. */
		struct srv_reply pre = { .file_fd = -1 };
		if (h_material_precheck(rq, &pre) != 0)
			return answer_early(c, hr, &pre);
		reply_free(&pre);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		/* A declared length far over the cap is refused before reading. */
		if (cl && strtoull(cl, NULL, 10) > ctx->cfg.max_upload + 16384)
			return answer_problem(c, hr, 413, "too_large", "file exceeds the upload limit",
					      0);
		hr->pp = MHD_create_post_processor(c, 64 * 1024, post_iter, hr);
		if (!hr->pp)
			return answer_problem(c, hr, 415, "unsupported_type",
					      "send multipart/form-data with kind and file", 0);
	}
	return MHD_YES;
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
		hr->up.fd = -1;
		snprintf(hr->method, sizeof hr->method, "%s", method);
		snprintf(hr->path, sizeof hr->path, "%s", url);
		hr->rq.ctx = ctx;
		hr->rq.method = hr->method;
		hr->rq.path = hr->path;
		hr->rq.conn = c;
		hr->rq.upload = &hr->up;
		header_copy(c, "If-Match", hr->rq.if_match, sizeof hr->rq.if_match,
			    &hr->rq.has_if_match);
		header_copy(c, "Idempotency-Key", hr->rq.idem_key, sizeof hr->rq.idem_key, NULL);
		client_ip(c, hr->rq.ip, sizeof hr->rq.ip);
		return first_call(ctx, c, hr);
	}
	if (hr->answered) {
		if (*upload_size == 0 && hr->has_deferred) {
			hr->has_deferred = 0;
			enum MHD_Result ok = send_reply(c, hr, &hr->deferred);
			reply_free(&hr->deferred);
			return ok;
		}
		*upload_size = 0; /* refused early: discard the rest */
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (hr->pp) {
			/* Past the cap (or broken) the rest is read and dropped: MHD
			 * cannot answer in the middle of a body, so the 413 follows
			 * at its end; nothing more reaches the disk. */
			if (!hr->up.too_large && !hr->bad_upload &&
			    MHD_post_process(hr->pp, upload_data, *upload_size) != MHD_YES &&
			    !hr->up.too_large)
				hr->bad_upload = 1;
		} else if (!hr->too_large) {
			if (hr->len + *upload_size > ctx->cfg.max_json) {
				hr->too_large = 1; /* the rest is dropped; 413 at the end */
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

	/* The whole request is in. */
	struct srv_reply rp = { .file_fd = -1 };
	if (hr->pp) {
		MHD_destroy_post_processor(hr->pp);
		hr->pp = NULL;
		if (hr->up.fd >= 0) {
			close(hr->up.fd);
			hr->up.fd = -1;
		}
		upload_finish(&hr->up);
	}
	if (hr->too_large) {
		srv_problem(&rp, 413, "too_large", NULL, "JSON body over %llu bytes",
			    (unsigned long long)ctx->cfg.max_json);
		goto send;
	}
	if (hr->up.too_large) {
		srv_problem(&rp, 413, "too_large", "file", "file exceeds the upload limit of %llu bytes",
			    (unsigned long long)ctx->cfg.max_upload);
		goto send;
	}
	if (hr->bad_upload) {
		srv_problem(&rp, 400, "invalid_field", "file", "malformed multipart upload");
		goto send;
	}
	if (hr->len > 0) {
		json_error_t je;
		hr->rq.body = json_loadb(hr->body, hr->len, 0, &je);
		if (!hr->rq.body) {
			srv_problem(&rp, 400, "invalid_json", NULL, "line %d: %s", je.line, je.text);
			goto send;
		}
	}
	dispatch(hr, &rp);
send:;
	enum MHD_Result ok = send_reply(c, hr, &rp);
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
	if (hr->has_deferred)
		reply_free(&hr->deferred);
	upload_cleanup(&hr->up);
	if (hr->rq.body)
		json_decref(hr->rq.body);
	free(hr->body);
	free(hr);
	*con_cls = NULL;
	atomic_fetch_sub(&inflight, 1);
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
	s->d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TLS | MHD_USE_ITC |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, on_request, ctx, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
		MHD_OPTION_HTTPS_MEM_KEY, id->key_pem, MHD_OPTION_HTTPS_MEM_CERT, id->cert_pem,
		MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)ctx->cfg.threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)60, MHD_OPTION_END);
	if (!s->d) {
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

void http_stop(struct http_server *s)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	MHD_socket lfd = MHD_quiesce_daemon(s->d); /* no new connections */
	/* Requests under way finish and are answered (bounded: 10 s). */
	for (int i = 0; i < 500 && atomic_load(&inflight) > 0; i++)
		nanosleep(&pause, NULL);
	MHD_stop_daemon(s->d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd); /* quiescing handed the listening socket to us */
	free(s);
}
