/* enums: the API's enumerations (doc/api.md), one definition for both
 * programs — each a C enum, its wire word, and the predicates the service and
 * the client both ask ("awaiting review" is pending or pending_contract).
 * Screens map an enum to a label and a style; they never retype a word.
 *
 * The check kinds, reason codes and material kinds are the core's enums
 * (core/checks.h decides the checks); their words are looked up here too, so
 * that every API word has one home. */
#ifndef ANZHI_WIRE_ENUMS_H
#define ANZHI_WIRE_ENUMS_H

#include <stdbool.h>

#include "core/checks.h"

/* X(id, word) lists, in the order doc/api.md gives them. */
#define WIRE_PLACEMENT_STATUSES(X) \
	X(PLACEMENT_INCOMPLETE, "incomplete")                 /* 资料待完善 */ \
	X(PLACEMENT_PENDING, "pending")                       /* 待审核 */ \
	X(PLACEMENT_PENDING_CONTRACT, "pending_contract")     /* 待审核(合同需审核) */ \
	X(PLACEMENT_CONFIRMED, "confirmed")                   /* 已审核确认 */ \
	X(PLACEMENT_PARTIALLY_REJECTED, "partially_rejected") /* 部分审核不通过 */ \
	X(PLACEMENT_REJECTED, "rejected")                     /* 审核不通过 */

#define WIRE_DECLARATION_STATUSES(X) \
	X(DECLARATION_OPEN, "open") \
	X(DECLARATION_SUBMITTED, "submitted") \
	X(DECLARATION_PASSED, "passed") \
	X(DECLARATION_FAILED, "failed") \
	X(DECLARATION_SENT_TO_TAX, "sent_to_tax") \
	X(DECLARATION_CANCELLED, "cancelled")

/* What can happen to a declaration (YEAR.actions; doc/api.md "The
 * declaration's state table"); the service's table is server/decl_fsm.c. */
#define WIRE_DECLARATION_ACTIONS(X) \
	X(DECL_SUBMIT, "submit")                   /* 完成申报 */ \
	X(DECL_WITHDRAW, "withdraw")               /* 年审申报撤回 */ \
	X(DECL_PASS, "pass")                       /* 年审认证审核: 通过 */ \
	X(DECL_FAIL, "fail")                       /* 年审认证审核: 不通过 */ \
	X(DECL_FEEDBACK, "feedback")               /* 年审认证反馈 */ \
	X(DECL_FEEDBACK_ACCEPT, "feedback-accept") /* 认证反馈审核: 通过 */ \
	X(DECL_FEEDBACK_REJECT, "feedback-reject") /* 认证反馈审核: 不通过 */ \
	X(DECL_SEND_TO_TAX, "send-to-tax")         /* 发送税务 */ \
	X(DECL_CANCEL_REQUEST, "cancel-request")   /* 单位注销安置登记 */ \
	X(DECL_CANCEL_APPROVE, "cancel-approve")   /* 注销审核: 通过 */ \
	X(DECL_CANCEL_REJECT, "cancel-reject")     /* 注销审核: 不通过 */ \
	X(DECL_REOPEN, "reopen")                   /* 重新开放 (a cancelled year) */

/* A feedback's (FEEDBACK.status) and a cancellation request's
 * (CANCELLATION.status) life: pending, then the reviewer's answer. */
#define WIRE_REQUEST_STATUSES(X) \
	X(REQUEST_PENDING, "pending")     /* 待审核 */ \
	X(REQUEST_ACCEPTED, "accepted")   /* 通过 */ \
	X(REQUEST_REJECTED, "rejected")   /* 不通过 */

/* TAX_RECORD.status: withdrawn once an accepted feedback reopened the year. */
#define WIRE_TAX_RECORD_STATUSES(X) \
	X(TAX_RECORD_CURRENT, "current") \
	X(TAX_RECORD_WITHDRAWN, "withdrawn")

#define WIRE_MONTH_DECISIONS(X) \
	X(MONTH_DECISION_SYSTEM, "system") \
	X(MONTH_DECISION_PENDING, "pending") \
	X(MONTH_DECISION_VALID, "valid") \
	X(MONTH_DECISION_INVALID, "invalid")

/* ITEM.confirmed_by / PLACEMENT.confirmed_by (null while not confirmed) */
#define WIRE_CONFIRMED_BY(X) \
	X(CONFIRMED_BY_SYSTEM, "system")   /* 审核通过(系统) */ \
	X(CONFIRMED_BY_MANUAL, "manual")   /* 审核通过(人工) */

/* HISTORY.action: what a row of a placement's audit trail did */
#define WIRE_HISTORY_ACTIONS(X) \
	X(HISTORY_REGISTERED, "registered")             /* 登记 */ \
	X(HISTORY_IMPORTED, "imported")                 /* 导入上一年 */ \
	X(HISTORY_EDITED, "edited")                     /* 修改 */ \
	X(HISTORY_MONTHS, "months")                     /* 登记月份 */ \
	X(HISTORY_UPLOADED, "uploaded")                 /* 上传资料 */ \
	X(HISTORY_MATERIAL_DELETED, "material_deleted") /* 删除资料 */ \
	X(HISTORY_REREGISTERED, "reregistered")         /* 重新登记 */ \
	X(HISTORY_DECIDED, "decided")                   /* 审核 */ \
	X(HISTORY_REOPENED, "reopened")                 /* 重新审核 */ \
	X(HISTORY_SUBMITTED, "submitted")               /* 完成申报 */ \
	X(HISTORY_WITHDRAWN, "withdrawn")               /* 年审申报撤回 */

#define WIRE_ROLES(X) \
	X(ROLE_UNIT, "unit")               /* 单位用户 */ \
	X(ROLE_AGENT, "agent")             /* 代理人 */ \
	X(ROLE_REVIEWER, "reviewer")       /* 审核员 */ \
	X(ROLE_SUPERVISOR, "supervisor") \
	X(ROLE_ADMIN, "admin")

/* Over-quota reward and graduate applications (超比例奖励, 安置残疾大学生申请):
 * applied → first_passed (初审) → approved (复审), or rejected at either step.
 * A window application (窗口, entered by federation staff) starts at
 * first_passed: it goes to the supervisor's review. */
#define WIRE_APPLICATION_KINDS(X) \
	X(APPLICATION_REWARD, "reward")                       /* 超比例奖励 */ \
	X(APPLICATION_GRADUATE, "graduate")                   /* 安置残疾大学生 */

#define WIRE_APPLICATION_STATUSES(X) \
	X(APPLICATION_APPLIED, "applied")                     /* 待初审 */ \
	X(APPLICATION_FIRST_PASSED, "first_passed")           /* 初审通过, 待复审 */ \
	X(APPLICATION_APPROVED, "approved")                   /* 复审通过 */ \
	X(APPLICATION_REJECTED, "rejected")                   /* 审核不通过 */

#define WIRE_APPLICATION_CHANNELS(X) \
	X(CHANNEL_ONLINE, "online")                           /* 网报: the unit applied */ \
	X(CHANNEL_WINDOW, "window")                           /* 窗口: staff applied for it */

/* Why a person or a month does not count for an application, in the order
 * a person's reason is chosen (the first that applies to any of its months). */
#define WIRE_LEFT_OUT_REASONS(X) \
	X(LEFT_OUT_HUKOU, "hukou")                            /* 户籍 outside the province */ \
	X(LEFT_OUT_AGE, "employment_age")                     /* not of employment age */ \
	X(LEFT_OUT_CERTIFICATE, "certificate")                /* no 残疾人证/残疾军人证 (1–8级) */ \
	X(LEFT_OUT_DISPATCH_OTHER_SIDE, "dispatch_other_side") /* counted by the receiving unit */ \
	X(LEFT_OUT_CONFIRMED_ELSEWHERE, "confirmed_elsewhere") /* another unit has the month */ \
	X(LEFT_OUT_NOT_CONFIRMED, "not_confirmed")            /* month not confirmed */ \
	X(LEFT_OUT_EDUCATION, "education")                    /* graduate: education not listed */ \
	X(LEFT_OUT_NO_DEGREE, "no_degree")                    /* graduate: no 学位学历 material */ \
	X(LEFT_OUT_TOO_FEW_MONTHS, "too_few_months")          /* graduate: below min_months */

#define WIRE_ENUM_ID(id, word) id,

/* -1 stands for a word the API does not have (or none). */
enum placement_status { PLACEMENT_STATUS_UNKNOWN = -1,
	WIRE_PLACEMENT_STATUSES(WIRE_ENUM_ID) PLACEMENT_STATUS__COUNT };
enum declaration_status { DECLARATION_STATUS_UNKNOWN = -1,
	WIRE_DECLARATION_STATUSES(WIRE_ENUM_ID) DECLARATION_STATUS__COUNT };
enum declaration_action { DECL_ACTION_UNKNOWN = -1,
	WIRE_DECLARATION_ACTIONS(WIRE_ENUM_ID) DECL_ACTION__COUNT };
enum request_status { REQUEST_STATUS_UNKNOWN = -1,
	WIRE_REQUEST_STATUSES(WIRE_ENUM_ID) REQUEST_STATUS__COUNT };
enum tax_record_status { TAX_RECORD_STATUS_UNKNOWN = -1,
	WIRE_TAX_RECORD_STATUSES(WIRE_ENUM_ID) TAX_RECORD_STATUS__COUNT };
enum month_decision { MONTH_DECISION_NONE = -1,
	WIRE_MONTH_DECISIONS(WIRE_ENUM_ID) MONTH_DECISION__COUNT };
enum role { ROLE_UNKNOWN = -1, WIRE_ROLES(WIRE_ENUM_ID) ROLE__COUNT };
enum confirmed_by { CONFIRMED_BY_NONE = -1, WIRE_CONFIRMED_BY(WIRE_ENUM_ID) CONFIRMED_BY__COUNT };
enum history_action { HISTORY_UNKNOWN = -1,
	WIRE_HISTORY_ACTIONS(WIRE_ENUM_ID) HISTORY__COUNT };
enum application_kind { APPLICATION_KIND_UNKNOWN = -1,
	WIRE_APPLICATION_KINDS(WIRE_ENUM_ID) APPLICATION_KIND__COUNT };
enum application_status { APPLICATION_STATUS_UNKNOWN = -1,
	WIRE_APPLICATION_STATUSES(WIRE_ENUM_ID) APPLICATION_STATUS__COUNT };
enum application_channel { CHANNEL_UNKNOWN = -1,
	WIRE_APPLICATION_CHANNELS(WIRE_ENUM_ID) CHANNEL__COUNT };
enum left_out_reason { LEFT_OUT_NONE = -1, WIRE_LEFT_OUT_REASONS(WIRE_ENUM_ID) LEFT_OUT__COUNT };

/* ---- placement status (ITEM.status, PLACEMENT.status) */
const char *wire_placement_status_word(enum placement_status s);   /* "" when unknown */
enum placement_status wire_placement_status_parse(const char *word);
/* 待审核 and 待审核(合同需审核): a reviewer has something to decide. */
bool wire_placement_awaiting_review(enum placement_status s);
/* The list's `status` filter takes every status word; "pending" (待审核)
 * matches both statuses awaiting review, as LIST.counts counts them. */
bool wire_placement_filter_matches(enum placement_status filter, enum placement_status s);
/* The LIST.counts key a status is counted under ("pending" for both). */
enum placement_status wire_placement_count_as(enum placement_status s);

/* ---- declaration status (YEAR.status) */
const char *wire_declaration_word(enum declaration_status s);
enum declaration_status wire_declaration_parse(const char *word);
/* The declaration locks the list: submitted, passed, sent to tax or
 * cancelled. Only an open or failed declaration (a fail reopens the list for
 * correction) lets the unit change its placements, and only there may a
 * reviewer decide months or a registry import re-check them: a locked list is
 * frozen (its months, totals and documents stay as declared). */
bool wire_declaration_locks_list(enum declaration_status s);
/* Passed or later (passed, sent_to_tax): the 审核认定书 can be issued, and
 * reward and graduate applications for the year made. */
bool wire_declaration_passed(enum declaration_status s);

/* ---- applications (APPLICATION.kind, .status, .channel; PERSON.reason) */
const char *wire_application_kind_word(enum application_kind k);
enum application_kind wire_application_kind_parse(const char *word);
const char *wire_application_status_word(enum application_status s);
enum application_status wire_application_status_parse(const char *word);
/* approved or rejected: nothing more happens to it. */
bool wire_application_final(enum application_status s);
const char *wire_channel_word(enum application_channel c);
enum application_channel wire_channel_parse(const char *word);
const char *wire_left_out_word(enum left_out_reason r);    /* "" for LEFT_OUT_NONE */
enum left_out_reason wire_left_out_parse(const char *word);

/* ---- what can happen to it (YEAR.actions) */
const char *wire_declaration_action_word(enum declaration_action a);
enum declaration_action wire_declaration_action_parse(const char *word);

/* ---- feedback and cancellation requests (FEEDBACK.status, CANCELLATION.status) */
const char *wire_request_status_word(enum request_status s);
enum request_status wire_request_status_parse(const char *word);

/* ---- tax records (TAX_RECORD.status) */
const char *wire_tax_record_status_word(enum tax_record_status s);
enum tax_record_status wire_tax_record_status_parse(const char *word);

/* ---- a month's decision (MONTH.result; null = materials still missing),
 * also a dispatch item's (DISPATCH_ITEM.result, never "system") */
const char *wire_month_decision_word(enum month_decision r);
enum month_decision wire_month_decision_parse(const char *word);
/* 有效 or 无效: what a reviewer sends (PUT …/review result). */
bool wire_decision_is_reviewers(enum month_decision r);

/* ---- who confirmed (confirmed_by) */
const char *wire_confirmed_by_word(enum confirmed_by b);   /* "" for NONE */
enum confirmed_by wire_confirmed_by_parse(const char *word);

/* ---- a placement's history (HISTORY.action) */
const char *wire_history_word(enum history_action a);
enum history_action wire_history_parse(const char *word);

/* ---- roles (USER.role); sets of them as bits */
const char *wire_role_word(enum role r);
enum role wire_role_parse(const char *word);
#define ROLE_BIT(r)       (1u << (r))
#define ROLES_UNIT_SIDE   (ROLE_BIT(ROLE_UNIT) | ROLE_BIT(ROLE_AGENT))
#define ROLES_FEDERATION  (ROLE_BIT(ROLE_REVIEWER) | ROLE_BIT(ROLE_SUPERVISOR) | ROLE_BIT(ROLE_ADMIN))

/* ---- check kinds (MONTH.checks keys), reasons (CHECK.reason), material
 * kinds (MATERIAL.kind, PLACEMENT.needs): the core's enums, the API's words */
const char *wire_check_word(enum check_kind k);
bool wire_check_parse(const char *word, enum check_kind *out);
const char *wire_reason_word(enum check_reason r);
bool wire_reason_parse(const char *word, enum check_reason *out);
const char *wire_material_word(enum material_kind k);
bool wire_material_parse(const char *word, enum material_kind *out);
/* A dispatch placement's items (DISPATCH_ITEM.item): "licence" "agreement" "contract" */
const char *wire_dispatch_item_word(enum dispatch_item i);
bool wire_dispatch_item_parse(const char *word, enum dispatch_item *out);

#endif
