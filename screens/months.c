/* months: the month grid of one placement — a tick column (registered months),
 * one column per check with ✓/✗, certificate type and level, the result; the
 * failure reasons of the cursor row in words below, with the seed's hint about
 * a wrong credit code beside wage/insurance failures.  Save puts the months;
 * next-step goes on to the materials when something failed.  The ticks are
 * the draft like a form's fields: unsaved ones are asked about on the way
 * out, kept as a draft when anzhi ends, and a 412 compares them with the
 * other version month by month (the merge screen). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/drafts.h"
#include "screens/reasons.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/form.h"
#include "ui/merge.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = 1, TAG_SAVE, TAG_THEIRS };
enum { C_TICK, C_MONTH, C_CHECK0, C_TYPE = C_CHECK0 + CHECK__COUNT, C_LEVEL, C_RESULT, C_BY,
       C_NCOLS };

static const struct table_col cols[C_NCOLS] = {
	{ N_("Reg."), NULL, 4, 4, 0, false, false },
	{ N_("Month"), NULL, 6, 6, 0, false, false },
	{ N_("Wage"), NULL, 4, 4, 0, false, false },
	{ N_("Social"), N_("Soc."), 4, 4, 0, false, false },
	{ N_("Medical"), N_("Med."), 4, 4, 0, false, false },
	{ N_("Cert."), NULL, 6, 6, 0, false, false },
	{ N_("Age"), NULL, 6, 6, 0, false, false },
	{ N_("Contract"), N_("Ctr."), 4, 4, 0, false, false },
	{ N_("Sole unit"), N_("Sole"), 8, 8, 1, false, false },
	{ N_("Cert. type"), NULL, 10, 12, 2, false, false },
	{ N_("Level"), N_("Lvl"), 4, 8, 2, false, false },
	{ N_("Result"), N_("Res."), 8, 8, 3, false, false },
	{ N_("Reviewed by"), NULL, 8, 30, 4, false, false },   /* wider terminals; below at 80 */
};

#define NMONTHS 12

struct months_state {
	long id;
	json_t *pl;                /* PLACEMENT shown (its checks) */
	struct form_record rec;    /* as loaded, whose version a save sends (theirs after a 412) */
	char month[NMONTHS][24];
	bool ticked[NMONTHS];
	bool dirty, go_next, loaded;
	struct table t;
	char key[64];              /* the ticks' draft (client/drafts.h) */
	char *locked;              /* why the ticks may only be read, or NULL */
	json_t *draft;             /* a draft to resume once the placement has loaded */
	json_t *merge;             /* the merge shown after a 412, until applied */
};

static const char *level_label(long long lv)
{
	static const char *const lv_ids[] = { "", N_("Level 1"), N_("Level 2"), N_("Level 3"), N_("Level 4"),
					      N_("Level 5"), N_("Level 6"), N_("Level 7"), N_("Level 8") };
	return lv >= 1 && lv <= 8 ? _(lv_ids[lv]) : "";
}

static const json_t *month_obj(const struct months_state *s, int i)
{
	size_t k;
	const json_t *m;
	json_array_foreach(json_object_get(s->pl, "months"), k, m) {
		const char *ym = json_string_value(json_object_get(m, "month"));
		if (ym && strcmp(ym, s->month[i]) == 0)
			return m;
	}
	return NULL;
}

static void fill(struct months_state *s)
{
	table_resize(&s->t, NMONTHS);
	for (int i = 0; i < NMONTHS; i++) {
		const json_t *m = month_obj(s, i);
		if (s->ticked[i])
			table_set_mark(&s->t, i, C_TICK, true, N_("Yes"));
		else
			table_set(&s->t, i, C_TICK, "");
		table_set(&s->t, i, C_MONTH, s->month[i]);
		const json_t *checks = json_object_get(m, "checks");
		bool failed = false;
		for (int c = 0; c < CHECK__COUNT; c++) {
			const json_t *ck = json_object_get(checks, wire_check_word((enum check_kind)c));
			table_set(&s->t, i, C_CHECK0 + c, "");
			if (json_is_object(ck)) {
				bool ok = json_is_true(json_object_get(ck, "ok"));
				table_set_mark(&s->t, i, C_CHECK0 + c, ok, NULL);
				failed = failed || !ok;
			}
		}
		const char *ct = json_string_value(json_object_get(m, "cert_type"));
		table_set(&s->t, i, C_TYPE, ct ? (strcmp(ct, "veteran") == 0 ? _("Disabled veteran certificate")
								       : _("Disability certificate")) : "");
		table_set(&s->t, i, C_LEVEL, level_label(json_integer_value(json_object_get(m, "cert_level"))));
		table_set(&s->t, i, C_RESULT, month_decision_label(
			  wire_month_decision_parse(json_string_value(json_object_get(m, "result")))));
		const char *by = json_string_value(json_object_get(m, "reviewer"));
		const char *at = json_string_value(json_object_get(m, "reviewed_at"));
		char who[160] = "";
		if (by)
			snprintf(who, sizeof who, "%s %.10s", by, at ? at : "");
		table_set(&s->t, i, C_BY, who);
		table_set_style(&s->t, i, failed ? STYLE_FAIL : s->ticked[i] && checks ? STYLE_OK : STYLE_NORMAL);
	}
}

/* Whether pl registers month i of the grid. */
static bool registered(const struct months_state *s, const json_t *pl, int i)
{
	size_t k;
	const json_t *m;
	json_array_foreach(json_object_get(pl, "months"), k, m) {
		const char *ym = json_string_value(json_object_get(m, "month"));
		if (ym && strcmp(ym, s->month[i]) == 0)
			return json_is_true(json_object_get(m, "registered"));
	}
	return false;
}

/* Shows pl; its ticks too unless `keep_ticks` (edits not yet saved). */
static void show(struct months_state *s, json_t *pl, bool keep_ticks)
{
	json_decref(s->pl);
	s->pl = json_incref(pl);
	int year = (int)json_integer_value(json_object_get(pl, "year"));
	for (int i = 0; i < NMONTHS; i++) {
		snprintf(s->month[i], sizeof s->month[i], "%04d%02d", year % 10000, i + 1);
		if (!keep_ticks)
			s->ticked[i] = registered(s, pl, i);
	}
	s->loaded = true;
	fill(s);
}

static void from_placement(struct months_state *s, json_t *pl)
{
	form_record_loaded(&s->rec, pl);
	show(s, pl, false);
	s->dirty = false;
}

static const char *user_of(struct view *v)
{
	return app_session(v->app)->username;
}

/* ------------------------------------------------------------ the draft and the 412 */

static void write_draft(struct view *v)
{
	struct months_state *s = v->state;
	json_t *ticked = json_array();
	for (int i = 0; i < NMONTHS; i++)
		if (s->ticked[i])
			json_array_append_new(ticked, json_string(s->month[i]));
	json_t *doc = json_pack("{s:s, s:I, s:I, s:o, s:O?}", "kind", "months", "id", (json_int_t)s->id,
				"year", json_integer_value(json_object_get(s->pl, "year")), "ticked",
				ticked, "base", s->rec.base);
	const json_t *person = json_object_get(s->pl, "person");
	drafts_set_title(doc, json_string_value(json_object_get(person, "name")),
			 json_string_value(json_object_get(person, "idno")));
	drafts_save(user_of(v), s->key, doc);
	json_decref(doc);
}

/* The months where the other version's registration and the ticks differ. */
static void start_merge(struct view *v)
{
	struct months_state *s = v->state;
	json_t *m = merge_new();
	const char *yes = _("registered"), *no = _("not registered");
	for (int i = 0; i < NMONTHS; i++)
		merge_add(m, s->month[i], s->month[i], registered(s, s->rec.base, i) ? yes : no,
			  registered(s, s->rec.theirs, i) ? yes : no, s->ticked[i] ? yes : no);
	json_decref(s->merge);
	s->merge = m;
	app_push(v->app, &screen_merge, &(struct screen_args){ .json = m });
}

static void apply_merge(struct view *v)
{
	struct months_state *s = v->state;
	if (merge_finished(s->merge)) {
		for (int i = 0; i < NMONTHS; i++)
			if (merge_takes(s->merge, s->month[i]))
				s->ticked[i] = registered(s, s->rec.theirs, i);
		json_t *theirs = json_incref(s->rec.theirs);
		form_record_keep_mine(&s->rec);   /* the next save sends their version */
		show(s, theirs, true);            /* their checks, the ticks chosen */
		json_decref(theirs);
	}
	app_flash(v->app, false, "%s", merge_outcome(s->merge));
	json_decref(s->merge);
	s->merge = NULL;
}

/* A draft of these ticks over the placement just loaded. */
static void resume_draft(struct view *v)
{
	struct months_state *s = v->state;
	json_t *d = s->draft;
	s->draft = NULL;
	for (int i = 0; i < NMONTHS; i++) {
		size_t k;
		const json_t *ym;
		s->ticked[i] = false;
		json_array_foreach(json_object_get(d, "ticked"), k, ym)
			if (json_is_string(ym) && strcmp(json_string_value(ym), s->month[i]) == 0)
				s->ticked[i] = true;
	}
	s->dirty = true;
	fill(s);
	bool older = form_record_since_draft(&s->rec, json_object_get(d, "base"));
	app_flash(v->app, false, "%s", form_draft_note(older));
	if (older)
		start_merge(v);
	json_decref(d);
}

static void load(struct view *v)
{
	struct months_state *s = v->state;
	char path[64];
	snprintf(path, sizeof path, "/placements/%ld", s->id);
	api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

static int months_open(struct view *v, const struct screen_args *args)
{
	struct months_state *s = v->state;
	s->id = args ? args->id : 0;
	if (args && args->locked)
		s->locked = xstrdup(args->locked);
	drafts_key(s->key, sizeof s->key, "months", s->id);
	s->draft = drafts_load(user_of(v), s->key);   /* resumed once loaded */
	table_init(&s->t, cols, C_NCOLS, false);
	/* the ticks and the checks' marks (words when spoken); a row is its month */
	s->t.mark_cols = (1u << C_TICK) | (((1u << CHECK__COUNT) - 1) << C_CHECK0);
	s->t.key_cols = 1u << C_MONTH;
	int year = app_session(v->app)->year;
	for (int i = 0; i < NMONTHS; i++)
		snprintf(s->month[i], sizeof s->month[i], "%04d%02d", year % 10000, i + 1);
	fill(s);
	load(v);
	return 0;
}

static void months_resume(struct view *v)
{
	struct months_state *s = v->state;
	if (s->merge)
		apply_merge(v);
	else
		load(v);
}

static void months_draw(struct view *v, struct canvas *c)
{
	struct months_state *s = v->state;
	WINDOW *w = c->w;
	char buf[1024], line[1024];
	const json_t *person = json_object_get(s->pl, "person");
	const char *name = json_string_value(json_object_get(person, "name"));
	char *cn = text_clean(name ? name : "");
	snprintf(line, sizeof line, _("Months registered - %s"), cn);
	free(cn);
	if (s->dirty)   /* ticks not saved yet, as a form's title says */
		snprintf(line + strlen(line), sizeof line - strlen(line), " *");
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	snprintf(line, sizeof line, _("%s = check passed, %s = check failed; Space ticks a month."),
		 theme_glyph_ok(), theme_glyph_fail());
	wattrset(w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	table_draw(&s->t, w, c->y + 2, c->x, NMONTHS + 1, c->cols);
	canvas_focus(c, s->t.cursor_y, c->x);   /* the current month */
	int y = c->y + 2 + NMONTHS + 1, bottom = c->y + c->rows;
	if (s->loaded) {
		/* the person's totals and status, as the service counted them */
		snprintf(line, sizeof line, _("Registered %lld, confirmed %lld, counted %lld months - %s"),
			 (long long)json_integer_value(json_object_get(s->pl, "months_registered")),
			 (long long)json_integer_value(json_object_get(s->pl, "months_confirmed")),
			 (long long)json_integer_value(json_object_get(s->pl, "months_counted")),
			 placement_status_label(placement_status_of(s->pl)));
		wattrset(w, theme_attr(STYLE_NORMAL));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
	}
	/* why the cursor month failed, in words */
	int r = table_cursor_row(&s->t);
	const json_t *m = r >= 0 ? month_obj(s, r) : NULL;
	const json_t *checks = json_object_get(m, "checks");
	bool hint = false;
	wattrset(w, theme_attr(STYLE_FAIL));
	for (int k = 0; k < CHECK__COUNT && y < bottom; k++) {
		const json_t *ck = json_object_get(checks, wire_check_word((enum check_kind)k));
		if (!json_is_object(ck) || json_is_true(json_object_get(ck, "ok")))
			continue;
		const char *src = json_string_value(json_object_get(ck, "source"));
		const char *code = json_string_value(json_object_get(ck, "reason"));
		reason_line(k, code, src, line, sizeof line);
		char *cl = text_clean(line);
		text_fit(buf, sizeof buf, cl, c->cols, 0);
		free(cl);
		mvwaddstr(w, y++, c->x, buf);
		hint = hint || (check_uscc_hint(k) && reason_uscc_hint(code));
	}
	/* who decided the month, and when (审核人员, 审核时间), and why */
	const char *by = json_string_value(json_object_get(m, "reviewer"));
	const char *reason = json_string_value(json_object_get(m, "review_reason"));
	if (by && y < bottom) {
		const char *at = json_string_value(json_object_get(m, "reviewed_at"));
		char *cb = text_clean(by), *cr = text_clean(reason ? reason : "");
		snprintf(line, sizeof line, _("Decided %s by %s at %s%s%s"),
			 month_decision_label(wire_month_decision_parse(
				 json_string_value(json_object_get(m, "result")))),
			 cb, at ? at : "", *cr ? ": " : "", cr);
		free(cb);
		free(cr);
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
		wattrset(w, theme_attr(STYLE_FAIL));
	}
	if (hint && y < bottom) {
		wattrset(w, theme_attr(STYLE_PENDING));
		pager_put_wrapped(w, y, c->x, c->cols, bottom - y,
			    _("The unit's unified social credit code may be registered wrongly at the social insurance, medical insurance or tax office, which makes the check fail; please verify it there."));
	}
	wattrset(w, theme_attr(STYLE_NORMAL));
}

/* Something failed among the ticked months, or the service asks for materials. */
static bool needs_materials(const struct months_state *s)
{
	for (int i = 0; i < NMONTHS; i++)
		for (int k = 0; k < CHECK__COUNT && s->ticked[i]; k++) {
			const json_t *ck = json_object_get(json_object_get(month_obj(s, i), "checks"),
							   wire_check_word((enum check_kind)k));
			if (json_is_object(ck) && !json_is_true(json_object_get(ck, "ok")))
				return true;
		}
	return json_array_size(json_object_get(s->pl, "needs")) > 0;
}

/* The request's id, or 0 when nothing was sent. */
static int start_save(struct view *v, bool next)
{
	struct months_state *s = v->state;
	if (form_record_in_conflict(&s->rec)) {
		start_merge(v);   /* never over the other version unseen */
		return 0;
	}
	if (!s->dirty && next && s->loaded) {
		if (needs_materials(s))
			app_push(v->app, &screen_materials,
				 &(struct screen_args){ .id = s->id, .locked = s->locked });
		else
			app_flash(v->app, false, "%s", _("Every check passed: confirmed by the system"));
		return 0;
	}
	if (s->locked) {
		app_flash(v->app, true, "%s", s->locked);
		return 0;
	}
	json_t *arr = json_array();
	for (int i = 0; i < NMONTHS; i++)
		if (s->ticked[i])
			json_array_append_new(arr, json_string(s->month[i]));
	json_t *body = json_pack("{s:o}", "months", arr);
	char path[64], etag[32];
	snprintf(path, sizeof path, "/placements/%ld/months", s->id);
	snprintf(etag, sizeof etag, "\"%lld\"", s->rec.version);
	s->go_next = next;
	int id = api_save(v, TAG_SAVE, "PUT", path, body, etag);
	json_decref(body);
	return id;
}

/* Space: tick or untick the cursor month (the loop then moves on). */
static unsigned months_toggle(struct view *v, enum action a)
{
	struct months_state *s = v->state;
	int r = table_cursor_row(&s->t);
	s->ticked[r] = !s->ticked[r];
	s->dirty = true;
	fill(s);
	return H_REDRAW | H_NEXT_ROW;
}

static unsigned months_all(struct view *v, enum action a)
{
	struct months_state *s = v->state;
	bool all = true;
	for (int i = 0; i < NMONTHS; i++)
		all = all && s->ticked[i];
	for (int i = 0; i < NMONTHS; i++)
		s->ticked[i] = !all;
	s->dirty = true;
	fill(s);
	return H_REDRAW;
}

static unsigned months_save(struct view *v, enum action a)
{
	start_save(v, false);
	return H_REDRAW;
}

/* Enter and C-n: 保存,下一步 as on the web form; nothing more to do when
 * every check passed */
static unsigned months_save_next(struct view *v, enum action a)
{
	struct months_state *s = v->state;
	bool done = !s->dirty && s->loaded && !needs_materials(s) &&
		    !form_record_in_conflict(&s->rec);
	start_save(v, true);
	return done ? H_CLOSE : H_REDRAW;
}

static unsigned months_prev(struct view *v, enum action a)
{
	return H_CLOSE;
}

static unsigned months_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static void months_reply(struct view *v, const struct api_reply *r)
{
	struct months_state *s = v->state;
	if (!r->ok) {
		if (r->tag == TAG_SAVE && r->status == 412) {
			/* the ticks stay; the other version goes underneath */
			app_flash(v->app, true, "%s",
				  _("Someone else changed this person meanwhile: your ticks are kept; compare them with the other version"));
			char path[64];
			snprintf(path, sizeof path, "/placements/%ld", s->id);
			api_call(v, TAG_THEIRS, "GET", path, NULL, NULL);
			return;
		}
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	switch (r->tag) {
	case TAG_THEIRS:
		form_record_conflict(&s->rec, r->body);
		start_merge(v);
		return;
	case TAG_LOAD:
		if (s->dirty) {   /* a reload never undoes ticks not yet saved */
			if (!form_record_in_conflict(&s->rec))
				form_record_loaded(&s->rec, r->body);
			show(s, r->body, true);
			return;
		}
		from_placement(s, r->body);
		if (s->draft)
			resume_draft(v);
		return;
	case TAG_SAVE:
		from_placement(s, r->body);
		drafts_drop(user_of(v), s->key);
		app_flash(v->app, false, "%s", _("Saved: the months were checked"));
		if (s->go_next)
			start_save(v, true);
		return;
	}
}

static void months_close(struct view *v)
{
	struct months_state *s = v->state;
	if (s->dirty && !s->locked && s->loaded)
		write_draft(v);   /* anzhi is ending: the ticks wait as a draft */
	table_free(&s->t);
	json_decref(s->pl);
	json_decref(s->draft);
	json_decref(s->merge);
	form_record_free(&s->rec);
	free(s->locked);
}

static bool months_dirty(struct view *v)
{
	struct months_state *s = v->state;
	return s->dirty && !s->locked;
}

static int months_save_for_leave(struct view *v)
{
	return start_save(v, false);
}

static void months_discard(struct view *v)
{
	struct months_state *s = v->state;
	s->dirty = false;
	drafts_drop(user_of(v), s->key);
}

static const char *months_locked_why(struct view *v)
{
	struct months_state *s = v->state;
	return s->locked;
}

static int months_year(struct view *v)
{
	struct months_state *s = v->state;
	return (int)json_integer_value(json_object_get(s->pl, "year"));
}

static struct table *months_list(struct view *v)
{
	struct months_state *s = v->state;
	return &s->t;
}

static unsigned months_holds(struct view *v)
{
	struct months_state *s = v->state;
	return (s->loaded ? NEED_RECORD : 0) | (s->locked ? 0 : NEED_UNLOCKED);
}

static const struct screen_action months_actions[] = {
	{ .act = ACT_MONTH_TOGGLE, .run = months_toggle, .needs = NEED_ROW | NEED_UNLOCKED, .hint = true },
	{ .act = ACT_MONTH_ALL, .run = months_all, .needs = NEED_UNLOCKED, .hint = true },
	{ .act = ACT_SAVE, .run = months_save, .needs = NEED_RECORD | NEED_UNLOCKED, .hint = true },
	{ .act = ACT_NEXT_STEP, .run = months_save_next, .needs = NEED_RECORD, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_OPEN, .run = months_save_next, .needs = NEED_RECORD },
	{ .act = ACT_PREV_STEP, .run = months_prev },
	{ .act = ACT_REFRESH, .run = months_refresh },
};

const struct screen screen_months = {
	.name = "months",
	.state_size = sizeof(struct months_state),
	.open = months_open,
	.draw = months_draw,
	SCREEN_ACTIONS(months_actions),
	.reply = months_reply,
	.close = months_close,
	.holds = months_holds,
	.list = months_list,
	.resume = months_resume,
	.dirty = months_dirty,
	.save = months_save_for_leave,
	.discard = months_discard,
	.year = months_year,
	.locked_why = months_locked_why,
};
