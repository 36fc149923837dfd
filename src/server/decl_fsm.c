/* decl_fsm — see decl_fsm.h. The table below is the one doc/api.md shows
 * (a unit test renders it and compares). */
#include "server/decl_fsm.h"

#include <stdio.h>
#include <string.h>

#include "server/srv.h"

#define UNIT_SIDE (SRV_ROLES_UNIT | SRV_ROLE_ADMIN)
#define FEDERATION (SRV_ROLES_REGION | SRV_ROLE_ADMIN)

static const int roles[DECL_ACTION__COUNT] = {
	[DECL_SUBMIT] = UNIT_SIDE,
	[DECL_WITHDRAW] = UNIT_SIDE,
	[DECL_PASS] = FEDERATION,
	[DECL_FAIL] = FEDERATION,
	[DECL_FEEDBACK] = UNIT_SIDE,
	[DECL_FEEDBACK_ACCEPT] = FEDERATION,
	[DECL_FEEDBACK_REJECT] = FEDERATION,
	[DECL_SEND_TO_TAX] = FEDERATION,
	[DECL_CANCEL_REQUEST] = UNIT_SIDE,
	[DECL_CANCEL_APPROVE] = FEDERATION,
	[DECL_CANCEL_REJECT] = FEDERATION,
	/* undoing an approved cancellation is the supervisor's (业务主管) */
	[DECL_REOPEN] = SRV_ROLE_SUPERVISOR | SRV_ROLE_ADMIN,
};

#define TO(s, g) { .set = true, .to = DECLARATION_##s, .guards = (g) }
#define NO(why) { .set = true, .to = DECLARATION_STATUS_UNKNOWN, .refusal = (why) }

/* Refusals shared by several cells. */
#define NOT_SUBMITTED "the declaration has not been submitted"
#define NOT_REVIEWED "the annual review has not decided it yet"
#define NO_FEEDBACK "no feedback awaits review"
#define NO_CANCELLATION "no cancellation request awaits review"
#define ONLY_PASSED "only a passed declaration is sent to the tax bureau"
#define DECIDED "the annual review has decided it: file feedback to disagree"
#define CANCELLED "the registration of this year is cancelled"
#define FAILED_OPEN "a failed declaration is open for correction: correct the list and submit again"
#define SENT "the declaration has been sent to the tax bureau"

static const struct decl_cell table[DECLARATION_STATUS__COUNT][DECL_ACTION__COUNT] = {
	[DECLARATION_OPEN] = {
		[DECL_SUBMIT] = TO(SUBMITTED, GUARD_FIGURES | GUARD_CONFIRMED | GUARD_NO_CANCELLATION |
							   GUARD_FILING),
		[DECL_WITHDRAW] = NO(NOT_SUBMITTED),
		[DECL_PASS] = NO(NOT_SUBMITTED),
		[DECL_FAIL] = NO(NOT_SUBMITTED),
		[DECL_FEEDBACK] = NO("feedback answers a review result: the declaration has none"),
		[DECL_FEEDBACK_ACCEPT] = NO(NO_FEEDBACK),
		[DECL_FEEDBACK_REJECT] = NO(NO_FEEDBACK),
		[DECL_SEND_TO_TAX] = NO(ONLY_PASSED),
		[DECL_CANCEL_REQUEST] = TO(OPEN, GUARD_NO_CANCELLATION),
		[DECL_CANCEL_APPROVE] = TO(CANCELLED, GUARD_CANCELLATION),
		[DECL_CANCEL_REJECT] = TO(OPEN, GUARD_CANCELLATION | GUARD_REASON),
		[DECL_REOPEN] = NO("the declaration is open"),
	},
	[DECLARATION_SUBMITTED] = {
		[DECL_SUBMIT] = NO("the declaration has been submitted"),
		[DECL_WITHDRAW] = TO(OPEN, 0),
		[DECL_PASS] = TO(PASSED, 0),
		[DECL_FAIL] = TO(FAILED, GUARD_REASON),
		[DECL_FEEDBACK] = NO(NOT_REVIEWED),
		[DECL_FEEDBACK_ACCEPT] = NO(NO_FEEDBACK),
		[DECL_FEEDBACK_REJECT] = NO(NO_FEEDBACK),
		[DECL_SEND_TO_TAX] = NO(NOT_REVIEWED),
		[DECL_CANCEL_REQUEST] = NO("withdraw the declaration first, or wait for the annual review"),
		[DECL_CANCEL_APPROVE] = NO(NO_CANCELLATION),
		[DECL_CANCEL_REJECT] = NO(NO_CANCELLATION),
		[DECL_REOPEN] = NO("a submitted declaration is withdrawn by the unit or failed by the review"),
	},
	[DECLARATION_PASSED] = {
		[DECL_SUBMIT] = NO("the declaration has passed"),
		[DECL_WITHDRAW] = NO(DECIDED),
		[DECL_PASS] = NO("the declaration has passed"),
		[DECL_FAIL] = NO("the declaration has passed: only accepted feedback reopens it"),
		[DECL_FEEDBACK] = TO(PASSED, GUARD_NO_FEEDBACK | GUARD_NO_CANCELLATION),
		[DECL_FEEDBACK_ACCEPT] = TO(OPEN, GUARD_FEEDBACK),
		[DECL_FEEDBACK_REJECT] = TO(PASSED, GUARD_FEEDBACK | GUARD_REASON),
		[DECL_SEND_TO_TAX] = TO(SENT_TO_TAX, GUARD_NO_FEEDBACK | GUARD_NO_CANCELLATION),
		[DECL_CANCEL_REQUEST] = TO(PASSED, GUARD_NO_CANCELLATION | GUARD_NO_FEEDBACK),
		[DECL_CANCEL_APPROVE] = TO(CANCELLED, GUARD_CANCELLATION),
		[DECL_CANCEL_REJECT] = TO(PASSED, GUARD_CANCELLATION | GUARD_REASON),
		[DECL_REOPEN] = NO("a passed declaration reopens only through accepted feedback"),
	},
	[DECLARATION_FAILED] = {
		[DECL_SUBMIT] = TO(SUBMITTED, GUARD_FIGURES | GUARD_CONFIRMED | GUARD_NO_CANCELLATION |
							   GUARD_FILING),
		[DECL_WITHDRAW] = NO(NOT_SUBMITTED),
		[DECL_PASS] = NO(NOT_SUBMITTED),
		[DECL_FAIL] = NO(NOT_SUBMITTED),
		[DECL_FEEDBACK] = NO(FAILED_OPEN),
		[DECL_FEEDBACK_ACCEPT] = NO(NO_FEEDBACK),
		[DECL_FEEDBACK_REJECT] = NO(NO_FEEDBACK),
		[DECL_SEND_TO_TAX] = NO(ONLY_PASSED),
		[DECL_CANCEL_REQUEST] = TO(FAILED, GUARD_NO_CANCELLATION),
		[DECL_CANCEL_APPROVE] = TO(CANCELLED, GUARD_CANCELLATION),
		[DECL_CANCEL_REJECT] = TO(FAILED, GUARD_CANCELLATION | GUARD_REASON),
		[DECL_REOPEN] = NO(FAILED_OPEN),
	},
	[DECLARATION_SENT_TO_TAX] = {
		[DECL_SUBMIT] = NO(SENT),
		[DECL_WITHDRAW] = NO(DECIDED),
		[DECL_PASS] = NO(SENT),
		[DECL_FAIL] = NO(SENT ": only accepted feedback reopens it"),
		[DECL_FEEDBACK] = TO(SENT_TO_TAX, GUARD_NO_FEEDBACK),
		[DECL_FEEDBACK_ACCEPT] = TO(OPEN, GUARD_FEEDBACK),
		[DECL_FEEDBACK_REJECT] = TO(SENT_TO_TAX, GUARD_FEEDBACK | GUARD_REASON),
		[DECL_SEND_TO_TAX] = NO(SENT),
		[DECL_CANCEL_REQUEST] = NO("the result is with the tax bureau: a cancellation goes through it"),
		[DECL_CANCEL_APPROVE] = NO(NO_CANCELLATION),
		[DECL_CANCEL_REJECT] = NO(NO_CANCELLATION),
		[DECL_REOPEN] = NO("a declaration sent to tax reopens only through accepted feedback"),
	},
	[DECLARATION_CANCELLED] = {
		[DECL_SUBMIT] = NO(CANCELLED),
		[DECL_WITHDRAW] = NO(CANCELLED),
		[DECL_PASS] = NO(CANCELLED),
		[DECL_FAIL] = NO(CANCELLED),
		[DECL_FEEDBACK] = NO(CANCELLED),
		[DECL_FEEDBACK_ACCEPT] = NO(NO_FEEDBACK),
		[DECL_FEEDBACK_REJECT] = NO(NO_FEEDBACK),
		[DECL_SEND_TO_TAX] = NO(CANCELLED),
		[DECL_CANCEL_REQUEST] = NO(CANCELLED),
		[DECL_CANCEL_APPROVE] = NO(NO_CANCELLATION),
		[DECL_CANCEL_REJECT] = NO(NO_CANCELLATION),
		[DECL_REOPEN] = TO(OPEN, GUARD_REASON),
	},
};

static const char *const guard_names[GUARD__COUNT] = {
	"figures", "confirmed", "reason", "no feedback pending", "no cancellation pending",
	"feedback pending", "cancellation pending", "filing open",
};

const struct decl_cell *decl_fsm_cell(enum declaration_status from, enum declaration_action a)
{
	if ((int)from < 0 || from >= DECLARATION_STATUS__COUNT || (int)a < 0 ||
	    a >= DECL_ACTION__COUNT)
		return NULL;
	return &table[from][a];
}

int decl_fsm_roles(enum declaration_action a)
{
	return (int)a >= 0 && a < DECL_ACTION__COUNT ? roles[a] : 0;
}

const char *decl_fsm_guard_name(enum decl_guard g)
{
	for (int i = 0; i < GUARD__COUNT; i++)
		if ((unsigned)g == 1u << i)
			return guard_names[i];
	return "";
}

static int refuse(struct decl_verdict *v, int status, const char *code, const char *field,
		  const char *detail)
{
	v->status = status;
	v->code = code;
	v->field = field;
	snprintf(v->detail, sizeof v->detail, "%s", detail);
	return status;
}

/* The first guard of `guards` that fails, as v's answer; 0 when all pass.
 * A closed filing comes first: nothing else the unit could fix matters then. */
static int check_guards(unsigned guards, const struct decl_facts *f, struct decl_verdict *v)
{
	if ((guards & GUARD_FILING) && f->filing_closed) {
		refuse(v, 409, f->filing_closed, NULL, "the business year is not open for filing");
		if (strcmp(f->filing_closed, "deadline_passed") == 0)
			snprintf(v->detail, sizeof v->detail,
				 "the filing deadline was %s: ask the federation to reopen your "
				 "filing", f->deadline);
		return 409;
	}
	if ((guards & GUARD_FIGURES) && f->missing_figure)
		return refuse(v, 422, "missing_field", f->missing_figure,
			      "enter it in the unit's information (单位信息维护) before submitting");
	if ((guards & GUARD_CONFIRMED) && f->unconfirmed > 0) {
		refuse(v, 409, "conflict", NULL, "");
		snprintf(v->detail, sizeof v->detail,
			 "%lld person(s) not yet confirmed: confirm or delete them first",
			 (long long)f->unconfirmed);
		return 409;
	}
	if ((guards & GUARD_REASON) && !f->has_reason)
		return refuse(v, 422, "missing_field", "reason", "say why");
	if ((guards & GUARD_NO_FEEDBACK) && f->feedback_pending)
		return refuse(v, 409, "conflict", NULL, "a feedback awaits review");
	if ((guards & GUARD_NO_CANCELLATION) && f->cancellation_pending)
		return refuse(v, 409, "conflict", NULL, "a cancellation request awaits review");
	if ((guards & GUARD_FEEDBACK) && !f->feedback_pending)
		return refuse(v, 409, "conflict", NULL, NO_FEEDBACK);
	if ((guards & GUARD_CANCELLATION) && !f->cancellation_pending)
		return refuse(v, 409, "conflict", NULL, NO_CANCELLATION);
	return 0;
}

void decl_fsm_decide(enum declaration_status from, enum declaration_action a, int role_bit,
		     const struct decl_facts *f, struct decl_verdict *v)
{
	const struct decl_cell *c = decl_fsm_cell(from, a);
	*v = (struct decl_verdict){ .to = DECLARATION_STATUS_UNKNOWN };
	if (!c || !(decl_fsm_roles(a) & role_bit)) {
		refuse(v, 403, "forbidden", NULL, "your role may not do this");
		return;
	}
	if (c->to == DECLARATION_STATUS_UNKNOWN) {
		refuse(v, 409, "conflict", NULL, "");
		snprintf(v->detail, sizeof v->detail, "the declaration is %s: %s",
			 wire_declaration_word(from), c->refusal);
		return;
	}
	if (check_guards(c->guards, f, v) == 0)
		v->to = c->to;
}

unsigned decl_fsm_available(enum declaration_status from, int role_bit,
			    const struct decl_facts *f)
{
	struct decl_verdict v;
	unsigned bits = 0;
	for (int a = 0; a < DECL_ACTION__COUNT; a++) {
		const struct decl_cell *c = decl_fsm_cell(from, (enum declaration_action)a);
		if (!c || c->to == DECLARATION_STATUS_UNKNOWN || !(roles[a] & role_bit))
			continue;
		if (check_guards(c->guards & GUARDS_STATE, f, &v) == 0)
			bits |= 1u << a;
	}
	return bits;
}
