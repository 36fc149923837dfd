/* placements (安置人员列表): the unit's persons of one business year with the
 * header counts of SPEC §4 and the year's totals; search (server-side q),
 * status filter, tags, delete, re-register, import of last year's list, and
 * Enter to open a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_LIST = 1, TAG_MORE, TAG_YEAR, TAG_DELETE, TAG_REREG, TAG_IMPORT, TAG_SUBMIT, TAG_WITHDRAW };
enum { ASK_SEARCH = 1, ASK_DELETE, ASK_IMPORT, ASK_SUBMIT, ASK_WITHDRAW, ASK_REREG };

enum { C_SEQ, C_NAME, C_IDNO, C_CERT, C_REG, C_CONF, C_COUNT, C_REJ, C_STATUS, C_SUBMITTED,
       C_NCOLS };

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

struct pl_state {
	struct table t;
	json_t *items;         /* the last good list */
	json_t *counts;
	json_t *year;          /* YEAR */
	long long total;       /* LIST.total: persons matching, maybe more than shown */
	int yr;
	char q[128];
	char last_q[128];      /* the last search text, for n (kept when the search is cleared) */
	int filter;
	bool loaded;
	int pending_deletes;
	char next[64];         /* LIST.next_cursor of the last page loaded, "" = no more */
	int more_req;          /* the running request for the next page, 0 = none */
	/* what the delete dialog asked about, fixed when it was asked: a reload
	 * meanwhile must not change who is deleted */
	long del_ids[256];
	char del_etags[256][24];
	int ndel;
	long rereg_ids[256];   /* the confirmed persons the re-register dialog asked about */
	int nrereg;
};

/* s percent-escaped for a query string (malloc'd). */
static char *url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *q = xmalloc(strlen(s) * 3 + 1), *o = q;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return q;
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

static void load(struct view *v)
{
	struct pl_state *s = v->state;
	struct session *ss = app_session(v->app);
	if (!ss->unit)
		return;
	if (s->more_req)   /* a page of the old list must not be appended to the new one */
		api_cancel(v->app, s->more_req);
	s->more_req = 0;
	s->next[0] = '\0';   /* the old list's cursor means nothing to the new one */
	request_page(v, TAG_LIST);
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
	s->yr = app_session(v->app)->year;
	if (args && args->id)
		s->yr = (int)args->id;
	load(v);
	return 0;
}

static void pl_resume(struct view *v)
{
	load(v);
}

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static long row_id(const json_t *items, int row)
{
	return row < 0 ? 0 : (long)json_integer_value(json_object_get(json_array_get(items, (size_t)row), "id"));
}

/* Fills the table from s->items; the cursor stays on the person it was on
 * and, when keep_tags, the tagged persons stay tagged (a page appended). */
static void fill_tags(struct pl_state *s, long keep_id, bool keep_tags)
{
	size_t n = json_array_size(s->items);
	long *tagged = xcalloc(n + 1, sizeof *tagged);
	int ntag = 0;
	for (int r = 0; keep_tags && r < s->t.nrows && (size_t)r < n; r++)
		if (s->t.tagged[r])
			tagged[ntag++] = row_id(s->items, r);
	table_resize(&s->t, (int)n);
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(s->items, i);
		char num[32];
		int r = (int)i;
		snprintf(num, sizeof num, "%zu", i + 1);
		table_set(&s->t, r, C_SEQ, num);
		table_set(&s->t, r, C_NAME, jstr(it, "name_masked"));
		table_set(&s->t, r, C_IDNO, jstr(it, "idno_masked"));
		table_set(&s->t, r, C_CERT, jstr(it, "cert_no_masked"));
		static const char *const nums[] = { "months_registered", "months_confirmed",
						    "months_counted", "months_rejected" };
		for (int k = 0; k < 4; k++) {
			snprintf(num, sizeof num, "%lld",
				 (long long)json_integer_value(json_object_get(it, nums[k])));
			table_set(&s->t, r, C_REG + k, num);
		}
		enum placement_status st = placement_status_of(it);
		table_set(&s->t, r, C_STATUS, st >= 0 ? placement_status_label(st) : jstr(it, "status"));
		table_set(&s->t, r, C_SUBMITTED, jstr(it, "submitted_at"));
		table_set_style(&s->t, r, placement_status_style(st));
		for (int k = 0; k < ntag; k++)
			if (tagged[k] == row_id(s->items, r))
				s->t.tagged[r] = true;
	}
	free(tagged);
	if (s->t.sort_col >= 0)
		table_sort(&s->t, s->t.sort_col, s->t.sort_desc);
	for (int pos = 0; keep_id && pos < s->t.nrows; pos++)
		if (row_id(s->items, s->t.order[pos]) == keep_id)
			table_goto(&s->t, pos);
}

static void fill_keep(struct pl_state *s, long keep_id)
{
	fill_tags(s, keep_id, false);
}

static void fill(struct pl_state *s)
{
	fill_keep(s, 0);
}

static int count(const struct pl_state *s, const char *k)
{
	return (int)json_integer_value(json_object_get(s->counts, k));
}

static int wrap_line(WINDOW *w, int y, int x, int width, int maxlines, const char *text)
{
	char **lines;
	int n = pager_wrap(text, width, &lines);
	int used = 0;
	for (int i = 0; i < n; i++) {
		if (i < maxlines) {
			mvwaddstr(w, y + i, x, lines[i]);
			used++;
		}
		free(lines[i]);
	}
	free(lines);
	return used;
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
		return;
	}
	snprintf(line, sizeof line,
		 _("Registered %d, passed (system) %d, passed (manual) %d, partly rejected %d, rejected %d"),
		 count(s, "registered"), count(s, "confirmed_system"), count(s, "confirmed_manual"),
		 count(s, "partially_rejected"), count(s, "rejected"));
	y += wrap_line(w, y, c->x, c->cols, 2, line);
	long long conf = json_integer_value(json_object_get(s->year, "months_confirmed"));
	long long cnt = json_integer_value(json_object_get(s->year, "months_counted"));
	snprintf(line, sizeof line, _("This year: %lld months confirmed, %lld months counted"), conf, cnt);
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
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
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
		return;
	}
	table_draw(&s->t, w, y, c->x, c->rows - (y - c->y), c->cols);
}

static long item_id(const struct pl_state *s, int row, char *etag, size_t etsz)
{
	const json_t *it = json_array_get(s->items, (size_t)row);
	snprintf(etag, etsz, "\"%lld\"", (long long)json_integer_value(json_object_get(it, "version")));
	return (long)json_integer_value(json_object_get(it, "id"));
}

static int selected(const struct pl_state *s, int *rows, int max)
{
	int n = table_tagged_rows(&s->t, rows, max);
	if (n == 0 && table_cursor_row(&s->t) >= 0) {
		rows[0] = table_cursor_row(&s->t);
		n = 1;
	}
	return n > max ? max : n;
}

/* n: the next loaded row (after the cursor, wrapping) whose masked name or ID
 * number as shown can be what was searched for ('*' stands for any one
 * character: "152630*****4043330" matches the full ID typed). */
static unsigned search_next(struct view *v)
{
	struct pl_state *s = v->state;
	if (!s->last_q[0]) {
		app_flash(v->app, false, "%s", _("Nothing to find again: search first"));
		return H_REDRAW;
	}
	for (int k = 1; k <= s->t.nrows; k++) {
		int pos = (s->t.cursor + k) % s->t.nrows;
		int row = s->t.order[pos];
		if (text_masked_match(table_get(&s->t, row, C_NAME), s->last_q) ||
		    text_masked_match(table_get(&s->t, row, C_IDNO), s->last_q)) {
			if (pos <= s->t.cursor)
				app_flash(v->app, false, "%s", _("Search wrapped to the top"));
			table_goto(&s->t, pos);
			more_if_near_end(v);
			return H_REDRAW;
		}
	}
	app_flash(v->app, true, "%s", _("No match among the persons loaded"));
	return H_REDRAW;
}

static unsigned pl_act(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	int row = table_cursor_row(&s->t);
	char q[200];
	switch (a) {
	case ACT_MOVE_DOWN: table_move(&s->t, 1); more_if_near_end(v); return H_REDRAW;
	case ACT_MOVE_UP: table_move(&s->t, -1); return H_REDRAW;
	case ACT_PAGE_DOWN: table_move(&s->t, s->t.last_height); more_if_near_end(v); return H_REDRAW;
	case ACT_PAGE_UP: table_move(&s->t, -s->t.last_height); return H_REDRAW;
	case ACT_FIRST: table_goto(&s->t, 0); return H_REDRAW;
	case ACT_LAST: table_goto(&s->t, -1); more_if_near_end(v); return H_REDRAW;
	case ACT_TAG_TOGGLE:
		table_toggle_tag(&s->t);
		table_move(&s->t, 1);
		more_if_near_end(v);
		return H_REDRAW;
	case ACT_TAG_ALL: table_tag_all(&s->t); return H_REDRAW;
	case ACT_SORT_NEXT: table_sort_next(&s->t); return H_REDRAW;
	case ACT_REFRESH: load(v); return H_REDRAW;
	case ACT_SEARCH_NEXT:
		return search_next(v);
	case ACT_SEARCH:
		app_prompt(v, ASK_SEARCH, _("Search (part of the name or start of ID number):"), s->q, 0);
		return H_REDRAW;
	case ACT_FILTER:
		s->filter = (s->filter + 1) % filter_count();
		load(v);
		return H_REDRAW;
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		s->yr += a == ACT_YEAR_PREV ? -1 : 1;
		json_decref(s->items);
		json_decref(s->counts);
		s->items = s->counts = NULL;
		s->loaded = false;
		fill(s);
		load(v);
		return H_REDRAW;
	case ACT_ADD:
		app_push(v->app, &screen_person, &(struct screen_args){ .id = 0, .year = s->yr });
		return H_REDRAW;
	case ACT_OPEN:
	case ACT_EDIT: {
		if (row < 0)
			return H_NONE;
		char et[32];
		app_push(v->app, &screen_person, &(struct screen_args){ .id = item_id(s, row, et, sizeof et) });
		return H_REDRAW;
	}
	case ACT_DELETE: {
		int rows[256];
		int n = table_tagged_rows(&s->t, rows, 1);
		if (n == 0 && row < 0)
			return H_NONE;
		s->ndel = selected(s, rows, 256);
		for (int i = 0; i < s->ndel; i++)
			s->del_ids[i] = item_id(s, rows[i], s->del_etags[i], sizeof s->del_etags[i]);
		if (n > 0)
			snprintf(q, sizeof q, _("Delete %d tagged persons?"), s->ndel);
		else
			snprintf(q, sizeof q, _("Delete %s?"), table_get(&s->t, row, C_NAME));
		app_confirm(v, ASK_DELETE, q);
		return H_REDRAW;
	}
	case ACT_REREGISTER: {
		/* SPEC §4: 重新登记 is for a confirmed person, who is then checked
		 * and reviewed again; others are still being checked anyway */
		int rows[256];
		int n = selected(s, rows, 256);
		s->nrereg = 0;
		for (int i = 0; i < n; i++) {
			const json_t *it = json_array_get(s->items, (size_t)rows[i]);
			if (placement_status_of(it) == PLACEMENT_CONFIRMED)
				s->rereg_ids[s->nrereg++] = (long)json_integer_value(json_object_get(it, "id"));
		}
		if (s->nrereg == 0) {
			app_flash(v->app, true, "%s", _("Only a confirmed person can be registered again"));
			return H_REDRAW;
		}
		if (n == 1)
			snprintf(q, sizeof q, _("Register %s again? The person is checked and reviewed anew."),
				 table_get(&s->t, rows[0], C_NAME));
		else
			snprintf(q, sizeof q, _("Register %d confirmed persons again? They are checked and reviewed anew."),
				 s->nrereg);
		app_confirm(v, ASK_REREG, q);
		return H_REDRAW;
	}
	case ACT_SUBMIT:
		app_confirm(v, ASK_SUBMIT, _("Submit the declaration? The list is then locked."));
		return H_REDRAW;
	case ACT_WITHDRAW:
		app_confirm(v, ASK_WITHDRAW, _("Withdraw the declaration to edit it again?"));
		return H_REDRAW;
	case ACT_CALC:
		app_push(v->app, &screen_calc, &(struct screen_args){ .year = s->yr });
		return H_REDRAW;
	case ACT_UNIT_INFO:
		app_push(v->app, &screen_unit, NULL);
		return H_REDRAW;
	case ACT_IMPORT_PREVIOUS:
		app_confirm(v, ASK_IMPORT, _("Import last year's persons into this year as drafts?"));
		return H_REDRAW;
	default:
		return H_UNKNOWN;
	}
}

static unsigned pl_answer(struct view *v, int tag, const char *text)
{
	struct pl_state *s = v->state;
	struct session *ss = app_session(v->app);
	char path[256];
	if (tag == ASK_SEARCH && text) {
		snprintf(s->q, sizeof s->q, "%s", text);
		if (*text)
			snprintf(s->last_q, sizeof s->last_q, "%s", text);
		load(v);
	} else if (tag == ASK_REREG && text) {
		for (int i = 0; i < s->nrereg; i++) {
			snprintf(path, sizeof path, "/placements/%ld/reregister", s->rereg_ids[i]);
			api_call(v, TAG_REREG, "POST", path, NULL, NULL);
		}
		s->nrereg = 0;
	} else if (tag == ASK_DELETE && text) {
		for (int i = 0; i < s->ndel; i++) {
			snprintf(path, sizeof path, "/placements/%ld", s->del_ids[i]);
			if (api_call(v, TAG_DELETE, "DELETE", path, NULL, s->del_etags[i]))
				s->pending_deletes++;
		}
		s->ndel = 0;
	} else if ((tag == ASK_SUBMIT || tag == ASK_WITHDRAW) && text && ss->unit) {
		snprintf(path, sizeof path, "/units/%s/years/%d/%s", ss->unit, s->yr,
			 tag == ASK_SUBMIT ? "submit" : "withdraw");
		api_call(v, tag == ASK_SUBMIT ? TAG_SUBMIT : TAG_WITHDRAW, "POST", path, NULL, NULL);
	} else if (tag == ASK_IMPORT && text && ss->unit) {
		snprintf(path, sizeof path, "/units/%s/years/%d/placements/import-previous", ss->unit, s->yr);
		api_call(v, TAG_IMPORT, "POST", path, NULL, NULL);
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
	if (r->tag == TAG_MORE)
		s->more_req = 0;
	if (!r->ok) {
		/* keep what is on screen; say why in the status bar */
		if (r->tag == TAG_SUBMIT && r->status == 409)
			app_flash(v->app, true, "%s",
				  _("Cannot submit yet: every person must be confirmed (or deleted) first"));
		else if (r->tag == TAG_WITHDRAW && r->status == 409)
			app_flash(v->app, true, "%s",
				  _("Cannot withdraw: the declaration is not submitted, or the federation has acted"));
		else if (r->status == 409 && (r->tag == TAG_DELETE || r->tag == TAG_REREG || r->tag == TAG_IMPORT))
			app_flash(v->app, true, "%s", _("The declaration is submitted: the list is locked (W withdraws)"));
		else
			app_flash(v->app, true, "%s", r->message);
		if (r->tag == TAG_DELETE && --s->pending_deletes == 0)
			load(v);
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
		fill_keep(s, keep);
		more_if_near_end(v);   /* a short page: fill the screen */
		break;
	}
	case TAG_MORE: {
		json_t *items = json_object_get(r->body, "items");
		if (!json_is_array(items) || !s->items)
			return;   /* the list was reloaded meanwhile: this page is stale */
		long keep = row_id(s->items, table_cursor_row(&s->t));
		json_array_extend(s->items, items);
		s->total = json_integer_value(json_object_get(r->body, "total"));
		next_cursor(s, r->body);
		fill_tags(s, keep, true);
		more_if_near_end(v);
		break;
	}
	case TAG_YEAR:
		json_decref(s->year);
		s->year = json_incref(r->body);
		break;
	case TAG_DELETE:
		if (--s->pending_deletes <= 0) {
			s->pending_deletes = 0;
			app_flash(v->app, false, "%s", _("Deleted"));
			load(v);
		}
		break;
	case TAG_REREG:
		app_flash(v->app, false, "%s", _("Registered again: the person is checked and reviewed anew"));
		load(v);
		break;
	case TAG_SUBMIT:
	case TAG_WITHDRAW:
		json_decref(s->year);
		s->year = json_incref(r->body);
		app_flash(v->app, false, "%s", r->tag == TAG_SUBMIT ? _("Declaration submitted")
								   : _("Declaration withdrawn: the list can be edited again"));
		load(v);
		break;
	case TAG_IMPORT:
		app_flash(v->app, false, _("Imported %lld, skipped %lld"),
			  (long long)json_integer_value(json_object_get(r->body, "imported")),
			  (long long)json_integer_value(json_object_get(r->body, "skipped")));
		load(v);
		break;
	}
}

static void pl_close(struct view *v)
{
	struct pl_state *s = v->state;
	table_free(&s->t);
	json_decref(s->items);
	json_decref(s->counts);
	json_decref(s->year);
}

static const enum action pl_hints[] = { ACT_OPEN, ACT_ADD, ACT_DELETE, ACT_SEARCH, ACT_FILTER,
					ACT_TAG_TOGGLE, ACT_IMPORT_PREVIOUS, ACT_NOTICES, ACT_HELP,
					ACT_QUIT };

const struct screen screen_placements = {
	.name = "placements",
	.state_size = sizeof(struct pl_state),
	.open = pl_open,
	.draw = pl_draw,
	.act = pl_act,
	.reply = pl_reply,
	.close = pl_close,
	.answer = pl_answer,
	.resume = pl_resume,
	.hints = pl_hints,
	.nhints = 10,
};
