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

/* args->text: the screen's name; args->id: 1 when a text field had the focus. */
static int help_open(struct view *v, const struct screen_args *args)
{
	struct help_state *s = v->state;
	const char *scr = args && args->text ? args->text : "generic";
	const struct screen *below = screen_by_name(scr);
	struct help_ctx ctx = {
		.typing = args && args->id,
		.only = below ? below->live : NULL,
		.nonly = below ? below->nlive : 0,
	};
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
}

static unsigned help_act(struct view *v, enum action a)
{
	if (a == ACT_OPEN || a == ACT_HELP || a == ACT_BACK || a == ACT_CANCEL)
		return H_CLOSE;
	return H_UNKNOWN;
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

static const enum action help_hints[] = { ACT_BACK, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_QUIT };

const struct screen screen_help = {
	.name = "help",
	.state_size = sizeof(struct help_state),
	.open = help_open,
	.draw = help_draw,
	.act = help_act,
	.close = help_close,
	.pager = help_pager,
	.hints = help_hints,
	.nhints = 4,
};
