/* region_name: the name of a GB/T 2260 region code for display beside the
 * code ("150924" -> 兴和县), from data/regions/<province>0000.csv, read once. */
#ifndef ANZHI_SCREENS_REGION_NAME_H
#define ANZHI_SCREENS_REGION_NAME_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/field.h"

/* The region's own name into buf; false (buf "") when the code or its
 * province's file is unknown. */
bool region_name(const char *code, char *buf, size_t size);

/* After an idle region field's code (its path ends in "region"), its name in
 * the dim style within the field's box of `width` columns at (y, x): a code
 * alone means nothing to most people. */
void region_name_draw(WINDOW *w, int y, int x, int width, const struct field *f, bool active);

#endif
