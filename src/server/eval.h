/* eval — runs the core's month checks on a placement against registry data
 * and derives month results, counts, needs and the placement status
 * (doc/api.md "Placement status"). Also renders stored placements into the
 * API's PLACEMENT and list ITEM shapes. */
#ifndef ANZHI_SERVER_EVAL_H
#define ANZHI_SERVER_EVAL_H

#include <jansson.h>

#include "server/srv.h"

/* Re-checks every registered month of p (a stored placement document) and
 * updates months[], status, confirmed_by, counts, needs and confirmed_at.
 * materials: the placement's MATERIAL list (may be NULL). unit: its UNIT.
 * Reviewer decisions (valid/invalid) are kept unless reset is set. 0 on
 * success, -1 with err filled. */
int eval_placement(struct srv_ctx *ctx, struct store *st, json_t *p, const json_t *unit,
		   const json_t *materials, int reset, char *err, size_t errlen);

/* Sets p's registered months to the given "YYYYMM" strings, keeping the
 * records (and decisions) of months that stay registered. */
void eval_set_months(json_t *p, const json_t *months);

/* The API's PLACEMENT: twelve MONTH entries, materials attached. New ref. */
json_t *eval_placement_api(const json_t *p, const json_t *materials);
/* The API's list ITEM (masked). New ref. */
json_t *eval_placement_item(const json_t *p);

/* Current time "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai. */
void eval_now(char buf[20]);

#endif
