/* drafts: the signed-in user's unsaved drafts (client/drafts.h) — a person
 * form or a month grid left with changes when anzhi ended — offered after
 * signing in and from the list (D).  Enter resumes one in its screen (a
 * newer version on the service is then compared field by field); d
 * discards it after naming it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/drafts.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { ASK_DISCARD = 1 };
enum { C_WHAT, C_WHO, C_YEAR, C_AT, C_NCOLS };

static const struct table_col cols[C_NCOLS] = {
	{ N_("Draft of"), NULL, 10, 16, 0, false, false },
	{ N_("Name and ID number"), NULL, 12, 34, 0, false, false },
	{ N_("Year"), NULL, 4, 4, 1, true, true },
	{ N_("Kept at"), NULL, 19, 19, 2, false, false },
};

struct drafts_state {
	struct draft_info *list;
	int n;
	struct table t;
	char asked[64];        /* the draft the question is about */
};

static const char *user_of(struct view *v)
{
	return app_session(v->app)->username;
}

static const char *what(const struct draft_info *d)
{
	if (strcmp(d->kind, "months") == 0)
		return _("Months registered");
	if (strcmp(d->kind, "unit") == 0)
		return _("Unit information");
	return d->id ? _("Person") : _("New person");
}

static void load(struct view *v)
{
	struct drafts_state *s = v->state;
	free(s->list);
	s->n = drafts_list(user_of(v), &s->list);
	table_resize(&s->t, s->n);
	for (int i = 0; i < s->n; i++) {
		char year[16] = "";
		if (s->list[i].year)
			snprintf(year, sizeof year, "%d", s->list[i].year);
		table_set(&s->t, i, C_WHAT, what(&s->list[i]));
		table_set(&s->t, i, C_WHO, s->list[i].title);
		table_set(&s->t, i, C_YEAR, year);
		table_set(&s->t, i, C_AT, s->list[i].saved_at);
	}
}

static int drafts_open(struct view *v, const struct screen_args *args)
{
	struct drafts_state *s = v->state;
	table_init(&s->t, cols, C_NCOLS, false);
	load(v);
	return 0;
}

static void drafts_resume(struct view *v)
{
	load(v);
}

static void drafts_draw(struct view *v, struct canvas *c)
{
	struct drafts_state *s = v->state;
	WINDOW *w = c->w;
	char buf[400], line[300];
	snprintf(line, sizeof line, _("Unsaved drafts: %d"), s->n);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	wattrset(w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf,
		 _("What was typed and not saved when anzhi ended. Enter resumes a draft, d discards it."),
		 c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	if (s->n == 0) {
		text_fit(buf, sizeof buf, _("No unsaved drafts."), c->cols, 0);
		mvwaddstr(w, c->y + 3, c->x, buf);
		canvas_focus(c, c->y + 3, c->x);
		return;
	}
	table_draw(&s->t, w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y + 2, c->x);
}

static const struct draft_info *cursor_draft(struct drafts_state *s)
{
	int r = table_cursor_row(&s->t);
	return r >= 0 && r < s->n ? &s->list[r] : NULL;
}

/* Enter: the draft in its own screen, which takes it from the drafts */
static unsigned drafts_open_one(struct view *v, enum action a)
{
	struct drafts_state *s = v->state;
	const struct draft_info *d = cursor_draft(s);
	if (!d)
		return H_UNKNOWN;
	struct screen_args args = { .id = d->id, .year = d->year, .text = d->key };
	const struct screen *to = strcmp(d->kind, "months") == 0 ? &screen_months
				: strcmp(d->kind, "unit") == 0 ? &screen_unit : &screen_person;
	app_push(v->app, to, &args);
	return H_REDRAW;
}

static unsigned drafts_discard(struct view *v, enum action a)
{
	struct drafts_state *s = v->state;
	const struct draft_info *d = cursor_draft(s);
	if (!d)
		return H_UNKNOWN;
	char q[300];
	snprintf(s->asked, sizeof s->asked, "%s", d->key);
	snprintf(q, sizeof q, _("Discard the draft (%s %s)? What it holds is lost."), what(d),
		 d->title[0] ? d->title : "-");
	app_confirm(v, ASK_DISCARD, q);
	return H_REDRAW;
}

static unsigned drafts_answer(struct view *v, int tag, const char *text)
{
	struct drafts_state *s = v->state;
	if (tag == ASK_DISCARD && text && s->asked[0]) {
		drafts_drop(user_of(v), s->asked);
		app_flash(v->app, false, "%s", _("Draft discarded"));
		load(v);
	}
	return H_REDRAW;
}

static void drafts_close(struct view *v)
{
	struct drafts_state *s = v->state;
	table_free(&s->t);
	free(s->list);
}

static struct table *drafts_list_of(struct view *v)
{
	struct drafts_state *s = v->state;
	return &s->t;
}

static const struct screen_action drafts_actions[] = {
	{ .act = ACT_OPEN, .run = drafts_open_one, .needs = NEED_ROW | NEED_SESSION, .hint = true },
	{ .act = ACT_DELETE, .run = drafts_discard, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_drafts = {
	.name = "drafts",
	.state_size = sizeof(struct drafts_state),
	.open = drafts_open,
	.draw = drafts_draw,
	SCREEN_ACTIONS(drafts_actions),
	.close = drafts_close,
	.list = drafts_list_of,
	.answer = drafts_answer,
	.resume = drafts_resume,
};
