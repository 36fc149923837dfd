/* qlist: what the federation's list screens (declq, taxrec, fbq and cancelq
 * through requestq, overview) have in common — a table of a business year's
 * rows, a filter f steps through, the rows loaded by keyset pages (qpage) —
 * and the handlers that are the same on each: [ ] and f and the refresh
 * reload, a page fills the table, the list and year accessors, close.  A
 * screen's state begins with its struct qlist, so these find it as v->state;
 * the screen keeps its columns, its query, how an item fills a row, its own
 * actions. */
#ifndef ANZHI_SCREENS_QLIST_H
#define ANZHI_SCREENS_QLIST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/app.h"
#include "screens/qpage.h"
#include "ui/table.h"

/* The tags of the pages; a screen's own requests start at QLIST_TAG_OWN. */
enum { QLIST_TAG_LIST = 1, QLIST_TAG_MORE, QLIST_TAG_OWN };

struct qlist_kind {
	/* The list's path and query in the year and filter shown, without cursor
	 * and limit. */
	void (*query)(const struct view *v, char *buf, size_t size);
	/* Row `row` of the table from a page's item. */
	void (*fill)(struct view *v, int row, const json_t *item);
	/* A list the service does not page loads itself (then query and fill
	 * are NULL and its reply fills the table). */
	void (*load)(struct view *v);
	int nfilters;               /* the filters f steps through, 0 = none */
};

struct qlist {
	const struct qlist_kind *kind;
	int year, filter;
	struct qpage q;
	struct table t;
	char query[256];            /* the query the pages are loaded with */
};

/* The year asked for (else the session's), an empty page and table.  The
 * screen then sets what else it shows and calls qlist_load. */
void qlist_open(struct view *v, const struct screen_args *args, const struct qlist_kind *kind,
		const struct table_col *cols, int ncols);
/* The first page again (also a screen's resume when a decision elsewhere
 * may have moved rows). */
void qlist_load(struct view *v);
/* A reply that is a page of the list fills the table from it; any other
 * reply is left alone. */
void qlist_take(struct view *v, const struct api_reply *r);

/* The actions: f the next filter, [ ] the year before or after, the
 * refresh; each reloads. */
unsigned qlist_filter(struct view *v, enum action a);
unsigned qlist_year_step(struct view *v, enum action a);
unsigned qlist_refresh(struct view *v, enum action a);

/* The screen's list_moved, close, list and year. */
void qlist_moved(struct view *v);
void qlist_close(struct view *v);
struct table *qlist_list(struct view *v);
int  qlist_year(struct view *v);

/* The item under the cursor, NULL when there is none. */
const json_t *qlist_cursor_item(const struct view *v);

/* Drawing: the title line (returns the line below it); a dimmed note at y
 * with the focus on it; and where the rows go while there are none —
 * "Loading..." before the first page, else `empty` — one line below y, true
 * when drawn (the screen then draws no table); the table in `rows` lines
 * from y with the focus on its cursor. */
int  qlist_draw_title(struct canvas *c, const char *title);
void qlist_draw_note(struct canvas *c, int y, const char *text);
bool qlist_draw_placeholder(const struct view *v, struct canvas *c, int y, const char *empty);
void qlist_draw_table(struct view *v, struct canvas *c, int y, int rows);

#endif
