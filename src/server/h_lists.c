/* h_lists — the two list endpoints: the unit's placement list (安置登记列表,
 * with its header counts, search and status filter) and the federation's
 * review queue (安置审核: placements awaiting review across the units of the
 * caller's region subtree). Both page by an opaque keyset cursor; neither
 * reads more than a page of rows and the counters. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ident.h"
#include "core/regions.h"
#include "server/access.h"
#include "server/handlers.h"
#include "server/jsonw.h"
#include "server/listing.h"
#include "server/store.h"
#include "wire/wire.h"

/* LIST.counts: every person, each status (confirmed and pending summed as
 * the list shows them), and confirmed split by who confirmed (the counters'
 * own keys). */
static void counts_member(struct jw *w, const struct status_counts *c)
{
	int64_t registered = 0, by_status[PLACEMENT_STATUS__COUNT] = { 0 };
	for (int k = 0; k < SK__COUNT; k++) {
		registered += c->n[k];
		by_status[wire_placement_count_as(status_key_placement((enum status_key)k))] += c->n[k];
	}
	jw_key(w, "counts");
	jw_object(w);
	jw_kint(w, "registered", registered);
	jw_kint(w, wire_placement_status_word(PLACEMENT_CONFIRMED), by_status[PLACEMENT_CONFIRMED]);
	jw_kint(w, status_key_name(SK_CONFIRMED_SYSTEM), c->n[SK_CONFIRMED_SYSTEM]);
	jw_kint(w, status_key_name(SK_CONFIRMED_MANUAL), c->n[SK_CONFIRMED_MANUAL]);
	static const enum placement_status rest[] = { PLACEMENT_PENDING, PLACEMENT_INCOMPLETE,
						      PLACEMENT_PARTIALLY_REJECTED, PLACEMENT_REJECTED };
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
		jw_kint(w, wire_placement_status_word(rest[i]), by_status[rest[i]]);
	jw_end(w);
}

void h_placement_list(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct status_counts c;
	char at[20];
	int64_t next = 0, total = 0;
	const char *status = srv_query(rq, "status");
	struct list_query q = { .q = srv_query(rq, "q"), .status = PLACEMENT_STATUS_UNKNOWN };
	if (access_unit(rq, rp, rq->params[0], &u) != 0 ||
	    access_year(rp, rq->params[1], &q.year) != 0)
		return;
	if (status && *status) {
		q.status = wire_placement_status_parse(status);
		if (q.status == PLACEMENT_STATUS_UNKNOWN) {
			srv_problem(rp, 422, "invalid_field", "status", "unknown status '%s'", status);
			return;
		}
	}
	if (listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	q.unit_id = u.id;
	struct jw w;
	jw_init(&w);
	jw_object(&w);
	int ok = store_unit_counts(rq->st, u.id, q.year, &c) == STORE_OK;
	counts_member(&w, &c);
	jw_key(&w, "items");
	jw_array(&w);
	ok = ok && store_list_page(rq->st, &q, &w, &next, &total) == STORE_OK;
	jw_end(&w);
	listing_cursor_member(&w, NULL, next);
	jw_kint(&w, "total", total);
	jw_end(&w);
	listing_reply(rp, &w, ok, "list");
}

/* ------------------------------------------------------------------ queue */


/* region=: a region within the caller's subtree; else the caller's own. */
static int queue_region(struct srv_req *rq, struct srv_reply *rp, struct queue_query *q)
{
	return listing_region(rq, rp, &q->region, &q->region_column);
}

/* unit=: a USCC (that unit, if visible) or part of a unit's name. */
static int queue_unit(struct srv_req *rq, struct srv_reply *rp, struct queue_query *q)
{
	const char *unit = srv_query(rq, "unit");
	struct unit_ref u;
	if (!unit || !*unit)
		return 0;
	if (strlen(unit) > WIRE_TEXT_MAX) {
		srv_problem(rp, 422, "invalid_field", "unit", "too long");
		return -1;
	}
	if (!uscc_valid(unit, NULL)) {
		q->unit_name = unit;
		return 0;
	}
	if (store_unit_ref(rq->st, unit, &u) != STORE_OK || !access_unit_visible(rq, &u) ||
	    !region_is_within(&rq->ctx->regions, u.federation_region, q->region)) {
		q->unit_id = -1; /* an unknown or foreign unit: nothing, not 404 */
		return 0;
	}
	q->unit_id = u.id;
	return 0;
}

/* from= / to=: registration dates YYYY-MM-DD, both ends included. */
static int queue_dates(struct srv_req *rq, struct srv_reply *rp, char from[12], char to[24])
{
	static const char *const keys[] = { "from", "to" };
	char *out[] = { from, to };
	for (int i = 0; i < 2; i++) {
		const char *v = srv_query(rq, keys[i]);
		struct ymd d;
		out[i][0] = '\0';
		if (!v || !*v)
			continue;
		if (strlen(v) != 10 || !date_parse(v, keys[i], &d, NULL)) {
			srv_problem(rp, 422, "invalid_field", keys[i], "expected a date YYYY-MM-DD");
			return -1;
		}
		snprintf(out[i], i ? 24 : 12, i ? "%s 23:59:59" : "%s", v);
	}
	if (from[0] && to[0] && strcmp(from, to) > 0) {
		srv_problem(rp, 422, "invalid_field", "to", "the range ends before it starts");
		return -1;
	}
	return 0;
}

void h_review_queue(struct srv_req *rq, struct srv_reply *rp)
{
	const char *status = srv_query(rq, "status");
	char at[20], from[12], to[24], next_at[20];
	int64_t next = 0, counts[2] = { 0, 0 }, total = 0;
	struct queue_query q = { 0 };
	if (listing_year(rq, rp, &q.year) != 0)
		return;
	q.status = status && *status ? wire_placement_status_parse(status) : PLACEMENT_STATUS_UNKNOWN;
	if (status && *status && !wire_placement_awaiting_review(q.status)) {
		srv_problem(rp, 422, "invalid_field", "status", "pending or pending_contract");
		return;
	}
	if (queue_region(rq, rp, &q) != 0 || queue_unit(rq, rp, &q) != 0 ||
	    queue_dates(rq, rp, from, to) != 0 ||
	    listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	q.from = from[0] ? from : NULL;
	q.to = to[0] ? to : NULL;
	q.after_at = at;
	struct jw w;
	jw_init(&w);
	jw_object(&w);
	jw_kint(&w, "year", q.year);
	jw_key(&w, "items");
	jw_array(&w);
	int ok = q.unit_id < 0 || store_queue_page(rq->st, &q, &w, next_at, &next, counts,
						   &total) == STORE_OK;
	jw_end(&w);
	jw_key(&w, "counts");
	jw_object(&w);
	jw_kint(&w, wire_placement_status_word(PLACEMENT_PENDING), counts[0]);
	jw_kint(&w, wire_placement_status_word(PLACEMENT_PENDING_CONTRACT), counts[1]);
	jw_end(&w);
	jw_kint(&w, "total", total);
	listing_cursor_member(&w, next_at, next);
	jw_end(&w);
	listing_reply(rp, &w, ok, "queue");
}
