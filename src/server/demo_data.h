/* demo_data — the demo's people, units and accounts as data tables. */
#ifndef ANZHI_SERVER_DEMO_DATA_H
#define ANZHI_SERVER_DEMO_DATA_H

#include "wire/enums.h"

/* Scenario letters of a demo person in the business year (see demo.c):
 *  '.' every check passes          'W' no wage in months 7–9
 *  'L' wage below minimum 1–3      'O' social insurance paid by another unit 1–6
 *  'C' certificate ends mid-year   'M' no medical insurance 10–12
 *  'R' reaches retirement age      'D' dispatch (劳务派遣) contract
 *  'H' registered for months 1–6 only      'N' no months registered yet */
struct demo_person {
	const char *name;
	char gender;         /* 'm' / 'f' */
	const char *birth;   /* YYYYMMDD */
	const char *county;  /* GB/T 2260 code: the ID's region digits */
	int category;        /* 1..7 */
	int level;           /* 1..4 */
	int unit;            /* index into demo_units; -1: not placed this year */
	char scenario;
	char review;         /* '.' none, 'm' materials → pending, 'v' reviewer 有效,
				'i' reviewer 无效 for the failed months, 'x' 无效 for all */
	int last_year_unit;  /* placed last year at this unit; -1: no */
};

struct demo_unit {
	const char *first17;   /* USCC without its check character */
	const char *name;
	const char *kind;
	const char *region;    /* federation / tax / admin region */
	const char *industry;
	const char *address;
	const char *legal_name;
	int staff;
	const char *wages_last_year;    /* 上年度在职职工工资总额, yuan */
	const char *status_this_year;   /* declaration status */
	const char *status_last_year;
	const char *institution_category; /* 事业单位类别 (institutions), else NULL */
};

struct demo_account {
	const char *username;
	const char *display_name;
	const char *role;
	int unit;              /* index or -1 */
	const char *region;    /* or NULL */
};

extern const struct demo_person demo_persons[];
extern const int demo_person_count;
extern const struct demo_unit demo_units[];
extern const int demo_unit_count;
extern const struct demo_account demo_accounts[];
extern const int demo_account_count;
extern const char demo_password[];

#endif
