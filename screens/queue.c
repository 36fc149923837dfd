/* queue (安置审核): the placements awaiting review across the units of the
 * reviewer's region (SPEC §5.2) — unit name and credit code, the masked
 * person, 待审核 / 待审核(合同需审核), months pending, materials, when the unit
 * registered it; the header counts; filters by region (盟市 / 旗县区 by name),
 * unit (name or USCC), status and registration dates; sort; pages by cursor
 * as the cursor nears the end. Enter opens the review form; V marks every
 * pending decision of the tagged cases (else the cursor's) 有效 through the
 * outbox. The cases are fetched ahead so the form draws each at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "base/url.h"
#include "screens/queue.h"
#include "screens/queue_filter.h"
#include "screens/review_case.h"
#include "screens/rewards.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_MORE, TAG_FETCH, TAG_REASONS, TAG_BULK };
enum { ASK_UNIT = 1, ASK_REGION, ASK_DATES, ASK_BULK };
enum { C_SEQ, C_UNIT, C_USCC, C_NAME, C_STATUS, C_PENDING, C_MATS, C_REGISTERED, C_NCOLS };
enum { CACHE_MAX = 12, FETCHING_MAX = 2 };

static const struct table_col cols[] = {
	{ N_("No."), NULL, 3, 4, 0, true, true },
	{ N_("Unit"), NULL, 16, 20, 0, false, false },
	{ N_("Credit code"), NULL, 18, 18, 4, false, false },
	{ N_("Name"), NULL, 6, 10, 0, false, false },
	{ N_("Status"), NULL, 14, 18, 0, false, false },
	{ N_("Pending months"), N_("Pend."), 4, 6, 1, true, true },
	{ N_("Materials"), N_("Mat."), 4, 6, 2, true, true },
	{ N_("Registered at"), N_("Reg. date"), 10, 10, 3, false, false },
};

struct q_state {
	struct table t;
	json_t *all;            /* QUEUE_ITEMs as loaded, pages appended */
	json_t *items;          /* those shown: decided ones (in the outbox) left out */
	json_t *counts;
	long long total;
	/* loaded cases decided here that the service still counted as pending
	 * when it listed them (their decisions were on their way): the header
	 * leaves them out, as the rows do */
	long long hidden_pending, hidden_contract;
	char next[128];         /* next_cursor, "" = no more */
	int list_req, more_req;
	bool loaded;
	int yr;
	struct queue_filter f;
	/* fetched ahead: id (text) → PLACEMENT, oldest first */
	json_t *cache, *fetching;
	json_t *reasons;
	/* the bulk 有效 asked about, and how it went */
	struct app_batch *asked;
	json_t *bulk_versions;  /* id (text) → the version listed when asked */
	int bulk_sent, bulk_changed, bulk_failed;
};

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static long jid(const json_t *o)
{
	return (long)json_integer_value(json_object_get(o, "id"));
}

static void key_of(long id, char key[24])
{
	snprintf(key, 24, "%ld", id);
}

/* ------------------------------------------------------------ loading */

static int request_page(struct view *v, int tag)
{
	struct q_state *s = v->state;
	char path[1200], query[800];
	char *cur = url_escape(tag == TAG_MORE ? s->next : "");
	qf_query(&s->f, query, sizeof query);
	snprintf(path, sizeof path, "/review/placements?year=%d&limit=%d%s%s%s", s->yr,
		 app_page_size(v->app), query, *cur ? "&cursor=" : "", cur);
	free(cur);
	return api_call(v, tag, "GET", path, NULL, NULL);
}

static void load(struct view *v)
{
	struct q_state *s = v->state;
	if (s->more_req)
		api_cancel(v->app, s->more_req);
	if (s->list_req)
		api_cancel(v->app, s->list_req);
	s->more_req = 0;
	s->next[0] = '\0';
	s->list_req = request_page(v, TAG_LIST);
}

static void more_if_near_end(struct view *v)
{
	struct q_state *s = v->state;
	int margin = s->t.last_height > 5 ? s->t.last_height : 5;
	if (s->next[0] && !s->more_req && s->t.cursor + margin >= s->t.nrows)
		s->more_req = request_page(v, TAG_MORE);
}

void queue_prefetch(struct view *q, long id)
{
	struct q_state *s = q->state;
	char key[24], path[64];
	key_of(id, key);
	if (id <= 0 || json_object_get(s->cache, key) || json_object_get(s->fetching, key) ||
	    json_object_size(s->fetching) >= FETCHING_MAX)
		return;
	snprintf(path, sizeof path, "/placements/%ld", id);
	if (api_call(q, TAG_FETCH, "GET", path, NULL, NULL))
		json_object_set_new(s->fetching, key, json_true());
}

static void remember(struct q_state *s, json_t *pl)
{
	char key[24];
	key_of(jid(pl), key);
	json_object_del(s->cache, key);   /* the newest goes last */
	json_object_set(s->cache, key, pl);
	while (json_object_size(s->cache) > CACHE_MAX) {
		void *it = json_object_iter(s->cache);
		json_object_del(s->cache, json_object_iter_key(it));
	}
}

/* ------------------------------------------------------------ the rows */

/* The cases shown: the loaded ones not decided in this session (their
 * decisions in the outbox, or taken by the service already). */
static void fill(struct view *v)
{
	struct q_state *s = v->state;
	long keep = jid(json_array_get(s->items, (size_t)(table_cursor_row(&s->t) < 0 ? 0
								: table_cursor_row(&s->t))));
	json_decref(s->items);
	s->items = json_array();
	size_t i;
	json_t *it;
	s->hidden_pending = s->hidden_contract = 0;
	json_array_foreach(s->all, i, it) {
		if (!app_outbox_sent(v->app, jid(it))) {
			json_array_append(s->items, it);
			continue;
		}
		enum placement_status st = placement_status_of(it);
		s->hidden_pending += st == PLACEMENT_PENDING;
		s->hidden_contract += st == PLACEMENT_PENDING_CONTRACT;
	}
	table_resize(&s->t, (int)json_array_size(s->items));
	json_array_foreach(s->items, i, it) {
		int r = (int)i;
		char num[32];
		snprintf(num, sizeof num, "%d", r + 1);
		table_set(&s->t, r, C_SEQ, num);
		table_set(&s->t, r, C_UNIT, jstr(it, "unit_name"));
		table_set(&s->t, r, C_USCC, jstr(it, "uscc"));
		table_set(&s->t, r, C_NAME, jstr(it, "name_masked"));
		enum placement_status st = placement_status_of(it);
		table_set(&s->t, r, C_STATUS, placement_status_label(st));
		snprintf(num, sizeof num, "%lld", json_integer_value(json_object_get(it, "months_pending")));
		table_set(&s->t, r, C_PENDING, num);
		snprintf(num, sizeof num, "%lld", json_integer_value(json_object_get(it, "materials")));
		table_set(&s->t, r, C_MATS, num);
		snprintf(num, sizeof num, "%.10s", jstr(it, "submitted_at"));   /* the day */
		table_set(&s->t, r, C_REGISTERED, num);
		table_set_style(&s->t, r, placement_status_style(st));
	}
	table_sort(&s->t, s->t.sort_col, s->t.sort_desc);
	json_array_foreach(s->items, i, it)
		if (jid(it) == keep)
			table_select_row(&s->t, (int)i);
}

static const json_t *cursor_item(const struct q_state *s)
{
	int r = table_cursor_row(&s->t);
	return r >= 0 ? json_array_get(s->items, (size_t)r) : NULL;
}

static void moved(struct view *v)
{
	struct q_state *s = v->state;
	more_if_near_end(v);
	queue_prefetch(v, jid(cursor_item(s)));   /* Enter then draws it at once */
}

/* ------------------------------------------------------------ for the form */

struct view *queue_under(struct view *v)
{
	struct view *q = app_view_below(v);
	return q && q->scr == &screen_queue ? q : NULL;
}

/* The display position of case id, -1 when it is not shown. */
static int position_of(const struct q_state *s, long id)
{
	for (int pos = 0; pos < s->t.nrows; pos++)
		if (jid(json_array_get(s->items, (size_t)s->t.order[pos])) == id)
			return pos;
	return -1;
}

long queue_peek_next(struct view *q, long after)
{
	struct q_state *s = q->state;
	for (int p = position_of(s, after) + 1; p < s->t.nrows; p++) {
		long id = jid(json_array_get(s->items, (size_t)s->t.order[p]));
		if (id != after && !app_outbox_sent(q->app, id))
			return id;
	}
	return 0;
}

long queue_next(struct view *q, long after)
{
	struct q_state *s = q->state;
	if (s->next[0] && !s->more_req && position_of(s, after) + 5 >= s->t.nrows)
		s->more_req = request_page(q, TAG_MORE);
	return queue_peek_next(q, after);
}

json_t *queue_cached(struct view *q, long id)
{
	struct q_state *s = q->state;
	char key[24];
	key_of(id, key);
	return json_object_get(s->cache, key);
}

json_t *queue_reasons(struct view *q)
{
	return ((struct q_state *)q->state)->reasons;
}

void queue_position(struct view *q, long id, int *pos, int *total)
{
	struct q_state *s = q->state;
	int p = position_of(s, id);
	*pos = p >= 0 ? p + 1 : 0;
	*total = s->t.nrows;
}

void queue_follow(struct view *q, long id)
{
	struct q_state *s = q->state;
	fill(q);
	for (int r = 0; r < s->t.nrows; r++)
		if (jid(json_array_get(s->items, (size_t)r)) == id)
			table_select_row(&s->t, r);
}

/* ------------------------------------------------------------ open, draw */

static int q_open(struct view *v, const struct screen_args *args)
{
	struct q_state *s = v->state;
	table_init(&s->t, cols, C_NCOLS, true);
	s->t.cursor_span = 3;
	s->t.key_cols = 1u << C_NAME;   /* read-row names the person first */
	s->yr = args && args->year ? args->year : app_session(v->app)->year;
	s->all = json_array();
	s->items = json_array();
	s->cache = json_object();
	s->fetching = json_object();
	s->bulk_versions = json_object();
	load(v);
	api_call(v, TAG_REASONS, "GET", "/review/reasons", NULL, NULL);
	return 0;
}

static void q_resume(struct view *v)
{
	fill(v);
	load(v);
}

static int put_line(WINDOW *w, int y, int x, int width, enum style st, const char *text)
{
	char buf[1200];
	wattrset(w, theme_attr(st));
	text_fit(buf, sizeof buf, text, width, 0);
	mvwaddstr(w, y, x, buf);
	wattrset(w, theme_attr(STYLE_NORMAL));
	return y + 1;
}

static void q_draw(struct view *v, struct canvas *c)
{
	struct q_state *s = v->state;
	WINDOW *w = c->w;
	char line[1200], f[600];
	int y = c->y, bottom = c->y + c->rows;
	snprintf(line, sizeof line, _("Placements to review - business year %d"), s->yr);
	y = put_line(w, y, c->x, c->cols, STYLE_TITLE, line);
	if (!s->counts) {
		y = put_line(w, y, c->x, c->cols, STYLE_DIM, _("Loading..."));
		canvas_focus(c, y - 1, c->x);
		return;
	}
	int failed, waiting = app_outbox_count(v->app, &failed);
	long long p = json_integer_value(json_object_get(s->counts, "pending")) - s->hidden_pending;
	long long pc = json_integer_value(json_object_get(s->counts, "pending_contract")) -
		       s->hidden_contract;
	int n = snprintf(line, sizeof line, _("Pending review %lld, pending review (contract) %lld"), p, pc);
	if (waiting)
		snprintf(line + n, sizeof line - (size_t)n, _("  Outbox: %d to send, %d refused (O)"),
			 waiting - failed, failed);
	y = put_line(w, y, c->x, c->cols, failed ? STYLE_FAIL : STYLE_NORMAL, line);
	qf_text(&s->f, f, sizeof f);
	if (f[0]) {
		snprintf(line, sizeof line, "%s: %s", _("Filter"), f);
		y = put_line(w, y, c->x, c->cols, STYLE_DIM, line);
	}
	if (s->total > (long long)json_array_size(s->all)) {
		snprintf(line, sizeof line, _("Showing %zu of %lld: the rest load as you move down"),
			 json_array_size(s->all), s->total);
		y = put_line(w, y, c->x, c->cols, STYLE_PENDING, line);
	}
	if (s->loaded && s->t.nrows == 0) {
		y = put_line(w, y + 1, c->x, c->cols, STYLE_DIM,
			     f[0] ? _("No case matches the filter.") : _("Nothing awaits review."));
		canvas_focus(c, y - 1, c->x);
		return;
	}
	table_draw(&s->t, w, y, c->x, bottom - y - 1, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
	const json_t *it = cursor_item(s);
	if (it) {   /* the cursor's unit in full: its name and credit code */
		char *un = text_clean(jstr(it, "unit_name"));
		snprintf(line, sizeof line, "%s %s  %s %s", _("Unit"), un, _("Credit code"),
			 jstr(it, "uscc"));
		free(un);
		put_line(w, bottom - 1, c->x, c->cols, STYLE_DIM, line);
	}
}

/* ------------------------------------------------------------ actions */

static unsigned q_open_case(struct view *v, enum action a)
{
	struct q_state *s = v->state;
	app_push(v->app, &screen_review, &(struct screen_args){ .id = jid(cursor_item(s)) });
	return H_REDRAW;
}

/* V: every pending decision of the tagged cases (else the cursor's) 有效 —
 * each case fetched fresh, decided only when it is still the version listed. */
static unsigned q_all_valid(struct view *v, enum action a)
{
	struct q_state *s = v->state;
	struct app_batch *b = app_batch_new(v, TAG_BULK);
	struct app_selection sel;
	char path[64], key[24], q[200];
	bool tagged;
	int row;
	json_object_clear(s->bulk_versions);
	for (bool ok = app_selection_first(&sel, &s->t, &row); ok; ok = app_selection_next(&sel, &row)) {
		const json_t *it = json_array_get(s->items, (size_t)row);
		snprintf(path, sizeof path, "/placements/%ld", jid(it));
		key_of(jid(it), key);
		json_object_set(s->bulk_versions, key, json_object_get(it, "version"));
		app_batch_add(b, "GET", path, NULL);
	}
	s->bulk_sent = s->bulk_changed = s->bulk_failed = 0;
	app_batch_drop(s->asked);
	s->asked = b;
	if (app_selection_count(&s->t, &tagged) && tagged) {
		snprintf(q, sizeof q, _("Mark every pending decision of %d tagged cases valid?"),
			 app_batch_size(b));
		app_confirm(v, ASK_BULK, q);
	} else {   /* one case, the cursor's: undo takes it back */
		app_batch_send(b);
		s->asked = NULL;
	}
	return H_REDRAW;
}

static unsigned q_unit(struct view *v, enum action a)
{
	struct q_state *s = v->state;
	app_prompt(v, ASK_UNIT, _("Unit (part of the name, or the credit code):"), s->f.unit, 0);
	return H_REDRAW;
}

static unsigned q_region(struct view *v, enum action a)
{
	char name[96] = "";
	region_name(((struct q_state *)v->state)->f.region, name, sizeof name);
	app_prompt(v, ASK_REGION, _("Region (name or code of a league/city or county):"), name, 0);
	return H_REDRAW;
}

static unsigned q_dates(struct view *v, enum action a)
{
	struct q_state *s = v->state;
	char init[32];
	snprintf(init, sizeof init, "%s %s", s->f.from[0] ? s->f.from : "-", s->f.to);
	app_prompt(v, ASK_DATES, _("Registered from to (YYYY-MM-DD YYYY-MM-DD, - for open):"),
		   s->f.from[0] || s->f.to[0] ? init : "", 0);
	return H_REDRAW;
}

static unsigned q_status(struct view *v, enum action a)
{
	struct q_state *s = v->state;
	qf_next_status(&s->f);
	load(v);
	return H_REDRAW;
}

static unsigned q_sort(struct view *v, enum action a)
{
	table_sort_next(&((struct q_state *)v->state)->t);
	return H_REDRAW;
}

static unsigned q_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned q_outbox(struct view *v, enum action a)
{
	app_push(v->app, &screen_outbox, NULL);
	return H_REDRAW;
}

static unsigned q_undo(struct view *v, enum action a)
{
	long ref = app_outbox_undo(v->app, NULL);
	app_flash(v->app, !ref, "%s", ref ? _("Taken back: the case awaits your review again")
				   : _("Nothing to take back: the last decision has gone out"));
	fill(v);
	return H_REDRAW;
}

static unsigned q_answer(struct view *v, int tag, const char *text)
{
	struct q_state *s = v->state;
	if (tag == ASK_BULK) {
		if (text)
			app_batch_send(s->asked);
		else
			app_batch_drop(s->asked);
		s->asked = NULL;
		return H_REDRAW;
	}
	if (!text)
		return H_REDRAW;
	if (tag == ASK_UNIT) {
		snprintf(s->f.unit, sizeof s->f.unit, "%s", text);
	} else if (tag == ASK_REGION) {
		const char *mine = app_session(v->app)->region;
		if (qf_set_region(&s->f, mine ? mine : "150000", text) == 0) {
			app_flash(v->app, true, _("No region within yours is called %s"), text);
			return H_REDRAW;
		}
	} else if (tag == ASK_DATES && !qf_set_dates(&s->f, text)) {
		app_flash(v->app, true, "%s", _("Dates are YYYY-MM-DD: from to, - for an open end"));
		return H_REDRAW;
	}
	load(v);
	return H_REDRAW;
}

/* ------------------------------------------------------------ answers */

static void next_cursor(struct q_state *s, const json_t *body)
{
	const char *c = json_string_value(json_object_get(body, "next_cursor"));
	snprintf(s->next, sizeof s->next, "%s", c ? c : "");
}

/* One case of the bulk 有效: decided through the outbox when still the
 * version listed; at the end, how it went. */
static void bulk_reply(struct view *v, const struct api_reply *r)
{
	struct q_state *s = v->state;
	char key[24];
	if (r->ok && json_is_object(r->body)) {
		key_of(jid(r->body), key);
		remember(s, r->body);
		struct review_case c;
		rc_init(&c);
		rc_load(&c, r->body, NULL);
		json_t *listed = json_object_get(s->bulk_versions, key);
		json_t *body = c.version == json_integer_value(listed) && rc_choose_all_valid(&c) > 0
			       ? rc_body(&c) : NULL;
		if (body) {
			char path[64], etag[32], label[400];
			snprintf(path, sizeof path, "/placements/%ld/review", c.id);
			snprintf(etag, sizeof etag, "\"%lld\"", c.version);
			rc_label(&c, label, sizeof label);
			s->bulk_sent += app_outbox_add(v->app, "PUT", path, etag, body, c.id, label) > 0;
			json_decref(body);
		} else {
			s->bulk_changed++;
		}
		rc_free(&c);
	} else {
		s->bulk_failed++;
	}
	if (r->batch_left > 0)
		return;
	if (s->bulk_changed || s->bulk_failed)
		app_flash(v->app, true, _("%d cases decided valid; %d changed since listed or had nothing pending, %d not read: open them to review"),
			  s->bulk_sent, s->bulk_changed, s->bulk_failed);
	else
		app_flash(v->app, false, _("%d cases decided valid: in the outbox (u takes the last back)"),
			  s->bulk_sent);
	fill(v);
	moved(v);
}

static void q_reply(struct view *v, const struct api_reply *r)
{
	struct q_state *s = v->state;
	bool cancelled = r->code && strcmp(r->code, "cancelled") == 0;
	if (r->tag == TAG_LIST)
		s->list_req = 0;
	if (r->tag == TAG_MORE)
		s->more_req = 0;
	if (r->tag == TAG_FETCH) {
		if (r->ok && json_is_object(r->body)) {
			char key[24];
			key_of(jid(r->body), key);
			json_object_del(s->fetching, key);
			remember(s, r->body);
		} else {
			json_object_clear(s->fetching);   /* a failed fetch: the form asks itself */
		}
		return;
	}
	if (r->tag == TAG_BULK) {
		bulk_reply(v, r);
		return;
	}
	if (cancelled)
		return;
	if (!r->ok) {
		if (r->tag != TAG_REASONS)
			app_flash(v->app, true, "%s", r->message);
		return;
	}
	switch (r->tag) {
	case TAG_LIST:
	case TAG_MORE:
		if (r->tag == TAG_LIST)   /* the first page: a new list */
			json_array_clear(s->all);
		json_array_extend(s->all, json_object_get(r->body, "items"));
		json_decref(s->counts);
		s->counts = json_incref(json_object_get(r->body, "counts"));
		s->total = json_integer_value(json_object_get(r->body, "total"));
		s->loaded = true;
		next_cursor(s, r->body);
		fill(v);
		moved(v);
		break;
	case TAG_REASONS:
		json_decref(s->reasons);
		s->reasons = json_incref(r->body);
		break;
	}
}

static void q_close(struct view *v)
{
	struct q_state *s = v->state;
	app_batch_drop(s->asked);
	table_free(&s->t);
	json_decref(s->all);
	json_decref(s->items);
	json_decref(s->counts);
	json_decref(s->cache);
	json_decref(s->fetching);
	json_decref(s->reasons);
	json_decref(s->bulk_versions);
}

static struct table *q_list(struct view *v)
{
	return &((struct q_state *)v->state)->t;
}

static unsigned q_holds(struct view *v)
{
	return ((struct q_state *)v->state)->loaded ? NEED_RECORD : 0;
}

#define FED ROLES_FEDERATION

static const struct screen_action q_actions[] = {
	{ .act = ACT_OPEN, .run = q_open_case, .needs = NEED_ROW, .roles = FED, .hint = true },
	{ .act = ACT_MONTH_ALL_VALID, .run = q_all_valid, .needs = NEED_ROW, .roles = FED, .hint = true },
	{ .act = ACT_TAG_TOGGLE, .run = NULL, .hint = true },
	{ .act = ACT_SEARCH, .run = q_unit, .roles = FED, .hint = true },
	{ .act = ACT_FILTER_REGION, .run = q_region, .roles = FED, .hint = true },
	{ .act = ACT_OUTBOX, .run = q_outbox, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_QUIT, .run = NULL, .hint = true },
	{ .act = ACT_FILTER, .run = q_status, .roles = FED },
	{ .act = ACT_FILTER_DATES, .run = q_dates, .roles = FED },
	{ .act = ACT_SORT_NEXT, .run = q_sort },
	{ .act = ACT_REFRESH, .run = q_refresh, .roles = FED },
	{ .act = ACT_UNDO, .run = q_undo },
	{ .act = ACT_TAG_ALL, .run = NULL },
	{ .act = ACT_REWARDS, .run = rewards_act, .needs = NEED_SESSION },
	{ .act = ACT_POLICIES, .run = policies_act, .needs = NEED_SESSION },
};

const struct screen screen_queue = {
	.name = "queue",
	.state_size = sizeof(struct q_state),
	.open = q_open,
	.draw = q_draw,
	SCREEN_ACTIONS(q_actions),
	.reply = q_reply,
	.close = q_close,
	.holds = q_holds,
	.list = q_list,
	.list_moved = moved,
	.list_caps = LIST_TAGS,
	.answer = q_answer,
	.resume = q_resume,
};
