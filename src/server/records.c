/* records — see records.h: names of results and status keys, and the
 * registered-month set of a placement. */
#include "server/records.h"

#include <stdio.h>
#include <string.h>

static const char *const result_names[] = { NULL, "system", "pending", "valid", "invalid" };

const char *month_outcome_name(enum month_outcome r)
{
	return (unsigned)r < sizeof result_names / sizeof result_names[0] ? result_names[r] : NULL;
}

int month_outcome_parse(const char *s)
{
	if (!s)
		return RESULT_NONE;
	for (int r = RESULT_SYSTEM; r <= RESULT_INVALID; r++)
		if (strcmp(result_names[r], s) == 0)
			return r;
	return -1;
}

static const char *const key_names[SK__COUNT] = {
	"incomplete", "pending", "pending_contract", "confirmed_system", "confirmed_manual",
	"partially_rejected", "rejected",
};

const char *status_key_name(enum status_key k)
{
	return (unsigned)k < SK__COUNT ? key_names[k] : "";
}

int status_key_of(const char *status, const char *confirmed_by)
{
	if (strcmp(status, "confirmed") == 0)
		return strcmp(confirmed_by, "manual") == 0 ? SK_CONFIRMED_MANUAL : SK_CONFIRMED_SYSTEM;
	for (int k = 0; k < SK__COUNT; k++)
		if (strcmp(key_names[k], status) == 0)
			return k;
	return -1;
}

enum placement_status status_key_placement(enum status_key k)
{
	if (k == SK_CONFIRMED_SYSTEM || k == SK_CONFIRMED_MANUAL)
		return PLACEMENT_CONFIRMED;
	return wire_placement_status_parse(status_key_name(k));
}

void placement_init(struct placement *p)
{
	memset(p, 0, sizeof *p);
	snprintf(p->status, sizeof p->status, "incomplete");
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
			next[k].cert_type = -1;
			next[k].weight = 1;
		}
		next[k++].dirty = 1;
	}
	memcpy(p->months, next, sizeof next[0] * (size_t)k);
	p->n_months = k;
	p->months_dirty = 1;
}
