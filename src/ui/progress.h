/* progress: one line "LABEL 1.2 MB of 3.4 MB (35%), 512.0 KB/s [###   ]" for a
 * transfer under way (uploads, downloads), in the pending style, fitted to
 * the columns. */
#ifndef ANZHI_PROGRESS_H
#define ANZHI_PROGRESS_H

#include <curses.h>
#include <stddef.h>

/* now and total in bytes (total 0 = unknown: an empty bar); secs since the
 * transfer started (≤ 0: no rate shown). */
void progress_draw(WINDOW *w, int y, int x, int cols, const char *label, long long now,
		   long long total, double secs);
/* The words of that line without the bar (also for a status line). */
void progress_text(char *buf, size_t bufsz, const char *label, long long now, long long total,
		   double secs);

#endif
