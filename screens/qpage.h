/* qpage: a list the service pages by keyset (the federation's queues, the tax
 * records): the items loaded so far, the cursor of the next page, the total,
 * and the rule for fetching more — near the end of the loaded rows, as the
 * placement list does, keeping the rows on screen meanwhile. */
#ifndef ANZHI_SCREENS_QPAGE_H
#define ANZHI_SCREENS_QPAGE_H

#include <jansson.h>
#include <stdbool.h>

#include "client/app.h"
#include "ui/table.h"

struct qpage {
	json_t *items;         /* every item loaded, in the service's order */
	char next[256];        /* the next page's cursor, "" on the last page */
	long long total;       /* the answer's "total", -1 when it gives none */
	int more_req;          /* the next page's request, 0 = none running */
	int first_tag, more_tag;
	bool loaded;
};

void qpage_init(struct qpage *q, int first_tag, int more_tag);
void qpage_free(struct qpage *q);
/* GET `query` (a path with its query, without cursor and limit): the first
 * page (replacing what is loaded once it answers) or the next. */
int  qpage_load(struct view *v, struct qpage *q, const char *query, bool more);
/* A reply of either tag: takes its items.  Returns the row from which the
 * table must be filled (0 after a first page), -1 when the reply is not a
 * page of this list or could not be read (said in the status bar). */
int  qpage_take(struct view *v, struct qpage *q, const struct api_reply *r);
/* The next page when the cursor is near the end of the loaded rows. */
void qpage_more_if_near_end(struct view *v, struct qpage *q, const struct table *t,
			    const char *query);
json_t *qpage_item(const struct qpage *q, int row);
/* / on a list of these screens: asks (tag) what to find among the rows
 * loaded; qpage_find then goes to the first match after the cursor (n, the
 * loop's search-next, finds the next one). */
void qpage_search_ask(struct view *v, int tag, const char *label);
void qpage_find(struct view *v, struct table *t, const char *text);

#endif
