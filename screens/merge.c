/* merge: after a 412, the fields where the version someone else saved
 * meanwhile (theirs) and the user's edits (yours) differ, side by side; the
 * user keeps theirs or takes the other's per field (the tagged fields, else
 * the cursor's) or all at once, then applies — the form below takes the
 * choices (ui/merge.h) and the user saves it.  Esc decides later: the form
 * keeps the edits and the other version underneath, and its next save
 * comes back here. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/merge.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { C_FIELD, C_THEIRS, C_MINE, C_KEEP, C_NCOLS };

static const struct table_col cols[C_NCOLS] = {
	{ N_("Field"), NULL, 10, 14, 0, false, false },
	{ N_("Theirs (saved meanwhile)"), N_("Theirs"), 12, 26, 0, false, false },
	{ N_("Yours"), NULL, 12, 26, 0, false, false },
	{ N_("Keeps"), NULL, 6, 8, 0, false, false },
};

struct merge_state {
	json_t *m;
	struct table t;
};

static void fill(struct merge_state *s)
{
	int n = merge_count(s->m);
	if (s->t.nrows != n)
		table_resize(&s->t, n);
	for (int i = 0; i < n; i++) {
		const json_t *row = merge_row(s->m, i);
		bool take = merge_row_takes(s->m, i);
		table_set(&s->t, i, C_FIELD, json_string_value(json_object_get(row, "label")));
		table_set(&s->t, i, C_THEIRS, json_string_value(json_object_get(row, "theirs")));
		table_set(&s->t, i, C_MINE, json_string_value(json_object_get(row, "mine")));
		table_set(&s->t, i, C_KEEP, take ? _("theirs") : _("yours"));
		table_set_style(&s->t, i, take ? STYLE_PENDING : STYLE_OK);
	}
}

static int merge_open(struct view *v, const struct screen_args *args)
{
	struct merge_state *s = v->state;
	s->m = args && json_is_object(args->json) ? json_incref(args->json) : merge_new();
	table_init(&s->t, cols, C_NCOLS, true);
	fill(s);
	return 0;
}

static void merge_draw(struct view *v, struct canvas *c)
{
	struct merge_state *s = v->state;
	WINDOW *w = c->w;
	char buf[600];
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Someone else saved this record meanwhile: choose field by field"),
		 c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	wattrset(w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf,
		 _("Yours: what you typed. Theirs: the version saved meanwhile. The form is saved only when you save it."),
		 c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	if (merge_count(s->m) == 0) {
		text_fit(buf, sizeof buf, _("Your edits and the other version agree: nothing to choose."),
			 c->cols, 0);
		mvwaddstr(w, c->y + 3, c->x, buf);
		canvas_focus(c, c->y + 3, c->x);
		return;
	}
	table_draw(&s->t, w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y + 2, c->x);
}

/* m / t: the tagged fields, else the cursor's */
static unsigned merge_pick(struct view *v, enum action a)
{
	struct merge_state *s = v->state;
	struct app_selection sel;
	int row;
	for (bool ok = app_selection_first(&sel, &s->t, &row); ok; ok = app_selection_next(&sel, &row))
		merge_choose(s->m, row, a == ACT_TAKE_THEIRS);
	fill(s);
	return H_REDRAW | (table_tagged_count(&s->t) ? 0 : H_NEXT_ROW);
}

static unsigned merge_pick_all(struct view *v, enum action a)
{
	struct merge_state *s = v->state;
	merge_choose_all(s->m, a == ACT_TAKE_ALL_THEIRS);
	fill(s);
	return H_REDRAW;
}

static unsigned merge_apply(struct view *v, enum action a)
{
	struct merge_state *s = v->state;
	merge_finish(s->m);
	return H_CLOSE;
}

static void merge_close(struct view *v)
{
	struct merge_state *s = v->state;
	table_free(&s->t);
	json_decref(s->m);
}

static struct table *merge_list(struct view *v)
{
	struct merge_state *s = v->state;
	return &s->t;
}

static const struct screen_action merge_actions[] = {
	{ .act = ACT_KEEP_MINE, .run = merge_pick, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_TAKE_THEIRS, .run = merge_pick, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_KEEP_ALL_MINE, .run = merge_pick_all, .hint = true },
	{ .act = ACT_TAKE_ALL_THEIRS, .run = merge_pick_all, .hint = true },
	{ .act = ACT_APPLY, .run = merge_apply, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_TAG_TOGGLE, .run = NULL },
};

const struct screen screen_merge = {
	.name = "merge",
	.state_size = sizeof(struct merge_state),
	.open = merge_open,
	.draw = merge_draw,
	SCREEN_ACTIONS(merge_actions),
	.close = merge_close,
	.list = merge_list,
	.list_caps = LIST_TAGS,
};
