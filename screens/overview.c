/* overview (统计概览): the filing season of a region — the region's totals
 * and a line per region under it (盟市 under the province, 旗县区 under a
 * 盟市): units not submitted, submitted, passed, failed, sent to tax;
 * persons, confirmed and counted months, the levy of the current tax
 * records.  Enter goes down into the selected region, e saves the same as
 * CSV to a path the user types (GET /overview.csv). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/material_out.h"
#include "screens/qlist.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = QLIST_TAG_OWN, TAG_CSV };
enum { ASK_PATH = 1 };

/* The columns and the OVERVIEW_ROW member each shows (NULL = the name). */
static const struct {
	struct table_col col;
	const char *member;
} columns[] = {
	{ { N_("Region"), NULL, 8, 20, 0, false, false }, NULL },
	{ { N_("Units"), NULL, 3, 6, 0, true, true }, "units" },
	{ { N_("Not submitted"), N_("Open"), 4, 6, 0, true, true }, "not_submitted" },
	{ { N_("Submitted"), N_("Sub."), 4, 6, 0, true, true }, "submitted" },
	{ { N_("Passed"), NULL, 4, 6, 0, true, true }, "passed" },
	{ { N_("Failed"), NULL, 4, 6, 1, true, true }, "failed" },
	{ { N_("Sent to tax"), N_("Tax"), 4, 6, 0, true, true }, "sent_to_tax" },
	{ { N_("Persons"), NULL, 4, 7, 1, true, true }, "persons" },
	{ { N_("Confirmed"), N_("Conf."), 4, 7, 2, true, true }, "months_confirmed" },
	{ { N_("Counted"), N_("Cnt."), 4, 7, 2, true, true }, "months_counted" },
	{ { N_("Levy due"), NULL, 6, 14, 1, true, true }, "levy_due" },
};
#define NCOLS ((int)(sizeof columns / sizeof columns[0]))

/* One answer holds every line: a qlist of one load, not of pages. */
struct overview_state {
	struct qlist l;             /* first: the shared handlers find it as v->state */
	char region[16];            /* "" = the caller's */
	struct table_col cols[NCOLS];
	json_t *rows;               /* the total, then the regions under it */
	char dest[1024], part[1100];
	int csv_req;
};

static void load(struct view *v)
{
	struct overview_state *s = v->state;
	char path[96];
	snprintf(path, sizeof path, "/overview?year=%d%s%s", s->l.year, s->region[0] ? "&region=" : "",
		 s->region);
	api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

static const struct qlist_kind kind = { .load = load };

static void fill(struct overview_state *s)
{
	struct table *t = &s->l.t;
	size_t n = json_array_size(s->rows);
	table_resize(t, (int)n);
	char buf[48];
	for (size_t i = 0; i < n; i++) {
		const json_t *row = json_array_get(s->rows, i);
		for (int c = 0; c < NCOLS; c++) {
			const json_t *val = json_object_get(row, columns[c].member ? columns[c].member : "region_name");
			if (json_is_integer(val)) {
				snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(val));
				table_set(t, (int)i, c, buf);
			} else
				table_set(t, (int)i, c, json_string_value(val));
		}
		table_set_style(t, (int)i, i == 0 ? STYLE_TITLE : STYLE_NORMAL);
	}
}

static int overview_open(struct view *v, const struct screen_args *args)
{
	struct overview_state *s = v->state;
	if (args && args->text)
		snprintf(s->region, sizeof s->region, "%s", args->text);
	for (int c = 0; c < NCOLS; c++)
		s->cols[c] = columns[c].col;
	qlist_open(v, args, &kind, s->cols, NCOLS);
	s->l.t.key_cols = 1u;
	qlist_load(v);
	return 0;
}

static void overview_draw(struct view *v, struct canvas *c)
{
	struct overview_state *s = v->state;
	char line[512];
	const json_t *total = json_array_get(s->rows, 0);
	char *name = text_clean(json_string_value(json_object_get(total, "region_name")) ? json_string_value(json_object_get(total, "region_name")) : "");
	snprintf(line, sizeof line, _("Overview - business year %d - %s"), s->l.year, name);
	free(name);
	int y = qlist_draw_title(c, line);
	if (!s->rows)
		qlist_draw_note(c, y, _("Loading..."));
	else
		qlist_draw_table(v, c, y, c->rows - 1);
}

/* Enter: the regions under the selected one (the first line is this one) */
static unsigned overview_down(struct view *v, enum action a)
{
	struct overview_state *s = v->state;
	int r = table_cursor_row(&s->l.t);
	const char *code = json_string_value(json_object_get(json_array_get(s->rows, (size_t)r), "region"));
	if (r <= 0 || !code) {
		app_flash(v->app, false, "%s", _("This is the region shown: Enter on a line below it"));
		return H_REDRAW;
	}
	app_push(v->app, &screen_overview, &(struct screen_args){ .year = s->l.year, .text = code });
	return H_REDRAW;
}

static unsigned overview_export(struct view *v, enum action a)
{
	struct overview_state *s = v->state;
	if (s->csv_req) {
		app_flash(v->app, true, "%s", _("A download is under way (Esc cancels it)"));
		return H_REDRAW;
	}
	char name[64];
	snprintf(name, sizeof name, "overview-%s-%d.csv", s->region[0] ? s->region : "region", s->l.year);
	app_prompt(v, ASK_PATH, _("Save to (Tab completes):"), name, PROMPT_PATH);
	return H_REDRAW;
}

static unsigned overview_answer(struct view *v, int tag, const char *text)
{
	struct overview_state *s = v->state;
	if (tag != ASK_PATH || !text || !*text)
		return H_REDRAW;
	char name[64], path[96];
	snprintf(name, sizeof name, "overview-%s-%d.csv", s->region[0] ? s->region : "region", s->l.year);
	if (!material_save_target(text, name, s->dest, sizeof s->dest)) {
		app_flash(v->app, true, "%s", _("The path is too long"));
		return H_REDRAW;
	}
	snprintf(s->part, sizeof s->part, "%s.part", s->dest);
	snprintf(path, sizeof path, "/overview.csv?year=%d%s%s", s->l.year, s->region[0] ? "&region=" : "",
		 s->region);
	s->csv_req = api_download(v, TAG_CSV, path, s->part);
	return H_REDRAW;
}

static void overview_reply(struct view *v, const struct api_reply *r)
{
	struct overview_state *s = v->state;
	if (r->tag == TAG_CSV)
		s->csv_req = 0;
	if (!r->ok) {
		if (r->file)
			remove(r->file);
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		return;
	}
	if (r->tag == TAG_CSV) {
		char *dest = text_clean(s->dest);
		if (rename(r->file, s->dest) != 0) {
			remove(r->file);
			app_flash(v->app, true, _("Cannot write %s"), dest);
		} else
			app_flash(v->app, false, _("Saved the overview as CSV to %s"), dest);
		free(dest);
		return;
	}
	json_t *rows = json_array();
	json_array_append(rows, json_object_get(r->body, "total"));
	json_array_extend(rows, json_object_get(r->body, "regions"));
	json_decref(s->rows);
	s->rows = rows;
	fill(s);
}

static void overview_close(struct view *v)
{
	struct overview_state *s = v->state;
	if (s->csv_req) {
		api_cancel(v->app, s->csv_req);
		remove(s->part);
	}
	qlist_close(v);
	json_decref(s->rows);
}

static const struct screen_action overview_actions[] = {
	{ .act = ACT_OPEN, .run = overview_down, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_EXPORT, .run = overview_export, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = qlist_year_step, .hint = true },
	{ .act = ACT_YEAR_NEXT, .run = qlist_year_step, .hint = true },
	{ .act = ACT_REFRESH, .run = qlist_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_overview = {
	.name = "overview",
	.state_size = sizeof(struct overview_state),
	.open = overview_open,
	.draw = overview_draw,
	SCREEN_ACTIONS(overview_actions),
	.reply = overview_reply,
	.close = overview_close,
	.answer = overview_answer,
	.list = qlist_list,
	.year = qlist_year,
};
