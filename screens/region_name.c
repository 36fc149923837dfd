/* region_name: region codes named for display.  One province's table is kept
 * (the demo and most units live in one); another province's replaces it. */
#include "screens/region_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/cli_shared.h"
#include "core/regions.h"
#include "ui/text.h"
#include "ui/theme.h"

static struct region_table table;
static char loaded[3];   /* the province of `table`, "" = none */

static bool ensure(const char *code)
{
	if (loaded[0] && strncmp(loaded, code, 2) == 0)
		return table.n > 0;
	regions_free(&table);
	snprintf(loaded, sizeof loaded, "%.2s", code);
	char path[1024];
	snprintf(path, sizeof path, "%s/regions/%.2s0000.csv", cli_datadir(), code);
	char *text = cli_read_file(path);
	if (!text || !regions_load(text, path, &table, NULL))
		memset(&table, 0, sizeof table);
	free(text);
	return table.n > 0;
}

bool region_name(const char *code, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6 || !ensure(code))
		return false;
	const struct region *r = regions_find(&table, code);
	if (!r)
		return false;
	snprintf(buf, size, "%s", r->name);
	return true;
}

void region_name_draw(WINDOW *w, int y, int x, int width, const struct field *f, bool active)
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
