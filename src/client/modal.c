/* modal: the bottom-line prompt (a question's answer, a file name with Tab
 * completion, the `:` command line) and the yes/no dialog — while one is up
 * it takes every key; its answer goes to the screen that asked. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "client/engine.h"
#include "client/settings.h"
#include "ui/complete.h"
#include "ui/text.h"
#include "ui/theme.h"

/* `:` — an action by name, a bind/unbind line through the keys parser, or
 * `set` (settings.c) */
static void run_command(struct app *a, const char *line)
{
	while (*line == ' ')
		line++;
	if (!*line)
		return;
	if (strncmp(line, "bind ", 5) == 0 || strncmp(line, "unbind ", 7) == 0 ||
	    strncmp(line, "alias ", 6) == 0) {
		struct keymap_diag d[1];
		int n = keymap_set_load(a->keys, line, ":", d, 1);
		if (n > 0)
			app_flash(a, true, "%s", d[0].msg);
		else
			app_flash(a, false, "%s", _("Key binding changed"));
		return;
	}
	if (strncmp(line, "set", 3) == 0 && (line[3] == ' ' || line[3] == '\0')) {
		settings_command(a, line + 3);
		return;
	}
	char word[64];
	size_t wl = strcspn(line, " ");
	if (wl >= sizeof word)
		wl = sizeof word - 1;
	memcpy(word, line, wl);
	word[wl] = '\0';
	enum action act = keymap_command(a->keys, word);
	if (act == ACT_NONE) {
		app_flash(a, true, _("Unknown command: %s"), word);
		return;
	}
	app_do(a, act);
}

static void prompt_finish(struct app *a, bool ok)
{
	char text[FIELD_MAX];
	snprintf(text, sizeof text, "%s", a->prompt.f.buf);
	a->prompt.active = false;
	if (a->prompt.gen == 0) {
		if (ok)
			run_command(a, text);
		return;
	}
	struct view *v = app_find_view(a, a->prompt.gen);
	if (v && v->scr->answer)
		app_apply(a, v, v->scr->answer(v, a->prompt.tag, ok ? text : NULL));
}

static void prompt_key(struct app *a, int code)
{
	if (code == '\n') {
		prompt_finish(a, true);
		return;
	}
	if (code == 0x1b || code == 0x07) {
		prompt_finish(a, false);
		return;
	}
	if (code == '\t') {
		if (a->prompt.flags & PROMPT_PATH) {
			char msg[200] = "";
			complete_path(a->prompt.f.buf, sizeof a->prompt.f.buf, msg, sizeof msg);
			a->prompt.f.cur = (int)strlen(a->prompt.f.buf);
			if (msg[0])
				app_flash(a, false, "%s", msg);
		}
		return;
	}
	if (field_is_edit_key(code)) {
		field_key(&a->prompt.f, code);
		return;
	}
	enum action act = ACT_NONE;
	int k[1] = { code };
	bool yes;
	if (keymap_lookup(a->keys, "prompt", k, 1, &act) == KEYMAP_ACTION &&
	    dispatch_modal_answer(act, &yes))
		prompt_finish(a, yes);
}

/* The engine's own question: a choice's key, Enter the first, Esc none. */
static void choice_key(struct app *a, int code)
{
	int key = -1;
	if (code == 0x1b || code == 0x07)
		key = 0;
	else if (code == '\n' || code == '\r')
		key = a->dialog.choices[0].key;
	for (int i = 0; key < 0 && i < a->dialog.nchoices; i++)
		if (a->dialog.choices[i].key && (code == a->dialog.choices[i].key ||
						 code == a->dialog.choices[i].key - 'a' + 'A'))
			key = a->dialog.choices[i].key;
	if (key < 0)
		return;
	a->dialog.active = false;
	a->dialog.nchoices = 0;
	a->dialog.engine_answer(a, key);
}

void modal_choose(struct app *a, const char *question, const struct modal_choice *c, int n,
		  void (*answer)(struct app *a, int key))
{
	a->dialog.active = true;
	a->dialog.gen = 0;
	a->dialog.tag = 0;
	snprintf(a->dialog.question, sizeof a->dialog.question, "%s", question);
	a->dialog.nchoices = n < MODAL_MAX_CHOICES ? n : MODAL_MAX_CHOICES;
	memcpy(a->dialog.choices, c, (size_t)a->dialog.nchoices * sizeof *c);
	a->dialog.engine_answer = answer;
}

static void dialog_key(struct app *a, int code)
{
	if (a->dialog.nchoices) {
		choice_key(a, code);
		return;
	}
	int yes = -1;
	if (code == 'y' || code == 'Y' || code == '\n')
		yes = 1;
	else if (code == 'n' || code == 'N' || code == 0x1b || code == 0x07)
		yes = 0;
	else {
		enum action act = ACT_NONE;
		int k[1] = { code };
		bool y;
		if (keymap_lookup(a->keys, "dialog", k, 1, &act) == KEYMAP_ACTION &&
		    dispatch_modal_answer(act, &y))
			yes = y;
	}
	if (yes < 0)
		return;
	a->dialog.active = false;
	struct view *v = app_find_view(a, a->dialog.gen);
	if (v && v->scr->answer)
		app_apply(a, v, v->scr->answer(v, a->dialog.tag, yes ? "y" : NULL));
}

bool modal_key(struct app *a, int code)
{
	if (a->prompt.active)
		prompt_key(a, code);
	else if (a->dialog.active)
		dialog_key(a, code);
	else
		return false;
	return true;
}

/* Draws the yes/no dialog; its focus is the line of the answers. */
static void draw_dialog(struct app *a, int *fy, int *fx)
{
	int w = text_width(a->dialog.question) + 4;
	char answers[4 * (sizeof a->dialog.choices[0].label + 2)] = "";
	for (int i = 0; i < a->dialog.nchoices; i++)
		snprintf(answers + strlen(answers), sizeof answers - strlen(answers), "%s%s",
			 i ? "  " : "", a->dialog.choices[i].label);
	const char *hint = a->dialog.nchoices ? answers : _("y = yes, n = no");
	if (text_width(hint) + 4 > w)
		w = text_width(hint) + 4;
	if (w > COLS - 4)
		w = COLS - 4;
	int h = 5, y = (LINES - h) / 2, x = (COLS - w) / 2;
	attrset(theme_attr(STYLE_TITLE));
	for (int i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	mvhline(y, x, '-', w);
	mvhline(y + h - 1, x, '-', w);
	char buf[400];
	text_fit(buf, sizeof buf, a->dialog.question, w - 4, 0);
	mvaddstr(y + 1, x + 2, buf);
	text_fit(buf, sizeof buf, hint, w - 4, 0);
	mvaddstr(y + 3, x + 2, buf);
	attrset(A_NORMAL);
	*fy = y + 3;
	*fx = x + 2;
}

/* The prompt on the bottom line; its focus is the caret. */
static void draw_prompt(struct app *a, int *fy, int *fx)
{
	int lw = text_width(a->prompt.label);
	attrset(A_NORMAL);
	move(LINES - 1, 0);
	clrtoeol();
	char lab[200];
	text_fit(lab, sizeof lab, a->prompt.label, COLS / 2, 0);
	mvaddstr(LINES - 1, 0, lab);
	if (lw > COLS / 2)
		lw = COLS / 2;
	*fx = field_draw(stdscr, LINES - 1, lw + 1, COLS - lw - 2, &a->prompt.f, true);
	*fy = LINES - 1;
}

void modal_draw(struct app *a, int *fy, int *fx, bool bars_drawn)
{
	if (!bars_drawn && a->dialog.active)
		draw_dialog(a, fy, fx);
	if (bars_drawn && a->prompt.active)
		draw_prompt(a, fy, fx);
}
