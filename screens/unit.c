/* unit: 单位信息维护 — the unit's own record (UNIT of doc/api.md), shown and
 * saved with If-Match; 上年度职工数 and 上年度在职职工工资总额 are maintained
 * here once a year (完成申报 needs both; the levy calculator, the tax record
 * and the reward use them).  What the unit may not change (its name, credit
 * code and 残联主管部门) is shown read-only.  A rejected field is marked with
 * the reason, in words (what the field should hold), and everything typed
 * stays: a 412 keeps the edits and compares them with the other version
 * field by field; the loop asks about unsaved edits on the way out, and
 * they wait as a draft when anzhi ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/drafts.h"
#include "screens/screens.h"
#include "ui/field.h"
#include "ui/form.h"
#include "ui/merge.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = 1, TAG_SAVE };

static const struct field_option unit_kinds[] = {
	{ "enterprise", N_("Enterprise") }, { "institution", N_("Public institution") },
	{ "government", N_("Government body") }, { "organisation", N_("Social organisation") },
	{ "private_nonenterprise", N_("Private non-enterprise") }, { "other", N_("Other") },
};

/* What the service wants in a field, in words: shown with its refusal
 * (its own English detail goes to the message log). */
enum rule { R_TEXT, R_COUNT, R_MONEY, R_REGION, R_PHONE, R_IDNO, R_CHOICE };
static const char *const rule_words[] = {
	[R_TEXT] = N_("at most as long as the service allows, without control characters"),
	[R_COUNT] = N_("a whole number, 0 or more"),
	[R_MONEY] = N_("an amount in yuan, at most two decimals (e.g. 1234567.89)"),
	[R_REGION] = N_("a six-digit region code the service knows (GB/T 2260)"),
	[R_PHONE] = N_("a telephone number"),
	[R_IDNO] = N_("an 18-character resident ID number with its right check character"),
	[R_CHOICE] = N_("one of the choices offered"),
};

/* the form, as a table: JSON path (a dot for the bank object), label, kind,
 * what the service wants there */
static const struct {
	const char *path, *label;
	enum field_kind kind;
	bool number;
	enum rule rule;
} rows[] = {
	{ "name", N_("Unit name"), FIELD_READONLY, false, R_TEXT },
	{ "uscc", N_("Credit code"), FIELD_READONLY, false, R_TEXT },
	{ "tax_no", N_("Tax number"), FIELD_TEXT, false, R_TEXT },
	{ "org_code", N_("Organisation code"), FIELD_TEXT, false, R_TEXT },
	{ "kind", N_("Unit kind"), FIELD_SELECT, false, R_CHOICE },
	{ "economic_type", N_("Economic type"), FIELD_TEXT, false, R_TEXT },
	{ "industry", N_("Industry"), FIELD_TEXT, false, R_TEXT },
	{ "staff_last_year", N_("Staff last year"), FIELD_TEXT, true, R_COUNT },
	{ "wages_last_year", N_("Total wages last year"), FIELD_TEXT, false, R_MONEY },
	{ "federation_region", N_("Federation region"), FIELD_READONLY, false, R_REGION },   /* the federation's */
	{ "tax_region", N_("Tax region"), FIELD_TEXT, false, R_REGION },
	{ "admin_region", N_("Admin region"), FIELD_TEXT, false, R_REGION },
	{ "legal_name", N_("Legal person"), FIELD_TEXT, false, R_TEXT },
	{ "legal_idno", N_("Legal person ID"), FIELD_TEXT, false, R_IDNO },
	{ "legal_phone", N_("Legal person phone"), FIELD_TEXT, false, R_PHONE },
	{ "phone", N_("Unit phone"), FIELD_TEXT, false, R_PHONE },
	{ "contact_name", N_("Contact"), FIELD_TEXT, false, R_TEXT },
	{ "contact_phone", N_("Contact phone"), FIELD_TEXT, false, R_PHONE },
	{ "business_address", N_("Business address"), FIELD_TEXT, false, R_TEXT },
	{ "registered_address", N_("Registered address"), FIELD_TEXT, false, R_TEXT },
	{ "bank.payee", N_("Payee"), FIELD_TEXT, false, R_TEXT },
	{ "bank.account", N_("Bank account"), FIELD_TEXT, false, R_TEXT },
	{ "bank.bank", N_("Bank"), FIELD_TEXT, false, R_TEXT },
};
#define NROWS ((int)(sizeof rows / sizeof rows[0]))

enum { TAG_THEIRS = TAG_SAVE + 1 };
enum { ROW_STAFF = 7 };   /* rows[ROW_STAFF] is staff_last_year */
#define DRAFT_KEY "unit"

struct unit_state {
	struct field f[NROWS];
	struct form_record rec;   /* the UNIT as loaded (and theirs after a 412) */
	int focus;
	bool dirty, loaded;
	json_t *draft;            /* a draft to resume once the record has loaded */
	json_t *merge;            /* the merge shown after a 412, until applied */
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

static const char *user_of(struct view *v)
{
	return app_session(v->app)->username;
}

static void load(struct view *v, int tag)
{
	struct session *ss = app_session(v->app);
	char path[128];
	snprintf(path, sizeof path, "/units/%s", ss->unit ? ss->unit : "-");
	api_call(v, tag, "GET", path, NULL, NULL);
}

static void init_fields(struct field *f)
{
	for (int i = 0; i < NROWS; i++) {
		if (rows[i].kind == FIELD_SELECT)
			field_init_select(&f[i], rows[i].label, rows[i].path, unit_kinds,
					  (int)(sizeof unit_kinds / sizeof unit_kinds[0]));
		else
			field_init(&f[i], rows[i].label, rows[i].path, rows[i].kind);
	}
}

/* The fields from a UNIT (or a draft's "fields", keyed by path). */
static void set_fields(struct field *f, const json_t *u, bool flat)
{
	for (int i = 0; i < NROWS; i++) {
		const json_t *val = flat ? json_object_get(u, rows[i].path) : get_path(u, rows[i].path);
		char num[32];
		if (json_is_integer(val)) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(val));
			field_set(&f[i], num);
		} else {
			char *c = text_clean(json_string_value(val) ? json_string_value(val) : "");
			field_set(&f[i], c);
			free(c);
		}
	}
}

static int unit_open(struct view *v, const struct screen_args *args)
{
	struct unit_state *s = v->state;
	init_fields(s->f);
	s->focus = 2;
	s->draft = drafts_load(user_of(v), DRAFT_KEY);   /* resumed once loaded */
	load(v, TAG_LOAD);
	return 0;
}

static void fill(struct unit_state *s, json_t *u)
{
	set_fields(s->f, u, false);
	form_record_loaded(&s->rec, u);
	s->loaded = true;
	s->dirty = false;
}

/* ------------------------------------------------------------ draft and merge */

static void write_draft(struct view *v)
{
	struct unit_state *s = v->state;
	json_t *fields = json_object();
	for (int i = 0; i < NROWS; i++)
		json_object_set_new(fields, rows[i].path, json_string(field_value(&s->f[i])));
	json_t *doc = json_pack("{s:s, s:i, s:o, s:O?, s:s}", "kind", "unit", "id", 0, "fields", fields,
				"base", s->rec.base, "title", field_value(&s->f[0]));
	drafts_save(user_of(v), DRAFT_KEY, doc);
	json_decref(doc);
}

static void start_merge(struct view *v)
{
	struct unit_state *s = v->state;
	struct field base[NROWS], theirs[NROWS];
	init_fields(base);
	init_fields(theirs);
	set_fields(base, s->rec.base, false);
	set_fields(theirs, s->rec.theirs, false);
	json_decref(s->merge);
	s->merge = merge_new();
	for (int i = 0; i < NROWS; i++)
		if (rows[i].kind != FIELD_READONLY)
			merge_add_field(s->merge, _(rows[i].label), rows[i].path, &base[i], &theirs[i],
					&s->f[i]);
	app_push(v->app, &screen_merge, &(struct screen_args){ .json = s->merge });
}

static void unit_resume(struct view *v)
{
	struct unit_state *s = v->state;
	if (!s->merge)
		return;
	if (merge_finished(s->merge)) {
		struct field theirs[NROWS];
		init_fields(theirs);
		set_fields(theirs, s->rec.theirs, false);
		for (int i = 0; i < NROWS; i++)
			if (rows[i].kind == FIELD_READONLY || merge_takes(s->merge, rows[i].path))
				field_set(&s->f[i], field_value(&theirs[i]));
		form_record_keep_mine(&s->rec);   /* the next save sends their version */
	}
	app_flash(v->app, false, "%s", merge_outcome(s->merge));
	json_decref(s->merge);
	s->merge = NULL;
}

/* A draft of this form over the record just loaded. */
static void resume_draft(struct view *v)
{
	struct unit_state *s = v->state;
	json_t *d = s->draft;
	s->draft = NULL;
	set_fields(s->f, json_object_get(d, "fields"), true);
	s->dirty = true;
	bool older = form_record_since_draft(&s->rec, json_object_get(d, "base"));
	app_flash(v->app, false, "%s", form_draft_note(older));
	if (older)
		start_merge(v);
	json_decref(d);
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

/* The request's id, or 0 when nothing was sent. */
static int start_save(struct view *v)
{
	struct unit_state *s = v->state;
	struct session *ss = app_session(v->app);
	form_clear_errors(s->f, NROWS);
	const char *staff = s->f[ROW_STAFF].buf;
	if (*staff && strspn(staff, "0123456789") != strlen(staff)) {
		snprintf(s->f[ROW_STAFF].error, sizeof s->f[ROW_STAFF].error, "%s", _("A whole number"));
		s->focus = ROW_STAFF;
		return 0;
	}
	if (form_record_in_conflict(&s->rec)) {
		start_merge(v);   /* never over the other version unseen */
		return 0;
	}
	json_t *body = to_json(s);
	char path[128], etag[32];
	snprintf(path, sizeof path, "/units/%s", ss->unit);
	snprintf(etag, sizeof etag, "\"%lld\"", s->rec.version);
	int id = api_save(v, TAG_SAVE, "PUT", path, body, etag);
	json_decref(body);
	return id;
}

static void unit_reply(struct view *v, const struct api_reply *r)
{
	struct unit_state *s = v->state;
	if (r->ok && r->tag == TAG_THEIRS) {
		form_record_conflict(&s->rec, r->body);   /* underneath: the edits stay */
		start_merge(v);
		return;
	}
	if (r->ok) {
		if (r->tag == TAG_LOAD && s->dirty)
			return;   /* a reload never goes over edits not yet saved */
		fill(s, r->body);
		if (r->tag == TAG_SAVE) {
			drafts_drop(user_of(v), DRAFT_KEY);
			app_flash(v->app, false, "%s", _("Saved"));
		} else if (s->draft) {
			resume_draft(v);
		}
		return;
	}
	if (r->tag == TAG_SAVE && r->status == 412) {
		app_flash(v->app, true, "%s",
			  _("Someone else changed this record meanwhile: your edits are kept; compare them with the other version"));
		load(v, TAG_THEIRS);
		return;
	}
	/* the field the service named ("staff_last_year", "unit.bank.account"),
	 * with its reason beside it; the focus goes there */
	struct field *f = form_field_for_path(s->f, NROWS, r->field);
	if (f) {
		int i = (int)(f - s->f);
		const char *text = api_problem_text(r->code);
		if (r->code && strcmp(r->code, "invalid_field") == 0)   /* why, in words */
			snprintf(f->error, sizeof f->error, _("%s: it should be %s"),
				 text ? text : r->message, _(rule_words[rows[i].rule]));
		else
			form_mark_problem(f, text, r->message);
		s->focus = i;
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
	form_error_line(w, c->y + c->rows - 1, c->x, c->cols, form_error_of(&s->f[s->focus], s->f, NROWS));
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
	start_save(v);
	return H_REDRAW;
}

/* R: the record as the service has it now (unsaved edits are asked about) */
static unsigned unit_refresh(struct view *v, enum action a)
{
	struct unit_state *s = v->state;
	if (s->dirty) {
		app_flash(v->app, true, "%s", _("Save or leave the form first: a reload would drop your edits"));
		return H_REDRAW;
	}
	load(v, TAG_LOAD);
	return H_REDRAW;
}

static void unit_close(struct view *v)
{
	struct unit_state *s = v->state;
	if (s->dirty)
		write_draft(v);   /* anzhi is ending: the edits wait as a draft */
	form_record_free(&s->rec);
	json_decref(s->draft);
	json_decref(s->merge);
}

static bool unit_wants_text(struct view *v)
{
	return true;   /* a read-only field says so rather than let a letter act */
}

static unsigned unit_key(struct view *v, int key)
{
	struct unit_state *s = v->state;
	if (s->f[s->focus].kind == FIELD_READONLY && key >= 0x20 && key != 0x7f && key < 0x110000) {
		app_flash(v->app, true, _("%s is kept by the federation: the unit cannot change it here"),
			  _(s->f[s->focus].label));
		return H_REDRAW;
	}
	if (!field_key(&s->f[s->focus], key))
		return H_UNKNOWN;
	s->dirty = true;
	return H_REDRAW;
}

static bool unit_dirty(struct view *v)
{
	struct unit_state *s = v->state;
	return s->dirty;
}

static void unit_discard(struct view *v)
{
	struct unit_state *s = v->state;
	s->dirty = false;
	drafts_drop(user_of(v), DRAFT_KEY);
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
	.resume = unit_resume,
	.dirty = unit_dirty,
	.save = start_save,
	.discard = unit_discard,
};
