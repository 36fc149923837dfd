/* imports (登记导入, g in the administrator's user centre): the registry
 * imports, newest first — source, date, status, rows done of the total
 * while one runs (the list is asked again every half second then), what the
 * re-check touched and the error naming the file's line; i uploads a file:
 * its source, the date it holds, the file (the upload's own progress shows
 * in the status bar). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_UPLOAD };
enum { ASK_SOURCE = 1, ASK_AS_OF, ASK_FILE };
enum { C_ID, C_SOURCE, C_AS_OF, C_STATUS, C_ROWS, C_RECHECK, C_NOTE };

static const struct table_col cols[] = {
	{ N_("No."), NULL, 3, 5, 2, true, true },
	{ N_("Source"), NULL, 8, 18, 0, false, false },
	{ N_("As of"), NULL, 10, 10, 3, false, false },
	{ N_("Status"), NULL, 6, 8, 0, false, false },
	{ N_("Rows"), NULL, 7, 13, 0, true, false },
	{ N_("Re-checked"), NULL, 6, 16, 1, false, false },
	{ N_("Note"), NULL, 6, 60, 4, false, false },
};

struct imports_state {
	struct table t;
	json_t *items;
	int timer;               /* timerfd while an import runs, else -1 */
	char source[40], as_of[16];
};

static void load(struct view *v)
{
	api_call(v, TAG_LIST, "GET", "/imports", NULL, NULL);
}

static int imports_open(struct view *v, const struct screen_args *args)
{
	struct imports_state *s = v->state;
	s->timer = -1;
	table_init(&s->t, cols, 7, false);
	s->t.key_cols = 1u << C_SOURCE;
	load(v);
	return 0;
}

static const char *str(const json_t *o, const char *k)
{
	const char *t = json_string_value(json_object_get(o, k));
	return t ? t : "";
}

static long long num(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* IMPORT.status as people read it (an import is all or nothing). */
static const char *status_label(const char *status)
{
	static const struct {
		const char *word, *label;
	} labels[] = {
		{ "running", N_("running") },
		{ "done", N_("done") },
		{ "failed", N_("failed, nothing kept") },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].word, status) == 0)
			return _(labels[i].label);
	return status;
}

/* Whether any import still runs. */
static bool fill(struct imports_state *s)
{
	bool running = false;
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *im = json_array_get(s->items, i);
		char id[24], rows[40], recheck[48];
		snprintf(id, sizeof id, "%lld", num(im, "id"));
		snprintf(rows, sizeof rows, "%lld/%lld", num(im, "rows_done"), num(im, "rows_total"));
		recheck[0] = '\0';
		if (*str(im, "rechecked_at"))
			snprintf(recheck, sizeof recheck, _("%lld months, %lld changed"), num(im, "rechecked"),
				 num(im, "changed_placements"));
		table_set(&s->t, (int)i, C_ID, id);
		table_set(&s->t, (int)i, C_SOURCE, str(im, "source"));
		table_set(&s->t, (int)i, C_AS_OF, str(im, "as_of"));
		table_set(&s->t, (int)i, C_STATUS, status_label(str(im, "status")));
		table_set(&s->t, (int)i, C_ROWS, rows);
		table_set(&s->t, (int)i, C_RECHECK, recheck);
		table_set(&s->t, (int)i, C_NOTE, *str(im, "error") ? str(im, "error") : str(im, "filename"));
		bool failed = strcmp(str(im, "status"), "failed") == 0;
		running |= strcmp(str(im, "status"), "running") == 0;
		table_set_style(&s->t, (int)i, failed ? STYLE_FAIL : STYLE_NORMAL);
	}
	return running;
}

static void stop_timer(struct view *v)
{
	struct imports_state *s = v->state;
	if (s->timer < 0)
		return;
	app_unwatch(v->app, s->timer);
	close(s->timer);
	s->timer = -1;
}

/* Asks for the list again in half a second (a running import's progress). */
static void poll_soon(struct view *v)
{
	struct imports_state *s = v->state;
	if (s->timer < 0) {
		s->timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
		if (s->timer < 0)
			return;
		if (!app_watch(v, s->timer)) {
			close(s->timer);
			s->timer = -1;
			return;
		}
	}
	struct itimerspec at = { .it_value = { .tv_nsec = 500000000L } };
	timerfd_settime(s->timer, 0, &at, NULL);
}

static void imports_readable(struct view *v, int fd)
{
	uint64_t n;
	if (read(fd, &n, sizeof n) == (ssize_t)sizeof n)
		load(v);
}

static void imports_draw(struct view *v, struct canvas *c)
{
	struct imports_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Registry imports"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned imports_new(struct view *v, enum action a)
{
	app_prompt(v, ASK_SOURCE,
		   _("Source (wages, social-insurance, medical-insurance, certificates, persons): "), "",
		   0);
	return H_REDRAW;
}

static unsigned imports_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned imports_answer(struct view *v, int tag, const char *text)
{
	struct imports_state *s = v->state;
	if (!text)
		return H_REDRAW;
	switch (tag) {
	case ASK_SOURCE:
		snprintf(s->source, sizeof s->source, "%s", text);
		app_prompt(v, ASK_AS_OF, _("Date the file holds (YYYY-MM-DD, empty for today): "), "", 0);
		break;
	case ASK_AS_OF:
		snprintf(s->as_of, sizeof s->as_of, "%s", text);
		app_prompt(v, ASK_FILE, _("CSV file: "), "", PROMPT_PATH);
		break;
	case ASK_FILE: {
		char parts[96];
		snprintf(parts, sizeof parts, "source=%s%s%s", s->source, *s->as_of ? "\nas_of=" : "",
			 s->as_of);
		api_upload_form(v, TAG_UPLOAD, "/imports", parts, text);
		break;
	}
	}
	return H_REDRAW;
}

static void imports_reply(struct view *v, const struct api_reply *r)
{
	struct imports_state *s = v->state;
	if (!r->ok) {
		if (r->field)
			app_flash(v->app, true, "%s (%s)", r->message, r->field);
		else
			app_flash(v->app, true, "%s", r->message);
		return;
	}
	if (r->tag == TAG_UPLOAD) {
		app_flash(v->app, false, _("Import %lld started"), num(r->body, "id"));
		load(v);
		return;
	}
	json_decref(s->items);
	s->items = json_incref(json_object_get(r->body, "items"));
	if (fill(s))
		poll_soon(v);
	else
		stop_timer(v);
}

static void imports_close(struct view *v)
{
	struct imports_state *s = v->state;
	stop_timer(v);
	table_free(&s->t);
	json_decref(s->items);
}

static struct table *imports_list(struct view *v)
{
	struct imports_state *s = v->state;
	return &s->t;
}

static const struct screen_action imports_actions[] = {
	{ .act = ACT_LOAD_FILE, .run = imports_new, .hint = true },
	{ .act = ACT_REFRESH, .run = imports_refresh, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_imports = {
	.name = "imports",
	.state_size = sizeof(struct imports_state),
	.open = imports_open,
	.draw = imports_draw,
	SCREEN_ACTIONS(imports_actions),
	.reply = imports_reply,
	.answer = imports_answer,
	.close = imports_close,
	.list = imports_list,
	.readable = imports_readable,
};
