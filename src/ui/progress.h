/* progress: one line "LABEL [#####     ]  42%" for a transfer under way
 * (uploads, downloads), in the pending style, fitted to the columns. */
#ifndef ANZHI_PROGRESS_H
#define ANZHI_PROGRESS_H

#include <curses.h>

/* now and total in bytes; total 0 = unknown (an empty bar). */
void progress_draw(WINDOW *w, int y, int x, int cols, const char *label, long long now,
		   long long total);

#endif
