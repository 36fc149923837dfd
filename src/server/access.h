/* access — who may see which unit: a unit user or agent only its own unit, a
 * reviewer or supervisor the units whose federation_region lies in its region
 * subtree (core's region_is_within), an admin all. Refusals are 404 so that
 * existence does not leak. */
#ifndef ANZHI_SERVER_ACCESS_H
#define ANZHI_SERVER_ACCESS_H

#include <jansson.h>
#include <stdint.h>

#include "server/records.h"
#include "server/srv.h"
#include "server/store.h"

/* True when rq's user may see this unit. */
int access_unit_visible(const struct srv_req *rq, const struct unit_ref *u);
/* Loads the unit and checks access; on refusal fills rp (404) and returns -1. */
int access_unit(struct srv_req *rq, struct srv_reply *rp, const char *uscc, struct unit_ref *u);
/* Loads placement id (a path parameter) and its unit into *p and *u; -1 with
 * 404 in rp when absent or not visible. On 0 the caller placement_free()s p. */
int access_placement(struct srv_req *rq, struct srv_reply *rp, const char *id_text,
		     struct placement *p, struct unit_ref *u);
/* Parses a business year path parameter (2000..2100); 404 otherwise. */
int access_year(struct srv_reply *rp, const char *text, int *year);
/* Writes need the declaration still open: 409 otherwise. */
int access_year_open(struct srv_req *rq, struct srv_reply *rp, int64_t unit_id, int year);
/* If-Match against the record's version: 428 when missing, 412 when stale. */
int access_if_match(struct srv_req *rq, struct srv_reply *rp, json_int_t version);
/* Appends the audit row; 500 in rp when it cannot. */
int access_audit(struct srv_req *rq, struct srv_reply *rp, const char *entity,
		 const char *entity_id, const char *action, json_t *before, json_t *after);

#endif
