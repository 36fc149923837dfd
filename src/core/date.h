/* date: civil (proleptic Gregorian) dates and month indices.
 * A month is an int "ym" = year*12 + (month-1), so month arithmetic is +/-
 * and comparison is <.  Strict parsers for "YYYY-MM-DD" and "YYYYMM". */
#ifndef ANZHI_CORE_DATE_H
#define ANZHI_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include "core/error.h"

struct ymd {
	int y, m, d;        /* m 1..12, d 1..31 */
};

/* A date far in the future, used for open-ended validity ("to": null). */
#define DATE_OPEN_END ((struct ymd){9999, 12, 31})

int  ym_make(int year, int month);          /* month 1..12 */
int  ym_year(int ym);
int  ym_month(int ym);                      /* 1..12 */
int  ym_of(struct ymd d);                   /* the month a date falls in */
struct ymd ym_first_day(int ym);
struct ymd ym_last_day(int ym);

bool date_is_leap(int year);
int  date_days_in_month(int year, int month);  /* 0 when month is out of 1..12 */
bool date_valid(struct ymd d);               /* a real calendar date, year 1..9999 */
int  date_cmp(struct ymd a, struct ymd b);   /* <0, 0, >0 */
/* Days since 1970-01-01 (negative before); inverse date_from_days. */
long date_to_days(struct ymd d);
struct ymd date_from_days(long days);
/* True when [from, to] (inclusive) has at least one day in month ym. */
bool date_range_touches_month(struct ymd from, struct ymd to, int ym);
/* True when from <= d <= to. */
bool date_in_range(struct ymd d, struct ymd from, struct ymd to);

/* "2025-01-31" exactly (10 chars, valid calendar date).  field names the input
 * in err ("contracts[0].start"); may be NULL. */
bool date_parse(const char *s, const char *field, struct ymd *out, struct core_error *err);
/* "202501" exactly (6 digits, month 01..12). */
bool ym_parse(const char *s, const char *field, int *ym, struct core_error *err);
/* "YYYYMMDD" (as inside an ID number). */
bool date_parse_compact(const char *s, const char *field, struct ymd *out, struct core_error *err);

/* buf needs 11 bytes: "2025-01-31". */
void date_format(struct ymd d, char buf[11]);
/* buf needs 7 bytes: "202501". */
void ym_format(int ym, char buf[7]);

#endif
