/* years (业务年度, y in the administrator's user centre): the business years
 * with whether they take filings and their filing deadline (申报截止日期)
 * and the days left; e sets the selected year's deadline (empty: none),
 * o closes or opens it, n opens a new year. Units see the days left; past
 * the deadline only the federation's reopening lets a unit submit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_PUT };
enum { ASK_DEADLINE = 1, ASK_YEAR };
enum { C_YEAR, C_OPEN, C_DEADLINE, C_LEFT };

static const struct table_col cols[] = {
	{ N_("Year"), NULL, 6, 6, 0, false, true },
	{ N_("Filing"), NULL, 6, 10, 0, false, false },
	{ N_("Deadline"), NULL, 10, 10, 0, false, false },
	{ N_("Days left"), NULL, 6, 10, 1, true, true },
};

struct years_state {
	struct table t;
	json_t *items;
};

static void load(struct view *v)
{
	api_call(v, TAG_LIST, "GET", "/years", NULL, NULL);
}

static int years_open(struct view *v, const struct screen_args *args)
{
	struct years_state *s = v->state;
	table_init(&s->t, cols, 4, false);
	s->t.mark_cols = 1u << C_OPEN;
	s->t.key_cols = 1u << C_YEAR;
	load(v);
	return 0;
}

static void fill(struct years_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *y = json_array_get(s->items, i);
		char year[8], left[16] = "";
		snprintf(year, sizeof year, "%lld", (long long)json_integer_value(json_object_get(y, "year")));
		bool open = json_is_true(json_object_get(y, "open"));
		const json_t *days = json_object_get(y, "days_left");
		if (json_is_integer(days))
			snprintf(left, sizeof left, "%lld", (long long)json_integer_value(days));
		const char *deadline = json_string_value(json_object_get(y, "deadline"));
		table_set(&s->t, (int)i, C_YEAR, year);
		table_set_mark(&s->t, (int)i, C_OPEN, open, open ? N_("open") : N_("closed"));
		table_set(&s->t, (int)i, C_DEADLINE, deadline ? deadline : _("none"));
		table_set(&s->t, (int)i, C_LEFT, left);
	}
}

static void years_draw(struct view *v, struct canvas *c)
{
	struct years_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Business years and filing deadlines"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static const json_t *cursor_year(struct years_state *s)
{
	return json_array_get(s->items, (size_t)table_cursor_row(&s->t));
}

/* PUT /years/{year} {"open","deadline"}, with the version once it exists. */
static void put(struct view *v, long long year, bool open, const char *deadline,
		const json_t *known)
{
	char path[32], version[32];
	snprintf(path, sizeof path, "/years/%lld", year);
	json_t *body = json_pack("{s:b, s:o}", "open", open, "deadline",
				 deadline && *deadline ? json_string(deadline) : json_null());
	const json_t *ver = json_object_get(known, "version");
	if (json_is_integer(ver) && json_integer_value(ver) > 0)
		snprintf(version, sizeof version, "\"%lld\"", (long long)json_integer_value(ver));
	api_save(v, TAG_PUT, "PUT", path, body, json_is_integer(ver) && json_integer_value(ver) > 0
							   ? version : NULL);
	json_decref(body);
}

static unsigned years_deadline(struct view *v, enum action a)
{
	struct years_state *s = v->state;
	const char *d = json_string_value(json_object_get(cursor_year(s), "deadline"));
	app_prompt(v, ASK_DEADLINE, _("Filing deadline (YYYY-MM-DD, empty for none): "), d ? d : "", 0);
	return H_REDRAW;
}

static unsigned years_toggle(struct view *v, enum action a)
{
	struct years_state *s = v->state;
	const json_t *y = cursor_year(s);
	put(v, json_integer_value(json_object_get(y, "year")),
	    !json_is_true(json_object_get(y, "open")),
	    json_string_value(json_object_get(y, "deadline")), y);
	return H_REDRAW;
}

static unsigned years_new(struct view *v, enum action a)
{
	app_prompt(v, ASK_YEAR, _("Open the business year: "), "", 0);
	return H_REDRAW;
}

static unsigned years_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned years_answer(struct view *v, int tag, const char *text)
{
	struct years_state *s = v->state;
	if (!text)
		return H_REDRAW;
	if (tag == ASK_YEAR) {
		char *end;
		long long year = strtoll(text, &end, 10);
		if (*end || end == text) {
			app_flash(v->app, true, "%s", _("A year is four digits"));
			return H_REDRAW;
		}
		for (size_t i = 0; i < json_array_size(s->items); i++) { /* a known one keeps its version */
			const json_t *y = json_array_get(s->items, i);
			if (json_integer_value(json_object_get(y, "year")) == year) {
				put(v, year, true, json_string_value(json_object_get(y, "deadline")), y);
				return H_REDRAW;
			}
		}
		put(v, year, true, NULL, NULL);
		return H_REDRAW;
	}
	const json_t *y = cursor_year(s);
	put(v, json_integer_value(json_object_get(y, "year")), json_is_true(json_object_get(y, "open")),
	    text, y);
	return H_REDRAW;
}

static void years_reply(struct view *v, const struct api_reply *r)
{
	struct years_state *s = v->state;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	if (r->tag == TAG_PUT) {
		app_flash(v->app, false, "%s", _("Business year saved"));
		load(v);
		return;
	}
	json_decref(s->items);
	s->items = json_incref(json_object_get(r->body, "items"));
	fill(s);
}

static void years_close(struct view *v)
{
	struct years_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
}

static struct table *years_list(struct view *v)
{
	struct years_state *s = v->state;
	return &s->t;
}

static const struct screen_action years_actions[] = {
	{ .act = ACT_EDIT, .run = years_deadline, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_TOGGLE_OPEN, .run = years_toggle, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_CREATE, .run = years_new, .hint = true },
	{ .act = ACT_REFRESH, .run = years_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_years = {
	.name = "years",
	.state_size = sizeof(struct years_state),
	.open = years_open,
	.draw = years_draw,
	SCREEN_ACTIONS(years_actions),
	.reply = years_reply,
	.answer = years_answer,
	.close = years_close,
	.list = years_list,
};
