/* cli_http: see cli_http.h. */
#include "client/cli_http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client/net.h"

enum { BODY_MAX = 64 << 20 };

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct cli_http *r = arg;
	size_t add = size * n;
	if (r->len + add > BODY_MAX)
		return 0;
	char *b = realloc(r->body, r->len + add + 1);
	if (!b)
		return 0;
	memcpy(b + r->len, data, add);
	r->body = b;
	r->len += add;
	r->body[r->len] = '\0';
	return add;
}

/* Keeps the ETag (a record's version, sent back as If-Match). */
static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct cli_http *r = arg;
	size_t len = size * n;
	if (len > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		const char *v = data + 5;
		size_t vlen = len - 5;
		while (vlen && (*v == ' ' || *v == '\t'))
			v++, vlen--;
		while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '))
			vlen--;
		if (vlen < sizeof r->etag)
			snprintf(r->etag, sizeof r->etag, "%.*s", (int)vlen, v);
	}
	return len;
}

/* "Name: value" into buf and onto the list; false when it does not fit. */
static bool add_header(struct curl_slist **h, const char *name, const char *value)
{
	char line[600];
	if (!value)
		return true;
	if ((size_t)snprintf(line, sizeof line, "%s: %s", name, value) >= sizeof line)
		return false;
	struct curl_slist *n = curl_slist_append(*h, line);
	if (!n)
		return false;
	*h = n;
	return true;
}

int cli_http_call(const struct config *c, const struct cli_http_req *rq, struct cli_http *r)
{
	char url[1200], auth[600];
	size_t n = strlen(c->server);
	struct curl_slist *h = NULL;
	memset(r, 0, sizeof *r);
	while (n && c->server[n - 1] == '/')
		n--;
	snprintf(url, sizeof url, "%.*s/api/v1%s", (int)n, c->server, rq->path);
	snprintf(auth, sizeof auth, "Bearer %s", rq->token ? rq->token : "");
	CURL *e = curl_easy_init();
	bool headers_ok = add_header(&h, "Authorization", rq->token ? auth : NULL) &&
			  add_header(&h, "Content-Type", rq->body ? "application/json" : NULL) &&
			  add_header(&h, "If-Match", rq->if_match) &&
			  add_header(&h, "Idempotency-Key", rq->idem_key);
	if (!e || !headers_ok) {
		snprintf(r->err, sizeof r->err, "could not prepare the request");
		curl_slist_free_all(h);
		if (e)
			curl_easy_cleanup(e);
		r->body = calloc(1, 1);
		return -1;
	}
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, rq->method ? rq->method : "GET");
	if (rq->body)
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, rq->body);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->err);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "anzhi/" ANZHI_VERSION);
	net_tls_apply(e, &(struct net_tls){ c->pin[0] ? c->pin : NULL,
					    c->cafile[0] ? c->cafile : NULL });
	CURLcode rc = curl_easy_perform(e);
	if (rc == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r->status);
	else if (!r->err[0])
		snprintf(r->err, sizeof r->err, "%s", curl_easy_strerror(rc));
	curl_easy_cleanup(e);
	curl_slist_free_all(h);
	if (!r->body)
		r->body = calloc(1, 1);
	return rc == CURLE_OK ? 0 : -1;
}

int cli_http_get(const struct config *c, const char *path, struct cli_http *r)
{
	return cli_http_call(c, &(struct cli_http_req){ .path = path }, r);
}

void cli_http_free(struct cli_http *r)
{
	free(r->body);
	r->body = NULL;
}
