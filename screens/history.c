/* history (操作记录): who registered the person, uploaded, decided each month,
 * reopened, submitted…, when, from which address, before → after — a
 * placement's audit trail (GET /placements/{id}/history, every page), newest
 * first, to read and scroll. args.id is the placement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "screens/history_text.h"
#include "screens/screens.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_PAGE = 1, MAX_PAGES = 40 };

struct hist_state {
	long id;
	struct pager pg;
	json_t *items;
	bool loaded;
	int pages;
};

static void ask(struct view *v, const char *cursor)
{
	struct hist_state *s = v->state;
	char path[300];
	char *c = url_escape(cursor ? cursor : "");
	snprintf(path, sizeof path, "/placements/%ld/history?limit=100%s%s", s->id, *c ? "&cursor=" : "", c);
	free(c);
	api_call(v, TAG_PAGE, "GET", path, NULL, NULL);
}

static int h_open(struct view *v, const struct screen_args *args)
{
	struct hist_state *s = v->state;
	s->id = args ? args->id : 0;
	s->items = json_array();
	pager_set(&s->pg, "");
	ask(v, NULL);
	return 0;
}

static void h_draw(struct view *v, struct canvas *c)
{
	struct hist_state *s = v->state;
	char buf[300], line[300];
	snprintf(line, sizeof line, "%s - %ld", _("History of the case"), s->id);
	text_fit(buf, sizeof buf, line, c->cols, 0);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	mvwaddstr(c->w, c->y, c->x, buf);
	wattrset(c->w, theme_attr(STYLE_NORMAL));
	if (!s->loaded) {
		text_fit(buf, sizeof buf, _("Loading..."), c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, buf);
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	pager_draw(&s->pg, c->w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, c->y + 2, c->x);
}

static void h_reply(struct view *v, const struct api_reply *r)
{
	struct hist_state *s = v->state;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	json_array_extend(s->items, json_object_get(r->body, "items"));
	char *text = history_text(s->items);
	pager_set(&s->pg, json_array_size(s->items) ? text : _("Nothing recorded yet."));
	free(text);
	s->loaded = true;
	const char *next = json_string_value(json_object_get(r->body, "next_cursor"));
	if (next && ++s->pages < MAX_PAGES)
		ask(v, next);
}

static void h_close(struct view *v)
{
	struct hist_state *s = v->state;
	pager_free(&s->pg);
	json_decref(s->items);
}

static struct pager *h_pager(struct view *v)
{
	return &((struct hist_state *)v->state)->pg;
}

static const struct screen_action h_actions[] = {
	{ .act = ACT_PAGE_DOWN, .run = NULL, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_history = {
	.name = "history",
	.state_size = sizeof(struct hist_state),
	.open = h_open,
	.draw = h_draw,
	SCREEN_ACTIONS(h_actions),
	.reply = h_reply,
	.close = h_close,
	.pager = h_pager,
};
