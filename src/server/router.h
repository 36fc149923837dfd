/* router — the table of (method, path pattern, handler, roles, flags). */
#ifndef ANZHI_SERVER_ROUTER_H
#define ANZHI_SERVER_ROUTER_H

#include "server/srv.h"

enum route_flags {
	ROUTE_PUBLIC = 1,    /* no login */
	ROUTE_WRITE = 2,     /* runs inside one write transaction; audit + idempotency */
	ROUTE_UPLOAD = 4,    /* multipart body streamed to disk */
	ROUTE_MASK_LOG = 8,  /* the path carries an ID number: mask it in logs */
};

struct route {
	const char *method;
	const char *pattern;  /* "/api/v1/placements/ * /months" with '*' = one segment */
	srv_handler handler;
	int roles;
	int flags;
};

/* An upload's check before a byte of its body is read: 0 when the upload may
 * go on, else the refusal in rp. */
typedef int (*route_precheck)(struct srv_req *rq, struct srv_reply *rp);
/* The precheck of an upload route (ROUTE_UPLOAD), NULL for none. */
route_precheck router_upload_precheck(const struct route *r);

/* Finds the route for method+path and fills rq->params. Returns NULL when no
 * route matches; *path_known is set when the path matches under another
 * method (→ 405). */
const struct route *router_match(const char *method, const char *path,
				 struct srv_req *rq, int *path_known);

#endif
