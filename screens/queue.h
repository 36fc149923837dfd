/* queue: what the review form asks of the queue (安置审核) under it — the
 * next case in the queue's order, the cases the queue has fetched ahead, the
 * common reasons for 无效 — so that moving on draws the next case at once. */
#ifndef ANZHI_SCREENS_QUEUE_H
#define ANZHI_SCREENS_QUEUE_H

#include "client/app.h"

/* The queue's view right under v, or NULL when v was not opened from it. */
struct view *queue_under(struct view *v);
/* The case after `after` in the queue's order that is still to decide (not
 * decided in this session), 0 when none is loaded; asks for the next page
 * when `after` is near the end of the loaded ones. */
long queue_next(struct view *q, long after);
/* The same without asking for anything (for drawing). */
long queue_peek_next(struct view *q, long after);
/* The PLACEMENT of case id when fetched ahead, else NULL (borrowed). */
json_t *queue_cached(struct view *q, long id);
/* Fetches case id ahead, in the background (nothing when it has it). */
void queue_prefetch(struct view *q, long id);
/* The common reasons (GET /review/reasons), NULL until they came. */
json_t *queue_reasons(struct view *q);
/* Where case id is: *pos 1-based among the cases still to decide, *total
 * how many the service counts (0 and 0 when unknown). */
void queue_position(struct view *q, long id, int *pos, int *total);
/* The form is on case id now: the queue's cursor follows it, and the cases
 * decided meanwhile leave the list. */
void queue_follow(struct view *q, long id);

#endif
