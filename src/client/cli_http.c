/* cli_http: see cli_http.h. */
#include "client/cli_http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/net.h"

enum { BODY_MAX = 4 << 20 };

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

int cli_http_get(const struct config *c, const char *path, struct cli_http *r)
{
	char url[1200];
	size_t n = strlen(c->server);
	memset(r, 0, sizeof *r);
	while (n && c->server[n - 1] == '/')
		n--;
	snprintf(url, sizeof url, "%.*s/api/v1%s", (int)n, c->server, path);
	CURL *e = curl_easy_init();
	if (!e) {
		snprintf(r->err, sizeof r->err, "curl_easy_init failed");
		return -1;
	}
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->err);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "anzhi/" ANZHI_VERSION);
	net_tls_apply(e, &(struct net_tls){ c->pin[0] ? c->pin : NULL,
					    c->cafile[0] ? c->cafile : NULL });
	CURLcode rc = curl_easy_perform(e);
	if (rc == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r->status);
	else if (!r->err[0])
		snprintf(r->err, sizeof r->err, "%s", curl_easy_strerror(rc));
	curl_easy_cleanup(e);
	if (!r->body)
		r->body = calloc(1, 1);
	return rc == CURLE_OK ? 0 : -1;
}

void cli_http_free(struct cli_http *r)
{
	free(r->body);
	r->body = NULL;
}
