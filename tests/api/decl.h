/* decl — what the declaration's API tests share: the five roles' tokens for
 * one unit, its YEAR, every action of the state table sent as its request
 * (doc/api.md "After the declaration"), bringing the declaration to a status
 * (with a feedback or cancellation pending), the state table as doc/api.md
 * shows it, and the unit's newest notice. */
#ifndef ANZHI_TESTS_API_DECL_H
#define ANZHI_TESTS_API_DECL_H

#include "tests/api/harness.h"

enum { R_UNIT, R_AGENT, R_REVIEWER, R_SUPERVISOR, R_ADMIN, R__COUNT };
extern const char *const decl_role_words[R__COUNT];

struct decl_t {
	struct server *srv;
	char uscc[19];
	int year;
	char *tok[R__COUNT];
};

/* Logs in the unit user `unit_user`, an agent made for its unit (anzhid user
 * add), and the demo's reviewer, supervisor and admin. 0 on success. */
int decl_open(struct decl_t *d, struct server *srv, const char *unit_user);
void decl_close(struct decl_t *d);

/* The YEAR (as admin); the caller frees it. */
json_t *decl_year(struct decl_t *d);
/* Its status word, in a static buffer. */
const char *decl_status(struct decl_t *d);

/* Sends action (an API word: "submit", "feedback-accept", …) as role, with
 * a reason and (feedback, cancellation) a text and one file. r is filled. */
int decl_send(struct decl_t *d, int role, const char *action, struct resp *r);
/* decl_send that must succeed (2xx); 0 when it did. */
int decl_do(struct decl_t *d, int role, const char *action);
/* Brings the declaration to status, with pending 'f' (a feedback), 'c' (a
 * cancellation request) or 0 awaiting review. 0 when it got there. */
int decl_reach(struct decl_t *d, const char *status, char pending);

/* One row of doc/api.md's state table. */
struct table_row {
	char status[16], action[24], who[64];
	char to[16];          /* "" when refused */
	char refusal[200];
};
/* Reads the rows (malloc'd) from doc/api.md; the count, or -1. */
int decl_table(struct table_row **rows);
/* role (R_*) is among row->who. */
int decl_row_admits(const struct table_row *row, int role);

/* The title of the unit's newest notice (static buffer, "" when none). */
const char *decl_newest_notice(struct decl_t *d);

#endif
