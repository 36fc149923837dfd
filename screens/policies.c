/* policies (政策法规): the policy documents the service keeps (data/policies,
 * GET /policies) — title, issuer (发文机关), number (文号) and date, newest
 * first; / searches the titles; Enter reads one in the pager, where / finds
 * text. A summary (摘要) says so and where the official text is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_DOC };
enum { ASK_FIND = 1 };
enum { C_TITLE, C_ISSUER, C_NUMBER, C_DATE, NCOLS };

static const struct table_col cols[NCOLS] = {
	{ N_("Title"), NULL, 20, 200, 0, false, false },
	{ N_("Issuer"), NULL, 12, 24, 2, false, false },
	{ N_("Number"), NULL, 16, 20, 1, false, false },
	{ N_("Date"), NULL, 10, 10, 0, false, false },
};

struct policies_state {
	struct table t;
	json_t *items;
	bool loaded;
};

static const char *jstr(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

static void load(struct view *v)
{
	api_call(v, TAG_LIST, "GET", "/policies", NULL, NULL);
}

static int policies_open(struct view *v, const struct screen_args *args)
{
	struct policies_state *s = v->state;
	table_init(&s->t, cols, NCOLS, false);
	s->t.key_cols = 1u << C_TITLE;
	s->t.search_cols = 1u << C_TITLE | 1u << C_NUMBER;
	load(v);
	return 0;
}

static void fill(struct policies_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		table_set(&s->t, (int)i, C_TITLE, jstr(it, "title"));
		table_set(&s->t, (int)i, C_ISSUER, jstr(it, "issuer"));
		table_set(&s->t, (int)i, C_NUMBER, jstr(it, "number"));
		table_set(&s->t, (int)i, C_DATE, jstr(it, "date"));
	}
}

static void policies_draw(struct view *v, struct canvas *c)
{
	struct policies_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Policies and regulations"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	if (s->loaded && s->t.nrows == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("No policy documents."), c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, buf);
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned policies_read(struct view *v, enum action a)
{
	struct policies_state *s = v->state;
	const json_t *it = json_array_get(s->items, (size_t)table_cursor_row(&s->t));
	char path[128];
	snprintf(path, sizeof path, "/policies/%s", jstr(it, "id"));
	api_call(v, TAG_DOC, "GET", path, NULL, NULL);
	return H_REDRAW;
}

static unsigned policies_find(struct view *v, enum action a)
{
	struct policies_state *s = v->state;
	app_prompt(v, ASK_FIND, _("Find in the titles and numbers:"), s->t.search, 0);
	return H_REDRAW;
}

/* The typed text becomes the list's search (n finds the next, as in every
 * list); the cursor goes to the first title after it that holds it. */
static unsigned policies_answer(struct view *v, int tag, const char *text)
{
	struct policies_state *s = v->state;
	if (tag != ASK_FIND || !text || !*text)
		return H_REDRAW;
	snprintf(s->t.search, sizeof s->t.search, "%s", text);
	int pos = table_search_next(&s->t);
	if (pos < 0)
		app_flash(v->app, true, _("Not found: %s"), text);
	else
		table_goto(&s->t, pos);
	return H_REDRAW;
}

static unsigned policies_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

/* POLICY → the pager's {"title","created_at","body"}: the issuer, number and
 * date under the title; the text, then where it is published. */
static void read_document(struct view *v, const json_t *doc)
{
	char head[512], *body;
	snprintf(head, sizeof head, "%s  %s  %s%s", jstr(doc, "issuer"), jstr(doc, "number"),
		 jstr(doc, "date"), json_is_true(json_object_get(doc, "summary")) ? _("  (summary)") : "");
	const char *text = jstr(doc, "text"), *source = jstr(doc, "source");
	size_t n = strlen(text) + strlen(source) + 64;
	body = malloc(n);
	if (!body)
		return;
	snprintf(body, n, "%s\n\n%s %s", text, _("Source:"), source);
	json_t *pg = json_pack("{s:s, s:s, s:s}", "title", jstr(doc, "title"), "created_at", head,
			       "body", body);
	free(body);
	app_push(v->app, &screen_pager, &(struct screen_args){ .json = pg });
	json_decref(pg);
}

static void policies_reply(struct view *v, const struct api_reply *r)
{
	struct policies_state *s = v->state;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		return;
	}
	if (r->tag == TAG_DOC) {
		read_document(v, r->body);
		return;
	}
	json_t *items = json_object_get(r->body, "items");
	if (!json_is_array(items)) {
		app_flash(v->app, true, "%s", _("The service sent an answer anzhi cannot read"));
		return;
	}
	json_decref(s->items);
	s->items = json_incref(items);
	s->loaded = true;
	fill(s);
}

static void policies_close(struct view *v)
{
	struct policies_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
}

static struct table *policies_list(struct view *v)
{
	struct policies_state *s = v->state;
	return &s->t;
}

static const struct screen_action policies_actions[] = {
	{ .act = ACT_OPEN, .run = policies_read, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_FIND, .run = policies_find, .hint = true },
	{ .act = ACT_SEARCH_NEXT, .run = NULL },   /* the loop finds the next */
	{ .act = ACT_REFRESH, .run = policies_refresh, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_policies = {
	.name = "policies",
	.state_size = sizeof(struct policies_state),
	.open = policies_open,
	.draw = policies_draw,
	SCREEN_ACTIONS(policies_actions),
	.reply = policies_reply,
	.close = policies_close,
	.answer = policies_answer,
	.list = policies_list,
	.list_caps = LIST_SEARCH,
};
