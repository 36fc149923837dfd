/* dispatch: from an action to what acts on it on the screen on top — the
 * screen's action table, the loop's list and pager drivers, the generic
 * actions — with the table row's needs checked once, here, and "not
 * available here" (and why) said when one fails.  The same tables say which
 * actions are live on a screen, for help and the hint bar. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/engine.h"
#include "ui/table.h"

/* ------------------------------------------------------------ generic actions */

static unsigned g_quit(struct app *a, struct view *v, enum action act)
{
	return H_QUIT;
}

static unsigned g_back(struct app *a, struct view *v, enum action act)
{
	return a->depth > 1 ? H_CLOSE : H_NONE;
}

static unsigned g_help(struct app *a, struct view *v, enum action act)
{
	if (v->scr != a->screens.help)
		app_push(a, a->screens.help, &(struct screen_args){ .text = v->scr->name });
	return H_REDRAW;
}

static unsigned g_redraw(struct app *a, struct view *v, enum action act)
{
	a->full_redraw = true;
	return H_REDRAW;
}

static unsigned g_command(struct app *a, struct view *v, enum action act)
{
	struct view fake = { .app = a, .gen = 0, .scr = v->scr };
	app_prompt(&fake, 0, ":", "", 0);
	return H_REDRAW;
}

static unsigned g_cancel(struct app *a, struct view *v, enum action act)
{
	return H_NONE;   /* nothing runs (a running request is cancelled before dispatch) */
}

static unsigned g_notices(struct app *a, struct view *v, enum action act)
{
	if (v->scr != a->screens.notices)
		app_push(a, a->screens.notices, NULL);
	return H_REDRAW;
}

static unsigned g_account(struct app *a, struct view *v, enum action act)
{
	if (!a->screens.account)
		return H_UNKNOWN;
	if (v->scr != a->screens.account)
		app_push(a, a->screens.account, NULL);
	return H_REDRAW;
}

static unsigned g_sessions(struct app *a, struct view *v, enum action act)
{
	if (v->scr != a->screens.sessions)
		app_push(a, a->screens.sessions, NULL);
	return H_REDRAW;
}

/* The message log in the pager, on its newest (last) lines. */
static unsigned g_messages(struct app *a, struct view *v, enum action act)
{
	if (!a->screens.pager)
		return H_UNKNOWN;
	char *text = app_messages_text(a);
	json_t *args = json_pack("{s:s, s:s, s:b}", "title", _("Messages of this session (newest last)"),
				 "body", text, "at_end", 1);
	app_push(a, a->screens.pager, &(struct screen_args){ .json = args });
	json_decref(args);
	free(text);
	return H_REDRAW;
}

void app_logout(struct app *a, struct view *v)
{
	api_call(v, API_TAG_NONE, "DELETE", "/sessions/current", NULL, NULL);
	outbox_close(a);   /* what is still in it stays on disk for the next session */
	app_session_clear(&a->sess);
	app_reset(a, a->screens.login, NULL);
}

void app_sign_out(struct view *v)
{
	if (leave_may(v->app, LEAVE_LOGOUT, NULL))   /* unsaved changes are asked about first */
		app_logout(v->app, v);
}

static unsigned g_logout(struct app *a, struct view *v, enum action act)
{
	app_sign_out(v);
	return H_REDRAW;
}

/* F: the federation's work (年审认证审核, 认证反馈审核, 注销审核, 税务查询,
 * the overview), whatever screen a reviewer is on */
static unsigned g_federation(struct app *a, struct view *v, enum action act)
{
	if (a->screens.federation && v->scr != a->screens.federation)
		app_push(a, a->screens.federation, NULL);
	return H_REDRAW;
}

static const struct {
	enum action act;
	unsigned (*run)(struct app *a, struct view *v, enum action act);
	unsigned needs;
	unsigned roles;
} generic[] = {
	{ ACT_QUIT, g_quit, 0, 0 },
	{ ACT_HELP, g_help, 0, 0 },
	{ ACT_BACK, g_back, 0, 0 },
	{ ACT_CANCEL, g_cancel, 0, 0 },
	{ ACT_REDRAW, g_redraw, 0, 0 },
	{ ACT_COMMAND, g_command, 0, 0 },
	{ ACT_NOTICES, g_notices, NEED_SESSION, 0 },
	{ ACT_ACCOUNT, g_account, NEED_SESSION, 0 },
	{ ACT_SESSIONS, g_sessions, NEED_SESSION, 0 },
	{ ACT_MESSAGES, g_messages, 0, 0 },
	{ ACT_LOGOUT, g_logout, NEED_SESSION, 0 },
	{ ACT_FEDERATION, g_federation, NEED_SESSION, ROLES_FEDERATION },
};
enum { N_GENERIC = sizeof generic / sizeof generic[0] };

static int generic_index(enum action act)
{
	for (int i = 0; i < N_GENERIC; i++)
		if (generic[i].act == act)
			return i;
	return -1;
}

/* The prompt's and the dialog's keymaps: these answer them (yes / no). */
bool dispatch_modal_answer(enum action act, bool *yes)
{
	if (act == ACT_OPEN || act == ACT_SAVE)
		*yes = true;
	else if (act == ACT_CANCEL || act == ACT_BACK)
		*yes = false;
	else
		return false;
	return true;
}

/* ------------------------------------------------------------ needs */

static const struct screen_action *row_of(const struct screen *s, enum action act)
{
	for (int i = 0; i < s->nactions; i++)
		if (s->actions[i].act == act)
			return &s->actions[i];
	return NULL;
}

static struct table *list_of(struct view *v)
{
	return v->scr->list ? v->scr->list(v) : NULL;
}

/* The needs that hold now on v. */
static unsigned holding(struct app *a, struct view *v)
{
	unsigned h = NEED_RECORD | NEED_UNLOCKED | NEED_ROW;
	if (v->scr->holds)
		h = v->scr->holds(v) & (NEED_RECORD | NEED_UNLOCKED | NEED_ROW);
	if (v->scr->list) {
		struct table *t = list_of(v);
		h = (h & ~NEED_ROW) | (t && table_cursor_row(t) >= 0 ? NEED_ROW : 0);
	}
	if (a->sess.token)
		h |= NEED_SESSION;
	if (a->sess.unit)
		h |= NEED_UNIT;
	if (app_view_below(v))
		h |= NEED_BELOW;
	return h;
}

static bool role_allows(struct app *a, unsigned roles)
{
	enum role r = wire_role_parse(a->sess.role);
	return !roles || (r != ROLE_UNKNOWN && (roles & ROLE_BIT(r)));
}

/* Why an action cannot run now (translated), or NULL when it can.  Only the
 * needs that do not change on the screen itself when `static_only`. */
static const char *unmet(struct app *a, struct view *v, unsigned needs, unsigned roles,
			 bool static_only)
{
	unsigned h = holding(a, v);
	if ((needs & NEED_SESSION) && !(h & NEED_SESSION))
		return _("Not available here: sign in first");
	if ((needs & NEED_UNIT) && !(h & NEED_UNIT))
		return _("Not available here: only a unit's account does this");
	if (!role_allows(a, roles))
		return _("Not available here: your role may not do this");
	if (static_only)
		return NULL;
	if ((needs & NEED_UNLOCKED) && !(h & NEED_UNLOCKED)) {
		const char *why = v->scr->locked_why ? v->scr->locked_why(v) : NULL;
		return why ? why : _("The declaration is submitted: the list is locked (W withdraws)");
	}
	if ((needs & NEED_RECORD) && !(h & NEED_RECORD))
		return _("Not available yet: still loading");
	if ((needs & NEED_ROW) && !(h & NEED_ROW))
		return _("Not available here: no line is selected");
	if ((needs & NEED_BELOW) && !(h & NEED_BELOW))
		return _("Not available here: nothing to go back to");
	return NULL;
}

/* ------------------------------------------------------------ dispatch */

/* The loop's own handling: the list, the pager, the generic actions. */
static unsigned engine_act(struct app *a, struct view *v, enum action act)
{
	struct table *t = list_of(v);
	if (t && listdrv_can(v->scr->list_caps, act)) {
		unsigned h = listdrv_act(a, v, t, act);
		if (!(h & H_UNKNOWN))
			return h;
	}
	struct pager *p = v->scr->pager ? v->scr->pager(v) : NULL;
	if (p && pagerdrv_can(act))
		return pagerdrv_act(p, act);
	int g = generic_index(act);
	if (g >= 0) {
		const char *why = unmet(a, v, generic[g].needs, generic[g].roles, false);
		if (why) {
			app_flash(a, true, "%s", why);
			return H_REDRAW;
		}
		return generic[g].run(a, v, act);
	}
	return H_UNKNOWN;
}

unsigned dispatch_action(struct app *a, struct view *v, enum action act)
{
	const struct screen_action *row = row_of(v->scr, act);
	unsigned h = H_UNKNOWN;
	if (row) {
		const char *why = unmet(a, v, row->needs, row->roles, false);
		if (why) {
			app_flash(a, true, "%s", why);
			return H_REDRAW;
		}
		if (row->run)
			h = row->run(v, act);
	}
	if (h & H_UNKNOWN)
		h = engine_act(a, v, act);
	if (h & H_UNKNOWN) {
		app_flash(a, true, "%s", _("Not available here"));
		return H_REDRAW;
	}
	if (h & H_NEXT_ROW) {
		struct table *t = list_of(v);
		if (t)
			listdrv_act(a, v, t, ACT_MOVE_DOWN);
	}
	return h;
}

/* ------------------------------------------------------------ what is live */

static bool engine_can(const struct screen *s, enum action act)
{
	return (s->list && listdrv_can(s->list_caps, act)) || (s->pager && pagerdrv_can(act)) ||
	       generic_index(act) >= 0;
}

/* The same on v as it is now (a screen shows a list only at times). */
static bool engine_can_now(struct view *v, enum action act)
{
	return (list_of(v) && listdrv_can(v->scr->list_caps, act)) ||
	       (v->scr->pager && pagerdrv_can(act)) || generic_index(act) >= 0;
}

bool dispatch_screen_handles(const struct screen *s, enum action act)
{
	const struct screen_action *row = row_of(s, act);
	return (row && row->run) || engine_can(s, act);
}

bool dispatch_generic_handles(enum action act)
{
	return generic_index(act) >= 0;
}

/* Live on v now, as far as help and hints are concerned: a row or the
 * engine handles it and its session and role needs hold. */
static bool live(struct app *a, struct view *v, enum action act)
{
	const struct screen_action *row = row_of(v->scr, act);
	if (row && !unmet(a, v, row->needs, row->roles, true) && (row->run || engine_can_now(v, act)))
		return true;
	if (row)
		return false;
	if (list_of(v) && listdrv_can(v->scr->list_caps, act))
		return true;
	if (v->scr->pager && pagerdrv_can(act))
		return true;
	int g = generic_index(act);
	return g >= 0 && !unmet(a, v, generic[g].needs, generic[g].roles, true);
}

int app_live_actions(struct view *v, enum action *out, int max)
{
	int n = 0;
	for (int act = 1; act < ACT_COUNT && n < max; act++)
		if (live(v->app, v, (enum action)act))
			out[n++] = (enum action)act;
	return n;
}

int dispatch_hints(struct app *a, struct view *v, enum action *out, int max)
{
	int n = 0;
	for (int i = 0; i < v->scr->nactions && n < max; i++) {
		const struct screen_action *row = &v->scr->actions[i];
		if (row->hint && live(a, v, row->act))
			out[n++] = row->act;
	}
	return n;
}
