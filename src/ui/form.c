/* form: the shared parts of the client's forms. */
#include "ui/form.h"

#include <string.h>

#include "base/region_name.h"
#include "ui/text.h"
#include "ui/theme.h"

void form_region_hint(WINDOW *w, int y, int x, int width, const struct field *f, bool active)
{
	size_t pl = strlen(f->path);
	if (active || pl < 6 || strcmp(f->path + pl - 6, "region") != 0)
		return;
	char name[64], buf[256];
	int used = text_width(f->buf) + 1;
	if (!region_name(f->buf, name, sizeof name) || used >= width)
		return;
	text_fit(buf, sizeof buf, name, width - used, 0);
	attr_t a;
	short pair;
	wattr_get(w, &a, &pair, NULL);
	wattrset(w, theme_attr(STYLE_DIM));
	mvwaddstr(w, y, x + used, buf);
	wattr_set(w, a, pair, NULL);
}
