/* h_history — GET /placements/{id}/history: who registered the person,
 * uploaded, decided each month, reopened, submitted…, when, from which
 * address, before → after — read back from the audit the service writes
 * (SPEC §3: the append-only audit log), newest first, a keyset page at a
 * time. A unit sees its own placements' history without other people's
 * addresses and with their ID numbers masked; federation staff see all of
 * their region's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/cursor.h"
#include "server/handlers.h"
#include "server/history.h"
#include "server/store.h"

struct page {
	struct srv_req *rq;
	json_t *items;
	int unit_side;            /* the caller is the unit's own user or agent */
};

static json_t *doc(const char *text)
{
	return text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static int add_row(void *arg, const struct history_row *r)
{
	struct page *pg = arg;
	enum history_action act = history_action_of(r->entity, r->action);
	if (act == HISTORY_UNKNOWN)
		return 0;
	json_t *before = doc(r->before), *after = doc(r->after), *b, *a;
	history_changes(before, after, &b, &a);
	json_decref(before);
	json_decref(after);
	int others = pg->unit_side && r->user_id != pg->rq->user.id;
	if (others) {   /* what the unit may not see of other people's actions */
		history_mask_ids(b);
		history_mask_ids(a);
	}
	json_array_append_new(pg->items, json_pack("{s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:o}",
		"at", r->at, "user", str_or_null(r->username), "display_name",
		str_or_null(r->display_name), "role", str_or_null(r->role), "ip",
		others ? json_null() : str_or_null(r->ip), "action", wire_history_word(act),
		"before", b ? b : json_null(), "after", a ? a : json_null()));
	return 0;
}

void h_placement_history(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	const char *limit_s = srv_query(rq, "limit"), *cursor = srv_query(rq, "cursor");
	char decl[64], at[20], next_text[CURSOR_MAX];
	int64_t before_id = 0, next = 0;
	char *end = NULL;
	long limit = limit_s ? strtol(limit_s, &end, 10) : 50;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	if ((limit_s && (*end || end == limit_s)) || limit < 1 || limit > 100) {
		srv_problem(rp, 422, "invalid_field", "limit", "limit is 1–100");
		goto out;
	}
	if (cursor && *cursor && (cursor_decode(cursor, at, &before_id) != 0 || before_id <= 0)) {
		srv_problem(rp, 422, "invalid_field", "cursor",
			    "not a cursor of this history: send next_cursor as it came");
		goto out;
	}
	/* the declaration's rows are named as h_year.c names them */
	snprintf(decl, sizeof decl, "%s/%d", p.uscc, p.year);
	struct page pg = { rq, json_array(), (rq->user.role_bit & SRV_ROLES_UNIT) != 0 };
	if (store_history_page(rq->st, p.id, decl, before_id, (int)limit, add_row, &pg, &next) !=
	    STORE_OK) {
		json_decref(pg.items);
		srv_problem(rp, 500, "internal", NULL, "could not read the history");
		goto out;
	}
	if (next > 0)
		cursor_encode(NULL, next, next_text);
	srv_json(rp, 200, json_pack("{s:o, s:o}", "items", pg.items, "next_cursor",
				    next > 0 ? json_string(next_text) : json_null()));
out:
	placement_free(&p);
}
