/* queue_filter: the review queue's filters (SPEC §5.2) — region (a 盟市 or
 * 旗县区 within the reviewer's, found by name), unit (name or credit code),
 * status and registration dates — as the query the service takes and as the
 * line the screen shows. Pure but for the region table (base/region_name). */
#ifndef ANZHI_QUEUE_FILTER_H
#define ANZHI_QUEUE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "wire/enums.h"

struct queue_filter {
	char region[7];          /* "" = the reviewer's whole region */
	char unit[128];
	char from[11], to[11];   /* YYYY-MM-DD or "" */
	int status;              /* 0 both statuses awaiting review, then each */
};

/* "&region=150924&unit=%E5%AE%8F&status=pending&from=…&to=…" (escaped). */
void qf_query(const struct queue_filter *f, char *buf, size_t len);
/* "地区 兴和县  单位 宏达  待审核  申报时间 … 至 …", "" without filters. */
void qf_text(const struct queue_filter *f, char *buf, size_t len);
/* The next status filter (both, 待审核, 待审核(合同需审核), both …). */
void qf_next_status(struct queue_filter *f);
/* "2026-01-01 2026-01-31", "- 2026-01-31", "2026-01-01" or "": false (f
 * untouched) when a date is not YYYY-MM-DD. */
bool qf_set_dates(struct queue_filter *f, const char *text);
/* The region named by text (a name, part of one, or a code) within the
 * reviewer's region `within`; "" clears it. How many regions matched (the
 * first, highest level, is taken); 0: f untouched. */
int qf_set_region(struct queue_filter *f, const char *within, const char *text);

#endif
