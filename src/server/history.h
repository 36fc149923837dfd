/* history — what a placement's history shows of an audit row: the row's
 * action as the API's word, and before → after reduced to what changed (the
 * audit keeps whole documents; a month decided shows as that month's result,
 * reason, reviewer and time). Pure: no store, no I/O. */
#ifndef ANZHI_SERVER_HISTORY_H
#define ANZHI_SERVER_HISTORY_H

#include <jansson.h>

#include "wire/enums.h"

/* The audit's entity and action ("placement", "review") → HISTORY.action;
 * HISTORY_UNKNOWN for a row that is not part of a placement's history. */
enum history_action history_action_of(const char *entity, const char *action);

/* What changed from before to after (either may be NULL): into *b and *a new
 * references, each NULL when that side has nothing. Objects keep only the
 * members that differ ("version" is left out: every change moves it); arrays
 * of the same length keep only the elements that differ, each with its
 * "month", "item" or "id" to say which. A document without the other side is
 * summed up: a PLACEMENT by its person's name and ID number, status and
 * registered months; anything else whole. */
void history_changes(const json_t *before, const json_t *after, json_t **b, json_t **a);

/* Masks every ID number in doc (members "idno", "legal_idno") and every
 * certificate number ("number") as lists mask them, in place. */
void history_mask_ids(json_t *doc);

#endif
