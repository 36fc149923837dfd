/* screens: the screens' declarations, generated from the registry
 * (screens/screens.def), and the registry's lookups. */
#ifndef ANZHI_SCREENS_H
#define ANZHI_SCREENS_H

#include "client/app.h"

#define SCREEN(id) extern const struct screen screen_##id;
#include "screens/screens.def"
#undef SCREEN

/* Every registered screen, in registry order. */
extern const struct screen *const screens_all[];
extern const int screens_count;
/* The screen whose name (= keymap name) is `name`, or NULL. */
const struct screen *screen_by_name(const char *name);

#endif
