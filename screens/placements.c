/* placements (安置人员列表): the unit's persons of one business year with the
 * header counts of SPEC §4 and the year's totals; search (server-side q),
 * status filter, tags, delete, re-register, import of last year's list, and
 * Enter to open a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/i18n.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/pager.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/xalloc.h"

enum { TAG_LIST = 1, TAG_YEAR, TAG_DELETE, TAG_REREG, TAG_IMPORT, TAG_SUBMIT, TAG_WITHDRAW };
enum { ASK_SEARCH = 1, ASK_DELETE, ASK_IMPORT, ASK_SUBMIT, ASK_WITHDRAW };

/* the declaration's status (YEAR.status) and what the seed's portal says about it */
static const struct {
	const char *status, *label, *note;
} year_states[] = {
	{ "open", N_("open"), N_("When every person is confirmed, press S to submit (完成申报).") },
	{ "submitted", N_("submitted"), N_("Submitted: the list is locked until the federation reviews it (W withdraws).") },
	{ "passed", N_("passed"), N_("The annual review passed!") },
	{ "failed", N_("failed"), N_("The annual review did not pass.") },
	{ "sent_to_tax", N_("sent to tax"), N_("The result was sent to the tax office: pay the levy there.") },
	{ "cancelled", N_("cancelled"), N_("The registration of this year was cancelled.") },
};
enum { C_SEQ, C_NAME, C_IDNO, C_CERT, C_REG, C_CONF, C_COUNT, C_REJ, C_STATUS, C_SUBMITTED,
       C_NCOLS };

static const struct table_col cols[] = {
	{ N_("No."), NULL, 3, 4, 0, true, true },
	{ N_("Name"), NULL, 8, 10, 0, false, false },
	{ N_("ID number"), NULL, 18, 18, 0, false, false },
	{ N_("Certificate no."), NULL, 20, 24, 3, false, false },
	{ N_("Registered"), N_("Reg."), 4, 4, 1, true, true },
	{ N_("Confirmed"), N_("Conf."), 4, 4, 1, true, true },
	{ N_("Counted"), N_("Cnt."), 4, 4, 1, true, true },
	{ N_("Rejected (months)"), N_("Rej."), 6, 6, 2, true, true },
	{ N_("Status"), NULL, 14, 18, 0, false, false },
	{ N_("Submitted at"), NULL, 19, 19, 4, false, false },
};

static const char *const filters[] = { "", "incomplete", "pending", "confirmed",
				       "partially_rejected", "rejected" };

struct pl_state {
	struct table t;
	json_t *items;         /* the last good list */
	json_t *counts;
	json_t *year;          /* YEAR */
	long long total;       /* LIST.total: persons matching, maybe more than shown */
	int yr;
	char q[128];
	int filter;
	bool loaded;
	int pending_deletes;
	/* what the delete dialog asked about, fixed when it was asked: a reload
	 * meanwhile must not change who is deleted */
	long del_ids[256];
	char del_etags[256][24];
	int ndel;
};

static void load(struct view *v)
{
	struct pl_state *s = v->state;
	struct session *ss = app_session(v->app);
	if (!ss->unit)
		return;
	char path[512], *q = NULL;
	if (s->q[0]) {
		/* the search text goes in the query string, escaped */
		static const char hex[] = "0123456789ABCDEF";
		q = xmalloc(strlen(s->q) * 3 + 1);
		char *o = q;
		for (const unsigned char *p = (const unsigned char *)s->q; *p; p++) {
			if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
				*o++ = (char)*p;
			else {
				*o++ = '%';
				*o++ = hex[*p >> 4];
				*o++ = hex[*p & 15];
			}
		}
		*o = '\0';
	}
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=500%s%s%s%s", ss->unit, s->yr,
		 q ? "&q=" : "", q ? q : "", s->filter ? "&status=" : "", filters[s->filter]);
	free(q);
	api_call(v, TAG_LIST, "GET", path, NULL, NULL);
	snprintf(path, sizeof path, "/units/%s/years/%d", ss->unit, s->yr);
	api_call(v, TAG_YEAR, "GET", path, NULL, NULL);
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

/* Fills the table from s->items; the cursor stays on the person it was on. */
static void fill_keep(struct pl_state *s, long keep_id)
{
	size_t n = json_array_size(s->items);
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
		const char *st = jstr(it, "status");
		table_set(&s->t, r, C_STATUS, status_label(st));
		table_set(&s->t, r, C_SUBMITTED, jstr(it, "submitted_at"));
		table_set_style(&s->t, r, status_style(st));
	}
	if (s->t.sort_col >= 0)
		table_sort(&s->t, s->t.sort_col, s->t.sort_desc);
	for (int pos = 0; keep_id && pos < s->t.nrows; pos++)
		if (row_id(s->items, s->t.order[pos]) == keep_id)
			table_goto(&s->t, pos);
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
	const char *ys = json_string_value(json_object_get(s->year, "status"));
	for (size_t i = 0; ys && i < sizeof year_states / sizeof year_states[0]; i++)
		if (strcmp(ys, year_states[i].status) == 0) {
			const char *why = json_string_value(json_object_get(s->year, "review_reason"));
			char *cw = text_clean(why ? why : "");
			snprintf(line, sizeof line, "%s: %s  %s%s%s", _("Declaration"), _(year_states[i].label),
				 _(year_states[i].note), *cw ? " " : "", cw);
			free(cw);
			wattrset(w, theme_attr(strcmp(ys, "failed") == 0 ? STYLE_FAIL
					       : strcmp(ys, "open") == 0 ? STYLE_DIM : STYLE_OK));
			text_fit(buf, sizeof buf, line, c->cols, 0);
			mvwaddstr(w, y++, c->x, buf);
			wattrset(w, theme_attr(STYLE_NORMAL));
		}
	long long total = s->total;
	if (total > (long long)json_array_size(s->items)) {
		snprintf(line, sizeof line, _("Showing %zu of %lld: search or filter to narrow the list"),
			 json_array_size(s->items), total);
		wattrset(w, theme_attr(STYLE_PENDING));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
		wattrset(w, theme_attr(STYLE_NORMAL));
	}
	if (s->q[0] || s->filter) {
		char *q = text_clean(s->q);
		snprintf(line, sizeof line, _("Search: %s  Filter: %s"), q,
			 s->filter ? status_label(filters[s->filter]) : _("all"));
		free(q);
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, line, c->cols, 0);
		mvwaddstr(w, y++, c->x, buf);
	}
	if (s->loaded && s->t.nrows == 0) {
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("No persons yet. Press a to add one, I to import last year's."),
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

static unsigned pl_act(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	int row = table_cursor_row(&s->t);
	char q[200];
	switch (a) {
	case ACT_MOVE_DOWN: table_move(&s->t, 1); return H_REDRAW;
	case ACT_MOVE_UP: table_move(&s->t, -1); return H_REDRAW;
	case ACT_PAGE_DOWN: table_move(&s->t, s->t.last_height); return H_REDRAW;
	case ACT_PAGE_UP: table_move(&s->t, -s->t.last_height); return H_REDRAW;
	case ACT_FIRST: table_goto(&s->t, 0); return H_REDRAW;
	case ACT_LAST: table_goto(&s->t, -1); return H_REDRAW;
	case ACT_TAG_TOGGLE: table_toggle_tag(&s->t); table_move(&s->t, 1); return H_REDRAW;
	case ACT_TAG_ALL: table_tag_all(&s->t); return H_REDRAW;
	case ACT_SORT_NEXT: table_sort_next(&s->t); return H_REDRAW;
	case ACT_REFRESH: load(v); return H_REDRAW;
	case ACT_SEARCH:
		app_prompt(v, ASK_SEARCH, _("Search (name or ID number):"), s->q, 0);
		return H_REDRAW;
	case ACT_FILTER:
		s->filter = (s->filter + 1) % (int)(sizeof filters / sizeof filters[0]);
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
		int rows[256];
		int n = selected(s, rows, 256);
		for (int i = 0; i < n; i++) {
			char et[32], path[64];
			snprintf(path, sizeof path, "/placements/%ld/reregister", item_id(s, rows[i], et, sizeof et));
			api_call(v, TAG_REREG, "POST", path, NULL, NULL);
		}
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
		load(v);
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

static void pl_reply(struct view *v, const struct api_reply *r)
{
	struct pl_state *s = v->state;
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
		fill_keep(s, keep);
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
