/* picture: pixels onto the terminal.  Sixel through libchafa; kitty graphics
 * as zlib-compressed RGB in chunks (chafa 1.12 sends raw RGBA: 1.8 MB for an
 * 80x21 area, where a scanned page compresses to a few KB); and chafa's
 * Unicode block art drawn into a curses window cell by cell, each cell's
 * colours as a curses colour pair, so curses keeps the screen's bytes as
 * lean as for text. */
#ifndef ANZHI_MEDIA_PICTURE_H
#define ANZHI_MEDIA_PICTURE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

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
/* Block art: each cell's character and colours (terminal colour numbers,
 * -1 the default), in as many colours as the terminal has; without a UTF-8
 * locale (utf8 false) ASCII characters stand in for the blocks. */
struct picture_cells {
	int cols, rows;
	struct picture_cell {
		wchar_t ch;
		short fg, bg;
	} *cell;
};
bool picture_symbols(const struct rgba *img, const struct picture_place *p, bool utf8,
		     struct picture_cells *out);
/* Draws them into w at (y, x), a curses colour pair per pair of colours. */
void picture_cells_draw(WINDOW *w, int y, int x, const struct picture_cells *c);
void picture_cells_free(struct picture_cells *c);

#endif
