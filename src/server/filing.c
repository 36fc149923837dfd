/* filing — see filing.h. */
#include "server/filing.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "server/eval.h"
#include "server/store.h"

static long day_number(const char *ymd)
{
	struct ymd d;
	if (!date_parse(ymd, "date", &d, NULL))
		return 0;
	struct tm tm = { .tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d };
	return (long)(timegm(&tm) / 86400);
}

int filing_days_left(const char *deadline)
{
	char now[20];
	eval_now(now);
	now[10] = '\0';
	return (int)(day_number(deadline) - day_number(now));
}

int filing_closed(struct store *st, int64_t unit_id, int year, const char **closed,
		  char deadline[11])
{
	struct business_year y;
	char reopened[20];
	*closed = NULL;
	deadline[0] = '\0';
	int rc = store_business_year_get(st, year, &y);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != STORE_OK || store_filing_reopened(st, unit_id, year, reopened) != STORE_OK)
		return -1;
	if (reopened[0])
		return 0;
	if (!y.open)
		*closed = "year_closed";
	else if (y.deadline[0] && filing_days_left(y.deadline) < 0) {
		*closed = "deadline_passed";
		snprintf(deadline, 11, "%.10s", y.deadline);
	}
	return 0;
}

void filing_fields(struct srv_req *rq, int64_t unit_id, int year, json_t *obj)
{
	struct business_year y;
	char reopened[20] = "";
	int have = store_business_year_get(rq->st, year, &y) == STORE_OK && y.deadline[0];
	json_object_set_new(obj, "deadline", have ? json_string(y.deadline) : json_null());
	json_object_set_new(obj, "days_left",
			    have ? json_integer(filing_days_left(y.deadline)) : json_null());
	if (unit_id > 0) {
		store_filing_reopened(rq->st, unit_id, year, reopened);
		json_object_set_new(obj, "filing_reopened", json_boolean(reopened[0] != '\0'));
	}
}
