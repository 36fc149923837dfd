/* help: the keys of the screen below, from the action table and the keys bound
 * now (help_lines), in a pager. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/help.h"
#include "screens/screens.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

struct help_state {
	struct pager pg;
	char title[128];
};

/* The keys of the screen below (args->text names it): only the actions
 * live there, and while a text field has its focus not the keys that type. */
static int help_open(struct view *v, const struct screen_args *args)
{
	struct help_state *s = v->state;
	struct view *below = app_view_below(v);
	const char *scr = below ? below->scr->name : args && args->text ? args->text : "generic";
	enum action live[ACT_COUNT];
	struct help_ctx ctx = {
		.typing = below && below->scr->wants_text && below->scr->wants_text(below),
		.only = live,
		.nonly = below ? app_live_actions(below, live, ACT_COUNT) : 0,
	};
	if (!below)
		ctx.only = NULL;
	int n = 0;
	char **lines = help_lines_ctx(app_keymap(v->app), scr, &ctx, &n);
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	char *text = xmalloc(len);
	text[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(text, lines[i]);
		strcat(text, "\n");
	}
	help_lines_free(lines, n);
	pager_set(&s->pg, text);
	free(text);
	snprintf(s->title, sizeof s->title, "%s", _("Keys"));
	return 0;
}

static void help_draw(struct view *v, struct canvas *c)
{
	struct help_state *s = v->state;
	char buf[256];
	text_fit(buf, sizeof buf, s->title, c->cols, 0);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	mvwaddstr(c->w, c->y, c->x, buf);
	pager_draw(&s->pg, c->w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, c->y + 2, c->x);   /* the top line shown */
}

static unsigned help_leave(struct view *v, enum action a)
{
	return H_CLOSE;
}

static struct pager *help_pager(struct view *v)
{
	struct help_state *s = v->state;
	return &s->pg;
}

static void help_close(struct view *v)
{
	struct help_state *s = v->state;
	pager_free(&s->pg);
}

static const struct screen_action help_actions[] = {
	{ .act = ACT_BACK, .run = help_leave, .hint = true },
	{ .act = ACT_PAGE_DOWN, .run = NULL, .hint = true },   /* the loop scrolls the pager */
	{ .act = ACT_PAGE_UP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL, .hint = true },
	{ .act = ACT_OPEN, .run = help_leave },
	{ .act = ACT_HELP, .run = help_leave },
	{ .act = ACT_CANCEL, .run = help_leave },
};

const struct screen screen_help = {
	.name = "help",
	.state_size = sizeof(struct help_state),
	.open = help_open,
	.draw = help_draw,
	SCREEN_ACTIONS(help_actions),
	.close = help_close,
	.pager = help_pager,
};
