/* declq (年审认证审核): the declarations of the caller's region, submitted ones
 * first (f shows the passed, failed, sent-to-tax or cancelled ones), with
 * their totals — 本次累计安置确认 N 个月, 累计安置核定 M 个月, placed persons.
 * Enter opens one (its persons and their months); p passes, x fails with a
 * reason, t sends a passed one to the tax bureau. */
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "screens/declact.h"
#include "screens/qpage.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_MORE };
enum { ASK_SEARCH = 1 };

/* The statuses f goes through, the queue's own first. */
static const enum declaration_status filters[] = {
	DECLARATION_SUBMITTED, DECLARATION_PASSED, DECLARATION_FAILED, DECLARATION_SENT_TO_TAX,
	DECLARATION_CANCELLED,
};
#define NFILTERS ((int)(sizeof filters / sizeof filters[0]))

enum { C_UNIT, C_STATUS, C_CONFIRMED, C_COUNTED, C_PLACED, C_SUBMITTED, C_NCOLS };
static const struct table_col cols[C_NCOLS] = {
	{ N_("Unit"), NULL, 12, 40, 0, false, false },
	{ N_("Status"), NULL, 6, 10, 0, false, false },
	{ N_("Confirmed"), N_("Conf."), 4, 9, 1, true, true },
	{ N_("Counted"), N_("Cnt."), 4, 9, 1, true, true },
	{ N_("Placed"), NULL, 4, 8, 2, true, true },
	{ N_("Submitted"), NULL, 10, 10, 3, false, false },
};

struct declq_state {
	int year, filter;
	struct qpage q;
	struct table t;
	struct declact ask;
	char query[256];
};

static void load(struct view *v)
{
	struct declq_state *s = v->state;
	snprintf(s->query, sizeof s->query, "/review/declarations?year=%d&status=%s", s->year,
		 wire_declaration_word(filters[s->filter]));
	qpage_load(v, &s->q, s->query, false);
}

static void fill(struct declq_state *s, int from)
{
	int n = (int)json_array_size(s->q.items);
	if (from == 0)
		table_resize(&s->t, n);
	else
		table_extend(&s->t, n);
	char num[32];
	for (int i = from; i < n; i++) {
		const json_t *it = qpage_item(&s->q, i);
		enum declaration_status st =
			wire_declaration_parse(json_string_value(json_object_get(it, "status")));
		table_set(&s->t, i, C_UNIT, json_string_value(json_object_get(it, "unit_name")));
		table_set(&s->t, i, C_STATUS, declaration_label(st));
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(it, "months_confirmed")));
		table_set(&s->t, i, C_CONFIRMED, num);
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(it, "months_counted")));
		table_set(&s->t, i, C_COUNTED, num);
		table_set(&s->t, i, C_PLACED, json_string_value(json_object_get(it, "placed_persons")));
		const char *at = json_string_value(json_object_get(it, "submitted_at"));
		snprintf(num, sizeof num, "%.10s", at ? at : "");
		table_set(&s->t, i, C_SUBMITTED, num);
		table_set_style(&s->t, i, declaration_style(st));
	}
}

static int declq_open(struct view *v, const struct screen_args *args)
{
	struct declq_state *s = v->state;
	s->year = args && args->year ? args->year : app_session(v->app)->year;
	qpage_init(&s->q, TAG_LIST, TAG_MORE);
	table_init(&s->t, cols, C_NCOLS, false);
	s->t.key_cols = 1u << C_UNIT;
	s->t.search_cols = 1u << C_UNIT;
	load(v);
	return 0;
}

static void declq_draw(struct view *v, struct canvas *c)
{
	struct declq_state *s = v->state;
	char buf[512], line[512];
	int y = c->y;
	snprintf(line, sizeof line, _("Annual review - business year %d - %s"), s->year,
		 declaration_label(filters[s->filter]));
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(c->w, y++, c->x, buf);
	wattrset(c->w, theme_attr(STYLE_DIM));
	if (!s->q.loaded)
		snprintf(line, sizeof line, "%s", _("Loading..."));
	else if (s->q.total >= 0)
		snprintf(line, sizeof line, _("%lld declarations (confirmed and counted months; placed persons)"),
			 s->q.total);
	else
		line[0] = '\0';
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(c->w, y++, c->x, buf);
	if (s->q.loaded && s->t.nrows == 0) {
		text_fit(buf, sizeof buf, _("No declarations in this status."), c->cols, 0);
		mvwaddstr(c->w, y + 1, c->x, buf);
		canvas_focus(c, y + 1, c->x);
		return;
	}
	table_draw(&s->t, c->w, y, c->x, c->rows - 2, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
}

static const json_t *cursor_item(struct declq_state *s)
{
	return qpage_item(&s->q, table_cursor_row(&s->t));
}

static unsigned declq_decide(struct view *v, enum action a)
{
	struct declq_state *s = v->state;
	const json_t *it = cursor_item(s);
	return declact_start(v, &s->ask, a, it, json_string_value(json_object_get(it, "unit_name")),
			     s->year);
}

static unsigned declq_enter(struct view *v, enum action a)
{
	struct declq_state *s = v->state;
	app_push(v->app, &screen_decl, &(struct screen_args){ .json = (json_t *)cursor_item(s),
							       .year = s->year });
	return H_REDRAW;
}

static unsigned declq_filter(struct view *v, enum action a)
{
	struct declq_state *s = v->state;
	s->filter = (s->filter + 1) % NFILTERS;
	load(v);
	return H_REDRAW;
}

static unsigned declq_year(struct view *v, enum action a)
{
	struct declq_state *s = v->state;
	s->year += a == ACT_YEAR_NEXT ? 1 : -1;
	load(v);
	return H_REDRAW;
}

static unsigned declq_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned declq_search(struct view *v, enum action a)
{
	qpage_search_ask(v, ASK_SEARCH, _("Find (part of the unit's name):"));
	return H_REDRAW;
}

static unsigned declq_answer(struct view *v, int tag, const char *text)
{
	struct declq_state *s = v->state;
	if (tag == ASK_SEARCH && text && *text)
		qpage_find(v, &s->t, text);
	else
		declact_answer(v, &s->ask, tag, text);
	return H_REDRAW;
}

static void declq_reply(struct view *v, const struct api_reply *r)
{
	struct declq_state *s = v->state;
	if (declact_reply(v, r)) {
		load(v);
		return;
	}
	int from = qpage_take(v, &s->q, r);
	if (from < 0)
		return;
	fill(s, from);
	qpage_more_if_near_end(v, &s->q, &s->t, s->query);
}

static void declq_moved(struct view *v)
{
	struct declq_state *s = v->state;
	qpage_more_if_near_end(v, &s->q, &s->t, s->query);
}

static void declq_resume(struct view *v)
{
	load(v);   /* a decision on the declaration's screen moved it */
}

static void declq_close(struct view *v)
{
	struct declq_state *s = v->state;
	table_free(&s->t);
	qpage_free(&s->q);
}

static struct table *declq_list(struct view *v)
{
	struct declq_state *s = v->state;
	return &s->t;
}

static int declq_year_shown(struct view *v)
{
	struct declq_state *s = v->state;
	return s->year;
}

static const struct screen_action declq_actions[] = {
	{ .act = ACT_OPEN, .run = declq_enter, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_PASS, .run = declq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_FAIL, .run = declq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_SEND_TO_TAX, .run = declq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION,
	  .hint = true },
	{ .act = ACT_FILTER, .run = declq_filter, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = declq_year },
	{ .act = ACT_YEAR_NEXT, .run = declq_year },
	{ .act = ACT_REFRESH, .run = declq_refresh },
	{ .act = ACT_SEARCH, .run = declq_search },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_declq = {
	.name = "declq",
	.state_size = sizeof(struct declq_state),
	.open = declq_open,
	.draw = declq_draw,
	SCREEN_ACTIONS(declq_actions),
	.reply = declq_reply,
	.close = declq_close,
	.answer = declq_answer,
	.resume = declq_resume,
	.list = declq_list,
	.list_moved = declq_moved,
	.list_caps = LIST_SEARCH,
	.year = declq_year_shown,
};
