/* router — one table maps method + path to a handler, the roles allowed and
 * how the request is run (login, write transaction, upload, log masking). */
#include "server/router.h"

#include <string.h>

#include "server/handlers.h"
#include "server/upload.h"

#define ALL SRV_ROLES_ALL
#define UNITW (SRV_ROLES_UNIT | SRV_ROLE_ADMIN)
#define REVIEW (SRV_ROLES_REGION | SRV_ROLE_ADMIN)
#define ADMIN SRV_ROLE_ADMIN
#define LEGAL (SRV_ROLE_UNIT | SRV_ROLE_ADMIN) /* the legal person's account manages agents */
#define W ROUTE_WRITE
#define ENROL (ROUTE_WRITE | ROUTE_ENROL)
/* who applies: the unit online, federation staff at the window */
#define APPLY (SRV_ROLES_UNIT | SRV_ROLES_REGION)

/* The routes of one kind of application (超比例奖励, 安置残疾大学生). */
#define APPLICATION_ROUTES(path, kind)                                                       \
	{ "GET", "/api/v1/units/*/years/*/" path, h_##kind##_preview, ALL, 0 },                  \
	{ "POST", "/api/v1/units/*/years/*/" path, h_##kind##_apply, APPLY, ROUTE_WRITE },       \
	{ "GET", "/api/v1/" path, h_##kind##_list, ALL, 0 },                                     \
	{ "GET", "/api/v1/" path "/*", h_##kind##_get, ALL, 0 },                                 \
	{ "PUT", "/api/v1/" path "/*/first-review", h_##kind##_first_review, SRV_ROLES_REGION,   \
	  ROUTE_WRITE },                                                                         \
	{ "PUT", "/api/v1/" path "/*/second-review", h_##kind##_second_review,                   \
	  SRV_ROLE_SUPERVISOR, ROUTE_WRITE },                                                    \
	{ "POST", "/api/v1/" path "/*/attachments", h_##kind##_attachment_add, APPLY,            \
	  ROUTE_WRITE | ROUTE_UPLOAD },                                                          \
	{ "GET", "/api/v1/" path "/*/attachments/*", h_##kind##_attachment_get, ALL, 0 }

#define SUPERVISE (SRV_ROLE_SUPERVISOR | SRV_ROLE_ADMIN)
#define YEAR "/api/v1/units/*/years/*"

static const struct route routes[] = {
	{ "GET", "/api/v1/health", h_health, ALL, ROUTE_PUBLIC },
	{ "POST", "/api/v1/sessions", h_session_create, ALL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/sessions", h_session_list, ALL, 0 },
	{ "DELETE", "/api/v1/sessions/current", h_session_delete, ALL, ROUTE_ENROL },
	{ "DELETE", "/api/v1/sessions/*", h_session_end, ALL, ROUTE_WRITE },
	{ "GET", "/api/v1/me", h_me, ALL, ROUTE_ENROL },
	{ "PUT", "/api/v1/me/password", h_me_password, ALL, ENROL },
	{ "POST", "/api/v1/me/totp", h_totp_enrol, ALL, ENROL },
	{ "POST", "/api/v1/me/totp/confirm", h_totp_confirm, ALL, ENROL },
	{ "DELETE", "/api/v1/me/totp", h_totp_delete, ALL, ENROL },
	{ "GET", "/api/v1/settings", h_settings_get, ADMIN, 0 },
	{ "PUT", "/api/v1/settings", h_settings_put, ADMIN, W },
	{ "GET", "/api/v1/users", h_user_list, ADMIN, 0 },
	{ "POST", "/api/v1/users", h_user_create, ADMIN, W },
	{ "PUT", "/api/v1/users/*", h_user_put, ADMIN, W },
	{ "POST", "/api/v1/units", h_unit_create, ADMIN, W },
	{ "POST", "/api/v1/units/import", h_unit_import, ADMIN, W | ROUTE_UPLOAD },
	{ "GET", "/api/v1/units/*/agents", h_agent_list, LEGAL, 0 },
	{ "POST", "/api/v1/units/*/agents", h_agent_create, LEGAL, W },
	{ "PUT", "/api/v1/agents/*", h_agent_put, LEGAL, W },
	{ "GET", "/api/v1/years", h_years_list, ALL, 0 },
	{ "PUT", "/api/v1/years/*", h_business_year_put, ADMIN, W },
	{ "POST", "/api/v1/units/*/years/*/reopen-filing", h_year_reopen_filing, REVIEW, W },
	{ "GET", "/api/v1/imports", h_import_list, ADMIN, 0 },
	{ "POST", "/api/v1/imports", h_import_create, ADMIN, W | ROUTE_UPLOAD },
	{ "GET", "/api/v1/imports/*", h_import_get, ADMIN, 0 },
	{ "GET", "/api/v1/policies/tables", h_policy_tables_list, ALL, 0 },
	{ "POST", "/api/v1/policies/tables", h_policy_table_create, ADMIN, W },
	{ "GET", "/api/v1/units/*", h_unit_get, ALL, 0 },
	{ "PUT", "/api/v1/units/*", h_unit_put, UNITW, ROUTE_WRITE },
	{ "GET", "/api/v1/units/*/years/*", h_year_get, ALL, 0 },
	{ "POST", "/api/v1/units/*/years/*/submit", h_year_submit, UNITW, ROUTE_WRITE },
	{ "POST", "/api/v1/units/*/years/*/withdraw", h_year_withdraw, UNITW, ROUTE_WRITE },
	/* the declaration after 完成申报: roles as its state table's (decl_fsm.c) */
	{ "POST", YEAR "/annual-review", h_year_review, REVIEW, ROUTE_WRITE },
	{ "POST", YEAR "/send-to-tax", h_year_send_to_tax, REVIEW, ROUTE_WRITE },
	{ "POST", YEAR "/reopen", h_year_reopen, SUPERVISE, ROUTE_WRITE },
	{ "POST", YEAR "/feedback", h_feedback_create, UNITW, ROUTE_WRITE | ROUTE_UPLOAD },
	{ "GET", YEAR "/feedback", h_feedback_unit_list, ALL, 0 },
	{ "POST", YEAR "/cancellation", h_cancellation_create, UNITW, ROUTE_WRITE | ROUTE_UPLOAD },
	{ "GET", YEAR "/cancellation", h_cancellation_unit_list, ALL, 0 },
	{ "GET", "/api/v1/units/*/years/*/placements", h_placement_list, ALL, 0 },
	{ "POST", "/api/v1/units/*/years/*/placements", h_placement_create, UNITW, ROUTE_WRITE },
	{ "POST", "/api/v1/units/*/years/*/placements/import-previous",
	  h_placement_import_previous, UNITW, ROUTE_WRITE },
	{ "GET", "/api/v1/placements/*", h_placement_get, ALL, 0 },
	{ "PUT", "/api/v1/placements/*", h_placement_put, UNITW, ROUTE_WRITE },
	{ "DELETE", "/api/v1/placements/*", h_placement_delete, UNITW, ROUTE_WRITE },
	{ "POST", "/api/v1/placements/*/reregister", h_placement_reregister, UNITW, ROUTE_WRITE },
	{ "PUT", "/api/v1/placements/*/months", h_months_put, UNITW, ROUTE_WRITE },
	{ "POST", "/api/v1/placements/*/materials", h_material_create, UNITW,
	  ROUTE_WRITE | ROUTE_UPLOAD },
	{ "GET", "/api/v1/placements/*/materials/*", h_material_get, ALL, 0 },
	{ "DELETE", "/api/v1/placements/*/materials/*", h_material_delete, UNITW, ROUTE_WRITE },
	{ "GET", "/api/v1/registry/persons/*", h_registry_person, ALL, ROUTE_MASK_LOG },
	{ "GET", "/api/v1/notices", h_notice_list, ALL, 0 },
	{ "POST", "/api/v1/notices", h_notice_create, REVIEW, W },
	{ "POST", "/api/v1/notices/*/read", h_notice_read, ALL, ROUTE_WRITE },
	{ "GET", "/api/v1/policy", h_policy_get, ALL, 0 },
	{ "GET", "/api/v1/review/placements", h_review_queue, REVIEW, 0 },
	{ "PUT", "/api/v1/placements/*/review", h_review_put, REVIEW, ROUTE_WRITE },
	{ "POST", "/api/v1/placements/*/review/reopen", h_review_reopen, REVIEW, ROUTE_WRITE },
	{ "GET", "/api/v1/review/reasons", h_review_reasons, REVIEW, 0 },
	{ "GET", "/api/v1/placements/*/history", h_placement_history, ALL, 0 },
	{ "GET", "/api/v1/units", h_unit_search, REVIEW, 0 },
	APPLICATION_ROUTES("rewards", reward),
	{ "GET", "/api/v1/rewards/*/document", h_reward_document, ALL, 0 },
	APPLICATION_ROUTES("graduate-applications", graduate),
	{ "GET", "/api/v1/policies", h_policy_list, ALL, 0 },
	{ "GET", "/api/v1/policies/*", h_policy_read, ALL, 0 },
	{ "GET", "/api/v1/keys", h_keys, ALL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/documents/*", h_document_check, ALL, ROUTE_PUBLIC },
	{ "GET", "/api/v1/units/*/years/*/documents/*", h_unit_document, ALL, 0 },
	{ "GET", "/api/v1/review/declarations", h_decl_queue, REVIEW, 0 },
	{ "GET", "/api/v1/feedback", h_feedback_queue, REVIEW, 0 },
	{ "GET", "/api/v1/feedback/*", h_feedback_get, ALL, 0 },
	{ "PUT", "/api/v1/feedback/*/review", h_feedback_review, REVIEW, ROUTE_WRITE },
	{ "GET", "/api/v1/feedback/*/files/*", h_feedback_file, ALL, 0 },
	{ "GET", "/api/v1/cancellations", h_cancellation_queue, REVIEW, 0 },
	{ "GET", "/api/v1/cancellations/*", h_cancellation_get, ALL, 0 },
	{ "PUT", "/api/v1/cancellations/*/review", h_cancellation_review, REVIEW, ROUTE_WRITE },
	{ "GET", "/api/v1/cancellations/*/file", h_cancellation_file, ALL, 0 },
	{ "GET", "/api/v1/tax-records", h_tax_list, REVIEW, 0 },
	{ "GET", "/api/v1/overview", h_overview, REVIEW, 0 },
	{ "GET", "/api/v1/overview.csv", h_overview_csv, REVIEW, 0 },
};

static const struct route_upload uploads[] = {
	{ h_material_create, &upload_rule_material, h_material_precheck },
	{ h_feedback_create, &upload_rule_feedback, h_feedback_precheck },
	{ h_cancellation_create, &upload_rule_cancellation, h_cancellation_precheck },
	{ h_unit_import, &upload_rule_csv, NULL },
	{ h_import_create, &upload_rule_csv, h_import_precheck },
	{ h_reward_attachment_add, &upload_rule_material, h_reward_attachment_precheck },
	{ h_graduate_attachment_add, &upload_rule_material, h_graduate_attachment_precheck },
};

const struct route_upload *router_upload(const struct route *rt)
{
	for (size_t i = 0; rt && (rt->flags & ROUTE_UPLOAD) && i < sizeof uploads / sizeof uploads[0];
	     i++)
		if (uploads[i].handler == rt->handler)
			return &uploads[i];
	return NULL;
}

/* Matches one pattern; '*' takes one non-empty segment into rq->params. */
static int match(const char *pat, const char *path, struct srv_req *rq)
{
	int n = 0;
	while (*pat && *path) {
		if (*pat == '*') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || len >= sizeof rq->params[0] || n >= SRV_MAX_PARAMS)
				return 0;
			if (rq) {
				memcpy(rq->params[n], path, len);
				rq->params[n][len] = '\0';
			}
			n++;
			path += len;
			pat++;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	if (rq)
		rq->nparams = n;
	return 1;
}

const struct route *router_match(const char *method, const char *path,
				 struct srv_req *rq, int *path_known)
{
	size_t plen = strlen(path);
	char trimmed[1024];

	/* Tolerate one trailing slash. */
	if (plen > 1 && plen < sizeof trimmed && path[plen - 1] == '/') {
		memcpy(trimmed, path, plen - 1);
		trimmed[plen - 1] = '\0';
		path = trimmed;
	}
	*path_known = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		struct srv_req scratch;
		if (!match(routes[i].pattern, path, &scratch))
			continue;
		if (strcmp(routes[i].method, method) != 0) {
			*path_known = 1;
			continue;
		}
		match(routes[i].pattern, path, rq);
		return &routes[i];
	}
	return NULL;
}
