/* records — a placement as anzhid holds it in memory between the store and
 * the API: the person, contracts and certificates as the normalised JSON
 * wire/ gives (and the API shows), the registered months as structs (one
 * placement_months row each), a dispatch placement's three review items (one
 * dispatch_items row each), the totals and status as columns. The store
 * reads and writes it; eval fills the checks; placement_json renders it.
 * Every API word is wire/enums.h's; only the counters' status keys (confirmed
 * split by who confirmed) are this file's own. */
#ifndef ANZHI_SERVER_RECORDS_H
#define ANZHI_SERVER_RECORDS_H

#include <jansson.h>
#include <stdint.h>

#include "core/checks.h"
#include "wire/enums.h"

/* The registry sources a check reads, in placement_month.source order. */
enum registry_source { SOURCE_WAGES, SOURCE_SOCIAL, SOURCE_MEDICAL, SOURCE__COUNT };

#define REVIEW_REASON_MAX 300

/* Who decided (有效 / 无效), when, and why: 审核人员, 审核时间, reason. */
struct review_mark {
	int64_t reviewer_id;                     /* 0: not decided by a person */
	char reviewer[96];                       /* the reviewer's display name */
	char reviewed_at[20];
	char reason[REVIEW_REASON_MAX + 1];      /* 无效's reason, "" for 有效 */
};

void review_mark_clear(struct review_mark *r);
/* id, name, time and reason (NULL = none) into r. */
void review_mark_set(struct review_mark *r, int64_t reviewer_id, const char *reviewer,
		     const char *at, const char *reason);
int review_mark_equal(const struct review_mark *a, const struct review_mark *b);

struct placement_month {
	int ym;                                  /* 202501 */
	/* MONTH.result: NONE (materials missing), SYSTEM, PENDING, VALID, INVALID */
	enum month_decision result;
	unsigned failed;                         /* bit k: check k failed */
	unsigned char reason[CHECK__COUNT];      /* enum check_reason per check */
	unsigned needs;                          /* material kinds its failures call for */
	int64_t source[SOURCE__COUNT];           /* import behind wage/social/medical, 0 none */
	char source_label[SOURCE__COUNT][48];    /* "wages 2025-12-31" */
	int cert_type;                           /* enum cert_type, -1 none */
	int cert_level;
	int weight;
	struct review_mark review;
	int dirty;                               /* changed since loaded: written back */
};

/* One of the three items a dispatch placement's reviewer decides (SPEC §4). */
struct dispatch_row {
	enum dispatch_item item;
	/* NONE (its material is missing), PENDING, VALID, INVALID */
	enum month_decision result;
	struct review_mark review;
	int dirty;
};

/* Status keys of the header counts: the status, with confirmed split by who
 * confirmed it (doc/api.md LIST.counts). The names of the two confirmed keys
 * are internal (the counters' rows); the others are the status words. */
enum status_key {
	SK_INCOMPLETE, SK_PENDING, SK_PENDING_CONTRACT, SK_CONFIRMED_SYSTEM,
	SK_CONFIRMED_MANUAL, SK_PARTIALLY_REJECTED, SK_REJECTED, SK__COUNT
};
const char *status_key_name(enum status_key k);   /* "incomplete" … "rejected" */
int status_key_parse(const char *name);           /* -1 when unknown */
/* status (+ who confirmed) → key; -1 when unknown. */
int status_key_of(enum placement_status status, enum confirmed_by by);
/* The same from the stored words (confirmed_by may be NULL). */
int status_key_of_words(const char *status, const char *confirmed_by);
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
	/* a dispatch placement's items, in enum dispatch_item order; none otherwise */
	struct dispatch_row items[DISPATCH_ITEM__COUNT];
	int n_items;                     /* 0 or DISPATCH_ITEM__COUNT */
	int items_dirty;                 /* the set of items changed (written whole) */
	enum placement_status status;    /* doc/api.md "Placement status" */
	enum confirmed_by confirmed_by;  /* CONFIRMED_BY_NONE unless confirmed */
	int months_registered, months_confirmed, months_counted, months_rejected, months_pending;
	unsigned needs;                  /* material kinds (bits) still needed */
	char submitted_at[20];           /* 单位申报时间 */
	char confirmed_at[20];           /* 审核确认时间, "" while not confirmed */
};

void placement_init(struct placement *p);
void placement_free(struct placement *p);
/* The registered month ym, or NULL. */
struct placement_month *placement_month_find(struct placement *p, int ym);
/* The dispatch item, or NULL when p is not a dispatch placement. */
struct dispatch_row *placement_item_find(struct placement *p, enum dispatch_item item);
/* Sets the registered months to yms (sorted, distinct), keeping the record
 * (and decision) of every month that stays registered. */
void placement_set_months(struct placement *p, const int *yms, int n);
/* Gives p its three dispatch items (undecided) or takes them away. */
void placement_set_dispatch(struct placement *p, int dispatch);
/* Decides every month and item awaiting review (PENDING) as result, marked
 * by *by (the demo's and the seed's reviewers); returns how many. */
int placement_decide_pending(struct placement *p, enum month_decision result,
			     const struct review_mark *by);

#endif
