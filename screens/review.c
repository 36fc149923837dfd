/* review (审核表): one case as a reviewer decides it (SPEC §5.2) — the person,
 * contracts and certificates, the month grid with the system's seven checks
 * (the reason of every ✗ and the import it used below), a dispatch case's
 * three items with their materials, the unit's materials (Tab; Enter shows
 * one inside the terminal, screens/viewer.c). Per row 有效 (v) / 无效 (x: a common reason, or typed); 确认 sends the
 * case's decisions in one request through the outbox and draws the next case
 * at once from what the queue fetched ahead; V marks every pending row 有效
 * and does the same. System-confirmed and decided rows are shown, not open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/person_form.h"
#include "screens/queue.h"
#include "screens/review_case.h"
#include "screens/review_text.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = 1, TAG_REASONS };
enum { ASK_REASON = 1, ASK_SKIP };
enum focus { F_ROWS, F_MATS, F_REASONS };
enum { C_KEY, C_CHECK0, C_LEVEL = C_CHECK0 + CHECK__COUNT, C_RESULT, C_CHOICE, C_BY, C_NCOLS };

#define CHECK_COLS                                                   \
	{ N_("Wage"), NULL, 4, 4, 0, false, false },                 \
	{ N_("Social"), N_("Soc."), 4, 4, 0, false, false },         \
	{ N_("Medical"), N_("Med."), 4, 4, 0, false, false },        \
	{ N_("Cert."), NULL, 6, 6, 0, false, false },                \
	{ N_("Age"), NULL, 6, 6, 0, false, false },                  \
	{ N_("Contract"), N_("Ctr."), 4, 4, 0, false, false },       \
	{ N_("Sole unit"), N_("Sole"), 8, 8, 1, false, false },      \
	{ N_("Level"), N_("Lvl"), 4, 6, 2, false, false },           \
	{ N_("Result"), N_("Res."), 8, 8, 0, false, false },         \
	{ N_("Decision"), N_("Dec."), 6, 8, 0, false, false },       \
	{ N_("Reviewed by"), NULL, 8, 24, 3, false, false }

/* A dispatch case's items need a wider first column than months do. */
static const struct table_col month_cols[C_NCOLS] = {
	{ N_("Month"), NULL, 6, 6, 0, false, false }, CHECK_COLS,
};
static const struct table_col item_cols[C_NCOLS] = {
	{ N_("Month or item"), NULL, 12, 12, 0, false, false }, CHECK_COLS,
};
static const struct table_col mat_cols[] = {
	{ N_("Material"), NULL, 12, 30, 0, false, false },
	{ N_("File"), NULL, 12, 40, 0, false, false },
	{ N_("Size"), NULL, 6, 10, 1, true, true },
	{ N_("Uploaded at"), NULL, 16, 19, 2, false, false },
};
static const struct table_col reason_cols[] = {
	{ N_("Reason for invalid"), NULL, 20, 76, 0, false, false },
};

struct rv_state {
	long id;
	struct review_case c;
	bool loaded;
	int load_req;
	struct table t, m, r;     /* decisions, materials, the reason picker */
	bool wide;                /* t has the items' columns */
	enum focus focus;
	json_t *reasons;          /* {"reasons":[…]} when not the queue's */
	json_t *picks;            /* the texts the picker offers, in its order */
	json_t *proposal;         /* decisions to show again (undo, the outbox) */
	int outbox_id;            /* the refused outbox entry being decided anew, 0 */
	struct person_form pf;    /* labels of the contracts and certificates */
};

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static const char *level_label(long long lv)
{
	static const char *const lv_ids[] = { "", N_("Level 1"), N_("Level 2"), N_("Level 3"),
					      N_("Level 4"), N_("Level 5"), N_("Level 6"),
					      N_("Level 7"), N_("Level 8") };
	return lv >= 1 && lv <= 8 ? _(lv_ids[lv]) : "";
}

/* ------------------------------------------------------------ the rows */

static const char *choice_label(const struct rc_row *r)
{
	return r->choice == MONTH_DECISION_NONE ? (rc_open(r) ? "?" : "")
						 : month_decision_label(r->choice);
}

static void fill_row(struct rv_state *s, int i)
{
	const struct rc_row *r = &s->c.rows[i];
	table_set(&s->t, i, C_KEY, r->item ? dispatch_item_label(r->which) : r->key);
	const json_t *checks = json_object_get(r->src, "checks");
	for (int k = 0; k < CHECK__COUNT; k++) {
		const json_t *ck = json_object_get(checks, wire_check_word((enum check_kind)k));
		table_set(&s->t, i, C_CHECK0 + k, "");
		if (json_is_object(ck))   /* ✓/✗, or 通过/不通过 when marks are spoken */
			table_set_mark(&s->t, i, C_CHECK0 + k, json_is_true(json_object_get(ck, "ok")), NULL);
	}
	table_set(&s->t, i, C_LEVEL, level_label(json_integer_value(json_object_get(r->src, "cert_level"))));
	table_set(&s->t, i, C_RESULT, month_decision_label(r->result));
	table_set(&s->t, i, C_CHOICE, choice_label(r));
	table_set(&s->t, i, C_BY, jstr(r->src, "reviewer"));
	table_set_style(&s->t, i, r->choice == MONTH_DECISION_VALID ? STYLE_OK
			: r->choice == MONTH_DECISION_INVALID ? STYLE_FAIL
			: rc_open(r) ? STYLE_PENDING : STYLE_NORMAL);
}

static void fill_materials(struct rv_state *s)
{
	const json_t *mats = json_object_get(s->c.pl, "materials"), *m;
	size_t i;
	table_resize(&s->m, (int)json_array_size(mats));
	json_array_foreach(mats, i, m) {
		enum material_kind k;
		char size[32];
		snprintf(size, sizeof size, "%lld KB",
			 (json_integer_value(json_object_get(m, "size")) + 1023) / 1024);
		table_set(&s->m, (int)i, 0, wire_material_parse(jstr(m, "kind"), &k)
					    ? material_kind_label(k) : jstr(m, "kind"));
		table_set(&s->m, (int)i, 1, jstr(m, "filename"));
		table_set(&s->m, (int)i, 2, size);
		table_set(&s->m, (int)i, 3, jstr(m, "uploaded_at"));
	}
}

/* The grid of months (and items): marks in the check columns, the month or
 * item naming a row (read-row says it first). */
static void init_grid(struct rv_state *s, bool wide)
{
	table_init(&s->t, wide ? item_cols : month_cols, C_NCOLS, false);
	s->t.cursor_span = 1;
	s->t.mark_cols = ((1u << CHECK__COUNT) - 1) << C_CHECK0;
	s->t.key_cols = 1u << C_KEY;
	s->wide = wide;
}

static void fill(struct rv_state *s)
{
	bool wide = false;
	for (int i = 0; i < s->c.n; i++)
		wide = wide || s->c.rows[i].item;
	if (wide != s->wide) {
		table_free(&s->t);
		init_grid(s, wide);
	}
	table_resize(&s->t, s->c.n);
	for (int i = 0; i < s->c.n; i++)
		fill_row(s, i);
	fill_materials(s);
	pf_from_json(&s->pf, s->c.pl);
}

/* The first row awaiting a decision, else the first a person decided
 * (another reviewer's, when a decision came back refused), else the first. */
static void cursor_to_open(struct rv_state *s)
{
	for (int i = 0; i < s->c.n; i++)
		if (rc_open(&s->c.rows[i]) && s->c.rows[i].choice == MONTH_DECISION_NONE) {
			table_select_row(&s->t, i);
			return;
		}
	for (int i = 0; i < s->c.n; i++)
		if (wire_decision_is_reviewers(s->c.rows[i].result)) {
			table_select_row(&s->t, i);
			return;
		}
	table_goto(&s->t, 0);
}

/* ------------------------------------------------------------ the case */

/* Shows pl (the case s->id, or the next one): what was chosen on the same case
 * stays; a proposal brought back sets the rows that still await review. */
static void set_case(struct view *v, json_t *pl)
{
	struct rv_state *s = v->state;
	bool same = s->loaded && s->c.id == (long)json_integer_value(json_object_get(pl, "id"));
	rc_load(&s->c, pl, same ? &s->c : NULL);
	if (s->proposal && rc_apply_body(&s->c, s->proposal) == 0 && !same)
		app_flash(v->app, true, "%s", _("Nothing of it awaits review any more: another reviewer decided it"));
	json_decref(s->proposal);
	s->proposal = NULL;
	s->loaded = true;
	fill(s);
	if (!same)
		cursor_to_open(s);
	struct view *q = queue_under(v);
	if (q) {
		queue_follow(q, s->id);
		queue_prefetch(q, queue_next(q, s->id));   /* read while this one is */
	}
}

/* Case id on screen: at once when the queue fetched it ahead, and asked
 * afresh anyway (another reviewer may have decided meanwhile). */
static void show_case(struct view *v, long id)
{
	struct rv_state *s = v->state;
	struct view *q = queue_under(v);
	json_t *cached = q ? queue_cached(q, id) : NULL;
	char path[64];
	if (s->load_req)
		api_cancel(v->app, s->load_req);
	s->id = id;
	s->focus = F_ROWS;
	if (cached)
		set_case(v, cached);
	else
		s->loaded = false;
	snprintf(path, sizeof path, "/placements/%ld", id);
	s->load_req = api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

static int rv_open(struct view *v, const struct screen_args *args)
{
	struct rv_state *s = v->state;
	init_grid(s, false);
	table_init(&s->m, mat_cols, 4, false);
	s->m.key_cols = 1u << 1;   /* the file */
	table_init(&s->r, reason_cols, 1, false);
	rc_init(&s->c);
	pf_init(&s->pf);
	if (args && args->json) {   /* decisions brought back from the outbox */
		s->proposal = json_incref(json_object_get(args->json, "proposal"));
		s->outbox_id = (int)json_integer_value(json_object_get(args->json, "outbox_id"));
	}
	if (!queue_under(v))
		api_call(v, TAG_REASONS, "GET", "/review/reasons", NULL, NULL);
	show_case(v, args ? args->id : 0);
	return 0;
}

/* ------------------------------------------------------------ drawing */

static int put(WINDOW *w, int y, int x, int width, enum style st, const char *text)
{
	char buf[1400], *clean = text_clean(text);
	wattrset(w, theme_attr(st));
	text_fit(buf, sizeof buf, clean, width, 0);
	mvwaddstr(w, y, x, buf);
	wattrset(w, theme_attr(STYLE_NORMAL));
	free(clean);
	return y + 1;
}

static int draw_header(struct view *v, struct canvas *c, int y)
{
	struct rv_state *s = v->state;
	char line[1400], pos[48] = "";
	struct view *q = queue_under(v);
	int at = 0, total = 0;
	if (q)
		queue_position(q, s->id, &at, &total);
	if (at)
		snprintf(pos, sizeof pos, " %d/%d", at, total);
	int n = snprintf(line, sizeof line, "%s%s - %s - %s - %s", _("Review"), pos,
			 jstr(json_object_get(s->c.pl, "person"), "name"), jstr(s->c.pl, "uscc"),
			 placement_status_label(placement_status_of(s->c.pl)));
	json_t *next = q ? queue_cached(q, queue_peek_next(q, s->id)) : NULL;
	if (next)   /* fetched ahead: moving on waits for nothing */
		snprintf(line + n, sizeof line - (size_t)n, "  %s %s", _("next:"),
			 jstr(json_object_get(next, "person"), "name"));
	y = put(c->w, y, c->x, c->cols, STYLE_TITLE, line);
	rt_person_line(s->c.pl, &s->pf, line, sizeof line);
	y = put(c->w, y, c->x, c->cols, STYLE_NORMAL, line);
	rt_contracts_line(&s->pf, line, sizeof line);
	return put(c->w, y, c->x, c->cols, STYLE_DIM, line);
}

/* Below the grid: why the cursor's month failed, who decided it, the
 * reason chosen; for an item, its material. */
static void draw_detail(struct rv_state *s, struct canvas *c, int y, int bottom)
{
	struct rt_line lines[12];
	int n = rt_detail(&s->c, table_cursor_row(&s->t), lines, 12);
	for (int i = 0; i < n && y < bottom; i++)
		y = put(c->w, y, c->x, c->cols, lines[i].style, lines[i].text);
}

static void rv_draw(struct view *v, struct canvas *c)
{
	struct rv_state *s = v->state;
	int y = c->y, bottom = c->y + c->rows;
	if (!s->loaded) {
		put(c->w, y, c->x, c->cols, STYLE_TITLE, _("Review"));
		put(c->w, y + 1, c->x, c->cols, STYLE_DIM, _("Loading..."));
		canvas_focus(c, y + 1, c->x);
		return;
	}
	y = draw_header(v, c, y);
	if (s->focus == F_MATS) {
		put(c->w, y, c->x, c->cols, STYLE_HEADER, _("The unit's materials (Enter opens one, Tab goes back)"));
		table_draw(&s->m, c->w, y + 1, c->x, bottom - y - 1, c->cols);
		canvas_focus(c, s->m.cursor_y >= 0 ? s->m.cursor_y : y, c->x);
		return;
	}
	int rows = s->c.n + 1;
	if (s->focus == F_REASONS) {
		char line[300];
		snprintf(line, sizeof line, _("Why is %s invalid? Enter picks, Esc cancels"),
			 table_get(&s->t, table_cursor_row(&s->t), C_KEY));
		put(c->w, y, c->x, c->cols, STYLE_HEADER, line);
		table_draw(&s->r, c->w, y + 1, c->x, bottom - y - 1, c->cols);
		canvas_focus(c, s->r.cursor_y >= 0 ? s->r.cursor_y : y, c->x);
		return;
	}
	table_draw(&s->t, c->w, y, c->x, rows < bottom - y ? rows : bottom - y, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
	draw_detail(s, c, y + rows, bottom);
}

/* ------------------------------------------------------------ moving on */

/* The case's choices into the outbox (sent in the background): false, with
 * the reason flashed, when there is nothing to send or no session. */
static bool to_outbox(struct view *v)
{
	struct rv_state *s = v->state;
	json_t *body = rc_body(&s->c);
	char path[64], etag[32], label[400];
	if (!body) {
		app_flash(v->app, true, "%s", _("Nothing decided yet: v valid, x invalid, V all valid"));
		return false;
	}
	snprintf(path, sizeof path, "/placements/%ld/review", s->id);
	snprintf(etag, sizeof etag, "\"%lld\"", s->c.version);
	rc_label(&s->c, label, sizeof label);
	int added = app_outbox_add(v->app, "PUT", path, etag, body, s->id, label);
	json_decref(body);
	if (!added) {
		app_flash(v->app, true, "%s", _("Not signed in: sign in again to send decisions"));
		return false;
	}
	if (s->outbox_id)   /* decided anew: the refused entry has had its answer */
		app_outbox_drop(v->app, s->outbox_id);
	s->outbox_id = 0;
	return true;
}

/* Drops the choices not sent (they are in the outbox, or discarded). */
static void clear_choices(struct rv_state *s)
{
	for (int i = 0; i < s->c.n; i++)
		if (s->c.rows[i].choice != MONTH_DECISION_NONE &&
		    rc_choose(&s->c, i, MONTH_DECISION_NONE, NULL))
			fill_row(s, i);
}

/* The case's decisions go to the outbox; the next case is drawn at once. */
static unsigned send_and_next(struct view *v)
{
	struct rv_state *s = v->state;
	if (!to_outbox(v))
		return H_REDRAW;
	clear_choices(s);   /* sent: nothing left to ask about on the way out */
	struct view *q = queue_under(v);
	long next = q ? queue_next(q, s->id) : 0;
	if (!next) {
		app_flash(v->app, false, "%s", _("Decided: no more cases to review here"));
		return H_CLOSE;
	}
	app_flash(v->app, false, "%s", _("Decided: in the outbox (u takes it back)"));
	show_case(v, next);
	return H_REDRAW;
}

static unsigned rv_all_valid(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	if (rc_choose_all_valid(&s->c) == 0) {
		app_flash(v->app, true, "%s", _("Nothing here awaits review"));
		return H_REDRAW;
	}
	fill(s);
	return send_and_next(v);
}

static unsigned rv_confirm(struct view *v, enum action a)
{
	return send_and_next(v);
}

static unsigned rv_valid(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	int i = table_cursor_row(&s->t);
	if (!rc_choose(&s->c, i, MONTH_DECISION_VALID, NULL)) {
		app_flash(v->app, true, "%s", _("Not awaiting review: confirmed by the system, decided already, or its materials are missing"));
		return H_REDRAW;
	}
	fill_row(s, i);
	return H_REDRAW | H_NEXT_ROW;
}

/* The picker: the common reasons that fit the row first; "type one" on top. */
static void fill_picker(struct view *v, int row)
{
	struct rv_state *s = v->state;
	struct view *q = queue_under(v);
	json_t *ranked = rt_reasons_for(&s->c, row, q && queue_reasons(q) ? queue_reasons(q)
									  : s->reasons);
	json_decref(s->picks);
	s->picks = json_array();
	json_array_append_new(s->picks, json_string(""));   /* row 0: type a reason */
	json_array_extend(s->picks, ranked);
	json_decref(ranked);
	table_resize(&s->r, (int)json_array_size(s->picks));
	table_set(&s->r, 0, 0, _("(type a reason of your own)"));
	for (size_t i = 1; i < json_array_size(s->picks); i++)
		table_set(&s->r, (int)i, 0, json_string_value(json_array_get(s->picks, i)));
	table_goto(&s->r, json_array_size(s->picks) > 1 ? 1 : 0);
}

static unsigned rv_invalid(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	int i = table_cursor_row(&s->t);
	if (i < 0 || !rc_open(&s->c.rows[i])) {
		app_flash(v->app, true, "%s", _("Not awaiting review: confirmed by the system, decided already, or its materials are missing"));
		return H_REDRAW;
	}
	fill_picker(v, i);
	s->focus = F_REASONS;
	return H_REDRAW;
}

/* A reason chosen (or typed) for the cursor's row: 无效, and on to the next row. */
static unsigned set_invalid(struct view *v, const char *reason)
{
	struct rv_state *s = v->state;
	int i = table_cursor_row(&s->t);
	s->focus = F_ROWS;
	if (!reason || !*reason)
		return H_REDRAW;
	rc_choose(&s->c, i, MONTH_DECISION_INVALID, reason);
	fill_row(s, i);
	return H_REDRAW | H_NEXT_ROW;
}

/* To the unit's materials, the cursor on what proves the row under the
 * cursor (rc_proof_material) when it was uploaded. */
static void to_materials(struct rv_state *s)
{
	int proof = rc_proof_material(&s->c, table_cursor_row(&s->t));
	s->focus = F_MATS;
	if (proof >= 0)
		table_select_row(&s->m, proof);
}

static unsigned rv_enter(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	if (s->focus == F_REASONS) {
		int p = table_cursor_row(&s->r);
		if (p <= 0) {
			app_prompt(v, ASK_REASON, _("Reason for invalid:"), "", 0);
			return H_REDRAW;
		}
		return set_invalid(v, json_string_value(json_array_get(s->picks, (size_t)p)));
	}
	if (s->focus == F_MATS) {
		/* shown inside the terminal: remote staff have no viewer of their own */
		int r = table_cursor_row(&s->m);
		json_t *m = json_array_get(json_object_get(s->c.pl, "materials"), (size_t)r);
		enum material_kind k;
		if (!m)
			return H_REDRAW;
		app_push(v->app, &screen_viewer, &(struct screen_args){
			.id = s->id, .json = m,
			.text = wire_material_parse(jstr(m, "kind"), &k) ? material_kind_label(k) : "" });
		return H_REDRAW;
	}
	to_materials(s);   /* Enter on a row: the materials that prove it */
	return H_REDRAW;
}

static unsigned rv_tab(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	if (s->focus == F_ROWS)
		to_materials(s);
	else
		s->focus = F_ROWS;
	return H_REDRAW;
}

static unsigned rv_material(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	if (s->focus != F_MATS) {
		to_materials(s);
		return H_REDRAW;
	}
	return rv_enter(v, a);
}

static unsigned rv_back(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	if (s->focus != F_ROWS) {
		s->focus = F_ROWS;
		return H_REDRAW;
	}
	return H_CLOSE;   /* decisions not sent are asked about on the way out (leave.c) */
}

static unsigned rv_skip(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	struct view *q = queue_under(v);
	long next = q ? queue_next(q, s->id) : 0;
	if (!next) {
		app_flash(v->app, false, "%s", _("No more cases to review here"));
		return H_REDRAW;
	}
	if (rc_chosen_count(&s->c) > 0) {
		app_confirm(v, ASK_SKIP, _("Go on without sending this case's decisions?"));
		return H_REDRAW;
	}
	show_case(v, next);
	return H_REDRAW;
}

static unsigned rv_undo(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	json_t *body;
	long ref = app_outbox_undo(v->app, &body);
	if (!ref) {
		app_flash(v->app, true, "%s", _("Nothing to take back: the last decision has gone out"));
		return H_REDRAW;
	}
	json_decref(s->proposal);
	s->proposal = body;   /* the case comes back with what was decided on it */
	s->loaded = false;
	show_case(v, ref);
	app_flash(v->app, false, "%s", _("Taken back: the case awaits your review again"));
	return H_REDRAW;
}

static unsigned rv_history(struct view *v, enum action a)
{
	app_push(v->app, &screen_history, &(struct screen_args){ .id = ((struct rv_state *)v->state)->id });
	return H_REDRAW;
}

static unsigned rv_outbox(struct view *v, enum action a)
{
	app_push(v->app, &screen_outbox, NULL);
	return H_REDRAW;
}

static unsigned rv_refresh(struct view *v, enum action a)
{
	struct rv_state *s = v->state;
	show_case(v, s->id);
	return H_REDRAW;
}

static unsigned rv_answer(struct view *v, int tag, const char *text)
{
	struct rv_state *s = v->state;
	if (tag == ASK_REASON)
		return set_invalid(v, text);
	if (tag == ASK_SKIP && text) {
		struct view *q = queue_under(v);
		long next = q ? queue_next(q, s->id) : 0;
		if (next)
			show_case(v, next);
	}
	return H_REDRAW;
}

static void rv_reply(struct view *v, const struct api_reply *r)
{
	struct rv_state *s = v->state;
	if (r->tag == TAG_REASONS) {
		if (r->ok) {
			json_decref(s->reasons);
			s->reasons = json_incref(r->body);
		}
		return;
	}
	if (r->code && strcmp(r->code, "cancelled") == 0)
		return;   /* another case was asked for meanwhile */
	s->load_req = 0;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	if ((long)json_integer_value(json_object_get(r->body, "id")) == s->id)
		set_case(v, r->body);
}

/* Decisions chosen and not yet in the outbox: the way out asks about them
 * (leave.c), whichever way it goes — back, quit, logout. */
static bool rv_dirty(struct view *v)
{
	return rc_chosen_count(&((struct rv_state *)v->state)->c) > 0;
}

/* Save: into the outbox, which sends them in the background — no request to
 * wait for, so 0; the form is clean then and the leave goes on. */
static int rv_save(struct view *v)
{
	if (to_outbox(v))
		clear_choices(v->state);
	return 0;
}

static void rv_discard(struct view *v)
{
	clear_choices(v->state);
}

static void rv_close(struct view *v)
{
	struct rv_state *s = v->state;
	rc_free(&s->c);
	table_free(&s->t);
	table_free(&s->m);
	table_free(&s->r);
	json_decref(s->reasons);
	json_decref(s->picks);
	json_decref(s->proposal);
}

static struct table *rv_list(struct view *v)
{
	struct rv_state *s = v->state;
	if (!s->loaded)
		return NULL;
	return s->focus == F_MATS ? &s->m : s->focus == F_REASONS ? &s->r : &s->t;
}

static unsigned rv_holds(struct view *v)
{
	return ((struct rv_state *)v->state)->loaded ? NEED_RECORD : 0;
}

#define FED ROLES_FEDERATION

static const struct screen_action rv_actions[] = {
	{ .act = ACT_MONTH_VALID, .run = rv_valid, .needs = NEED_RECORD | NEED_ROW, .roles = FED, .hint = true },
	{ .act = ACT_MONTH_INVALID, .run = rv_invalid, .needs = NEED_RECORD | NEED_ROW, .roles = FED, .hint = true },
	{ .act = ACT_MONTH_ALL_VALID, .run = rv_all_valid, .needs = NEED_RECORD, .roles = FED, .hint = true },
	{ .act = ACT_CONFIRM, .run = rv_confirm, .needs = NEED_RECORD, .roles = FED, .hint = true },
	{ .act = ACT_REVIEW_NEXT, .run = rv_skip, .roles = FED, .hint = true },
	{ .act = ACT_UNDO, .run = rv_undo, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = rv_tab, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_HISTORY, .run = rv_history, .hint = true },
	{ .act = ACT_BACK, .run = rv_back, .hint = true },
	{ .act = ACT_OPEN, .run = rv_enter, .needs = NEED_RECORD },
	{ .act = ACT_OPEN_MATERIAL, .run = rv_material, .needs = NEED_RECORD },
	{ .act = ACT_PREV_FIELD, .run = rv_tab, .needs = NEED_RECORD },
	{ .act = ACT_OUTBOX, .run = rv_outbox },
	{ .act = ACT_REFRESH, .run = rv_refresh },
	{ .act = ACT_HELP, .run = NULL },
};

const struct screen screen_review = {
	.name = "review",
	.state_size = sizeof(struct rv_state),
	.open = rv_open,
	.draw = rv_draw,
	SCREEN_ACTIONS(rv_actions),
	.reply = rv_reply,
	.close = rv_close,
	.holds = rv_holds,
	.list = rv_list,
	.answer = rv_answer,
	.dirty = rv_dirty,
	.save = rv_save,
	.discard = rv_discard,
};
