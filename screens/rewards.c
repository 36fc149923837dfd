/* rewards (超比例奖励审核, 安置残疾大学生审核): the federation's queue of
 * over-quota reward applications (g: of graduate applications) in the
 * caller's region — awaiting 初审, awaiting 复审, decided
 * (f cycles the status) — oldest year first; Enter opens one (screen
 * reward) to pass or reject it; W applies for a unit at the window (screen
 * window). Window applications (窗口) arrive awaiting 复审. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/rewards.h"
#include "screens/status.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_LIST = 1 };
enum { C_UNIT, C_YEAR, C_CHANNEL, C_STATUS, C_EXCESS, C_AMOUNT, C_APPLIED, NCOLS };

static const struct table_col cols[NCOLS] = {
	{ N_("Unit"), NULL, 12, 40, 0, false, false },
	{ N_("Year"), NULL, 4, 4, 1, false, true },
	{ N_("Channel"), NULL, 4, 8, 3, false, false },
	{ N_("Status"), NULL, 6, 14, 0, false, false },
	{ N_("Excess"), NULL, 4, 8, 2, true, true },
	{ N_("Amount (yuan)"), NULL, 8, 12, 1, true, true },
	{ N_("Applied"), NULL, 10, 10, 4, false, false },
};

/* The filter's order; -1 is every status. */
static const enum application_status filters[] = {
	APPLICATION_APPLIED, APPLICATION_FIRST_PASSED, APPLICATION_APPROVED, APPLICATION_REJECTED,
	APPLICATION_STATUS_UNKNOWN,
};
#define NFILTERS ((int)(sizeof filters / sizeof filters[0]))

/* The two queues: g switches (the same calls under each path). */
static const struct {
	const char *path, *title;
} kinds[] = {
	{ "rewards", N_("Over-quota reward review") },
	{ "graduate-applications", N_("Graduate placement review") },
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

struct rewards_state {
	int kind;            /* index into kinds */
	struct table t;
	json_t *items;
	int filter;          /* index into filters */
	bool loaded;
};

static void load(struct view *v)
{
	struct rewards_state *s = v->state;
	char path[96];
	enum application_status st = filters[s->filter];
	snprintf(path, sizeof path, "/%s?limit=%d%s%s", kinds[s->kind].path, app_page_size(v->app),
		 st >= 0 ? "&status=" : "", st >= 0 ? wire_application_status_word(st) : "");
	api_call(v, TAG_LIST, "GET", path, NULL, NULL);
}

static int rewards_open(struct view *v, const struct screen_args *args)
{
	struct rewards_state *s = v->state;
	table_init(&s->t, cols, NCOLS, false);
	s->t.key_cols = 1u << C_UNIT;
	load(v);
	return 0;
}

static void fill(struct rewards_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		char year[8], day[11];
		enum application_status st =
			wire_application_status_parse(json_string_value(json_object_get(it, "status")));
		bool window = wire_channel_parse(json_string_value(json_object_get(it, "channel"))) ==
			      CHANNEL_WINDOW;
		snprintf(year, sizeof year, "%d", (int)json_integer_value(json_object_get(it, "year")));
		const char *at = json_string_value(json_object_get(it, "applied_at"));
		snprintf(day, sizeof day, "%.10s", at ? at : "");
		table_set(&s->t, (int)i, C_UNIT, json_string_value(json_object_get(it, "unit_name")));
		table_set(&s->t, (int)i, C_YEAR, year);
		table_set(&s->t, (int)i, C_CHANNEL, window ? _("window") : _("online"));
		table_set(&s->t, (int)i, C_STATUS, application_status_label(st));
		table_set(&s->t, (int)i, C_EXCESS, json_string_value(json_object_get(it, "excess")));
		table_set(&s->t, (int)i, C_AMOUNT, json_string_value(json_object_get(it, "amount")));
		table_set(&s->t, (int)i, C_APPLIED, day);
		table_set_style(&s->t, (int)i, application_status_style(st));
	}
}

static void rewards_draw(struct view *v, struct canvas *c)
{
	struct rewards_state *s = v->state;
	char buf[256], line[256];
	enum application_status st = filters[s->filter];
	snprintf(line, sizeof line, "%s - %s", _(kinds[s->kind].title),
		 st >= 0 ? application_status_label(st) : _("all"));
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	if (s->loaded && s->t.nrows == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("No applications."), c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, buf);
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned rewards_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned rewards_filter(struct view *v, enum action a)
{
	struct rewards_state *s = v->state;
	s->filter = (s->filter + 1) % NFILTERS;
	load(v);
	return H_REDRAW;
}

static unsigned rewards_open_row(struct view *v, enum action a)
{
	struct rewards_state *s = v->state;
	const json_t *it = json_array_get(s->items, (size_t)table_cursor_row(&s->t));
	app_push(v->app, &screen_reward,
		 &(struct screen_args){ .id = (long)json_integer_value(json_object_get(it, "id")),
					.text = kinds[s->kind].path });
	return H_REDRAW;
}

static void rewards_reply(struct view *v, const struct api_reply *r)
{
	struct rewards_state *s = v->state;
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
	s->loaded = true;
	fill(s);
}

unsigned rewards_go(struct view *v, int year)
{
	if (app_session(v->app)->unit)
		app_push(v->app, &screen_reward, &(struct screen_args){ .year = year });
	else
		app_push(v->app, &screen_rewards, NULL);
	return H_REDRAW;
}

unsigned rewards_act(struct view *v, enum action a)
{
	return rewards_go(v, 0);
}

unsigned policies_act(struct view *v, enum action a)
{
	app_push(v->app, &screen_policies, NULL);
	return H_REDRAW;
}

static unsigned rewards_kind(struct view *v, enum action a)
{
	struct rewards_state *s = v->state;
	s->kind = (s->kind + 1) % NKINDS;
	json_decref(s->items);
	s->items = NULL;
	s->loaded = false;
	fill(s);
	load(v);
	return H_REDRAW;
}

static unsigned rewards_window(struct view *v, enum action a)
{
	app_push(v->app, &screen_window, NULL);
	return H_REDRAW;
}

/* Back from an application: its status may have changed. */
static void rewards_resume(struct view *v)
{
	load(v);
}

static void rewards_close(struct view *v)
{
	struct rewards_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
}

static struct table *rewards_list(struct view *v)
{
	struct rewards_state *s = v->state;
	return &s->t;
}

static const struct screen_action rewards_actions[] = {
	{ .act = ACT_OPEN, .run = rewards_open_row, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_FILTER, .run = rewards_filter, .hint = true },
	{ .act = ACT_KIND_NEXT, .run = rewards_kind, .hint = true },
	{ .act = ACT_WINDOW, .run = rewards_window, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_REFRESH, .run = rewards_refresh, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_rewards = {
	.name = "rewards",
	.state_size = sizeof(struct rewards_state),
	.open = rewards_open,
	.draw = rewards_draw,
	SCREEN_ACTIONS(rewards_actions),
	.reply = rewards_reply,
	.close = rewards_close,
	.resume = rewards_resume,
	.list = rewards_list,
};
