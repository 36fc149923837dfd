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
#include "server/cursor.h"
#include "server/handlers.h"
#include "server/jsonw.h"
#include "server/store.h"
#include "wire/wire.h"

/* limit (1–500, default 50) and cursor, shared by both lists. */
static int page_params(struct srv_req *rq, struct srv_reply *rp, int *limit, char at[20],
		       int64_t *after)
{
	const char *limit_s = srv_query(rq, "limit"), *cursor = srv_query(rq, "cursor");
	char *end = NULL;
	long l = limit_s ? strtol(limit_s, &end, 10) : 50;
	if ((limit_s && (*end || end == limit_s)) || l < 1 || l > 500) {
		srv_problem(rp, 422, "invalid_field", "limit", "limit is 1–500");
		return -1;
	}
	*limit = (int)l;
	at[0] = '\0';
	*after = 0;
	if (cursor && *cursor && cursor_decode(cursor, at, after) != 0) {
		srv_problem(rp, 422, "invalid_field", "cursor",
			    "not a cursor of this list: send next_cursor as it came");
		return -1;
	}
	return 0;
}

static void cursor_member(struct jw *w, const char *at, int64_t id)
{
	char c[CURSOR_MAX];
	jw_key(w, "next_cursor");
	if (id <= 0) {
		jw_null(w);
		return;
	}
	cursor_encode(at, id, c);
	jw_str(w, c);
}

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

/* Sends the written page, or a 500 when writing it failed. */
static void reply_page(struct srv_reply *rp, struct jw *w, int ok, const char *what)
{
	size_t len;
	char *text = ok ? jw_take(w, &len) : NULL;
	if (!text) {
		jw_free(w);
		srv_problem(rp, 500, "internal", NULL, "could not read the %s", what);
		return;
	}
	srv_json_text(rp, 200, text, len);
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
	if (page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
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
	cursor_member(&w, NULL, next);
	jw_kint(&w, "total", total);
	jw_end(&w);
	reply_page(rp, &w, ok, "list");
}

/* ------------------------------------------------------------------ queue */

/* The index column for a region at its level. */
static const char *region_column(const struct region_table *t, const char *code)
{
	switch (regions_level(t, code)) {
	case 1:
		return "region_province";
	case 2:
		return "region_city";
	case 3:
		return "region_county";
	default:
		return NULL;
	}
}

/* region=: a region within the caller's subtree; else the caller's own. */
static int queue_region(struct srv_req *rq, struct srv_reply *rp, struct queue_query *q)
{
	const struct region_table *t = &rq->ctx->regions;
	const char *given = srv_query(rq, "region");
	const char *mine = rq->user.region[0] ? rq->user.region : NULL;
	if (given && *given) {
		if (!regions_find(t, given) || (mine && !region_is_within(t, given, mine))) {
			srv_problem(rp, 422, "invalid_field", "region",
				    "region %.12s is not a region within yours", given);
			return -1;
		}
		q->region = given;
	} else if (mine) {
		q->region = mine;
	} else {
		/* an administrator: the whole tree, from its root */
		for (size_t i = 0; i < t->n && !q->region; i++)
			if (!t->rows[i].parent[0])
				q->region = t->rows[i].code;
	}
	q->region_column = q->region ? region_column(t, q->region) : NULL;
	return 0;
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
	const char *ys = srv_query(rq, "year"), *status = srv_query(rq, "status");
	char at[20], from[12], to[24], next_at[20];
	int64_t next = 0, counts[2] = { 0, 0 }, total = 0;
	struct queue_query q = { 0 };
	char *end = NULL;
	long year = ys && *ys ? strtol(ys, &end, 10) : rq->ctx->cfg.year;
	if ((end && *end) || year < 2000 || year > 2100) {
		srv_problem(rp, 422, "invalid_field", "year", "year is 2000–2100");
		return;
	}
	q.year = (int)year;
	q.status = status && *status ? wire_placement_status_parse(status) : PLACEMENT_STATUS_UNKNOWN;
	if (status && *status && !wire_placement_awaiting_review(q.status)) {
		srv_problem(rp, 422, "invalid_field", "status", "pending or pending_contract");
		return;
	}
	if (queue_region(rq, rp, &q) != 0 || queue_unit(rq, rp, &q) != 0 ||
	    queue_dates(rq, rp, from, to) != 0 || page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
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
	cursor_member(&w, next_at, next);
	jw_end(&w);
	reply_page(rp, &w, ok, "queue");
}
