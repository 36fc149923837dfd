/* listpage — the paging parameters every keyset list shares: limit= (1–500,
 * default 50) and cursor= (an opaque next_cursor), and the next_cursor
 * member of the answer. */
#ifndef ANZHI_SERVER_LISTPAGE_H
#define ANZHI_SERVER_LISTPAGE_H

#include <stdint.h>

#include "server/jsonw.h"
#include "server/srv.h"

/* Reads limit and cursor (its time or text part into at, its id into
 * *after; "" and 0 without one). 0, or -1 with the 422 in rp. */
int listpage_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
		    int64_t *after);
/* "next_cursor": the position after (at, id), or null when id <= 0. */
void listpage_cursor_member(struct jw *w, const char *at, int64_t id);
/* Sends the written page, or a 500 naming what could not be read. */
void listpage_reply(struct srv_reply *rp, struct jw *w, int ok, const char *what);

#endif
