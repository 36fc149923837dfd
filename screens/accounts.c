/* accounts — see accounts.h. */
#include "screens/accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/status.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_CREATE, TAG_PUT, ASK_FIELD, ASK_PASSWORD };
enum { C_USER, C_NAME, C_ROLE, C_WHERE, C_STATE, C_FACTOR };

static const struct table_col cols[] = {
	{ N_("User name"), NULL, 8, 20, 0, false, false },
	{ N_("Name"), NULL, 6, 20, 1, false, false },
	{ N_("Role"), NULL, 5, 10, 2, false, false },
	{ N_("Unit or region"), NULL, 6, 20, 3, false, false },
	{ N_("State"), NULL, 6, 10, 0, false, false },
	{ N_("2nd factor"), NULL, 6, 10, 4, false, false },
};

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

int accounts_open(struct view *v, const struct accounts_kind *kind)
{
	struct accounts_state *s = v->state;
	s->kind = kind;
	table_init(&s->t, cols, 6, false);
	s->t.mark_cols = 1u << C_STATE | 1u << C_FACTOR;
	s->t.key_cols = 1u << C_USER;
	accounts_load(v);
	return 0;
}

void accounts_load(struct view *v)
{
	struct accounts_state *s = v->state;
	char path[160];
	s->kind->path(v, path, sizeof path);
	api_call(v, TAG_LIST, "GET", path, NULL, NULL);
}

static void fill(struct accounts_state *s)
{
	size_t n = json_array_size(s->items);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		bool off = json_is_true(json_object_get(it, "disabled"));
		table_set(&s->t, (int)i, C_USER, str(it, "username"));
		table_set(&s->t, (int)i, C_NAME, str(it, "display_name"));
		table_set(&s->t, (int)i, C_ROLE, role_word_label(str(it, "role")));
		table_set(&s->t, (int)i, C_WHERE, *str(it, "unit") ? str(it, "unit") : str(it, "region"));
		table_set_mark(&s->t, (int)i, C_STATE, !off, off ? N_("disabled") : N_("active"));
		bool on = json_is_true(json_object_get(it, "totp"));
		table_set_mark(&s->t, (int)i, C_FACTOR, on, on ? N_("on") : N_("off"));
		table_set_style(&s->t, (int)i, off ? STYLE_DIM : STYLE_NORMAL);
	}
}

void accounts_draw(struct view *v, struct canvas *c)
{
	struct accounts_state *s = v->state;
	char buf[256];
	wattrset(c->w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, _(s->kind->title), c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, buf);
	if (s->loaded && s->t.nrows == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("No accounts yet: n creates one."), c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, buf);
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y, c->x);
}

static void ask_next(struct view *v)
{
	struct accounts_state *s = v->state;
	const struct accounts_ask *q = &s->kind->asks[s->asked];
	app_prompt(v, ASK_FIELD, _(q->prompt), "", q->flags);
}

unsigned accounts_create(struct view *v, enum action a)
{
	struct accounts_state *s = v->state;
	json_decref(s->draft);
	s->draft = json_object();
	s->asked = 0;
	ask_next(v);
	return H_REDRAW;
}

const json_t *accounts_cursor(struct view *v)
{
	struct accounts_state *s = v->state;
	return json_array_get(s->items, (size_t)table_cursor_row(&s->t));
}

void accounts_put(struct view *v, const json_t *acct, json_t *body)
{
	struct accounts_state *s = v->state;
	char path[96], version[32];
	snprintf(path, sizeof path, "%s/%lld", s->kind->put_prefix,
		 (long long)json_integer_value(json_object_get(acct, "id")));
	snprintf(version, sizeof version, "\"%lld\"",
		 (long long)json_integer_value(json_object_get(acct, "version")));
	api_save(v, TAG_PUT, "PUT", path, body, version);
}

unsigned accounts_disable(struct view *v, enum action a)
{
	const json_t *acct = accounts_cursor(v);
	json_t *body = json_pack("{s:b}", "disabled", !json_is_true(json_object_get(acct, "disabled")));
	accounts_put(v, acct, body);
	json_decref(body);
	return H_REDRAW;
}

unsigned accounts_reset(struct view *v, enum action a)
{
	struct accounts_state *s = v->state;
	s->target = table_cursor_row(&s->t);
	app_prompt(v, ASK_PASSWORD, _("New password: "), "", PROMPT_MASKED);
	return H_REDRAW;
}

unsigned accounts_refresh(struct view *v, enum action a)
{
	accounts_load(v);
	return H_REDRAW;
}

unsigned accounts_answer(struct view *v, int tag, const char *text)
{
	struct accounts_state *s = v->state;
	if (tag == ASK_PASSWORD) {
		const json_t *acct = json_array_get(s->items, (size_t)s->target);
		if (text && *text && acct) {
			json_t *body = json_pack("{s:s}", "password", text);
			accounts_put(v, acct, body);
			json_decref(body);
		}
		return H_REDRAW;
	}
	if (tag != ASK_FIELD || !s->draft)
		return H_UNKNOWN;
	if (!text) { /* cancelled: nothing is sent */
		json_decref(s->draft);
		s->draft = NULL;
		return H_REDRAW;
	}
	if (s->kind->set)
		s->kind->set(s->draft, s->kind->asks[s->asked].key, text);
	else
		json_object_set_new(s->draft, s->kind->asks[s->asked].key, json_string(text));
	if (++s->asked < s->kind->nasks) {
		ask_next(v);
		return H_REDRAW;
	}
	char path[160];
	s->kind->path(v, path, sizeof path);
	api_save(v, TAG_CREATE, "POST", path, s->draft, NULL);
	json_decref(s->draft);
	s->draft = NULL;
	return H_REDRAW;
}

bool accounts_reply(struct view *v, const struct api_reply *r)
{
	struct accounts_state *s = v->state;
	if (r->tag >= ACCOUNTS_TAGS_END)
		return false;
	if (!r->ok) {
		if (r->field)
			app_flash(v->app, true, "%s (%s)", r->message, r->field);
		else
			app_flash(v->app, true, "%s", r->message);
		return true;
	}
	switch (r->tag) {
	case TAG_LIST:
		json_decref(s->items);
		s->items = json_incref(json_object_get(r->body, "items"));
		s->loaded = true;
		fill(s);
		break;
	case TAG_CREATE:
		app_flash(v->app, false, _("Account %s created"), str(r->body, "username"));
		accounts_load(v);
		break;
	case TAG_PUT:
		app_flash(v->app, false, "%s", _("Account changed"));
		accounts_load(v);
		break;
	}
	return true;
}

void accounts_close(struct view *v)
{
	struct accounts_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
	json_decref(s->draft);
}

struct table *accounts_list(struct view *v)
{
	struct accounts_state *s = v->state;
	return &s->t;
}
