/* help: the keys of the screen below, from the action table and the keys bound
 * now (help_lines), in a pager. */
#include <stdlib.h>
#include <string.h>

#include "client/help.h"
#include "client/i18n.h"
#include "screens/screens.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/xalloc.h"

struct help_state {
	struct pager pg;
	char title[128];
};

static int help_open(struct view *v, const struct screen_args *args)
{
	struct help_state *s = v->state;
	const char *scr = args && args->text ? args->text : "generic";
	int n = 0;
	char **lines = help_lines(app_keymap(v->app), scr, &n);
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
}

static unsigned help_act(struct view *v, enum action a)
{
	struct help_state *s = v->state;
	if (pager_act(&s->pg, a))
		return H_REDRAW;
	if (a == ACT_OPEN || a == ACT_HELP || a == ACT_BACK || a == ACT_CANCEL)
		return H_CLOSE;
	return H_UNKNOWN;
}

static void help_close(struct view *v)
{
	struct help_state *s = v->state;
	pager_free(&s->pg);
}

static const enum action help_hints[] = { ACT_BACK, ACT_MOVE_DOWN, ACT_PAGE_DOWN, ACT_QUIT };

const struct screen screen_help = {
	.name = "help",
	.state_size = sizeof(struct help_state),
	.open = help_open,
	.draw = help_draw,
	.act = help_act,
	.close = help_close,
	.hints = help_hints,
	.nhints = 4,
};
