/* leave: nothing typed is lost on the way out (SPEC §5.1).  A screen with
 * unsaved changes says so (screen.dirty); before back, the previous step,
 * quit, logout or a reset of the stack would drop it, the loop asks once,
 * here: save, discard or stay.  Save runs the screen's own save and the
 * leave waits for its answer — clean, and on it goes; still dirty (refused,
 * a 412), and the user stays where the screen says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/engine.h"

static bool is_dirty(struct view *v)
{
	return v && v->scr->dirty && v->scr->dirty(v);
}

/* The top-most view the leave would drop with unsaved changes, or NULL. */
static struct view *dirty_one(struct app *a, enum leave_kind kind, struct view *v)
{
	if (kind == LEAVE_CLOSE)
		return is_dirty(v) ? v : NULL;
	for (int i = a->depth - 1; i >= 0; i--)
		if (is_dirty(a->stack[i]))
			return a->stack[i];
	return NULL;
}

void leave_forget(struct app *a)
{
	json_decref(a->leave.to_args.json);
	free((char *)a->leave.to_args.text);
	free((char *)a->leave.to_args.locked);
	memset(&a->leave, 0, sizeof a->leave);
}

/* The leave asked for, again: it asks about the next view with unsaved
 * changes, or goes ahead. */
static void go_on(struct app *a)
{
	struct leave l = a->leave;
	memset(&a->leave, 0, sizeof a->leave);   /* the args move on with it */
	struct view *top = app_top(a);
	switch (l.kind) {
	case LEAVE_CLOSE: {
		struct view *v = app_find_view(a, l.closing);
		if (v && v == top)
			app_apply(a, v, H_CLOSE);
		break;
	}
	case LEAVE_QUIT:
		if (top)
			app_apply(a, top, H_QUIT);
		break;
	case LEAVE_LOGOUT:
		if (top && leave_may(a, LEAVE_LOGOUT, NULL))
			app_logout(a, top);
		break;
	case LEAVE_RESET:
		app_want_clear(a);
		a->want = l.to;
		a->want_args = l.to_args;
		a->want_reset = true;
		app_settle(a);
		break;
	}
}

static void answered(struct app *a, int key)
{
	struct view *v = app_find_view(a, a->leave.asked);
	if (!a->leave.active || !v) {
		leave_forget(a);
		return;
	}
	if (key == 's') {
		int id = v->scr->save ? v->scr->save(v) : 0;
		if (id > 0) {
			a->leave.save_req = id;   /* leave_poll goes on when it answered */
			return;
		}
		if (is_dirty(v)) {        /* not sent: the screen says why */
			leave_forget(a);
			return;
		}
	} else if (key == 'd') {
		if (v->scr->discard)
			v->scr->discard(v);
	} else {
		leave_forget(a);   /* stay */
		return;
	}
	go_on(a);
}

static void ask(struct app *a, struct view *v)
{
	struct modal_choice c[3];
	int n = 0;
	if (v->scr->save) {
		c[n].key = 's';
		snprintf(c[n++].label, sizeof c[0].label, "%s", _("s Save"));
	}
	c[n].key = 'd';
	snprintf(c[n++].label, sizeof c[0].label, "%s", _("d Discard"));
	c[n].key = 0;
	snprintf(c[n++].label, sizeof c[0].label, "%s", _("Esc Stay"));
	modal_choose(a, _("There are unsaved changes. Save them before leaving?"), c, n, answered);
}

bool leave_may(struct app *a, enum leave_kind kind, struct view *v)
{
	/* the session has ended: nothing can be saved now, and the screens
	 * keep what was typed as drafts when they close */
	if (kind == LEAVE_RESET && !a->sess.token) {
		if (dirty_one(a, kind, NULL))
			app_flash(a, true, "%s",
				  _("The session has ended: what was not saved is kept as drafts for the next sign-in"));
		return true;
	}
	struct view *d = dirty_one(a, kind, v);
	if (!d)
		return true;
	if (a->leave.active)
		return false;   /* already asked; the answer decides */
	a->leave.active = true;
	a->leave.kind = kind;
	a->leave.closing = v ? v->gen : 0;
	a->leave.asked = d->gen;
	if (kind == LEAVE_RESET) {
		/* what was asked for waits here until the answer */
		a->leave.to = a->want;
		a->leave.to_args = a->want_args;
		a->want = NULL;
		a->want_reset = false;
		memset(&a->want_args, 0, sizeof a->want_args);
	}
	ask(a, d);
	return false;
}

void leave_request_done(struct app *a, int id)
{
	if (a->leave.active && a->leave.save_req && a->leave.save_req == id)
		a->leave.saved = true;
}

void leave_poll(struct app *a)
{
	if (!a->leave.active || !a->leave.saved)
		return;
	a->leave.saved = false;
	a->leave.save_req = 0;
	if (is_dirty(app_find_view(a, a->leave.asked)))
		leave_forget(a);   /* not saved (refused, someone else's change): stay */
	else
		go_on(a);
}
