/* sessions: the user's own sessions (GET /sessions) — when each signed in,
 * when it was last used, from which address, with which client, and which is
 * the one in use here.  `:sessions` opens it from anywhere.  d ends the
 * selected or tagged sessions (DELETE /sessions/{id}): their tokens stop
 * working wherever they are.  The one in use ends only as logging out does
 * (app_sign_out): whatever is unsaved on the screens beneath is asked about
 * first, and staying keeps the session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_END, ASK_END, ASK_SIGN_OUT };
enum { C_NOW, C_SINCE, C_SEEN, C_IP, C_AGENT };

/* An IPv4 address whole (15), the client before a long IPv6 address. */
static const struct table_col cols[] = {
	{ N_("In use"), NULL, 6, 8, 0, false, false },
	{ N_("Signed in"), NULL, 16, 16, 0, false, false },
	{ N_("Last used"), NULL, 16, 16, 2, false, false },
	{ N_("Address"), NULL, 15, 39, 1, false, false },
	{ N_("Client"), NULL, 12, 60, 0, false, false },
};

struct sessions_state {
	struct table t;
	json_t *items;
	bool loaded;
	struct app_batch *asked;   /* the ends a dialog asks about */
	int failed;                /* refusals among a batch's answers */
};

static void load(struct view *v)
{
	api_call(v, TAG_LIST, "GET", "/sessions", NULL, NULL);
}

static int sessions_open(struct view *v, const struct screen_args *args)
{
	struct sessions_state *s = v->state;
	table_init(&s->t, cols, (int)(sizeof cols / sizeof cols[0]), true);
	s->t.key_cols = 1u << C_NOW | 1u << C_SINCE; /* read-row: "this one", when */
	load(v);
	return 0;
}

static const json_t *item(const struct sessions_state *s, int row)
{
	return json_array_get(s->items, (size_t)row);
}

static bool is_current(const struct sessions_state *s, int row)
{
	return json_is_true(json_object_get(item(s, row), "current"));
}

static void fill(struct sessions_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		char since[17] = "", seen[17] = "";
		const char *a = json_string_value(json_object_get(it, "created_at"));
		const char *b = json_string_value(json_object_get(it, "last_seen"));
		snprintf(since, sizeof since, "%.16s", a ? a : "");   /* to the minute */
		snprintf(seen, sizeof seen, "%.16s", b ? b : "");
		table_set(&s->t, (int)i, C_NOW, is_current(s, (int)i) ? _("this one") : "");
		table_set(&s->t, (int)i, C_SINCE, since);
		table_set(&s->t, (int)i, C_SEEN, seen);
		table_set(&s->t, (int)i, C_IP, json_string_value(json_object_get(it, "ip")));
		table_set(&s->t, (int)i, C_AGENT, json_string_value(json_object_get(it, "user_agent")));
		table_set_style(&s->t, (int)i, is_current(s, (int)i) ? STYLE_OK : STYLE_NORMAL);
	}
}

static void sessions_draw(struct view *v, struct canvas *c)
{
	struct sessions_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Your sessions: where you are signed in"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	if (!s->loaded) {
		canvas_focus(c, c->y, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned sessions_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

/* d: the tagged sessions, else the cursor's; the one in use alone is
 * logging out, and among others it stays. */
static unsigned sessions_end(struct view *v, enum action a)
{
	struct sessions_state *s = v->state;
	struct app_batch *b = app_batch_new(v, TAG_END);
	struct app_selection sel;
	char path[64], q[200];
	int row, kept = 0;
	for (bool ok = app_selection_first(&sel, &s->t, &row); ok; ok = app_selection_next(&sel, &row)) {
		if (is_current(s, row)) {
			kept++;
			continue;
		}
		snprintf(path, sizeof path, "/sessions/%lld",
			 (long long)json_integer_value(json_object_get(item(s, row), "id")));
		app_batch_add(b, "DELETE", path, NULL);
	}
	if (app_batch_size(b) == 0) {
		app_batch_drop(b);
		app_confirm(v, ASK_SIGN_OUT, _("End the session in use? You are logged out here."));
		return H_REDRAW;
	}
	if (app_batch_size(b) == 1)
		snprintf(q, sizeof q, "%s", _("End this session? Whoever uses it is signed out."));
	else
		snprintf(q, sizeof q, _("End %d sessions? Whoever uses them is signed out."),
			 app_batch_size(b));
	if (kept)
		app_flash(v->app, false, "%s", _("The session in use stays: log out to end it"));
	app_batch_drop(s->asked);
	s->asked = b;
	app_confirm(v, ASK_END, q);
	return H_REDRAW;
}

static unsigned sessions_answer(struct view *v, int tag, const char *text)
{
	struct sessions_state *s = v->state;
	if (tag == ASK_SIGN_OUT && text)
		app_sign_out(v);
	if (tag != ASK_END)
		return H_REDRAW;
	if (text) {
		s->failed = 0;
		app_batch_send(s->asked);
	} else {
		app_batch_drop(s->asked);
	}
	s->asked = NULL;
	return H_REDRAW;
}

static void sessions_reply(struct view *v, const struct api_reply *r)
{
	struct sessions_state *s = v->state;
	if (r->tag == TAG_END) {
		/* 404: it had ended meanwhile, which is what was asked */
		if (!r->ok && r->status != 404) {
			s->failed++;
			app_flash(v->app, true, "%s", r->message);
		}
		if (r->batch_left > 0)
			return;
		if (s->failed == 0)
			app_flash(v->app, false, "%s", _("Ended: those sessions are signed out"));
		load(v);
		return;
	}
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);   /* the old list stays */
		return;
	}
	json_t *items = json_object_get(r->body, "items");
	if (!json_is_array(items)) {
		app_flash(v->app, true, "%s", _("The service sent an answer anzhi cannot read"));
		return;
	}
	json_decref(s->items);
	s->items = json_incref(items);
	s->loaded = true;
	fill(s);
}

static void sessions_close(struct view *v)
{
	struct sessions_state *s = v->state;
	app_batch_drop(s->asked);
	table_free(&s->t);
	json_decref(s->items);
}

static struct table *sessions_list(struct view *v)
{
	struct sessions_state *s = v->state;
	return &s->t;
}

static const struct screen_action sessions_actions[] = {
	{ .act = ACT_SESSION_END, .run = sessions_end, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_TAG_TOGGLE, .run = NULL, .hint = true },   /* the loop tags */
	{ .act = ACT_REFRESH, .run = sessions_refresh, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL },
};

const struct screen screen_sessions = {
	.name = "sessions",
	.state_size = sizeof(struct sessions_state),
	.open = sessions_open,
	.draw = sessions_draw,
	SCREEN_ACTIONS(sessions_actions),
	.reply = sessions_reply,
	.close = sessions_close,
	.list = sessions_list,
	.list_caps = LIST_TAGS,
	.answer = sessions_answer,
};
