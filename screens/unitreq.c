/* unitreq: see unitreq.h. */
#include "screens/unitreq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "screens/material_out.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/pager.h"
#include "ui/progress.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_YEAR = 1, TAG_LIST, TAG_SEND, TAG_DOC };
enum { ASK_TEXT = 1, ASK_FILE, ASK_DOC_PATH };

static const char *const status_label[REQUEST_STATUS__COUNT] = {
	[REQUEST_PENDING] = N_("awaiting review"),
	[REQUEST_ACCEPTED] = N_("accepted"),
	[REQUEST_REJECTED] = N_("rejected"),
};

enum { C_FILED, C_STATUS, C_FILES, C_REASON, C_NCOLS };
static const struct table_col cols[C_NCOLS] = {
	{ N_("Filed"), NULL, 10, 16, 0, false, false },
	{ N_("Outcome"), NULL, 6, 12, 0, false, false },
	{ N_("Files"), NULL, 2, 5, 1, true, true },
	{ N_("Review reason"), NULL, 10, 80, 1, false, false },
};

static void load(struct view *v)
{
	struct unitreq_state *s = v->state;
	struct session *ss = app_session(v->app);
	char path[160];
	snprintf(path, sizeof path, "/units/%s/years/%d", ss->unit ? ss->unit : "-", s->year);
	api_call(v, TAG_YEAR, "GET", path, NULL, NULL);
	snprintf(path, sizeof path, "/units/%s/years/%d/%s?limit=50", ss->unit ? ss->unit : "-", s->year,
		 s->k->word);
	api_call(v, TAG_LIST, "GET", path, NULL, NULL);
}

static void fill(struct unitreq_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	char buf[32];
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		enum request_status st =
			wire_request_status_parse(json_string_value(json_object_get(it, "status")));
		const char *at = json_string_value(json_object_get(it, "created_at"));
		snprintf(buf, sizeof buf, "%.16s", at ? at : "");
		table_set(&s->t, (int)i, C_FILED, buf);
		table_set(&s->t, (int)i, C_STATUS, st >= 0 ? _(status_label[st]) : "");
		snprintf(buf, sizeof buf, "%d", requestq_nfiles(&s->k->rq, it));
		table_set(&s->t, (int)i, C_FILES, buf);
		table_set(&s->t, (int)i, C_REASON, json_string_value(json_object_get(it, "review_reason")));
		table_set_style(&s->t, (int)i, st == REQUEST_PENDING ? STYLE_PENDING
					       : st == REQUEST_REJECTED ? STYLE_FAIL : STYLE_OK);
	}
}

int unitreq_open(struct view *v, const struct screen_args *args, const struct unitreq_kind *k)
{
	struct unitreq_state *s = v->state;
	s->k = k;
	s->year = args && args->year ? args->year : app_session(v->app)->year;
	table_init(&s->t, cols, C_NCOLS, false);
	s->t.key_cols = 1u << C_FILED;
	load(v);
	return 0;
}

void unitreq_draw(struct view *v, struct canvas *c)
{
	struct unitreq_state *s = v->state;
	WINDOW *w = c->w;
	char buf[1024], line[1024];
	int y = c->y, end = c->y + c->rows;
	snprintf(line, sizeof line, _("%s - business year %d"), _(s->k->title), s->year);
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
	y += pager_put_wrapped(w, y, c->x, c->cols, 2, line);
	wattrset(w, theme_attr(STYLE_DIM));
	y += pager_put_wrapped(w, y, c->x, c->cols, 2, _(s->k->intro));
	long long now = 0, total = 0;
	int req = s->send_req ? s->send_req : s->doc_req;
	if (req && api_progress(v->app, req, &now, &total))
		progress_draw(w, y++, c->x, c->cols, s->send_req ? _("Sending") : _("Downloading"), now,
			      total, 0);
	y++;
	if (s->t.nrows == 0) {
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("Nothing filed this year."), c->cols, 0);
		mvwaddstr(w, y, c->x, buf);
		canvas_focus(c, y, c->x);
		return;
	}
	int rows = (end - y) / 2;
	if (rows > s->t.nrows + 1)
		rows = s->t.nrows + 1;
	table_draw(&s->t, w, y, c->x, rows, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
	y += rows + 1;
	requestq_draw_detail(&s->k->rq, json_array_get(s->items, (size_t)table_cursor_row(&s->t)), w, y,
			     c->x, end - y, c->cols);
}

unsigned unitreq_new(struct view *v, enum action a)
{
	struct unitreq_state *s = v->state;
	if (s->send_req) {
		app_flash(v->app, true, "%s", _("One request at a time: it is being sent"));
		return H_REDRAW;
	}
	s->nfiles = 0;
	app_prompt(v, ASK_TEXT, _(s->k->ask_text), s->text, 0);
	return H_REDRAW;
}

static void ask_file(struct view *v)
{
	struct unitreq_state *s = v->state;
	char q[256], n[12];
	snprintf(n, sizeof n, "%d", s->nfiles + 1);
	const char *args[5] = { n, "", "", "", "" };
	i18n_subst(q, sizeof q, _(s->k->ask_file), args);
	app_prompt(v, ASK_FILE, q, "", PROMPT_PATH);
}

static void send(struct view *v)
{
	struct unitreq_state *s = v->state;
	struct session *ss = app_session(v->app);
	char path[160];
	const char *files[UNITREQ_MAX_FILES];
	for (int i = 0; i < s->nfiles; i++)
		files[i] = s->files[i];
	snprintf(path, sizeof path, "/units/%s/years/%d/%s", ss->unit ? ss->unit : "-", s->year, s->k->word);
	s->send_req = api_upload_parts(v, TAG_SEND, path, s->k->rq.text_member, s->text, files, s->nfiles);
}

/* A file typed at the prompt: "~/" expanded; it must be readable. */
static bool take_file(struct view *v, const char *typed)
{
	struct unitreq_state *s = v->state;
	char *p = s->files[s->nfiles];
	struct stat sb;
	if (!material_save_target(typed, "", p, sizeof s->files[0]) || access(p, R_OK) != 0 ||
	    stat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {   /* a directory is no file to send */
		char *shown = text_clean(typed);
		app_flash(v->app, true, _("Cannot read %s"), shown);
		free(shown);
		return false;
	}
	s->nfiles++;
	return true;
}

unsigned unitreq_download(struct view *v, enum action a)
{
	struct unitreq_state *s = v->state;
	struct session *ss = app_session(v->app);
	if (s->doc_req) {
		app_flash(v->app, true, "%s", _("A download is under way (Esc cancels it)"));
		return H_REDRAW;
	}
	char name[128];
	snprintf(name, sizeof name, "%s-%s-%d.pdf", s->k->form_kind, ss->unit ? ss->unit : "unit", s->year);
	app_prompt(v, ASK_DOC_PATH, _("Save to (Tab completes):"), name, PROMPT_PATH);
	return H_REDRAW;
}

static void download(struct view *v, const char *typed)
{
	struct unitreq_state *s = v->state;
	struct session *ss = app_session(v->app);
	char name[128], path[160];
	snprintf(name, sizeof name, "%s-%s-%d.pdf", s->k->form_kind, ss->unit ? ss->unit : "unit", s->year);
	if (!material_save_target(typed, name, s->dest, sizeof s->dest))
		return;
	snprintf(s->part, sizeof s->part, "%s.part", s->dest);
	snprintf(path, sizeof path, "/units/%s/years/%d/documents/%s", ss->unit ? ss->unit : "-", s->year,
		 s->k->form_kind);
	s->doc_req = api_download(v, TAG_DOC, path, s->part);
}

unsigned unitreq_answer(struct view *v, int tag, const char *text)
{
	struct unitreq_state *s = v->state;
	if (!text)
		return H_REDRAW;
	switch (tag) {
	case ASK_TEXT:
		if (!*text) {
			app_flash(v->app, true, "%s", _("Nothing sent: the text is empty"));
			break;
		}
		snprintf(s->text, sizeof s->text, "%s", text);
		if (s->k->max_files > 0)
			ask_file(v);
		else
			send(v);
		break;
	case ASK_FILE:
		if (*text && !take_file(v, text)) {
			ask_file(v);   /* the same question again: the text is kept */
			break;
		}
		if (*text && s->nfiles < s->k->max_files && s->nfiles < UNITREQ_MAX_FILES)
			ask_file(v);
		else if (s->nfiles < s->k->min_files)
			ask_file(v);
		else
			send(v);
		break;
	case ASK_DOC_PATH:
		if (*text)
			download(v, text);
		break;
	}
	return H_REDRAW;
}

void unitreq_reply(struct view *v, const struct api_reply *r)
{
	struct unitreq_state *s = v->state;
	if (r->tag == TAG_SEND)
		s->send_req = 0;
	if (r->tag == TAG_DOC)
		s->doc_req = 0;
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
		break;
	case TAG_LIST:
		json_decref(s->items);
		s->items = json_incref(json_object_get(r->body, "items"));
		fill(s);
		break;
	case TAG_SEND:
		s->text[0] = '\0';
		s->nfiles = 0;
		app_flash(v->app, false, "%s", _(s->k->sent));
		load(v);
		break;
	case TAG_DOC: {
		char *dest = text_clean(s->dest);
		if (rename(r->file, s->dest) != 0) {
			remove(r->file);
			app_flash(v->app, true, _("Cannot write %s"), dest);
		} else
			app_flash(v->app, false, _("Saved to %s: print it, sign and stamp it, then upload it with a (a new request)"), dest);
		free(dest);
		break;
	}
	}
}

unsigned unitreq_view(struct view *v, enum action a)
{
	struct unitreq_state *s = v->state;
	const json_t *it = json_array_get(s->items, (size_t)table_cursor_row(&s->t));
	if (requestq_nfiles(&s->k->rq, it) == 0)
		app_flash(v->app, false, "%s", _("This request carries no file"));
	else
		requestq_view_file(v, &s->k->rq, it, 0);
	return H_REDRAW;
}

unsigned unitreq_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

void unitreq_close(struct view *v)
{
	struct unitreq_state *s = v->state;
	if (s->doc_req) {
		api_cancel(v->app, s->doc_req);
		remove(s->part);
	}
	table_free(&s->t);
	json_decref(s->decl);
	json_decref(s->items);
}

struct table *unitreq_list(struct view *v)
{
	struct unitreq_state *s = v->state;
	return &s->t;
}

int unitreq_year(struct view *v)
{
	struct unitreq_state *s = v->state;
	return s->year;
}
