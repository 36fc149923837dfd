/* decl (年审认证审核 of one declaration): the unit, the status and the totals
 * — 本次累计安置确认 N 个月, 累计安置核定 M 个月, placed persons — and its
 * persons with their months (Enter shows a person's month grid, read only).
 * p passes, x fails with a reason, t sends a passed one to the tax bureau
 * (the tax record's levy then shows with its steps). */
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "screens/declact.h"
#include "screens/qpage.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_YEAR = 1, TAG_PERSONS };
enum { ASK_SEARCH = 1 };

enum { C_NAME, C_IDNO, C_REG, C_CONF, C_CNT, C_STATUS, C_NCOLS };
static const struct table_col cols[C_NCOLS] = {
	{ N_("Name"), NULL, 6, 12, 0, false, false },
	{ N_("ID number"), NULL, 10, 18, 2, false, false },
	{ N_("Registered"), N_("Reg."), 4, 10, 1, true, true },
	{ N_("Confirmed"), N_("Conf."), 4, 9, 0, true, true },
	{ N_("Counted"), N_("Cnt."), 4, 9, 0, true, true },
	{ N_("Status"), NULL, 6, 16, 1, false, false },
};

struct decl_state {
	char uscc[32];
	char *unit;            /* the unit's name, cleaned */
	int year;
	json_t *decl;          /* YEAR once loaded */
	json_t *persons;       /* LIST.items */
	long long npersons;
	struct table t;
	struct declact ask;
};

static void load(struct view *v)
{
	struct decl_state *s = v->state;
	char path[160];
	snprintf(path, sizeof path, "/units/%s/years/%d", s->uscc, s->year);
	api_call(v, TAG_YEAR, "GET", path, NULL, NULL);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=500", s->uscc, s->year);
	api_call(v, TAG_PERSONS, "GET", path, NULL, NULL);
}

static int decl_open(struct view *v, const struct screen_args *args)
{
	struct decl_state *s = v->state;
	const json_t *it = args ? args->json : NULL;
	const char *uscc = json_string_value(json_object_get(it, "uscc"));
	const char *name = json_string_value(json_object_get(it, "unit_name"));
	snprintf(s->uscc, sizeof s->uscc, "%s", uscc ? uscc : "");
	s->unit = text_clean(name ? name : s->uscc);
	s->year = (int)json_integer_value(json_object_get(it, "year"));
	if (!s->year)
		s->year = args && args->year ? args->year : app_session(v->app)->year;
	table_init(&s->t, cols, C_NCOLS, false);
	s->t.key_cols = 1u << C_NAME;
	s->t.search_cols = 1u << C_NAME | 1u << C_IDNO;
	load(v);
	return 0;
}

static void fill(struct decl_state *s)
{
	size_t n = json_array_size(s->persons);
	table_resize(&s->t, (int)n);
	char num[24];
	static const char *const counts[] = { "months_registered", "months_confirmed", "months_counted" };
	for (size_t i = 0; i < n; i++) {
		const json_t *p = json_array_get(s->persons, i);
		table_set(&s->t, (int)i, C_NAME, json_string_value(json_object_get(p, "name_masked")));
		table_set(&s->t, (int)i, C_IDNO, json_string_value(json_object_get(p, "idno_masked")));
		for (int k = 0; k < 3; k++) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(p, counts[k])));
			table_set(&s->t, (int)i, C_REG + k, num);
		}
		enum placement_status st = placement_status_of(p);
		table_set(&s->t, (int)i, C_STATUS, placement_status_label(st));
		table_set_style(&s->t, (int)i, placement_status_style(st));
	}
}

static void decl_draw(struct view *v, struct canvas *c)
{
	struct decl_state *s = v->state;
	WINDOW *w = c->w;
	char buf[1024], line[1024];
	int y = c->y;
	snprintf(line, sizeof line, _("Annual review - %s - business year %d"), s->unit, s->year);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	if (!s->decl) {
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("Loading..."), c->cols, 0);
		mvwaddstr(w, y, c->x, buf);
		canvas_focus(c, y, c->x);
		return;
	}
	enum declaration_status st =
		wire_declaration_parse(json_string_value(json_object_get(s->decl, "status")));
	const char *why = json_string_value(json_object_get(s->decl, "review_reason"));
	char *cw = text_clean(why ? why : "");
	snprintf(line, sizeof line, "%s: %s%s%s", _("Declaration"), declaration_label(st),
		 *cw ? "  " : "", cw);
	free(cw);
	wattrset(w, theme_attr(declaration_style(st)));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	wattrset(w, theme_attr(STYLE_NORMAL));
	const char *pp = json_string_value(json_object_get(s->decl, "placed_persons"));
	char *placed = text_clean(pp ? pp : "");
	snprintf(line, sizeof line,
		 _("This time %lld months confirmed, %lld months counted in all; %s placed persons; %lld persons on the list"),
		 (long long)json_integer_value(json_object_get(s->decl, "months_confirmed")),
		 (long long)json_integer_value(json_object_get(s->decl, "months_counted")), placed,
		 s->npersons);
	free(placed);
	y += pager_put_wrapped(w, y, c->x, c->cols, 2, line);
	table_draw(&s->t, w, y, c->x, c->y + c->rows - y, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
}

static unsigned decl_decide(struct view *v, enum action a)
{
	struct decl_state *s = v->state;
	return declact_start(v, &s->ask, a, s->decl, s->unit, s->year);
}

/* Enter: the person's months, read only (the review decides the whole year) */
static unsigned decl_months(struct view *v, enum action a)
{
	struct decl_state *s = v->state;
	const json_t *p = json_array_get(s->persons, (size_t)table_cursor_row(&s->t));
	app_push(v->app, &screen_months, &(struct screen_args){
		.id = (long)json_integer_value(json_object_get(p, "id")),
		.locked = _("Read only here: the annual review decides the declaration as a whole") });
	return H_REDRAW;
}

static unsigned decl_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned decl_search(struct view *v, enum action a)
{
	qpage_search_ask(v, ASK_SEARCH, _("Search (part of the name or start of ID number):"));
	return H_REDRAW;
}

static unsigned decl_answer(struct view *v, int tag, const char *text)
{
	struct decl_state *s = v->state;
	if (tag == ASK_SEARCH && text && *text)
		qpage_find(v, &s->t, text);
	else
		declact_answer(v, &s->ask, tag, text);
	return H_REDRAW;
}

static void decl_reply(struct view *v, const struct api_reply *r)
{
	struct decl_state *s = v->state;
	if (declact_reply(v, r)) {
		load(v);
		return;
	}
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		return;
	}
	if (r->tag == TAG_YEAR) {
		json_decref(s->decl);
		s->decl = json_incref(r->body);
	} else if (r->tag == TAG_PERSONS) {
		json_decref(s->persons);
		s->persons = json_incref(json_object_get(r->body, "items"));
		s->npersons = json_integer_value(json_object_get(r->body, "total"));
		fill(s);
	}
}

static unsigned decl_holds(struct view *v)
{
	struct decl_state *s = v->state;
	return (s->decl ? NEED_RECORD : 0) | (s->t.nrows > 0 ? NEED_ROW : 0) | NEED_UNLOCKED;
}

static void decl_close(struct view *v)
{
	struct decl_state *s = v->state;
	table_free(&s->t);
	json_decref(s->decl);
	json_decref(s->persons);
	free(s->unit);
}

static struct table *decl_list(struct view *v)
{
	struct decl_state *s = v->state;
	return &s->t;
}

static int decl_year(struct view *v)
{
	struct decl_state *s = v->state;
	return s->year;
}

static const struct screen_action decl_actions[] = {
	{ .act = ACT_PASS, .run = decl_decide, .needs = NEED_RECORD, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_FAIL, .run = decl_decide, .needs = NEED_RECORD, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_SEND_TO_TAX, .run = decl_decide, .needs = NEED_RECORD, .roles = ROLES_FEDERATION,
	  .hint = true },
	{ .act = ACT_OPEN, .run = decl_months, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_REFRESH, .run = decl_refresh },
	{ .act = ACT_SEARCH, .run = decl_search },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_decl = {
	.name = "decl",
	.state_size = sizeof(struct decl_state),
	.open = decl_open,
	.draw = decl_draw,
	SCREEN_ACTIONS(decl_actions),
	.reply = decl_reply,
	.close = decl_close,
	.answer = decl_answer,
	.holds = decl_holds,
	.list = decl_list,
	.list_caps = LIST_SEARCH,
	.year = decl_year,
};
