/* taxrec (税务查询): the tax records of a region and a year — what 发送税务
 * handed to the tax bureau — in the order they were sent, a page at a time.
 * Enter shows one with the figures and the levy's steps; r picks the region
 * (a code; empty = yours), [ and ] the year.  `anzhi tax export` writes the
 * same records as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/qlist.h"
#include "screens/screens.h"
#include "screens/taxtext.h"
#include "wire/enums.h"
#include "ui/table.h"
#include "ui/theme.h"

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
	struct qlist l;           /* first: the shared handlers find it as v->state */
	char region[16];          /* "" = the caller's */
};

static void query(const struct view *v, char *buf, size_t size)
{
	const struct taxrec_state *s = v->state;
	snprintf(buf, size, "/tax-records?year=%d%s%s", s->l.year, s->region[0] ? "&region=" : "",
		 s->region);
}

static void fill(struct view *v, int i, const json_t *it)
{
	struct taxrec_state *s = v->state;
	struct table *t = &s->l.t;
	char buf[32];
	bool withdrawn = wire_tax_record_status_parse(json_string_value(json_object_get(it, "status")))
			 == TAX_RECORD_WITHDRAWN;
	table_set(t, i, C_UNIT, json_string_value(json_object_get(it, "unit_name")));
	snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(json_object_get(it, "staff")));
	table_set(t, i, C_STAFF, buf);
	table_set(t, i, C_PLACED, json_string_value(json_object_get(it, "placed_persons")));
	table_set(t, i, C_LEVY, json_string_value(json_object_get(it, "levy_due")));
	table_set(t, i, C_STATUS, withdrawn ? _("withdrawn") : _("current"));
	const char *at = json_string_value(json_object_get(it, "sent_at"));
	snprintf(buf, sizeof buf, "%.10s", at ? at : "");
	table_set(t, i, C_SENT, buf);
	table_set_style(t, i, withdrawn ? STYLE_DIM : STYLE_NORMAL);
}

static const struct qlist_kind kind = { .query = query, .fill = fill };

static int taxrec_open(struct view *v, const struct screen_args *args)
{
	struct taxrec_state *s = v->state;
	qlist_open(v, args, &kind, cols, C_NCOLS);
	s->l.t.key_cols = 1u << C_UNIT;
	s->l.t.search_cols = 1u << C_UNIT;
	qlist_load(v);
	return 0;
}

static void taxrec_draw(struct view *v, struct canvas *c)
{
	struct taxrec_state *s = v->state;
	char line[512];
	snprintf(line, sizeof line, _("Tax records - business year %d - region %s"), s->l.year,
		 s->region[0] ? s->region : _("yours"));
	int y = qlist_draw_title(c, line);
	if (!qlist_draw_placeholder(v, c, y, _("No tax records.")))
		qlist_draw_table(v, c, y, c->rows - 1);
}

static unsigned taxrec_show(struct view *v, enum action a)
{
	json_t *page = taxtext_pager(qlist_cursor_item(v));
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
		qpage_find(v, &s->l.t, text);
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
	qlist_load(v);
	return H_REDRAW;
}

static const struct screen_action taxrec_actions[] = {
	{ .act = ACT_OPEN, .run = taxrec_show, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_REGION, .run = taxrec_region, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = qlist_year_step, .hint = true },
	{ .act = ACT_YEAR_NEXT, .run = qlist_year_step, .hint = true },
	{ .act = ACT_REFRESH, .run = qlist_refresh },
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
	.reply = qlist_take,
	.close = qlist_close,
	.answer = taxrec_answer,
	.list = qlist_list,
	.list_moved = qlist_moved,
	.list_caps = LIST_SEARCH,
	.year = qlist_year,
};
