/* picture: pixels onto the terminal.  Sixel through libchafa; kitty graphics
 * as zlib-compressed RGB in chunks (chafa 1.12 sends raw RGBA: 1.8 MB for an
 * 80x21 area, where a scanned page compresses to a few KB); and chafa's
 * Unicode block art drawn into a curses window cell by cell, each cell's
 * colours as a curses colour pair, so curses keeps the screen's bytes as
 * lean as for text. */
#ifndef ANZHI_MEDIA_PICTURE_H
#define ANZHI_MEDIA_PICTURE_H

#include <curses.h>
#include <stddef.h>

#include "media/decode.h"
#include "ui/gfxcaps.h"

/* The part of a picture to draw and where: the source rectangle (pixels)
 * onto cols x rows cells of cell_w x cell_h pixels. */
struct picture_place {
	int sx, sy, sw, sh;
	int cols, rows;
	int cell_w, cell_h;
};

/* The escape sequence drawing it at the cursor (GFX_SIXEL or GFX_KITTY; the
 * kitty one leaves the cursor where it was and asks for no answer);
 * malloc'd, *len its length; NULL for another mode or a bad place. */
char *picture_encode(enum gfx_mode mode, const struct rgba *img, const struct picture_place *p,
		     size_t *len);
/* Deletes every kitty image on the screen (the one before, when redrawing). */
const char *picture_kitty_clear(void);
/* Block art into w at (y, x), in as many colours as the terminal has. */
void picture_draw_symbols(WINDOW *w, int y, int x, const struct rgba *img,
			  const struct picture_place *p);

#endif
