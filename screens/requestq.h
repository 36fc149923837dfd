/* requestq: the federation's queue of a unit's requests on a declaration —
 * 认证反馈审核 (feedback: text and files) and 注销审核 (cancellation: a
 * reason and the signed 注销业务申请书) — one screen each (fbq.c,
 * cancelq.c) over the same list, detail, file viewing and review. */
#ifndef ANZHI_SCREENS_REQUESTQ_H
#define ANZHI_SCREENS_REQUESTQ_H

#include <stdbool.h>

#include "client/app.h"
#include "screens/qlist.h"
#include "ui/table.h"

struct requestq_kind {
	const char *title;        /* msgid: "Feedback review" */
	const char *collection;   /* "/feedback", "/cancellations" */
	const char *text_member;  /* "text", "reason" */
	bool many_files;          /* "files":[FILE…] (feedback) or "file":FILE|null */
	const char *pass_q, *fail_q;          /* msgids, {1} = the unit */
	const char *passed, *rejected;        /* msgids said after the review */
};

/* The screens' state (both use this one). */
struct rq_state {
	struct qlist l;           /* first: the shared handlers find it as v->state */
	const struct requestq_kind *k;
	long asked_id;            /* the request the question is about */
	long long asked_version;
};

/* For the unit's side too (feedback.c, cancel.c): how many files a request
 * carries, a request's text, files and review drawn in rows lines from y,
 * and its i-th file opened in the viewer. */
int  requestq_nfiles(const struct requestq_kind *k, const json_t *request);
void requestq_draw_detail(const struct requestq_kind *k, const json_t *request, WINDOW *w, int y,
			  int x, int rows, int cols);
void requestq_view_file(struct view *v, const struct requestq_kind *k, const json_t *request, int i);

int  requestq_open(struct view *v, const struct screen_args *args, const struct requestq_kind *k);
void requestq_draw(struct view *v, struct canvas *c);
void requestq_reply(struct view *v, const struct api_reply *r);
unsigned requestq_answer(struct view *v, int tag, const char *text);
#define REQUESTQ_NACTIONS 9
extern const struct screen_action requestq_actions[REQUESTQ_NACTIONS];

/* The members of struct screen both screens share: each adds its name and
 * its open (which names its kind). */
#define REQUESTQ_SCREEN                                                                   \
	.state_size = sizeof(struct rq_state), .draw = requestq_draw,                     \
	.actions = requestq_actions, .nactions = REQUESTQ_NACTIONS, .reply = requestq_reply, \
	.close = qlist_close, .answer = requestq_answer, .list = qlist_list,               \
	.list_moved = qlist_moved, .year = qlist_year

#endif
