/* h_unit_search — GET /units?q=: federation staff find a unit by name or
 * USCC (the window, 窗口, SPEC §5.4; the administrator's units screen), among
 * the units of their region subtree (the administrator's: all; region=
 * narrows it), a page at a time. A whole valid USCC is
 * looked up by its key; any other text is part of a name or the start of a
 * USCC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "core/regions.h"
#include "server/access.h"
#include "server/handlers.h"
#include "server/jsonw.h"
#include "server/listing.h"
#include "server/store.h"
#include "wire/wire.h"

/* region=: the search's scope, as the units table's column of its level. */
static int search_region(struct srv_req *rq, struct srv_reply *rp, struct unit_query *q)
{
	if (listing_region(rq, rp, &q->region, &q->region_column) != 0)
		return -1;
	if (!q->region_column)
		return srv_problem(rp, 422, "invalid_field", "region", "no region to search");
	return 0;
}

/* "text" → "%text%" / "TEXT%" for LIKE … ESCAPE '!' (malloc'd). */
static char *like(const char *text, int contains, int upper)
{
	char *out = malloc(2 * strlen(text) + 3), *o = out;
	if (!out)
		return NULL;
	if (contains)
		*o++ = '%';
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '!')
			*o++ = '!';
		*o++ = upper && *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

void h_unit_search(struct srv_req *rq, struct srv_reply *rp)
{
	const char *text = srv_query(rq, "q");
	char at[20];
	int64_t next = 0;
	struct unit_ref u;
	struct unit_query q = { 0 };
	char *name_like = NULL, *uscc_like = NULL;
	int none = 0;
	if (search_region(rq, rp, &q) != 0 || listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	if (text && strlen(text) > WIRE_TEXT_MAX) {
		srv_problem(rp, 422, "invalid_field", "q", "too long");
		return;
	}
	if (text && uscc_valid(text, NULL)) {
		/* one unit by its key, if it lies in the region searched */
		none = store_unit_ref(rq->st, text, &u) != STORE_OK ||
		       !region_is_within(&rq->ctx->regions, u.federation_region, q.region);
		q.uscc = text;
	} else if (text && *text) {
		name_like = like(text, 1, 0);
		uscc_like = like(text, 0, 1);
		if (!name_like || !uscc_like) {
			srv_problem(rp, 500, "internal", NULL, "out of memory");
			goto out;
		}
		q.name_like = name_like;
		q.uscc_like = uscc_like;
	}
	struct jw w;
	jw_init(&w);
	jw_object(&w);
	jw_key(&w, "items");
	jw_array(&w);
	int ok = none || store_unit_page(rq->st, &q, &w, &next) == STORE_OK;
	jw_end(&w);
	listing_cursor_member(&w, NULL, next);
	jw_end(&w);
	listing_reply(rp, &w, ok, "units");
out:
	free(name_like);
	free(uscc_like);
}
