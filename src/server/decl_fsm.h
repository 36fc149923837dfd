/* decl_fsm — the declaration's state table (SPEC §5.3; doc/api.md "The
 * declaration's state table"): for every status × action either the status
 * it leads to with the guards it must pass, or the reason it is refused
 * (409); per action the roles that may ever take it (403 for the others).
 * Every handler that moves a declaration asks decl_fsm_decide and nothing
 * else decides a transition. Pure: no store, no HTTP. */
#ifndef ANZHI_SERVER_DECL_FSM_H
#define ANZHI_SERVER_DECL_FSM_H

#include <stdbool.h>
#include <stdint.h>

#include "wire/enums.h"

/* What a transition needs besides its status, checked in this order. */
enum decl_guard {
	GUARD_FIGURES = 1 << 0,          /* 上年度职工数 ≥ 1 and 上年度在职职工工资总额 entered: else 422 */
	GUARD_CONFIRMED = 1 << 1,        /* every person on the list confirmed: else 409 */
	GUARD_REASON = 1 << 2,           /* the request says why: else 422, field reason */
	GUARD_NO_FEEDBACK = 1 << 3,      /* no feedback awaits review: else 409 */
	GUARD_NO_CANCELLATION = 1 << 4,  /* no cancellation request awaits review: else 409 */
	GUARD_FEEDBACK = 1 << 5,         /* a feedback awaits review: else 409 */
	GUARD_CANCELLATION = 1 << 6,     /* a cancellation request awaits review: else 409 */
	GUARD_FILING = 1 << 7,           /* the year open, before its deadline or reopened: else 409 */
};
#define GUARD__COUNT 8
/* The guards that depend on the declaration alone (YEAR.actions checks them). */
#define GUARDS_STATE \
	(GUARD_NO_FEEDBACK | GUARD_NO_CANCELLATION | GUARD_FEEDBACK | GUARD_CANCELLATION | \
	 GUARD_FILING)

struct decl_cell {
	bool set;                        /* every cell of the table is written out */
	enum declaration_status to;      /* DECLARATION_STATUS_UNKNOWN: refused */
	unsigned guards;
	const char *refusal;             /* why it is refused (the 409's detail) */
};

/* What the guards look at. */
struct decl_facts {
	const char *missing_figure;      /* "staff_last_year" | "wages_last_year" | NULL */
	int64_t unconfirmed;             /* persons on the list not yet confirmed */
	bool has_reason;
	bool feedback_pending, cancellation_pending;
	const char *filing_closed;       /* "year_closed" | "deadline_passed" | NULL (filing.h) */
	char deadline[11];               /* the passed deadline, for the 409's detail */
};

struct decl_verdict {
	int status;                      /* 0: allowed; else 403, 409 or 422 */
	enum declaration_status to;
	const char *code;                /* "forbidden" | "conflict" | "missing_field" */
	const char *field;               /* the 422's field, else NULL */
	char detail[200];
};

/* The cell of the table (NULL outside it). */
const struct decl_cell *decl_fsm_cell(enum declaration_status from, enum declaration_action a);
/* The roles (SRV_ROLE_* bits) that may take the action at all. */
int decl_fsm_roles(enum declaration_action a);
/* The guards' English names ("figures", "confirmed", …) for the doc table. */
const char *decl_fsm_guard_name(enum decl_guard g);

/* Whether role_bit (SRV_ROLE_*) may take action a from `from` given the
 * facts: 403 when the role may never, 409 with the table's reason when the
 * status refuses it, the first failing guard's answer, else 0 and v->to. */
void decl_fsm_decide(enum declaration_status from, enum declaration_action a, int role_bit,
		     const struct decl_facts *f, struct decl_verdict *v);
/* The actions (bits 1 << action) role_bit may take from `from` now: its
 * role, the table and the state guards allow them (the guards on what the
 * request brings are checked when it comes). */
unsigned decl_fsm_available(enum declaration_status from, int role_bit,
			    const struct decl_facts *f);

#endif
