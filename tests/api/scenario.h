/* scenario — what the API tests set up alike: the demo's accounts logged in
 * (and logged out with the service stopped), the call whose status and
 * problem code a test asserts; and building a unit's year over the API for
 * the application tests: a person registered with a contract and a
 * certificate for the whole year, the materials every failed check asks for
 * uploaded, the months a reviewer has to decide marked valid; and a
 * submitted declaration reviewed. */
#ifndef ANZHI_TESTS_API_SCENARIO_H
#define ANZHI_TESTS_API_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "tests/api/harness.h"

struct scenario_person {
	const char *first17;         /* the ID number without its check character */
	const char *name;
	const char *hukou_region;    /* 户籍地 */
	bool dispatch;               /* a 劳务派遣 contract */
	int category, level;         /* 残疾人证 */
};

/* A demo account (password demo1234) a test acts as, and where its token goes. */
struct scenario_login {
	const char *username;
	char **token;
};

/* Logs each in; 0 when every one got a token. */
int scenario_login_all(struct server *s, const struct scenario_login *who, size_t n);
/* A test's teardown: the tokens freed, the service stopped; 0 when it stopped clean. */
int scenario_stop(struct server *s, const struct scenario_login *who, size_t n);
/* sup2, a second supervisor of 150900 (乌兰察布), for the 复审 that must be
 * someone else's than the 初审; 0 on success. */
int scenario_add_sup2(struct server *s);

/* The administration tests' start (test_admin.c, test_admin_data.c): the
 * service on the demo's data and the accounts they act as, logged in. */
struct scenario_admin {
	struct server srv;
	char *admin, *xinghe, *reviewer, *supervisor, *beifang, *jining;
};
int scenario_admin_start(struct scenario_admin *f);
int scenario_admin_stop(struct scenario_admin *f);

/* The status of method path as tok; with code, asserts the problem's code. */
long scenario_status_of(struct server *s, const char *method, const char *path, const char *tok,
			const char *body, const char *const *headers, const char *code);

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
