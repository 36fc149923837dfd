/* decl_docs — what the declaration's life asks of the sealed documents
 * (审核认定书; src/server/doc*, built beside this): the data a certification
 * shows, and its revocation when the declaration it certifies reopens or is
 * cancelled. The two functions are the whole interface between them. */
#ifndef ANZHI_SERVER_DECL_DOCS_H
#define ANZHI_SERVER_DECL_DOCS_H

#include <stdint.h>

#include "server/srv.h"
#include "server/store.h"

/* What a 审核认定书 certifies: the declaration as the annual review passed it
 * (frozen since: its months and totals no longer change). */
struct decl_certification {
	enum declaration_status status;  /* passed or sent_to_tax */
	char passed_at[20];              /* 审核时间: when the annual review passed it */
	char reviewer[64];               /* 审核人员 */
	int64_t months_confirmed;        /* 本次累计安置确认 N 个月 */
	int64_t months_counted;          /* 累计安置核定 M 个月 */
	char placed_persons[16];         /* counted ÷ 12, rounded as the policy says */
	int64_t version;                 /* the declaration's: a new pass is a new document */
};

/* 0 with c filled when the unit-year's declaration has passed (or was sent
 * to tax since); 1 when it has not (no certification may be issued); -1 on
 * a store error. */
int decl_certification_data(struct srv_ctx *ctx, struct store *st, int64_t unit_id, int year,
			    struct decl_certification *c);

/* The unit-year's certification no longer stands (its declaration reopened
 * or was cancelled): every one issued is revoked, at `at`, for `reason`; *n
 * how many. Runs in the caller's transaction. */
int decl_revoke_certification(struct store *st, int64_t unit_id, int year, const char *at,
			      const char *reason, int64_t *n);

#endif
