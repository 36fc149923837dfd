/* messages: the message log (vim's :messages, mutt's log) — every status-bar
 * message of the session whole, with its time, newest last, and what only
 * the log keeps: the service's English `detail`, curl's words for a network
 * failure.  Opens on the newest; the loop scrolls it. */
#include <stdlib.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

struct messages_state {
	struct pager pg;
};

static int messages_open(struct view *v, const struct screen_args *args)
{
	struct messages_state *s = v->state;
	char *text = app_messages_text(v->app);
	pager_set(&s->pg, text);
	free(text);
	pager_show_end(&s->pg);   /* the newest last, in view */
	return 0;
}

static void messages_draw(struct view *v, struct canvas *c)
{
	struct messages_state *s = v->state;
	char buf[256];
	text_fit(buf, sizeof buf, _("Messages of this session (newest last)"), c->cols, 0);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	mvwaddstr(c->w, c->y, c->x, buf);
	pager_draw(&s->pg, c->w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, c->y + 2, c->x);   /* the top line shown */
}

static unsigned messages_leave(struct view *v, enum action a)
{
	return H_CLOSE;
}

static struct pager *messages_pager(struct view *v)
{
	struct messages_state *s = v->state;
	return &s->pg;
}

static void messages_close(struct view *v)
{
	struct messages_state *s = v->state;
	pager_free(&s->pg);
}

static const struct screen_action messages_actions[] = {
	{ .act = ACT_BACK, .run = messages_leave, .hint = true },
	{ .act = ACT_PAGE_DOWN, .run = NULL, .hint = true },   /* the loop scrolls the pager */
	{ .act = ACT_PAGE_UP, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_CANCEL, .run = messages_leave },
	{ .act = ACT_OPEN, .run = messages_leave },
	{ .act = ACT_MESSAGES, .run = messages_leave },
};

const struct screen screen_messages = {
	.name = "messages",
	.state_size = sizeof(struct messages_state),
	.open = messages_open,
	.draw = messages_draw,
	SCREEN_ACTIONS(messages_actions),
	.close = messages_close,
	.pager = messages_pager,
};
