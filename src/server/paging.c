/* paging — see paging.h. */
#include "server/paging.h"

#include <stdlib.h>

#include "server/cursor.h"

int paging_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
		  int64_t *after)
{
	const char *limit_s = srv_query(rq, "limit"), *cursor = srv_query(rq, "cursor");
	char *end = NULL;
	long l = limit_s ? strtol(limit_s, &end, 10) : 50;
	if ((limit_s && (*end || end == limit_s)) || l < 1 || l > 500) {
		srv_problem(rp, 422, "invalid_field", "limit", "limit is 1–500");
		return -1;
	}
	*limit = (int)l;
	at[0] = '\0';
	*after = 0;
	if (cursor && *cursor && cursor_decode(cursor, at, after) != 0) {
		srv_problem(rp, 422, "invalid_field", "cursor",
			    "not a cursor of this list: send next_cursor as it came");
		return -1;
	}
	return 0;
}

json_t *paging_cursor(const char *at, int64_t id)
{
	char c[CURSOR_MAX];
	if (id <= 0)
		return json_null();
	cursor_encode(at, id, c);
	return json_string(c);
}
