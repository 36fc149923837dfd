/* listpage — see listpage.h. */
#include "server/listpage.h"

#include <stdlib.h>

#include "server/cursor.h"

int listpage_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
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

void listpage_cursor_member(struct jw *w, const char *at, int64_t id)
{
	char c[CURSOR_MAX];
	jw_key(w, "next_cursor");
	if (id <= 0) {
		jw_null(w);
		return;
	}
	cursor_encode(at, id, c);
	jw_str(w, c);
}

void listpage_reply(struct srv_reply *rp, struct jw *w, int ok, const char *what)
{
	size_t len;
	char *text = ok ? jw_take(w, &len) : NULL;
	if (!text) {
		jw_free(w);
		srv_problem(rp, 500, "internal", NULL, "could not read the %s", what);
		return;
	}
	srv_json_text(rp, 200, text, len);
}
