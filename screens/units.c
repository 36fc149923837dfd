/* units (单位, m in the administrator's user centre): the employers, found
 * by part of the name or the USCC (/ searches the service, GET /units?q=);
 * e sets the fields only the federation sets — 残联主管部门
 * (federation_region) and 税务主管部门 (tax_region) — on the unit as it is
 * now (its version: a change meanwhile is refused, 412). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_GET, TAG_PUT };
enum { ASK_QUERY = 1, ASK_FEDERATION, ASK_TAX };
enum { C_USCC, C_NAME, C_FED, C_TAX };

static const struct table_col cols[] = {
	{ N_("USCC"), NULL, 18, 18, 0, false, false },
	{ N_("Name"), NULL, 10, 40, 0, false, false },
	{ N_("Federation"), NULL, 6, 6, 1, false, false },
	{ N_("Tax office"), NULL, 6, 6, 2, false, false },
};

struct units_state {
	struct table t;
	json_t *items;
	json_t *unit;            /* the full UNIT being changed, with its ETag */
	char etag[32];
	char query[96];
};

static void load(struct view *v)
{
	struct units_state *s = v->state;
	char path[400];
	char *q = url_escape(s->query);
	snprintf(path, sizeof path, "/units?limit=500%s%s", *s->query ? "&q=" : "", q ? q : "");
	free(q);
	api_call(v, TAG_LIST, "GET", path, NULL, NULL);
}

static int units_open(struct view *v, const struct screen_args *args)
{
	struct units_state *s = v->state;
	table_init(&s->t, cols, 4, false);
	s->t.key_cols = 1u << C_NAME;
	load(v);
	return 0;
}

static const char *str(const json_t *o, const char *k)
{
	const char *t = json_string_value(json_object_get(o, k));
	return t ? t : "";
}

static void fill(struct units_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *u = json_array_get(s->items, i);
		table_set(&s->t, (int)i, C_USCC, str(u, "uscc"));
		table_set(&s->t, (int)i, C_NAME, str(u, "name"));
		table_set(&s->t, (int)i, C_FED, str(u, "federation_region"));
		table_set(&s->t, (int)i, C_TAX, str(u, "tax_region"));
	}
}

static void units_draw(struct view *v, struct canvas *c)
{
	struct units_state *s = v->state;
	char buf[256], title[200];
	snprintf(title, sizeof title, "%s%s%s", _("Units"), *s->query ? " / " : "", s->query);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, title, c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static unsigned units_search(struct view *v, enum action a)
{
	struct units_state *s = v->state;
	app_prompt(v, ASK_QUERY, _("Name or USCC: "), s->query, 0);
	return H_REDRAW;
}

static unsigned units_edit(struct view *v, enum action a)
{
	struct units_state *s = v->state;
	char path[64];
	const json_t *u = json_array_get(s->items, (size_t)table_cursor_row(&s->t));
	snprintf(path, sizeof path, "/units/%s", str(u, "uscc"));
	api_call(v, TAG_GET, "GET", path, NULL, NULL);
	return H_REDRAW;
}

static unsigned units_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned units_answer(struct view *v, int tag, const char *text)
{
	struct units_state *s = v->state;
	if (tag == ASK_QUERY) {
		if (text) {
			snprintf(s->query, sizeof s->query, "%s", text);
			load(v);
		}
		return H_REDRAW;
	}
	if (!text || !s->unit) {
		json_decref(s->unit);
		s->unit = NULL;
		return H_REDRAW;
	}
	if (tag == ASK_FEDERATION) {
		json_object_set_new(s->unit, "federation_region", json_string(text));
		app_prompt(v, ASK_TAX, _("Tax office (税务主管部门) region code: "), str(s->unit, "tax_region"),
			   0);
		return H_REDRAW;
	}
	json_object_set_new(s->unit, "tax_region", json_string(text));
	char path[64];
	snprintf(path, sizeof path, "/units/%s", str(s->unit, "uscc"));
	json_object_del(s->unit, "version");
	api_save(v, TAG_PUT, "PUT", path, s->unit, s->etag);
	json_decref(s->unit);
	s->unit = NULL;
	return H_REDRAW;
}

static void units_reply(struct view *v, const struct api_reply *r)
{
	struct units_state *s = v->state;
	if (!r->ok) {
		if (r->field)
			app_flash(v->app, true, "%s (%s)", r->message, r->field);
		else
			app_flash(v->app, true, "%s", r->message);
		return;
	}
	switch (r->tag) {
	case TAG_LIST:
		json_decref(s->items);
		s->items = json_incref(json_object_get(r->body, "items"));
		fill(s);
		break;
	case TAG_GET:
		json_decref(s->unit);
		s->unit = json_deep_copy(r->body);
		snprintf(s->etag, sizeof s->etag, "%s", r->etag ? r->etag : "");
		app_prompt(v, ASK_FEDERATION, _("Federation (残联主管部门) region code: "),
			   str(s->unit, "federation_region"), 0);
		break;
	case TAG_PUT:
		app_flash(v->app, false, "%s", _("Unit saved"));
		load(v);
		break;
	}
}

static void units_close(struct view *v)
{
	struct units_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
	json_decref(s->unit);
}

static struct table *units_list(struct view *v)
{
	struct units_state *s = v->state;
	return &s->t;
}

static const struct screen_action units_actions[] = {
	{ .act = ACT_EDIT, .run = units_edit, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_FIND, .run = units_search, .hint = true },
	{ .act = ACT_REFRESH, .run = units_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_units = {
	.name = "units",
	.state_size = sizeof(struct units_state),
	.open = units_open,
	.draw = units_draw,
	SCREEN_ACTIONS(units_actions),
	.reply = units_reply,
	.answer = units_answer,
	.close = units_close,
	.list = units_list,
};
