/* http — libmicrohttpd + GnuTLS glue: starts the daemon, turns each request
 * into a struct srv_req for the router and the reply into a response. */
#ifndef ANZHI_SERVER_HTTP_H
#define ANZHI_SERVER_HTTP_H

#include "server/srv.h"
#include "server/tls.h"

struct http_server;

/* Starts listening; *port receives the bound port (useful with port 0). */
int http_start(struct srv_ctx *ctx, const struct tls_identity *id, struct http_server **out,
	       int *port, char *err, size_t errlen);
/* Stops accepting, lets requests under way finish (at most
 * cfg.drain_seconds), stops. Returns how many requests had to be cut. */
int http_stop(struct http_server *s);

#endif
