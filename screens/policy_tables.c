/* policy_tables (政策表, o in the administrator's user centre): the policy table
 * versions — region, version, the period it holds for, shipped or uploaded
 * and by whom — and which one is in force for the administrator's region
 * this business year; o loads a new version from a JSON file (the shape of
 * data/policy/150000.json; the service checks it with the core's loader and
 * names the key that is wrong). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_LOAD };
enum { ASK_FILE = 1 };
enum { C_REGION, C_VERSION, C_FROM, C_TO, C_SOURCE, C_BY };

static const struct table_col cols[] = {
	{ N_("Region"), NULL, 6, 6, 0, false, false },
	{ N_("Version"), NULL, 8, 24, 0, false, false },
	{ N_("Valid from"), NULL, 10, 10, 1, false, false },
	{ N_("Valid to"), NULL, 10, 10, 2, false, false },
	{ N_("Source"), NULL, 6, 10, 3, false, false },
	{ N_("Uploaded by"), NULL, 6, 16, 4, false, false },
};

struct ptables_state {
	struct table t;
	json_t *body;            /* {"items","in_force"} */
};

static void load(struct view *v)
{
	api_call(v, TAG_LIST, "GET", "/policies/tables", NULL, NULL);
}

static int ptables_open(struct view *v, const struct screen_args *args)
{
	struct ptables_state *s = v->state;
	table_init(&s->t, cols, 6, false);
	s->t.key_cols = 1u << C_VERSION;
	load(v);
	return 0;
}

static const char *str(const json_t *o, const char *k)
{
	const char *t = json_string_value(json_object_get(o, k));
	return t ? t : "";
}

static void fill(struct ptables_state *s)
{
	const json_t *items = json_object_get(s->body, "items");
	size_t n = json_array_size(items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *p = json_array_get(items, i);
		table_set(&s->t, (int)i, C_REGION, str(p, "region"));
		table_set(&s->t, (int)i, C_VERSION, str(p, "version"));
		table_set(&s->t, (int)i, C_FROM, str(p, "valid_from"));
		table_set(&s->t, (int)i, C_TO, str(p, "valid_to"));
		table_set(&s->t, (int)i, C_SOURCE,
			  strcmp(str(p, "source"), "shipped") == 0 ? _("shipped") : _("uploaded"));
		table_set(&s->t, (int)i, C_BY, str(p, "uploaded_by"));
	}
}

static void ptables_draw(struct view *v, struct canvas *c)
{
	struct ptables_state *s = v->state;
	char buf[256], line[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _("Policy tables"), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	const json_t *in = json_object_get(s->body, "in_force");
	if (in) {
		snprintf(line, sizeof line, _("In force for %s in %lld: %s"), str(in, "region"),
			 (long long)json_integer_value(json_object_get(in, "year")),
			 str(json_object_get(in, "table"), "version"));
		wattrset(c->w, theme_attr(STYLE_OK));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(c->w, c->y + 1, c->x, buf);
	}
	table_draw(&s->t, c->w, c->y + 2, c->x, c->rows - 2, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned ptables_load(struct view *v, enum action a)
{
	app_prompt(v, ASK_FILE, _("Policy table file (JSON): "), "", PROMPT_PATH);
	return H_REDRAW;
}

static unsigned ptables_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned ptables_answer(struct view *v, int tag, const char *text)
{
	if (!text || !*text)
		return H_REDRAW;
	size_t len;
	char *raw = file_read_all(text, 1 << 20, &len);
	json_t *table = raw ? json_loadb(raw, len, 0, NULL) : NULL;
	free(raw);
	if (!json_is_object(table))
		app_flash(v->app, true, "%s", _("Not a policy table: a JSON object is expected"));
	else
		api_save(v, TAG_LOAD, "POST", "/policies/tables", table, NULL);
	json_decref(table);
	return H_REDRAW;
}

static void ptables_reply(struct view *v, const struct api_reply *r)
{
	struct ptables_state *s = v->state;
	if (!r->ok) {
		if (r->field)
			app_flash(v->app, true, "%s (%s)", r->message, r->field);
		else
			app_flash(v->app, true, "%s", r->message);
		return;
	}
	if (r->tag == TAG_LOAD) {
		app_flash(v->app, false, _("Policy table %s loaded"), str(r->body, "version"));
		load(v);
		return;
	}
	json_decref(s->body);
	s->body = json_incref(r->body);
	fill(s);
}

static void ptables_close(struct view *v)
{
	struct ptables_state *s = v->state;
	table_free(&s->t);
	json_decref(s->body);
}

static struct table *ptables_list(struct view *v)
{
	struct ptables_state *s = v->state;
	return &s->t;
}

static const struct screen_action ptables_actions[] = {
	{ .act = ACT_LOAD_FILE, .run = ptables_load, .hint = true },
	{ .act = ACT_REFRESH, .run = ptables_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_policy_tables = {
	.name = "policy_tables",
	.state_size = sizeof(struct ptables_state),
	.open = ptables_open,
	.draw = ptables_draw,
	SCREEN_ACTIONS(ptables_actions),
	.reply = ptables_reply,
	.answer = ptables_answer,
	.close = ptables_close,
	.list = ptables_list,
};
