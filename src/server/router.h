/* router — the table of (method, path pattern, handler, roles, flags). */
#ifndef ANZHI_SERVER_ROUTER_H
#define ANZHI_SERVER_ROUTER_H

#include "server/srv.h"

enum route_flags {
	ROUTE_PUBLIC = 1,    /* no login */
	ROUTE_WRITE = 2,     /* runs inside one write transaction; audit + idempotency */
	ROUTE_UPLOAD = 4,    /* multipart body streamed to disk */
	ROUTE_MASK_LOG = 8,  /* the path carries an ID number: mask it in logs */
	ROUTE_ENROL = 16,    /* open to an account that must first enrol a second factor */
};

struct route {
	const char *method;
	const char *pattern;  /* "/api/v1/placements/ * /months" with '*' = one segment */
	srv_handler handler;
	int roles;
	int flags;
};

/* A ROUTE_UPLOAD route's multipart rule (upload.h) and the check that may
 * refuse it (404/403/409 in rp, -1) before a byte of the body is read. */
struct route_upload {
	srv_handler handler;
	const struct upload_rule *rule;
	int (*precheck)(struct srv_req *rq, struct srv_reply *rp);
};
/* The upload of rt (by its handler); NULL when it takes none. */
const struct route_upload *router_upload(const struct route *rt);

/* Finds the route for method+path and fills rq->params. Returns NULL when no
 * route matches; *path_known is set when the path matches under another
 * method (→ 405). */
const struct route *router_match(const char *method, const char *path,
				 struct srv_req *rq, int *path_known);

/* A ROUTE_UPLOAD route's check on the headers alone, before any byte of
 * the body is kept: 0 to read the upload, else -1 with the refusal in rp. */
int router_upload_precheck(const struct route *r, struct srv_req *rq, struct srv_reply *rp);

#endif
