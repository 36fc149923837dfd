/* date: civil dates and month indices (see date.h). */
#include <string.h>

#include "core/date.h"

int ym_make(int year, int month) { return year * 12 + (month - 1); }
int ym_year(int ym) { return ym / 12; }
int ym_month(int ym) { return ym % 12 + 1; }
int ym_of(struct ymd d) { return ym_make(d.y, d.m); }

struct ymd ym_first_day(int ym)
{
	return (struct ymd){ym_year(ym), ym_month(ym), 1};
}

struct ymd ym_last_day(int ym)
{
	int y = ym_year(ym), m = ym_month(ym);

	return (struct ymd){y, m, date_days_in_month(y, m)};
}

bool date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && date_is_leap(year));
}

bool date_valid(struct ymd d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

int date_cmp(struct ymd a, struct ymd b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long date_to_days(struct ymd d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct ymd date_from_days(long z)
{
	long era, doe, yoe, y, doy, mp, dd, mm;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	mm = mp < 10 ? mp + 3 : mp - 9;
	return (struct ymd){(int)(y + (mm <= 2)), (int)mm, (int)dd};
}

bool date_range_touches_month(struct ymd from, struct ymd to, int ym)
{
	return date_cmp(from, ym_last_day(ym)) <= 0 && date_cmp(to, ym_first_day(ym)) >= 0;
}

bool date_in_range(struct ymd d, struct ymd from, struct ymd to)
{
	return date_cmp(from, d) <= 0 && date_cmp(d, to) <= 0;
}

/* Reads n digits at s into *v; false at the first non-digit. */
static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

static bool bad_date(const char *field, const char *s, const char *want, struct core_error *err)
{
	return core_error_set(err, CORE_ERR_DATE, field ? field : "date",
			      "not a date: \"%.20s\", want %s", s ? s : "", want);
}

bool date_parse(const char *s, const char *field, struct ymd *out, struct core_error *err)
{
	struct ymd d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &d.y) || !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d))
		return bad_date(field, s, "YYYY-MM-DD", err);
	if (!date_valid(d))
		return core_error_set(err, CORE_ERR_DATE, field ? field : "date",
				      "no such calendar date: %s", s);
	*out = d;
	return true;
}

bool date_parse_compact(const char *s, const char *field, struct ymd *out, struct core_error *err)
{
	struct ymd d;

	if (!s || strlen(s) != 8 || !digits(s, 4, &d.y) || !digits(s + 4, 2, &d.m) ||
	    !digits(s + 6, 2, &d.d))
		return bad_date(field, s, "YYYYMMDD", err);
	if (!date_valid(d))
		return core_error_set(err, CORE_ERR_DATE, field ? field : "date",
				      "no such calendar date: %s", s);
	*out = d;
	return true;
}

bool ym_parse(const char *s, const char *field, int *ym, struct core_error *err)
{
	int y, m;

	if (!s || strlen(s) != 6 || !digits(s, 4, &y) || !digits(s + 4, 2, &m))
		return core_error_set(err, CORE_ERR_DATE, field ? field : "month",
				      "not a month: \"%.20s\", want YYYYMM", s ? s : "");
	if (y < 1 || m < 1 || m > 12)
		return core_error_set(err, CORE_ERR_DATE, field ? field : "month",
				      "no such month: %s", s);
	*ym = ym_make(y, m);
	return true;
}

/* Writes v (clamped to 0..10^n-1) as n digits: no sign, no truncation surprises. */
static void put_digits(char *p, int n, int v)
{
	if (v < 0)
		v = 0;
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format(struct ymd d, char buf[11])
{
	put_digits(buf, 4, d.y);
	buf[4] = '-';
	put_digits(buf + 5, 2, d.m);
	buf[7] = '-';
	put_digits(buf + 8, 2, d.d);
	buf[10] = '\0';
}

void ym_format(int ym, char buf[7])
{
	put_digits(buf, 4, ym_year(ym));
	put_digits(buf + 4, 2, ym_month(ym));
	buf[6] = '\0';
}
