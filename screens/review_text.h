/* review_text: what the review form says in words about a case — its
 * person and contracts in a line each, the lines under the grid for the
 * cursor's row (why its checks failed, with the import used; a dispatch
 * item's material; who decided it, when, why; the reason chosen), and the
 * common 无效 reasons ranked for a row. Pure: no curses, no network. */
#ifndef ANZHI_REVIEW_TEXT_H
#define ANZHI_REVIEW_TEXT_H

#include <jansson.h>
#include <stddef.h>

#include "screens/person_form.h"
#include "screens/review_case.h"
#include "ui/theme.h"

/* "150924197005121077 农村  1970-05-12  联系电话 139…" */
void rt_person_line(const json_t *pl, const struct person_form *pf, char *buf, size_t len);
/* "固定期限 2020-04-01~2026-12-31 劳务派遣 | 残疾人证 听力三级 2016-05-10~2031-12-31" */
void rt_contracts_line(const struct person_form *pf, char *buf, size_t len);

struct rt_line {
	char text[600];
	enum style style;
};
/* The lines under the grid for row i, at most max; returns how many. */
int rt_detail(const struct review_case *c, int i, struct rt_line *out, int max);

/* The common reasons ({"reasons":[…]}) as texts for row i: those that fit it
 * first (one of its failed checks, or its item), then those that fit any
 * row, then the rest (new array). */
json_t *rt_reasons_for(const struct review_case *c, int i, const json_t *reasons);

#endif
