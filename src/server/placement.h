/* placement — shared steps of the placement handlers: the body into a
 * record, save with the checks re-run, and the PLACEMENT reply, so each
 * handler stays a short sequence of guard → change → save. */
#ifndef ANZHI_SERVER_PLACEMENT_H
#define ANZHI_SERVER_PLACEMENT_H

#include <jansson.h>

#include "server/records.h"
#include "server/srv.h"
#include "server/store.h"

/* Validates a NEW_PLACEMENT body into p's person, contracts and certificates;
 * fills rp (400/422) and returns -1 on failure. */
int placement_body(struct srv_req *rq, struct srv_reply *rp, struct placement *p);
/* Re-runs the checks on p and saves it (inserts it when it has no id). Fills
 * rp with a problem (409 duplicate person, 412 stale, 500) and returns -1. */
int placement_save(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
		   const struct unit_ref *u, int reset);
/* Replies status with the PLACEMENT (materials attached) and its ETag. */
void placement_reply(struct srv_req *rq, struct srv_reply *rp, int status,
		     const struct placement *p);
/* The API's PLACEMENT: twelve MONTH entries; materials NULL → []. New ref. */
json_t *placement_json(const struct placement *p, const json_t *materials);

#endif
