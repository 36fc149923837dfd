/* cli_http: the command-line verbs' requests (anzhi verify, login, review,
 * tax export) — one blocking transfer at a time with the client's server and
 * TLS settings (pin, CA file), the session's token, If-Match and an
 * Idempotency-Key; the full-screen client uses net.c's multi handle instead. */
#ifndef ANZHI_CLIENT_CLI_HTTP_H
#define ANZHI_CLIENT_CLI_HTTP_H

#include <stddef.h>

#include "client/config.h"

struct cli_http {
	long status;          /* 0 when no answer came (err says why) */
	char *body;           /* NUL-terminated, malloc'd */
	size_t len;
	char etag[40];        /* the ETag header, or "" */
	char err[256];
};

struct cli_http_req {
	const char *method;   /* "GET" when NULL */
	const char *path;     /* after /api/v1 */
	const char *token;    /* Authorization: Bearer, or NULL */
	const char *body;     /* JSON, or NULL */
	const char *if_match; /* a version's ETag ("\"7\""), or NULL */
	const char *idem_key; /* Idempotency-Key, or NULL */
};

/* One request to {server}/api/v1{path}; 0 when an answer came (any status). */
int cli_http_call(const struct config *c, const struct cli_http_req *rq, struct cli_http *r);
/* GET {server}/api/v1{path} without a session. */
int cli_http_get(const struct config *c, const char *path, struct cli_http *r);
void cli_http_free(struct cli_http *r);

#endif
