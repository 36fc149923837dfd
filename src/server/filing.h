/* filing — the business years the administrator opens and the filing
 * deadline (申报截止日期) of each: units see the days left, and after the
 * deadline a declaration can be submitted only once the federation reopened
 * the unit's filing (POST …/reopen-filing). A year the administrator never
 * set up has no deadline. */
#ifndef ANZHI_SERVER_FILING_H
#define ANZHI_SERVER_FILING_H

#include <jansson.h>
#include <stdint.h>

#include "server/srv.h"
#include "server/store.h"

/* Days from today (Asia/Shanghai) to deadline "YYYY-MM-DD": 0 on the day
 * itself, negative after it. */
int filing_days_left(const char *deadline);

/* What the declaration's `submit` guard (decl_fsm.h GUARD_FILING) looks at:
 * *closed NULL when the unit may submit its declaration for year today, else
 * "year_closed" (the administrator closed the year) or "deadline_passed"
 * (past the deadline, not reopened: deadline is that date). -1 when the
 * store could not be read. */
int filing_closed(struct store *st, int64_t unit_id, int year, const char **closed,
		  char deadline[11]);

/* Adds "deadline" (date or null), "days_left" (or null) and, with a unit,
 * "filing_reopened" (bool) to a YEAR / USER object. unit_id 0: no unit. */
void filing_fields(struct srv_req *rq, int64_t unit_id, int year, json_t *obj);

#endif
