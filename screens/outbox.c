/* outbox (发件箱): the decisions on their way to the service and those it
 * refused — another reviewer decided first (412), the unit changed or withdrew
 * the case (409), the network (retried with backoff). A refused one shows the
 * service's reason; Enter opens the case as it is now with these decisions
 * proposed again (decide anew, or take them back), r resends, d drops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/review_case.h"
#include "screens/screens.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { ASK_DROP = 1 };
enum { C_STATE, C_CASE, C_WHAT, C_WHY, C_NCOLS };

static const struct table_col cols[] = {
	{ N_("State"), NULL, 10, 14, 0, false, false },
	{ N_("Case"), NULL, 16, 40, 0, false, false },
	{ N_("Decisions"), NULL, 12, 16, 1, false, false },
	{ N_("Why"), NULL, 10, 60, 2, false, false },
};

struct ob_state {
	struct table t;
	int ids[256];            /* the entry of each row */
};

/* What the state of an entry says to the user, with the wait or the refusal. */
static void state_words(const struct outbox_item *it, char *state, size_t slen, char *why,
			size_t wlen)
{
	why[0] = '\0';
	switch (it->state) {
	case OUTBOX_HELD:
		snprintf(state, slen, "%s", _("to send"));
		snprintf(why, wlen, _("goes in %.0f s (u takes it back)"), it->wait);
		break;
	case OUTBOX_READY:
	case OUTBOX_SENDING:
		snprintf(state, slen, "%s", _("sending"));
		break;
	case OUTBOX_RETRY:
		snprintf(state, slen, "%s", _("network"));
		snprintf(why, wlen, _("%s; again in %.0f s (attempt %d)"), it->message, it->wait,
			 it->attempts + 1);
		break;
	case OUTBOX_FAILED:
		snprintf(state, slen, "%s", it->status == 412 ? _("decided by another")
					  : _("refused"));
		snprintf(why, wlen, "%s", it->status == 412
			 ? _("Another reviewer decided this case first: Enter shows it, d drops yours")
			 : it->message);
		break;
	}
}

static void fill(struct view *v)
{
	struct ob_state *s = v->state;
	struct outbox_item it;
	int n = app_outbox_count(v->app, NULL);
	if (n > (int)(sizeof s->ids / sizeof s->ids[0]))
		n = (int)(sizeof s->ids / sizeof s->ids[0]);
	table_resize(&s->t, n);
	for (int i = 0; i < n && app_outbox_get(v->app, i, &it); i++) {
		char state[64], why[400], what[64];
		json_t *body = json_loads(it.body, 0, NULL);
		rc_body_summary(body, what, sizeof what);
		json_decref(body);
		state_words(&it, state, sizeof state, why, sizeof why);
		table_set(&s->t, i, C_STATE, state);
		table_set(&s->t, i, C_CASE, it.label);
		table_set(&s->t, i, C_WHAT, what);
		table_set(&s->t, i, C_WHY, why);
		table_set_style(&s->t, i, it.state == OUTBOX_FAILED ? STYLE_FAIL
				: it.state == OUTBOX_RETRY ? STYLE_PENDING : STYLE_NORMAL);
		s->ids[i] = it.id;
	}
}

static int ob_open(struct view *v, const struct screen_args *args)
{
	struct ob_state *s = v->state;
	table_init(&s->t, cols, C_NCOLS, false);
	s->t.key_cols = 1u << C_CASE;
	fill(v);
	return 0;
}

static void ob_draw(struct view *v, struct canvas *c)
{
	struct ob_state *s = v->state;
	char buf[400];
	/* the outbox moves by itself (answers, waits): the rows follow it */
	fill(v);
	int failed, n = app_outbox_count(v->app, &failed);
	wattrset(c->w, theme_attr(STYLE_TITLE));
	snprintf(buf, sizeof buf, _("Outbox - %d to send, %d refused"), n - failed, failed);
	char fit[500];
	text_fit(fit, sizeof fit, buf, c->cols, 0);
	mvwaddstr(c->w, c->y, c->x, fit);
	wattrset(c->w, theme_attr(STYLE_NORMAL));
	if (n == 0) {
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(fit, sizeof fit, _("Everything decided has reached the service."), c->cols, 0);
		mvwaddstr(c->w, c->y + 2, c->x, fit);
		wattrset(c->w, theme_attr(STYLE_NORMAL));
		canvas_focus(c, c->y + 2, c->x);
		return;
	}
	table_draw(&s->t, c->w, c->y + 1, c->x, c->rows - 3, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : c->y + 1, c->x);
	int r = table_cursor_row(&s->t);
	if (r >= 0) {   /* the cursor's reason in full, wrapped over the last lines */
		char *why = text_clean(table_get(&s->t, r, C_WHY));
		wattrset(c->w, theme_attr(STYLE_DIM));
		text_fit(fit, sizeof fit, why, c->cols, 0);
		mvwaddstr(c->w, c->y + c->rows - 1, c->x, fit);
		wattrset(c->w, theme_attr(STYLE_NORMAL));
		free(why);
	}
}

static bool current(struct view *v, struct outbox_item *it)
{
	struct ob_state *s = v->state;
	int r = table_cursor_row(&s->t);
	for (int i = 0; r >= 0 && app_outbox_get(v->app, i, it); i++)
		if (it->id == s->ids[r])
			return true;
	return false;
}

/* Enter: the case as it is now, with these decisions proposed again. */
static unsigned ob_open_case(struct view *v, enum action a)
{
	struct outbox_item it;
	if (!current(v, &it))
		return H_REDRAW;
	json_t *body = json_loads(it.body, 0, NULL);
	json_t *args = json_pack("{s:o, s:i}", "proposal", body ? body : json_object(), "outbox_id",
				 it.state == OUTBOX_FAILED ? it.id : 0);
	app_push(v->app, &screen_review, &(struct screen_args){ .id = it.ref, .json = args });
	json_decref(args);
	return H_REDRAW;
}

static unsigned ob_resend(struct view *v, enum action a)
{
	struct outbox_item it;
	if (current(v, &it))
		app_outbox_resend(v->app, it.id);
	return H_REDRAW;
}

static unsigned ob_drop(struct view *v, enum action a)
{
	struct outbox_item it;
	if (current(v, &it))
		app_confirm(v, ASK_DROP, it.state == OUTBOX_FAILED
			    ? _("Drop these decisions? The case stays as the service has it.")
			    : _("Drop these decisions before they are sent?"));
	return H_REDRAW;
}

static unsigned ob_undo(struct view *v, enum action a)
{
	if (!app_outbox_undo(v->app, NULL))
		app_flash(v->app, true, "%s", _("Nothing to take back: the last decision has gone out"));
	return H_REDRAW;
}

static unsigned ob_answer(struct view *v, int tag, const char *text)
{
	struct outbox_item it;
	if (tag == ASK_DROP && text && current(v, &it))
		app_outbox_drop(v->app, it.id);
	return H_REDRAW;
}

static void ob_close(struct view *v)
{
	table_free(&((struct ob_state *)v->state)->t);
}

static struct table *ob_list(struct view *v)
{
	return &((struct ob_state *)v->state)->t;
}

static const struct screen_action ob_actions[] = {
	{ .act = ACT_OPEN, .run = ob_open_case, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_RESEND, .run = ob_resend, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_DELETE, .run = ob_drop, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_UNDO, .run = ob_undo, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_outbox = {
	.name = "outbox",
	.state_size = sizeof(struct ob_state),
	.open = ob_open,
	.draw = ob_draw,
	SCREEN_ACTIONS(ob_actions),
	.close = ob_close,
	.list = ob_list,
	.answer = ob_answer,
};
