/* records — a placement as anzhid holds it in memory between the store and
 * the API: the person, contracts and certificates as the normalised JSON
 * wire/ gives (and the API shows), the registered months as structs (one
 * placement_months row each), the totals and status as columns. The store
 * reads and writes it; eval fills the checks; placement_json renders it. */
#ifndef ANZHI_SERVER_RECORDS_H
#define ANZHI_SERVER_RECORDS_H

#include <jansson.h>
#include <stdint.h>

#include "core/checks.h"
#include "wire/enums.h"

/* A month's result (MONTH.result). */
enum month_outcome {
	RESULT_NONE,     /* failed checks still lack their materials (null) */
	RESULT_SYSTEM,   /* every check passed: 审核通过(系统) */
	RESULT_PENDING,  /* materials in, awaiting a reviewer: 待审核 */
	RESULT_VALID,    /* reviewer: 有效 */
	RESULT_INVALID,  /* reviewer: 无效 */
};
/* "system" … "invalid"; NULL for RESULT_NONE. */
const char *month_outcome_name(enum month_outcome r);
/* NULL or a name above → the result; -1 when unknown. */
int month_outcome_parse(const char *s);

/* The registry sources a check reads, in placement_month.source order. */
enum registry_source { SOURCE_WAGES, SOURCE_SOCIAL, SOURCE_MEDICAL, SOURCE__COUNT };

#define REVIEW_REASON_MAX 300

struct placement_month {
	int ym;                                  /* 202501 */
	enum month_outcome result;
	unsigned failed;                         /* bit k: check k failed */
	unsigned char reason[CHECK__COUNT];      /* enum check_reason per check */
	unsigned needs;                          /* material kinds its failures call for */
	int64_t source[SOURCE__COUNT];           /* import behind wage/social/medical, 0 none */
	char source_label[SOURCE__COUNT][48];    /* "wages 2025-12-31" */
	int cert_type;                           /* enum cert_type, -1 none */
	int cert_level;
	int weight;
	int64_t reviewer_id;                     /* 0: not decided by a person */
	char reviewer[64];
	char reviewed_at[20];
	char review_reason[REVIEW_REASON_MAX + 1];
	int dirty;                               /* changed since loaded: written back */
};

/* Status keys of the header counts: the status, with confirmed split by who
 * confirmed it (doc/api.md LIST.counts). */
enum status_key {
	SK_INCOMPLETE, SK_PENDING, SK_PENDING_CONTRACT, SK_CONFIRMED_SYSTEM,
	SK_CONFIRMED_MANUAL, SK_PARTIALLY_REJECTED, SK_REJECTED, SK__COUNT
};
const char *status_key_name(enum status_key k);   /* "incomplete" … "rejected" */
/* status (+ confirmed_by) → key; -1 when unknown. */
int status_key_of(const char *status, const char *confirmed_by);
/* The placement status a key counts (both confirmed keys: confirmed). */
enum placement_status status_key_placement(enum status_key k);

struct placement {
	int64_t id;                      /* 0 until inserted */
	int64_t unit_id;
	char uscc[19];
	int year;
	int64_t version;                 /* as loaded; the store checks and bumps it */
	json_t *person;                  /* PERSON, CONTRACT[], CERT[] (owned) */
	json_t *contracts;
	json_t *certificates;
	int details_dirty;               /* person/contracts/certificates changed */
	struct placement_month months[12];
	int n_months;                    /* registered months, in month order */
	int months_dirty;                /* the set of registered months changed */
	char status[20];                 /* doc/api.md "Placement status" */
	char confirmed_by[8];            /* "system" | "manual" | "" */
	int months_registered, months_confirmed, months_counted, months_rejected, months_pending;
	unsigned needs;                  /* material kinds (bits) still needed */
	char submitted_at[20];           /* 单位申报时间 */
	char confirmed_at[20];           /* 审核确认时间, "" while not confirmed */
};

void placement_init(struct placement *p);
void placement_free(struct placement *p);
/* The registered month ym, or NULL. */
struct placement_month *placement_month_find(struct placement *p, int ym);
/* Sets the registered months to yms (sorted, distinct), keeping the record
 * (and decision) of every month that stays registered. */
void placement_set_months(struct placement *p, const int *yms, int n);

#endif
