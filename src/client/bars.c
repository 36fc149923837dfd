/* bars: the two bottom lines — the status bar (server, user, unit, business
 * year, unread notices, spinner with "loading Ns", flash messages; in the
 * accessible mode a long new message whole) and the hint bar built by
 * help_hint_bar from the screen's action table and the keys bound now. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "client/engine.h"
#include "client/help.h"
#include "ui/pager.h"
#include "ui/text.h"
#include "ui/theme.h"

static void host_of(const char *url, char *buf, size_t bufsz)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t n = strcspn(p, "/");
	snprintf(buf, bufsz, "%.*s", (int)n, p);
}

/* The business year on screen: the top-most screen that shows one (the
 * list after [ or ], a person of that year), else the session's. */
static int viewed_year(struct app *a)
{
	for (int i = a->depth - 1; i >= 0; i--) {
		struct view *v = a->stack[i];
		int y = v->scr->year ? v->scr->year(v) : 0;
		if (y)
			return y;
	}
	return a->sess.year;
}

enum { HELD_MAX_LINES = 6 };

/* In the accessible mode a new message wider than the bar is shown whole
 * until the next key: wrapped, ending on the status line and growing up over
 * the screen.  Returns its first line, or -1 when it fits the bar. */
static int held_message(struct app *a, int y, int cols)
{
	char *clean = text_clean(a->flash);
	char **lines;
	int total = pager_wrap(clean, cols - 2, &lines), first = -1;
	free(clean);
	if (total > 1) {
		int n = total < HELD_MAX_LINES ? total : HELD_MAX_LINES;   /* the rest: the log */
		first = y - n + 1;
		attrset(theme_attr(a->flash_error ? STYLE_ERROR : STYLE_STATUS));
		for (int i = 0; i < n; i++) {
			char buf[1024];
			text_fit(buf, sizeof buf, lines[i], cols - 2, TEXT_PAD);
			mvhline(first + i, 0, ' ', cols);
			mvaddstr(first + i, 1, buf);
		}
		attrset(A_NORMAL);
	}
	for (int i = 0; i < total; i++)
		free(lines[i]);
	free(lines);
	return first;
}

/* Returns the line of a message held for the accessible mode, else -1. */
static int status_bar(struct app *a, int y, int cols)
{
	if (a->flash[0] && a->flash_hold && a->cursor_at_focus) {
		int first = held_message(a, y, cols);
		if (first >= 0)
			return first;
	}
	char right[160] = "", left[600], buf[900];
	size_t r = 0;
	if (api_busy(a)) {
		static const char spin[] = "|/-\\";
		int secs = (int)(clock_now() - a->busy_since);
		r += (size_t)snprintf(right + r, sizeof right - r, "%c ", spin[a->spin % 4]);
		r += (size_t)snprintf(right + r, sizeof right - r, _("loading %ds"), secs);
		r += (size_t)snprintf(right + r, sizeof right - r, "  ");
	}
	if (a->sess.token && r < sizeof right)
		snprintf(right + r, sizeof right - r, _("Notices %d"), a->sess.unread);
	char host[128];
	host_of(a->cfg.server, host, sizeof host);
	if (a->sess.token) {
		char year[32] = "", agent[200];
		int shown = viewed_year(a);
		if (shown)
			snprintf(year, sizeof year, _("Year %d"), shown);
		const char *who = a->sess.display_name ? a->sess.display_name
				: a->sess.username ? a->sess.username : "";
		const char *unit = a->sess.unit_name ? a->sess.unit_name : "";
		if (strcmp(who, unit) == 0)   /* a unit account is named after its unit */
			unit = a->sess.username ? a->sess.username : "";
		else if (wire_role_parse(a->sess.role) == ROLE_AGENT && a->sess.username) {
			/* an agent acts for the unit: which account it is */
			snprintf(agent, sizeof agent, "%s (%s)", who, a->sess.username);
			who = agent;
		}
		/* the year before the host: on a narrow line the host is cut first */
		snprintf(left, sizeof left, " %s | %s | %s | %s", unit, who, year, host);
	} else {
		snprintf(left, sizeof left, " anzhi %s | %s", ANZHI_VERSION, host);
	}
	int rw = text_width(right);
	int lw = cols - rw - 1;
	if (lw < 0)
		lw = 0;
	attrset(theme_attr(STYLE_STATUS));
	mvhline(y, 0, ' ', cols);
	if (a->flash[0]) {
		attrset(theme_attr(a->flash_error ? STYLE_ERROR : STYLE_STATUS));
		char *clean = text_clean(a->flash);
		snprintf(left, sizeof left, " %s", clean);
		free(clean);
	}
	text_fit(buf, sizeof buf, left, lw, TEXT_PAD);
	mvaddstr(y, 0, buf);
	attrset(theme_attr(STYLE_STATUS));
	text_fit(buf, sizeof buf, right, rw, 0);
	mvaddstr(y, cols - rw - 1, buf);
	attrset(A_NORMAL);
	return a->flash[0] && a->flash_hold && a->cursor_at_focus ? y : -1;
}

/* What the keys do while the prompt or the dialog is up. */
static const char *modal_hint(const struct app *a)
{
	static char choices[MODAL_MAX_CHOICES * 52];
	if (a->dialog.active && a->dialog.nchoices) {   /* the engine's own question */
		choices[0] = '\0';
		for (int i = 0; i < a->dialog.nchoices; i++)
			snprintf(choices + strlen(choices), sizeof choices - strlen(choices), "%s%s",
				 i ? "  " : "", a->dialog.choices[i].label);
		return choices;
	}
	if (a->dialog.active)
		return _("y Yes  n No  Esc Cancel");
	if (a->prompt.flags & PROMPT_PATH)
		return _("Enter OK  Esc Cancel  Tab Complete the file name");
	if (a->prompt.gen == 0)   /* the `:` command line */
		return _("Enter Run  Esc Cancel  an action (help, messages...), a bind line, set accessible");
	return _("Enter OK  Esc Cancel");
}

static void hint_bar(struct app *a, int y, int cols)
{
	struct view *v = a->depth ? a->stack[a->depth - 1] : NULL;
	move(y, 0);
	clrtoeol();
	char bar[1024];
	/* the prompt and the dialog take every key (loop.c prompt_key and
	 * dialog_key read these keys as such): the screen's keys would be dead */
	if (a->prompt.active || a->dialog.active) {
		text_fit(bar, sizeof bar, modal_hint(a), cols - 1, 0);
	} else if (v) {
		enum action hints[ACT_COUNT], live[ACT_COUNT];
		int nh = dispatch_hints(a, v, hints, ACT_COUNT);
		struct help_ctx ctx = {
			.typing = v->scr->wants_text && v->scr->wants_text(v),
			.only = live, .nonly = app_live_actions(v, live, ACT_COUNT),
		};
		help_hint_bar_ctx(a->keys, v->scr->name, &ctx, hints, nh, cols - 1, bar, sizeof bar);
	} else
		return;
	/* the labels are translations: through text_fit for their placeholders
	 * where the locale is not UTF-8 (the keys are ASCII and keep their place) */
	char fitted[1024];
	text_fit(fitted, sizeof fitted, bar, cols - 1, 0);
	snprintf(bar, sizeof bar, "%s", fitted);
	int starts[32], ends[32];
	int n = help_hint_bar_keys(bar, starts, ends, 32);
	/* keys in their own style, labels plain */
	attrset(theme_attr(STYLE_HINT));
	mvaddstr(y, 0, bar);
	int x = 0, pos = 0;
	for (int i = 0; i < n; i++) {
		char tmp[1024];
		snprintf(tmp, sizeof tmp, "%.*s", starts[i] - pos, bar + pos);
		x += text_width(tmp);
		snprintf(tmp, sizeof tmp, "%.*s", ends[i] - starts[i], bar + starts[i]);
		attrset(theme_attr(STYLE_HINT_KEY));
		mvaddstr(y, x, tmp);
		x += text_width(tmp);
		pos = ends[i];
	}
	attrset(A_NORMAL);
}

int bars_draw(struct app *a, int rows, int cols)
{
	int held = status_bar(a, rows - 2, cols);
	hint_bar(a, rows - 1, cols);
	if (a->prompt.active && !a->flash[0]) {
		/* the prompt covers the hint line: its keys go on the status line */
		char buf[1024];
		text_fit(buf, sizeof buf, modal_hint(a), cols - 1, TEXT_PAD);
		attrset(theme_attr(STYLE_HINT));
		mvaddstr(rows - 2, 0, buf);
		attrset(A_NORMAL);
	}
	return held;
}
