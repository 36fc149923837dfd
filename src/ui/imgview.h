/* imgview: the viewer's page, zoom, pan and rotation, and which part of the
 * picture shows in the terminal area at which cells.  Zoom steps are the
 * page's width fitted to the area (the default: an A4 scan reads at its
 * width), larger steps past it, or the whole page.  Pure: numbers in,
 * rectangles out. */
#ifndef ANZHI_IMGVIEW_H
#define ANZHI_IMGVIEW_H

#include <stdbool.h>

enum { IMGVIEW_FIT_PAGE = -1, IMGVIEW_FIT_WIDTH = 0, IMGVIEW_ZOOM_MAX = 4 };

struct imgview {
	int page, pages;       /* 1-based; pages 0 while unknown */
	int zoom;              /* IMGVIEW_FIT_PAGE, IMGVIEW_FIT_WIDTH, 1..IMGVIEW_ZOOM_MAX */
	int rotation;          /* quarter turns clockwise, 0-3 */
	int img_w, img_h;      /* the picture as shown (turned), pixels; 0 = none yet */
	int cols, rows;        /* the area, cells */
	int cell_w, cell_h;    /* one cell, pixels */
	long x, y;             /* the view's top left on the zoomed picture, pixels */
	bool to_bottom;        /* the next picture shows its end (paging back) */
};

/* What to draw: the source rectangle of the picture (pixels) onto the cell
 * rectangle of the area (relative to the area's top left). */
struct imgview_frame {
	int sx, sy, sw, sh;
	int col, row, ncols, nrows;
};

void imgview_init(struct imgview *v);
/* The area (cells) and a cell's size (pixels); the pan stays in bounds. */
void imgview_set_area(struct imgview *v, int cols, int rows, int cell_w, int cell_h);
/* A new picture of w x h pixels (turned already).  same_page: the same page
 * at another resolution, where the view stays; otherwise it starts at the
 * top (or the end after paging back), centred across. */
void imgview_set_picture(struct imgview *v, int w, int h, bool same_page);

/* Display pixels per picture pixel now. */
double imgview_scale(const struct imgview *v);
/* The zoomed picture's size, pixels. */
void imgview_zoomed_size(const struct imgview *v, long *w, long *h);
/* The box (pixels) the picture should fill for the zoom to show it without
 * enlarging: what a page is rendered or an image decoded at; h 0 = any
 * height. */
void imgview_render_box(const struct imgview *v, long *w, long *h);
/* Whether the picture is coarser than the zoom shows it (a sharper one of
 * at most native_w pixels across would look better). */
bool imgview_wants_sharper(const struct imgview *v, long native_w);

/* Zoom one step in (+1) or out (-1) about the centre of the view; false at
 * the end of the steps. */
bool imgview_zoom(struct imgview *v, int step);
/* The whole page, or its width when the whole page shows already. */
void imgview_fit(struct imgview *v);
/* Pan by eighths of the area (dx, dy may be negative); false when the view
 * was at that edge already. */
bool imgview_pan(struct imgview *v, int dx, int dy);
/* A screenful down (+1) or up (-1); false at the end (the caller turns the
 * page). */
bool imgview_scroll(struct imgview *v, int dir);
/* To page n (clamped to 1..pages when known); false when it is the same. */
bool imgview_goto(struct imgview *v, int n);
/* A quarter turn clockwise; the caller turns the picture and sets it again. */
void imgview_rotate(struct imgview *v);

/* Where the picture goes; false when there is no picture or no area. */
bool imgview_frame(const struct imgview *v, struct imgview_frame *f);

#endif
