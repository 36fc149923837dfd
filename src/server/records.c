/* records — see records.h: the counters' status keys, the reviewer's mark,
 * and the registered months and dispatch items of a placement. */
#include "server/records.h"

#include <stdio.h>
#include <string.h>

void review_mark_clear(struct review_mark *r)
{
	memset(r, 0, sizeof *r);
}

void review_mark_set(struct review_mark *r, int64_t reviewer_id, const char *reviewer,
		     const char *at, const char *reason)
{
	r->reviewer_id = reviewer_id;
	snprintf(r->reviewer, sizeof r->reviewer, "%s", reviewer ? reviewer : "");
	snprintf(r->reviewed_at, sizeof r->reviewed_at, "%s", at ? at : "");
	snprintf(r->reason, sizeof r->reason, "%s", reason ? reason : "");
}

int review_mark_equal(const struct review_mark *a, const struct review_mark *b)
{
	return a->reviewer_id == b->reviewer_id && strcmp(a->reviewer, b->reviewer) == 0 &&
	       strcmp(a->reviewed_at, b->reviewed_at) == 0 && strcmp(a->reason, b->reason) == 0;
}

/* Which status each counters' key counts, and by whom when confirmed. */
static const struct {
	enum placement_status status;
	enum confirmed_by by;
	const char *internal;            /* the key's own name, else the status word */
} keys[SK__COUNT] = {
	[SK_INCOMPLETE] = { PLACEMENT_INCOMPLETE, CONFIRMED_BY_NONE, NULL },
	[SK_PENDING] = { PLACEMENT_PENDING, CONFIRMED_BY_NONE, NULL },
	[SK_PENDING_CONTRACT] = { PLACEMENT_PENDING_CONTRACT, CONFIRMED_BY_NONE, NULL },
	[SK_CONFIRMED_SYSTEM] = { PLACEMENT_CONFIRMED, CONFIRMED_BY_SYSTEM, "confirmed_system" },
	[SK_CONFIRMED_MANUAL] = { PLACEMENT_CONFIRMED, CONFIRMED_BY_MANUAL, "confirmed_manual" },
	[SK_PARTIALLY_REJECTED] = { PLACEMENT_PARTIALLY_REJECTED, CONFIRMED_BY_NONE, NULL },
	[SK_REJECTED] = { PLACEMENT_REJECTED, CONFIRMED_BY_NONE, NULL },
};

const char *status_key_name(enum status_key k)
{
	if ((unsigned)k >= SK__COUNT)
		return "";
	return keys[k].internal ? keys[k].internal : wire_placement_status_word(keys[k].status);
}

int status_key_parse(const char *name)
{
	for (int k = 0; name && k < SK__COUNT; k++)
		if (strcmp(status_key_name((enum status_key)k), name) == 0)
			return k;
	return -1;
}

int status_key_of(enum placement_status status, enum confirmed_by by)
{
	if (status == PLACEMENT_CONFIRMED)
		return by == CONFIRMED_BY_MANUAL ? SK_CONFIRMED_MANUAL : SK_CONFIRMED_SYSTEM;
	for (int k = 0; k < SK__COUNT; k++)
		if (keys[k].status == status)
			return k;
	return -1;
}

int status_key_of_words(const char *status, const char *confirmed_by)
{
	return status_key_of(wire_placement_status_parse(status),
			     wire_confirmed_by_parse(confirmed_by));
}

enum placement_status status_key_placement(enum status_key k)
{
	return (unsigned)k < SK__COUNT ? keys[k].status : PLACEMENT_STATUS_UNKNOWN;
}

void placement_init(struct placement *p)
{
	memset(p, 0, sizeof *p);
	p->status = PLACEMENT_INCOMPLETE;
	p->confirmed_by = CONFIRMED_BY_NONE;
}

void placement_free(struct placement *p)
{
	json_decref(p->person);
	json_decref(p->contracts);
	json_decref(p->certificates);
	p->person = p->contracts = p->certificates = NULL;
}

struct placement_month *placement_month_find(struct placement *p, int ym)
{
	for (int i = 0; i < p->n_months; i++)
		if (p->months[i].ym == ym)
			return &p->months[i];
	return NULL;
}

struct dispatch_row *placement_item_find(struct placement *p, enum dispatch_item item)
{
	for (int i = 0; i < p->n_items; i++)
		if (p->items[i].item == item)
			return &p->items[i];
	return NULL;
}

void placement_set_months(struct placement *p, const int *yms, int n)
{
	struct placement_month next[12];
	int k = 0;
	for (int i = 0; i < n && k < 12; i++) {
		struct placement_month *old = placement_month_find(p, yms[i]);
		if (old) {
			next[k] = *old;
		} else {
			memset(&next[k], 0, sizeof next[k]);
			next[k].ym = yms[i];
			next[k].result = MONTH_DECISION_NONE;
			next[k].cert_type = -1;
			next[k].weight = 1;
		}
		next[k++].dirty = 1;
	}
	memcpy(p->months, next, sizeof next[0] * (size_t)k);
	p->n_months = k;
	p->months_dirty = 1;
}

void placement_set_dispatch(struct placement *p, int dispatch)
{
	int want = dispatch ? DISPATCH_ITEM__COUNT : 0;
	if (p->n_items == want)
		return;
	memset(p->items, 0, sizeof p->items);
	for (int i = 0; i < want; i++) {
		p->items[i].item = (enum dispatch_item)i;
		p->items[i].result = MONTH_DECISION_NONE;
		p->items[i].dirty = 1;
	}
	p->n_items = want;
	p->items_dirty = 1;
}

int placement_decide_pending(struct placement *p, enum month_decision result,
			     const struct review_mark *by)
{
	int n = 0;
	for (int i = 0; i < p->n_months; i++) {
		struct placement_month *m = &p->months[i];
		if (m->result != MONTH_DECISION_PENDING)
			continue;
		m->result = result;
		m->review = *by;
		m->dirty = 1;
		n++;
	}
	for (int i = 0; i < p->n_items; i++) {
		struct dispatch_row *it = &p->items[i];
		if (it->result != MONTH_DECISION_PENDING)
			continue;
		it->result = result;
		it->review = *by;
		it->dirty = 1;
		n++;
	}
	return n;
}
