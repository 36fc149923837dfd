/* users (the administrator's accounts, u in the user centre): every account
 * with its role, unit or region and state; n creates one (user name, name,
 * password, role, then the unit's USCC or the region code), d disables or
 * enables, p sets a new password; i imports employers from a CSV file
 * (POST /units/import, all rows or none: the first bad row is named with
 * its line). */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/accounts.h"
#include "screens/screens.h"

enum { TAG_IMPORT = ACCOUNTS_TAGS_END, ASK_FILE };

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

static unsigned users_answer(struct view *v, int tag, const char *text)
{
	if (tag != ASK_FILE)
		return accounts_answer(v, tag, text);
	if (text && *text)
		api_upload(v, TAG_IMPORT, "/units/import", "units", text);
	return H_REDRAW;
}

static void users_reply(struct view *v, const struct api_reply *r)
{
	if (accounts_reply(v, r))
		return;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		if (r->detail) /* the line and the field of the first bad row */
			app_flash(v->app, true, "%s", r->detail);
		return;
	}
	app_flash(v->app, false, _("%lld units imported"),
		  (long long)json_integer_value(json_object_get(r->body, "imported")));
}

static const struct screen_action users_actions[] = {
	{ .act = ACT_CREATE, .run = accounts_create, .hint = true },
	{ .act = ACT_DISABLE, .run = accounts_disable, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_RESET_PASSWORD, .run = accounts_reset, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_IMPORT_UNITS, .run = users_import, .hint = true },
	{ .act = ACT_REFRESH, .run = accounts_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_users = {
	.name = "users",
	.state_size = sizeof(struct accounts_state),
	.open = users_open,
	.draw = accounts_draw,
	SCREEN_ACTIONS(users_actions),
	.reply = users_reply,
	.answer = users_answer,
	.close = accounts_close,
	.list = accounts_list,
};
