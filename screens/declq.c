/* declq (年审认证审核): the declarations of the caller's region, submitted ones
 * first (f shows the passed, failed, sent-to-tax or cancelled ones), with
 * their totals — 本次累计安置确认 N 个月, 累计安置核定 M 个月, placed persons.
 * Enter opens one (its persons and their months); p passes, x fails with a
 * reason, t sends a passed one to the tax bureau. */
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "screens/declact.h"
#include "screens/qlist.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/table.h"

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
	struct qlist l;           /* first: the shared handlers find it as v->state */
	struct declact ask;
};

static void query(const struct view *v, char *buf, size_t size)
{
	const struct declq_state *s = v->state;
	snprintf(buf, size, "/review/declarations?year=%d&status=%s", s->l.year,
		 wire_declaration_word(filters[s->l.filter]));
}

static void fill(struct view *v, int i, const json_t *it)
{
	struct declq_state *s = v->state;
	struct table *t = &s->l.t;
	char num[32];
	enum declaration_status st = wire_declaration_parse(json_string_value(json_object_get(it, "status")));
	table_set(t, i, C_UNIT, json_string_value(json_object_get(it, "unit_name")));
	table_set(t, i, C_STATUS, declaration_label(st));
	snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(it, "months_confirmed")));
	table_set(t, i, C_CONFIRMED, num);
	snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(it, "months_counted")));
	table_set(t, i, C_COUNTED, num);
	table_set(t, i, C_PLACED, json_string_value(json_object_get(it, "placed_persons")));
	const char *at = json_string_value(json_object_get(it, "submitted_at"));
	snprintf(num, sizeof num, "%.10s", at ? at : "");
	table_set(t, i, C_SUBMITTED, num);
	table_set_style(t, i, declaration_style(st));
}

static const struct qlist_kind kind = { .query = query, .fill = fill, .nfilters = NFILTERS };

static int declq_open(struct view *v, const struct screen_args *args)
{
	struct declq_state *s = v->state;
	qlist_open(v, args, &kind, cols, C_NCOLS);
	s->l.t.key_cols = 1u << C_UNIT;
	s->l.t.search_cols = 1u << C_UNIT;
	qlist_load(v);
	return 0;
}

static void declq_draw(struct view *v, struct canvas *c)
{
	struct declq_state *s = v->state;
	char line[512];
	snprintf(line, sizeof line, _("Annual review - business year %d - %s"), s->l.year,
		 declaration_label(filters[s->l.filter]));
	int y = qlist_draw_title(c, line);
	if (!s->l.q.loaded)
		snprintf(line, sizeof line, "%s", _("Loading..."));
	else if (s->l.q.total >= 0)
		snprintf(line, sizeof line, _("%lld declarations (confirmed and counted months; placed persons)"),
			 s->l.q.total);
	else
		line[0] = '\0';
	qlist_draw_note(c, y++, line);
	if (s->l.q.loaded && qlist_draw_placeholder(v, c, y, _("No declarations in this status.")))
		return;
	qlist_draw_table(v, c, y, c->rows - 2);
}

static unsigned declq_decide(struct view *v, enum action a)
{
	struct declq_state *s = v->state;
	const json_t *it = qlist_cursor_item(v);
	return declact_start(v, &s->ask, a, it, json_string_value(json_object_get(it, "unit_name")),
			     s->l.year);
}

static unsigned declq_enter(struct view *v, enum action a)
{
	struct declq_state *s = v->state;
	app_push(v->app, &screen_decl, &(struct screen_args){ .json = (json_t *)qlist_cursor_item(v),
							       .year = s->l.year });
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
		qpage_find(v, &s->l.t, text);
	else
		declact_answer(v, &s->ask, tag, text);
	return H_REDRAW;
}

static void declq_reply(struct view *v, const struct api_reply *r)
{
	if (declact_reply(v, r))
		qlist_load(v);
	else
		qlist_take(v, r);
}

static const struct screen_action declq_actions[] = {
	{ .act = ACT_OPEN, .run = declq_enter, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_PASS, .run = declq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_FAIL, .run = declq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_SEND_TO_TAX, .run = declq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION,
	  .hint = true },
	{ .act = ACT_FILTER, .run = qlist_filter, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = qlist_year_step },
	{ .act = ACT_YEAR_NEXT, .run = qlist_year_step },
	{ .act = ACT_REFRESH, .run = qlist_refresh },
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
	.close = qlist_close,
	.answer = declq_answer,
	.resume = qlist_load,   /* a decision on the declaration's screen moved it */
	.list = qlist_list,
	.list_moved = qlist_moved,
	.list_caps = LIST_SEARCH,
	.year = qlist_year,
};
