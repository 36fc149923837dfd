/* placements.h: the placement list's state, shared by its two files —
 * placements.c (the list: loading, paging, search, filter, sort, the
 * header, opening a person) and placements_acts.c (what acts on the list
 * or the year: bulk delete and re-register, import, submit, withdraw).  No
 * other screen includes it. */
#ifndef ANZHI_SCREENS_PLACEMENTS_H
#define ANZHI_SCREENS_PLACEMENTS_H

#include "screens/screens.h"
#include "ui/table.h"

enum { TAG_LIST = 1, TAG_MORE, TAG_YEAR, TAG_DELETE, TAG_REREG, TAG_IMPORT, TAG_SUBMIT, TAG_WITHDRAW,
       TAG_PRECHECK };
enum { ASK_SEARCH = 1, ASK_DELETE, ASK_IMPORT, ASK_SUBMIT, ASK_WITHDRAW, ASK_REREG };

enum { C_SEQ, C_NAME, C_IDNO, C_CERT, C_REG, C_CONF, C_COUNT, C_REJ, C_STATUS, C_SUBMITTED,
       C_NCOLS };

struct pl_state {
	struct table t;
	json_t *items;         /* the last good list */
	json_t *counts;
	json_t *year;          /* YEAR */
	long long total;       /* LIST.total: persons matching, maybe more than shown */
	int yr;
	char q[128];           /* the service-side search (t.search keeps the last one for n) */
	int filter;
	bool loaded;
	char next[64];         /* LIST.next_cursor of the last page loaded, "" = no more */
	int more_req;          /* the running request for the next page, 0 = none */
	int list_req;          /* the running request for the first page, 0 = none */
	/* the requests a dialog asked about, fixed when it was asked (a reload
	 * meanwhile must not change who is deleted); sent on "yes" */
	struct app_batch *asked;
	int batch_failed;      /* answers of the running batch that were refusals */
	int ndrafts;           /* the user's unsaved drafts (client/drafts.h) */
};

/* placements.c */
void pl_load(struct view *v);
const char *pl_str(const json_t *o, const char *k);   /* "" when absent */
int pl_count(const struct pl_state *s, const char *k);    /* LIST.counts */
const json_t *pl_item(const struct pl_state *s, int row);
long pl_item_id(const struct pl_state *s, int row);
enum declaration_status pl_year_status(const struct pl_state *s);

/* placements_acts.c: the action handlers, and their answers and replies
 * (pl_acts_reply: true when the reply was one of theirs) */
unsigned pl_delete(struct view *v, enum action a);
unsigned pl_reregister(struct view *v, enum action a);
unsigned pl_import(struct view *v, enum action a);
unsigned pl_submit(struct view *v, enum action a);
unsigned pl_withdraw(struct view *v, enum action a);
void pl_acts_answer(struct view *v, int tag, const char *text);
bool pl_acts_reply(struct view *v, const struct api_reply *r);

#endif
