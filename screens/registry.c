/* registry: the table of every screen, generated from screens.def. */
#include <string.h>

#include "screens/screens.h"

const struct screen *const screens_all[] = {
#define SCREEN(id) &screen_##id,
#include "screens/screens.def"
#undef SCREEN
};
const int screens_count = (int)(sizeof screens_all / sizeof screens_all[0]);

const struct screen *screen_by_name(const char *name)
{
	for (int i = 0; name && i < screens_count; i++)
		if (strcmp(screens_all[i]->name, name) == 0)
			return screens_all[i];
	return NULL;
}
