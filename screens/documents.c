/* documents: the unit's documents for the business year (承诺书, 注销业务申请书,
 * 审核认定书, 奖励审核认定书) — which are available now (the 审核认定书 once the
 * annual review has passed, the 奖励审核认定书 once the year's over-quota reward
 * is approved), saved to a path the user picks (Tab completes; downloaded to
 * PATH.part with a progress bar, renamed when whole), or opened for a look.
 * Every document is sealed: `anzhi verify FILE` checks a saved one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "screens/viewfile.h"
#include "ui/pager.h"
#include "ui/progress.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_YEAR = 1, TAG_SAVE, TAG_PREVIEW, TAG_REWARD };
enum { ASK_PATH = 1 };

/* When a document is issued. */
enum issued { ISSUED_ALWAYS, ISSUED_PASSED, ISSUED_REWARD_APPROVED };

/* The documents of GET /units/{uscc}/years/{year}/documents/{kind} (the
 * reward's: GET /rewards/{id}/document), in the order shown; not_yet: why
 * one cannot be had yet. */
static const struct {
	const char *kind, *label, *note, *not_yet;
	enum issued issued;
} docs[] = {
	{ "commitment", N_("Commitment letter"),
	  N_("Print, sign and stamp it before you submit the declaration"), NULL, ISSUED_ALWAYS },
	{ "cancellation-form", N_("Cancellation application"),
	  N_("Print, sign and upload it with a cancellation request"), NULL, ISSUED_ALWAYS },
	{ "certification", N_("Review certification"),
	  N_("Carry it to the tax office; issued once the annual review has passed"),
	  N_("The review certification is issued once the annual review has passed"),
	  ISSUED_PASSED },
	{ "reward-certification", N_("Reward certification"),
	  N_("The over-quota reward's certificate; issued once the reward is approved"),
	  N_("The reward certification is issued once the over-quota reward is approved"),
	  ISSUED_REWARD_APPROVED },
};
#define NDOCS ((int)(sizeof docs / sizeof docs[0]))

enum { C_DOC, C_MARK, C_WHEN, C_NOTE };
static const struct table_col cols[] = {
	{ N_("Document"), NULL, 14, 24, 0, false, false },
	{ "", NULL, 1, 1, 0, false, false },
	{ N_("Available"), NULL, 6, 16, 0, false, false },
	{ N_("Note"), NULL, 10, 80, 1, false, false },
};

struct docs_state {
	int year;
	json_t *decl;              /* YEAR, once loaded */
	json_t *reward;            /* the year's reward APPLICATION, NULL while none */
	struct table t;
	int req;                   /* the download under way, 0 = none */
	double req_started;
	int req_row;
	char dest[1024];           /* where a save goes */
	char part[1100];           /* …while it downloads */
	char saved[1200];          /* the last "saved to" line */
};

static bool available(const struct docs_state *s, int row)
{
	switch (docs[row].issued) {
	case ISSUED_PASSED:
		return wire_declaration_passed(wire_declaration_parse(
			json_string_value(json_object_get(s->decl, "status"))));
	case ISSUED_REWARD_APPROVED:
		return wire_application_status_parse(json_string_value(
			       json_object_get(s->reward, "status"))) == APPLICATION_APPROVED;
	default:
		return true;
	}
}

static void fill(struct docs_state *s)
{
	table_resize(&s->t, NDOCS);
	for (int i = 0; i < NDOCS; i++) {
		bool ok = available(s, i);
		table_set(&s->t, i, C_DOC, _(docs[i].label));
		if (s->decl) {
			table_set_mark(&s->t, i, C_MARK, ok, ok ? N_("available") : N_("not yet"));
			table_set(&s->t, i, C_WHEN, ok ? _("now") : _("after the review"));
		}
		table_set(&s->t, i, C_NOTE, _(docs[i].note));
		table_set_style(&s->t, i, ok ? STYLE_NORMAL : STYLE_DIM);
	}
}

static void load(struct view *v)
{
	struct docs_state *s = v->state;
	struct session *ss = app_session(v->app);
	char path[128];
	snprintf(path, sizeof path, "/units/%s/years/%d", ss->unit ? ss->unit : "-", s->year);
	api_call(v, TAG_YEAR, "GET", path, NULL, NULL);
	snprintf(path, sizeof path, "/units/%s/years/%d/rewards", ss->unit ? ss->unit : "-",
		 s->year);
	api_call(v, TAG_REWARD, "GET", path, NULL, NULL);
}

static int docs_open(struct view *v, const struct screen_args *args)
{
	struct docs_state *s = v->state;
	struct session *ss = app_session(v->app);
	s->year = args && args->year ? args->year : ss->year;
	table_init(&s->t, cols, 4, false);
	s->t.mark_cols = 1u << C_MARK;
	s->t.key_cols = 1u << C_DOC;
	fill(s);
	load(v);
	return 0;
}

static void docs_draw(struct view *v, struct canvas *c)
{
	struct docs_state *s = v->state;
	struct session *ss = app_session(v->app);
	WINDOW *w = c->w;
	char buf[1024], line[1024];
	int y = c->y;
	char *unit = text_clean(ss->unit_name ? ss->unit_name : ss->unit ? ss->unit : "");
	snprintf(line, sizeof line, _("Documents - %s - business year %d"), unit, s->year);
	free(unit);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	enum declaration_status ds =
		wire_declaration_parse(json_string_value(json_object_get(s->decl, "status")));
	wattrset(w, theme_attr(ds >= 0 ? declaration_style(ds) : STYLE_DIM));
	if (ds >= 0)
		snprintf(line, sizeof line, "%s: %s  %s", _("Declaration"), declaration_label(ds),
			 declaration_note(ds));
	else
		snprintf(line, sizeof line, "%s", _("Loading..."));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	y++;
	table_draw(&s->t, w, y, c->x, NDOCS + 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
	y += NDOCS + 2;
	long long now = 0, total = 0;
	if (s->req && api_progress(v->app, s->req, &now, &total))
		progress_draw(w, y++, c->x, c->cols, _("Downloading"), now, total,
			      clock_now() - s->req_started);
	if (s->saved[0] && y < c->y + c->rows) {
		wattrset(w, theme_attr(STYLE_OK));
		y += pager_put_wrapped(w, y, c->x, c->cols, c->y + c->rows - y, s->saved);
	}
	if (y + 1 < c->y + c->rows) {
		wattrset(w, theme_attr(STYLE_DIM));
		pager_put_wrapped(w, y + 1, c->x, c->cols, c->y + c->rows - y - 1,
				  _("Each document carries the federation's seal and a verification "
				    "code: anzhi verify FILE checks a saved one, even without a "
				    "connection."));
	}
}

/* The selected document when it can be downloaded now, else -1 (said why). */
static int selected(struct view *v)
{
	struct docs_state *s = v->state;
	int r = table_cursor_row(&s->t);
	if (r < 0 || r >= NDOCS)
		return -1;
	if (s->req) {
		app_flash(v->app, true, "%s", _("A download is under way (Esc cancels it)"));
		return -1;
	}
	if (!available(s, r)) {
		app_flash(v->app, true, "%s", _(docs[r].not_yet));
		return -1;
	}
	return r;
}

static void doc_path(struct view *v, int row, char *buf, size_t size)
{
	struct docs_state *s = v->state;
	struct session *ss = app_session(v->app);
	if (docs[row].issued == ISSUED_REWARD_APPROVED)
		snprintf(buf, size, "/rewards/%lld/document",
			 (long long)json_integer_value(json_object_get(s->reward, "id")));
	else
		snprintf(buf, size, "/units/%s/years/%d/documents/%s", ss->unit ? ss->unit : "-",
			 s->year, docs[row].kind);
}

static unsigned docs_save(struct view *v, enum action a)
{
	struct session *ss = app_session(v->app);
	struct docs_state *s = v->state;
	int r = selected(v);
	if (r < 0)
		return H_REDRAW;
	char name[256];
	snprintf(name, sizeof name, "%s-%s-%d.pdf", docs[r].kind, ss->unit ? ss->unit : "unit",
		 s->year);
	app_prompt(v, ASK_PATH, _("Save to (Tab completes):"), name, PROMPT_PATH);
	return H_REDRAW;
}

/* Preview hook: the workbench's in-terminal viewer takes this over; until then
 * a document opens the way materials do (screen_view_file). */
static void documents_preview(struct view *v, const char *file)
{
	screen_view_file(v, file);
}

static unsigned docs_preview(struct view *v, enum action a)
{
	struct docs_state *s = v->state;
	int r = selected(v);
	if (r < 0)
		return H_REDRAW;
	const char *tmpdir = getenv("TMPDIR");
	snprintf(s->part, sizeof s->part, "%s/anzhi-XXXXXX.pdf", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemps(s->part, 4);
	if (fd < 0) {
		app_flash(v->app, true, "%s", _("Cannot create a temporary file"));
		return H_REDRAW;
	}
	close(fd);
	char path[160];
	doc_path(v, r, path, sizeof path);
	s->req_row = r;
	s->req = api_download(v, TAG_PREVIEW, path, s->part);
	s->req_started = clock_now();
	return H_REDRAW;
}

static unsigned docs_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

/* ~/ is the home directory; a directory gets the document's own name. */
static void resolve_dest(const char *typed, const char *name, char *out, size_t size)
{
	struct stat sb;
	const char *home = getenv("HOME");
	if (typed[0] == '~' && typed[1] == '/' && home)
		snprintf(out, size, "%s%s", home, typed + 1);
	else
		snprintf(out, size, "%s", typed);
	if (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s%s", n && out[n - 1] == '/' ? "" : "/", name);
	}
}

static unsigned docs_answer(struct view *v, int tag, const char *text)
{
	struct docs_state *s = v->state;
	struct session *ss = app_session(v->app);
	int r = table_cursor_row(&s->t);
	if (tag != ASK_PATH || !text || !*text || r < 0 || r >= NDOCS)
		return H_REDRAW;
	char name[256], path[160];
	snprintf(name, sizeof name, "%s-%s-%d.pdf", docs[r].kind, ss->unit ? ss->unit : "unit",
		 s->year);
	resolve_dest(text, name, s->dest, sizeof s->dest);
	snprintf(s->part, sizeof s->part, "%s.part", s->dest);
	doc_path(v, r, path, sizeof path);
	s->req_row = r;
	s->saved[0] = '\0';
	s->req = api_download(v, TAG_SAVE, path, s->part);
	s->req_started = clock_now();
	if (!s->req)
		remove(s->part);
	return H_REDRAW;
}

static void saved(struct view *v, const char *file)
{
	struct docs_state *s = v->state;
	struct stat sb;
	if (rename(file, s->dest) != 0) {
		app_flash(v->app, true, _("Cannot write %s"), s->dest);
		remove(file);
		return;
	}
	long kb = stat(s->dest, &sb) == 0 ? (long)((sb.st_size + 1023) / 1024) : 0;
	char *dest = text_clean(s->dest);
	snprintf(s->saved, sizeof s->saved, _("Saved %s to %s (%ld KB)"), _(docs[s->req_row].label),
		 dest, kb);
	free(dest);
	app_flash(v->app, false, "%s", s->saved);
}

static void docs_reply(struct view *v, const struct api_reply *r)
{
	struct docs_state *s = v->state;
	if (r->tag == TAG_SAVE || r->tag == TAG_PREVIEW)
		s->req = 0;
	if (!r->ok) {
		if (r->file)
			remove(r->file);
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		return;
	}
	switch (r->tag) {
	case TAG_YEAR:
		json_decref(s->decl);
		s->decl = json_incref(r->body);
		fill(s);
		break;
	case TAG_REWARD: { /* {"application": APPLICATION | null, …} */
		json_t *app = json_object_get(r->body, "application");
		json_decref(s->reward);
		s->reward = json_is_object(app) ? json_incref(app) : NULL;
		fill(s);
		break;
	}
	case TAG_SAVE:
		saved(v, r->file);
		break;
	case TAG_PREVIEW:
		documents_preview(v, r->file);
		remove(r->file);
		break;
	}
}

static void docs_close(struct view *v)
{
	struct docs_state *s = v->state;
	if (s->req) {
		api_cancel(v->app, s->req);
		remove(s->part);
	}
	table_free(&s->t);
	json_decref(s->decl);
	json_decref(s->reward);
}

static struct table *docs_list(struct view *v)
{
	struct docs_state *s = v->state;
	return &s->t;
}

static const struct screen_action docs_actions[] = {
	{ .act = ACT_DOWNLOAD, .run = docs_save, .needs = NEED_ROW | NEED_UNIT, .hint = true },
	{ .act = ACT_OPEN, .run = docs_preview, .needs = NEED_ROW | NEED_UNIT, .hint = true },
	{ .act = ACT_REFRESH, .run = docs_refresh, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_documents = {
	.name = "documents",
	.state_size = sizeof(struct docs_state),
	.open = docs_open,
	.draw = docs_draw,
	SCREEN_ACTIONS(docs_actions),
	.reply = docs_reply,
	.close = docs_close,
	.answer = docs_answer,
	.list = docs_list,
};
