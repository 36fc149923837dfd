/* picture: chafa canvases for sixel and block art; the kitty packing. */
#include "media/picture.h"

#include <chafa.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <zlib.h>

#include "base/xalloc.h"

enum { KITTY_CHUNK = 4096 };

static bool place_ok(const struct rgba *img, const struct picture_place *p)
{
	return img && img->px && p->cols > 0 && p->rows > 0 && p->sw > 0 && p->sh > 0 && p->sx >= 0 &&
	       p->sy >= 0 && p->sx + p->sw <= img->w && p->sy + p->sh <= img->h;
}

static const guint8 *origin(const struct rgba *img, const struct picture_place *p)
{
	return img->px + ((size_t)p->sy * (size_t)img->w + (size_t)p->sx) * 4;
}

/* A chafa canvas of the place, drawn (block art in ASCII unless utf8). */
static ChafaCanvas *chafa_drawn(ChafaPixelMode pixel, ChafaCanvasMode colours, bool utf8,
				const struct rgba *img, const struct picture_place *p)
{
	ChafaCanvasConfig *cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_pixel_mode(cfg, pixel);
	chafa_canvas_config_set_canvas_mode(cfg, colours);
	chafa_canvas_config_set_geometry(cfg, p->cols, p->rows);
	chafa_canvas_config_set_cell_geometry(cfg, p->cell_w, p->cell_h);
	/* no dithering: a scan's paper grain would become speckle, and bytes */
	chafa_canvas_config_set_dither_mode(cfg, CHAFA_DITHER_MODE_NONE);
	if (pixel == CHAFA_PIXEL_MODE_SYMBOLS) {
		/* the block elements every terminal font has: no braille, no
		 * legacy-computing sextants (often missing), nothing wide */
		ChafaSymbolMap *map = chafa_symbol_map_new();
		chafa_symbol_map_add_by_tags(map, utf8 ? CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_HALF |
							 CHAFA_SYMBOL_TAG_QUAD | CHAFA_SYMBOL_TAG_SPACE
						       : CHAFA_SYMBOL_TAG_ASCII | CHAFA_SYMBOL_TAG_SPACE);
		chafa_symbol_map_remove_by_tags(map, CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_AMBIGUOUS);
		chafa_canvas_config_set_symbol_map(cfg, map);
		chafa_symbol_map_unref(map);
	}
	ChafaCanvas *canvas = chafa_canvas_new(cfg);
	chafa_canvas_config_unref(cfg);
	if (canvas)
		chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, origin(img, p), p->sw,
					     p->sh, img->w * 4);
	return canvas;
}

static char *sixel(const struct rgba *img, const struct picture_place *p, size_t *len)
{
	/* the fixed 256-colour palette: a grainy scan's near-whites fall on one
	 * colour and the sixel bands compress (5 KB against 115 KB for an
	 * adaptive palette with chafa's dithering); documents lose nothing */
	ChafaCanvas *canvas = chafa_drawn(CHAFA_PIXEL_MODE_SIXELS, CHAFA_CANVAS_MODE_INDEXED_256, true, img, p);
	if (!canvas)
		return NULL;
	ChafaTermInfo *ti = chafa_term_db_get_fallback_info(chafa_term_db_get_default());
	GString *s = chafa_canvas_print(canvas, ti);
	char *out = xmalloc(s->len + 1);
	memcpy(out, s->str, s->len + 1);
	*len = s->len;
	g_string_free(s, TRUE);
	chafa_term_info_unref(ti);
	chafa_canvas_unref(canvas);
	return out;
}

/* ------------------------------------------------------------ kitty */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t base64(const unsigned char *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
			     (i + 2 < n ? in[i + 2] : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	return o;
}

static int cube_level(int v)
{
	return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 > 5 ? 5 : (v - 35) / 40;
}

/* Each pixel to the nearest colour of xterm's 256 (its 6x6x6 cube or its 24
 * greys), as the sixel path draws: a scan's paper grain falls on one colour
 * and compresses (167 KB a screen of a grainy A4 scan become a few KB). */
static void to_xterm_palette(unsigned char *rgb, size_t npx)
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	for (size_t i = 0; i < npx; i++) {
		unsigned char *p = rgb + i * 3;
		int c[3], d_cube = 0, m = (p[0] + p[1] + p[2]) / 3;
		for (int k = 0; k < 3; k++) {
			c[k] = level[cube_level(p[k])];
			d_cube += (c[k] - p[k]) * (c[k] - p[k]);
		}
		int gi = (m - 3) / 10 < 0 ? 0 : (m - 3) / 10 > 23 ? 23 : (m - 3) / 10;
		int g = 8 + 10 * gi, d_grey = 0;
		for (int k = 0; k < 3; k++)
			d_grey += (g - p[k]) * (g - p[k]);
		for (int k = 0; k < 3; k++)
			p[k] = (unsigned char)(d_grey < d_cube ? g : c[k]);
	}
}

/* The place's pixels as RGB, shrunk to the cells' pixels when larger (the
 * terminal enlarges a smaller one itself: fewer bytes). */
static unsigned char *kitty_rgb(const struct rgba *img, const struct picture_place *p, int *w, int *h)
{
	struct rgba crop = { xmalloc((size_t)p->sw * (size_t)p->sh * 4), p->sw, p->sh };
	for (int y = 0; y < p->sh; y++)
		memcpy(crop.px + (size_t)y * (size_t)p->sw * 4, origin(img, p) + (size_t)y * (size_t)img->w * 4,
		       (size_t)p->sw * 4);
	rgba_fit(&crop, (long)p->cols * p->cell_w, (long)p->rows * p->cell_h, 0);
	size_t n = (size_t)crop.w * (size_t)crop.h;
	unsigned char *rgb = xmalloc(n * 3);
	for (size_t i = 0; i < n; i++)
		memcpy(rgb + i * 3, crop.px + i * 4, 3);
	to_xterm_palette(rgb, n);
	*w = crop.w;
	*h = crop.h;
	rgba_free(&crop);
	return rgb;
}

static char *kitty(const struct rgba *img, const struct picture_place *p, size_t *len)
{
	int w, h;
	unsigned char *rgb = kitty_rgb(img, p, &w, &h);
	uLong raw = (uLong)w * (uLong)h * 3;
	uLongf zlen = compressBound(raw);
	unsigned char *z = xmalloc(zlen);
	if (compress2(z, &zlen, rgb, raw, 6) != Z_OK) {
		free(rgb);
		free(z);
		return NULL;
	}
	free(rgb);
	char *enc = xmalloc((zlen + 2) / 3 * 4 + 1);
	size_t elen = base64(z, zlen, enc);
	free(z);
	size_t chunks = (elen + KITTY_CHUNK - 1) / KITTY_CHUNK;
	char *out = xmalloc(elen + chunks * 16 + 128);
	size_t o = 0;
	for (size_t c = 0, at = 0; c < chunks || (chunks == 0 && c == 0); c++, at += KITTY_CHUNK) {
		size_t take = elen - at < KITTY_CHUNK ? elen - at : KITTY_CHUNK;
		bool more = at + take < elen;
		if (c == 0)   /* a=T transmit and show, f=24 RGB, o=z zlib, C=1 cursor stays, q=2 silent */
			o += (size_t)sprintf(out + o, "\033_Ga=T,f=24,o=z,s=%d,v=%d,c=%d,r=%d,C=1,q=2,m=%d;", w, h,
					     p->cols, p->rows, more);
		else
			o += (size_t)sprintf(out + o, "\033_Gm=%d;", more);
		memcpy(out + o, enc + at, take);
		o += take;
		memcpy(out + o, "\033\\", 2);
		o += 2;
	}
	free(enc);
	out[o] = '\0';
	*len = o;
	return out;
}

const char *picture_kitty_clear(void)
{
	return "\033_Ga=d,d=A,q=2\033\\";
}

char *picture_encode(enum gfx_mode mode, const struct rgba *img, const struct picture_place *p,
		     size_t *len)
{
	*len = 0;
	if (!place_ok(img, p))
		return NULL;
	if (mode == GFX_SIXEL)
		return sixel(img, p, len);
	if (mode == GFX_KITTY)
		return kitty(img, p, len);
	return NULL;
}

/* ------------------------------------------------------------ block art */

static ChafaCanvasMode colour_mode(void)
{
	return COLORS >= 256 ? CHAFA_CANVAS_MODE_INDEXED_256
	       : COLORS >= 16 ? CHAFA_CANVAS_MODE_INDEXED_16
			      : CHAFA_CANVAS_MODE_INDEXED_8;
}

bool picture_symbols(const struct rgba *img, const struct picture_place *p, bool utf8,
		     struct picture_cells *out)
{
	memset(out, 0, sizeof *out);
	if (!place_ok(img, p))
		return false;
	ChafaCanvas *canvas = chafa_drawn(CHAFA_PIXEL_MODE_SYMBOLS, colour_mode(), utf8, img, p);
	if (!canvas)
		return false;
	out->cols = p->cols;
	out->rows = p->rows;
	out->cell = xcalloc((size_t)p->cols * (size_t)p->rows, sizeof *out->cell);
	for (int r = 0; r < p->rows; r++)
		for (int c = 0; c < p->cols; c++) {
			struct picture_cell *pc = &out->cell[r * p->cols + c];
			int fg = -1, bg = -1;
			pc->ch = (wchar_t)chafa_canvas_get_char_at(canvas, c, r);
			chafa_canvas_get_raw_colors_at(canvas, c, r, &fg, &bg);
			pc->fg = (short)(fg >= 0 && fg < COLORS ? fg : -1);
			pc->bg = (short)(bg >= 0 && bg < COLORS ? bg : -1);
			if (pc->ch == 0 || wcwidth(pc->ch) != 1 || (!utf8 && pc->ch > 0x7e))
				pc->ch = L' ';   /* one column, as counted; ASCII when asked */
		}
	chafa_canvas_unref(canvas);
	return true;
}

void picture_cells_draw(WINDOW *w, int y, int x, const struct picture_cells *c)
{
	for (int r = 0; r < c->rows; r++)
		for (int k = 0; k < c->cols; k++) {
			const struct picture_cell *pc = &c->cell[r * c->cols + k];
			wchar_t wc[2] = { pc->ch, 0 };
			int pair = alloc_pair(pc->fg, pc->bg);   /* ncurses recycles the oldest when full */
			cchar_t cc;
			if (pair < 0) {
				wc[0] = L' ';
				pair = 0;
			}
			setcchar(&cc, wc, A_NORMAL, 0, &pair);
			mvwadd_wch(w, y + r, x + k, &cc);
		}
}

void picture_cells_free(struct picture_cells *c)
{
	free(c->cell);
	memset(c, 0, sizeof *c);
}
