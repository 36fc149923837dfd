/* calc: the levy calculator (残保金计算器) as a preview — staff and placed
 * persons come from the service (UNIT.staff_last_year, YEAR.placed_persons),
 * the user adds the average wage and, where the policy's is only an example
 * or the user knows the year's, the social average wage (社会平均工资, the
 * wage cap's base); placed persons above the staff are refused at the field;
 * the numbers and every step are the core's,
 * rendered by calctext (the same as `anzhi calc levy` prints).  The service
 * and the tax office decide; this only previews. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/calctext.h"
#include "client/coretext.h"
#include "core/error.h"
#include "screens/screens.h"
#include "ui/field.h"
#include "ui/form.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_UNIT = 1, TAG_YEAR };
enum { F_STAFF, F_PLACED, F_WAGE, F_SOCIAL, F_KIND, F_COUNT };

static const struct field_option kinds[] = {
	{ "enterprise", N_("Enterprise") }, { "institution", N_("Public institution") },
	{ "government", N_("Government body") }, { "organisation", N_("Social organisation") },
};

struct calc_state {
	struct field f[F_COUNT];
	int focus;
	int year;
	struct pager out;
	bool have_out;
};

static int calc_open(struct view *v, const struct screen_args *args)
{
	struct calc_state *s = v->state;
	struct session *ss = app_session(v->app);
	s->year = args && args->year ? args->year : ss->year;
	field_init(&s->f[F_STAFF], N_("Staff last year"), "staff", FIELD_TEXT);
	field_init(&s->f[F_PLACED], N_("Placed persons"), "placed", FIELD_TEXT);
	field_init(&s->f[F_WAGE], N_("Average annual wage"), "avg_wage", FIELD_TEXT);
	field_init(&s->f[F_SOCIAL], N_("Social average wage"), "social_avg_wage", FIELD_TEXT);
	field_init_select(&s->f[F_KIND], N_("Unit kind"), "kind", kinds, 4);
	field_set(&s->f[F_KIND], "enterprise");
	s->focus = F_WAGE;
	if (ss->unit) {
		char path[160];
		snprintf(path, sizeof path, "/units/%s", ss->unit);
		api_call(v, TAG_UNIT, "GET", path, NULL, NULL);
		snprintf(path, sizeof path, "/units/%s/years/%d", ss->unit, s->year);
		api_call(v, TAG_YEAR, "GET", path, NULL, NULL);
	}
	return 0;
}

static void calc_reply(struct view *v, const struct api_reply *r)
{
	struct calc_state *s = v->state;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	char num[32];
	if (r->tag == TAG_UNIT) {
		const json_t *st = json_object_get(r->body, "staff_last_year");
		if (json_is_integer(st) && field_empty(&s->f[F_STAFF])) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(st));
			field_set(&s->f[F_STAFF], num);
		}
		const char *k = json_string_value(json_object_get(r->body, "kind"));
		if (k)
			field_set(&s->f[F_KIND], k);
	} else if (r->tag == TAG_YEAR) {
		const char *p = json_string_value(json_object_get(r->body, "placed_persons"));
		if (p && field_empty(&s->f[F_PLACED]))
			field_set(&s->f[F_PLACED], p);
	}
}

/* The calculator's complaint in the user's words beside the field it is
 * about ("--avg-wage" is the avg_wage field); its English detail goes to the
 * message log. */
static void refused(struct view *v, const struct calc_out *out)
{
	struct calc_state *s = v->state;
	char path[32];
	snprintf(path, sizeof path, "%s", out->option[0] ? out->option + 2 : "");
	for (char *p = path; *p; p++)
		if (*p == '-')
			*p = '_';
	struct field *f = form_field_for_path(s->f, F_COUNT, path);
	if (f) {
		/* placed disagreeing with staff is one thing: more than them */
		bool above_staff = f == &s->f[F_PLACED] && out->code == CORE_ERR_MISMATCH;
		snprintf(f->error, sizeof f->error, "%s",
			 above_staff ? _("more than the staff last year")
				     : core_error_words(out->code));
		s->focus = (int)(f - s->f);
		app_flash(v->app, true, "%s: %s", _(f->label), f->error);
	} else
		app_flash(v->app, true, "%s", _("The calculator refused the input"));
	app_log_detail(v->app, "%s", out->msg);
	s->have_out = false;
}

static void compute(struct view *v)
{
	struct calc_state *s = v->state;
	for (int i = 0; i < F_WAGE + 1; i++)
		if (field_empty(&s->f[i])) {
			snprintf(s->f[i].error, sizeof s->f[i].error, "%s", _("Required"));
			s->focus = i;
			app_flash(v->app, true, "%s: %s", _(s->f[i].label), _("Required"));
			return;
		}
	char year[16];
	snprintf(year, sizeof year, "%d", s->year);
	struct calc_args in = {
		.staff = s->f[F_STAFF].buf, .placed = s->f[F_PLACED].buf, .avg_wage = s->f[F_WAGE].buf,
		.unit_kind = field_value(&s->f[F_KIND]), .year = year,
		/* empty: the policy table's figure for the year */
		.social_avg_wage = field_empty(&s->f[F_SOCIAL]) ? NULL : s->f[F_SOCIAL].buf,
	};
	struct calc_out out;
	if (calctext_levy(&in, false, &out) == CALC_OK) {
		pager_set(&s->out, out.text);
		s->have_out = true;
	} else
		refused(v, &out);
	calctext_free(&out);
}

static void calc_draw(struct view *v, struct canvas *c)
{
	struct calc_state *s = v->state;
	WINDOW *w = c->w;
	char buf[512], line[512];
	snprintf(line, sizeof line, _("Levy calculator - business year %d (a preview)"), s->year);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	wattrset(w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf, _("Amounts in yuan a year; the tax office assesses the levy due."), c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	/* the widest label ("Average annual wage"), at most a quarter of the width */
	int labw = form_label_width(s->f, F_COUNT, 8);
	if (labw > c->cols / 4)
		labw = c->cols / 4;
	for (int i = 0; i < F_COUNT; i++) {
		int y = c->y + 3 + i / 2, x = c->x + (i % 2) * (c->cols / 2);
		int cx = form_field_row(w, y, x, labw, c->cols / 2 - 1, &s->f[i], s->focus == i);
		if (s->focus == i)   /* a choice list shows no caret, yet has the focus */
			(s->f[i].kind == FIELD_SELECT ? canvas_focus : canvas_caret)(c, y, cx);
	}
	form_error_line(w, c->y + 6, c->x, c->cols, form_error_of(&s->f[s->focus], s->f, F_COUNT));
	if (s->have_out)
		pager_draw(&s->out, w, c->y + 7, c->x, c->rows - 7, c->cols);
}

static unsigned calc_next(struct view *v, enum action a)
{
	struct calc_state *s = v->state;
	s->focus = (s->focus + 1) % F_COUNT;
	return H_REDRAW;
}

static unsigned calc_prev(struct view *v, enum action a)
{
	struct calc_state *s = v->state;
	s->focus = (s->focus + F_COUNT - 1) % F_COUNT;
	return H_REDRAW;
}

static unsigned calc_run(struct view *v, enum action a)
{
	compute(v);
	return H_REDRAW;
}

static bool calc_wants_text(struct view *v)
{
	return true;
}

static unsigned calc_key(struct view *v, int key)
{
	struct calc_state *s = v->state;
	return field_key(&s->f[s->focus], key) ? H_REDRAW : H_UNKNOWN;
}

static void calc_close(struct view *v)
{
	struct calc_state *s = v->state;
	pager_free(&s->out);
}

static const struct screen_action calc_actions[] = {
	{ .act = ACT_CALC, .run = calc_run, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = calc_next, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_SAVE, .run = calc_run },
	{ .act = ACT_OPEN, .run = calc_run },
	{ .act = ACT_PREV_FIELD, .run = calc_prev },
	{ .act = ACT_MOVE_DOWN, .run = calc_next },
	{ .act = ACT_MOVE_UP, .run = calc_prev },
};

const struct screen screen_calc = {
	.name = "calc",
	.state_size = sizeof(struct calc_state),
	.open = calc_open,
	.draw = calc_draw,
	SCREEN_ACTIONS(calc_actions),
	.reply = calc_reply,
	.close = calc_close,
	.wants_text = calc_wants_text,
	.key = calc_key,
};
