/* paging — the query parameters every keyset list takes (`limit` 1–500,
 * default 50; `cursor`, the previous page's next_cursor) and the
 * next_cursor it answers. */
#ifndef ANZHI_SERVER_PAGING_H
#define ANZHI_SERVER_PAGING_H

#include <jansson.h>
#include <stdint.h>

#include "server/srv.h"

/* 0 with the limit and the cursor's position (at "" and *after 0 for the
 * first page); -1 with 422 (field limit or cursor) in rp. */
int paging_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
		  int64_t *after);
/* next_cursor for a position: a string, or null when id is 0 (last page). */
json_t *paging_cursor(const char *at, int64_t id);

#endif
