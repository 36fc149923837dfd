/* account (用户中心, C from any screen): who is signed in and the account's
 * second factor; 修改密码 (p: current password, the new one twice; the
 * service ends every other session of the user), enrolling a second factor
 * (t: the totp screen) or removing it (x, with a code or a recovery
 * code), the unit's agents (a, the legal person's account)
 * and, for the administrator, the accounts (u), business years and filing
 * deadlines (y), units (m), registry imports (g) and policy tables (o). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_ME = 1, TAG_PASSWORD, TAG_ENROL, TAG_REMOVE };
/* the password prompts, one after the other */
enum { ASK_CURRENT = 1, ASK_NEW, ASK_AGAIN, ASK_REMOVE_CODE };

struct account_state {
	json_t *me;              /* USER of GET /me */
	char current[128], fresh[128];
};

static void load(struct view *v)
{
	api_call(v, TAG_ME, "GET", "/me", NULL, NULL);
}

static int account_open(struct view *v, const struct screen_args *args)
{
	load(v);
	return 0;
}

static void forget(struct account_state *s)
{
	memset(s->current, 0, sizeof s->current);
	memset(s->fresh, 0, sizeof s->fresh);
}

static const char *me_str(const struct account_state *s, const char *key)
{
	const char *t = json_string_value(json_object_get(s->me, key));
	return t ? t : "";
}

/* One "label  value" line, the value cleaned and fitted by columns. */
static void line(struct canvas *c, int y, const char *label, const char *value)
{
	enum { LABEL_COLS = 14 };
	char lab[128], val[512], *clean = text_clean(value);
	text_fit(lab, sizeof lab, label, LABEL_COLS, TEXT_PAD);
	text_fit(val, sizeof val, clean ? clean : "", c->cols - 3 - LABEL_COLS, 0);
	free(clean);
	wattrset(c->w, theme_attr(STYLE_DIM));
	mvwaddstr(c->w, y, c->x + 2, lab);
	wattrset(c->w, theme_attr(STYLE_NORMAL));
	mvwaddstr(c->w, y, c->x + 3 + LABEL_COLS, val);
}

static void account_draw(struct view *v, struct canvas *c)
{
	struct account_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("User centre"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	canvas_focus(c, c->y, c->x);
	if (!s->me)
		return;
	int y = c->y + 2;
	line(c, y++, _("User name"), me_str(s, "username"));
	line(c, y++, _("Name"), me_str(s, "display_name"));
	line(c, y++, _("Role"), role_word_label(me_str(s, "role")));
	if (*me_str(s, "unit"))
		line(c, y++, _("Unit"), me_str(s, "unit_name"));
	bool on = json_is_true(json_object_get(s->me, "totp"));
	bool required = json_is_true(json_object_get(s->me, "totp_required"));
	line(c, y++, _("Second factor"),
	     on ? _("on (a code is asked at sign-in)")
		: required ? _("required for your role: enrol it now (t)") : _("off"));
	y++;
	wattrset(c->w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf,
		 _("p changes your password; t enrols a second factor (an authenticator app)."),
		 c->cols - 2, 0);
	mvwaddstr(c->w, y, c->x + 2, buf);
}

static unsigned account_password(struct view *v, enum action a)
{
	forget(v->state);
	app_prompt(v, ASK_CURRENT, _("Current password: "), "", PROMPT_MASKED);
	return H_REDRAW;
}

static unsigned account_enrol(struct view *v, enum action a)
{
	api_call(v, TAG_ENROL, "POST", "/me/totp", NULL, NULL);
	return H_REDRAW;
}

/* Removing the factor takes a code from the app or a recovery code. */
static unsigned account_remove(struct view *v, enum action a)
{
	app_prompt(v, ASK_REMOVE_CODE, _("Code from the app, or a recovery code: "), "", 0);
	return H_REDRAW;
}

static unsigned account_agents(struct view *v, enum action a)
{
	app_push(v->app, &screen_agents, NULL);
	return H_REDRAW;
}

/* The administrator's screens, one action each. */
static const struct {
	enum action act;
	const struct screen *scr;
} admin_screens[] = {
	{ ACT_USERS, &screen_users },
	{ ACT_YEARS, &screen_years },
	{ ACT_UNITS, &screen_units },
	{ ACT_IMPORTS, &screen_imports },
	{ ACT_POLICY_TABLES, &screen_policy_tables },
};

static unsigned account_admin(struct view *v, enum action a)
{
	for (size_t i = 0; i < sizeof admin_screens / sizeof admin_screens[0]; i++)
		if (admin_screens[i].act == a)
			app_push(v->app, admin_screens[i].scr, NULL);
	return H_REDRAW;
}

static unsigned account_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned account_answer(struct view *v, int tag, const char *text)
{
	struct account_state *s = v->state;
	if (!text) {
		forget(s);
		return H_REDRAW;
	}
	switch (tag) {
	case ASK_REMOVE_CODE: {
		bool digits = strlen(text) == 6 && strspn(text, "0123456789") == 6;
		json_t *body = json_pack("{s:s}", digits ? "code" : "recovery_code", text);
		api_save(v, TAG_REMOVE, "DELETE", "/me/totp", body, NULL);
		json_decref(body);
		break;
	}
	case ASK_CURRENT:
		snprintf(s->current, sizeof s->current, "%s", text);
		app_prompt(v, ASK_NEW, _("New password: "), "", PROMPT_MASKED);
		break;
	case ASK_NEW:
		snprintf(s->fresh, sizeof s->fresh, "%s", text);
		app_prompt(v, ASK_AGAIN, _("New password again: "), "", PROMPT_MASKED);
		break;
	case ASK_AGAIN:
		if (strcmp(text, s->fresh) != 0) {
			app_flash(v->app, true, "%s", _("The two new passwords differ: nothing changed"));
			forget(s);
			break;
		}
		json_t *body = json_pack("{s:s, s:s}", "current", s->current, "new", s->fresh);
		api_save(v, TAG_PASSWORD, "PUT", "/me/password", body, NULL);
		json_decref(body);
		forget(s);
		break;
	}
	return H_REDRAW;
}

static void account_reply(struct view *v, const struct api_reply *r)
{
	struct account_state *s = v->state;
	if (!r->ok) {
		const char *msg = r->message;
		if (r->tag == TAG_PASSWORD && r->field && strcmp(r->field, "current") == 0)
			msg = _("The current password is wrong: nothing changed");
		else if (r->tag == TAG_ENROL && r->status == 409)
			msg = _("A second factor is already on for this account");
		else if (r->tag == TAG_REMOVE && r->status == 422)
			msg = _("That code is not right: nothing changed");
		app_flash(v->app, true, "%s", msg);
		return;
	}
	switch (r->tag) {
	case TAG_ME:
		json_decref(s->me);
		s->me = json_incref(r->body);
		break;
	case TAG_PASSWORD:
		app_flash(v->app, false, "%s",
			  _("Password changed; your other sessions have been signed out"));
		break;
	case TAG_ENROL:
		app_push(v->app, &screen_totp, &(struct screen_args){ .json = r->body });
		break;
	case TAG_REMOVE:
		app_flash(v->app, false, "%s", _("Second factor removed"));
		load(v);
		break;
	}
}

static void account_resume(struct view *v)
{
	load(v); /* the second factor may have changed */
}

static void account_close(struct view *v)
{
	struct account_state *s = v->state;
	forget(s);
	json_decref(s->me);
}

#define LEGAL_PERSON ROLE_BIT(ROLE_UNIT)
#define ADMIN ROLE_BIT(ROLE_ADMIN)

static const struct screen_action account_actions[] = {
	{ .act = ACT_PASSWORD, .run = account_password, .needs = NEED_SESSION, .hint = true },
	{ .act = ACT_TOTP_ENROL, .run = account_enrol, .needs = NEED_SESSION, .hint = true },
	{ .act = ACT_TOTP_REMOVE, .run = account_remove, .needs = NEED_SESSION },
	{ .act = ACT_AGENTS, .run = account_agents, .needs = NEED_SESSION, .roles = LEGAL_PERSON,
	  .hint = true },
	{ .act = ACT_USERS, .run = account_admin, .needs = NEED_SESSION, .roles = ADMIN, .hint = true },
	{ .act = ACT_YEARS, .run = account_admin, .needs = NEED_SESSION, .roles = ADMIN, .hint = true },
	{ .act = ACT_UNITS, .run = account_admin, .needs = NEED_SESSION, .roles = ADMIN, .hint = true },
	{ .act = ACT_IMPORTS, .run = account_admin, .needs = NEED_SESSION, .roles = ADMIN },
	{ .act = ACT_POLICY_TABLES, .run = account_admin, .needs = NEED_SESSION, .roles = ADMIN },
	{ .act = ACT_REFRESH, .run = account_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_account = {
	.name = "account",
	.state_size = sizeof(struct account_state),
	.open = account_open,
	.draw = account_draw,
	SCREEN_ACTIONS(account_actions),
	.reply = account_reply,
	.answer = account_answer,
	.resume = account_resume,
	.close = account_close,
};
