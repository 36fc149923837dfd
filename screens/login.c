/* login: user name, then password (masked), Enter signs in; an account with
 * a second factor is then asked for its 6-digit code (or a recovery code)
 * before the same request goes again.  In demo mode
 * (ANZHI_DEMO_ACCOUNTS = demo-accounts.json) the demo accounts are listed and
 * Enter on one fills the fields.  A unit user lands on the placement list of
 * the current business year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/field.h"
#include "ui/form.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { F_USER, F_PASS, F_CODE, F_COUNT };
enum { TAG_LOGIN = 1 };

struct login_state {
	struct field f[F_COUNT];
	int focus;             /* a field, or F_COUNT = the demo list */
	bool need_code;        /* the service asked for the second factor */
	json_t *demo;          /* array of accounts or NULL */
	struct table accounts; /* the demo accounts shown (the loop moves its cursor) */
	int req;
};

enum { C_USER, C_ROLE, C_WHERE };
static const struct table_col account_cols[] = {
	{ N_("User name"), NULL, 13, 13, 0, false, false },
	{ N_("Role"), NULL, 4, 14, 0, false, false },
	{ N_("Unit or region"), NULL, 20, 60, 0, false, false },
};

static json_t *load_demo(void)
{
	const char *path = getenv("ANZHI_DEMO_ACCOUNTS");
	if (!path || !*path)
		return NULL;
	json_t *j = json_load_file(path, 0, NULL);
	json_t *arr = json_is_array(j) ? j : json_object_get(j, "accounts");
	if (!json_is_array(arr))
		arr = json_object_get(j, "users");
	if (!json_is_array(arr)) {
		json_decref(j);
		return NULL;
	}
	json_incref(arr);
	json_decref(j);
	return arr;
}

static const char *acct_str(const json_t *a, const char *k)
{
	const char *s = json_string_value(json_object_get(a, k));
	return s ? s : "";
}

/* "兴和县 91150924MA0HXD012T" for a unit's account (a USCC carries its
 * region in characters 3-8), "乌兰察布市" for a reviewer's region. */
static void account_where(const json_t *a, char *buf, size_t size)
{
	const char *unit = acct_str(a, "unit");
	const char *name = acct_str(a, "unit_name");
	char code[7] = "";
	if (*unit && strlen(unit) == 18)
		snprintf(code, sizeof code, "%.6s", unit + 2);
	else
		snprintf(code, sizeof code, "%s", acct_str(a, "region"));
	char name_of[64];
	const char *place = region_name(code, name_of, sizeof name_of) ? name_of : *unit ? "" : code;
	snprintf(buf, size, "%s%s%s%s%s", *name ? name : "", *name ? " " : "", place,
		 *place && *unit ? " " : "", unit);
}

static void fill_accounts(struct login_state *s)
{
	size_t n = json_array_size(s->demo);
	table_resize(&s->accounts, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *a = json_array_get(s->demo, i);
		char where[300];
		account_where(a, where, sizeof where);
		table_set(&s->accounts, (int)i, C_USER, acct_str(a, "username"));
		table_set(&s->accounts, (int)i, C_ROLE, role_word_label(acct_str(a, "role")));
		table_set(&s->accounts, (int)i, C_WHERE, where);
	}
}

static int login_open(struct view *v, const struct screen_args *args)
{
	struct login_state *s = v->state;
	field_init(&s->f[F_USER], N_("User name"), "username", FIELD_TEXT);
	field_init(&s->f[F_PASS], N_("Password"), "password", FIELD_MASKED);
	field_init(&s->f[F_CODE], N_("Code"), "totp", FIELD_TEXT);
	s->demo = load_demo();
	table_init(&s->accounts, account_cols, 3, false);
	fill_accounts(s);
	if (args && args->text)
		field_set(&s->f[F_USER], args->text);
	return 0;
}

static void login_draw(struct view *v, struct canvas *c)
{
	struct login_state *s = v->state;
	WINDOW *w = c->w;
	char buf[512];
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Online certification of proportional employment - sign in"),
		 c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	wattrset(w, theme_attr(STYLE_DIM));
	char *srv = text_clean(app_server(v->app));
	text_fit(buf, sizeof buf, srv, c->cols, 0);
	free(srv);
	mvwaddstr(w, c->y + 1, c->x, buf);
	int y = c->y + 3;
	int nf = s->need_code ? F_COUNT : F_CODE;
	for (int i = 0; i < nf; i++) {
		int cx = form_field_row(w, y + i * 2, c->x + 2, 12, 44, &s->f[i], s->focus == i);
		if (s->focus == i)
			canvas_caret(c, y + i * 2, cx);
	}
	form_error_line(w, y + nf * 2, c->x + 2, c->cols - 4, form_error_of(NULL, s->f, nf));
	if (!s->demo)
		return;
	y += nf * 2 + 2;
	wattrset(w, theme_attr(STYLE_HEADER));
	text_fit(buf, sizeof buf, _("Demo accounts (Tab to the list, Enter fills the fields)"),
		 c->cols, TEXT_PAD);
	mvwaddstr(w, y++, c->x, buf);
	s->accounts.cursor_hidden = s->focus != F_COUNT;
	table_draw(&s->accounts, w, y, c->x + 2, c->y + c->rows - y, c->cols - 2);
	if (s->focus == F_COUNT)
		canvas_focus(c, s->accounts.cursor_y >= 0 ? s->accounts.cursor_y : y, c->x + 2);
}

static unsigned sign_in(struct view *v)
{
	struct login_state *s = v->state;
	if (field_empty(&s->f[F_USER])) {
		snprintf(s->f[F_USER].error, sizeof s->f[F_USER].error, "%s", _("Enter your user name"));
		s->focus = F_USER;
		return H_REDRAW;
	}
	json_t *body = json_pack("{s:s, s:s}", "username", field_value(&s->f[F_USER]),
				 "password", field_value(&s->f[F_PASS]));
	if (s->need_code) { /* six digits are a code; anything else a recovery code */
		const char *code = field_value(&s->f[F_CODE]);
		bool digits = strlen(code) == 6 && strspn(code, "0123456789") == 6;
		json_object_set_new(body, digits ? "totp" : "recovery_code", json_string(code));
	}
	s->req = api_call(v, TAG_LOGIN, "POST", "/sessions", body, NULL);
	json_decref(body);
	app_flash(v->app, false, "%s", _("Signing in..."));
	return H_REDRAW;
}

/* Enter on a demo account fills the form with it. */
static void fill_demo(struct login_state *s)
{
	const json_t *a = json_array_get(s->demo, (size_t)table_cursor_row(&s->accounts));
	field_set(&s->f[F_USER], acct_str(a, "username"));
	field_set(&s->f[F_PASS], acct_str(a, "password"));
	s->focus = F_PASS;
}

/* Whether a focus position is on the screen now. */
static bool focus_shown(const struct login_state *s, int focus)
{
	return focus == F_COUNT ? s->demo != NULL : focus != F_CODE || s->need_code;
}

static void focus_step(struct login_state *s, int dir)
{
	do
		s->focus = (s->focus + dir + F_COUNT + 1) % (F_COUNT + 1);
	while (!focus_shown(s, s->focus));
}

static unsigned login_next(struct view *v, enum action a)
{
	focus_step(v->state, 1);
	return H_REDRAW;
}

static unsigned login_prev(struct view *v, enum action a)
{
	focus_step(v->state, -1);
	return H_REDRAW;
}

/* Down and Up go from field to field; on the demo list they move its cursor
 * (the loop's list driver, hence H_UNKNOWN). */
static unsigned login_down(struct view *v, enum action a)
{
	struct login_state *s = v->state;
	return s->focus == F_COUNT ? H_UNKNOWN : login_next(v, a);
}

static unsigned login_up(struct view *v, enum action a)
{
	struct login_state *s = v->state;
	if (s->focus == F_COUNT)
		return H_UNKNOWN;
	if (s->focus > 0)
		focus_step(s, -1);
	return H_REDRAW;
}

static unsigned login_enter(struct view *v, enum action a)
{
	struct login_state *s = v->state;
	if (s->focus == F_COUNT) {
		if (table_cursor_row(&s->accounts) >= 0)
			fill_demo(s);
		return H_REDRAW;
	}
	if (s->focus == F_USER && field_empty(&s->f[F_PASS])) {
		s->focus = F_PASS;
		return H_REDRAW;
	}
	return sign_in(v);
}

static unsigned login_quit(struct view *v, enum action a)
{
	return H_QUIT;   /* the first screen: leaving it leaves anzhi */
}

static bool login_wants_text(struct view *v)
{
	struct login_state *s = v->state;
	return s->focus < F_COUNT;
}

static unsigned login_key(struct view *v, int key)
{
	struct login_state *s = v->state;
	return field_key(&s->f[s->focus], key) ? H_REDRAW : H_UNKNOWN;
}

static void login_reply(struct view *v, const struct api_reply *r)
{
	struct login_state *s = v->state;
	if (r->tag != TAG_LOGIN)
		return;
	s->req = 0;
	if (!r->ok && r->code && strcmp(r->code, "totp_required") == 0) {
		/* the password was right: ask for the code, keep what was typed */
		s->need_code = true;
		s->focus = F_CODE;
		snprintf(s->f[F_CODE].error, sizeof s->f[F_CODE].error, "%s", r->message);
		app_flash(v->app, false, "%s", r->message);
		return;
	}
	if (!r->ok) {
		char wait[200];
		bool refused = r->status == 401 || r->status == 422 || r->status == 403;
		/* a code is good once: a refused one is cleared for the next */
		const char *msg = !refused ? r->message
				  : s->need_code ? _("Wrong code (or a code already used), or wrong password")
						 : _("Wrong user name or password");
		if (r->status == 429) {   /* the service limits attempts: say for how long */
			long secs = r->retry_after > 0 ? r->retry_after : 60;
			if (secs >= 120)
				snprintf(wait, sizeof wait,
					 _("Too many failed sign-ins: try again in %ld minutes"), (secs + 59) / 60);
			else
				snprintf(wait, sizeof wait,
					 _("Too many failed sign-ins: try again in %ld seconds"), secs);
			msg = wait;
		}
		int at = s->need_code ? F_CODE : F_PASS;
		if (s->need_code && refused)
			field_set(&s->f[F_CODE], "");
		snprintf(s->f[at].error, sizeof s->f[at].error, "%s", msg);
		app_flash(v->app, true, "%s", msg);
		return;
	}
	const char *token = json_string_value(json_object_get(r->body, "token"));
	json_t *user = json_object_get(r->body, "user");
	if (!token || !json_is_object(user)) {
		app_flash(v->app, true, "%s", _("The service sent an answer anzhi cannot read"));
		return;
	}
	app_set_user(v->app, user, token);
	struct session *ss = app_session(v->app);
	app_flash(v->app, false, _("Signed in as %s"), ss->display_name ? ss->display_name : ss->username);
	/* units land on their list (with drafts waiting, it offers them first),
	 * the federation's staff on the review queue */
	enum role role = wire_role_parse(ss->role);
	if (ss->unit)
		app_reset(v->app, &screen_placements, &(struct screen_args){ .text = "offer-drafts" });
	else if (role != ROLE_UNKNOWN && (ROLES_FEDERATION & ROLE_BIT(role)))
		app_reset(v->app, &screen_queue, NULL);
	else
		app_reset(v->app, &screen_notices, NULL);
}

static void login_close(struct view *v)
{
	struct login_state *s = v->state;
	json_decref(s->demo);
	table_free(&s->accounts);
	memset(s->f[F_PASS].buf, 0, sizeof s->f[F_PASS].buf);
	memset(s->f[F_CODE].buf, 0, sizeof s->f[F_CODE].buf);
}

static struct table *login_list(struct view *v)
{
	struct login_state *s = v->state;
	return s->focus == F_COUNT ? &s->accounts : NULL;
}

static const struct screen_action login_actions[] = {
	{ .act = ACT_SIGN_IN, .run = login_enter, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = login_next, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL, .hint = true },
	{ .act = ACT_PREV_FIELD, .run = login_prev },
	{ .act = ACT_MOVE_DOWN, .run = login_down },
	{ .act = ACT_MOVE_UP, .run = login_up },
	{ .act = ACT_OPEN, .run = login_enter },
	{ .act = ACT_SAVE, .run = login_enter },
	{ .act = ACT_BACK, .run = login_quit },
};

const struct screen screen_login = {
	.name = "login",
	.state_size = sizeof(struct login_state),
	.open = login_open,
	.draw = login_draw,
	SCREEN_ACTIONS(login_actions),
	.reply = login_reply,
	.close = login_close,
	.list = login_list,
	.wants_text = login_wants_text,
	.key = login_key,
};
