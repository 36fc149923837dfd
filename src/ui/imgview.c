/* imgview: geometry of the material viewer.  Positions are in display
 * pixels (the picture as zoomed), so a sharper rendering of the same page
 * keeps the view where it was. */
#include "ui/imgview.h"

#include <string.h>

/* steps past the page's width: how much larger than fitted */
static const double zoom_factor[IMGVIEW_ZOOM_MAX + 1] = { 1.0, 1.5, 2.0, 3.0, 4.0 };

/* nearest whole pixel (no libm for this) */
static long round_px(double d)
{
	return d < 0 ? -(long)(-d + 0.5) : (long)(d + 0.5);
}

void imgview_init(struct imgview *v)
{
	memset(v, 0, sizeof *v);
	v->page = 1;
	v->zoom = IMGVIEW_FIT_WIDTH;
	v->cell_w = 8;
	v->cell_h = 16;
}

static long area_w(const struct imgview *v)
{
	return (long)v->cols * v->cell_w;
}

static long area_h(const struct imgview *v)
{
	return (long)v->rows * v->cell_h;
}

double imgview_scale(const struct imgview *v)
{
	if (v->img_w <= 0 || v->img_h <= 0 || v->cols <= 0 || v->rows <= 0)
		return 1.0;
	double width = (double)area_w(v) / v->img_w;
	if (v->zoom == IMGVIEW_FIT_PAGE) {
		double height = (double)area_h(v) / v->img_h;
		return width < height ? width : height;
	}
	return width * zoom_factor[v->zoom];
}

void imgview_zoomed_size(const struct imgview *v, long *w, long *h)
{
	double s = imgview_scale(v);
	*w = round_px(v->img_w * s);
	*h = round_px(v->img_h * s);
}

static void clamp_pan(struct imgview *v)
{
	long w, h;
	imgview_zoomed_size(v, &w, &h);
	long mx = w > area_w(v) ? w - area_w(v) : 0, my = h > area_h(v) ? h - area_h(v) : 0;
	v->x = v->x < 0 ? 0 : v->x > mx ? mx : v->x;
	v->y = v->y < 0 ? 0 : v->y > my ? my : v->y;
}

void imgview_set_area(struct imgview *v, int cols, int rows, int cell_w, int cell_h)
{
	v->cols = cols > 0 ? cols : 0;
	v->rows = rows > 0 ? rows : 0;
	v->cell_w = cell_w > 0 ? cell_w : 8;
	v->cell_h = cell_h > 0 ? cell_h : 16;
	clamp_pan(v);
}

void imgview_set_picture(struct imgview *v, int w, int h, bool same_page)
{
	v->img_w = w > 0 ? w : 0;
	v->img_h = h > 0 ? h : 0;
	if (!same_page) {
		long zw, zh;
		imgview_zoomed_size(v, &zw, &zh);
		v->x = zw > area_w(v) ? (zw - area_w(v)) / 2 : 0;
		v->y = v->to_bottom ? zh : 0;
		v->to_bottom = false;
	}
	clamp_pan(v);
}

void imgview_render_box(const struct imgview *v, long *w, long *h)
{
	if (v->zoom == IMGVIEW_FIT_PAGE) {
		*w = area_w(v);
		*h = area_h(v);
	} else {
		*w = round_px(area_w(v) * zoom_factor[v->zoom]);
		*h = 0;
	}
}

bool imgview_wants_sharper(const struct imgview *v, long native_w)
{
	return v->img_w > 0 && v->img_w < native_w && imgview_scale(v) > 1.05;
}

bool imgview_zoom(struct imgview *v, int step)
{
	int z = v->zoom + step;
	if (z < IMGVIEW_FIT_PAGE || z > IMGVIEW_ZOOM_MAX || step == 0)
		return false;
	long w0, h0, w1, h1;
	imgview_zoomed_size(v, &w0, &h0);
	/* the point at the centre of the view stays there */
	double cx = w0 > 0 ? (v->x + area_w(v) / 2.0) / w0 : 0.5;
	double cy = h0 > 0 ? (v->y + area_h(v) / 2.0) / h0 : 0.0;
	v->zoom = z;
	imgview_zoomed_size(v, &w1, &h1);
	v->x = round_px(cx * w1 - area_w(v) / 2.0);
	v->y = round_px(cy * h1 - area_h(v) / 2.0);
	clamp_pan(v);
	return true;
}

void imgview_fit(struct imgview *v)
{
	v->zoom = v->zoom == IMGVIEW_FIT_PAGE ? IMGVIEW_FIT_WIDTH : IMGVIEW_FIT_PAGE;
	v->x = v->y = 0;
	long w, h;
	imgview_zoomed_size(v, &w, &h);
	if (w > area_w(v))
		v->x = (w - area_w(v)) / 2;
	clamp_pan(v);
}

bool imgview_pan(struct imgview *v, int dx, int dy)
{
	long x = v->x, y = v->y;
	v->x += dx * (area_w(v) / 8);
	v->y += dy * (area_h(v) / 8);
	clamp_pan(v);
	return v->x != x || v->y != y;
}

bool imgview_scroll(struct imgview *v, int dir)
{
	long y = v->y;
	long step = area_h(v) - area_h(v) / 8;   /* an eighth stays in view */
	v->y += dir * (step > 0 ? step : 1);
	clamp_pan(v);
	return v->y != y;
}

bool imgview_goto(struct imgview *v, int n)
{
	if (n < 1 || (v->pages > 0 && n > v->pages) || n == v->page)
		return false;
	v->page = n;
	return true;
}

void imgview_rotate(struct imgview *v)
{
	v->rotation = (v->rotation + 1) % 4;
}

bool imgview_frame(const struct imgview *v, struct imgview_frame *f)
{
	memset(f, 0, sizeof *f);
	if (v->img_w <= 0 || v->img_h <= 0 || v->cols <= 0 || v->rows <= 0)
		return false;
	double s = imgview_scale(v);
	long zw, zh;
	imgview_zoomed_size(v, &zw, &zh);
	/* across */
	if (zw <= area_w(v)) {
		f->ncols = (int)((zw + v->cell_w / 2) / v->cell_w);
		f->ncols = f->ncols < 1 ? 1 : f->ncols > v->cols ? v->cols : f->ncols;
		f->col = (v->cols - f->ncols) / 2;
		f->sx = 0;
		f->sw = v->img_w;
	} else {
		f->ncols = v->cols;
		f->sx = (int)(v->x / s);
		f->sw = (int)round_px(area_w(v) / s);
	}
	/* down */
	if (zh <= area_h(v)) {
		f->nrows = (int)((zh + v->cell_h / 2) / v->cell_h);
		f->nrows = f->nrows < 1 ? 1 : f->nrows > v->rows ? v->rows : f->nrows;
		f->row = 0;   /* a short picture sits at the top, by the title */
		f->sy = 0;
		f->sh = v->img_h;
	} else {
		f->nrows = v->rows;
		f->sy = (int)(v->y / s);
		f->sh = (int)round_px(area_h(v) / s);
	}
	if (f->sw < 1)
		f->sw = 1;
	if (f->sh < 1)
		f->sh = 1;
	if (f->sx + f->sw > v->img_w)
		f->sx = v->img_w - f->sw > 0 ? v->img_w - f->sw : 0, f->sw = v->img_w - f->sx;
	if (f->sy + f->sh > v->img_h)
		f->sy = v->img_h - f->sh > 0 ? v->img_h - f->sh : 0, f->sh = v->img_h - f->sy;
	return true;
}
