/* qpage: see qpage.h. */
#include "screens/qpage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"

void qpage_init(struct qpage *q, int first_tag, int more_tag)
{
	memset(q, 0, sizeof *q);
	q->total = -1;
	q->first_tag = first_tag;
	q->more_tag = more_tag;
}

void qpage_free(struct qpage *q)
{
	json_decref(q->items);
	q->items = NULL;
}

int qpage_load(struct view *v, struct qpage *q, const char *query, bool more)
{
	char path[768];
	if (!more && q->more_req) {   /* a page of the list being replaced is stale */
		api_cancel(v->app, q->more_req);
		q->more_req = 0;
	}
	char *cur = url_escape(more ? q->next : "");
	snprintf(path, sizeof path, "%s%slimit=%d%s%s", query, strchr(query, '?') ? "&" : "?",
		 app_page_size(v->app), *cur ? "&cursor=" : "", cur);
	free(cur);
	int id = api_call(v, more ? q->more_tag : q->first_tag, "GET", path, NULL, NULL);
	if (more)
		q->more_req = id;
	return id;
}

int qpage_take(struct view *v, struct qpage *q, const struct api_reply *r)
{
	bool more = r->tag == q->more_tag;
	if (r->tag != q->first_tag && !more)
		return -1;
	if (more)
		q->more_req = 0;
	if (!r->ok) {   /* the rows loaded stay; the reason goes to the status bar */
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		return -1;
	}
	json_t *items = json_object_get(r->body, "items");
	if (!json_is_array(items) || (more && !q->items)) {
		if (!json_is_array(items))
			app_flash(v->app, true, "%s", _("The service sent an answer anzhi cannot read"));
		return -1;
	}
	int from = 0;
	if (more) {
		from = (int)json_array_size(q->items);
		json_array_extend(q->items, items);
	} else {
		json_decref(q->items);
		q->items = json_copy(items);
	}
	const char *c = json_string_value(json_object_get(r->body, "next_cursor"));
	snprintf(q->next, sizeof q->next, "%s", c ? c : "");
	json_t *total = json_object_get(r->body, "total");
	q->total = json_is_integer(total) ? json_integer_value(total) : -1;
	q->loaded = true;
	return from;
}

void qpage_more_if_near_end(struct view *v, struct qpage *q, const struct table *t,
			    const char *query)
{
	int margin = t->last_height > 5 ? t->last_height : 5;
	if (q->next[0] && !q->more_req && t->cursor + margin >= t->nrows)
		qpage_load(v, q, query, true);
}

json_t *qpage_item(const struct qpage *q, int row)
{
	return row < 0 ? NULL : json_array_get(q->items, (size_t)row);
}

void qpage_search_ask(struct view *v, int tag, const char *label)
{
	app_prompt(v, tag, label, "", 0);
}

void qpage_find(struct view *v, struct table *t, const char *text)
{
	snprintf(t->search, sizeof t->search, "%s", text);
	int pos = table_search_next(t);
	if (pos < 0)
		app_flash(v->app, true, "%s", _("No match among the lines loaded"));
	else
		table_goto(t, pos);
}
