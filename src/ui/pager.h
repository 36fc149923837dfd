/* pager: read-only text wrapped to the width by display columns, scrolled by
 * lines (help screen, notice bodies). */
#ifndef ANZHI_PAGER_H
#define ANZHI_PAGER_H

#include <curses.h>
#include <stdbool.h>

struct pager {
	char *text;          /* cleaned, '\n' separated */
	char **lines;        /* wrapped for `width` */
	int nlines, width, top, height;
};

void pager_set(struct pager *p, const char *text);    /* text_clean per line */
void pager_free(struct pager *p);
/* Wraps text into lines of at most width columns (by characters); pure. */
int  pager_wrap(const char *text, int width, char ***out);
void pager_draw(struct pager *p, WINDOW *w, int y, int x, int h, int wd);
/* text (clean) wrapped to width columns at (y, x), at most maxlines lines
 * (a paragraph on a screen); returns the lines used. */
int  pager_put_wrapped(WINDOW *w, int y, int x, int width, int maxlines, const char *text);
/* Scrolls by `lines` (negative: up), clamped to the text (the last page is
 * settled at the next draw). */
void pager_scroll(struct pager *p, long lines);
/* Shows the last page from the next draw on (a log: the newest last). */
void pager_show_end(struct pager *p);
/* Puts the first wrapped line (as last drawn) holding needle at the top,
 * looking from the top line (from_next: the line after it) on, round to the
 * start; false when no line holds it. */
bool pager_find(struct pager *p, const char *needle, bool from_next);
/* Lines one page moves (the last height drawn, less one line of overlap). */
int  pager_page_lines(const struct pager *p);

#endif
