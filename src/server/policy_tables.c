/* policy_tables — see policy_tables.h. */
#include "server/policy_tables.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/regions.h"

static struct {
	pthread_mutex_t lock;
	struct cached {
		int64_t id;
		struct policy *p;
	} *items;
	size_t n, cap;
} C = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void shipped_row(const struct srv_ctx *ctx, struct policy_row *row)
{
	memset(row, 0, sizeof *row);
	snprintf(row->region, sizeof row->region, "%s", ctx->policy.region);
	snprintf(row->version, sizeof row->version, "%s", ctx->policy.version);
	date_format(ctx->policy.valid.from, row->valid_from);
	if (ctx->policy.valid.to.y != DATE_OPEN_END.y)
		date_format(ctx->policy.valid.to, row->valid_to);
}

int policy_tables_choose(struct srv_ctx *ctx, struct store *st, const char *region, int year,
		    struct policy_row *row)
{
	char from[11], to[11];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	for (const char *c = region; c && *c; c = regions_parent(&ctx->regions, c)) {
		int rc = store_policy_table_for(st, c, from, to, row);
		if (rc == STORE_OK)
			return 0;
		if (rc == STORE_ERROR)
			break;
		if (!regions_find(&ctx->regions, c))
			break;
	}
	shipped_row(ctx, row);
	return 0;
}

/* The parsed table of upload id, parsed on first use and kept. */
static const struct policy *cached(struct store *st, int64_t id)
{
	const struct policy *found = NULL;
	pthread_mutex_lock(&C.lock);
	for (size_t i = 0; i < C.n && !found; i++)
		if (C.items[i].id == id)
			found = C.items[i].p;
	pthread_mutex_unlock(&C.lock);
	if (found)
		return found;
	char *body = store_policy_table_body(st, id);
	struct policy *p = body ? malloc(sizeof *p) : NULL;
	struct core_error ce;
	char origin[32];
	snprintf(origin, sizeof origin, "upload %lld", (long long)id);
	int ok = p && policy_load(body, origin, p, &ce);
	free(body);
	if (!ok) {
		free(p);
		return NULL;
	}
	pthread_mutex_lock(&C.lock);
	if (C.n == C.cap) {
		size_t cap = C.cap ? C.cap * 2 : 8;
		struct cached *n = realloc(C.items, cap * sizeof *n);
		if (n) {
			C.items = n;
			C.cap = cap;
		}
	}
	if (C.n < C.cap) {
		C.items[C.n++] = (struct cached){ id, p };
		found = p;
	}
	pthread_mutex_unlock(&C.lock);
	if (!found)
		free(p);
	return found;
}

const struct policy *policy_tables_in_force(struct srv_ctx *ctx, struct store *st,
				       const char *region, int year)
{
	struct policy_row row;
	const struct policy *p = NULL;
	if (policy_tables_choose(ctx, st, region, year, &row) == 0 && row.id > 0)
		p = cached(st, row.id);
	return p ? p : &ctx->policy;
}

const struct policy *policy_tables_for_unit(struct srv_ctx *ctx, struct store *st, int64_t unit_id,
				       int year)
{
	struct unit_ref u;
	if (store_unit_ref_by_id(st, unit_id, &u) != STORE_OK)
		return &ctx->policy;
	return policy_tables_in_force(ctx, st, u.federation_region, year);
}

void policy_tables_shutdown(void)
{
	pthread_mutex_lock(&C.lock);
	for (size_t i = 0; i < C.n; i++)
		free(C.items[i].p);
	free(C.items);
	C.items = NULL;
	C.n = C.cap = 0;
	pthread_mutex_unlock(&C.lock);
}
