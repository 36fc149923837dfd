/* status: enum → label and style tables (English msgids, po/zh_CN.po has the
 * Chinese of the seed systems). */
#include "screens/status.h"

#include "base/i18n.h"

static const struct {
	const char *label;
	enum style style;
} placement[PLACEMENT_STATUS__COUNT] = {
	[PLACEMENT_INCOMPLETE] = { N_("Incomplete"), STYLE_DIM },
	[PLACEMENT_PENDING] = { N_("Pending review"), STYLE_PENDING },
	[PLACEMENT_PENDING_CONTRACT] = { N_("Pending review (contract)"), STYLE_PENDING },
	[PLACEMENT_CONFIRMED] = { N_("Confirmed"), STYLE_OK },
	[PLACEMENT_PARTIALLY_REJECTED] = { N_("Partly rejected"), STYLE_FAIL },
	[PLACEMENT_REJECTED] = { N_("Rejected"), STYLE_FAIL },
};

/* label; what the seed's portal says about it; why the list is locked (NULL:
 * it is not); why W cannot withdraw (NULL: it can) */
static const struct {
	const char *label, *note, *locked, *no_withdraw;
	enum style style;
} declaration[DECLARATION_STATUS__COUNT] = {
	[DECLARATION_OPEN] = { N_("open"),
		N_("When every person is confirmed, press S to submit the declaration."), NULL,
		N_("Nothing to withdraw: the declaration is not submitted"), STYLE_DIM },
	[DECLARATION_SUBMITTED] = { N_("submitted"),
		N_("Submitted: the list is locked until the federation reviews it (W withdraws)."),
		N_("The declaration is submitted: the list is locked (W withdraws)"), NULL, STYLE_OK },
	[DECLARATION_PASSED] = { N_("passed"), N_("The annual review passed! The review certification is on the documents screen (D)."),
		N_("The federation has passed this year's declaration: the list can no longer be changed"),
		N_("Cannot withdraw: the federation has already passed the declaration"), STYLE_OK },
	[DECLARATION_FAILED] = { N_("failed"), N_("The annual review did not pass: the list is open again, correct it and submit again."),
		N_("The federation has reviewed this year's declaration: the list can no longer be changed"),
		N_("Cannot withdraw: the federation has already reviewed the declaration"), STYLE_FAIL },
	[DECLARATION_SENT_TO_TAX] = { N_("sent to tax"),
		N_("The result was sent to the tax office: pay the levy there."),
		N_("This year's result was sent to the tax office: the list can no longer be changed"),
		N_("Cannot withdraw: the federation has already sent the result to the tax office"), STYLE_OK },
	[DECLARATION_CANCELLED] = { N_("cancelled"), N_("The registration of this year was cancelled."),
		N_("This year's registration was cancelled: the list can no longer be changed"),
		N_("Cannot withdraw: this year's registration was cancelled"), STYLE_OK },
};

static const char *const decision[MONTH_DECISION__COUNT] = {
	[MONTH_DECISION_SYSTEM] = N_("system"),
	[MONTH_DECISION_PENDING] = N_("pending"),
	[MONTH_DECISION_VALID] = N_("valid"),
	[MONTH_DECISION_INVALID] = N_("invalid"),
};

static const char *const materials[MATERIAL__COUNT] = {
	[MATERIAL_WAGE] = N_("Wage payment proof"),
	[MATERIAL_SOCIAL] = N_("Social insurance payment proof"),
	[MATERIAL_MEDICAL] = N_("Medical insurance payment proof"),
	[MATERIAL_CONTRACT] = N_("Labour contract / dispatch agreement"),
	[MATERIAL_DISPATCH] = N_("Three-party agreement (dispatch)"),
	[MATERIAL_DEGREE] = N_("Degree certificate"),
	[MATERIAL_CERTIFICATE] = N_("Additional disability certificate"),
	[MATERIAL_OTHER] = N_("Other"),
	[MATERIAL_ESTABLISHMENT] = N_("Establishment register"),
	[MATERIAL_DISPATCH_LICENCE] = N_("Dispatch licence"),
};

static const char *const items[DISPATCH_ITEM__COUNT] = {
	[DISPATCH_LICENCE] = N_("Dispatch licence"),
	[DISPATCH_AGREEMENT] = N_("Three-party agreement"),
	[DISPATCH_CONTRACT] = N_("Labour contract"),
};

static const char *const history[HISTORY__COUNT] = {
	[HISTORY_REGISTERED] = N_("registered the person"),
	[HISTORY_IMPORTED] = N_("imported from last year"),
	[HISTORY_EDITED] = N_("edited"),
	[HISTORY_MONTHS] = N_("registered months"),
	[HISTORY_UPLOADED] = N_("uploaded a material"),
	[HISTORY_MATERIAL_DELETED] = N_("deleted a material"),
	[HISTORY_REREGISTERED] = N_("registered again"),
	[HISTORY_DECIDED] = N_("reviewed"),
	[HISTORY_REOPENED] = N_("reopened the review"),
	[HISTORY_SUBMITTED] = N_("submitted the declaration"),
	[HISTORY_WITHDRAWN] = N_("withdrew the declaration"),
};

static const char *const roles[ROLE__COUNT] = {
	[ROLE_UNIT] = N_("unit user"),
	[ROLE_AGENT] = N_("agent"),
	[ROLE_REVIEWER] = N_("reviewer"),
	[ROLE_SUPERVISOR] = N_("supervisor"),
	[ROLE_ADMIN] = N_("administrator"),
};

const char *role_label(enum role r)
{
	return r >= 0 && r < ROLE__COUNT ? _(roles[r]) : "";
}

const char *material_kind_label(enum material_kind k)
{
	return (unsigned)k < MATERIAL__COUNT ? _(materials[k]) : "";
}

const char *dispatch_item_label(enum dispatch_item i)
{
	return (unsigned)i < DISPATCH_ITEM__COUNT ? _(items[i]) : "";
}

const char *history_action_label(enum history_action a)
{
	return a >= 0 && a < HISTORY__COUNT ? _(history[a]) : "";
}

/* 超比例奖励 / 安置残疾大学生 applications, as the seed's queue says them */
static const struct {
	const char *label;
	enum style style;
} application[APPLICATION_STATUS__COUNT] = {
	[APPLICATION_APPLIED] = { N_("awaiting first review"), STYLE_PENDING },
	[APPLICATION_FIRST_PASSED] = { N_("awaiting second review"), STYLE_PENDING },
	[APPLICATION_APPROVED] = { N_("approved"), STYLE_OK },
	[APPLICATION_REJECTED] = { N_("not approved"), STYLE_FAIL },
};

static const char *const left_out[LEFT_OUT__COUNT] = {
	[LEFT_OUT_HUKOU] = N_("household registered outside the region"),
	[LEFT_OUT_AGE] = N_("not of employment age"),
	[LEFT_OUT_CERTIFICATE] = N_("no valid disability certificate (grades 1-8)"),
	[LEFT_OUT_DISPATCH_OTHER_SIDE] = N_("dispatched: counted by the other unit"),
	[LEFT_OUT_CONFIRMED_ELSEWHERE] = N_("another unit has the month"),
	[LEFT_OUT_NOT_CONFIRMED] = N_("months not confirmed"),
	[LEFT_OUT_EDUCATION] = N_("education not among those the policy lists"),
	[LEFT_OUT_NO_DEGREE] = N_("no degree certificate material"),
	[LEFT_OUT_TOO_FEW_MONTHS] = N_("fewer months than the policy asks"),
};

const char *application_status_label(enum application_status s)
{
	return s >= 0 && s < APPLICATION_STATUS__COUNT ? _(application[s].label) : "";
}

enum style application_status_style(enum application_status s)
{
	return s >= 0 && s < APPLICATION_STATUS__COUNT ? application[s].style : STYLE_NORMAL;
}

const char *left_out_label(enum left_out_reason r)
{
	return r >= 0 && r < LEFT_OUT__COUNT ? _(left_out[r]) : "";
}

const char *placement_status_label(enum placement_status s)
{
	return s >= 0 && s < PLACEMENT_STATUS__COUNT ? _(placement[s].label) : "";
}

enum style placement_status_style(enum placement_status s)
{
	return s >= 0 && s < PLACEMENT_STATUS__COUNT ? placement[s].style : STYLE_NORMAL;
}

enum placement_status placement_status_of(const json_t *p)
{
	return wire_placement_status_parse(json_string_value(json_object_get(p, "status")));
}

const char *declaration_label(enum declaration_status s)
{
	return s >= 0 && s < DECLARATION_STATUS__COUNT ? _(declaration[s].label) : "";
}

const char *declaration_note(enum declaration_status s)
{
	return s >= 0 && s < DECLARATION_STATUS__COUNT ? _(declaration[s].note) : "";
}

enum style declaration_style(enum declaration_status s)
{
	return s >= 0 && s < DECLARATION_STATUS__COUNT ? declaration[s].style : STYLE_NORMAL;
}

const char *month_decision_label(enum month_decision d)
{
	return d >= 0 && d < MONTH_DECISION__COUNT ? _(decision[d]) : "";
}

const char *declaration_lock_why(enum declaration_status s)
{
	return s >= 0 && s < DECLARATION_STATUS__COUNT && declaration[s].locked
	       ? _(declaration[s].locked) : NULL;
}

const char *declaration_withdraw_why(enum declaration_status s)
{
	return s >= 0 && s < DECLARATION_STATUS__COUNT && declaration[s].no_withdraw
	       ? _(declaration[s].no_withdraw) : NULL;
}

const char *role_word_label(const char *role)
{
	enum role r = wire_role_parse(role ? role : "");
	return r == ROLE_UNKNOWN ? (role ? role : "") : role_label(r);
}
