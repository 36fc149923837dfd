/* person: 基本信息, 合同管理 and 残疾证管理 of one placement in one form.  The ID
 * number comes first; a valid one fetches the registry and fills what is
 * empty.  Save posts (new) or puts with If-Match; the service's problem
 * `field` is shown beside that field and nothing typed is lost.  保存,下一步
 * (next-step) saves and goes to the month grid.  An unsaved form is kept as a
 * draft when anzhi ends. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "core/ident.h"
#include "screens/person_form.h"
#include "screens/screens.h"
#include "ui/form.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = 1, TAG_REGISTRY, TAG_SAVE, TAG_THEIRS };
enum { ASK_LEAVE = 1, ASK_QUIT };

/* one focusable thing on the form */
enum item_kind { IT_FIELD, IT_CONTRACTS, IT_CONTRACT_ROW, IT_CERTS, IT_CERT_ROW };
struct item {
	enum item_kind kind;
	struct field *f;
	int row;
	int line, col;        /* layout: line number and column half (0/1) */
};

#define MAX_ITEMS (PF_COUNT + 2 + PF_MAX_ROWS * (CF_COUNT + XF_COUNT + 2))

struct person_state {
	struct person_form pf;
	long id;
	int year;              /* the business year a new person goes into */
	struct form_record rec;   /* the PLACEMENT as loaded (and theirs after a 412) */
	int focus;
	int scroll;
	bool dirty;
	bool go_next;          /* open the month grid after the save */
	char fetched[19];      /* the ID number last sent to the registry */
	bool loading;
	struct item items[MAX_ITEMS];
	int nitems, nlines;
	char key_add[32], key_rm[32];   /* the keys bound to row-add/-remove, for the labels */
};

static void draft_path(char *buf, size_t bufsz)
{
	const char *st = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (st && *st)
		snprintf(buf, bufsz, "%s/anzhi/draft.json", st);
	else
		snprintf(buf, bufsz, "%s/.local/state/anzhi/draft.json", home ? home : ".");
}

static void save_draft(struct person_state *s)
{
	char path[1024];
	draft_path(path, sizeof path);
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	/* make the parent folders (…/anzhi) */
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	json_t *j = pf_to_json(&s->pf);
	json_object_set_new(j, "placement_id", json_integer(s->id));
	json_dump_file(j, path, JSON_INDENT(1));
	json_decref(j);
	chmod(path, 0600);
}

static void drop_draft(void)
{
	char path[1024];
	draft_path(path, sizeof path);
	remove(path);
}

/* Lays the form out: two fields a line for the person, rows below. */
static void layout(struct person_state *s)
{
	int n = 0, line = 2;
	struct person_form *pf = &s->pf;
	for (int i = 0; i < PF_COUNT; i++) {
		s->items[n++] = (struct item){ IT_FIELD, &pf->p[i], -1, line, i % 2 };
		if (i % 2 == 1)
			line++;
	}
	line += 1;
	s->items[n++] = (struct item){ IT_CONTRACTS, NULL, -1, line++, 0 };
	for (int r = 0; r < pf->nc; r++) {
		s->items[n++] = (struct item){ IT_CONTRACT_ROW, NULL, r, line++, 0 };
		for (int i = 0; i < CF_COUNT; i++) {
			s->items[n++] = (struct item){ IT_FIELD, &pf->c[r].f[i], r, line, i % 2 };
			if (i % 2 == 1)
				line++;
		}
	}
	line += 1;
	s->items[n++] = (struct item){ IT_CERTS, NULL, -1, line++, 0 };
	for (int r = 0; r < pf->nx; r++) {
		s->items[n++] = (struct item){ IT_CERT_ROW, NULL, r, line++, 0 };
		for (int i = 0; i < XF_COUNT; i++) {
			s->items[n++] = (struct item){ IT_FIELD, &pf->x[r].f[i], r, line, i % 2 };
			if (i % 2 == 1)
				line++;
		}
	}
	s->nitems = n;
	s->nlines = line + 1;
	if (s->focus >= n)
		s->focus = n - 1;
}

static void focus_field(struct person_state *s, const struct field *f)
{
	layout(s);
	for (int i = 0; i < s->nitems; i++)
		if (s->items[i].f == f)
			s->focus = i;
}

static void load(struct view *v)
{
	struct person_state *s = v->state;
	char path[64];
	snprintf(path, sizeof path, "/placements/%ld", s->id);
	s->loading = true;
	api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

static int person_open(struct view *v, const struct screen_args *args)
{
	struct person_state *s = v->state;
	pf_init(&s->pf);
	s->id = args ? args->id : 0;
	s->year = args && args->year ? args->year : app_session(v->app)->year;
	if (s->id) {
		load(v);
	} else {
		/* a draft left by an anzhi that ended abruptly comes back */
		char path[1024];
		draft_path(path, sizeof path);
		json_t *d = json_load_file(path, 0, NULL);
		if (d && json_integer_value(json_object_get(d, "placement_id")) == 0) {
			pf_from_json(&s->pf, d);
			s->dirty = true;
			app_flash(v->app, false, "%s", _("Restored the unsaved draft"));
		}
		json_decref(d);
		if (s->pf.nc == 0)
			pf_add_contract(&s->pf);
		if (s->pf.nx == 0)
			pf_add_cert(&s->pf);
	}
	layout(s);
	return 0;
}

static void derived(struct person_state *s, struct view *v, char *buf, size_t bufsz)
{
	struct idno id;
	buf[0] = '\0';
	if (!idno_parse(field_value(&s->pf.p[PF_IDNO]), &id, NULL))
		return;
	int year = app_session(v->app)->year;
	snprintf(buf, bufsz, _("Gender: %s  Age: %d (in %d)"),
		 id.gender == GENDER_MALE ? _("male") : _("female"), year - id.birth.y, year);
}

static const char *item_label(const struct person_state *s, const struct item *it, char *buf,
			      size_t bufsz)
{
	switch (it->kind) {
	/* the keys as bound now (a user may rebind them); they act on these lines */
	case IT_CONTRACTS:
		snprintf(buf, bufsz, "%s  [%s %s]", _("Contracts"), s->key_add, _("add a contract"));
		break;
	case IT_CERTS:
		snprintf(buf, bufsz, "%s  [%s %s]", _("Disability certificates"), s->key_add,
			 _("add a certificate"));
		break;
	case IT_CONTRACT_ROW:
	case IT_CERT_ROW: {
		char what[160];
		snprintf(what, sizeof what, it->kind == IT_CONTRACT_ROW ? _("Contract %d") : _("Certificate %d"),
			 it->row + 1);
		snprintf(buf, bufsz, "%s  [%s %s]", what, s->key_rm, _("remove"));
		break;
	}
	default:
		snprintf(buf, bufsz, "%s", _(it->f->label));
	}
	return buf;
}

static void person_draw(struct view *v, struct canvas *c)
{
	struct person_state *s = v->state;
	WINDOW *w = c->w;
	char buf[600], lab[300];
	app_keys_for(v, ACT_ROW_ADD, s->key_add, sizeof s->key_add);
	app_keys_for(v, ACT_ROW_REMOVE, s->key_rm, sizeof s->key_rm);
	layout(s);
	wattrset(w, theme_attr(STYLE_TITLE));
	snprintf(lab, sizeof lab, "%s%s%s%s", s->id ? _("Person") : _("New person"), s->dirty ? " *" : "",
		 s->loading ? _(" (loading...)") : "", form_record_note(&s->rec));
	text_fit(buf, sizeof buf, lab, c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	wattrset(w, theme_attr(STYLE_DIM));
	derived(s, v, lab, sizeof lab);
	if (!lab[0])
		snprintf(lab, sizeof lab, "%s", _("Type the ID number: the rest is filled in from the registry"));
	text_fit(buf, sizeof buf, lab, c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	/* the error of the focused field (or the first one) under the title */
	int body = c->rows - 3;
	const struct item *fi = &s->items[s->focus];
	if (fi->line - s->scroll >= body)
		s->scroll = fi->line - body + 1;
	if (fi->line - s->scroll < 2)
		s->scroll = fi->line - 2;
	if (s->scroll < 0)
		s->scroll = 0;
	/* labels as wide as the widest (English ones are longer), at most half
	 * the column so the values keep room */
	int half = c->cols / 2, labw = 8;
	const struct field *ef = fi->kind == IT_FIELD && fi->f->error[0] ? fi->f : NULL;
	for (int i = 0; i < s->nitems; i++)
		if (s->items[i].kind == IT_FIELD) {
			labw = form_label_fold(labw, s->items[i].f);
			if (!ef && s->items[i].f->error[0])
				ef = s->items[i].f;   /* the first complaint when the focus has none */
		}
	if (labw > half * 2 / 5)   /* an 18-digit ID number and its cursor still fit */
		labw = half * 2 / 5;
	for (int i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];
		int y = c->y + it->line - s->scroll;
		if (it->line - s->scroll < 2 || it->line - s->scroll >= body + 2)
			continue;
		bool focus = i == s->focus;
		if (it->kind != IT_FIELD) {
			item_label(s, it, lab, sizeof lab);
			wattrset(w, theme_attr(focus ? STYLE_CURSOR : STYLE_HEADER));
			text_fit(buf, sizeof buf, lab, c->cols, TEXT_PAD);
			mvwaddstr(w, y, c->x, buf);
			if (focus)
				canvas_focus(c, y, c->x);
			continue;
		}
		int cx = form_field_row(w, y, c->x + it->col * half, labw, half, it->f, focus);
		if (focus)   /* a choice list shows no caret, yet has the focus */
			(it->f->kind == FIELD_SELECT ? canvas_focus : canvas_caret)(c, y, cx);
	}
	form_error_line(w, c->y + c->rows - 1, c->x, c->cols, ef);
	wattrset(w, theme_attr(STYLE_NORMAL));
}

static void maybe_fetch_registry(struct view *v)
{
	struct person_state *s = v->state;
	const char *idno = field_value(&s->pf.p[PF_IDNO]);
	struct idno id;
	struct core_error err;
	if (strlen(idno) != 18)
		return;
	if (!idno_parse(idno, &id, &err)) {
		snprintf(s->pf.p[PF_IDNO].error, sizeof s->pf.p[PF_IDNO].error, "%s (%s)",
			 _("Not a valid ID number"), err.msg);
		return;
	}
	if (strcmp(s->fetched, id.number) == 0)
		return;
	snprintf(s->fetched, sizeof s->fetched, "%s", id.number);
	char path[64];
	snprintf(path, sizeof path, "/registry/persons/%s", id.number);
	api_call(v, TAG_REGISTRY, "GET", path, NULL, NULL);
}

static unsigned save(struct view *v, bool next)
{
	struct person_state *s = v->state;
	pf_clear_errors(&s->pf);
	struct field *bad = pf_validate(&s->pf);
	if (bad) {
		focus_field(s, bad);
		app_flash(v->app, true, "%s: %s", _(bad->label), bad->error);
		return H_REDRAW;
	}
	if (!s->dirty && s->id && next) {
		app_push(v->app, &screen_months, &(struct screen_args){ .id = s->id });
		return H_REDRAW;
	}
	json_t *body = pf_to_json(&s->pf);
	struct session *ss = app_session(v->app);
	char path[256], etag[32];
	s->go_next = next;
	if (s->id) {
		snprintf(path, sizeof path, "/placements/%ld", s->id);
		form_record_keep_mine(&s->rec);   /* saving again after a 412: the edits win */
		snprintf(etag, sizeof etag, "\"%lld\"", s->rec.version);
		api_call(v, TAG_SAVE, "PUT", path, body, etag);
	} else {
		snprintf(path, sizeof path, "/units/%s/years/%d/placements", ss->unit ? ss->unit : "-",
			 s->year);
		api_call(v, TAG_SAVE, "POST", path, body, NULL);
	}
	json_decref(body);
	app_flash(v->app, false, "%s", _("Saving..."));
	return H_REDRAW;
}

static void move_focus(struct person_state *s, int d)
{
	s->focus = (s->focus + d + s->nitems) % s->nitems;
}

static unsigned person_next(struct view *v, enum action a)
{
	move_focus(v->state, 1);
	return H_REDRAW;
}

static unsigned person_prev(struct view *v, enum action a)
{
	move_focus(v->state, -1);
	return H_REDRAW;
}

static unsigned person_page(struct view *v, enum action a)
{
	move_focus(v->state, a == ACT_PAGE_DOWN ? 6 : -6);
	return H_REDRAW;
}

/* a (or Enter on a section line): another contract or certificate row */
static unsigned person_row_add(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	struct item *it = &s->items[s->focus];
	bool contracts = it->kind == IT_CONTRACTS || it->kind == IT_CONTRACT_ROW;
	bool certs = it->kind == IT_CERTS || it->kind == IT_CERT_ROW;
	if (!contracts && !certs)
		return a == ACT_OPEN ? person_next(v, a) : H_UNKNOWN;
	if (contracts ? pf_add_contract(&s->pf) : pf_add_cert(&s->pf)) {
		s->dirty = true;
		layout(s);
		focus_field(s, contracts ? &s->pf.c[s->pf.nc - 1].f[0] : &s->pf.x[s->pf.nx - 1].f[0]);
	}
	return H_REDRAW;
}

static unsigned person_row_remove(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	struct item *it = &s->items[s->focus];
	if (it->kind == IT_CONTRACT_ROW)
		pf_remove_contract(&s->pf, it->row);
	else if (it->kind == IT_CERT_ROW)
		pf_remove_cert(&s->pf, it->row);
	else
		return H_UNKNOWN;
	s->dirty = true;
	layout(s);
	return H_REDRAW;
}

static unsigned person_save(struct view *v, enum action a)
{
	return save(v, a == ACT_NEXT_STEP);
}

/* Leaving (or quitting) with unsaved edits asks first; they stay a draft. */
static unsigned person_leave(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	if (s->dirty) {
		app_confirm(v, a == ACT_QUIT ? ASK_QUIT : ASK_LEAVE, _("Leave without saving? (kept as a draft)"));
		return H_REDRAW;
	}
	return a == ACT_QUIT ? H_UNKNOWN : H_CLOSE;
}

static unsigned person_refresh(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	if (s->id)
		load(v);
	return H_REDRAW;
}

static unsigned person_calc(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	app_push(v->app, &screen_calc, &(struct screen_args){ .year = s->year });
	return H_REDRAW;
}

static unsigned person_answer(struct view *v, int tag, const char *text)
{
	if ((tag == ASK_LEAVE || tag == ASK_QUIT) && text) {
		struct person_state *s = v->state;
		save_draft(s);
		s->dirty = false;
		return tag == ASK_QUIT ? H_QUIT : H_CLOSE;
	}
	return H_REDRAW;
}

static bool person_wants_text(struct view *v)
{
	struct person_state *s = v->state;
	return s->items[s->focus].kind == IT_FIELD;
}

static unsigned person_key(struct view *v, int key)
{
	struct person_state *s = v->state;
	struct item *it = &s->items[s->focus];
	if (!field_key(it->f, key))
		return H_UNKNOWN;
	s->dirty = true;
	if (it->f == &s->pf.p[PF_IDNO])
		maybe_fetch_registry(v);
	return H_REDRAW;
}

static void person_reply(struct view *v, const struct api_reply *r)
{
	struct person_state *s = v->state;
	switch (r->tag) {
	case TAG_LOAD:
		s->loading = false;
		if (!r->ok) {
			app_flash(v->app, true, "%s", r->message);
			return;
		}
		pf_from_json(&s->pf, r->body);
		form_record_loaded(&s->rec, r->body);
		snprintf(s->fetched, sizeof s->fetched, "%s", field_value(&s->pf.p[PF_IDNO]));
		s->dirty = false;
		{
			/* unsaved edits of this very person, left when anzhi ended */
			char path[1024];
			draft_path(path, sizeof path);
			json_t *d = json_load_file(path, 0, NULL);
			if (d && json_integer_value(json_object_get(d, "placement_id")) == s->id) {
				pf_from_json(&s->pf, d);
				s->dirty = true;
				app_flash(v->app, false, "%s", _("Restored the unsaved draft"));
			}
			json_decref(d);
		}
		layout(s);
		return;
	case TAG_REGISTRY:
		if (r->status == 404) {
			app_flash(v->app, false, "%s", _("Not in the disability registry: fill in by hand"));
			return;
		}
		if (!r->ok) {
			app_flash(v->app, true, "%s", r->message);
			s->fetched[0] = '\0';   /* try again on the next edit */
			return;
		}
		{
			int n = pf_autofill(&s->pf, r->body);
			layout(s);
			app_flash(v->app, false, _("Filled %d fields from the registry"), n);
		}
		return;
	case TAG_SAVE:
		if (r->ok) {
			s->id = (long)json_integer_value(json_object_get(r->body, "id"));
			form_record_loaded(&s->rec, r->body);
			s->dirty = false;
			drop_draft();
			app_flash(v->app, false, "%s", _("Saved"));
			if (s->go_next && s->id)
				app_push(v->app, &screen_months, &(struct screen_args){ .id = s->id });
			return;
		}
		if (r->status == 412) {
			/* theirs goes underneath; nothing typed is lost */
			app_flash(v->app, true, "%s", _("Someone else changed this record meanwhile: your edits are kept. Save again to keep them, or refresh to take the other version."));
			char path[64];
			snprintf(path, sizeof path, "/placements/%ld", s->id);
			api_call(v, TAG_THEIRS, "GET", path, NULL, NULL);
			return;
		}
		{
			/* mark the field the service named (the label is beside it:
			 * only the complaint); everything typed stays */
			struct field *f = pf_field_for_path(&s->pf, r->field);
			if (f) {
				form_mark_problem(f, api_problem_text(r->code), r->message);
				focus_field(s, f);
			}
			app_flash(v->app, true, "%s", r->message);
		}
		return;
	case TAG_THEIRS:
		if (r->ok)
			form_record_conflict(&s->rec, r->body);
		else
			app_flash(v->app, true, "%s", r->message);
		return;
	}
}

/* back from the month grid: the placement's version moved on, so reload */
static void person_resume(struct view *v)
{
	struct person_state *s = v->state;
	if (s->id && !s->dirty)
		load(v);
}

static void person_close(struct view *v)
{
	struct person_state *s = v->state;
	if (s->dirty)
		save_draft(s);
	form_record_free(&s->rec);
}

static const struct screen_action person_actions[] = {
	{ .act = ACT_NEXT_STEP, .run = person_save, .hint = true },
	{ .act = ACT_SAVE, .run = person_save, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = person_next, .hint = true },
	{ .act = ACT_ROW_ADD, .run = person_row_add, .hint = true },
	{ .act = ACT_ROW_REMOVE, .run = person_row_remove, .hint = true },
	{ .act = ACT_BACK, .run = person_leave, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_PREV_FIELD, .run = person_prev },
	{ .act = ACT_MOVE_DOWN, .run = person_next },
	{ .act = ACT_MOVE_UP, .run = person_prev },
	{ .act = ACT_PAGE_DOWN, .run = person_page },
	{ .act = ACT_PAGE_UP, .run = person_page },
	{ .act = ACT_ADD, .run = person_row_add },
	{ .act = ACT_OPEN, .run = person_row_add },
	{ .act = ACT_DELETE, .run = person_row_remove },
	{ .act = ACT_PREV_STEP, .run = person_leave },
	{ .act = ACT_QUIT, .run = person_leave },
	{ .act = ACT_REFRESH, .run = person_refresh },
	{ .act = ACT_CALC, .run = person_calc },
};

const struct screen screen_person = {
	.name = "person",
	.state_size = sizeof(struct person_state),
	.open = person_open,
	.draw = person_draw,
	SCREEN_ACTIONS(person_actions),
	.reply = person_reply,
	.close = person_close,
	.wants_text = person_wants_text,
	.key = person_key,
	.answer = person_answer,
	.resume = person_resume,
};
