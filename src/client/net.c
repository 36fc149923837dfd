/* net: curl multi transfers with retry and cancel.  One handle per request;
 * finished ones are collected with curl_multi_info_read and delivered after the
 * handle left the multi, so a callback may start or cancel other requests. */
#include "client/net.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/xalloc.h"

enum { NET_MAX_TRIES = 3 };

struct xfer {
	struct xfer *next;
	int id;
	CURL *easy;
	struct curl_slist *hdrs;
	curl_mime *mime;
	char *body_in;
	char *url, *method;
	char *buf;                 /* response body */
	size_t len, cap;
	FILE *out;                 /* download target */
	char *etag, *ctype;
	long retry_after;
	char errbuf[CURL_ERROR_SIZE];
	struct net_req rq;         /* strings owned below for retries */
	char *hdr_copy[8];
	char *upload_file, *upload_kind, *upload_field, *upload_fields, *download_to;
	char *upload_more[8];
	bool multipart;            /* a multipart body (upload_kind, _file or _fields) */
	int tries;
	double due;                /* monotonic seconds when a retry may start; 0 = running */
	bool in_multi;
	long long now_b, total_b;
	net_done_fn done;
	void *ctx;
};

struct net {
	CURLM *multi;
	struct xfer *list;
	int next_id;
	char *pin, *cafile;
};

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct net *net_new(const struct net_tls *tls)
{
	struct net *n = xcalloc(1, sizeof *n);
	n->multi = curl_multi_init();
	if (!n->multi) {
		free(n);
		return NULL;
	}
	n->next_id = 1;
	if (tls && tls->pin && *tls->pin)
		n->pin = xstrdup(tls->pin);
	if (tls && tls->cafile && *tls->cafile)
		n->cafile = xstrdup(tls->cafile);
	return n;
}

static size_t on_body(char *p, size_t sz, size_t nm, void *ud)
{
	struct xfer *x = ud;
	size_t n = sz * nm;
	if (x->out)
		return fwrite(p, 1, n, x->out);
	if (x->len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 4096;
		while (cap < x->len + n + 1)
			cap *= 2;
		x->buf = xrealloc(x->buf, cap);
		x->cap = cap;
	}
	memcpy(x->buf + x->len, p, n);
	x->len += n;
	x->buf[x->len] = '\0';
	return n;
}

static char *header_value(const char *p, size_t n, const char *name)
{
	size_t k = strlen(name);
	if (n <= k + 1 || strncasecmp(p, name, k) != 0 || p[k] != ':')
		return NULL;
	p += k + 1;
	n -= k + 1;
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n && (p[n - 1] == '\r' || p[n - 1] == '\n' || p[n - 1] == ' '))
		n--;
	char *v = xmalloc(n + 1);
	memcpy(v, p, n);
	v[n] = '\0';
	return v;
}

static size_t on_header(char *p, size_t sz, size_t nm, void *ud)
{
	struct xfer *x = ud;
	size_t n = sz * nm;
	char *v;
	if ((v = header_value(p, n, "ETag"))) {
		free(x->etag);
		x->etag = v;
	} else if ((v = header_value(p, n, "Content-Type"))) {
		free(x->ctype);
		x->ctype = v;
	} else if ((v = header_value(p, n, "Retry-After"))) {
		x->retry_after = strtol(v, NULL, 10);
		free(v);
	}
	return n;
}

static int on_progress(void *ud, curl_off_t dlt, curl_off_t dln, curl_off_t ult, curl_off_t uln)
{
	struct xfer *x = ud;
	if (x->multipart) {
		x->now_b = uln;
		x->total_b = ult;
	} else {
		x->now_b = dln;
		x->total_b = dlt;
	}
	return 0;
}

/* The text parts of "name=value" lines (an import's source and as_of). */
static int add_fields(curl_mime *mime, const char *fields)
{
	for (const char *line = fields; line && *line;) {
		const char *end = strchr(line, '\n'), *eq = strchr(line, '=');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (!eq || eq > line + len)
			return -1;
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(eq - line), line);
		curl_mimepart *p = curl_mime_addpart(mime);
		curl_mime_name(p, name);
		curl_mime_data(p, eq + 1, len - (size_t)(eq + 1 - line));
		line += len + (end ? 1 : 0);
	}
	return 0;
}

static void xfer_reset_result(struct xfer *x)
{
	x->len = 0;
	if (x->buf)
		x->buf[0] = '\0';
	free(x->etag);
	free(x->ctype);
	x->etag = x->ctype = NULL;
	x->retry_after = 0;
	x->errbuf[0] = '\0';
	x->now_b = x->total_b = 0;
	if (x->out) {
		fclose(x->out);
		x->out = NULL;
	}
}

void net_tls_apply(CURL *e, const struct net_tls *tls)
{
	if (tls->pin) {
		/* the pin replaces CA trust: the demo's certificate is self-signed */
		curl_easy_setopt(e, CURLOPT_PINNEDPUBLICKEY, tls->pin);
		if (!tls->cafile) {
			curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
			curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
			/* nor read the system CA bundle it would not use: ~100 ms
			 * of every new connection (bench/load.c measured it) */
			curl_easy_setopt(e, CURLOPT_CAINFO, NULL);
			curl_easy_setopt(e, CURLOPT_CAPATH, NULL);
		}
	}
	if (tls->cafile)
		curl_easy_setopt(e, CURLOPT_CAINFO, tls->cafile);
}

/* (Re)builds the easy handle from the stored request and adds it to the multi. */
static bool xfer_launch(struct net *n, struct xfer *x)
{
	xfer_reset_result(x);
	if (x->easy) {
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
	}
	if (x->mime) {
		curl_mime_free(x->mime);
		x->mime = NULL;
	}
	if (x->download_to) {
		x->out = fopen(x->download_to, "wb");
		if (!x->out)
			return false;
	}
	CURL *e = curl_easy_init();
	if (!e)
		return false;
	x->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 10L);
	/* a dead link shows as an error, not an endless spinner */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 30L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "anzhi/" ANZHI_VERSION);
	net_tls_apply(e, &(struct net_tls){ n->pin, n->cafile });
	if (x->multipart) {
		x->mime = curl_mime_init(e);
		curl_mimepart *p = curl_mime_addpart(x->mime);
		curl_mime_name(p, x->upload_field ? x->upload_field : "kind");
		curl_mime_data(p, x->upload_kind ? x->upload_kind : "other", CURL_ZERO_TERMINATED);
		if (add_fields(x->mime, x->upload_fields) != 0)
			return false;
		for (int i = -1; i < 8; i++) {
			const char *f = i < 0 ? x->upload_file : x->upload_more[i];
			if (!f)
				continue;
			p = curl_mime_addpart(x->mime);
			curl_mime_name(p, "file");
			if (curl_mime_filedata(p, f) != CURLE_OK)
				return false;
		}
		curl_easy_setopt(e, CURLOPT_MIMEPOST, x->mime);
	} else if (strcmp(x->method, "GET") != 0) {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, x->method);
		if (x->body_in) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body_in);
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(x->body_in));
		} else if (strcmp(x->method, "POST") == 0 || strcmp(x->method, "PUT") == 0) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, 0L);
		}
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	if (curl_multi_add_handle(n->multi, e) != CURLM_OK)
		return false;
	x->in_multi = true;
	x->due = 0;
	x->tries++;
	return true;
}

static void xfer_free(struct xfer *x)
{
	if (x->easy)
		curl_easy_cleanup(x->easy);
	if (x->mime)
		curl_mime_free(x->mime);
	curl_slist_free_all(x->hdrs);
	if (x->out)
		fclose(x->out);
	for (int i = 0; i < 8; i++)
		free(x->hdr_copy[i]);
	free(x->body_in);
	free(x->url);
	free(x->method);
	free(x->buf);
	free(x->etag);
	free(x->ctype);
	free(x->upload_file);
	free(x->upload_kind);
	free(x->upload_fields);
	free(x->upload_field);
	for (int i = 0; i < 8; i++)
		free(x->upload_more[i]);
	free(x->download_to);
	free(x);
}

int net_start(struct net *n, const struct net_req *rq, net_done_fn done, void *ctx)
{
	struct xfer *x = xcalloc(1, sizeof *x);
	x->id = n->next_id++;
	x->url = xstrdup(rq->url);
	x->method = xstrdup(rq->method ? rq->method : "GET");
	x->body_in = rq->body ? xstrdup(rq->body) : NULL;
	for (int i = 0; i < 8 && rq->headers[i]; i++)
		x->hdrs = curl_slist_append(x->hdrs, rq->headers[i]);
	if (rq->body)
		x->hdrs = curl_slist_append(x->hdrs, "Content-Type: application/json");
	x->hdrs = curl_slist_append(x->hdrs, "Accept: application/json");
	x->hdrs = curl_slist_append(x->hdrs, "Expect:");
	x->rq.retry = rq->retry;
	x->upload_file = rq->upload_file ? xstrdup(rq->upload_file) : NULL;
	x->upload_kind = rq->upload_kind ? xstrdup(rq->upload_kind) : NULL;
	x->upload_fields = rq->upload_fields ? xstrdup(rq->upload_fields) : NULL;
	x->upload_field = rq->upload_field ? xstrdup(rq->upload_field) : NULL;
	for (int i = 0; i < 8 && rq->upload_more[i]; i++)
		x->upload_more[i] = xstrdup(rq->upload_more[i]);
	x->multipart = rq->upload_file || rq->upload_kind || rq->upload_fields;
	x->download_to = rq->download_to ? xstrdup(rq->download_to) : NULL;
	x->done = done;
	x->ctx = ctx;
	if (!xfer_launch(n, x)) {
		xfer_free(x);
		return 0;
	}
	x->next = n->list;
	n->list = x;
	return x->id;
}

static struct xfer *find(const struct net *n, int id)
{
	for (struct xfer *x = n->list; x; x = x->next)
		if (x->id == id)
			return x;
	return NULL;
}

static void unlink_xfer(struct net *n, struct xfer *x)
{
	for (struct xfer **pp = &n->list; *pp; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			return;
		}
}

static void deliver(struct net *n, struct xfer *x, bool cancelled, CURLcode cc)
{
	if (x->in_multi) {
		curl_multi_remove_handle(n->multi, x->easy);
		x->in_multi = false;
	}
	if (x->out) {
		fclose(x->out);
		x->out = NULL;
	}
	unlink_xfer(n, x);
	struct net_result r = { 0 };
	r.cancelled = cancelled;
	r.curl_code = cc;
	if (!cancelled && cc == CURLE_OK)
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r.status);
	r.curl_error = x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc);
	r.body = x->buf ? x->buf : "";
	r.body_len = x->len;
	r.etag = x->etag;
	r.content_type = x->ctype;
	r.retry_after = x->retry_after;
	if (x->done)
		x->done(x->ctx, x->id, &r);
	xfer_free(x);
}

void net_cancel(struct net *n, int id)
{
	struct xfer *x = find(n, id);
	if (x)
		deliver(n, x, true, CURLE_ABORTED_BY_CALLBACK);
}

bool net_busy(const struct net *n)
{
	return n->list != NULL;
}

bool net_progress(const struct net *n, int id, long long *now, long long *total)
{
	const struct xfer *x = find(n, id);
	if (!x)
		return false;
	*now = x->now_b;
	*total = x->total_b;
	return true;
}

int net_wait(struct net *n, struct curl_waitfd *extra, unsigned nextra, int timeout_ms)
{
	double t = mono();
	for (struct xfer *x = n->list; x; x = x->next)
		if (!x->in_multi && x->due > 0) {
			int ms = (int)((x->due - t) * 1000.0) + 1;
			if (ms < 0)
				ms = 0;
			if (timeout_ms < 0 || ms < timeout_ms)
				timeout_ms = ms;
		}
	int numfds = 0;
	if (curl_multi_poll(n->multi, extra, nextra, timeout_ms < 0 ? 24 * 3600 * 1000 : timeout_ms,
			    &numfds) != CURLM_OK)
		return -1;
	return numfds;
}

void net_wakeup(struct net *n)
{
	curl_multi_wakeup(n->multi);
}

/* Transport failures worth another try; TLS and pin failures are not. */
static bool transient(CURLcode cc)
{
	return cc == CURLE_COULDNT_CONNECT || cc == CURLE_OPERATION_TIMEDOUT ||
	       cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR || cc == CURLE_GOT_NOTHING ||
	       cc == CURLE_PARTIAL_FILE;
}

void net_perform(struct net *n)
{
	int running = 0;
	curl_multi_perform(n->multi, &running);
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(n->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct xfer *x = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		CURLcode cc = m->data.result;
		long status = 0;
		if (cc == CURLE_OK)
			curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
		bool again = x->rq.retry && x->tries < NET_MAX_TRIES &&
			     (transient(cc) || status >= 500 || status == 429);
		if (again) {
			curl_multi_remove_handle(n->multi, x->easy);
			x->in_multi = false;
			/* backoff 0.4 s, 1.2 s; Retry-After wins when the server sent one */
			double wait = x->tries == 1 ? 0.4 : 1.2;
			if (status == 429 && x->retry_after > 0 && x->retry_after < 10)
				wait = (double)x->retry_after;
			x->due = mono() + wait;
			continue;
		}
		/* info_read results stay valid until the next multi call: deliver after */
		deliver(n, x, false, cc);
	}
	/* start due retries; a failed start is delivered, and since a callback may
	 * start or cancel others the list is walked afresh after each delivery */
	double t = mono();
	for (bool again = true; again;) {
		again = false;
		for (struct xfer *x = n->list; x; x = x->next)
			if (!x->in_multi && x->due > 0 && x->due <= t && !xfer_launch(n, x)) {
				deliver(n, x, false, CURLE_FAILED_INIT);
				again = true;
				break;
			}
	}
	if (n->list)
		curl_multi_perform(n->multi, &running);
}

void net_free(struct net *n)
{
	if (!n)
		return;
	while (n->list)
		net_cancel(n, n->list->id);
	curl_multi_cleanup(n->multi);
	free(n->pin);
	free(n->cafile);
	free(n);
}
