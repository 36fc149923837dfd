/* window (窗口受理): federation staff find a unit of their region by name or
 * USCC (GET /units?q=) and open its over-quota reward for a data year (the
 * persons month by month, the staff count and bank account to type, apply
 * on its behalf: screen reward with the unit's USCC). / searches; [ and ]
 * change the year (last year by default: the year a declaration is for). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_SEARCH = 1 };
enum { ASK_FIND = 1 };
enum { C_NAME, C_USCC, C_REGION, C_STAFF, NCOLS };

static const struct table_col cols[NCOLS] = {
	{ N_("Unit"), NULL, 16, 60, 0, false, false },
	{ N_("USCC"), NULL, 18, 18, 1, false, false },
	{ N_("Region"), NULL, 6, 6, 2, false, false },
	{ N_("Staff"), NULL, 5, 8, 3, true, true },
};

struct window_state {
	struct table t;
	json_t *items;
	char q[128];
	int year;
	bool searched;
};

static const char *jstr(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

static void search(struct view *v)
{
	struct window_state *s = v->state;
	char *q = url_escape(s->q);
	char path[512];
	snprintf(path, sizeof path, "/units?q=%s&limit=%d", q, app_page_size(v->app));
	free(q);
	api_call(v, TAG_SEARCH, "GET", path, NULL, NULL);
}

static unsigned window_find(struct view *v, enum action a)
{
	struct window_state *s = v->state;
	app_prompt(v, ASK_FIND, _("Unit name or USCC:"), s->q, 0);
	return H_REDRAW;
}

static int window_open(struct view *v, const struct screen_args *args)
{
	struct window_state *s = v->state;
	s->year = app_session(v->app)->year - 1;
	table_init(&s->t, cols, NCOLS, false);
	s->t.key_cols = 1u << C_NAME;
	return 0;
}

static void fill(struct window_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		char staff[24];
		snprintf(staff, sizeof staff, "%lld",
			 (long long)json_integer_value(json_object_get(it, "staff_last_year")));
		table_set(&s->t, (int)i, C_NAME, jstr(it, "name"));
		table_set(&s->t, (int)i, C_USCC, jstr(it, "uscc"));
		table_set(&s->t, (int)i, C_REGION, jstr(it, "federation_region"));
		table_set(&s->t, (int)i, C_STAFF, staff);
	}
}

static void window_draw(struct view *v, struct canvas *c)
{
	struct window_state *s = v->state;
	char buf[512], line[512];
	snprintf(line, sizeof line, _("Window: apply for a unit - data year %d"), s->year);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	if (!s->searched || s->t.nrows == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf,
			 s->searched ? _("No unit of your region matches.")
				     : _("/ finds a unit by part of its name or its USCC."),
			 c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, buf);
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned window_answer(struct view *v, int tag, const char *text)
{
	struct window_state *s = v->state;
	if (tag == ASK_FIND && text && *text) {
		snprintf(s->q, sizeof s->q, "%s", text);
		search(v);
	}
	return H_REDRAW;
}

static unsigned window_open_unit(struct view *v, enum action a)
{
	struct window_state *s = v->state;
	const json_t *it = json_array_get(s->items, (size_t)table_cursor_row(&s->t));
	app_push(v->app, &screen_reward,
		 &(struct screen_args){ .text = jstr(it, "uscc"), .year = s->year });
	return H_REDRAW;
}

static unsigned window_year(struct view *v, enum action a)
{
	struct window_state *s = v->state;
	s->year += a == ACT_YEAR_PREV ? -1 : 1;
	return H_REDRAW;
}

static void window_reply(struct view *v, const struct api_reply *r)
{
	struct window_state *s = v->state;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		return;
	}
	json_t *items = json_object_get(r->body, "items");
	if (!json_is_array(items)) {
		app_flash(v->app, true, "%s", _("The service sent an answer anzhi cannot read"));
		return;
	}
	json_decref(s->items);
	s->items = json_incref(items);
	s->searched = true;
	fill(s);
}

static void window_close(struct view *v)
{
	struct window_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
}

static struct table *window_list(struct view *v)
{
	struct window_state *s = v->state;
	return &s->t;
}

static int window_year_shown(struct view *v)
{
	struct window_state *s = v->state;
	return s->year;
}

static const struct screen_action window_actions[] = {
	{ .act = ACT_OPEN, .run = window_open_unit, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_FIND, .run = window_find, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = window_year, .hint = true },
	{ .act = ACT_YEAR_NEXT, .run = window_year, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_window = {
	.name = "window",
	.state_size = sizeof(struct window_state),
	.open = window_open,
	.draw = window_draw,
	SCREEN_ACTIONS(window_actions),
	.reply = window_reply,
	.close = window_close,
	.answer = window_answer,
	.list = window_list,
	.year = window_year_shown,
};
