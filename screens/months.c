/* months: the month grid of one placement — a tick column (registered months),
 * one column per check with ✓/✗, certificate type and level, the result; the
 * failure reasons of the cursor row in words below, with the seed's hint about
 * a wrong credit code beside wage/insurance failures.  Save puts the months;
 * next-step goes on to the materials when something failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/reasons.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LOAD = 1, TAG_SAVE };
enum { C_TICK, C_MONTH, C_CHECK0, C_TYPE = C_CHECK0 + CHECK__COUNT, C_LEVEL, C_RESULT, C_NCOLS };

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
};

#define NMONTHS 12

struct months_state {
	long id;
	long long version;
	json_t *pl;                /* PLACEMENT */
	char month[NMONTHS][24];
	bool ticked[NMONTHS];
	bool dirty, go_next, loaded;
	struct table t;
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
		table_set_style(&s->t, i, failed ? STYLE_FAIL : s->ticked[i] && checks ? STYLE_OK : STYLE_NORMAL);
	}
}

static void from_placement(struct months_state *s, json_t *pl)
{
	json_decref(s->pl);
	s->pl = json_incref(pl);
	s->version = json_integer_value(json_object_get(pl, "version"));
	int year = (int)json_integer_value(json_object_get(pl, "year"));
	for (int i = 0; i < NMONTHS; i++) {
		snprintf(s->month[i], sizeof s->month[i], "%04d%02d", year % 10000, i + 1);
		const json_t *m = month_obj(s, i);
		s->ticked[i] = json_is_true(json_object_get(m, "registered"));
	}
	s->loaded = true;
	s->dirty = false;
	fill(s);
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
	const char *reason = json_string_value(json_object_get(m, "review_reason"));
	if (reason && y < bottom) {
		char *cl = text_clean(reason);
		snprintf(line, sizeof line, _("Reviewer: %s"), cl);
		free(cl);
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
	}
	if (hint && y < bottom) {
		wattrset(w, theme_attr(STYLE_PENDING));
		pager_put_wrapped(w, y, c->x, c->cols, bottom - y,
			    _("The unit's unified social credit code may be registered wrongly at the social insurance, medical insurance or tax office, which makes the check fail; please verify it there."));
	}
	wattrset(w, theme_attr(STYLE_NORMAL));
}

static unsigned save(struct view *v, bool next)
{
	struct months_state *s = v->state;
	bool failed = false;
	for (int i = 0; i < NMONTHS; i++)
		for (int k = 0; k < CHECK__COUNT && s->ticked[i]; k++) {
			const json_t *ck = json_object_get(json_object_get(month_obj(s, i), "checks"), wire_check_word((enum check_kind)k));
			failed = failed || (json_is_object(ck) && !json_is_true(json_object_get(ck, "ok")));
		}
	if (!s->dirty && next && s->loaded) {
		if (json_array_size(json_object_get(s->pl, "needs")) > 0 || failed)
			app_push(v->app, &screen_materials, &(struct screen_args){ .id = s->id });
		else {
			app_flash(v->app, false, "%s", _("Every check passed: confirmed by the system"));
			return H_CLOSE;
		}
		return H_REDRAW;
	}
	json_t *arr = json_array();
	for (int i = 0; i < NMONTHS; i++)
		if (s->ticked[i])
			json_array_append_new(arr, json_string(s->month[i]));
	json_t *body = json_pack("{s:o}", "months", arr);
	char path[64], etag[32];
	snprintf(path, sizeof path, "/placements/%ld/months", s->id);
	snprintf(etag, sizeof etag, "\"%lld\"", s->version);
	s->go_next = next;
	api_call(v, TAG_SAVE, "PUT", path, body, etag);
	json_decref(body);
	app_flash(v->app, false, "%s", _("Saving..."));
	return H_REDRAW;
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
	return save(v, false);
}

/* Enter and C-n: 保存,下一步 as on the web form */
static unsigned months_save_next(struct view *v, enum action a)
{
	return save(v, true);
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
		if (r->status == 412) {
			app_flash(v->app, true, "%s", _("Someone else changed this person meanwhile: reloaded"));
			load(v);
			return;
		}
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	bool ticked[NMONTHS];
	memcpy(ticked, s->ticked, sizeof ticked);
	bool keep = r->tag == TAG_LOAD && s->dirty;
	from_placement(s, r->body);
	if (keep) {
		/* a reload never undoes ticks not yet saved */
		memcpy(s->ticked, ticked, sizeof ticked);
		s->dirty = true;
		fill(s);
	}
	if (r->tag == TAG_SAVE) {
		app_flash(v->app, false, "%s", _("Saved: the months were checked"));
		if (s->go_next)
			save(v, true);
	}
}

static void months_close(struct view *v)
{
	struct months_state *s = v->state;
	table_free(&s->t);
	json_decref(s->pl);
}

static struct table *months_list(struct view *v)
{
	struct months_state *s = v->state;
	return &s->t;
}

static unsigned months_holds(struct view *v)
{
	struct months_state *s = v->state;
	return s->loaded ? NEED_RECORD : 0;
}

static const struct screen_action months_actions[] = {
	{ .act = ACT_MONTH_TOGGLE, .run = months_toggle, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_MONTH_ALL, .run = months_all, .hint = true },
	{ .act = ACT_SAVE, .run = months_save, .needs = NEED_RECORD, .hint = true },
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
};
