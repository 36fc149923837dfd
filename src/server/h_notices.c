/* h_notices — 通知公告: a user's notices (to their unit, to a region subtree
 * their unit's federation department is in, or to everyone; staff see those
 * of their subtree and of the regions above it, the administrator all),
 * marking one read, and federation staff publishing to the units of their
 * region. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/store.h"
#include "wire/wire.h"

#define NOTICE_TITLE_MAX 200
#define NOTICE_BODY_MAX 10000

/* Who u is as a reader; ref holds the codes a points to. */
static void audience_of(struct srv_req *rq, const struct srv_user *u, struct notice_audience *a,
			struct unit_ref *ref)
{
	memset(a, 0, sizeof *a);
	memset(ref, 0, sizeof *ref);
	a->user_id = u->id;
	if (u->role_bit & SRV_ROLE_ADMIN) {
		a->all = 1;
	} else if (u->role_bit & SRV_ROLES_REGION) {
		/* the subtree, and the notices published above it: its ancestors */
		a->staff_region = u->region;
		const char *c = u->region;
		char *up[3] = { ref->federation_region, ref->region_city, ref->region_province };
		for (int i = 0; i < 3 && c; i++, c = regions_parent(&rq->ctx->regions, c)) {
			snprintf(up[i], 7, "%.6s", c);
			a->levels[i] = up[i];
		}
	} else {
		a->uscc = u->unit;
		if (store_unit_ref(rq->st, u->unit, ref) == STORE_OK) {
			a->levels[0] = ref->federation_region;
			a->levels[1] = ref->region_city;
			a->levels[2] = ref->region_province;
		}
	}
}

int notices_unread(struct srv_req *rq, const struct srv_user *u, int64_t *n)
{
	struct notice_audience a;
	struct unit_ref ref;
	audience_of(rq, u, &a, &ref);
	return store_notice_unread(rq->st, &a, n);
}

void h_notice_list(struct srv_req *rq, struct srv_reply *rp)
{
	struct notice_audience a;
	struct unit_ref ref;
	char at[20], next_at[20];
	int64_t before, next, unread = 0;
	int limit;
	if (listing_page_params(rq, rp, &limit, at, &before) != 0)
		return;
	audience_of(rq, &rq->user, &a, &ref);
	json_t *items = json_array();
	if (store_notice_page(rq->st, &a, at, before, limit, items, next_at, &next) != STORE_OK ||
	    store_notice_unread(rq->st, &a, &unread) != STORE_OK) {
		json_decref(items);
		srv_problem(rp, 500, "internal", NULL, "could not read the notices");
		return;
	}
	srv_json(rp, 200, json_pack("{s:o, s:I, s:o}", "items", items, "unread", (json_int_t)unread,
				    "next_cursor", listing_cursor_json(next_at, next)));
}

void h_notice_read(struct srv_req *rq, struct srv_reply *rp)
{
	struct notice_audience a;
	struct unit_ref ref;
	char *end;
	int again = 0;
	long long id = strtoll(rq->params[0], &end, 10);
	audience_of(rq, &rq->user, &a, &ref);
	if (*end || id <= 0 || store_notice_read(rq->st, &a, id, &again) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "no such notice");
		return;
	}
	/* a repeated read is not audited again */
	if (again || access_audit(rq, rp, "notice", rq->params[0], "read", NULL, NULL) == 0)
		srv_json(rp, 204, NULL);
}

static int clean_text(struct srv_reply *rp, const json_t *body, const char *key, size_t max,
		      const char **out)
{
	json_t *v = json_object_get(body, key);
	*out = json_string_value(v);
	if (!v || (json_is_string(v) && !**out))
		return srv_problem(rp, 422, "missing_field", key, "%s is required", key), -1;
	if (!json_is_string(v) || strlen(*out) > max || !wire_text_ok(*out, strlen(*out)))
		return srv_problem(rp, 422, "invalid_field", key,
				   "at most %zu bytes of UTF-8 text without control characters",
				   max), -1;
	return 0;
}

/* The body may hold line breaks (paragraphs); each line is clean text. */
static int clean_body(struct srv_reply *rp, const json_t *body, const char **out)
{
	json_t *v = json_object_get(body, "body");
	*out = json_string_value(v);
	if (!v || (json_is_string(v) && !**out))
		return srv_problem(rp, 422, "missing_field", "body", "body is required"), -1;
	if (!json_is_string(v) || strlen(*out) > NOTICE_BODY_MAX)
		return srv_problem(rp, 422, "invalid_field", "body", "at most %d bytes of text",
				   NOTICE_BODY_MAX), -1;
	for (const char *line = *out; *line;) {
		size_t n = strcspn(line, "\n");
		if (!wire_text_ok(line, n))
			return srv_problem(rp, 422, "invalid_field", "body",
					   "UTF-8 text without control characters (line breaks "
					   "allowed)"), -1;
		line += n + (line[n] == '\n');
	}
	return 0;
}

/* POST /notices {"title","body","region"}: region is the audience — a code
 * within the publisher's subtree (default: the publisher's region); only the
 * administrator may address everyone (region null) or any region. */
void h_notice_create(struct srv_req *rq, struct srv_reply *rp)
{
	const char *title, *text, *region;
	char now[20], id_text[24];
	int64_t id;
	const json_t *b = rq->body;
	if (!json_is_object(b)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"title\",\"body\",\"region\"}");
		return;
	}
	if (clean_text(rp, b, "title", NOTICE_TITLE_MAX, &title) != 0 || clean_body(rp, b, &text) != 0)
		return;
	json_t *rv = json_object_get(b, "region");
	int admin = (rq->user.role_bit & SRV_ROLE_ADMIN) != 0;
	region = json_is_string(rv) ? json_string_value(rv) : NULL;
	if (rv && !json_is_string(rv) && !json_is_null(rv)) {
		srv_problem(rp, 422, "invalid_field", "region", "a region code or null");
		return;
	}
	if (!rv && !admin)
		region = rq->user.region;
	if (!region && !admin) {
		srv_problem(rp, 422, "invalid_field", "region",
			    "only the administrator addresses every unit: name a region");
		return;
	}
	if (region && !regions_find(&rq->ctx->regions, region)) {
		srv_problem(rp, 422, "invalid_field", "region", "unknown region code");
		return;
	}
	if (region && !admin && !region_is_within(&rq->ctx->regions, region, rq->user.region)) {
		srv_problem(rp, 422, "invalid_field", "region",
			    "outside your region %s: publish to it or to a region within it",
			    rq->user.region);
		return;
	}
	eval_now(now);
	if (store_notice_publish(rq->st, region, title, text, now, rq->user.id, &id) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not publish the notice");
		return;
	}
	json_t *n = json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:s}", "id", (json_int_t)id, "title",
			      title, "body", text, "created_at", now, "read", 0, "region",
			      region ? json_string(region) : json_null(), "author",
			      rq->user.display_name);
	snprintf(id_text, sizeof id_text, "%lld", (long long)id);
	if (access_audit(rq, rp, "notice", id_text, "publish", NULL, n) != 0) {
		json_decref(n);
		return;
	}
	srv_json(rp, 201, n);
}
