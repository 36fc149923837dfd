/* history_text: a placement's history (GET /placements/{id}/history items) as
 * lines to read — when, who (role, address), what they did, and before →
 * after of each value that changed, the API's words put in the user's. */
#ifndef ANZHI_HISTORY_TEXT_H
#define ANZHI_HISTORY_TEXT_H

#include <jansson.h>

/* The items as text, newest first as given (malloc'd; server strings are
 * cleaned when the pager shows it). */
char *history_text(const json_t *items);

#endif
