/* listing — what every list endpoint shares: limit and cursor parameters,
 * the year and region parameters of the federation's queues (a region
 * within the caller's subtree, else the caller's own, else the root), the
 * index column of a region's level, and writing a page's next_cursor and
 * the page itself. */
#ifndef ANZHI_SERVER_LISTING_H
#define ANZHI_SERVER_LISTING_H

#include <jansson.h>
#include <stdint.h>

#include "server/jsonw.h"
#include "server/srv.h"

/* limit (1–500, default 50) and cursor; 422 field limit|cursor. */
int listing_page_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
			int64_t *after);
/* year= (2000–2100, default the business year); 422 field year. */
int listing_year(struct srv_req *rq, struct srv_reply *rp, int *year);
/* region=: a region within the caller's subtree (422 field region), else the
 * caller's own, else (an administrator) the root; *column its index column. */
int listing_region(struct srv_req *rq, struct srv_reply *rp, const char **region,
		   const char **column);
/* "region_province" | "region_city" | "region_county" for a code's level. */
const char *listing_region_column(const struct region_table *t, const char *code);
/* "next_cursor": the position (id <= 0: null). */
void listing_cursor_member(struct jw *w, const char *at, int64_t id);
/* next_cursor as a value, for a page built with jansson (null: last page). */
json_t *listing_cursor_json(const char *at, int64_t id);
/* Sends the written page, or a 500 naming what when writing it failed. */
void listing_reply(struct srv_reply *rp, struct jw *w, int ok, const char *what);

#endif
