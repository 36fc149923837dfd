/* scenario — building a unit's year over the API for the application tests:
 * a person registered with a contract and a certificate for the whole year,
 * the materials every failed check asks for uploaded, the months a reviewer
 * has to decide marked valid; and a submitted declaration reviewed. */
#ifndef ANZHI_TESTS_API_SCENARIO_H
#define ANZHI_TESTS_API_SCENARIO_H

#include <stdbool.h>

#include "tests/api/harness.h"

struct scenario_person {
	const char *first17;         /* the ID number without its check character */
	const char *name;
	const char *hukou_region;    /* 户籍地 */
	bool dispatch;               /* a 劳务派遣 contract */
	int category, level;         /* 残疾人证 */
};

/* The annual review (年审) of the unit's submitted declaration for year, as
 * reviewer_tok: result "pass" or "fail". 0 when it answered the new status. */
int scenario_annual_review(struct server *s, const char *reviewer_tok, const char *uscc, int year,
			   const char *result);

/* Registers p at the unit for every month of year; the placement id, or -1. */
long long scenario_register(struct server *s, const char *tok, const char *uscc, int year,
			    const struct scenario_person *p);
/* Uploads a PNG of every material kind the placement needs; 0 on success. */
int scenario_upload_needs(struct server *s, const char *tok, long long pid);
/* Marks every month awaiting a reviewer valid; 0 on success. */
int scenario_review_valid(struct server *s, const char *tok, long long pid);
/* All three: registered, materials in, confirmed by the reviewer. */
long long scenario_confirmed(struct server *s, const char *unit_tok, const char *reviewer_tok,
			     const char *uscc, int year, const struct scenario_person *p);
/* The placement's status word ("" on failure). */
const char *scenario_status(struct server *s, const char *tok, long long pid);

#endif
