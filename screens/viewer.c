/* viewer (材料查看): one material — a JPEG or PNG scan, a PDF — shown inside
 * the terminal, for staff over SSH who have no desktop to open it on.  The
 * file is downloaded into the client's 0700 scratch directory (progress,
 * rate, Esc cancels), each page decoded in a child process (a PDF's through
 * pdftoppm) and drawn as sixel or kitty graphics where the terminal has
 * them, else as block art, else (monochrome, NO_COLOR) a notice with the
 * file's facts.  Pages, zoom (fitted to the width at first: an A4 scan
 * reads), pan and rotation; save as, and open with the system's viewer.
 *
 * Open it with
 *   app_push(a, &screen_viewer, &(struct screen_args){
 *           .id = placement id, .json = the MATERIAL object (doc/api.md),
 *           .text = the material kind's label for the title });  */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/scratch.h"
#include "media/picture.h"
#include "media/render.h"
#include "screens/material_out.h"
#include "screens/screens.h"
#include "ui/imgview.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_DOWNLOAD = 1 };
enum { ASK_SAVE = 1, ASK_REPLACE };
enum { HEAD_ROWS = 2 };   /* the title and the line of facts above the picture */

struct viewer_state {
	long placement, material;
	char *name, *kind, *uploaded;   /* cleaned, for the title and the facts */
	long long size;
	char file[600];        /* the whole download in the scratch directory, "" until then */
	enum picture_kind type;
	int req;               /* the download running, 0 = none */
	double req_started;
	const struct app_graphics *gfx;
	struct imgview view;
	struct render_job *job;
	bool job_same_page;
	struct rgba pic;       /* the page shown (the last one decoded) */
	int pic_page;
	unsigned pic_gen;
	int native_w;
	char problem[300];     /* why nothing, or nothing new, shows; "" when fine */
	/* block art of the frame drawn last */
	struct picture_cells cells;
	unsigned cells_gen;
	struct imgview_frame cells_frame;
	/* sixel or kitty: what is on the terminal, where */
	struct imgview_frame painted;
	unsigned painted_gen;
	int painted_y, painted_x;
	bool painted_any;
	int area_y, area_x;
	char save_to[4096];
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *mime_of(enum picture_kind k)
{
	static const char *const mimes[] = { [PICTURE_UNKNOWN] = "application/octet-stream",
					     [PICTURE_PNG] = "image/png", [PICTURE_JPEG] = "image/jpeg",
					     [PICTURE_PDF] = "application/pdf" };
	return mimes[k];
}

/* The scratch file's name: by ids (the service's file name is not trusted
 * on the file system), the extension by type for the system's viewer. */
static const char *extension_of(const char *content_type)
{
	if (content_type && strcmp(content_type, "application/pdf") == 0)
		return ".pdf";
	if (content_type && strcmp(content_type, "image/jpeg") == 0)
		return ".jpg";
	if (content_type && strcmp(content_type, "image/png") == 0)
		return ".png";
	return ".bin";
}

static char *clean_member(const json_t *m, const char *key)
{
	const char *s = json_string_value(json_object_get(m, key));
	return text_clean(s ? s : "");
}

static bool graphics_mode(const struct viewer_state *s)
{
	return s->gfx && (s->gfx->mode == GFX_SIXEL || s->gfx->mode == GFX_KITTY);
}

/* ------------------------------------------------------------ rendering */

static void stop_render(struct view *v)
{
	struct viewer_state *s = v->state;
	if (!s->job)
		return;
	app_unwatch(v->app, render_fd(s->job));
	render_free(s->job);
	s->job = NULL;
}

/* Decodes the page the view is at, at the size the zoom needs (in a child
 * process: the loop goes on). same_page: a sharper or turned copy of the
 * page shown, which stays in view meanwhile. */
static void start_render(struct view *v, bool same_page)
{
	struct viewer_state *s = v->state;
	stop_render(v);
	if (!s->file[0] || !s->gfx || s->gfx->mode == GFX_NONE)
		return;
	long bw, bh;
	imgview_render_box(&s->view, &bw, &bh);
	struct render_req rq = { .file = s->file, .kind = s->type, .page = s->view.page,
				 .turns = s->view.rotation, .box_w = bw, .box_h = bh };
	s->job = render_start(&rq);
	if (!s->job || !app_watch(v, render_fd(s->job))) {
		render_free(s->job);
		s->job = NULL;
		snprintf(s->problem, sizeof s->problem, "%s", _("Cannot start decoding the file"));
		return;
	}
	s->job_same_page = same_page;
	s->problem[0] = '\0';
}

static const char *render_problem(enum render_status st)
{
	switch (st) {
	case RENDER_BAD_FILE:
		return _("The file cannot be read as an image or a PDF");
	case RENDER_TOO_LARGE:
		return _("The picture is too large to show here: save it or open it with another program");
	case RENDER_NO_POPPLER:
		return _("Showing a PDF needs pdftoppm and pdfinfo (Debian package poppler-utils)");
	case RENDER_TOOL_FAILED:
		return _("pdftoppm could not draw this page");
	default:
		return _("Decoding the file failed");
	}
}

static void vw_readable(struct view *v, int fd)
{
	struct viewer_state *s = v->state;
	if (!s->job || render_fd(s->job) != fd) {
		app_unwatch(v->app, fd);
		return;
	}
	struct render_result res;
	enum render_status st = render_read(s->job, &res);
	if (st == RENDER_MORE)
		return;
	bool same = s->job_same_page;
	stop_render(v);
	if (res.pages > 0)
		s->view.pages = res.pages;
	if (st == RENDER_OK) {
		if (same && res.img.w <= s->pic.w)   /* as sharp as it gets (the pixel limit) */
			res.native_w = res.img.w;
		rgba_free(&s->pic);
		s->pic = res.img;
		s->pic_gen++;
		s->pic_page = s->view.page;
		s->native_w = res.native_w;
		imgview_set_picture(&s->view, s->pic.w, s->pic.h, same);
		return;
	}
	if (st == RENDER_NO_PAGE) {
		app_flash(v->app, true, _("There is no page %d: the file has %d"), s->view.page, res.pages);
		s->view.page = s->pic_page > 0 ? s->pic_page : 1;
		return;
	}
	snprintf(s->problem, sizeof s->problem, "%s", render_problem(st));
	if (s->pic_page > 0)   /* the page shown before stays */
		s->view.page = s->pic_page;
}

/* ------------------------------------------------------------ the download */

static bool have_file(struct viewer_state *s)
{
	struct stat st;
	return s->file[0] && stat(s->file, &st) == 0 && S_ISREG(st.st_mode);
}

static enum picture_kind sniff(const char *file)
{
	unsigned char head[8] = { 0 };
	FILE *f = fopen(file, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	return picture_kind_of(head, n);
}

static void file_ready(struct view *v)
{
	struct viewer_state *s = v->state;
	s->type = sniff(s->file);
	s->gfx = app_graphics(v->app);
	/* the area as the next draw will have it: the page is decoded to fit */
	imgview_set_area(&s->view, COLS, LINES - 2 - HEAD_ROWS, s->gfx->cell_w, s->gfx->cell_h);
	if (s->type == PICTURE_UNKNOWN)
		snprintf(s->problem, sizeof s->problem, "%s", render_problem(RENDER_BAD_FILE));
	else
		start_render(v, false);
}

static void start_download(struct view *v, const char *content_type)
{
	struct viewer_state *s = v->state;
	char name[64], part[sizeof s->file + 8], path[128];
	snprintf(name, sizeof name, "m%ld-%ld%s", s->placement, s->material, extension_of(content_type));
	if (!scratch_path(s->file, sizeof s->file, name)) {
		snprintf(s->problem, sizeof s->problem, _("Cannot make a private temporary directory: %s"),
			 strerror(errno));
		s->file[0] = '\0';
		return;
	}
	if (have_file(s)) {   /* shown before in this session: materials never change */
		file_ready(v);
		return;
	}
	snprintf(part, sizeof part, "%s.part", s->file);
	snprintf(path, sizeof path, "/placements/%ld/materials/%ld", s->placement, s->material);
	s->req = api_download(v, TAG_DOWNLOAD, path, part);
	s->req_started = now();
}

static void vw_reply(struct view *v, const struct api_reply *r)
{
	struct viewer_state *s = v->state;
	if (r->tag != TAG_DOWNLOAD)
		return;
	s->req = 0;
	if (!r->ok) {
		char back[32];
		app_keys_for(v, ACT_BACK, back, sizeof back);
		snprintf(s->problem, sizeof s->problem, _("%s. %s leaves."), r->message, back);
		s->file[0] = '\0';
		return;
	}
	if (!r->file || rename(r->file, s->file) != 0) {
		snprintf(s->problem, sizeof s->problem, "%s", _("Cannot write the downloaded file"));
		s->file[0] = '\0';
		return;
	}
	file_ready(v);
}

/* ------------------------------------------------------------ open, close */

static int vw_open(struct view *v, const struct screen_args *args)
{
	struct viewer_state *s = v->state;
	const json_t *m = args ? args->json : NULL;
	imgview_init(&s->view);
	s->placement = args ? args->id : 0;
	s->material = (long)json_integer_value(json_object_get(m, "id"));
	s->name = clean_member(m, "filename");
	s->kind = text_clean(args && args->text ? args->text : "");
	s->uploaded = clean_member(m, "uploaded_at");
	s->size = (long long)json_integer_value(json_object_get(m, "size"));
	if (s->placement <= 0 || s->material <= 0) {
		snprintf(s->problem, sizeof s->problem, "%s", _("No material to show"));
		return 0;
	}
	start_download(v, json_string_value(json_object_get(m, "content_type")));
	return 0;
}

static void vw_close(struct view *v)
{
	struct viewer_state *s = v->state;
	stop_render(v);
	if (s->req)
		api_cancel(v->app, s->req);
	rgba_free(&s->pic);
	picture_cells_free(&s->cells);
	free(s->name);
	free(s->kind);
	free(s->uploaded);
}

static unsigned vw_holds(struct view *v)
{
	struct viewer_state *s = v->state;
	return s->file[0] && !s->req ? NEED_RECORD : 0;
}

/* ------------------------------------------------------------ drawing */

static void human_size(long long n, char *buf, size_t bufsz)
{
	if (n < 1024)
		snprintf(buf, bufsz, "%lld B", n);
	else if (n < 1024 * 1024)
		snprintf(buf, bufsz, "%.1f KB", n / 1024.0);
	else
		snprintf(buf, bufsz, "%.1f MB", n / (1024.0 * 1024.0));
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
		double secs = now() - s->req_started;
		human_size(got, a, sizeof a);
		human_size(total, b, sizeof b);
		human_size(secs > 0.2 ? (long long)(got / secs) : 0, rate, sizeof rate);
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
	human_size(s->size, size, sizeof size);
	app_keys_for(v, ACT_SAVE_AS, save, sizeof save);
	app_keys_for(v, ACT_OPEN_EXTERNAL, open, sizeof open);
	snprintf(line, sizeof line, _("File: %s"), s->name);
	put_line(c, y++, STYLE_NORMAL, line);
	snprintf(line, sizeof line, _("Material: %s"), s->kind);
	put_line(c, y++, STYLE_NORMAL, line);
	snprintf(line, sizeof line, _("Type: %s   Size: %s   Uploaded at: %s"),
		 s->file[0] && !s->req ? mime_of(s->type) : "-", size, s->uploaded);
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
		picture_symbols(&s->pic, &p, &s->cells);
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

static void vw_draw(struct view *v, struct canvas *c)
{
	struct viewer_state *s = v->state;
	char line[1024];
	snprintf(line, sizeof line, _("Material - %s - %s"), s->name, s->kind);
	put_line(c, c->y, STYLE_TITLE, line);
	enum style st;
	facts_line(v, line, sizeof line, &st);
	put_line(c, c->y + 1, st, line);
	s->area_y = c->y + HEAD_ROWS;
	s->area_x = c->x;
	int cw = s->gfx ? s->gfx->cell_w : 10, ch = s->gfx ? s->gfx->cell_h : 20;
	imgview_set_area(&s->view, c->cols, c->rows - HEAD_ROWS, cw, ch);
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
		start_render(v, true);
	if (s->gfx->mode == GFX_SYMBOLS)
		draw_symbols(s, c, &f);
	else if (s->painted_any && s->gfx->mode == GFX_SIXEL &&
		 !covers(&f, s->area_y, s->area_x, &s->painted, s->painted_y, s->painted_x))
		app_repaint_all(v->app);   /* sixel cannot be taken back: clear the terminal */
}

/* Sixel or kitty: the frame written past curses, again when curses painted
 * over it or it changed. */
static bool vw_overlay(struct view *v, bool repaint)
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

/* ------------------------------------------------------------ actions */

static bool has_picture(struct viewer_state *s)
{
	return s->pic.px && s->gfx && s->gfx->mode != GFX_NONE;
}

/* To page n (the view at its top, or its end when paging back). */
static unsigned go_page(struct view *v, int n, bool at_end)
{
	struct viewer_state *s = v->state;
	if (s->type != PICTURE_PDF || !imgview_goto(&s->view, n)) {
		app_flash(v->app, false, "%s",
			  n > s->view.page || (n == s->view.page && at_end) ? _("This is the last page")
									    : _("This is the first page"));
		return H_REDRAW;
	}
	s->view.to_bottom = at_end;
	start_render(v, false);
	return H_REDRAW;
}

static unsigned vw_page_next(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	return go_page(v, s->view.page + 1, false);
}

static unsigned vw_page_prev(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	return go_page(v, s->view.page - 1, false);
}

static unsigned vw_first(struct view *v, enum action a)
{
	return go_page(v, 1, false);
}

static unsigned vw_last(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	return go_page(v, s->view.pages > 0 ? s->view.pages : s->view.page + 1, false);
}

/* A screenful on; at the page's end, the next page (as a reader expects). */
static unsigned vw_screen_down(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	if (!has_picture(s) || imgview_scroll(&s->view, +1))
		return H_REDRAW;
	return go_page(v, s->view.page + 1, false);
}

static unsigned vw_screen_up(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	if (!has_picture(s) || imgview_scroll(&s->view, -1))
		return H_REDRAW;
	return go_page(v, s->view.page - 1, true);
}

static unsigned zoom(struct view *v, int step)
{
	struct viewer_state *s = v->state;
	if (!has_picture(s))
		return H_REDRAW;
	if (step == 0)
		imgview_fit(&s->view);
	else if (!imgview_zoom(&s->view, step))
		app_flash(v->app, false, "%s", step > 0 ? _("Zoomed in as far as it goes") : _("The whole page shows"));
	if (imgview_wants_sharper(&s->view, s->native_w))
		start_render(v, true);
	return H_REDRAW;
}

static unsigned vw_zoom_in(struct view *v, enum action a)
{
	return zoom(v, +1);
}

static unsigned vw_zoom_out(struct view *v, enum action a)
{
	return zoom(v, -1);
}

static unsigned vw_zoom_fit(struct view *v, enum action a)
{
	return zoom(v, 0);
}

static unsigned vw_pan(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	static const struct {
		enum action act;
		int dx, dy;
	} dirs[] = { { ACT_PAN_LEFT, -1, 0 }, { ACT_PAN_RIGHT, 1, 0 }, { ACT_PAN_UP, 0, -1 },
		     { ACT_PAN_DOWN, 0, 1 } };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && has_picture(s); i++)
		if (dirs[i].act == a)
			imgview_pan(&s->view, dirs[i].dx, dirs[i].dy);
	return H_REDRAW;
}

static unsigned vw_rotate(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	if (!has_picture(s))
		return H_REDRAW;
	imgview_rotate(&s->view);
	start_render(v, false);
	return H_REDRAW;
}

static unsigned vw_save_as(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	char name[512];
	material_safe_name(s->name, name, sizeof name);
	app_prompt(v, ASK_SAVE, _("Save as (Tab completes):"), name, PROMPT_PATH);
	return H_REDRAW;
}

static void save(struct view *v, bool overwrite)
{
	struct viewer_state *s = v->state;
	char err[256], *shown = text_clean(s->save_to);
	switch (material_save(s->file, s->save_to, overwrite, err, sizeof err)) {
	case SAVE_DONE:
		app_flash(v->app, false, _("Saved to %s"), shown);
		break;
	case SAVE_EXISTS: {
		char q[600];
		snprintf(q, sizeof q, _("%s exists. Replace it?"), shown);
		app_confirm(v, ASK_REPLACE, q);
		break;
	}
	case SAVE_FAILED:
		app_flash(v->app, true, _("Cannot save to %s: %s"), shown, err);
		break;
	}
	free(shown);
}

static unsigned vw_answer(struct view *v, int tag, const char *text)
{
	struct viewer_state *s = v->state;
	if (tag == ASK_SAVE && text && *text) {
		char name[512];
		material_safe_name(s->name, name, sizeof name);
		if (!material_save_target(text, name, s->save_to, sizeof s->save_to))
			app_flash(v->app, true, "%s", _("The path is too long"));
		else
			save(v, false);
	} else if (tag == ASK_REPLACE && text) {
		save(v, true);
	}
	return H_REDRAW;
}

static unsigned vw_open_external(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	if (s->type == PICTURE_UNKNOWN)
		s->type = sniff(s->file);
	material_open_outside(v, s->file, mime_of(s->type), s->name);
	return H_REDRAW;
}

/* Esc: stops decoding first (the page shown stays), then leaves. */
static unsigned vw_back(struct view *v, enum action a)
{
	struct viewer_state *s = v->state;
	if (s->job) {
		stop_render(v);
		if (s->pic_page > 0)
			s->view.page = s->pic_page;
		app_flash(v->app, false, "%s", _("Cancelled"));
		return H_REDRAW;
	}
	return a == ACT_CANCEL ? H_REDRAW : H_CLOSE;
}

static const struct screen_action vw_actions[] = {
	{ .act = ACT_ZOOM_IN, .run = vw_zoom_in, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_ZOOM_OUT, .run = vw_zoom_out, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_ZOOM_FIT, .run = vw_zoom_fit, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_PAGE_NEXT, .run = vw_page_next, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_PAGE_PREV, .run = vw_page_prev, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_ROTATE, .run = vw_rotate, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_SAVE_AS, .run = vw_save_as, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_OPEN_EXTERNAL, .run = vw_open_external, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_BACK, .run = vw_back, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_CANCEL, .run = vw_back },
	{ .act = ACT_PAN_LEFT, .run = vw_pan, .needs = NEED_RECORD },
	{ .act = ACT_PAN_RIGHT, .run = vw_pan, .needs = NEED_RECORD },
	{ .act = ACT_PAN_UP, .run = vw_pan, .needs = NEED_RECORD },
	{ .act = ACT_PAN_DOWN, .run = vw_pan, .needs = NEED_RECORD },
	{ .act = ACT_PAGE_DOWN, .run = vw_screen_down, .needs = NEED_RECORD },
	{ .act = ACT_PAGE_UP, .run = vw_screen_up, .needs = NEED_RECORD },
	{ .act = ACT_FIRST, .run = vw_first, .needs = NEED_RECORD },
	{ .act = ACT_LAST, .run = vw_last, .needs = NEED_RECORD },
};

const struct screen screen_viewer = {
	.name = "viewer",
	.state_size = sizeof(struct viewer_state),
	.open = vw_open,
	.draw = vw_draw,
	SCREEN_ACTIONS(vw_actions),
	.reply = vw_reply,
	.close = vw_close,
	.holds = vw_holds,
	.answer = vw_answer,
	.readable = vw_readable,
	.overlay = vw_overlay,
};
