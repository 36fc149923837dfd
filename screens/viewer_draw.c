/* viewer_draw: what the material viewer shows — its title, a line of facts
 * (the download's progress and rate, the page being decoded, a problem, or
 * the page, zoom and turn), then the picture: block art drawn through curses
 * (kept between frames: a download's ticks do not redo it), or sixel and
 * kitty graphics written past curses after the update, again only when the
 * picture changed or curses painted over it; without pictures, a notice with
 * the file's facts and the keys that take it elsewhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "screens/viewer.h"
#include "ui/text.h"
#include "ui/theme.h"

static bool graphics_mode(const struct viewer_state *s)
{
	return s->gfx && (s->gfx->mode == GFX_SIXEL || s->gfx->mode == GFX_KITTY);
}

static void put_line(struct canvas *c, int y, enum style st, const char *text)
{
	char buf[1024];
	wattrset(c->w, theme_attr(st));
	text_fit(buf, sizeof buf, text, c->cols, 0);
	mvwaddstr(c->w, y, c->x, buf);
	wattrset(c->w, theme_attr(STYLE_NORMAL));
}

/* The line under the title: the download's progress, the page being
 * decoded, a problem, or where the view is. */
static void facts_line(struct view *v, char *line, size_t n, enum style *st)
{
	struct viewer_state *s = v->state;
	long long got = 0, total = 0;
	*st = STYLE_DIM;
	if (s->req && api_progress(v->app, s->req, &got, &total)) {
		char a[32], b[32], rate[32], esc[32];
		if (total <= 0)
			total = s->size;
		double secs = clock_now() - s->req_started;
		text_size(got, a, sizeof a);
		text_size(total, b, sizeof b);
		text_size(secs > 0.2 ? (long long)(got / secs) : 0, rate, sizeof rate);
		app_keys_for(v, ACT_BACK, esc, sizeof esc);
		snprintf(line, n, _("Downloading %s of %s (%d%%), %s/s; %s cancels"), a, b,
			 total > 0 ? (int)(got * 100 / total) : 0, rate, esc);
		*st = STYLE_PENDING;
	} else if (s->problem[0]) {
		snprintf(line, n, "%s", s->problem);
		*st = STYLE_ERROR;
	} else if (s->job) {
		char esc[32];
		app_keys_for(v, ACT_BACK, esc, sizeof esc);
		snprintf(line, n, _("Rendering page %d... (%s stops)"), s->view.page, esc);
		*st = STYLE_PENDING;
	} else if (s->pic.px) {
		char pages[32], zoom[32], turn[32] = "";
		if (s->view.pages > 0)
			snprintf(pages, sizeof pages, _("Page %d of %d"), s->pic_page, s->view.pages);
		else
			snprintf(pages, sizeof pages, _("Page %d"), s->pic_page);
		if (s->view.zoom == IMGVIEW_FIT_PAGE)
			snprintf(zoom, sizeof zoom, "%s", _("the whole page"));
		else   /* the page's width against the area's: 100% fitted */
			snprintf(zoom, sizeof zoom, _("width %d%%"),
				 (int)(imgview_scale(&s->view) * s->pic.w * 100.0 /
				       ((double)s->view.cols * s->view.cell_w) + 0.5));
		if (s->view.rotation)
			snprintf(turn, sizeof turn, _(", turned %d°"), s->view.rotation * 90);
		snprintf(line, n, "%s, %s%s", pages, zoom, turn);
	} else {
		line[0] = '\0';
	}
}

/* Without pictures: what the file is, and how to see it elsewhere. */
static void draw_notice(struct view *v, struct canvas *c, int y)
{
	struct viewer_state *s = v->state;
	char line[1024], size[32], save[32], open[32];
	text_size(s->size, size, sizeof size);
	app_keys_for(v, ACT_SAVE_AS, save, sizeof save);
	app_keys_for(v, ACT_OPEN_EXTERNAL, open, sizeof open);
	snprintf(line, sizeof line, _("File: %s"), s->name);
	put_line(c, y++, STYLE_NORMAL, line);
	snprintf(line, sizeof line, _("Material: %s"), s->kind);
	put_line(c, y++, STYLE_NORMAL, line);
	snprintf(line, sizeof line, _("Type: %s   Size: %s   Uploaded at: %s"),
		 s->file[0] && !s->req ? viewer_mime(s->type) : "-", size, s->uploaded);
	put_line(c, y++, STYLE_NORMAL, line);
	y++;
	if (s->gfx && s->gfx->mode == GFX_NONE)
		put_line(c, y++, STYLE_DIM,
			 _("This terminal shows no pictures (no colours, or NO_COLOR is set)."));
	snprintf(line, sizeof line, _("%s saves it to a file, %s opens it with the system's viewer."), save,
		 open);
	put_line(c, y, STYLE_DIM, line);
}

static bool same_frame(const struct imgview_frame *a, const struct imgview_frame *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

static struct picture_place place_of(const struct viewer_state *s, const struct imgview_frame *f)
{
	return (struct picture_place){ f->sx, f->sy, f->sw, f->sh, f->ncols, f->nrows, s->view.cell_w,
				       s->view.cell_h };
}

static void draw_symbols(struct viewer_state *s, struct canvas *c, const struct imgview_frame *f)
{
	if (s->cells_gen != s->pic_gen || !s->cells.cell || !same_frame(&s->cells_frame, f)) {
		picture_cells_free(&s->cells);
		struct picture_place p = place_of(s, f);
		picture_symbols(&s->pic, &p, text_utf8(), &s->cells);
		s->cells_gen = s->pic_gen;
		s->cells_frame = *f;
	}
	if (s->cells.cell)
		picture_cells_draw(c->w, s->area_y + f->row, s->area_x + f->col, &s->cells);
}

/* Whether the cells of frame a cover those of b (on the same spot). */
static bool covers(const struct imgview_frame *a, int ay, int ax, const struct imgview_frame *b, int by,
		   int bx)
{
	return ay + a->row <= by + b->row && ax + a->col <= bx + b->col &&
	       ay + a->row + a->nrows >= by + b->row + b->nrows &&
	       ax + a->col + a->ncols >= bx + b->col + b->ncols;
}

void viewer_draw(struct view *v, struct canvas *c)
{
	struct viewer_state *s = v->state;
	char line[1024];
	snprintf(line, sizeof line, _("Material - %s - %s"), s->name, s->kind);
	put_line(c, c->y, STYLE_TITLE, line);
	enum style st;
	facts_line(v, line, sizeof line, &st);
	put_line(c, c->y + 1, st, line);
	s->area_y = c->y + VIEWER_HEAD_ROWS;
	s->area_x = c->x;
	int cw = s->gfx ? s->gfx->cell_w : 10, ch = s->gfx ? s->gfx->cell_h : 20;
	imgview_set_area(&s->view, c->cols, c->rows - VIEWER_HEAD_ROWS, cw, ch);
	canvas_focus(c, s->area_y, c->x);
	struct imgview_frame f;
	if (!s->pic.px || !imgview_frame(&s->view, &f)) {
		if (!s->req && (!s->gfx || s->gfx->mode == GFX_NONE || !s->job))
			draw_notice(v, c, s->area_y);
		return;
	}
	/* a larger area (resized) or zoom: a sharper page, the present one
	 * showing meanwhile */
	if (!s->job && !s->problem[0] && imgview_wants_sharper(&s->view, s->native_w))
		viewer_render(v, true);
	if (s->gfx->mode == GFX_SYMBOLS)
		draw_symbols(s, c, &f);
	else if (s->painted_any && s->gfx->mode == GFX_SIXEL &&
		 !covers(&f, s->area_y, s->area_x, &s->painted, s->painted_y, s->painted_x))
		app_repaint_all(v->app);   /* sixel cannot be taken back: clear the terminal */
}

/* Sixel or kitty: the frame written past curses, again when curses painted
 * over it or it changed. */
bool viewer_overlay(struct view *v, bool repaint)
{
	struct viewer_state *s = v->state;
	struct imgview_frame f;
	if (!graphics_mode(s) || !s->pic.px || !imgview_frame(&s->view, &f))
		return false;
	if (!repaint && s->painted_any && s->painted_gen == s->pic_gen && same_frame(&s->painted, &f) &&
	    s->painted_y == s->area_y && s->painted_x == s->area_x)
		return true;
	struct picture_place p = place_of(s, &f);
	size_t len = 0;
	char *bytes = picture_encode(s->gfx->mode, &s->pic, &p, &len);
	if (!bytes)
		return false;
	if (s->gfx->mode == GFX_KITTY)
		app_write_at(v->app, s->area_y, s->area_x, picture_kitty_clear(),
			     strlen(picture_kitty_clear()));
	app_write_at(v->app, s->area_y + f.row, s->area_x + f.col, bytes, len);
	free(bytes);
	s->painted = f;
	s->painted_gen = s->pic_gen;
	s->painted_y = s->area_y;
	s->painted_x = s->area_x;
	s->painted_any = true;
	return true;
}
