/* h_users — the administrator's accounts (users: create, disable, reset a
 * password, set the role and its region or unit, validated against the
 * region table and the units) and the service settings (which roles must
 * have a second factor). An administrator cannot lock themselves out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/regions.h"
#include "server/access.h"
#include "server/accounts.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/store.h"
#include "server/totp.h"
#include "wire/wire.h"

/* The roles a second factor may be required of: federation staff and the
 * legal person's account (SPEC §2). */
static const char *const factor_roles[] = { "unit", "reviewer", "supervisor", "admin", NULL };

static json_t *settings_json(const char *roles, int64_t version)
{
	json_t *list = json_array();
	for (size_t i = 0; factor_roles[i]; i++)
		if (totp_role_listed(roles, factor_roles[i]))
			json_array_append_new(list, json_string(factor_roles[i]));
	return json_pack("{s:o, s:I}", "totp_required_roles", list, "version", (json_int_t)version);
}

void h_settings_get(struct srv_req *rq, struct srv_reply *rp)
{
	char roles[96] = "";
	int64_t version = 0;
	if (store_setting_get(rq->st, TOTP_SETTING, roles, sizeof roles, &version) == STORE_ERROR) {
		srv_problem(rp, 500, "internal", NULL, "could not read the settings");
		return;
	}
	srv_etag(rp, version);
	srv_json(rp, 200, settings_json(roles, version));
}

/* PUT /settings {"totp_required_roles":[…]} with If-Match (the version of
 * GET /settings, "0" before the first change). */
void h_settings_put(struct srv_req *rq, struct srv_reply *rp)
{
	char before[96] = "", roles[96] = "";
	int64_t version = 0;
	if (store_setting_get(rq->st, TOTP_SETTING, before, sizeof before, &version) ==
	    STORE_ERROR) {
		srv_problem(rp, 500, "internal", NULL, "could not read the settings");
		return;
	}
	if (access_if_match(rq, rp, version) != 0)
		return;
	json_t *list = json_object_get(rq->body, "totp_required_roles");
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"totp_required_roles\":[…]}");
		return;
	}
	if (!json_is_array(list)) {
		srv_problem(rp, 422, list ? "invalid_field" : "missing_field", "totp_required_roles",
			    "a list of roles: unit, reviewer, supervisor, admin");
		return;
	}
	/* kept in the order of factor_roles, each once */
	for (size_t i = 0; i < json_array_size(list); i++) {
		const char *r = json_string_value(json_array_get(list, i));
		if (!r || !wire_enum_ok(factor_roles, r)) {
			char field[48];
			snprintf(field, sizeof field, "totp_required_roles[%zu]", i);
			srv_problem(rp, 422, "invalid_field", field,
				    "one of unit, reviewer, supervisor, admin");
			return;
		}
	}
	for (size_t k = 0; factor_roles[k]; k++)
		for (size_t i = 0; i < json_array_size(list); i++)
			if (strcmp(json_string_value(json_array_get(list, i)), factor_roles[k]) == 0) {
				snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "%s%s",
					 roles[0] ? "," : "", factor_roles[k]);
				break;
			}
	if (store_setting_put(rq->st, TOTP_SETTING, roles, version) != STORE_OK) {
		srv_problem(rp, 412, "precondition_failed", NULL, "the settings changed: reload");
		return;
	}
	json_t *b = settings_json(before, version), *a = settings_json(roles, version + 1);
	int rc = access_audit(rq, rp, "settings", TOTP_SETTING, "update", b, a);
	json_decref(b);
	if (rc != 0) {
		json_decref(a);
		return;
	}
	srv_etag(rp, version + 1);
	srv_json(rp, 200, a);
}

/* ------------------------------------------------------------------- users */

void h_user_list(struct srv_req *rq, struct srv_reply *rp)
{
	char at[20];
	int64_t after, next;
	int limit;
	const char *role = srv_query(rq, "role"), *unit = srv_query(rq, "unit");
	const char *q = srv_query(rq, "q");
	if (listing_page_params(rq, rp, &limit, at, &after) != 0)
		return;
	if (role && *role && !wire_enum_ok(wire_roles, role)) {
		srv_problem(rp, 422, "invalid_field", "role", "unknown role");
		return;
	}
	struct account_query aq = { .role = role && *role ? role : NULL,
				    .unit = unit && *unit ? unit : NULL,
				    .q = q && *q ? q : NULL, .after_id = after, .limit = limit };
	json_t *items = json_array();
	if (store_account_page(rq->st, &aq, items, &next) != STORE_OK) {
		json_decref(items);
		srv_problem(rp, 500, "internal", NULL, "could not list the accounts");
		return;
	}
	srv_json(rp, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
				    listing_cursor_json(NULL, next)));
}

/* role, unit and region from the body (each optional: u keeps what it has):
 * a unit or agent account names a unit that exists, federation staff a
 * region of the region table, the administrator neither. */
static int take_scope(struct srv_req *rq, struct srv_reply *rp, struct srv_user *u)
{
	json_t *role = json_object_get(rq->body, "role");
	json_t *unit = json_object_get(rq->body, "unit");
	json_t *region = json_object_get(rq->body, "region");
	struct unit_ref ref;
	if (role && (!json_is_string(role) || !wire_enum_ok(wire_roles, json_string_value(role)))) {
		srv_problem(rp, 422, "invalid_field", "role",
			    "one of unit, agent, reviewer, supervisor, admin");
		return -1;
	}
	if (role)
		snprintf(u->role, sizeof u->role, "%s", json_string_value(role));
	if (unit && !json_is_null(unit) && !json_is_string(unit)) {
		srv_problem(rp, 422, "invalid_field", "unit", "a USCC or null");
		return -1;
	}
	if (region && !json_is_null(region) && !json_is_string(region)) {
		srv_problem(rp, 422, "invalid_field", "region", "a region code or null");
		return -1;
	}
	if (unit)
		snprintf(u->unit, sizeof u->unit, "%s",
			 json_is_string(unit) ? json_string_value(unit) : "");
	if (region)
		snprintf(u->region, sizeof u->region, "%s",
			 json_is_string(region) ? json_string_value(region) : "");
	int unit_role = !strcmp(u->role, "unit") || !strcmp(u->role, "agent");
	int region_role = !strcmp(u->role, "reviewer") || !strcmp(u->role, "supervisor");
	if (!unit_role)
		u->unit[0] = '\0';
	if (!region_role)
		u->region[0] = '\0';
	if (unit_role && (!u->unit[0] || store_unit_ref(rq->st, u->unit, &ref) != STORE_OK)) {
		srv_problem(rp, 422, u->unit[0] ? "invalid_field" : "missing_field", "unit",
			    "a %s account needs the USCC of a known unit", u->role);
		return -1;
	}
	if (region_role && (!u->region[0] || !regions_find(&rq->ctx->regions, u->region))) {
		srv_problem(rp, 422, u->region[0] ? "invalid_field" : "missing_field", "region",
			    "a %s account needs a region code of the region table", u->role);
		return -1;
	}
	return 0;
}

void h_user_create(struct srv_req *rq, struct srv_reply *rp)
{
	struct srv_user u;
	const char *password;
	if (accounts_take_new(rq, rp, &u, &password) != 0)
		return;
	if (!json_object_get(rq->body, "role")) {
		srv_problem(rp, 422, "missing_field", "role", "role is required");
		return;
	}
	if (take_scope(rq, rp, &u) != 0)
		return;
	const struct pwjob *j = accounts_job(rq);
	if (!j) {
		pwjob_defer(rq, rp, NULL, NULL, password);
		return;
	}
	if (!j->made_ok) {
		srv_problem(rp, 500, "internal", NULL, "could not hash the password");
		return;
	}
	accounts_insert(rq, rp, &u, j->made);
}

/* PUT /users/{id} {"display_name","role","unit","region","disabled",
 * "password"} (each optional) with If-Match. */
void h_user_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct srv_user u;
	const char *display, *password;
	int has_disabled, disabled;
	char *end;
	long long id = strtoll(rq->params[0], &end, 10);
	if (*end || id <= 0 || store_user_by_id(rq->st, id, &u) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "no such account");
		return;
	}
	if (access_if_match(rq, rp, u.version) != 0)
		return;
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send the fields to change");
		return;
	}
	if (accounts_take_display_name(rq, rp, &display) != 0 ||
	    accounts_take_disabled(rq, rp, &has_disabled, &disabled) != 0 ||
	    accounts_take_password(rq, rp, u.username, &password) != 0 || take_scope(rq, rp, &u) != 0)
		return;
	json_t *factor = json_object_get(rq->body, "totp");
	if (factor && !json_is_false(factor)) {
		srv_problem(rp, 422, "invalid_field", "totp",
			    "only false: remove the account's second factor (a lost device)");
		return;
	}
	if (display)
		snprintf(u.display_name, sizeof u.display_name, "%s", display);
	if (has_disabled)
		u.disabled = disabled;
	if (u.id == rq->user.id && (u.disabled || strcmp(u.role, "admin") != 0)) {
		srv_problem(rp, 409, "conflict", u.disabled ? "disabled" : "role",
			    "an administrator cannot disable or demote their own account");
		return;
	}
	const struct pwjob *j = accounts_job(rq);
	if (password && !j) {
		pwjob_defer(rq, rp, NULL, NULL, password);
		return;
	}
	if (j && !j->made_ok) {
		srv_problem(rp, 500, "internal", NULL, "could not hash the password");
		return;
	}
	if (factor && store_totp_set(rq->st, u.id, STORE_TOTP_NONE, NULL, 0) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not remove the second factor");
		return;
	}
	accounts_update(rq, rp, &u, j ? j->made : NULL);
}
