/* help: what the user is told about keys — the help screen's lines, the hint
 * bar and the man page — built from the action table and the bindings as they
 * are now, so the text can never disagree with the keys. */
#include "client/help.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/keymap_keys.h"
#include "ui/field.h"
#include "ui/text.h"

#include <stdlib.h>
#include <string.h>

#define KEY_COL_MAX 20   /* columns for the keys before the help text */

/* gettext under the context "help" (msgctxt in the .po). */
static const char *help_gettext(const char *key)
{
	const char *t = gettext(key);
	return t == key ? strchr(key, '\004') + 1 : t;
}

static bool bound_in_screen(const struct keymap_set *ks, const char *screen, enum action a)
{
	enum action b;
	for (int i = 0; keymap_binding_at(ks, screen, i, NULL, NULL, &b); i++)
		if (b == a)
			return true;
	return false;
}

/* A key that goes to the focused text field instead of the keymap. */
static bool typed_into_field(int key)
{
	return field_is_edit_key(key);
}

/* Keys bound to a that act now (all of them, or only the first for a hint). */
static size_t keys_now(const struct keymap_set *ks, const char *screen, const struct help_ctx *ctx,
		       enum action a, bool first, char *buf, size_t bufsz)
{
	if (ctx && ctx->only) {
		bool live = false;
		for (int i = 0; i < ctx->nonly && !live; i++)
			live = ctx->only[i] == a;
		if (!live) {
			buf[0] = '\0';
			return 0;
		}
	}
	bool (*skip)(int) = ctx && ctx->typing ? typed_into_field : NULL;
	return first ? keymap_first_key_where(ks, screen, a, skip, buf, bufsz)
		     : keymap_keys_where(ks, screen, a, skip, buf, bufsz);
}

char **help_lines(const struct keymap_set *ks, const char *screen, int *count)
{
	return help_lines_ctx(ks, screen, NULL, count);
}

char **help_lines_ctx(const struct keymap_set *ks, const char *screen,
		      const struct help_ctx *ctx, int *count)
{
	bool own = keymap_screen_known(screen) && strcmp(screen, "generic") != 0;
	char keys[ACT_COUNT][160];
	int group[ACT_COUNT];   /* 0: this screen, 1: everywhere, -1: not bound */
	int keycol = 0;

	for (int a = 1; a < ACT_COUNT; a++) {
		group[a] = -1;
		if (keys_now(ks, screen, ctx, (enum action)a, false, keys[a], sizeof keys[a]) == 0)
			continue;
		group[a] = own && bound_in_screen(ks, screen, (enum action)a) ? 0 : 1;
		int w = text_width(keys[a]);
		if (w > keycol)
			keycol = w;
	}
	if (keycol > KEY_COL_MAX)
		keycol = KEY_COL_MAX;

	static const char *const headings[2] = { "help\004Keys of this screen", "help\004Keys everywhere" };
	char **lines = xcalloc(2 * ACT_COUNT + 4, sizeof *lines);
	int n = 0;
	for (int g = 0; g < 2; g++) {
		bool any = false;
		for (int a = 1; a < ACT_COUNT; a++) {
			if (group[a] != g)
				continue;
			if (!any) {
				if (n > 0)
					lines[n++] = xstrdup("");
				lines[n++] = xstrdup(help_gettext(headings[g]));
				any = true;
			}
			char col[KEY_COL_MAX * 4 + 8];
			text_fit(col, sizeof col, keys[a], keycol, TEXT_PAD);
			lines[n++] = xasprintf("  %s  %s", col, action_help((enum action)a));
		}
	}
	*count = n;
	return lines;
}

void help_lines_free(char **lines, int count)
{
	if (!lines)
		return;
	for (int i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
}

size_t help_hint_bar(const struct keymap_set *ks, const char *screen,
		     const enum action *actions, int n, int cols, char *buf, size_t bufsz)
{
	return help_hint_bar_ctx(ks, screen, NULL, actions, n, cols, buf, bufsz);
}

size_t help_hint_bar_ctx(const struct keymap_set *ks, const char *screen,
			 const struct help_ctx *ctx, const enum action *actions, int n,
			 int cols, char *buf, size_t bufsz)
{
	size_t len = 0;
	int used = 0;
	if (!buf || bufsz == 0)
		return 0;
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		char key[64];
		if (keys_now(ks, screen, ctx, actions[i], true, key, sizeof key) == 0)
			continue;
		char pair[256];
		int plen = snprintf(pair, sizeof pair, "%s%s %s", used ? "  " : "", key,
				    action_label(actions[i]));
		if (plen < 0 || (size_t)plen >= sizeof pair)
			continue;
		int w = text_width(pair);
		/* Drop what does not fit; a later, shorter pair may still. */
		if (used + w > cols || len + (size_t)plen + 1 > bufsz)
			continue;
		memcpy(buf + len, pair, (size_t)plen + 1);
		len += (size_t)plen;
		used += w;
	}
	return len;
}

int help_hint_bar_keys(const char *bar, int *starts, int *ends, int max)
{
	int n = 0;
	if (!bar)
		return 0;
	for (const char *p = bar; *p && n < max;) {
		const char *sp = strchr(p, ' ');
		const char *end = sp ? sp : p + strlen(p);
		starts[n] = (int)(p - bar);
		ends[n] = (int)(end - bar);
		n++;
		const char *next = strstr(end, "  ");
		if (!next)
			break;
		p = next + 2;
	}
	return n;
}

/* ---------------------------------------------------------------- the man page */

/* Text for roff: backslashes and hyphens escaped, no line starting a request. */
static void roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

static void man_bindings(FILE *out, const struct keymap_set *ks)
{
	for (int s = 0; s < keymap_screen_count(); s++) {
		const char *screen = keymap_screen_name(s);
		int keys[KEYMAP_MAX_SEQ], nkeys;
		enum action a;
		if (!keymap_binding_at(ks, screen, 0, keys, &nkeys, &a))
			continue;
		fputs(".SS ", out);
		roff(out, screen);
		fputs("\n.PD 0\n", out);
		for (int i = 0; keymap_binding_at(ks, screen, i, keys, &nkeys, &a); i++) {
			char name[64];
			keymap_key_name(keys, nkeys, name, sizeof name);
			fputs(".TP 16\n\\fB", out);
			roff(out, name);
			fputs("\\fR\n", out);
			roff(out, action_name(a));
			fputc('\n', out);
		}
		fputs(".PD\n", out);
	}
	const char *word;
	enum action a;
	if (!keymap_alias_at(ks, 0, &word, &a))
		return;
	fputs(".SS Command words\n.PD 0\n", out);
	for (int i = 0; keymap_alias_at(ks, i, &word, &a); i++) {
		fputs(".TP 16\n\\fB:", out);
		roff(out, word);
		fputs("\\fR\n", out);
		roff(out, action_name(a));
		fputc('\n', out);
	}
	fputs(".PD\n", out);
}

static const char man_head[] =
	".\\\" Generated by help_write_man() (src/client/help.c) from src/client/actions.def\n"
	".\\\" and keymaps/*.keys: edit those and run `make doc`, not this file.\n"
	".TH ANZHI-KEYS 5 \"\" \"anzhi\" \"anzhi manual\"\n"
	".SH NAME\n"
	"anzhi\\-keys \\- key bindings of the anzhi terminal client\n"
	".SH SYNOPSIS\n"
	"\\fI~/.config/anzhi/keys\\fR\n"
	".SH DESCRIPTION\n"
	"Every key of \\fBanzhi\\fR(1) is bound to a named action in a keymap.\n"
	"The keymaps are read in this order, each able to override the ones before:\n"
	"the compiled\\-in default keymap (below), the named keymap chosen with\n"
	"\\fB\\-\\-keymap vi\\fR or \\fBemacs\\fR, the user's file\n"
	"\\fI~/.config/anzhi/keys\\fR, and \\fB:bind\\fR lines typed on the command line.\n"
	"Binding keys again in a later source replaces the earlier binding;\n"
	"binding the same keys twice in one source, or keys that are a prefix of\n"
	"another binding of the same screen, is reported as a conflict and the\n"
	"first binding is kept.\n"
	".PP\n"
	"Each line is one statement; \\fB#\\fR at the start of a word starts a comment.\n"
	".TP\n"
	"\\fBbind\\fR \\fIscreen keys action\\fR\n"
	"Bind \\fIkeys\\fR to \\fIaction\\fR in \\fIscreen\\fR.\n"
	"The action \\fBnone\\fR unbinds.\n"
	".TP\n"
	"\\fBunbind\\fR \\fIscreen keys\\fR\n"
	"Remove a binding.  In a screen other than \\fBgeneric\\fR this also hides\n"
	"the generic binding of the same keys on that screen.\n"
	".TP\n"
	"\\fBalias\\fR \\fIword action\\fR\n"
	"Make \\fB:\\fR\\fIword\\fR on the command line run \\fIaction\\fR\n"
	"(every action name works there too).\n"
	".PP\n"
	"A screen's own bindings are looked up first, then those of \\fBgeneric\\fR.\n"
	".SH KEYS\n"
	"A printable character stands for itself (\\fBj\\fR, \\fBG\\fR, \\fB/\\fR).\n"
	"Other keys are written in angle brackets: \\fB<Enter>\\fR, \\fB<Esc>\\fR,\n"
	"\\fB<Tab>\\fR, \\fB<S\\-Tab>\\fR, \\fB<Space>\\fR, \\fB<BS>\\fR, \\fB<Del>\\fR,\n"
	"\\fB<Ins>\\fR, \\fB<Up>\\fR, \\fB<Down>\\fR, \\fB<Left>\\fR, \\fB<Right>\\fR,\n"
	"\\fB<Home>\\fR, \\fB<End>\\fR, \\fB<PgUp>\\fR, \\fB<PgDn>\\fR, \\fB<F1>\\fR to\n"
	"\\fB<F63>\\fR, \\fB<lt>\\fR for \\fB<\\fR and \\fB<Hash>\\fR for \\fB#\\fR.\n"
	"\\fB<C\\-x>\\fR is Control+x and \\fB<M\\-x>\\fR is Alt+x (or Esc then x).\n"
	"Keys written one after another form a sequence: \\fBgg\\fR,\n"
	"\\fB<C\\-x><C\\-c>\\fR (at most 4 keys).\n"
	".PP\n"
	"The escape sequences terminals send for these keys are read as one key\n"
	"even where the terminfo entry does not list them (an xterm's End under\n"
	"\\fBTERM=screen\\fR in tmux, PuTTY as \\fBTERM=xterm\\fR): with Shift,\n"
	"\\fB<F1>\\fR is \\fB<F13>\\fR, with Ctrl \\fB<F25>\\fR, with Ctrl and Shift\n"
	"\\fB<F37>\\fR, with Alt \\fB<F49>\\fR; Alt with another key is \\fB<M\\-\\fR\\fIkey\\fR\\fB>\\fR,\n"
	"Ctrl and Shift leave it as it is.  Sequences of no known key are ignored.\n"
	".SH SCREENS\n";

static const char man_tail[] =
	".SH FILES\n"
	".TP\n"
	"\\fI~/.config/anzhi/keys\\fR\n"
	"The user's bindings (\\fI$XDG_CONFIG_HOME/anzhi/keys\\fR when that is set).\n"
	".SH SEE ALSO\n"
	"\\fBanzhi\\fR(1)\n";

static void man_keymap(FILE *out, const char *name, const char *title)
{
	struct keymap_set *ks = keymap_set_new();
	keymap_set_load(ks, keymap_builtin_text(name), name, NULL, 0);
	if (*title)
		fprintf(out, ".SH %s\n", title);
	man_bindings(out, ks);
	keymap_set_free(ks);
}

int help_write_man(FILE *out)
{
	fputs(man_head, out);
	for (int s = 0; s < keymap_screen_count(); s++) {
		fputs(s ? ",\n\\fB" : "\\fB", out);
		roff(out, keymap_screen_name(s));
		fputs("\\fR", out);
	}
	fputs(".\n.SH ACTIONS\n", out);
	for (int a = 1; a < ACT_COUNT; a++) {
		fputs(".TP 18\n\\fB", out);
		roff(out, action_name((enum action)a));
		fputs("\\fR\n", out);
		roff(out, action_help_msgid((enum action)a));
		fputs(".\n", out);
	}
	man_keymap(out, "default", "DEFAULT BINDINGS");
	fputs(".SH VI KEYMAP\nLoaded on top of the defaults by \\fB\\-\\-keymap vi\\fR.\n", out);
	man_keymap(out, "vi", "");
	fputs(".SH EMACS KEYMAP\nLoaded on top of the defaults by \\fB\\-\\-keymap emacs\\fR.\n", out);
	man_keymap(out, "emacs", "");
	fputs(man_tail, out);
	return ferror(out) ? -1 : 0;
}
