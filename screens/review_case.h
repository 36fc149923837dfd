/* review_case: one placement as the review form shows and decides it — its
 * decision rows (the registered months, then a dispatch case's three items:
 * 劳务派遣资质, 三方协议, 劳动合同), what the reviewer has chosen for each, and
 * the one request that sends a case's decisions (doc/api.md PUT …/review).
 * Only a row awaiting review (pending) takes a choice. Pure: JSON in, JSON
 * out, no curses, no network. */
#ifndef ANZHI_REVIEW_CASE_H
#define ANZHI_REVIEW_CASE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "wire/enums.h"

#define RC_MAX_ROWS (12 + DISPATCH_ITEM__COUNT)
#define RC_REASON_MAX 300

struct rc_row {
	bool item;                   /* a dispatch item, else a registered month */
	enum dispatch_item which;    /* the item */
	char key[12];                /* "202507" or "licence" (the API's words) */
	const json_t *src;           /* its MONTH or DISPATCH_ITEM (borrowed from pl) */
	enum month_decision result;  /* as the service has it */
	enum month_decision choice;  /* the reviewer's: NONE, VALID or INVALID */
	char reason[RC_REASON_MAX + 1];
};

struct review_case {
	json_t *pl;                  /* PLACEMENT (owned) */
	long id;
	long long version;
	struct rc_row rows[RC_MAX_ROWS];
	int n;
};

void rc_init(struct review_case *c);
/* Takes pl (a new reference) as the case; the choices of `keep` (the same
 * placement as it was, or NULL) stay on the rows that still await review. */
void rc_load(struct review_case *c, json_t *pl, const struct review_case *keep);
void rc_free(struct review_case *c);

/* A row that awaits review (the only kind that takes a choice). */
bool rc_open(const struct rc_row *r);
int  rc_open_count(const struct review_case *c);
int  rc_chosen_count(const struct review_case *c);
/* Chooses row i (false when it does not await review); reason for INVALID. */
bool rc_choose(struct review_case *c, int i, enum month_decision d, const char *reason);
/* Every row awaiting review and not yet chosen: 有效 (V). Returns how many
 * rows of the case are chosen then. */
int  rc_choose_all_valid(struct review_case *c);
/* Sets the choices a request body names (an outbox entry taken back or
 * refused) on the rows that still await review; returns how many it set. */
int  rc_apply_body(struct review_case *c, const json_t *body);
/* {"months":[{"month","result","reason"}…],"dispatch":[{"item",…}…]} of the
 * choices (new reference), NULL when nothing is chosen. */
json_t *rc_body(const struct review_case *c);
/* "有效 7, 无效 1" of a body — what an outbox entry decides, in words. */
void rc_body_summary(const json_t *body, char *buf, size_t len);

/* What the outbox lists the case as: the masked name and the unit's credit
 * code ("李*国 - 91150924MA0HXD012T"), never the name in full. */
void rc_label(const struct review_case *c, char *buf, size_t len);

/* The failed check kinds of row i (bits 1 << enum check_kind); 0 for an item. */
unsigned rc_failed_checks(const struct review_case *c, int i);

/* The index in the case's materials of what proves row i: an item's own
 * material (its material_kind), or the kind a month's first failed check asks
 * for (named as the check: wage, social, …); -1 when none was uploaded. */
int rc_proof_material(const struct review_case *c, int i);

#endif
