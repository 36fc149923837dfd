/* table: a list of rows in columns fitted by display width (CJK-correct), with
 * a cursor, scrolling, sorting, tags and columns dropped or narrowed by
 * priority when the terminal is thin.  Cells are cleaned copies of what the
 * caller gives, so server strings are safe to show. */
#ifndef ANZHI_TABLE_H
#define ANZHI_TABLE_H

#include <curses.h>
#include <stdbool.h>

#include "ui/theme.h"

#define TABLE_MAX_COLS 16

struct table_col {
	const char *title;        /* English msgid */
	const char *short_title;  /* msgid used when narrowed, or NULL */
	int min, max;             /* display columns */
	int prio;                 /* 0 = always kept; higher numbers are dropped first */
	bool right;               /* numbers align right */
	bool numeric;             /* sort as numbers */
};

struct table {
	const struct table_col *cols;
	int ncols;
	bool tag_column;
	int nrows;
	char **cells;             /* nrows * ncols, each cleaned */
	/* nrows * ncols: 0 for text, else a state mark (table_set_mark) and its
	 * word, shown as the mode is when shown */
	struct table_mark { unsigned char kind; const char *word; } *marks;
	bool *tagged;
	int *order;               /* display position → row */
	enum style *row_style;    /* per row, STYLE_NORMAL by default */
	int cursor, top;          /* display positions */
	int sort_col;             /* -1: the order rows were given */
	bool sort_desc;
	int widths[TABLE_MAX_COLS];
	int last_height;          /* rows shown at the last draw (for paging) */
	/* Columns the cursor highlights from the left (0 = the whole row).  A
	 * short highlight plus the '>' marker keeps a cursor move to a few dozen
	 * bytes on a thin link instead of repainting two whole rows. */
	int cursor_span;
	/* What search-next looks for (the last search, as typed) and in which
	 * columns (bit i = column i; 0 = the list is not searchable). */
	char search[128];
	unsigned search_cols;
	/* Columns holding ✓/✗ marks (theme_mark), as wide as their words when
	 * the marks are spoken; the columns that name a row (the month, the
	 * name), read first and without their titles by table_row_text.  Bit
	 * i = column i. */
	unsigned mark_cols, key_cols;
	int cursor_y;             /* screen line of the cursor row at the last draw, -1 */
	bool cursor_hidden;       /* draw no cursor (the focus is elsewhere on the screen) */
};

void table_init(struct table *t, const struct table_col *cols, int ncols, bool tag_column);
void table_free(struct table *t);
/* Replaces the rows with n empty ones (no tags), keeping the cursor where it can. */
void table_resize(struct table *t, int nrows);
/* Grows to n rows keeping the rows there are — cells, tags, styles (a page
 * appended); the new rows are empty and go last in the display order. */
void table_extend(struct table *t, int nrows);
void table_set(struct table *t, int row, int col, const char *text);
/* A state as a mark: ✓/✗ (theme_mark), or its word while marks are spoken —
 * decided whenever the cell is read, so `:set accessible` shows at once.
 * word: an English msgid ("Yes"), or NULL for a check's pass/fail. */
void table_set_mark(struct table *t, int row, int col, bool ok, const char *word);
const char *table_get(const struct table *t, int row, int col);
void table_set_style(struct table *t, int row, enum style s);

/* Widths for `width` columns: every column gets at least min (or is dropped, 0,
 * highest prio first), then extra goes to columns up to max in prio order;
 * a column of mark_cols (bit i = column i) at least theme_mark_cols().
 * One space separates columns; the tag column, when present, takes 2.  Pure. */
int table_layout(const struct table_col *cols, int ncols, bool tag_column, unsigned mark_cols,
		 int width, int *widths);

int  table_cursor_row(const struct table *t);     /* row index, -1 when empty */
void table_move(struct table *t, int delta);       /* clamps */
void table_goto(struct table *t, int pos);         /* display position; -1 = last */
/* Puts the cursor on `row` (a row index, wherever sorting shows it); false
 * when there is no such row.  For keeping the cursor on a record across a
 * reload, not for moving: the loop moves (src/client/listdrv.c). */
bool table_select_row(struct table *t, int row);
/* The first display position after the cursor (wrapping) whose row matches
 * t->search (text_masked_match) in one of t->search_cols; -1 when none. */
int  table_search_next(const struct table *t);
void table_sort(struct table *t, int col, bool desc);
void table_sort_next(struct table *t);             /* cycles the sort column */
bool table_toggle_tag(struct table *t);            /* cursor row */
void table_tag_all(struct table *t);               /* or untag all when all are tagged */
int  table_tagged_count(const struct table *t);

/* The row as one line to read aloud (a screen reader, a braille display):
 * the key columns' cells first, then "title cell" for every other column
 * with a cell, columns the width dropped included — "202503 工资 通过 社保
 * 不通过".  Returns the length (cut on a character boundary to bufsz). */
size_t table_row_text(const struct table *t, int row, char *buf, size_t bufsz);

/* Draws title line + rows into h×w at y,x. */
void table_draw(struct table *t, WINDOW *w, int y, int x, int h, int wd);

#endif
