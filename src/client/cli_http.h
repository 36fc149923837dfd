/* cli_http: one blocking GET for the command-line verbs (anzhi verify) with
 * the client's server and TLS settings (pin, CA file); the full-screen client
 * uses net.c's multi handle instead. */
#ifndef ANZHI_CLIENT_CLI_HTTP_H
#define ANZHI_CLIENT_CLI_HTTP_H

#include <stddef.h>

#include "client/config.h"

struct cli_http {
	long status;          /* 0 when no answer came (err says why) */
	char *body;           /* NUL-terminated, malloc'd */
	size_t len;
	char err[256];
};

/* GET {server}/api/v1{path}; 0 when an answer came (any status). */
int cli_http_get(const struct config *c, const char *path, struct cli_http *r);
void cli_http_free(struct cli_http *r);

#endif
