/* login: user name, then password (masked), Enter signs in.  In demo mode
 * (ANZHI_DEMO_ACCOUNTS = demo-accounts.json) the demo accounts are listed and
 * Enter on one fills the fields.  A unit user lands on the placement list of
 * the current business year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "screens/screens.h"
#include "ui/field.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { F_USER, F_PASS, F_COUNT };
enum { TAG_LOGIN = 1 };

struct login_state {
	struct field f[F_COUNT];
	int focus;             /* F_USER, F_PASS, or F_COUNT = the demo list */
	json_t *demo;          /* array of accounts or NULL */
	int demo_cur;
	int req;
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

static int login_open(struct view *v, const struct screen_args *args)
{
	struct login_state *s = v->state;
	field_init(&s->f[F_USER], N_("User name"), "username", FIELD_TEXT);
	field_init(&s->f[F_PASS], N_("Password"), "password", FIELD_MASKED);
	s->demo = load_demo();
	if (args && args->text)
		field_set(&s->f[F_USER], args->text);
	return 0;
}

static const char *acct_str(const json_t *a, const char *k)
{
	const char *s = json_string_value(json_object_get(a, k));
	return s ? s : "";
}

/* The role words of USER.role, as people at the federation say them. */
static const char *role_name(const char *role)
{
	static const struct { const char *role, *name; } names[] = {
		{ "unit", N_("unit user") },
		{ "agent", N_("agent") },
		{ "reviewer", N_("reviewer") },
		{ "supervisor", N_("supervisor") },
		{ "admin", N_("administrator") },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].role, role) == 0)
			return _(names[i].name);
	return role;
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
	for (int i = 0; i < F_COUNT; i++) {
		wattrset(w, theme_attr(STYLE_NORMAL));
		text_fit(buf, sizeof buf, _(s->f[i].label), 12, TEXT_PAD);
		mvwaddstr(w, y + i * 2, c->x + 2, buf);
		int cx = field_draw(w, y + i * 2, c->x + 15, 30, &s->f[i], s->focus == i);
		if (s->focus == i) {
			c->cur_y = y + i * 2;
			c->cur_x = cx;
		}
	}
	if (s->f[F_PASS].error[0] || s->f[F_USER].error[0]) {
		wattrset(w, theme_attr(STYLE_ERROR));
		text_fit(buf, sizeof buf, s->f[F_USER].error[0] ? s->f[F_USER].error : s->f[F_PASS].error,
			 c->cols - 4, 0);
		mvwaddstr(w, y + 4, c->x + 2, buf);
	}
	if (!s->demo)
		return;
	y += 6;
	wattrset(w, theme_attr(STYLE_HEADER));
	text_fit(buf, sizeof buf, _("Demo accounts (Tab to the list, Enter fills the fields)"),
		 c->cols, TEXT_PAD);
	mvwaddstr(w, y++, c->x, buf);
	size_t n = json_array_size(s->demo);
	int room = c->y + c->rows - y;
	int first = s->demo_cur >= room ? s->demo_cur - room + 1 : 0;
	int rolew = 4;   /* the widest role word in this language */
	for (size_t i = 0; i < n; i++) {
		int rw = text_width(role_name(acct_str(json_array_get(s->demo, i), "role")));
		rolew = rw > rolew ? rw : rolew;
	}
	for (int i = first; i < (int)n && y < c->y + c->rows; i++, y++) {
		const json_t *a = json_array_get(s->demo, (size_t)i);
		char line[600], user[64], role[64], where[300];
		text_fit(user, sizeof user, acct_str(a, "username"), 13, TEXT_PAD);
		text_fit(role, sizeof role, role_name(acct_str(a, "role")), rolew, TEXT_PAD);
		account_where(a, where, sizeof where);
		snprintf(line, sizeof line, "%s %s %s", user, role, where);
		char *cl = text_clean(line);
		text_fit(buf, sizeof buf, cl, c->cols - 2, TEXT_PAD);
		free(cl);
		wattrset(w, theme_attr(s->focus == F_COUNT && i == s->demo_cur ? STYLE_CURSOR
										: STYLE_NORMAL));
		mvwaddstr(w, y, c->x + 2, buf);
	}
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
	s->req = api_call(v, TAG_LOGIN, "POST", "/sessions", body, NULL);
	json_decref(body);
	app_flash(v->app, false, "%s", _("Signing in..."));
	return H_REDRAW;
}

static void fill_demo(struct login_state *s)
{
	const json_t *a = json_array_get(s->demo, (size_t)s->demo_cur);
	field_set(&s->f[F_USER], acct_str(a, "username"));
	field_set(&s->f[F_PASS], acct_str(a, "password"));
	s->focus = F_PASS;
}

static unsigned login_act(struct view *v, enum action a)
{
	struct login_state *s = v->state;
	int nfocus = s->demo ? F_COUNT + 1 : F_COUNT;
	switch (a) {
	case ACT_NEXT_FIELD:
		s->focus = (s->focus + 1) % nfocus;
		return H_REDRAW;
	case ACT_PREV_FIELD:
		s->focus = (s->focus + nfocus - 1) % nfocus;
		return H_REDRAW;
	case ACT_MOVE_DOWN:
		if (s->focus == F_COUNT && s->demo_cur + 1 < (int)json_array_size(s->demo))
			s->demo_cur++;
		else if (s->focus < F_COUNT)
			s->focus = (s->focus + 1) % nfocus;
		return H_REDRAW;
	case ACT_MOVE_UP:
		if (s->focus == F_COUNT && s->demo_cur > 0)
			s->demo_cur--;
		else if (s->focus > 0 && s->focus < F_COUNT)
			s->focus--;
		return H_REDRAW;
	case ACT_OPEN:
	case ACT_SAVE:
	case ACT_SIGN_IN:
		if (s->focus == F_COUNT) {
			fill_demo(s);
			return H_REDRAW;
		}
		if (s->focus == F_USER && field_empty(&s->f[F_PASS])) {
			s->focus = F_PASS;
			return H_REDRAW;
		}
		return sign_in(v);
	case ACT_BACK:
		return H_QUIT;   /* the first screen: leaving it leaves anzhi */
	default:
		return H_UNKNOWN;
	}
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
	if (!r->ok) {
		const char *msg = r->status == 401 || r->status == 422 || r->status == 403
				  ? _("Wrong user name or password") : r->message;
		snprintf(s->f[F_PASS].error, sizeof s->f[F_PASS].error, "%s", msg);
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
	if (ss->unit)
		app_reset(v->app, &screen_placements, NULL);
	else
		app_reset(v->app, &screen_notices, NULL);
}

static void login_close(struct view *v)
{
	struct login_state *s = v->state;
	json_decref(s->demo);
	memset(s->f[F_PASS].buf, 0, sizeof s->f[F_PASS].buf);
}

static const enum action login_hints[] = { ACT_SIGN_IN, ACT_NEXT_FIELD, ACT_HELP, ACT_QUIT };
/* No list, no session yet: paging, searching, notices do nothing here. */
static const enum action login_live[] = {
	ACT_SIGN_IN, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_MOVE_UP, ACT_MOVE_DOWN, ACT_HELP,
	ACT_QUIT, ACT_CANCEL, ACT_REDRAW, ACT_COMMAND,
};

const struct screen screen_login = {
	.name = "login",
	.state_size = sizeof(struct login_state),
	.open = login_open,
	.draw = login_draw,
	.act = login_act,
	.reply = login_reply,
	.close = login_close,
	.wants_text = login_wants_text,
	.key = login_key,
	.hints = login_hints,
	.nhints = 4,
	.live = login_live,
	.nlive = (int)(sizeof login_live / sizeof login_live[0]),
};
