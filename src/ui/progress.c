/* progress: see progress.h. */
#include "ui/progress.h"

#include <stdio.h>

#include "ui/text.h"
#include "ui/theme.h"

void progress_draw(WINDOW *w, int y, int x, int cols, const char *label, long long now,
		   long long total)
{
	char bar[512], line[1024], buf[1024];
	int bw = cols - text_width(label) - 8, i = 0;
	if (bw < 4)
		bw = 4;
	if (bw > (int)sizeof bar - 3)
		bw = (int)sizeof bar - 3;
	int fill = total > 0 ? (int)(now * bw / total) : 0;
	bar[i++] = '[';
	for (int k = 0; k < bw; k++)
		bar[i++] = k < fill ? '#' : ' ';
	bar[i++] = ']';
	bar[i] = '\0';
	snprintf(line, sizeof line, "%s %s %3d%%", label, bar, total > 0 ? (int)(now * 100 / total) : 0);
	wattrset(w, theme_attr(STYLE_PENDING));
	text_fit(buf, sizeof buf, line, cols, 0);
	mvwaddstr(w, y, x, buf);
}
