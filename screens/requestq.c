/* requestq: see requestq.h.  The list of the region's requests (pending ones
 * first; f shows the accepted or rejected), the selected one below it — its
 * text, its files, the review's reason — Enter views a file in the viewer,
 * p accepts (approves), x rejects with a reason; both send the request's
 * version (If-Match). */
#include "screens/requestq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_REVIEW = QLIST_TAG_OWN };
enum { ASK_PASS = 1, ASK_FAIL, ASK_FILE };

static const enum request_status filters[] = { REQUEST_PENDING, REQUEST_ACCEPTED, REQUEST_REJECTED };
#define NFILTERS ((int)(sizeof filters / sizeof filters[0]))

/* A request's status as the seed's reviewers say it. */
static const char *const status_label[REQUEST_STATUS__COUNT] = {
	[REQUEST_PENDING] = N_("pending review"),
	[REQUEST_ACCEPTED] = N_("accepted"),
	[REQUEST_REJECTED] = N_("rejected"),
};

static const char *label_of(enum request_status st)
{
	return st >= 0 && st < REQUEST_STATUS__COUNT ? _(status_label[st]) : "";
}

enum { C_UNIT, C_STATUS, C_FILED, C_FILES, C_NCOLS };
static const struct table_col cols[C_NCOLS] = {
	{ N_("Unit"), NULL, 12, 40, 0, false, false },
	{ N_("Status"), NULL, 6, 10, 0, false, false },
	{ N_("Filed"), NULL, 10, 10, 1, false, false },
	{ N_("Files"), NULL, 2, 5, 2, true, true },
};

static void query(const struct view *v, char *buf, size_t size)
{
	const struct rq_state *s = v->state;
	snprintf(buf, size, "%s?year=%d&status=%s", s->k->collection, s->l.year,
		 wire_request_status_word(filters[s->l.filter]));
}

int requestq_nfiles(const struct requestq_kind *k, const json_t *it)
{
	if (k->many_files)
		return (int)json_array_size(json_object_get(it, "files"));
	return json_is_object(json_object_get(it, "file")) ? 1 : 0;
}

static const json_t *file_of(const struct requestq_kind *k, const json_t *it, int i)
{
	return k->many_files ? json_array_get(json_object_get(it, "files"), (size_t)i)
				: json_object_get(it, "file");
}

static void fill(struct view *v, int i, const json_t *it)
{
	struct rq_state *s = v->state;
	struct table *t = &s->l.t;
	char buf[32];
	enum request_status st = wire_request_status_parse(json_string_value(json_object_get(it, "status")));
	table_set(t, i, C_UNIT, json_string_value(json_object_get(it, "unit_name")));
	table_set(t, i, C_STATUS, label_of(st));
	const char *at = json_string_value(json_object_get(it, "created_at"));
	snprintf(buf, sizeof buf, "%.10s", at ? at : "");
	table_set(t, i, C_FILED, buf);
	snprintf(buf, sizeof buf, "%d", requestq_nfiles(s->k, it));
	table_set(t, i, C_FILES, buf);
	table_set_style(t, i, st == REQUEST_PENDING ? STYLE_PENDING : st == REQUEST_REJECTED ? STYLE_FAIL : STYLE_OK);
}

static const struct qlist_kind kind = { .query = query, .fill = fill, .nfilters = NFILTERS };

int requestq_open(struct view *v, const struct screen_args *args, const struct requestq_kind *k)
{
	struct rq_state *s = v->state;
	s->k = k;
	qlist_open(v, args, &kind, cols, C_NCOLS);
	s->l.t.key_cols = 1u << C_UNIT;
	qlist_load(v);
	return 0;
}

void requestq_draw_detail(const struct requestq_kind *k, const json_t *it, WINDOW *w, int y, int x,
			  int rows, int cols_)
{
	if (!it || rows <= 0)
		return;
	char line[1200], size[32];
	const char *text = json_string_value(json_object_get(it, k->text_member));
	char *ct = text_clean(text ? text : "");
	int end = y + rows;
	wattrset(w, theme_attr(STYLE_NORMAL));
	snprintf(line, sizeof line, "%s: %s", k->many_files ? _("Text") : _("Reason"), ct);
	free(ct);
	y += pager_put_wrapped(w, y, x, cols_, end - y > 3 ? 3 : end - y, line);
	for (int i = 0; i < requestq_nfiles(k, it) && y < end; i++) {
		const json_t *f = file_of(k, it, i);
		char *name = text_clean(json_string_value(json_object_get(f, "filename")) ? json_string_value(json_object_get(f, "filename")) : "");
		text_size((long long)json_integer_value(json_object_get(f, "size")), size, sizeof size);
		snprintf(line, sizeof line, _("File %d: %s (%s)"), i + 1, name, size);
		free(name);
		char buf[1200];
		text_fit(buf, sizeof buf, line, cols_, 0);
		mvwaddstr(w, y++, x, buf);
	}
	const char *why = json_string_value(json_object_get(it, "review_reason"));
	if (why && *why && y < end) {
		char *cw = text_clean(why);
		snprintf(line, sizeof line, "%s: %s", _("Review reason"), cw);
		free(cw);
		wattrset(w, theme_attr(STYLE_FAIL));
		pager_put_wrapped(w, y, x, cols_, end - y, line);
	}
}

void requestq_draw(struct view *v, struct canvas *c)
{
	struct rq_state *s = v->state;
	char line[512];
	snprintf(line, sizeof line, _("%s - business year %d - %s"), _(s->k->title), s->l.year,
		 label_of(filters[s->l.filter]));
	int y = qlist_draw_title(c, line);
	if (qlist_draw_placeholder(v, c, y, _("No requests in this status.")))
		return;
	int list_rows = (c->rows - 1) / 2;
	if (list_rows > s->l.t.nrows + 1)
		list_rows = s->l.t.nrows + 1;
	qlist_draw_table(v, c, y, list_rows);
	y += list_rows + 1;
	requestq_draw_detail(s->k, qlist_cursor_item(v), c->w, y, c->x, c->y + c->rows - y, c->cols);
}

void requestq_view_file(struct view *v, const struct requestq_kind *k, const json_t *it, int i)
{
	const json_t *f = file_of(k, it, i);
	char href[160];
	long long id = json_integer_value(json_object_get(it, "id"));
	if (k->many_files)
		snprintf(href, sizeof href, "%s/%lld/files/%lld", k->collection, id,
			 (long long)json_integer_value(json_object_get(f, "seq")));
	else
		snprintf(href, sizeof href, "%s/%lld/file", k->collection, id);
	json_t *m = json_deep_copy(f);
	json_object_set_new(m, "href", json_string(href));
	app_push(v->app, &screen_viewer, &(struct screen_args){ .json = m, .text = _(k->title) });
	json_decref(m);
}

/* Enter: the file (the only one, else the one whose number is typed) */
static unsigned rq_view(struct view *v, enum action a)
{
	struct rq_state *s = v->state;
	const json_t *it = qlist_cursor_item(v);
	int n = requestq_nfiles(s->k, it);
	if (n == 0) {
		app_flash(v->app, false, "%s", _("This request carries no file"));
		return H_REDRAW;
	}
	if (n == 1) {
		requestq_view_file(v, s->k, it, 0);
		return H_REDRAW;
	}
	char q[64];
	snprintf(q, sizeof q, _("Which file (1-%d)?"), n);
	app_prompt(v, ASK_FILE, q, "1", 0);
	return H_REDRAW;
}

static unsigned rq_decide(struct view *v, enum action a)
{
	struct rq_state *s = v->state;
	const json_t *it = qlist_cursor_item(v);
	if (wire_request_status_parse(json_string_value(json_object_get(it, "status"))) != REQUEST_PENDING) {
		app_flash(v->app, true, "%s", _("This request has been reviewed already"));
		return H_REDRAW;
	}
	s->asked_id = (long)json_integer_value(json_object_get(it, "id"));
	s->asked_version = json_integer_value(json_object_get(it, "version"));
	char *unit = text_clean(json_string_value(json_object_get(it, "unit_name")) ? json_string_value(json_object_get(it, "unit_name")) : "");
	char q[512];
	const char *args[5] = { unit, "", "", "", "" };
	i18n_subst(q, sizeof q, _(a == ACT_PASS ? s->k->pass_q : s->k->fail_q), args);
	free(unit);
	if (a == ACT_PASS)
		app_confirm(v, ASK_PASS, q);
	else
		app_prompt(v, ASK_FAIL, q, "", 0);
	return H_REDRAW;
}

unsigned requestq_answer(struct view *v, int tag, const char *text)
{
	struct rq_state *s = v->state;
	if (!text)
		return H_REDRAW;
	if (tag == ASK_FILE) {
		const json_t *it = qlist_cursor_item(v);
		int i = atoi(text);
		if (i < 1 || i > requestq_nfiles(s->k, it))
			app_flash(v->app, true, "%s", _("No file with that number"));
		else
			requestq_view_file(v, s->k, it, i - 1);
		return H_REDRAW;
	}
	if (tag == ASK_FAIL && !*text) {
		app_flash(v->app, true, "%s", _("A rejection needs a reason: the unit reads it"));
		return H_REDRAW;
	}
	char path[128], etag[32];
	snprintf(path, sizeof path, "%s/%ld/review", s->k->collection, s->asked_id);
	snprintf(etag, sizeof etag, "\"%lld\"", s->asked_version);
	json_t *body = tag == ASK_PASS ? json_pack("{s:s}", "result", "pass")
				       : json_pack("{s:s, s:s}", "result", "fail", "reason", text);
	api_save(v, TAG_REVIEW, "PUT", path, body, etag);
	json_decref(body);
	return H_REDRAW;
}

void requestq_reply(struct view *v, const struct api_reply *r)
{
	struct rq_state *s = v->state;
	if (r->tag == TAG_REVIEW) {
		if (!r->ok)
			app_flash(v->app, true, "%s", r->status == 412
				  ? _("The request changed meanwhile: reloaded, decide again") : r->message);
		else
			app_flash(v->app, false, "%s",
				  wire_request_status_parse(json_string_value(json_object_get(r->body, "status")))
				  == REQUEST_ACCEPTED ? _(s->k->passed) : _(s->k->rejected));
		qlist_load(v);
		return;
	}
	qlist_take(v, r);
}

const struct screen_action requestq_actions[REQUESTQ_NACTIONS] = {
	{ .act = ACT_OPEN, .run = rq_view, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_PASS, .run = rq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_FAIL, .run = rq_decide, .needs = NEED_ROW, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_FILTER, .run = qlist_filter, .hint = true },
	{ .act = ACT_YEAR_PREV, .run = qlist_year_step },
	{ .act = ACT_YEAR_NEXT, .run = qlist_year_step },
	{ .act = ACT_REFRESH, .run = qlist_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};
_Static_assert(sizeof requestq_actions / sizeof requestq_actions[0] == REQUESTQ_NACTIONS,
	       "REQUESTQ_NACTIONS counts requestq_actions");
