/* declact: the reviewer's decisions on one declaration — 年审认证审核 pass or
 * fail (with a reason) and 发送税务 — asked, sent with the YEAR's version and
 * answered alike from the queue and from the declaration's own screen.
 * After 发送税务 the tax record's levy shows with its steps. */
#ifndef ANZHI_SCREENS_DECLACT_H
#define ANZHI_SCREENS_DECLACT_H

#include <jansson.h>
#include <stdbool.h>

#include "client/app.h"

/* The declaration asked about (kept until the answer). */
struct declact {
	char uscc[32], name[256];
	int year;
	long long version;
	enum action act;
};

/* Tags and prompt ids declact uses: a screen keeps its own below these. */
enum { DECLACT_ASK = 900, DECLACT_TAG_REVIEW = 900, DECLACT_TAG_TAX };

/* p, x, t on a YEAR, or a DECLARATION_ITEM of the queue of `year` (an item
 * names no year): asks first. */
unsigned declact_start(struct view *v, struct declact *d, enum action act, const json_t *decl,
		       const char *unit_name, int year);
/* The answer to declact's question; false when the tag is not its own. */
bool declact_answer(struct view *v, struct declact *d, int tag, const char *text);
/* A reply to declact's request; true when it was one (then reload the view). */
bool declact_reply(struct view *v, const struct api_reply *r);

#endif
