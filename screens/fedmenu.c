/* fedmenu (审核业务): the federation's work after the declaration, one line
 * each — 年审认证审核, 认证反馈审核, 注销审核, 税务查询 and the overview per
 * region.  F opens it from any screen for the reviewer roles; the login
 * landing of those roles is the review workbench's, not this. */
#include <stdio.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

static const struct {
	const char *label, *note;
	const struct screen *scr;
} items[] = {
	{ N_("Annual review"), N_("Submitted declarations of your region: pass or fail"), &screen_declq },
	{ N_("Feedback review"), N_("Units' feedback on a review result: accept or reject"), &screen_fbq },
	{ N_("Cancellation review"), N_("Requests to cancel a year's registration: approve or reject"),
	  &screen_cancelq },
	{ N_("Tax records"), N_("What was sent to the tax bureau, by region and year"), &screen_taxrec },
	{ N_("Overview"), N_("The filing season per region: statuses, persons, months, levy"),
	  &screen_overview },
};
#define NITEMS ((int)(sizeof items / sizeof items[0]))

static const struct table_col cols[] = {
	{ N_("Work"), NULL, 8, 20, 0, false, false },
	{ N_("What it is"), NULL, 10, 80, 1, false, false },
};

struct fedmenu_state {
	struct table t;
};

static int fedmenu_open(struct view *v, const struct screen_args *args)
{
	struct fedmenu_state *s = v->state;
	table_init(&s->t, cols, 2, false);
	s->t.key_cols = 1u << 0;
	table_resize(&s->t, NITEMS);
	for (int i = 0; i < NITEMS; i++) {
		table_set(&s->t, i, 0, _(items[i].label));
		table_set(&s->t, i, 1, _(items[i].note));
	}
	return 0;
}

static void fedmenu_draw(struct view *v, struct canvas *c)
{
	struct fedmenu_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Federation work"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	table_draw(&s->t, c->w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned fedmenu_go(struct view *v, enum action a)
{
	struct fedmenu_state *s = v->state;
	int r = table_cursor_row(&s->t);
	if (r >= 0 && r < NITEMS)
		app_push(v->app, items[r].scr, NULL);
	return H_REDRAW;
}

static void fedmenu_close(struct view *v)
{
	struct fedmenu_state *s = v->state;
	table_free(&s->t);
}

static struct table *fedmenu_list(struct view *v)
{
	struct fedmenu_state *s = v->state;
	return &s->t;
}

static const struct screen_action fedmenu_actions[] = {
	{ .act = ACT_OPEN, .run = fedmenu_go, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL, .hint = true },
};

const struct screen screen_fedmenu = {
	.name = "fedmenu",
	.state_size = sizeof(struct fedmenu_state),
	.open = fedmenu_open,
	.draw = fedmenu_draw,
	SCREEN_ACTIONS(fedmenu_actions),
	.close = fedmenu_close,
	.list = fedmenu_list,
};
