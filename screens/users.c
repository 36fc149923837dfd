/* users (the administrator's accounts, u in the user centre): every account
 * with its role, unit or region and state; n creates one (user name, name,
 * password, role, then the unit's USCC or the region code), e changes the
 * selected one's role and unit or region, d disables or enables, p sets a
 * new password; f says which roles must have a second factor (GET/PUT
 * /settings); i imports employers from a CSV file (POST /units/import, all
 * rows or none: the first bad row is named with its line). */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/accounts.h"
#include "screens/screens.h"

enum { TAG_IMPORT = ACCOUNTS_TAGS_END, TAG_SETTINGS, TAG_SETTINGS_PUT, ASK_FILE, ASK_ROLE,
       ASK_WHERE, ASK_TOTP_ROLES };

struct users_state {
	struct accounts_state list; /* first: accounts.c's */
	json_t *change;             /* the selected account's new role and place */
	char settings_version[32];
};

static const struct accounts_ask asks[] = {
	{ "username", N_("User name: "), 0 },
	{ "display_name", N_("Name: "), 0 },
	{ "password", N_("First password: "), PROMPT_MASKED },
	{ "role", N_("Role (unit, agent, reviewer, supervisor, admin): "), 0 },
	{ "where", N_("Unit's USCC, or the region code for federation staff: "), 0 },
};

static void users_path(struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "/users");
}

/* "where" is the unit of a unit-side account, else the staff's region. */
static void users_set(json_t *draft, const char *key, const char *text)
{
	if (strcmp(key, "where") == 0) {
		const char *role = json_string_value(json_object_get(draft, "role"));
		bool unit_side = role && (strcmp(role, "unit") == 0 || strcmp(role, "agent") == 0);
		key = unit_side ? "unit" : "region";
	}
	json_object_set_new(draft, key, json_string(text));
}

static const struct accounts_kind users = {
	.title = N_("User accounts"),
	.put_prefix = "/users",
	.asks = asks,
	.nasks = 5,
	.path = users_path,
	.set = users_set,
};

static int users_open(struct view *v, const struct screen_args *args)
{
	return accounts_open(v, &users);
}

static unsigned users_import(struct view *v, enum action a)
{
	app_prompt(v, ASK_FILE, _("Units CSV file: "), "", PROMPT_PATH);
	return H_REDRAW;
}

static unsigned users_edit(struct view *v, enum action a)
{
	struct users_state *s = v->state;
	json_decref(s->change);
	s->change = json_object();
	const char *role = json_string_value(json_object_get(accounts_cursor(v), "role"));
	app_prompt(v, ASK_ROLE, _(asks[3].prompt), role ? role : "", 0);
	return H_REDRAW;
}

static unsigned users_totp_roles(struct view *v, enum action a)
{
	api_call(v, TAG_SETTINGS, "GET", "/settings", NULL, NULL);
	return H_REDRAW;
}

/* "unit, reviewer" → ["unit","reviewer"] */
static json_t *role_list(const char *text)
{
	json_t *roles = json_array();
	char buf[160];
	snprintf(buf, sizeof buf, "%s", text);
	for (char *save = NULL, *w = strtok_r(buf, ", ", &save); w; w = strtok_r(NULL, ", ", &save))
		json_array_append_new(roles, json_string(w));
	return roles;
}

static unsigned users_answer(struct view *v, int tag, const char *text)
{
	struct users_state *s = v->state;
	if (tag < ASK_FILE)
		return accounts_answer(v, tag, text);
	if (!text) {
		json_decref(s->change);
		s->change = NULL;
		return H_REDRAW;
	}
	switch (tag) {
	case ASK_FILE:
		if (*text)
			api_upload(v, TAG_IMPORT, "/units/import", "units", text);
		break;
	case ASK_ROLE:
		json_object_set_new(s->change, "role", json_string(text));
		app_prompt(v, ASK_WHERE, _(asks[4].prompt), "", 0);
		break;
	case ASK_WHERE:
		if (s->change && *text)
			users_set(s->change, "where", text);
		if (s->change)
			accounts_put(v, accounts_cursor(v), s->change);
		json_decref(s->change);
		s->change = NULL;
		break;
	case ASK_TOTP_ROLES: {
		json_t *body = json_pack("{s:o}", "totp_required_roles", role_list(text));
		api_save(v, TAG_SETTINGS_PUT, "PUT", "/settings", body, s->settings_version);
		json_decref(body);
		break;
	}
	}
	return H_REDRAW;
}

static void users_reply(struct view *v, const struct api_reply *r)
{
	struct users_state *s = v->state;
	if (accounts_reply(v, r))
		return;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		if (r->detail) /* the line and the field of the first bad row */
			app_flash(v->app, true, "%s", r->detail);
		return;
	}
	if (r->tag == TAG_IMPORT) {
		app_flash(v->app, false, _("%lld units imported"),
			  (long long)json_integer_value(json_object_get(r->body, "imported")));
		return;
	}
	if (r->tag == TAG_SETTINGS_PUT) {
		app_flash(v->app, false, "%s", _("Second factor rule saved"));
		return;
	}
	/* the settings: ask for the roles, the present ones typed in */
	char now[160] = "";
	json_t *roles = json_object_get(r->body, "totp_required_roles");
	for (size_t i = 0; i < json_array_size(roles); i++) {
		size_t n = strlen(now);
		snprintf(now + n, sizeof now - n, "%s%s", i ? ", " : "",
			 json_string_value(json_array_get(roles, i)));
	}
	snprintf(s->settings_version, sizeof s->settings_version, "%s", r->etag ? r->etag : "\"0\"");
	app_prompt(v, ASK_TOTP_ROLES, _("Roles that must use a second factor (e.g. unit, reviewer): "),
		   now, 0);
}

static void users_close(struct view *v)
{
	struct users_state *s = v->state;
	json_decref(s->change);
	accounts_close(v);
}

static const struct screen_action users_actions[] = {
	{ .act = ACT_CREATE, .run = accounts_create, .hint = true },
	{ .act = ACT_DISABLE, .run = accounts_disable, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_RESET_PASSWORD, .run = accounts_reset, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_EDIT, .run = users_edit, .needs = NEED_ROW },
	{ .act = ACT_TOTP_ROLES, .run = users_totp_roles },
	{ .act = ACT_IMPORT_UNITS, .run = users_import, .hint = true },
	{ .act = ACT_REFRESH, .run = accounts_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_users = {
	.name = "users",
	.state_size = sizeof(struct users_state),
	.open = users_open,
	.draw = accounts_draw,
	SCREEN_ACTIONS(users_actions),
	.reply = users_reply,
	.answer = users_answer,
	.close = users_close,
	.list = accounts_list,
};
