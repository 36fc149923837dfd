/* notices (通知公告): the list, newest first, unread marked; Enter reads one in
 * the pager and tells the service it was read; the unread count feeds the
 * status bar. Federation staff publish one (P): its title, text and the
 * region whose units get it (empty: the publisher's own). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/rewards.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_READ, TAG_PUBLISH };
enum { ASK_TITLE = 1, ASK_BODY, ASK_REGION };
enum { C_NEW, C_DATE, C_TITLE };

static const struct table_col cols[] = {
	{ N_("New"), NULL, 4, 4, 0, false, false },
	{ N_("Date"), NULL, 10, 10, 1, false, false },
	{ N_("Title"), NULL, 20, 200, 0, false, false },
};

struct notices_state {
	struct table t;
	json_t *items;
	bool loaded;
	json_t *draft;           /* the notice being published, asked field by field */
};

static void load(struct view *v)
{
	api_call(v, TAG_LIST, "GET", "/notices", NULL, NULL);
}

static int notices_open(struct view *v, const struct screen_args *args)
{
	struct notices_state *s = v->state;
	table_init(&s->t, cols, 3, false);
	load(v);
	return 0;
}

static void fill(struct notices_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(s->items, i);
		bool read = json_is_true(json_object_get(it, "read"));
		table_set(&s->t, (int)i, C_NEW, read ? "" : _("new"));
		const char *at = json_string_value(json_object_get(it, "created_at"));
		char day[11] = "";
		if (at)
			snprintf(day, sizeof day, "%.10s", at);   /* the date part is enough here */
		table_set(&s->t, (int)i, C_DATE, day);
		table_set(&s->t, (int)i, C_TITLE, json_string_value(json_object_get(it, "title")));
		table_set_style(&s->t, (int)i, read ? STYLE_NORMAL : STYLE_PENDING);
	}
}

static void notices_draw(struct view *v, struct canvas *c)
{
	struct notices_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Notices"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	if (s->loaded && s->t.nrows == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("No notices."), c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, buf);
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned notices_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

/* Enter: read the notice in the pager, and tell the service it was read. */
static unsigned notices_read(struct view *v, enum action a)
{
	struct notices_state *s = v->state;
	json_t *it = json_array_get(s->items, (size_t)table_cursor_row(&s->t));
	if (!json_is_true(json_object_get(it, "read"))) {
		char path[64];
		snprintf(path, sizeof path, "/notices/%lld/read",
			 (long long)json_integer_value(json_object_get(it, "id")));
		api_call(v, TAG_READ, "POST", path, NULL, NULL);
		json_object_set_new(it, "read", json_true());
		struct session *ss = app_session(v->app);
		if (ss->unread > 0)
			ss->unread--;
		fill(s);
	}
	app_push(v->app, &screen_pager, &(struct screen_args){ .json = it });
	return H_REDRAW;
}

static unsigned notices_publish(struct view *v, enum action a)
{
	struct notices_state *s = v->state;
	json_decref(s->draft);
	s->draft = json_object();
	app_prompt(v, ASK_TITLE, _("Notice title: "), "", 0);
	return H_REDRAW;
}

static unsigned notices_answer(struct view *v, int tag, const char *text)
{
	struct notices_state *s = v->state;
	static const struct {
		const char *key, *next_prompt;
	} steps[] = {
		[ASK_TITLE] = { "title", N_("Notice text: ") },
		[ASK_BODY] = { "body", N_("To the units of region (code, empty for your own): ") },
		[ASK_REGION] = { "region", NULL },
	};
	if (!text || !s->draft) {
		json_decref(s->draft);
		s->draft = NULL;
		return H_REDRAW;
	}
	if (tag != ASK_REGION || *text)
		json_object_set_new(s->draft, steps[tag].key, json_string(text));
	if (steps[tag].next_prompt) {
		app_prompt(v, tag + 1, _(steps[tag].next_prompt), "", 0);
		return H_REDRAW;
	}
	api_save(v, TAG_PUBLISH, "POST", "/notices", s->draft, NULL);
	json_decref(s->draft);
	s->draft = NULL;
	return H_REDRAW;
}

static void notices_reply(struct view *v, const struct api_reply *r)
{
	struct notices_state *s = v->state;
	if (r->tag == TAG_PUBLISH) {
		if (r->ok) {
			app_flash(v->app, false, "%s", _("Notice published"));
			load(v);
		} else if (r->field) {
			app_flash(v->app, true, "%s (%s)", r->message, r->field);
		} else {
			app_flash(v->app, true, "%s", r->message);
		}
		return;
	}
	if (r->tag == TAG_READ) {
		if (!r->ok && r->message)
			app_flash(v->app, true, "%s", r->message);
		return;
	}
	if (!r->ok) {
		/* the old list stays; the reason goes to the status bar */
		app_flash(v->app, true, "%s", r->message);
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
	app_session(v->app)->unread = (int)json_integer_value(json_object_get(r->body, "unread"));
	fill(s);
}

static void notices_close(struct view *v)
{
	struct notices_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
	json_decref(s->draft);
}

static struct table *notices_list(struct view *v)
{
	struct notices_state *s = v->state;
	return &s->t;
}

static const struct screen_action notices_actions[] = {
	{ .act = ACT_OPEN, .run = notices_read, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_REFRESH, .run = notices_refresh, .hint = true },
	{ .act = ACT_PUBLISH, .run = notices_publish, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL, .hint = true },
	{ .act = ACT_REWARDS, .run = rewards_act, .needs = NEED_SESSION, .hint = true },
	{ .act = ACT_POLICIES, .run = policies_act, .needs = NEED_SESSION, .hint = true },
};

const struct screen screen_notices = {
	.name = "notices",
	.state_size = sizeof(struct notices_state),
	.open = notices_open,
	.draw = notices_draw,
	SCREEN_ACTIONS(notices_actions),
	.reply = notices_reply,
	.answer = notices_answer,
	.close = notices_close,
	.list = notices_list,
};
