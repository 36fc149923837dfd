/* person: 基本信息, 合同管理 and 残疾证管理 of one placement in one form — the
 * form on screen: its layout, the focus, the keys and the actions.  What
 * goes to the service and the drafts is person_io.c's: the ID number's
 * checks and look-ups, save with If-Match, the 412 merge, the draft.
 * 保存,下一步 (next-step) saves and goes to the month grid.  Unsaved edits
 * are the loop's to ask about on the way out (dirty / save / discard). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ident.h"
#include "screens/person.h"
#include "ui/form.h"
#include "ui/text.h"
#include "ui/theme.h"

/* Lays the form out: two fields a line for the person, rows below. */
void person_layout(struct person_state *s)
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

void person_focus_field(struct person_state *s, const struct field *f)
{
	person_layout(s);
	for (int i = 0; i < s->nitems; i++)
		if (s->items[i].f == f)
			s->focus = i;
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
	person_layout(s);
	wattrset(w, theme_attr(STYLE_TITLE));
	snprintf(lab, sizeof lab, "%s%s%s%s%s", s->id ? _("Person") : _("New person"), s->dirty ? " *" : "",
		 s->loading ? _(" (loading...)") : "", form_record_note(&s->rec),
		 s->locked ? _(" (read only: the list is locked)") : "");
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

static int person_open(struct view *v, const struct screen_args *args)
{
	struct person_state *s = v->state;
	person_io_open(v, args);
	person_layout(s);
	return 0;
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

static unsigned say_locked(struct view *v)
{
	struct person_state *s = v->state;
	app_flash(v->app, true, "%s", s->locked);
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
	if (s->locked)
		return say_locked(v);
	if (contracts ? pf_add_contract(&s->pf) : pf_add_cert(&s->pf)) {
		s->dirty = true;
		person_layout(s);
		person_focus_field(s, contracts ? &s->pf.c[s->pf.nc - 1].f[0] : &s->pf.x[s->pf.nx - 1].f[0]);
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
	person_layout(s);
	return H_REDRAW;
}

static unsigned person_save(struct view *v, enum action a)
{
	person_start_save(v, a == ACT_NEXT_STEP);
	return H_REDRAW;
}

/* C-p: back a step (the loop asks about unsaved edits) */
static unsigned person_prev_step(struct view *v, enum action a)
{
	return H_CLOSE;
}

static unsigned person_refresh(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	if (s->id)
		person_load(v);
	return H_REDRAW;
}

static unsigned person_calc(struct view *v, enum action a)
{
	struct person_state *s = v->state;
	app_push(v->app, &screen_calc, &(struct screen_args){ .year = s->year });
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
	if (s->locked)
		return say_locked(v);
	if (!field_key(it->f, key))
		return H_UNKNOWN;
	s->dirty = true;
	pf_edited(&s->pf, it->f);
	if (it->f == &s->pf.p[PF_IDNO])
		person_id_changed(v);
	return H_REDRAW;
}

static bool person_dirty(struct view *v)
{
	struct person_state *s = v->state;
	return s->dirty && !s->locked;
}

static int person_save_for_leave(struct view *v)
{
	return person_start_save(v, false);
}

static unsigned person_holds(struct view *v)
{
	struct person_state *s = v->state;
	return (s->loading ? 0 : NEED_RECORD) | (s->locked ? 0 : NEED_UNLOCKED);
}

static const char *person_locked_why(struct view *v)
{
	struct person_state *s = v->state;
	return s->locked;
}

static int person_year(struct view *v)
{
	struct person_state *s = v->state;
	return s->year;
}

static const struct screen_action person_actions[] = {
	{ .act = ACT_NEXT_STEP, .run = person_save, .hint = true },
	{ .act = ACT_SAVE, .run = person_save, .needs = NEED_UNLOCKED, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = person_next, .hint = true },
	{ .act = ACT_ROW_ADD, .run = person_row_add, .needs = NEED_UNLOCKED, .hint = true },
	{ .act = ACT_ROW_REMOVE, .run = person_row_remove, .needs = NEED_UNLOCKED, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_PREV_FIELD, .run = person_prev },
	{ .act = ACT_MOVE_DOWN, .run = person_next },
	{ .act = ACT_MOVE_UP, .run = person_prev },
	{ .act = ACT_PAGE_DOWN, .run = person_page },
	{ .act = ACT_PAGE_UP, .run = person_page },
	{ .act = ACT_ADD, .run = person_row_add, .needs = NEED_UNLOCKED },
	{ .act = ACT_OPEN, .run = person_row_add },
	{ .act = ACT_DELETE, .run = person_row_remove, .needs = NEED_UNLOCKED },
	{ .act = ACT_PREV_STEP, .run = person_prev_step },
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
	.holds = person_holds,
	.locked_why = person_locked_why,
	.wants_text = person_wants_text,
	.key = person_key,
	.resume = person_resume,
	.dirty = person_dirty,
	.save = person_save_for_leave,
	.discard = person_discard,
	.year = person_year,
};
