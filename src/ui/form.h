/* form: what every form of fields shares (person, unit info, calculator,
 * login and the screens to come). */
#ifndef ANZHI_UI_FORM_H
#define ANZHI_UI_FORM_H

#include <curses.h>
#include <stdbool.h>

#include "ui/field.h"

/* After an idle region field's code (its path ends in "region"), its name in
 * the dim style within the field's box of `width` columns at (y, x): a code
 * alone means nothing to most people. */
void form_region_hint(WINDOW *w, int y, int x, int width, const struct field *f, bool active);

#endif
