/* progress: see progress.h. */
#include "ui/progress.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "ui/text.h"
#include "ui/theme.h"

void progress_text(char *buf, size_t bufsz, const char *label, long long now, long long total,
		   double secs)
{
	char sent[32], all[32], rate[32];
	int pct = total > 0 ? (int)(now * 100 / total) : 0;
	text_size(now, sent, sizeof sent);
	text_size(total, all, sizeof all);
	if (secs > 0.05) {
		text_size((long long)((double)now / secs), rate, sizeof rate);
		snprintf(buf, bufsz, _("%s: %s of %s (%d%%), %s/s"), label, sent, all, pct, rate);
	} else {
		snprintf(buf, bufsz, _("%s: %s of %s (%d%%)"), label, sent, all, pct);
	}
}

void progress_draw(WINDOW *w, int y, int x, int cols, const char *label, long long now,
		   long long total, double secs)
{
	char line[1024], buf[1024];
	progress_text(line, sizeof line, label, now, total, secs);
	int bw = cols - text_width(line) - 3;
	if (bw > 40)
		bw = 40;
	if (bw > 2) {   /* the bar in what room is left */
		size_t n = strlen(line);
		int fill = total > 0 ? (int)(now * bw / total) : 0;
		if (n + (size_t)bw + 4 < sizeof line) {
			line[n++] = ' ';
			line[n++] = '[';
			for (int k = 0; k < bw; k++)
				line[n++] = k < fill ? '#' : '.';
			line[n++] = ']';
			line[n] = '\0';
		}
	}
	wattrset(w, theme_attr(STYLE_PENDING));
	text_fit(buf, sizeof buf, line, cols, 0);
	mvwaddstr(w, y, x, buf);
}
