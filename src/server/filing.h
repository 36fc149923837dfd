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

/* Days from today (Asia/Shanghai) to deadline "YYYY-MM-DD": 0 on the day
 * itself, negative after it. */
int filing_days_left(const char *deadline);

/* THE deadline guard of the declaration's `submit` (the state machine puts
 * it in its table): 0 when the unit may submit its declaration for year
 * today; else -1 with 409 in rp — `year_closed` (the administrator closed
 * the year) or `deadline_passed` (past the deadline, not reopened). */
int filing_submit_allowed(struct srv_req *rq, struct srv_reply *rp, int64_t unit_id, int year);

/* Adds "deadline" (date or null), "days_left" (or null) and, with a unit,
 * "filing_reopened" (bool) to a YEAR / USER object. unit_id 0: no unit. */
void filing_fields(struct srv_req *rq, int64_t unit_id, int year, json_t *obj);

#endif
