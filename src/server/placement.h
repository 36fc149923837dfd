/* placement — shared steps of the placement handlers: load/save with checks
 * re-run, so each handler stays a short sequence of guard → change → save. */
#ifndef ANZHI_SERVER_PLACEMENT_H
#define ANZHI_SERVER_PLACEMENT_H

#include <jansson.h>

#include "server/srv.h"

/* Re-runs the checks on p (with its materials) and saves it (insert when it
 * has no id). Fills rp with a problem and returns -1 on failure. */
int placement_save(struct srv_req *rq, struct srv_reply *rp, json_t *p, const json_t *unit,
		   int reset);
/* Replies 200/201 with the PLACEMENT shape and its ETag. */
void placement_reply(struct srv_req *rq, struct srv_reply *rp, int status, const json_t *p);
/* Validates a NEW_PLACEMENT body into *out; fills rp on failure. */
int placement_body(struct srv_req *rq, struct srv_reply *rp, json_t **out);

#endif
