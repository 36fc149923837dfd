/* taxrec (税务查询): the tax records of a region and a year — what 发送税务
 * handed to the tax bureau — in the order they were sent, a page at a time.
 * Enter shows one with the figures and the levy's steps; r picks the region
 * (a code; empty = yours), [ and ] the year.  `anzhi tax export` writes the
 * same records as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/qpage.h"
#include "screens/screens.h"
#include "screens/taxtext.h"
#include "wire/enums.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_MORE };
enum { ASK_REGION = 1, ASK_SEARCH };

enum { C_UNIT, C_STAFF, C_PLACED, C_LEVY, C_STATUS, C_SENT, C_NCOLS };
static const struct table_col cols[C_NCOLS] = {
	{ N_("Unit"), NULL, 12, 40, 0, false, false },
	{ N_("Staff"), NULL, 4, 7, 2, true, true },
	{ N_("Placed"), NULL, 4, 8, 1, true, true },
	{ N_("Levy due"), NULL, 8, 14, 0, true, true },
	{ N_("Status"), NULL, 4, 8, 1, false, false },
	{ N_("Sent"), NULL, 10, 10, 3, false, false },
};

struct taxrec_state {
	int year;
	char region[16];          /* "" = the caller's */
	struct qpage q;
	struct table t;
	char query[256];
};

static void load(struct view *v)
{
	struct taxrec_state *s = v->state;
	snprintf(s->query, sizeof s->query, "/tax-records?year=%d%s%s", s->year,
		 s->region[0] ? "&region=" : "", s->region);
	qpage_load(v, &s->q, s->query, false);
}

static void fill(struct taxrec_state *s, int from)
{
	int n = (int)json_array_size(s->q.items);
	if (from == 0)
		table_resize(&s->t, n);
	else
		table_extend(&s->t, n);
	char buf[32];
	for (int i = from; i < n; i++) {
		const json_t *it = qpage_item(&s->q, i);
		bool withdrawn = wire_tax_record_status_parse(json_string_value(json_object_get(it, "status")))
				 == TAX_RECORD_WITHDRAWN;
		table_set(&s->t, i, C_UNIT, json_string_value(json_object_get(it, "unit_name")));
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(json_object_get(it, "staff")));
		table_set(&s->t, i, C_STAFF, buf);
		table_set(&s->t, i, C_PLACED, json_string_value(json_object_get(it, "placed_persons")));
		table_set(&s->t, i, C_LEVY, json_string_value(json_object_get(it, "levy_due")));
		table_set(&s->t, i, C_STATUS, withdrawn ? _("withdrawn") : _("current"));
		const char *at = json_string_value(json_object_get(it, "sent_at"));
		snprintf(buf, sizeof buf, "%.10s", at ? at : "");
		table_set(&s->t, i, C_SENT, buf);
		table_set_style(&s->t, i, withdrawn ? STYLE_DIM : STYLE_NORMAL);
	}
}

static int taxrec_open(struct view *v, const struct screen_args *args)
{
	struct taxrec_state *s = v->state;
	s->year = args && args->year ? args->year : app_session(v->app)->year;
	qpage_init(&s->q, TAG_LIST, TAG_MORE);
	table_init(&s->t, cols, C_NCOLS, false);
	s->t.key_cols = 1u << C_UNIT;
	s->t.search_cols = 1u << C_UNIT;
	load(v);
	return 0;
}

static void taxrec_draw(struct view *v, struct canvas *c)
{
	struct taxrec_state *s = v->state;
	char buf[512], line[512];
	int y = c->y;
	snprintf(line, sizeof line, _("Tax records - business year %d - region %s"), s->year,
		 s->region[0] ? s->region : _("yours"));
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(c->w, y++, c->x, buf);
	if (!s->q.loaded || s->t.nrows == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, s->q.loaded ? _("No tax records.") : _("Loading..."), c->cols, 0);
		mvwaddstr(c->w, y + 1, c->x, buf);
		canvas_focus(c, y + 1, c->x);
		return;
	}
	table_draw(&s->t, c->w, y, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
}

static unsigned taxrec_show(struct view *v, enum action a)
{
	struct taxrec_state *s = v->state;
	json_t *page = taxtext_pager(qpage_item(&s->q, table_cursor_row(&s->t)));
	app_push(v->app, &screen_pager, &(struct screen_args){ .json = page });
	json_decref(page);
	return H_REDRAW;
}

static unsigned taxrec_region(struct view *v, enum action a)
{
	struct taxrec_state *s = v->state;
	app_prompt(v, ASK_REGION, _("Region code (empty = yours):"), s->region, 0);
	return H_REDRAW;
}

static unsigned taxrec_search(struct view *v, enum action a)
{
	qpage_search_ask(v, ASK_SEARCH, _("Find (part of the unit's name):"));
	return H_REDRAW;
}

static unsigned taxrec_answer(struct view *v, int tag, const char *text)
{
	struct taxrec_state *s = v->state;
	if (tag == ASK_SEARCH && text && *text) {
		qpage_find(v, &s->t, text);
		return H_REDRAW;
	}
	if (tag != ASK_REGION || !text)
		return H_REDRAW;
	size_t n = strlen(text);
	if (n && (n != 6 || strspn(text, "0123456789") != 6)) {
		app_flash(v->app, true, "%s", _("A region is a code of six digits, such as 150900"));
		return H_REDRAW;
	}
	snprintf(s->region, sizeof s->region, "%s", text);
	load(v);
	return H_REDRAW;
}

static unsigned taxrec_year(struct view *v, enum action a)
{
	struct taxrec_state *s = v->state;
	s->year += a == ACT_YEAR_NEXT ? 1 : -1;
	load(v);
	return H_REDRAW;
}

static unsigned taxrec_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static void taxrec_reply(struct view *v, const struct api_reply *r)
{
	struct taxrec_state *s = v->state;
	int from = qpage_take(v, &s->q, r);
	if (from < 0)
		return;
	fill(s, from);
	qpage_more_if_near_end(v, &s->q, &s->t, s->query);
}

static void taxrec_moved(struct view *v)
{
	struct taxrec_state *s = v->state;
	qpage_more_if_near_end(v, &s->q, &s->t, s->query);
}

static void taxrec_close(struct view *v)
{
	struct taxrec_state *s = v->state;
	table_free(&s->t);
	qpage_free(&s->q);
}

static struct table *taxrec_list(struct view *v)
{
	struct taxrec_state *s = v->state;
	return &s->t;
}

static int taxrec_year_shown(struct view *v)
{
	struct taxrec_state *s = v->state;
	return s->year;
}

static const struct screen_action taxrec_actions[] = {
	{ .act = ACT_OPEN, .run = taxrec_show, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_REGION, .run = taxrec_region, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = taxrec_year, .hint = true },
	{ .act = ACT_YEAR_NEXT, .run = taxrec_year, .hint = true },
	{ .act = ACT_REFRESH, .run = taxrec_refresh },
	{ .act = ACT_SEARCH, .run = taxrec_search },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_taxrec = {
	.name = "taxrec",
	.state_size = sizeof(struct taxrec_state),
	.open = taxrec_open,
	.draw = taxrec_draw,
	SCREEN_ACTIONS(taxrec_actions),
	.reply = taxrec_reply,
	.close = taxrec_close,
	.answer = taxrec_answer,
	.list = taxrec_list,
	.list_moved = taxrec_moved,
	.list_caps = LIST_SEARCH,
	.year = taxrec_year_shown,
};
