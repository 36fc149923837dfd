/* unit: 单位信息维护 — the unit's own record (UNIT of doc/api.md), shown and
 * saved with If-Match; 上年度职工数 is maintained here once a year (the levy
 * calculator and the reward use it).  A rejected field is marked beside it
 * and everything typed stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "ui/field.h"
#include "ui/form.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = 1, TAG_SAVE };

static const struct field_option unit_kinds[] = {
	{ "enterprise", N_("Enterprise") }, { "institution", N_("Public institution") },
	{ "government", N_("Government body") }, { "organisation", N_("Social organisation") },
	{ "private_nonenterprise", N_("Private non-enterprise") }, { "other", N_("Other") },
};

/* the form, as a table: JSON path (a dot for the bank object), label, kind */
static const struct {
	const char *path, *label;
	enum field_kind kind;
	bool number;
} rows[] = {
	{ "name", N_("Unit name"), FIELD_READONLY, false },
	{ "uscc", N_("Credit code"), FIELD_READONLY, false },
	{ "tax_no", N_("Tax number"), FIELD_TEXT, false },
	{ "org_code", N_("Organisation code"), FIELD_TEXT, false },
	{ "kind", N_("Unit kind"), FIELD_SELECT, false },
	{ "economic_type", N_("Economic type"), FIELD_TEXT, false },
	{ "industry", N_("Industry"), FIELD_TEXT, false },
	{ "staff_last_year", N_("Staff last year"), FIELD_TEXT, true },
	{ "federation_region", N_("Federation region"), FIELD_TEXT, false },
	{ "tax_region", N_("Tax region"), FIELD_TEXT, false },
	{ "admin_region", N_("Admin region"), FIELD_TEXT, false },
	{ "legal_name", N_("Legal person"), FIELD_TEXT, false },
	{ "legal_idno", N_("Legal person ID"), FIELD_TEXT, false },
	{ "legal_phone", N_("Legal person phone"), FIELD_TEXT, false },
	{ "phone", N_("Unit phone"), FIELD_TEXT, false },
	{ "contact_name", N_("Contact"), FIELD_TEXT, false },
	{ "contact_phone", N_("Contact phone"), FIELD_TEXT, false },
	{ "business_address", N_("Business address"), FIELD_TEXT, false },
	{ "registered_address", N_("Registered address"), FIELD_TEXT, false },
	{ "bank.payee", N_("Payee"), FIELD_TEXT, false },
	{ "bank.account", N_("Bank account"), FIELD_TEXT, false },
	{ "bank.bank", N_("Bank"), FIELD_TEXT, false },
};
#define NROWS ((int)(sizeof rows / sizeof rows[0]))

enum { TAG_THEIRS = TAG_SAVE + 1 };
enum { ROW_STAFF = 7 };   /* rows[ROW_STAFF] is staff_last_year */

struct unit_state {
	struct field f[NROWS];
	struct form_record rec;   /* the UNIT as loaded (and theirs after a 412) */
	int focus;
	bool dirty, loaded;
};

static const json_t *get_path(const json_t *o, const char *path)
{
	const char *dot = strchr(path, '.');
	if (!dot)
		return json_object_get(o, path);
	char head[32];
	snprintf(head, sizeof head, "%.*s", (int)(dot - path), path);
	return json_object_get(json_object_get(o, head), dot + 1);
}

static void load(struct view *v, int tag)
{
	struct session *ss = app_session(v->app);
	char path[128];
	snprintf(path, sizeof path, "/units/%s", ss->unit ? ss->unit : "-");
	api_call(v, tag, "GET", path, NULL, NULL);
}

static int unit_open(struct view *v, const struct screen_args *args)
{
	struct unit_state *s = v->state;
	for (int i = 0; i < NROWS; i++) {
		if (rows[i].kind == FIELD_SELECT)
			field_init_select(&s->f[i], rows[i].label, rows[i].path, unit_kinds,
					  (int)(sizeof unit_kinds / sizeof unit_kinds[0]));
		else
			field_init(&s->f[i], rows[i].label, rows[i].path, rows[i].kind);
	}
	s->focus = 2;
	load(v, TAG_LOAD);
	return 0;
}

static void fill(struct unit_state *s, json_t *u)
{
	for (int i = 0; i < NROWS; i++) {
		const json_t *val = get_path(u, rows[i].path);
		char num[32];
		if (json_is_integer(val)) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(val));
			field_set(&s->f[i], num);
		} else {
			char *c = text_clean(json_string_value(val) ? json_string_value(val) : "");
			field_set(&s->f[i], c);
			free(c);
		}
	}
	form_record_loaded(&s->rec, u);
	s->loaded = true;
	s->dirty = false;
}

static json_t *to_json(const struct unit_state *s)
{
	json_t *u = json_object(), *bank = json_object();
	for (int i = 0; i < NROWS; i++) {
		if (strcmp(rows[i].path, "uscc") == 0)   /* in the URL; the body has the rest */
			continue;
		const char *val = field_value(&s->f[i]);
		json_t *j = rows[i].number ? (*val ? json_integer(strtoll(val, NULL, 10)) : json_null())
					   : json_string(val);
		if (strncmp(rows[i].path, "bank.", 5) == 0)
			json_object_set_new(bank, rows[i].path + 5, j);
		else
			json_object_set_new(u, rows[i].path, j);
	}
	json_object_set_new(u, "bank", bank);
	return u;
}

static unsigned save(struct view *v)
{
	struct unit_state *s = v->state;
	struct session *ss = app_session(v->app);
	form_clear_errors(s->f, NROWS);
	const char *staff = s->f[ROW_STAFF].buf;
	if (*staff && strspn(staff, "0123456789") != strlen(staff)) {
		snprintf(s->f[ROW_STAFF].error, sizeof s->f[ROW_STAFF].error, "%s", _("A whole number"));
		s->focus = ROW_STAFF;
		return H_REDRAW;
	}
	/* saving again after a 412 was the user's answer: their edits win */
	form_record_keep_mine(&s->rec);
	json_t *body = to_json(s);
	char path[128], etag[32];
	snprintf(path, sizeof path, "/units/%s", ss->unit);
	snprintf(etag, sizeof etag, "\"%lld\"", s->rec.version);
	api_call(v, TAG_SAVE, "PUT", path, body, etag);
	json_decref(body);
	app_flash(v->app, false, "%s", _("Saving..."));
	return H_REDRAW;
}

static void unit_reply(struct view *v, const struct api_reply *r)
{
	struct unit_state *s = v->state;
	if (r->ok && r->tag == TAG_THEIRS) {
		form_record_conflict(&s->rec, r->body);   /* underneath: the edits stay */
		return;
	}
	if (r->ok) {
		fill(s, r->body);
		if (r->tag == TAG_SAVE)
			app_flash(v->app, false, "%s", _("Saved"));
		return;
	}
	if (r->tag == TAG_SAVE && r->status == 412) {
		app_flash(v->app, true, "%s", _("Someone else changed this record meanwhile: your edits are kept. Save again to keep them, or refresh to take the other version."));
		load(v, TAG_THEIRS);
		return;
	}
	/* mark the field the service named ("staff_last_year", "unit.bank.account") */
	struct field *f = form_field_for_path(s->f, NROWS, r->field);
	if (f) {
		form_mark_problem(f, api_problem_text(r->code), r->message);
		s->focus = (int)(f - s->f);
	}
	app_flash(v->app, true, "%s", r->message);
}

static void unit_draw(struct view *v, struct canvas *c)
{
	struct unit_state *s = v->state;
	WINDOW *w = c->w;
	char buf[512], fit[512];
	wattrset(w, theme_attr(STYLE_TITLE));
	snprintf(buf, sizeof buf, "%s%s%s", _("Unit information"), s->dirty ? " *" : "",
		 form_record_note(&s->rec));
	text_fit(fit, sizeof fit, buf, c->cols, 0);
	mvwaddstr(w, c->y, c->x, fit);
	/* labels as wide as the widest (English ones are longer), at most
	 * half the column so the values keep room */
	int half = c->cols / 2, labw = form_label_width(s->f, NROWS, 8);
	if (labw > half / 2)
		labw = half / 2;
	for (int i = 0; i < NROWS; i++) {
		int y = c->y + 2 + i / 2, x = c->x + (i % 2) * half;
		if (y >= c->y + c->rows - 1)
			break;
		int cx = form_field_row(w, y, x, labw, half, &s->f[i], s->focus == i);
		if (s->focus == i)   /* a choice list shows no caret, yet has the focus */
			(s->f[i].kind == FIELD_SELECT ? canvas_focus : canvas_caret)(c, y, cx);
	}
	form_error_line(w, c->y + c->rows - 1, c->x, c->cols, form_error_of(NULL, s->f, NROWS));
}

static unsigned unit_next(struct view *v, enum action a)
{
	struct unit_state *s = v->state;
	s->focus = (s->focus + 1) % NROWS;
	return H_REDRAW;
}

static unsigned unit_prev(struct view *v, enum action a)
{
	struct unit_state *s = v->state;
	s->focus = (s->focus + NROWS - 1) % NROWS;
	return H_REDRAW;
}

static unsigned unit_save(struct view *v, enum action a)
{
	return save(v);
}

/* R: the record as the service has it now (after a 412: theirs wins) */
static unsigned unit_refresh(struct view *v, enum action a)
{
	load(v, TAG_LOAD);
	return H_REDRAW;
}

static void unit_close(struct view *v)
{
	struct unit_state *s = v->state;
	form_record_free(&s->rec);
}

static bool unit_wants_text(struct view *v)
{
	struct unit_state *s = v->state;
	return s->f[s->focus].kind != FIELD_READONLY;
}

static unsigned unit_key(struct view *v, int key)
{
	struct unit_state *s = v->state;
	if (!field_key(&s->f[s->focus], key))
		return H_UNKNOWN;
	s->dirty = true;
	return H_REDRAW;
}

static unsigned unit_holds(struct view *v)
{
	struct unit_state *s = v->state;
	return s->loaded ? NEED_RECORD : 0;
}

static const struct screen_action unit_actions[] = {
	{ .act = ACT_SAVE, .run = unit_save, .needs = NEED_RECORD | NEED_UNIT, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = unit_next, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_PREV_FIELD, .run = unit_prev },
	{ .act = ACT_MOVE_DOWN, .run = unit_next },
	{ .act = ACT_MOVE_UP, .run = unit_prev },
	{ .act = ACT_OPEN, .run = unit_next },
	{ .act = ACT_REFRESH, .run = unit_refresh },
};

const struct screen screen_unit = {
	.name = "unit",
	.state_size = sizeof(struct unit_state),
	.open = unit_open,
	.draw = unit_draw,
	SCREEN_ACTIONS(unit_actions),
	.reply = unit_reply,
	.close = unit_close,
	.holds = unit_holds,
	.wants_text = unit_wants_text,
	.key = unit_key,
};
