/* placements_acts: what acts on the list or the year from the placement
 * list — bulk delete and re-register (the tagged persons, else the cursor's;
 * no cap), import of last year's persons, submit (the checks run first and
 * the message names who blocks it) and withdraw (only what the federation
 * has not handled yet, else it says why). */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/placements.h"
#include "screens/status.h"

/* Asks `question` about the requests in b (kept until the answer). */
static unsigned ask_batch(struct view *v, int ask, struct app_batch *b, const char *question)
{
	struct pl_state *s = v->state;
	app_batch_drop(s->asked);
	s->asked = b;
	app_confirm(v, ask, question);
	return H_REDRAW;
}

/* d: the tagged persons, else the cursor's, each with its version */
unsigned pl_delete(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	struct app_batch *b = app_batch_new(v, TAG_DELETE);
	struct app_selection sel;
	char path[64], etag[32], q[200];
	int row;
	bool tagged;
	for (bool ok = app_selection_first(&sel, &s->t, &row); ok; ok = app_selection_next(&sel, &row)) {
		snprintf(path, sizeof path, "/placements/%ld", pl_item_id(s, row));
		snprintf(etag, sizeof etag, "\"%lld\"",
			 (long long)json_integer_value(json_object_get(pl_item(s, row), "version")));
		app_batch_add(b, "DELETE", path, etag);
	}
	if (app_selection_count(&s->t, &tagged) && tagged)
		snprintf(q, sizeof q, _("Delete %d tagged persons?"), app_batch_size(b));
	else
		snprintf(q, sizeof q, _("Delete %s?"), table_get(&s->t, table_cursor_row(&s->t), C_NAME));
	return ask_batch(v, ASK_DELETE, b, q);
}

/* r: SPEC §4 重新登记 is for a confirmed person, who is then checked and
 * reviewed again; the others are still being checked anyway */
unsigned pl_reregister(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	struct app_batch *b = app_batch_new(v, TAG_REREG);
	struct app_selection sel;
	char path[64], q[200];
	int row, one = -1;
	for (bool ok = app_selection_first(&sel, &s->t, &row); ok; ok = app_selection_next(&sel, &row))
		if (placement_status_of(pl_item(s, row)) == PLACEMENT_CONFIRMED) {
			snprintf(path, sizeof path, "/placements/%ld/reregister", pl_item_id(s, row));
			app_batch_add(b, "POST", path, NULL);
			one = row;
		}
	if (app_batch_size(b) == 0) {
		app_batch_drop(b);
		app_flash(v->app, true, "%s", _("Only a confirmed person can be registered again"));
		return H_REDRAW;
	}
	if (app_selection_count(&s->t, NULL) == 1)
		snprintf(q, sizeof q, _("Register %s again? The person is checked and reviewed anew."),
			 table_get(&s->t, one, C_NAME));
	else
		snprintf(q, sizeof q, _("Register %d confirmed persons again? They are checked and reviewed anew."),
			 app_batch_size(b));
	return ask_batch(v, ASK_REREG, b, q);
}

unsigned pl_import(struct view *v, enum action a)
{
	app_confirm(v, ASK_IMPORT, _("Import last year's persons into this year as drafts?"));
	return H_REDRAW;
}

/* Who keeps the declaration from being submitted (SPEC §5.3: every person
 * confirmed, or deleted), named in the status bar; false when nobody. */
static bool say_blockers(struct view *v, const json_t *items)
{
	char names[600] = "";
	int n = 0;
	size_t i;
	const json_t *it;
	json_array_foreach(items, i, it) {
		enum placement_status st = placement_status_of(it);
		if (st == PLACEMENT_CONFIRMED)
			continue;
		if (++n <= 3)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s (%s)",
				 n > 1 ? _(", ") : "", pl_str(it, "name_masked"), placement_status_label(st));
	}
	if (n == 0)
		return false;
	if (n > 3)
		snprintf(names + strlen(names), sizeof names - strlen(names), _(" and %d more"), n - 3);
	app_flash(v->app, true, _("Cannot submit: %d persons are not confirmed yet: %s. Wait for the review or delete them."),
		  n, names);
	return true;
}

/* S: the checks first, then the question */
unsigned pl_submit(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	int waiting = pl_count(s, "registered") - pl_count(s, "confirmed");
	if (pl_count(s, "registered") == 0) {
		app_flash(v->app, true, "%s", _("Cannot submit: nobody is registered this year"));
		return H_REDRAW;
	}
	if (waiting > 0 && !s->q[0] && !s->filter && (long long)json_array_size(s->items) >= s->total) {
		say_blockers(v, s->items);   /* every person is loaded: named from the list */
		return H_REDRAW;
	}
	if (waiting > 0) {   /* ask the service for the whole list first */
		struct session *ss = app_session(v->app);
		char path[256];
		snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=500", ss->unit, s->yr);
		api_call(v, TAG_PRECHECK, "GET", path, NULL, NULL);
		return H_REDRAW;
	}
	app_confirm(v, ASK_SUBMIT, _("Submit the declaration? The list is then locked. The commitment letter comes first: D saves it to print, sign and stamp."));
	return H_REDRAW;
}

/* W: only a submitted declaration the federation has not handled yet */
unsigned pl_withdraw(struct view *v, enum action a)
{
	struct pl_state *s = v->state;
	const char *why = declaration_withdraw_why(pl_year_status(s));
	if (why && s->year) {
		app_flash(v->app, true, "%s", why);
		return H_REDRAW;
	}
	app_confirm(v, ASK_WITHDRAW, _("Withdraw the declaration to edit it again?"));
	return H_REDRAW;
}

void pl_acts_answer(struct view *v, int tag, const char *text)
{
	struct pl_state *s = v->state;
	struct session *ss = app_session(v->app);
	char path[256];
	if (tag == ASK_DELETE || tag == ASK_REREG) {
		if (text) {
			s->batch_failed = 0;
			app_batch_send(s->asked);
		} else
			app_batch_drop(s->asked);
		s->asked = NULL;
	} else if ((tag == ASK_SUBMIT || tag == ASK_WITHDRAW) && text && ss->unit) {
		snprintf(path, sizeof path, "/units/%s/years/%d/%s", ss->unit, s->yr,
			 tag == ASK_SUBMIT ? "submit" : "withdraw");
		api_call(v, tag == ASK_SUBMIT ? TAG_SUBMIT : TAG_WITHDRAW, "POST", path, NULL, NULL);
	} else if (tag == ASK_IMPORT && text && ss->unit) {
		snprintf(path, sizeof path, "/units/%s/years/%d/placements/import-previous", ss->unit, s->yr);
		api_call(v, TAG_IMPORT, "POST", path, NULL, NULL);
	}
}

/* One answer of a bulk delete or re-register: the refusals say why, the end
 * says how it went and reloads the list. */
static void batch_reply(struct view *v, const struct api_reply *r)
{
	struct pl_state *s = v->state;
	if (!r->ok) {
		s->batch_failed++;
		const char *why = declaration_lock_why(pl_year_status(s));
		app_flash(v->app, true, "%s", r->status == 409 && why ? why : r->message);
	}
	if (r->batch_left > 0)
		return;
	if (s->batch_failed == 0)
		app_flash(v->app, false, "%s", r->tag == TAG_DELETE ? _("Deleted")
			  : _("Registered again: the person is checked and reviewed anew"));
	pl_load(v);
}

bool pl_acts_reply(struct view *v, const struct api_reply *r)
{
	struct pl_state *s = v->state;
	switch (r->tag) {
	case TAG_DELETE:
	case TAG_REREG:
		batch_reply(v, r);
		return true;
	case TAG_PRECHECK:
		if (!r->ok)
			app_flash(v->app, true, "%s", r->message);
		else if (!say_blockers(v, json_object_get(r->body, "items")))
			app_confirm(v, ASK_SUBMIT, _("Submit the declaration? The list is then locked. The commitment letter comes first: D saves it to print, sign and stamp."));
		return true;
	case TAG_SUBMIT:
	case TAG_WITHDRAW:
	case TAG_IMPORT:
		break;
	default:
		return false;
	}
	if (!r->ok) {
		const char *locked = declaration_lock_why(pl_year_status(s));
		if (r->tag == TAG_SUBMIT && r->status == 409)
			app_flash(v->app, true, "%s",
				  _("Cannot submit yet: every person must be confirmed (or deleted) first"));
		else if (r->tag == TAG_WITHDRAW && r->status == 409)
			app_flash(v->app, true, "%s",
				  _("Cannot withdraw: the declaration is not submitted, or the federation has acted"));
		else
			app_flash(v->app, true, "%s", r->status == 409 && locked ? locked : r->message);
		return true;
	}
	if (r->tag == TAG_IMPORT) {
		app_flash(v->app, false, _("Imported %lld, skipped %lld"),
			  (long long)json_integer_value(json_object_get(r->body, "imported")),
			  (long long)json_integer_value(json_object_get(r->body, "skipped")));
	} else {
		json_decref(s->year);
		s->year = json_incref(r->body);
		app_flash(v->app, false, "%s", r->tag == TAG_SUBMIT ? _("Declaration submitted")
								   : _("Declaration withdrawn: the list can be edited again"));
	}
	pl_load(v);
	return true;
}
