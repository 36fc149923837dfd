/* handlers — every endpoint's handler; the table in router.c names them. */
#ifndef ANZHI_SERVER_HANDLERS_H
#define ANZHI_SERVER_HANDLERS_H

#include "server/srv.h"

void h_health(struct srv_req *rq, struct srv_reply *rp);
void h_session_create(struct srv_req *rq, struct srv_reply *rp);
void h_session_delete(struct srv_req *rq, struct srv_reply *rp);
void h_session_list(struct srv_req *rq, struct srv_reply *rp);
void h_session_end(struct srv_req *rq, struct srv_reply *rp);
void h_me(struct srv_req *rq, struct srv_reply *rp);
void h_unit_get(struct srv_req *rq, struct srv_reply *rp);
void h_unit_put(struct srv_req *rq, struct srv_reply *rp);
void h_year_get(struct srv_req *rq, struct srv_reply *rp);
void h_year_submit(struct srv_req *rq, struct srv_reply *rp);
void h_year_withdraw(struct srv_req *rq, struct srv_reply *rp);
void h_year_review(struct srv_req *rq, struct srv_reply *rp);
void h_year_reopen(struct srv_req *rq, struct srv_reply *rp);
void h_year_send_to_tax(struct srv_req *rq, struct srv_reply *rp);
void h_decl_queue(struct srv_req *rq, struct srv_reply *rp);
void h_tax_list(struct srv_req *rq, struct srv_reply *rp);
void h_overview(struct srv_req *rq, struct srv_reply *rp);
void h_overview_csv(struct srv_req *rq, struct srv_reply *rp);
/* feedback (年审认证反馈) and cancellation (注销) requests: h_requests.c */
int h_feedback_precheck(struct srv_req *rq, struct srv_reply *rp);
void h_feedback_create(struct srv_req *rq, struct srv_reply *rp);
void h_feedback_unit_list(struct srv_req *rq, struct srv_reply *rp);
void h_feedback_queue(struct srv_req *rq, struct srv_reply *rp);
void h_feedback_get(struct srv_req *rq, struct srv_reply *rp);
void h_feedback_review(struct srv_req *rq, struct srv_reply *rp);
void h_feedback_file(struct srv_req *rq, struct srv_reply *rp);
int h_cancellation_precheck(struct srv_req *rq, struct srv_reply *rp);
void h_cancellation_create(struct srv_req *rq, struct srv_reply *rp);
void h_cancellation_unit_list(struct srv_req *rq, struct srv_reply *rp);
void h_cancellation_queue(struct srv_req *rq, struct srv_reply *rp);
void h_cancellation_get(struct srv_req *rq, struct srv_reply *rp);
void h_cancellation_review(struct srv_req *rq, struct srv_reply *rp);
void h_cancellation_file(struct srv_req *rq, struct srv_reply *rp);
void h_placement_list(struct srv_req *rq, struct srv_reply *rp);
void h_placement_create(struct srv_req *rq, struct srv_reply *rp);
void h_placement_import_previous(struct srv_req *rq, struct srv_reply *rp);
void h_placement_get(struct srv_req *rq, struct srv_reply *rp);
void h_placement_put(struct srv_req *rq, struct srv_reply *rp);
void h_placement_delete(struct srv_req *rq, struct srv_reply *rp);
void h_placement_reregister(struct srv_req *rq, struct srv_reply *rp);
void h_months_put(struct srv_req *rq, struct srv_reply *rp);
void h_material_create(struct srv_req *rq, struct srv_reply *rp);
/* Before an upload's body is read: 0 when the placement may take materials,
 * else -1 with the refusal (404/409) in rp. */
int h_material_precheck(struct srv_req *rq, struct srv_reply *rp);
void h_material_get(struct srv_req *rq, struct srv_reply *rp);
void h_material_delete(struct srv_req *rq, struct srv_reply *rp);
void h_registry_person(struct srv_req *rq, struct srv_reply *rp);
void h_notice_list(struct srv_req *rq, struct srv_reply *rp);
void h_notice_read(struct srv_req *rq, struct srv_reply *rp);
void h_policy_get(struct srv_req *rq, struct srv_reply *rp);
void h_review_queue(struct srv_req *rq, struct srv_reply *rp);
void h_review_put(struct srv_req *rq, struct srv_reply *rp);
void h_review_reopen(struct srv_req *rq, struct srv_reply *rp);
void h_review_reasons(struct srv_req *rq, struct srv_reply *rp);
void h_placement_history(struct srv_req *rq, struct srv_reply *rp);
void h_unit_search(struct srv_req *rq, struct srv_reply *rp);
void h_policy_list(struct srv_req *rq, struct srv_reply *rp);
void h_policy_read(struct srv_req *rq, struct srv_reply *rp);

/* Reward (超比例奖励) and graduate (安置残疾大学生) applications: each
 * endpoint once per kind (application.h, APPLICATION_HANDLERS). */
#define APPLICATION_HANDLER_DECLS(kind)                                                  \
	void h_##kind##_preview(struct srv_req *rq, struct srv_reply *rp);               \
	void h_##kind##_apply(struct srv_req *rq, struct srv_reply *rp);                 \
	void h_##kind##_list(struct srv_req *rq, struct srv_reply *rp);                  \
	void h_##kind##_get(struct srv_req *rq, struct srv_reply *rp);                   \
	void h_##kind##_first_review(struct srv_req *rq, struct srv_reply *rp);          \
	void h_##kind##_second_review(struct srv_req *rq, struct srv_reply *rp);         \
	void h_##kind##_attachment_add(struct srv_req *rq, struct srv_reply *rp);        \
	void h_##kind##_attachment_get(struct srv_req *rq, struct srv_reply *rp);        \
	/* Before an attachment's body is read: 0 when the application takes one. */ \
	int h_##kind##_attachment_precheck(struct srv_req *rq, struct srv_reply *rp);
APPLICATION_HANDLER_DECLS(reward)
APPLICATION_HANDLER_DECLS(graduate)
void h_reward_document(struct srv_req *rq, struct srv_reply *rp);
void h_keys(struct srv_req *rq, struct srv_reply *rp);
void h_document_check(struct srv_req *rq, struct srv_reply *rp);
void h_unit_document(struct srv_req *rq, struct srv_reply *rp);

/* 用户中心 (h_account.c, h_totp.c) */
/* Adds to USER what the user centre shows: "totp", "totp_required",
 * "deadline" and "days_left" of the business year. */
void account_user_fields(struct srv_req *rq, const struct srv_user *u, json_t *user);
void h_me_password(struct srv_req *rq, struct srv_reply *rp);
void h_agent_list(struct srv_req *rq, struct srv_reply *rp);
void h_agent_create(struct srv_req *rq, struct srv_reply *rp);
void h_agent_put(struct srv_req *rq, struct srv_reply *rp);
void h_totp_enrol(struct srv_req *rq, struct srv_reply *rp);
void h_totp_confirm(struct srv_req *rq, struct srv_reply *rp);
void h_totp_delete(struct srv_req *rq, struct srv_reply *rp);

/* 系统管理 (h_users.c, h_units_admin.c, h_years.c, h_notices.c, h_imports.c,
 * h_policies.c) */
void h_settings_get(struct srv_req *rq, struct srv_reply *rp);
void h_settings_put(struct srv_req *rq, struct srv_reply *rp);
void h_user_list(struct srv_req *rq, struct srv_reply *rp);
void h_user_create(struct srv_req *rq, struct srv_reply *rp);
void h_user_put(struct srv_req *rq, struct srv_reply *rp);
void h_unit_create(struct srv_req *rq, struct srv_reply *rp);
void h_unit_import(struct srv_req *rq, struct srv_reply *rp);
void h_years_list(struct srv_req *rq, struct srv_reply *rp);
void h_business_year_put(struct srv_req *rq, struct srv_reply *rp);
void h_year_reopen_filing(struct srv_req *rq, struct srv_reply *rp);
void h_notice_create(struct srv_req *rq, struct srv_reply *rp);
/* The notices u has not read (USER.unread_notices). */
int notices_unread(struct srv_req *rq, const struct srv_user *u, int64_t *n);
void h_import_list(struct srv_req *rq, struct srv_reply *rp);
int h_import_precheck(struct srv_req *rq, struct srv_reply *rp);
void h_import_create(struct srv_req *rq, struct srv_reply *rp);
void h_import_get(struct srv_req *rq, struct srv_reply *rp);
void h_policy_tables_list(struct srv_req *rq, struct srv_reply *rp);
void h_policy_table_create(struct srv_req *rq, struct srv_reply *rp);

#endif
