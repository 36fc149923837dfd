/* pager: one text to read — a notice's title, date and body, a policy
 * document, or the message log (args.json: {"title","created_at","body",
 * "at_end"}; at_end opens it on the last lines, the newest of a log); / finds
 * text in it and n finds the next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { ASK_FIND = 1 };

struct pager_state {
	struct pager pg;
	char *title, *date;
	char find[128];      /* the last text looked for */
};

static int pg_open(struct view *v, const struct screen_args *args)
{
	struct pager_state *s = v->state;
	const json_t *j = args ? args->json : NULL;
	const char *t = json_string_value(json_object_get(j, "title"));
	const char *d = json_string_value(json_object_get(j, "created_at"));
	const char *b = json_string_value(json_object_get(j, "body"));
	s->title = text_clean(t ? t : "");
	s->date = text_clean(d ? d : "");
	pager_set(&s->pg, b ? b : (args && args->text ? args->text : ""));
	if (json_is_true(json_object_get(j, "at_end")))
		pager_show_end(&s->pg);
	return 0;
}

static void pg_draw(struct view *v, struct canvas *c)
{
	struct pager_state *s = v->state;
	char buf[512];
	text_fit(buf, sizeof buf, s->title, c->cols, 0);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	mvwaddstr(c->w, c->y, c->x, buf);
	text_fit(buf, sizeof buf, s->date, c->cols, 0);
	wattrset(c->w, theme_attr(STYLE_DIM));
	mvwaddstr(c->w, c->y + 1, c->x, buf);
	pager_draw(&s->pg, c->w, c->y + 3, c->x, c->rows - 3, c->cols);
	canvas_focus(c, c->y + 3, c->x);   /* the top line shown */
}

static unsigned pg_leave(struct view *v, enum action a)
{
	return H_CLOSE;
}

static void find(struct view *v)
{
	struct pager_state *s = v->state;
	if (!pager_find(&s->pg, s->find, true))
		app_flash(v->app, true, _("Not found: %s"), s->find);
}

static unsigned pg_find(struct view *v, enum action a)
{
	struct pager_state *s = v->state;
	app_prompt(v, ASK_FIND, _("Find:"), s->find, 0);
	return H_REDRAW;
}

static unsigned pg_find_next(struct view *v, enum action a)
{
	struct pager_state *s = v->state;
	if (!s->find[0])
		return pg_find(v, a);
	find(v);
	return H_REDRAW;
}

static unsigned pg_answer(struct view *v, int tag, const char *text)
{
	struct pager_state *s = v->state;
	if (tag == ASK_FIND && text && *text) {
		snprintf(s->find, sizeof s->find, "%s", text);
		find(v);
	}
	return H_REDRAW;
}

static struct pager *pg_pager(struct view *v)
{
	struct pager_state *s = v->state;
	return &s->pg;
}

static void pg_close(struct view *v)
{
	struct pager_state *s = v->state;
	pager_free(&s->pg);
	free(s->title);
	free(s->date);
}

static const struct screen_action pg_actions[] = {
	{ .act = ACT_BACK, .run = pg_leave, .hint = true },
	{ .act = ACT_PAGE_DOWN, .run = NULL, .hint = true },   /* the loop scrolls the pager */
	{ .act = ACT_PAGE_UP, .run = NULL, .hint = true },
	{ .act = ACT_FIND, .run = pg_find, .hint = true },
	{ .act = ACT_SEARCH_NEXT, .run = pg_find_next },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_CANCEL, .run = pg_leave },
	{ .act = ACT_OPEN, .run = pg_leave },
};

const struct screen screen_pager = {
	.name = "pager",
	.state_size = sizeof(struct pager_state),
	.open = pg_open,
	.draw = pg_draw,
	SCREEN_ACTIONS(pg_actions),
	.close = pg_close,
	.answer = pg_answer,
	.pager = pg_pager,
};
