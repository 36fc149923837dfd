/* listing — see listing.h. */
#include "server/listing.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/regions.h"
#include "server/cursor.h"

int listing_page_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
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

int listing_year(struct srv_req *rq, struct srv_reply *rp, int *year)
{
	const char *ys = srv_query(rq, "year");
	char *end = NULL;
	long y = ys && *ys ? strtol(ys, &end, 10) : rq->ctx->cfg.year;
	if ((end && *end) || y < 2000 || y > 2100) {
		srv_problem(rp, 422, "invalid_field", "year", "year is 2000–2100");
		return -1;
	}
	*year = (int)y;
	return 0;
}

const char *listing_region_column(const struct region_table *t, const char *code)
{
	switch (regions_level(t, code)) {
	case 1:
		return "region_province";
	case 2:
		return "region_city";
	case 3:
		return "region_county";
	default:
		return NULL;
	}
}

int listing_region(struct srv_req *rq, struct srv_reply *rp, const char **region,
		   const char **column)
{
	const struct region_table *t = &rq->ctx->regions;
	const char *given = srv_query(rq, "region");
	const char *mine = rq->user.region[0] ? rq->user.region : NULL;
	*region = NULL;
	if (given && *given) {
		if (!regions_find(t, given) || (mine && !region_is_within(t, given, mine))) {
			srv_problem(rp, 422, "invalid_field", "region",
				    "region %.12s is not a region within yours", given);
			return -1;
		}
		*region = given;
	} else if (mine) {
		*region = mine;
	} else {
		/* an administrator: the whole tree, from its root */
		for (size_t i = 0; i < t->n && !*region; i++)
			if (!t->rows[i].parent[0])
				*region = t->rows[i].code;
	}
	*column = *region ? listing_region_column(t, *region) : NULL;
	return 0;
}

void listing_cursor_member(struct jw *w, const char *at, int64_t id)
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

json_t *listing_cursor_json(const char *at, int64_t id)
{
	char c[CURSOR_MAX];
	if (id <= 0)
		return json_null();
	cursor_encode(at, id, c);
	return json_string(c);
}

void listing_reply(struct srv_reply *rp, struct jw *w, int ok, const char *what)
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
