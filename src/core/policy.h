/* policy: the provincial policy tables of SPEC §9, loaded from JSON text
 * (data/policy/<region>.json; schema in doc/policy.md).  All policy numbers —
 * quota, tiers, caps, wages, retirement rule, reward, rounding — come from here,
 * never from constants in code.  A struct policy is plain data (fixed arrays,
 * nothing to free).  jansson is used only inside policy_load. */
#ifndef ANZHI_CORE_POLICY_H
#define ANZHI_CORE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/error.h"
#include "core/money.h"

enum unit_kind {
	UNIT_ENTERPRISE, UNIT_INSTITUTION, UNIT_GOVERNMENT, UNIT_ORGANISATION,
	UNIT_PRIVATE_NONENTERPRISE, UNIT_OTHER, UNIT_KIND__COUNT
};
/* API words: "enterprise" "institution" "government" "organisation"
 * "private_nonenterprise" "other". */
const char *policy_unit_kind_name(enum unit_kind k);
bool policy_unit_kind_parse(const char *s, enum unit_kind *out);

/* 事业单位类别 of an institution (unit kind "institution"): 承担行政职能的,
 * 公益一类, 公益二类, 从事生产经营活动的. */
enum institution_category {
	INSTITUTION_ADMINISTRATIVE, INSTITUTION_PUBLIC_WELFARE_1, INSTITUTION_PUBLIC_WELFARE_2,
	INSTITUTION_BUSINESS, INSTITUTION_CATEGORY__COUNT
};
/* "administrative" "public_welfare_1" "public_welfare_2" "business". */
const char *policy_institution_category_name(enum institution_category c);
bool policy_institution_category_parse(const char *s, enum institution_category *out);

enum cert_type { CERT_DISABILITY, CERT_VETERAN, CERT_TYPE__COUNT };
/* "disability" / "veteran". */
const char *policy_cert_type_name(enum cert_type t);
bool policy_cert_type_parse(const char *s, enum cert_type *out);

/* Retirement groups of SPEC §10 (the original statutory age). */
enum retire_group { RETIRE_MALE, RETIRE_FEMALE55, RETIRE_FEMALE50, RETIRE_GROUP__COUNT };
/* "male" "female55" "female50" (the API's PERSON.retire_group words). */
const char *policy_retire_group_name(enum retire_group g);
bool policy_retire_group_parse(const char *s, enum retire_group *out);

struct policy_period { struct ymd from, to; };   /* inclusive; to = DATE_OPEN_END when open */

#define POLICY_MAX_ROWS 16
#define POLICY_MAX_YEARS 48
#define POLICY_AREA_CLASSES 3   /* 一类/二类/三类: the classes units record (wage_area_class) */
#define POLICY_MAX_AREA_CLASSES 4   /* older tables had a 四类 too */

/* A certificate counts `weight` persons when its type matches and its level is
 * in levels_mask (bit n = level n; 0 = any) and its category is in
 * categories_mask (bit n = category n; 0 = any). */
struct policy_weight_rule {
	enum cert_type type;
	unsigned levels_mask;
	unsigned categories_mask;
	int weight;
	char source[96];
};

/* placed/staff in [min, below) pays `factor` of the computed levy.  In the
 * JSON "below": "quota" stands for the quota ratio itself. */
struct policy_tier {
	struct policy_period valid;
	struct dec min;
	struct dec below;
	struct dec factor;
};

/* Units of a kind in kinds_mask (bit = enum unit_kind) with staff <= staff_max
 * pay no levy. */
struct policy_exemption {
	struct policy_period valid;
	int staff_max;
	unsigned kinds_mask;
};

struct policy_wage_cap {
	struct policy_period valid;
	int multiple;       /* avg wage capped at multiple × social average wage */
};

struct policy_social_wage {
	int year;
	int64_t annual_fen; /* local social average wage of that year (annual) */
	bool example;       /* true when not the official figure (see note) */
};

/* A minimum wage table in force for a period.  Its areas are classified by a
 * named scheme (the notice's annex); a unit's recorded class belongs to the
 * policy's min_wage_area_scheme, so a row of another scheme (Inner Mongolia's
 * four classes before 2021-12) cannot say which of its rates is the unit's. */
struct policy_min_wage {
	struct policy_period valid;
	bool other_scheme;              /* classified otherwise than units record */
	int n_classes;                  /* POLICY_AREA_CLASSES unless other_scheme */
	int64_t monthly_fen[POLICY_MAX_AREA_CLASSES];   /* index 0 = 一类 */
};

/* What the table knows of a unit's monthly minimum wage in a month. */
enum min_wage_known {
	MIN_WAGE_KNOWN,         /* fen: the rate of the unit's area class */
	MIN_WAGE_NO_ROW,        /* no table covers the month */
	MIN_WAGE_OTHER_SCHEME,  /* the month's table classifies areas otherwise:
				 * only its lowest and highest rates are certain bounds */
};
struct min_wage_lookup {
	enum min_wage_known known;
	int64_t fen;            /* MIN_WAGE_KNOWN */
	int64_t low_fen;        /* MIN_WAGE_OTHER_SCHEME: the row's lowest rate */
	int64_t high_fen;       /*   and its highest */
};

/* SPEC §10.  Retirement month = birth month + base_years*12 + delay, where
 * k = birth ym − first_birth ym, delay = k < 0 ? 0 : min(max_months, k/step + 1). */
struct policy_retire_rule {
	int base_years;
	int first_birth_ym;     /* ym of the first affected birth month */
	int step_months;        /* 4, or 2 for the female50 group */
	int max_months;         /* 36, or 60 */
};
struct policy_age {
	int start_years;                /* 16 */
	bool start_month_included;      /* the month one turns 16 counts */
	bool retire_month_included;     /* false: employment age ends the month before */
	struct policy_retire_rule retire[RETIRE_GROUP__COUNT];
	enum retire_group female_default;   /* used when a woman's group is unknown */
};

/* Which month's minimum wage the reward uses. */
enum policy_wage_month {
	POLICY_WAGE_DATA_YEAR_END,      /* December of the reward's data year */
	POLICY_WAGE_DATA_YEAR_START,    /* January of the data year */
};

struct policy_reward {
	struct policy_period valid;     /* applications accepted in this period */
	struct dec multiplier;          /* 5 */
	bool strictly_above_quota;      /* placed/staff > quota (不含1.5%) */
	struct dec min_excess;          /* the excess must be >= this (1人, 含1人) */
	int default_area_class;         /* 1..3 */
	enum policy_wage_month wage_month;
	/* the required count (staff × quota) and the excess are exact (SPEC §7.2);
	 * only the persons rewarded are whole: the excess rounded so (0, down) */
	int excess_places;
	enum round_mode excess_mode;
	/* who may not be rewarded (fiscally funded units; 集中安置 units on the
	 * VAT refund) and whose persons count (household registration in the
	 * policy's province) */
	unsigned excluded_kinds_mask;           /* bit = enum unit_kind */
	unsigned excluded_categories_mask;      /* bit = enum institution_category */
	bool exclude_concentrated_vat_refund;
	bool local_hukou;
};

#define POLICY_MAX_EDUCATIONS 9
struct policy_graduate {
	int64_t amount_fen;     /* per graduate per year */
	bool example;
	char note[160];
	/* conditions: a graduate counts with at least min_months qualifying
	 * months in the year and one of these education words (PERSON.education) */
	int min_months;
	char educations[POLICY_MAX_EDUCATIONS][16];
	int n_educations;
};

/* What the service keeps of each unit's uploaded materials (资料): their
 * sizes summed, deleted ones not counted, at most this much. */
struct policy_materials {
	int quota_mib;          /* per unit, MiB (1 MiB = 1,048,576 bytes) */
	char note[160];
};

/* When a levy for data year Y is assessed (picks the cap and tier rows):
 * (Y + years_after)-month-day.  Levies are collected the year after the data
 * year, so 1 / 7 / 1 by default. */
struct policy_levy_rule {
	int years_after;
	int month;
	int day;
};

/* Look-ups in the disability registry (autofill by ID number): how many an
 * account of a unit or a reviewer may make in any hour, found or not. */
struct policy_registry {
	int lookups_per_hour;
};

struct policy_rounding {
	int count_places;           /* 2 */
	enum round_mode count_mode;
	enum round_mode amount_mode;    /* amounts always to the fen */
};

struct policy {
	char region[7];
	char name[64];
	char version[32];
	struct policy_period valid;
	struct dec quota;                       /* 0.015 */

	struct policy_weight_rule weights[POLICY_MAX_ROWS];
	size_t n_weights;
	struct policy_tier tiers[POLICY_MAX_ROWS];
	size_t n_tiers;
	struct policy_exemption exemptions[POLICY_MAX_ROWS];
	size_t n_exemptions;
	struct policy_wage_cap wage_caps[POLICY_MAX_ROWS];
	size_t n_wage_caps;
	struct policy_social_wage social_wages[POLICY_MAX_YEARS];
	size_t n_social_wages;
	struct policy_min_wage min_wages[POLICY_MAX_ROWS];
	size_t n_min_wages;
	char min_wage_area_scheme[32];          /* the scheme of units' wage_area_class */

	struct policy_age age;
	struct policy_reward reward;
	struct policy_graduate graduate;
	struct policy_materials materials;
	struct policy_rounding rounding;
	struct policy_levy_rule levy;
	struct policy_registry registry;
	char origin[64];                        /* file name it came from */
};

/* Parses and validates a policy table.  A malformed table is refused with a
 * message naming origin, the key path and what was expected:
 * "150000.json: tiers[1].factor: expected a decimal string".
 * err->code = CORE_ERR_POLICY, err->field = the key path. */
bool policy_load(const char *json_text, const char *origin, struct policy *out,
		 struct core_error *err);

/* The monthly minimum wage of area class 1..3 (as units record it) in force on
 * the first day of month ym: known, no row, or a row of another area scheme.
 * An area class out of 1..3 knows no rate (MIN_WAGE_NO_ROW). */
void policy_min_wage_lookup(const struct policy *p, int area_class, int ym,
			    struct min_wage_lookup *out);
/* The rate (fen) when policy_min_wage_lookup knows it; false otherwise (no row,
 * another area scheme, or area class out of 1..3). */
bool policy_min_wage(const struct policy *p, int area_class, int ym, int64_t *fen);
/* The tier for placed/staff = ratio on date; NULL when none applies (pay 100%,
 * or the ratio is at/above the quota). */
const struct policy_tier *policy_tier_for(const struct policy *p, struct ymd date,
					  struct dec ratio);
/* The wage cap multiple on date; 0 when none (no cap). */
int policy_wage_cap_multiple(const struct policy *p, struct ymd date);
/* The social average wage (annual, fen) of year; NULL when the table lacks it. */
const struct policy_social_wage *policy_social_wage(const struct policy *p, int year);
/* True when a unit of kind with staff (exact) is exempt on date. */
bool policy_is_exempt(const struct policy *p, struct ymd date, struct dec staff,
		      enum unit_kind kind);
/* The assessment date of the levy for data year (policy_levy_rule). */
struct ymd policy_levy_date(const struct policy *p, int year);
/* The weight (1 or 2 …) of a certificate: the largest matching rule, else 1. */
int policy_cert_weight(const struct policy *p, enum cert_type type, int level, int category);

#endif
