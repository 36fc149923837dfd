/* qlist: see qlist.h. */
#include "screens/qlist.h"

#include "base/i18n.h"
#include "ui/text.h"
#include "ui/theme.h"

void qlist_open(struct view *v, const struct screen_args *args, const struct qlist_kind *kind,
		const struct table_col *cols, int ncols)
{
	struct qlist *l = v->state;
	l->kind = kind;
	l->year = args && args->year ? args->year : app_session(v->app)->year;
	qpage_init(&l->q, QLIST_TAG_LIST, QLIST_TAG_MORE);
	table_init(&l->t, cols, ncols, false);
}

void qlist_load(struct view *v)
{
	struct qlist *l = v->state;
	if (l->kind->load) {
		l->kind->load(v);
		return;
	}
	l->kind->query(v, l->query, sizeof l->query);
	qpage_load(v, &l->q, l->query, false);
}

void qlist_take(struct view *v, const struct api_reply *r)
{
	struct qlist *l = v->state;
	int from = qpage_take(v, &l->q, r);
	if (from < 0)
		return;
	int n = (int)json_array_size(l->q.items);
	if (from == 0)
		table_resize(&l->t, n);
	else
		table_extend(&l->t, n);
	for (int i = from; i < n; i++)
		l->kind->fill(v, i, qpage_item(&l->q, i));
	qpage_more_if_near_end(v, &l->q, &l->t, l->query);
}

unsigned qlist_filter(struct view *v, enum action a)
{
	struct qlist *l = v->state;
	l->filter = (l->filter + 1) % l->kind->nfilters;
	qlist_load(v);
	return H_REDRAW;
}

unsigned qlist_year_step(struct view *v, enum action a)
{
	struct qlist *l = v->state;
	l->year += a == ACT_YEAR_NEXT ? 1 : -1;
	qlist_load(v);
	return H_REDRAW;
}

unsigned qlist_refresh(struct view *v, enum action a)
{
	qlist_load(v);
	return H_REDRAW;
}

void qlist_moved(struct view *v)
{
	struct qlist *l = v->state;
	qpage_more_if_near_end(v, &l->q, &l->t, l->query);
}

void qlist_close(struct view *v)
{
	struct qlist *l = v->state;
	table_free(&l->t);
	qpage_free(&l->q);
}

struct table *qlist_list(struct view *v)
{
	struct qlist *l = v->state;
	return &l->t;
}

int qlist_year(struct view *v)
{
	struct qlist *l = v->state;
	return l->year;
}

const json_t *qlist_cursor_item(const struct view *v)
{
	const struct qlist *l = v->state;
	return qpage_item(&l->q, table_cursor_row(&l->t));
}

int qlist_draw_title(struct canvas *c, const char *title)
{
	char buf[512];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, title, c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	return c->y + 1;
}

void qlist_draw_note(struct canvas *c, int y, const char *text)
{
	char buf[512];
	wattrset(c->w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf, text, c->cols, 0);
	mvwaddstr(c->w, y, c->x, buf);
	canvas_focus(c, y, c->x);
}

bool qlist_draw_placeholder(const struct view *v, struct canvas *c, int y, const char *empty)
{
	const struct qlist *l = v->state;
	if (l->q.loaded && l->t.nrows > 0)
		return false;
	qlist_draw_note(c, y + 1, l->q.loaded ? empty : _("Loading..."));
	return true;
}

void qlist_draw_table(struct view *v, struct canvas *c, int y, int rows)
{
	struct qlist *l = v->state;
	table_draw(&l->t, c->w, y, c->x, rows, c->cols);
	canvas_focus(c, l->t.cursor_y >= 0 ? l->t.cursor_y : y, c->x);
}
