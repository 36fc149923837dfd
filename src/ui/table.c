/* table: rows in columns, laid out by display width.  Sorting keeps a
 * permutation so row indices (and the caller's data) never move. */
#include "ui/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "ui/text.h"

void table_init(struct table *t, const struct table_col *cols, int ncols, bool tag_column)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols > TABLE_MAX_COLS ? TABLE_MAX_COLS : ncols;
	t->tag_column = tag_column;
	t->sort_col = -1;
	t->cursor_y = -1;
}

static void free_rows(struct table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->marks);
	free(t->tagged);
	free(t->order);
	free(t->row_style);
	t->cells = NULL;
	t->marks = NULL;
	t->tagged = NULL;
	t->order = NULL;
	t->row_style = NULL;
}

void table_free(struct table *t)
{
	free_rows(t);
	t->nrows = 0;
}

void table_resize(struct table *t, int nrows)
{
	free_rows(t);
	t->nrows = nrows;
	size_t n = nrows > 0 ? (size_t)nrows : 1;
	t->cells = xcalloc(n * (size_t)t->ncols, sizeof *t->cells);
	t->marks = xcalloc(n * (size_t)t->ncols, sizeof *t->marks);
	t->tagged = xcalloc(n, sizeof *t->tagged);
	t->order = xcalloc(n, sizeof *t->order);
	t->row_style = xcalloc(n, sizeof *t->row_style);
	for (int i = 0; i < nrows; i++)
		t->order[i] = i;
	if (t->cursor >= nrows)
		t->cursor = nrows > 0 ? nrows - 1 : 0;
	if (t->top > t->cursor)
		t->top = t->cursor;
}

void table_extend(struct table *t, int nrows)
{
	if (nrows <= t->nrows)
		return;
	int old = t->nrows;
	size_t n = (size_t)nrows;
	t->cells = xrealloc(t->cells, n * (size_t)t->ncols * sizeof *t->cells);
	memset(t->cells + (size_t)old * (size_t)t->ncols, 0,
	       (n - (size_t)old) * (size_t)t->ncols * sizeof *t->cells);
	t->marks = xrealloc(t->marks, n * (size_t)t->ncols * sizeof *t->marks);
	memset(t->marks + (size_t)old * (size_t)t->ncols, 0,
	       (n - (size_t)old) * (size_t)t->ncols * sizeof *t->marks);
	t->tagged = xrealloc(t->tagged, n * sizeof *t->tagged);
	t->order = xrealloc(t->order, n * sizeof *t->order);
	t->row_style = xrealloc(t->row_style, n * sizeof *t->row_style);
	for (int i = old; i < nrows; i++) {
		t->tagged[i] = false;
		t->order[i] = i;
		t->row_style[i] = STYLE_NORMAL;
	}
	t->nrows = nrows;
}

void table_set(struct table *t, int row, int col, const char *text)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return;
	char **c = &t->cells[row * t->ncols + col];
	free(*c);
	*c = text ? text_clean(text) : NULL;
	t->marks[row * t->ncols + col].kind = 0;
}

enum { MARK_OK = 1, MARK_NOT_OK };

void table_set_mark(struct table *t, int row, int col, bool ok, const char *word)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return;
	table_set(t, row, col, NULL);
	t->marks[row * t->ncols + col] = (struct table_mark){ ok ? MARK_OK : MARK_NOT_OK, word };
}

const char *table_get(const struct table *t, int row, int col)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return "";
	const struct table_mark *m = &t->marks[row * t->ncols + col];
	if (m->kind)
		return m->word ? theme_mark(m->kind == MARK_OK, _(m->word))
		     : m->kind == MARK_OK ? theme_mark_pass() : theme_mark_fail();
	const char *s = t->cells[row * t->ncols + col];
	return s ? s : "";
}

void table_set_style(struct table *t, int row, enum style s)
{
	if (row >= 0 && row < t->nrows)
		t->row_style[row] = s;
}

/* A column's min and max now: a column of marks holds their words when the
 * marks are spoken. */
static int col_min(const struct table_col *c, bool marks)
{
	int m = theme_mark_cols();
	return marks && m > c->min ? m : c->min;
}

static int col_max(const struct table_col *c, bool marks)
{
	int m = col_min(c, marks);
	return c->max > m ? c->max : m;
}

int table_layout(const struct table_col *cols, int ncols, bool tag_column, unsigned mark_cols,
		 int width, int *widths)
{
	bool on[TABLE_MAX_COLS];
	if (ncols > TABLE_MAX_COLS)
		ncols = TABLE_MAX_COLS;
	for (int i = 0; i < ncols; i++)
		on[i] = true;
#define MARKS(i) ((mark_cols >> (i)) & 1u)
	for (;;) {
		int need = tag_column ? 2 : 0, shown = 0;
		for (int i = 0; i < ncols; i++)
			if (on[i]) {
				need += col_min(&cols[i], MARKS(i)) + (shown ? 1 : 0);
				shown++;
			}
		if (need <= width || shown == 0)
			break;
		/* drop the shown column with the highest prio (the rightmost on ties) */
		int drop = -1;
		for (int i = 0; i < ncols; i++)
			if (on[i] && cols[i].prio > 0 && (drop < 0 || cols[i].prio >= cols[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		on[drop] = false;
	}
	int used = tag_column ? 2 : 0, shown = 0;
	for (int i = 0; i < ncols; i++) {
		widths[i] = on[i] ? col_min(&cols[i], MARKS(i)) : 0;
		if (on[i]) {
			used += widths[i] + (shown ? 1 : 0);
			shown++;
		}
	}
	/* hand out what is left, most important columns first */
	for (int p = 0; p <= 99 && used < width; p++)
		for (int i = 0; i < ncols && used < width; i++)
			if (on[i] && cols[i].prio == p && widths[i] < col_max(&cols[i], MARKS(i))) {
				int add = col_max(&cols[i], MARKS(i)) - widths[i];
				if (add > width - used)
					add = width - used;
				widths[i] += add;
				used += add;
			}
#undef MARKS
	return shown;
}

int table_cursor_row(const struct table *t)
{
	if (t->nrows == 0)
		return -1;
	return t->order[t->cursor];
}

void table_goto(struct table *t, int pos)
{
	if (t->nrows == 0) {
		t->cursor = 0;
		return;
	}
	if (pos < 0 || pos >= t->nrows)
		pos = pos < 0 ? t->nrows - 1 : t->nrows - 1;
	t->cursor = pos;
}

bool table_select_row(struct table *t, int row)
{
	for (int pos = 0; pos < t->nrows; pos++)
		if (t->order[pos] == row) {
			t->cursor = pos;
			return true;
		}
	return false;
}

int table_search_next(const struct table *t)
{
	if (!t->search[0] || !t->search_cols)
		return -1;
	for (int k = 1; k <= t->nrows; k++) {
		int pos = (t->cursor + k) % t->nrows, row = t->order[pos];
		for (int c = 0; c < t->ncols; c++)
			if ((t->search_cols & (1u << c)) && text_masked_match(table_get(t, row, c), t->search))
				return pos;
	}
	return -1;
}

void table_move(struct table *t, int delta)
{
	int c = t->cursor + delta;
	if (c < 0)
		c = 0;
	if (c >= t->nrows)
		c = t->nrows - 1;
	t->cursor = c < 0 ? 0 : c;
}

static const struct table *sort_t;

static int cmp_rows(const void *a, const void *b)
{
	int ra = *(const int *)a, rb = *(const int *)b;
	const char *sa = table_get(sort_t, ra, sort_t->sort_col);
	const char *sb = table_get(sort_t, rb, sort_t->sort_col);
	int c;
	if (sort_t->cols[sort_t->sort_col].numeric) {
		long long x = strtoll(sa, NULL, 10), y = strtoll(sb, NULL, 10);
		c = (x > y) - (x < y);
	} else
		c = strcmp(sa, sb);
	if (c == 0)
		c = (ra > rb) - (ra < rb);   /* stable */
	return sort_t->sort_desc ? -c : c;
}

void table_sort(struct table *t, int col, bool desc)
{
	int cur = table_cursor_row(t);
	t->sort_col = col;
	t->sort_desc = desc;
	for (int i = 0; i < t->nrows; i++)
		t->order[i] = i;
	if (col >= 0 && col < t->ncols && t->nrows > 1) {
		sort_t = t;
		qsort(t->order, (size_t)t->nrows, sizeof *t->order, cmp_rows);
		sort_t = NULL;
	}
	for (int i = 0; i < t->nrows; i++)
		if (t->order[i] == cur)
			t->cursor = i;
}

void table_sort_next(struct table *t)
{
	/* next visible column; after the last, back to the given order */
	int c = t->sort_col + 1;
	while (c < t->ncols && t->widths[c] == 0)
		c++;
	table_sort(t, c >= t->ncols ? -1 : c, false);
}

bool table_toggle_tag(struct table *t)
{
	int r = table_cursor_row(t);
	if (r < 0)
		return false;
	t->tagged[r] = !t->tagged[r];
	return true;
}

void table_tag_all(struct table *t)
{
	bool all = t->nrows > 0;
	for (int i = 0; i < t->nrows; i++)
		all = all && t->tagged[i];
	for (int i = 0; i < t->nrows; i++)
		t->tagged[i] = !all;
}

int table_tagged_count(const struct table *t)
{
	int n = 0;
	for (int i = 0; i < t->nrows; i++)
		n += t->tagged[i];
	return n;
}

/* Appends s to buf at *len with a space before it (none at the start). */
static void append_word(char *buf, size_t bufsz, size_t *len, const char *s)
{
	if (!*s || *len + 1 >= bufsz)
		return;
	if (*len > 0)
		buf[(*len)++] = ' ';
	size_t n = strlen(s);
	if (*len + n >= bufsz) {   /* cut on a character boundary */
		n = bufsz - 1 - *len;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

/* The cells of the key columns (keys) or of the others with their titles. */
static void append_cells(const struct table *t, int row, bool keys, char *buf, size_t bufsz,
			 size_t *len)
{
	for (int i = 0; i < t->ncols; i++) {
		const char *cell = table_get(t, row, i);
		if (!*cell || ((t->key_cols & (1u << i)) != 0) != keys)
			continue;
		if (!keys)
			append_word(buf, bufsz, len, _(t->cols[i].title));
		append_word(buf, bufsz, len, cell);
	}
}

size_t table_row_text(const struct table *t, int row, char *buf, size_t bufsz)
{
	size_t len = 0;
	if (!buf || bufsz == 0)
		return 0;
	buf[0] = '\0';
	if (row < 0 || row >= t->nrows)
		return 0;
	append_cells(t, row, true, buf, bufsz, &len);
	append_cells(t, row, false, buf, bufsz, &len);
	if (t->tag_column && t->tagged[row])
		append_word(buf, bufsz, &len, _("(tagged)"));
	return len;
}

static int put_cell(WINDOW *w, int y, int x, const char *s, int width, bool right)
{
	char buf[512];
	text_fit(buf, sizeof buf, s, width, TEXT_PAD | (right ? TEXT_RIGHT : 0));
	mvwaddstr(w, y, x, buf);
	return x + width;
}

void table_draw(struct table *t, WINDOW *w, int y, int x, int h, int wd)
{
	if (h < 1 || wd < 1)
		return;
	table_layout(t->cols, t->ncols, t->tag_column, t->mark_cols, wd, t->widths);
	/* a column narrower than its title's width shows its short title */
	wattrset(w, theme_attr(STYLE_HEADER));
	mvwhline(w, y, x, ' ', wd);
	int cx = x + (t->tag_column ? 2 : 0);
	bool first = true;
	for (int i = 0; i < t->ncols; i++) {
		if (!t->widths[i])
			continue;
		if (!first)
			cx++;
		first = false;
		const char *title = _(t->cols[i].title);
		int room = t->widths[i] - (i == t->sort_col);   /* the sort mark's column */
		if (t->cols[i].short_title && text_width(title) > room)
			title = _(t->cols[i].short_title);
		if (i == t->sort_col) {
			/* the sorted column says so: ^ ascending, v descending */
			char marked[300];
			text_fit(marked, sizeof marked, title, room > 0 ? room : 0, 0);
			snprintf(marked + strlen(marked), sizeof marked - strlen(marked), "%s",
				 t->sort_desc ? "v" : "^");
			cx = put_cell(w, y, cx, marked, t->widths[i], t->cols[i].right);
			continue;
		}
		cx = put_cell(w, y, cx, title, t->widths[i], t->cols[i].right);
	}
	int rows = h - 1;
	t->last_height = rows;
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + rows)
		t->top = t->cursor - rows + 1;
	if (t->top < 0)
		t->top = 0;
	t->cursor_y = -1;
	for (int line = 0; line < rows; line++) {
		int pos = t->top + line, yy = y + 1 + line;
		if (pos >= t->nrows) {
			wattrset(w, theme_attr(STYLE_NORMAL));
			mvwhline(w, yy, x, ' ', wd);
			continue;
		}
		int r = t->order[pos];
		bool cur = pos == t->cursor && !t->cursor_hidden;
		if (cur)
			t->cursor_y = yy;
		enum style rowst = t->tagged[r] ? STYLE_TAGGED : t->row_style[r];
		enum style st = cur ? STYLE_CURSOR : rowst;
		wattrset(w, theme_attr(cur && t->cursor_span ? rowst : st));
		mvwhline(w, yy, x, ' ', wd);
		cx = x;
		if (t->tag_column) {
			wattrset(w, theme_attr(st));
			mvwaddstr(w, yy, cx, t->tagged[r] ? theme_glyph_tag() : " ");
			if (cur && t->cursor_span)
				mvwaddstr(w, yy, cx + 1, ">");
			cx += 2;
		}
		first = true;
		int shown = 0;
		for (int i = 0; i < t->ncols; i++) {
			if (!t->widths[i])
				continue;
			bool lit = !t->cursor_span || shown < t->cursor_span;
			wattrset(w, theme_attr(lit ? st : rowst));
			if (!first) {
				if (lit)   /* the gap inside the highlight is highlighted too */
					mvwaddch(w, yy, cx, ' ');
				cx++;
			}
			first = false;
			cx = put_cell(w, yy, cx, table_get(t, r, i), t->widths[i], t->cols[i].right);
			shown++;
		}
	}
	wattrset(w, theme_attr(STYLE_NORMAL));
}
