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
 *           .text = the material kind's label for the title });
 * or, for a file of a feedback or a cancellation request, with .json = its
 * FILE object plus "href": the service path to download it from.  */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/scratch.h"
#include "screens/material_out.h"
#include "screens/screens.h"
#include "screens/viewer.h"
#include "ui/text.h"

enum { TAG_DOWNLOAD = 1 };
enum { ASK_SAVE = 1, ASK_REPLACE };

const char *viewer_mime(enum picture_kind k)
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
void viewer_render(struct view *v, bool same_page)
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
	imgview_set_area(&s->view, COLS, LINES - 2 - VIEWER_HEAD_ROWS, s->gfx->cell_w, s->gfx->cell_h);
	if (s->type == PICTURE_UNKNOWN)
		snprintf(s->problem, sizeof s->problem, "%s", render_problem(RENDER_BAD_FILE));
	else
		viewer_render(v, false);
}

static void start_download(struct view *v, const char *content_type)
{
	struct viewer_state *s = v->state;
	char name[64], part[sizeof s->file + 8], path[sizeof s->href + 8];
	if (s->href[0]) {   /* "/feedback/3/files/1" → "r-feedback-3-files-1" */
		snprintf(name, sizeof name, "r%.40s%s", s->href, extension_of(content_type));
		for (char *p = name; *p; p++)
			if (*p == '/')
				*p = '-';
	} else
		snprintf(name, sizeof name, "m%ld-%ld%s", s->placement, s->material,
			 extension_of(content_type));
	if (!scratch_path(s->file, sizeof s->file, name)) {
		int err = errno;
		snprintf(s->problem, sizeof s->problem, _("Cannot make a private temporary directory: %s"),
			 material_errno_words(err));
		app_log_detail(v->app, "scratch directory: %s", strerror(err));
		s->file[0] = '\0';
		return;
	}
	if (have_file(s)) {   /* shown before in this session: materials never change */
		file_ready(v);
		return;
	}
	snprintf(part, sizeof part, "%s.part", s->file);
	if (s->href[0])
		snprintf(path, sizeof path, "%s", s->href);
	else
		snprintf(path, sizeof path, "/placements/%ld/materials/%ld", s->placement, s->material);
	s->req = api_download(v, TAG_DOWNLOAD, path, part);
	s->req_started = clock_now();
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
	const char *href = json_string_value(json_object_get(m, "href"));
	if (href && href[0] == '/' && strlen(href) < sizeof s->href && !strstr(href, ".."))
		snprintf(s->href, sizeof s->href, "%s", href);
	if (!s->href[0] && (s->placement <= 0 || s->material <= 0)) {
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
	viewer_render(v, false);
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
		viewer_render(v, true);
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
	viewer_render(v, false);
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
	char *shown = text_clean(s->save_to);
	int err = 0;
	switch (material_save(s->file, s->save_to, overwrite, &err)) {
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
		app_flash(v->app, true, _("Cannot save to %s: %s"), shown, material_errno_words(err));
		app_log_detail(v->app, "save %s: %s", shown, strerror(err));
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
	material_open_outside(v, s->file, viewer_mime(s->type), s->name);
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
	.draw = viewer_draw,
	SCREEN_ACTIONS(vw_actions),
	.reply = vw_reply,
	.close = vw_close,
	.holds = vw_holds,
	.answer = vw_answer,
	.readable = vw_readable,
	.overlay = viewer_overlay,
};
