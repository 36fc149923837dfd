/* unitreq: the unit's side of a request on its declaration — 年审认证反馈
 * (text and up to 8 files, when it disagrees with the review) and 单位注销
 * 安置登记 (a reason and the signed 注销业务申请书) — one screen each
 * (feedback.c, cancel.c): the year's status, the requests filed with their
 * outcome and the review's reason, a new one typed and its files picked at
 * the prompt (Tab completes), sent as one multipart request. */
#ifndef ANZHI_SCREENS_UNITREQ_H
#define ANZHI_SCREENS_UNITREQ_H

#include <stdbool.h>

#include "client/app.h"
#include "screens/requestq.h"
#include "ui/table.h"

struct unitreq_kind {
	struct requestq_kind rq;  /* the shape of its requests (files, text member) */
	const char *word;         /* "feedback", "cancellation": …/years/{year}/WORD */
	int min_files, max_files;
	const char *title, *ask_text, *ask_file, *sent, *intro;   /* msgids */
	const char *form_kind;    /* a document to download first (s), or NULL */
};

enum { UNITREQ_MAX_FILES = 8 };

struct unitreq_state {
	const struct unitreq_kind *k;
	int year;
	json_t *decl;             /* YEAR */
	json_t *items;            /* the requests filed, newest first */
	struct table t;
	char text[2048];
	char files[UNITREQ_MAX_FILES][1024];
	int nfiles;
	int send_req, doc_req;
	char dest[1024], part[1100];
};

int  unitreq_open(struct view *v, const struct screen_args *args, const struct unitreq_kind *k);
void unitreq_draw(struct view *v, struct canvas *c);
void unitreq_reply(struct view *v, const struct api_reply *r);
void unitreq_close(struct view *v);
unsigned unitreq_answer(struct view *v, int tag, const char *text);
struct table *unitreq_list(struct view *v);
int  unitreq_year(struct view *v);
/* The actions' handlers: a (a new request), s (the form to fill in, for a
 * kind with form_kind), Enter (the selected request's first file), R. */
unsigned unitreq_new(struct view *v, enum action a);
unsigned unitreq_download(struct view *v, enum action a);
unsigned unitreq_view(struct view *v, enum action a);
unsigned unitreq_refresh(struct view *v, enum action a);

#endif
