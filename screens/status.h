/* status: the API's statuses as people read them — each wire enum (see
 * wire/enums.h) mapped to a translated label and a style, nothing more. */
#ifndef ANZHI_SCREENS_STATUS_H
#define ANZHI_SCREENS_STATUS_H

#include <jansson.h>

#include "ui/theme.h"
#include "wire/enums.h"

/* A placement's status (SPEC §4): 待审核, 待审核(合同需审核) … ("" when unknown). */
const char *placement_status_label(enum placement_status s);
enum style  placement_status_style(enum placement_status s);
/* The "status" member of an ITEM or a PLACEMENT. */
enum placement_status placement_status_of(const json_t *placement);

/* The declaration's status (YEAR.status): its label, what the seed's portal
 * says about it, and its style. */
const char *declaration_label(enum declaration_status s);
const char *declaration_note(enum declaration_status s);
enum style  declaration_style(enum declaration_status s);
/* Why the unit may not change the year's list in this status (NULL: it may). */
const char *declaration_lock_why(enum declaration_status s);
/* Why W cannot withdraw the declaration in this status (NULL: it can). */
const char *declaration_withdraw_why(enum declaration_status s);

/* A role (USER.role, ACCOUNT.role) as people at the federation say it;
 * the wire word itself when unknown. */
const char *role_word_label(const char *role);

/* A month's decision (MONTH.result): 系统核验 / 待审核 / 有效 / 无效. */
const char *month_decision_label(enum month_decision d);

/* A role (USER.role) as people at the federation say it: 审核员 … ("" when unknown). */
const char *role_label(enum role r);

/* A material kind (MATERIAL.kind): 工资发放证明 … ("" when unknown). */
const char *material_kind_label(enum material_kind k);
/* A dispatch placement's item (DISPATCH_ITEM.item): 劳务派遣资质, 三方协议, 劳动合同. */
const char *dispatch_item_label(enum dispatch_item i);
/* A row of a placement's history (HISTORY.action): 登记, 审核, 重新审核 … */
const char *history_action_label(enum history_action a);
/* An application's status (APPLICATION.status): 待初审 / 待复审 / 审核通过 /
 * 审核不通过, and its style. */
const char *application_status_label(enum application_status s);
enum style  application_status_style(enum application_status s);
/* Why a person or month does not count (LEFT_OUT), "" for none. */
const char *left_out_label(enum left_out_reason r);

#endif
