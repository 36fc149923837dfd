/* decl_docs — see decl_docs.h: the declaration's side of the 审核认定书,
 * whose register of issued documents is the documents' own (store_docs.c). */
#include "server/decl_docs.h"

#include <stdio.h>
#include <string.h>

#include "core/count.h"

int decl_certification_data(struct srv_ctx *ctx, struct store *st, int64_t unit_id, int year,
			    struct decl_certification *c)
{
	struct year_row y;
	memset(c, 0, sizeof *c);
	if (store_year_get(st, unit_id, year, &y) != STORE_OK)
		return -1;
	if (!wire_declaration_passed(y.status))
		return 1;
	c->status = y.status;
	snprintf(c->passed_at, sizeof c->passed_at, "%s", y.reviewed_at);
	snprintf(c->reviewer, sizeof c->reviewer, "%s", y.reviewer);
	c->months_confirmed = y.months_confirmed;
	c->months_counted = y.months_counted;
	c->version = y.version;
	snprintf(c->placed_persons, sizeof c->placed_persons, "0.00");
	if (ctx->have_policy)
		count_format_persons(&ctx->policy, count_placed_persons((long)y.months_counted),
				     c->placed_persons, sizeof c->placed_persons);
	return 0;
}

int decl_revoke_certification(struct store *st, int64_t unit_id, int year, const char *at,
			      const char *reason, int64_t *n)
{
	*n = 0;
	return store_documents_revoke_unit(st, unit_id, year, "certification", at, reason, n) ==
			       STORE_ERROR
		       ? -1
		       : 0;
}
