/* checks: the seven month checks of SPEC §4 (系统核验) — one pure function from a
 * person-month's facts (registry data, contracts, certificates) to the results,
 * each failure with a stable reason code (doc/api.md CHECK.reason). */
#ifndef ANZHI_CORE_CHECKS_H
#define ANZHI_CORE_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/ident.h"
#include "core/policy.h"

enum check_kind {
	CHECK_WAGE, CHECK_SOCIAL, CHECK_MEDICAL, CHECK_CERTIFICATE,
	CHECK_AGE, CHECK_CONTRACT, CHECK_EXCLUSIVE, CHECK__COUNT
};
/* "wage" "social" "medical" "certificate" "age" "contract" "exclusive". */
const char *checks_kind_name(enum check_kind k);

enum check_reason {
	REASON_NONE,                /* passed */
	REASON_NO_WAGE_RECORD, REASON_BELOW_MINIMUM_WAGE, REASON_WAGE_PAID_BY_OTHER,
	REASON_NO_SOCIAL_PAYMENT, REASON_SOCIAL_PAID_BY_OTHER,
	REASON_NO_MEDICAL_PAYMENT, REASON_MEDICAL_PAID_BY_OTHER,
	REASON_NO_VALID_CERTIFICATE, REASON_UNDER_16, REASON_RETIRED,
	REASON_NO_CONTRACT, REASON_CONFIRMED_ELSEWHERE,
	REASON_MIN_WAGE_UNKNOWN,    /* no minimum wage is known for the unit that month */
	REASON__COUNT
};
/* The API strings: "no_wage_record", … ; "" for REASON_NONE. */
const char *checks_reason_name(enum check_reason r);
bool checks_reason_parse(const char *s, enum check_reason *out);

/* Material kinds (doc/api.md MATERIAL.kind), as bits for checks_needs —
 * bits the service stores, so a new kind goes last.  MATERIAL_DISPATCH is the
 * three-party agreement (三方协议, 劳务派遣协议), MATERIAL_CONTRACT the labour
 * contract (劳动合同), MATERIAL_DISPATCH_LICENCE the agency's 劳务派遣资质;
 * MATERIAL_ESTABLISHMENT is the 编制本 a public institution's 编制 staff show
 * instead of a labour contract (SPEC §3). */
enum material_kind {
	MATERIAL_WAGE, MATERIAL_SOCIAL, MATERIAL_MEDICAL, MATERIAL_CONTRACT,
	MATERIAL_DISPATCH, MATERIAL_DEGREE, MATERIAL_CERTIFICATE, MATERIAL_OTHER,
	MATERIAL_ESTABLISHMENT, MATERIAL_DISPATCH_LICENCE, MATERIAL__COUNT
};
/* "wage" "social" "medical" "contract" "dispatch" "degree" "certificate"
 * "other" "establishment" "dispatch_licence". */
const char *checks_material_name(enum material_kind k);
bool checks_material_parse(const char *s, enum material_kind *out);

/* SPEC §4: a dispatch (劳务派遣) placement always needs a reviewer's decision on
 * three items, each proved by one material: the agency's licence
 * (劳务派遣资质), the three-party agreement (三方协议) and the labour contract
 * (劳动合同).  Decided per placement, not per month. */
enum dispatch_item { DISPATCH_LICENCE, DISPATCH_AGREEMENT, DISPATCH_CONTRACT, DISPATCH_ITEM__COUNT };
const char *checks_dispatch_item_name(enum dispatch_item i);   /* "licence" "agreement" "contract" */
bool checks_dispatch_item_parse(const char *s, enum dispatch_item *out);
enum material_kind checks_dispatch_material(enum dispatch_item i);

/* Registry facts.  USCCs are 18 characters (compared exactly). */
struct wage_record { char payer[19]; int ym; int64_t fen; };
struct insurance_payment { char payer[19]; int ym; };

enum contract_type { CONTRACT_FIXED, CONTRACT_OPEN_ENDED, CONTRACT_TASK,
		     CONTRACT_ESTABLISHMENT, CONTRACT_TYPE__COUNT };
/* "fixed" "open_ended" "task" "establishment". */
const char *checks_contract_type_name(enum contract_type t);
bool checks_contract_type_parse(const char *s, enum contract_type *out);

struct contract_facts {
	enum contract_type type;
	struct ymd start;
	struct ymd end;         /* DATE_OPEN_END when open-ended / 编制 */
	bool dispatch;          /* 劳务派遣 */
	char si_unit[19];       /* 社保参保单位 paying instead of the unit, "" if none */
	char mi_unit[19];       /* 医保参保单位, "" if none */
};

struct cert_facts {
	enum cert_type type;
	int level;              /* 1..4 (veteran 1..8) */
	int category;           /* 1..7 */
	struct ymd valid_from;
	struct ymd valid_to;    /* DATE_OPEN_END when no end */
};

struct month_facts {
	const char *uscc;               /* the placing unit */
	int ym;                         /* the month checked */
	struct ymd birth;
	enum gender gender;
	bool has_retire_group;          /* the person's recorded group, if any */
	enum retire_group retire_group;
	int area_class;                 /* 1..3, the unit's minimum-wage area; 0 = unknown:
					 * the policy's default class (reward.default_area_class) */

	const struct wage_record *wages; size_t n_wages;           /* any months; filtered by ym */
	const struct insurance_payment *social; size_t n_social;
	const struct insurance_payment *medical; size_t n_medical;
	const struct contract_facts *contracts; size_t n_contracts;
	const struct cert_facts *certs; size_t n_certs;
	const int *confirmed_elsewhere; size_t n_confirmed_elsewhere;  /* yms confirmed at other units */
};

struct check_result { bool ok; enum check_reason reason; };

struct month_result {
	int ym;
	struct check_result check[CHECK__COUNT];
	bool all_ok;
	/* the best certificate valid during the month (highest weight, then most
	 * severe level); shown beside the checks */
	bool has_cert;
	enum cert_type cert_type;
	int cert_level;
	int cert_category;
	int weight;                     /* policy weight of that certificate; 1 if none */
	bool dispatch;                  /* a dispatch contract covers the month */
	bool establishment;             /* the person's contract is a 编制 (its proof: the 编制本) */
	int64_t wage_fen;               /* total paid by this unit that month */
	int64_t min_wage_fen;           /* the floor the wage was held to; 0 when unknown */
	enum retire_group group_used;
	bool group_defaulted;           /* a woman's group was unknown: default used */
};

/* Runs the seven checks.  Rules (SPEC §4):
 *  wage: this unit paid that month (sum of its records) >= the minimum wage of
 *        the unit's area class in force on the 1st of the month.  A month
 *        whose rate is not known never passes silently: no row, or a row of
 *        another area scheme with the wage between its lowest and highest
 *        rates, fails with REASON_MIN_WAGE_UNKNOWN (a reviewer decides);
 *  social / medical: paid that month by this unit or by a covering contract's
 *        si_unit / mi_unit;
 *  certificate: valid on at least one day of the month;
 *  age: policy_age, boundary settings included;
 *  contract: a contract (or 编制) covers at least one day of the month;
 *  exclusive: the month is not confirmed at another unit.
 * Returns all_ok. */
bool checks_run_month(const struct policy *p, const struct month_facts *f,
		      struct month_result *out);

/* Bitmask (1u << enum material_kind) of the materials the failed checks call
 * for; a failed contract check of a 编制 person needs the 编制本
 * (MATERIAL_ESTABLISHMENT) instead of a labour contract.  A dispatch
 * contract adds nothing here: its three items are reviewed once per
 * placement (checks_dispatch_material). */
unsigned checks_needs(const struct month_result *r);
/* The needs the uploaded kinds (bits) meet: each kind its own, and a 编制本
 * also the contract (it proves the post a labour contract would). */
unsigned checks_materials_held(unsigned uploaded);

#endif
