/* placements (安置人员列表): the unit's persons of one business year with the
 * header counts of SPEC §4 and the year's totals; search (server-side q),
 * status filter, sort (its column marked), tags, delete, re-register, import
 * of last year's list, and Enter to open a person.  Unsaved drafts are
 * counted here (D lists them, offered after signing in).  Submit checks the
 * list first and names who blocks it; a locked list says why, by the
 * declaration's status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "client/drafts.h"
#include "screens/placements.h"
#include "screens/rewards.h"
#include "screens/status.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

static const struct table_col cols[] = {
	{ N_("No."), NULL, 3, 4, 0, true, true },
	{ N_("Name"), NULL, 8, 10, 0, false, false },
	{ N_("ID number"), NULL, 18, 18, 0, false, false },
	{ N_("Certificate no."), NULL, 20, 24, 3, false, false },
	{ N_("Registered"), N_("Reg."), 4, 4, 1, true, true },
	{ N_("Confirmed"), N_("Conf"), 4, 4, 1, true, true },
	{ N_("Counted"), N_("Cnt."), 4, 4, 1, true, true },
	{ N_("Rejected (months)"), N_("Rej."), 6, 6, 2, true, true },
	{ N_("Status"), NULL, 14, 18, 0, false, false },
	{ N_("Submitted at"), NULL, 19, 19, 4, false, false },
};

/* The status filter cycles: every status (0), then each status the header
 * counts — 待审核 standing for both statuses awaiting review. */
static enum placement_status filter_status(int i)
{
	for (int s = 0; i > 0 && s < PLACEMENT_STATUS__COUNT; s++)
		if (wire_placement_count_as((enum placement_status)s) == s && --i == 0)
			return (enum placement_status)s;
	return PLACEMENT_STATUS_UNKNOWN;
}

static int filter_count(void)
{
	int n = 1;
	while (filter_status(n) != PLACEMENT_STATUS_UNKNOWN)
		n++;
	return n;
}

/* One page of the list: the first (TAG_LIST, replaces the rows) or the one
 * after s->next (TAG_MORE, appended). */
static int request_page(struct view *v, int tag)
{
	struct pl_state *s = v->state;
	struct session *ss = app_session(v->app);
	char path[512];
	char *q = url_escape(s->q), *cur = url_escape(tag == TAG_MORE ? s->next : "");
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=%d%s%s%s%s%s%s", ss->unit,
		 s->yr, app_page_size(v->app), *q ? "&q=" : "", q, s->filter ? "&status=" : "",
		 wire_placement_status_word(filter_status(s->filter)), *cur ? "&cursor=" : "", cur);
	free(q);
	free(cur);
	return api_call(v, tag, "GET", path, NULL, NULL);
}

void pl_load(struct view *v)
{
	struct pl_state *s = v->state;
	struct session *ss = app_session(v->app);
	if (!ss->unit)
		return;
	/* a page of the old list must not be appended to the new one, nor an
	 * older list (f pressed twice) arrive after the newer one */
	if (s->more_req)
		api_cancel(v->app, s->more_req);
	if (s->list_req)
		api_cancel(v->app, s->list_req);
	s->more_req = 0;
	s->next[0] = '\0';   /* the old list's cursor means nothing to the new one */
	s->list_req = request_page(v, TAG_LIST);
	char path[512];
	snprintf(path, sizeof path, "/units/%s/years/%d", ss->unit, s->yr);
	api_call(v, TAG_YEAR, "GET", path, NULL, NULL);
}

/* Near the end of the loaded rows with more on the service: fetch the next
 * page, keeping the rows on screen (the status bar shows it loading). */
static void more_if_near_end(struct view *v)
{
	struct pl_state *s = v->state;
	int margin = s->t.last_height > 5 ? s->t.last_height : 5;
	if (s->next[0] && !s->more_req && s->t.cursor + margin >= s->t.nrows)
		s->more_req = request_page(v, TAG_MORE);
}

static int pl_open(struct view *v, const struct screen_args *args)
{
	struct pl_state *s = v->state;
	table_init(&s->t, cols, C_NCOLS, true);
	s->t.cursor_span = 2;   /* 序 and 姓名: cheap to move on a thin link */
	s->t.search_cols = 1u << C_NAME | 1u << C_IDNO;   /* n: the masked name or ID as shown */
	s->yr = app_session(v->app)->year;
	if (args && args->id)
		s->yr = (int)args->id;
	s->ndrafts = drafts_count(app_session(v->app)->username);
	/* just signed in with drafts waiting: offer them first */
	if (s->ndrafts && args && args->text && strcmp(args->text, "offer-drafts") == 0)
		app_push(v->app, &screen_drafts, NULL);
	pl_load(v);
	return 0;
}

static void pl_resume(struct view *v)
{
	struct pl_state *s = v->state;
	s->ndrafts = drafts_count(app_session(v->app)->username);
	pl_load(v);
}

const char *pl_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static long row_id(const json_t *items, int row)
{
	return row < 0 ? 0 : (long)json_integer_value(json_object_get(json_array_get(items, (size_t)row), "id"));
}

/* Sets the cells of rows [from, nrows) from s->items. */
static void fill_rows(struct pl_state *s, int from)
{
	for (int r = from; r < s->t.nrows; r++) {
		const json_t *it = json_array_get(s->items, (size_t)r);
		char num[32];
		snprintf(num, sizeof num, "%d", r + 1);
		table_set(&s->t, r, C_SEQ, num);
		table_set(&s->t, r, C_NAME, pl_str(it, "name_masked"));
		table_set(&s->t, r, C_IDNO, pl_str(it, "idno_masked"));
		table_set(&s->t, r, C_CERT, pl_str(it, "cert_no_masked"));
		static const char *const nums[] = { "months_registered", "months_confirmed",
						    "months_counted", "months_rejected" };
		for (int k = 0; k < 4; k++) {
			snprintf(num, sizeof num, "%lld",
				 (long long)json_integer_value(json_object_get(it, nums[k])));
			table_set(&s->t, r, C_REG + k, num);
		}
		enum placement_status st = placement_status_of(it);
		table_set(&s->t, r, C_STATUS, st >= 0 ? placement_status_label(st) : pl_str(it, "status"));
		table_set(&s->t, r, C_SUBMITTED, pl_str(it, "submitted_at"));
		table_set_style(&s->t, r, placement_status_style(st));
	}
	table_sort(&s->t, s->t.sort_col, s->t.sort_desc);   /* the cursor stays on its row */
}

/* A new list: the cursor stays on the person it was on (no tags: the rows
 * are others now). */
static void fill(struct pl_state *s, long keep_id)
{
	table_resize(&s->t, (int)json_array_size(s->items));
	fill_rows(s, 0);
	for (int r = 0; keep_id && r < s->t.nrows; r++)
		if (row_id(s->items, r) == keep_id)
			table_select_row(&s->t, r);
}

int pl_count(const struct pl_state *s, const char *k)
{
	return (int)json_integer_value(json_object_get(s->counts, k));
}

/* "  filing deadline 2025-06-30, 30 days left" while the unit may still
 * submit (the business year's deadline, YEAR.deadline); "" otherwise. */
static void deadline_words(const json_t *year, char *out, size_t size)
{
	const char *deadline = json_string_value(json_object_get(year, "deadline"));
	enum declaration_status ys =
		wire_declaration_parse(json_string_value(json_object_get(year, "status")));
	out[0] = '\0';
	if (!deadline || (ys != DECLARATION_OPEN && ys != DECLARATION_FAILED))
		return;
	long long left = json_integer_value(json_object_get(year, "days_left"));
	if (json_is_true(json_object_get(year, "filing_reopened")))
		snprintf(out, size, _("  filing reopened after the deadline %s"), deadline);
	else if (left >= 0)
		snprintf(out, size, _("  filing deadline %s, %lld days left"), deadline, left);
	else
		snprintf(out, size, _("  the filing deadline %s has passed"), deadline);
}

static void pl_draw(struct view *v, struct canvas *c)
{
	struct pl_state *s = v->state;
	WINDOW *w = c->w;
	char buf[1024], line[1024];
	int y = c->y;
	snprintf(line, sizeof line, _("Placed persons - business year %d"), s->yr);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	wattrset(w, theme_attr(STYLE_NORMAL));
	if (!s->counts) {
		/* nothing to count yet: no misleading zeros while the list loads */
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("Loading..."), c->cols, 0);
		mvwaddstr(w, y, c->x, buf);
		canvas_focus(c, y, c->x);
		return;
	}
	snprintf(line, sizeof line,
		 _("Registered %d, passed (system) %d, passed (manual) %d, pending review %d, incomplete %d, partly rejected %d, rejected %d"),
		 pl_count(s, "registered"), pl_count(s, "confirmed_system"), pl_count(s, "confirmed_manual"),
		 pl_count(s, "pending"), pl_count(s, "incomplete"), pl_count(s, "partially_rejected"),
		 pl_count(s, "rejected"));
	y += pager_put_wrapped(w, y, c->x, c->cols, 2, line);
	long long conf = json_integer_value(json_object_get(s->year, "months_confirmed"));
	long long cnt = json_integer_value(json_object_get(s->year, "months_counted"));
	snprintf(line, sizeof line, _("This year: %lld months confirmed, %lld months counted"), conf, cnt);
	deadline_words(s->year, line + strlen(line), sizeof line - strlen(line));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	enum declaration_status ys =
		wire_declaration_parse(json_string_value(json_object_get(s->year, "status")));
	if (ys >= 0) {
		const char *why = json_string_value(json_object_get(s->year, "review_reason"));
		char *cw = text_clean(why ? why : "");
		snprintf(line, sizeof line, "%s: %s  %s%s%s", _("Declaration"), declaration_label(ys),
			 declaration_note(ys), *cw ? " " : "", cw);
		free(cw);
		wattrset(w, theme_attr(declaration_style(ys)));
		/* two lines: the seed's sentences (发送税务's) are long */
		y += pager_put_wrapped(w, y, c->x, c->cols, 2, line);
		wattrset(w, theme_attr(STYLE_NORMAL));
	}
	long long total = s->total;
	if (total > (long long)json_array_size(s->items)) {
		snprintf(line, sizeof line, _("Showing %zu of %lld: the rest load as you move down"),
			 json_array_size(s->items), total);
		wattrset(w, theme_attr(STYLE_PENDING));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
		wattrset(w, theme_attr(STYLE_NORMAL));
	}
	if (s->ndrafts) {
		char key[32];
		app_keys_for(v, ACT_DRAFTS, key, sizeof key);
		snprintf(line, sizeof line, _("%d unsaved drafts: %s shows them"), s->ndrafts, key);
		wattrset(w, theme_attr(STYLE_PENDING));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
		wattrset(w, theme_attr(STYLE_NORMAL));
	}
	if (s->q[0] || s->filter) {
		char *q = text_clean(s->q);
		snprintf(line, sizeof line, _("Search: %s  Filter: %s"), q,
			 s->filter ? placement_status_label(filter_status(s->filter)) : _("all"));
		free(q);
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
	}
	if (s->loaded && s->t.nrows == 0) {
		wattrset(w, theme_attr(STYLE_DIM));
		/* an empty search is not an empty list: don't suggest adding people */
		text_fit(buf, sizeof buf, s->q[0]
			 ? _("No person matches. The service finds part of a name or the start of an ID number.")
			 : s->filter ? _("No person has this status.")
			 : _("No persons yet. Press a to add one, I to import last year's."),
			 c->cols, 0);
		mvwaddstr(w, y + 1, c->x, buf);
		canvas_focus(c, y + 1, c->x);
		return;
	}
	table_draw(&s->t, w, y, c->x, c->rows - (y - c->y), c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
}

const json_t *pl_item(const struct pl_state *s, int row)
{
	return json_array_get(s->items, (size_t)row);
}

long pl_item_id(const struct pl_state *s, int row)
{
	return (long)json_integer_value(json_object_get(pl_item(s, row), "id"));
}

static unsigned pl_add(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	app_push(v->app, &screen_person, &(struct screen_args){ .id = 0, .year = s->yr });
	return H_REDRAW;
}

enum declaration_status pl_year_status(const struct pl_state *s)
{
	return wire_declaration_parse(json_string_value(json_object_get(s->year, "status")));
}

/* Enter: the person, to read only while the list is locked */
static unsigned pl_open_person(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	app_push(v->app, &screen_person,
		 &(struct screen_args){ .id = pl_item_id(s, table_cursor_row(&s->t)), .year = s->yr,
					.locked = declaration_lock_why(pl_year_status(s)) });
	return H_REDRAW;
}

static unsigned pl_search(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	app_prompt(v, ASK_SEARCH, _("Search (part of the name or start of ID number):"), s->q, 0);
	return H_REDRAW;
}

static unsigned pl_filter(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	s->filter = (s->filter + 1) % filter_count();
	pl_load(v);
	return H_REDRAW;
}

static unsigned pl_sort(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	table_sort_next(&s->t);
	if (s->t.sort_col >= 0)
		app_flash(v->app, false, _("Sorted by %s"), _(cols[s->t.sort_col].title));
	else
		app_flash(v->app, false, "%s", _("In the order the service gave"));
	return H_REDRAW;
}

static unsigned pl_refresh(struct view *v, enum action a)
{
	pl_load(v);
	return H_REDRAW;
}

static unsigned pl_year(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	s->yr += a == ACT_YEAR_PREV ? -1 : 1;
	json_decref(s->items);
	json_decref(s->counts);
	json_decref(s->year);
	s->items = s->counts = s->year = NULL;
	s->loaded = false;
	fill(s, 0);
	pl_load(v);
	return H_REDRAW;
}

static unsigned pl_drafts(struct view *v, enum action a)
{
	app_push(v->app, &screen_drafts, NULL);
	return H_REDRAW;
}

static unsigned pl_calc(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	app_push(v->app, &screen_calc, &(struct screen_args){ .year = s->yr });
	return H_REDRAW;
}

static unsigned pl_unit(struct view *v, enum action a)
{
	app_push(v->app, &screen_unit, NULL);
	return H_REDRAW;
}

/* F: 年审认证反馈, X: 单位注销安置登记 — the year shown */
static unsigned pl_requests(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	app_push(v->app, a == ACT_FEEDBACK ? &screen_feedback : &screen_cancel,
		 &(struct screen_args){ .year = s->yr });
	return H_REDRAW;
}

static unsigned pl_documents(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	app_push(v->app, &screen_documents, &(struct screen_args){ .year = s->yr });
	return H_REDRAW;
}

static unsigned pl_rewards(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	return rewards_go(v, s->yr);
}

static unsigned pl_policies(struct view *v, enum action a)
{
	app_push(v->app, &screen_policies, NULL);
	return H_REDRAW;
}

static unsigned pl_answer(struct view *v, int tag, const char *text)
{
	struct pl_state *s = v->state;
	if (tag == ASK_SEARCH && text) {
		snprintf(s->q, sizeof s->q, "%s", text);
		if (*text)
			snprintf(s->t.search, sizeof s->t.search, "%s", text);
		pl_load(v);
	} else {
		pl_acts_answer(v, tag, text);
	}
	return H_REDRAW;
}

static void next_cursor(struct pl_state *s, const json_t *body)
{
	const char *c = json_string_value(json_object_get(body, "next_cursor"));
	snprintf(s->next, sizeof s->next, "%s", c ? c : "");
}

static void pl_reply(struct view *v, const struct api_reply *r)
{
	struct pl_state *s = v->state;
	bool cancelled = r->code && strcmp(r->code, "cancelled") == 0;
	if ((r->tag == TAG_LIST || r->tag == TAG_MORE) && cancelled)
		return;   /* replaced by a newer request (its own id is set already) */
	if (r->tag == TAG_MORE)
		s->more_req = 0;
	if (r->tag == TAG_LIST)
		s->list_req = 0;
	if (pl_acts_reply(v, r))
		return;   /* a bulk action's, the declaration's or the import's */
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);   /* what is on screen stays */
		return;
	}
	switch (r->tag) {
	case TAG_LIST: {
		json_t *items = json_object_get(r->body, "items");
		if (!json_is_array(items)) {
			app_flash(v->app, true, "%s", _("The service sent an answer anzhi cannot read"));
			return;
		}
		long keep = row_id(s->items, table_cursor_row(&s->t));
		json_decref(s->items);
		json_decref(s->counts);
		s->items = json_incref(items);
		s->counts = json_incref(json_object_get(r->body, "counts"));
		s->total = json_integer_value(json_object_get(r->body, "total"));
		s->loaded = true;
		next_cursor(s, r->body);
		fill(s, keep);
		more_if_near_end(v);   /* a short page: fill the screen */
		break;
	}
	case TAG_MORE: {
		json_t *items = json_object_get(r->body, "items");
		if (!json_is_array(items) || !s->items)
			return;   /* the list was reloaded meanwhile: this page is stale */
		int had = s->t.nrows;
		json_array_extend(s->items, items);
		s->total = json_integer_value(json_object_get(r->body, "total"));
		next_cursor(s, r->body);
		table_extend(&s->t, (int)json_array_size(s->items));   /* tags stay */
		fill_rows(s, had);
		more_if_near_end(v);
		break;
	}
	case TAG_YEAR:
		json_decref(s->year);
		s->year = json_incref(r->body);
		break;
	}
}

static void pl_close(struct view *v)
{
	struct pl_state *s = v->state;
	app_batch_drop(s->asked);
	table_free(&s->t);
	json_decref(s->items);
	json_decref(s->counts);
	json_decref(s->year);
}

static struct table *pl_list(struct view *v)
{
	struct pl_state *s = v->state;
	return &s->t;
}

/* The list is locked while the declaration is not open (SPEC §4). */
static unsigned pl_holds(struct view *v)
{
	struct pl_state *s = v->state;
	enum declaration_status d = pl_year_status(s);
	return NEED_RECORD | (d >= 0 && wire_declaration_locks_list(d) ? 0 : NEED_UNLOCKED);
}

static const char *pl_locked_why(struct view *v)
{
	return declaration_lock_why(pl_year_status(v->state));
}

static int pl_year_shown(struct view *v)
{
	struct pl_state *s = v->state;
	return s->yr;
}

static const struct screen_action pl_actions[] = {
	{ .act = ACT_OPEN, .run = pl_open_person, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_ADD, .run = pl_add, .needs = NEED_UNIT | NEED_UNLOCKED, .hint = true },
	{ .act = ACT_DELETE, .run = pl_delete, .needs = NEED_ROW | NEED_UNLOCKED, .hint = true },
	{ .act = ACT_SEARCH, .run = pl_search, .hint = true },
	{ .act = ACT_FILTER, .run = pl_filter, .hint = true },
	{ .act = ACT_TAG_TOGGLE, .run = NULL, .hint = true },   /* the loop tags */
	{ .act = ACT_IMPORT_PREVIOUS, .run = pl_import, .needs = NEED_UNIT | NEED_UNLOCKED, .hint = true },
	{ .act = ACT_NOTICES, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL, .hint = true },
	{ .act = ACT_EDIT, .run = pl_open_person, .needs = NEED_ROW | NEED_UNLOCKED },
	{ .act = ACT_REREGISTER, .run = pl_reregister, .needs = NEED_ROW | NEED_UNLOCKED },
	{ .act = ACT_SORT_NEXT, .run = pl_sort },
	{ .act = ACT_REFRESH, .run = pl_refresh },
	{ .act = ACT_YEAR_PREV, .run = pl_year },
	{ .act = ACT_YEAR_NEXT, .run = pl_year },
	{ .act = ACT_SUBMIT, .run = pl_submit, .needs = NEED_UNIT | NEED_UNLOCKED },
	{ .act = ACT_WITHDRAW, .run = pl_withdraw, .needs = NEED_UNIT },
	{ .act = ACT_CALC, .run = pl_calc },
	{ .act = ACT_UNIT_INFO, .run = pl_unit, .needs = NEED_UNIT },
	{ .act = ACT_DOCUMENTS, .run = pl_documents, .needs = NEED_UNIT },
	{ .act = ACT_FEEDBACK, .run = pl_requests, .needs = NEED_UNIT },
	{ .act = ACT_CANCELLATION, .run = pl_requests, .needs = NEED_UNIT },
	{ .act = ACT_DRAFTS, .run = pl_drafts, .needs = NEED_SESSION },
	{ .act = ACT_REWARDS, .run = pl_rewards, .needs = NEED_UNIT },
	{ .act = ACT_POLICIES, .run = pl_policies },
};

const struct screen screen_placements = {
	.name = "placements",
	.state_size = sizeof(struct pl_state),
	.open = pl_open,
	.draw = pl_draw,
	SCREEN_ACTIONS(pl_actions),
	.reply = pl_reply,
	.close = pl_close,
	.holds = pl_holds,
	.list = pl_list,
	.list_moved = more_if_near_end,
	.list_caps = LIST_TAGS | LIST_SEARCH,
	.answer = pl_answer,
	.resume = pl_resume,
	.locked_why = pl_locked_why,
	.year = pl_year_shown,
};
