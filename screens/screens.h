/* screens: the screen table — one `const struct screen` per file in screens/. */
#ifndef ANZHI_SCREENS_H
#define ANZHI_SCREENS_H

#include "client/app.h"

extern const struct screen screen_login;
extern const struct screen screen_placements;
extern const struct screen screen_person;
extern const struct screen screen_months;
extern const struct screen screen_materials;
extern const struct screen screen_notices;
extern const struct screen screen_help;
extern const struct screen screen_pager;
extern const struct screen screen_calc;
extern const struct screen screen_unit;

/* Request tags shared by screens (each screen also has its own). */
enum { TAG_IGNORE = -1 };

#endif
