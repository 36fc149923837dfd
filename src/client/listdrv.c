/* listdrv: the loop's list and pager drivers (tig's generic view driver,
 * htop's Panel_onKey).  Any screen that hands the loop its table gets
 * moving, paging, first/last, search-next, tags and reading the row aloud
 * (read-row) from here, and the rule
 * "a bulk action acts on the tagged rows, else on the cursor row" is one
 * iterator — so no screen implements them itself. */
#include "base/i18n.h"
#include "client/engine.h"
#include "ui/pager.h"
#include "ui/table.h"

bool listdrv_can(unsigned caps, enum action act)
{
	switch (act) {
	case ACT_MOVE_UP: case ACT_MOVE_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_FIRST: case ACT_LAST:
		return true;
	case ACT_READ_ROW:
		return true;
	case ACT_SEARCH_NEXT:
		return caps & LIST_SEARCH;
	case ACT_TAG_TOGGLE: case ACT_TAG_ALL:
		return caps & LIST_TAGS;
	default:
		return false;
	}
}

static unsigned search_next(struct app *a, struct table *t)
{
	if (!t->search[0]) {
		app_flash(a, false, "%s", _("Nothing to find again: search first"));
		return H_REDRAW;
	}
	int pos = table_search_next(t);
	if (pos < 0) {
		app_flash(a, true, "%s", _("No match among the lines loaded"));
		return H_REDRAW;
	}
	if (pos <= t->cursor)
		app_flash(a, false, "%s", _("Search wrapped to the top"));
	table_goto(t, pos);
	return H_REDRAW;
}

/* The cursor row in words, as a message: the status bar shows it (whole, in
 * the accessible mode, with the cursor on it for a screen reader) and the
 * message log keeps it. */
static unsigned read_row(struct app *a, const struct table *t)
{
	char text[1000];
	if (table_row_text(t, table_cursor_row(t), text, sizeof text) == 0)
		app_flash(a, true, "%s", _("Not available here: no line is selected"));
	else
		app_flash(a, false, "%s", text);
	return H_REDRAW;
}

unsigned listdrv_act(struct app *a, struct view *v, struct table *t, enum action act)
{
	unsigned caps = v->scr->list_caps;
	int page = t->last_height > 1 ? t->last_height : 1;
	unsigned h = H_REDRAW;
	switch (act) {
	case ACT_MOVE_DOWN: table_move(t, 1); break;
	case ACT_MOVE_UP: table_move(t, -1); break;
	case ACT_PAGE_DOWN: table_move(t, page); break;
	case ACT_PAGE_UP: table_move(t, -page); break;
	case ACT_FIRST: table_goto(t, 0); break;
	case ACT_LAST: table_goto(t, -1); break;
	case ACT_SEARCH_NEXT:
		if (!(caps & LIST_SEARCH) || !t->search_cols)
			return H_UNKNOWN;
		h = search_next(a, t);
		break;
	case ACT_TAG_TOGGLE:
		if (!(caps & LIST_TAGS) || !t->tag_column)
			return H_UNKNOWN;
		if (table_toggle_tag(t))   /* tag and go on, as mutt does */
			table_move(t, 1);
		break;
	case ACT_TAG_ALL:
		if (!(caps & LIST_TAGS) || !t->tag_column)
			return H_UNKNOWN;
		table_tag_all(t);
		break;
	case ACT_READ_ROW:
		return read_row(a, t);
	default:
		return H_UNKNOWN;
	}
	if (v->scr->list_moved)
		v->scr->list_moved(v);
	return h;
}

bool pagerdrv_can(enum action act)
{
	return act == ACT_MOVE_UP || act == ACT_MOVE_DOWN || act == ACT_PAGE_UP ||
	       act == ACT_PAGE_DOWN || act == ACT_FIRST || act == ACT_LAST;
}

unsigned pagerdrv_act(struct pager *p, enum action act)
{
	int page = pager_page_lines(p);
	switch (act) {
	case ACT_MOVE_DOWN: pager_scroll(p, 1); break;
	case ACT_MOVE_UP: pager_scroll(p, -1); break;
	case ACT_PAGE_DOWN: pager_scroll(p, page); break;
	case ACT_PAGE_UP: pager_scroll(p, -page); break;
	case ACT_FIRST: pager_scroll(p, -(long)p->nlines - 1); break;
	case ACT_LAST: pager_scroll(p, p->nlines); break;
	default: return H_UNKNOWN;
	}
	return H_REDRAW;
}

/* ------------------------------------------------------------ bulk actions */

int app_selection_count(const struct table *t, bool *tagged)
{
	int n = table_tagged_count(t);
	if (tagged)
		*tagged = n > 0;
	return n > 0 ? n : table_cursor_row(t) >= 0;
}

bool app_selection_next(struct app_selection *sel, int *row)
{
	const struct table *t = sel->t;
	if (!sel->tagged) {
		if (sel->next > 0 || table_cursor_row(t) < 0)
			return false;
		sel->next = 1;
		*row = table_cursor_row(t);
		return true;
	}
	while (sel->next < t->nrows && !t->tagged[sel->next])
		sel->next++;
	if (sel->next >= t->nrows)
		return false;
	*row = sel->next++;
	return true;
}

bool app_selection_first(struct app_selection *sel, const struct table *t, int *row)
{
	sel->t = t;
	sel->next = 0;
	app_selection_count(t, &sel->tagged);
	return app_selection_next(sel, row);
}
