/* settings: one table of the settings `:set` knows, each read and written
 * through the app; the config file's keys of the same names. */
#include "client/settings.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "client/engine.h"
#include "ui/theme.h"

enum kind { YES_NO, WORD };

struct setting {
	const char *name;
	enum kind kind;
	/* YES_NO: what the user is told when it turns on / off */
	const char *on_msg, *off_msg;
	/* WORD: its name in words, said with the value */
	const char *label;
	bool (*get)(const struct app *a);
	void (*set)(struct app *a, bool on);
	const char *(*get_word)(const struct app *a);
	bool (*set_word)(struct app *a, const char *value);
};

static bool get_accessible(const struct app *a) { return a->cursor_at_focus; }
static bool get_bell(const struct app *a) { return a->bell; }
static void set_bell(struct app *a, bool on) { a->bell = on; }
static const char *get_theme(const struct app *a) { return theme_current(); }
static const char *get_bell_command(const struct app *a) { return a->cfg.bell_command; }

static void set_accessible(struct app *a, bool on)
{
	app_set_accessible(a, on);
}

static bool set_theme(struct app *a, const char *value)
{
	if (!theme_select(value))
		return false;
	a->full_redraw = true;
	return true;
}

static bool set_bell_command(struct app *a, const char *value)
{
	snprintf(a->cfg.bell_command, sizeof a->cfg.bell_command, "%s", value);
	return strlen(value) < sizeof a->cfg.bell_command;
}

static const struct setting settings[] = {
	{ "accessible", YES_NO, N_("Accessible mode on: the cursor follows the focus, marks are words"),
	  N_("Accessible mode off"), NULL, get_accessible, set_accessible, NULL, NULL },
	{ "bell", YES_NO, N_("The bell rings on errors"), N_("No bell on errors"), NULL,
	  get_bell, set_bell, NULL, NULL },
	{ "theme", WORD, NULL, NULL, N_("Theme"), NULL, NULL, get_theme, set_theme },
	{ "bell_command", WORD, NULL, NULL, N_("Bell command"), NULL, NULL, get_bell_command,
	  set_bell_command },
};
enum { N_SETTINGS = sizeof settings / sizeof settings[0] };

static const struct setting *find(const char *name, size_t len)
{
	for (int i = 0; i < N_SETTINGS; i++)
		if (strlen(settings[i].name) == len && strncmp(settings[i].name, name, len) == 0)
			return &settings[i];
	return NULL;
}

void settings_from_config(struct app *a)
{
	bool on;
	if (config_bool(a->cfg.accessible, &on))
		app_set_accessible(a, on);
	if (config_bool(a->cfg.bell, &on))
		a->bell = on;
	theme_select(a->cfg.theme[0] ? a->cfg.theme : "default");
}

size_t settings_describe(const struct app *a, char *buf, size_t bufsz)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < N_SETTINGS && len < bufsz; i++) {
		const struct setting *s = &settings[i];
		int n = s->kind == YES_NO
			? snprintf(buf + len, bufsz - len, "%s%s=%s", i ? " " : "", s->name,
				   s->get(a) ? "yes" : "no")
			: snprintf(buf + len, bufsz - len, "%s%s=%s", i ? " " : "", s->name,
				   s->get_word(a));
		if (n < 0)
			break;
		len += (size_t)n;
	}
	return len < bufsz ? len : bufsz - 1;
}

/* One argument: "name", "noname", "name!", "name?", "name=value". */
static void set_one(struct app *a, const char *arg, size_t len)
{
	const char *eq = memchr(arg, '=', len);
	size_t nlen = eq ? (size_t)(eq - arg) : len;
	bool ask = !eq && nlen > 0 && arg[nlen - 1] == '?', flip = !eq && nlen > 0 && arg[nlen - 1] == '!';
	if (ask || flip)
		nlen--;
	const struct setting *s = find(arg, nlen), *negated = NULL;
	if (!s && !eq && nlen > 2 && strncmp(arg, "no", 2) == 0)
		negated = find(arg + 2, nlen - 2);
	bool off = negated && negated->kind == YES_NO;   /* "noaccessible"; not "notheme" */
	if (off)
		s = negated;
	if (!s) {
		app_flash(a, true, _("Unknown setting: %.*s"), (int)nlen, arg);
		return;
	}
	char value[600];
	snprintf(value, sizeof value, "%.*s", eq ? (int)(len - nlen - 1) : 0, eq ? eq + 1 : "");
	if (s->kind == WORD) {
		if (!eq)
			app_flash(a, false, "%s=%s", s->name, s->get_word(a));
		else if (!s->set_word(a, value))
			app_flash(a, true, _("Not a value of %s: %s"), s->name, value);
		else
			app_flash(a, false, "%s: %s", _(s->label), s->get_word(a));
		return;
	}
	bool on = !off;
	if (ask) {
		app_flash(a, false, "%s=%s", s->name, s->get(a) ? "yes" : "no");
		return;
	}
	if (flip)
		on = !s->get(a);
	else if (eq && !config_bool(value, &on)) {
		app_flash(a, true, _("'%s' takes yes or no"), s->name);
		return;
	}
	s->set(a, on);
	app_flash(a, false, "%s", on ? _(s->on_msg) : _(s->off_msg));
}

void settings_command(struct app *a, const char *args)
{
	const char *p = args;
	while (*p == ' ')
		p++;
	if (!*p) {
		char buf[800];
		settings_describe(a, buf, sizeof buf);
		app_flash(a, false, "%s", buf);
		return;
	}
	while (*p) {
		size_t n = strcspn(p, " ");
		/* a command's value takes the rest of the line, spaces and all */
		const char *eq = memchr(p, '=', n);
		if (eq) {
			const struct setting *s = find(p, (size_t)(eq - p));
			if (s && s->kind == WORD && strcmp(s->name, "bell_command") == 0)
				n = strlen(p);
		}
		set_one(a, p, n);
		p += n;
		while (*p == ' ')
			p++;
	}
}
