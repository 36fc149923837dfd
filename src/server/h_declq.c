/* h_declq — 年审认证审核's queue: the declarations of one status (submitted
 * by default: awaiting the annual review) across the units of the caller's
 * region subtree, oldest first, keyset-paged, with each declaration's totals
 * (本次累计安置确认 N 个月, 累计安置核定 M 个月, placed persons). The reviewer
 * opens a unit's persons and months with the placement list. */
#include <stdio.h>

#include "core/count.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/store.h"

struct page {
	struct srv_req *rq;
	struct jw *w;
};

static void kstr_or_null(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s && *s ? s : NULL);
}

static int write_item(void *arg, const struct decl_item *it)
{
	struct page *pg = arg;
	struct jw *w = pg->w;
	char persons[32] = "0.00";
	if (pg->rq->ctx->have_policy)
		count_format_persons(&pg->rq->ctx->policy,
				     count_placed_persons((long)it->y->months_counted), persons,
				     sizeof persons);
	jw_object(w);
	jw_kstr(w, "uscc", it->uscc);
	jw_kstr(w, "unit_name", it->unit_name);
	jw_kstr(w, "federation_region", it->federation_region);
	jw_kstr(w, "status", wire_declaration_word(it->y->status));
	jw_kint(w, "months_confirmed", it->y->months_confirmed);
	jw_kint(w, "months_counted", it->y->months_counted);
	jw_kstr(w, "placed_persons", persons);
	kstr_or_null(w, "submitted_at", it->y->submitted_at);
	kstr_or_null(w, "reviewed_at", it->y->reviewed_at);
	kstr_or_null(w, "status_at", it->y->status_at);
	jw_key(w, "feedback_pending");
	jw_bool(w, it->y->feedback_id != 0);
	jw_key(w, "cancellation_pending");
	jw_bool(w, it->y->cancellation_id != 0);
	jw_kint(w, "version", it->y->version);
	jw_end(w);
	return 0;
}

void h_decl_queue(struct srv_req *rq, struct srv_reply *rp)
{
	const char *status = srv_query(rq, "status");
	char at[20], next_at[20];
	int64_t next = 0;
	struct overview_counts oc;
	struct decl_query q = { .status = DECLARATION_SUBMITTED };
	if (status && *status) {
		q.status = wire_declaration_parse(status);
		if (q.status == DECLARATION_STATUS_UNKNOWN || q.status == DECLARATION_OPEN) {
			srv_problem(rp, 422, "invalid_field", "status",
				    "submitted, passed, failed, sent_to_tax or cancelled");
			return;
		}
	}
	if (listing_year(rq, rp, &q.year) != 0 ||
	    listing_region(rq, rp, &q.region, &q.region_column) != 0 ||
	    listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	q.after_at = at;
	struct jw w;
	struct page pg = { rq, &w };
	jw_init(&w);
	jw_object(&w);
	jw_kint(&w, "year", q.year);
	jw_kstr(&w, "region", q.region);
	jw_kstr(&w, "status", wire_declaration_word(q.status));
	jw_key(&w, "items");
	jw_array(&w);
	int ok = store_decl_page(rq->st, &q, write_item, &pg, next_at, &next) == STORE_OK &&
		 store_overview(rq->st, q.region, q.year, &oc) == STORE_OK;
	jw_end(&w);
	jw_kint(&w, "total", ok ? oc.status[q.status] : 0);
	listing_cursor_member(&w, next_at, next);
	jw_end(&w);
	listing_reply(rp, &w, ok, "queue");
}
