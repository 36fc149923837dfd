/* theme: tables of styles by role, one per theme.  Each row has a monochrome
 * form that carries the meaning on its own and an optional colour pair added
 * on top when the terminal has colour, NO_COLOR is not set and the theme
 * uses colour.  The high-contrast theme never dims (dim text is the first a
 * weak eye loses), makes every mark bold and draws on black. */
#include "ui/theme.h"
#include "ui/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

struct style_row {
	attr_t mono;   /* used always: meaning never rests on colour alone */
	short fg, bg;  /* fg -1: no colour pair; bg -1: the terminal's own */
};

struct theme_def {
	const char *name;
	bool color;
	struct style_row rows[STYLE_COUNT];
};

static const char *const style_names[STYLE_COUNT] = {
	[STYLE_NORMAL] = "normal", [STYLE_CURSOR] = "cursor", [STYLE_TITLE] = "title",
	[STYLE_HEADER] = "header", [STYLE_OK] = "ok", [STYLE_FAIL] = "fail",
	[STYLE_PENDING] = "pending", [STYLE_TAGGED] = "tagged", [STYLE_ERROR] = "error",
	[STYLE_HINT] = "hint", [STYLE_HINT_KEY] = "hint-key", [STYLE_STATUS] = "status",
	[STYLE_FIELD] = "field", [STYLE_FIELD_ACTIVE] = "field-active", [STYLE_DIM] = "dim",
};

#define DEFAULT_ROWS { \
	[STYLE_NORMAL]       = { A_NORMAL,             -1, -1 }, \
	[STYLE_CURSOR]       = { A_REVERSE,            -1, -1 }, \
	[STYLE_TITLE]        = { A_BOLD,               COLOR_CYAN, -1 }, \
	[STYLE_HEADER]       = { A_BOLD | A_UNDERLINE, -1, -1 }, \
	[STYLE_OK]           = { A_BOLD,               COLOR_GREEN, -1 }, \
	[STYLE_FAIL]         = { A_BOLD | A_UNDERLINE, COLOR_RED, -1 }, \
	[STYLE_PENDING]      = { A_DIM,                COLOR_YELLOW, -1 }, \
	[STYLE_TAGGED]       = { A_BOLD,               COLOR_MAGENTA, -1 }, \
	[STYLE_ERROR]        = { A_BOLD | A_REVERSE,   COLOR_RED, -1 }, \
	[STYLE_HINT]         = { A_REVERSE,            -1, -1 }, \
	[STYLE_HINT_KEY]     = { A_REVERSE | A_BOLD,   -1, -1 }, \
	[STYLE_STATUS]       = { A_REVERSE,            -1, -1 }, \
	[STYLE_FIELD]        = { A_UNDERLINE,          -1, -1 }, \
	[STYLE_FIELD_ACTIVE] = { A_UNDERLINE | A_BOLD, COLOR_CYAN, -1 }, \
	[STYLE_DIM]          = { A_DIM,                -1, -1 }, \
}

static const struct theme_def themes[] = {
	{ "default", true, DEFAULT_ROWS },
	{ "mono", false, DEFAULT_ROWS },
	{ "high-contrast", true, {
		[STYLE_NORMAL]       = { A_NORMAL,                         COLOR_WHITE, COLOR_BLACK },
		[STYLE_CURSOR]       = { A_REVERSE | A_BOLD,               COLOR_YELLOW, COLOR_BLACK },
		[STYLE_TITLE]        = { A_BOLD | A_UNDERLINE,             COLOR_WHITE, COLOR_BLACK },
		[STYLE_HEADER]       = { A_BOLD | A_UNDERLINE,             COLOR_CYAN, COLOR_BLACK },
		[STYLE_OK]           = { A_BOLD,                           COLOR_GREEN, COLOR_BLACK },
		[STYLE_FAIL]         = { A_BOLD | A_UNDERLINE,             COLOR_YELLOW, COLOR_BLACK },
		[STYLE_PENDING]      = { A_UNDERLINE,                      COLOR_CYAN, COLOR_BLACK },
		[STYLE_TAGGED]       = { A_BOLD | A_UNDERLINE | A_REVERSE, COLOR_MAGENTA, COLOR_WHITE },
		[STYLE_ERROR]        = { A_BOLD | A_REVERSE,               COLOR_YELLOW, COLOR_BLACK },
		[STYLE_HINT]         = { A_REVERSE,                        COLOR_WHITE, COLOR_BLACK },
		[STYLE_HINT_KEY]     = { A_REVERSE | A_BOLD | A_UNDERLINE, COLOR_WHITE, COLOR_BLACK },
		[STYLE_STATUS]       = { A_REVERSE | A_BOLD,               COLOR_WHITE, COLOR_BLACK },
		[STYLE_FIELD]        = { A_UNDERLINE,                      COLOR_WHITE, COLOR_BLACK },
		[STYLE_FIELD_ACTIVE] = { A_REVERSE | A_BOLD,               COLOR_YELLOW, COLOR_BLACK },
		[STYLE_DIM]          = { A_NORMAL,                         COLOR_WHITE, COLOR_BLACK },
	} },
};
enum { N_THEMES = sizeof themes / sizeof themes[0] };

static const struct theme_def *cur = &themes[0];
static bool color_on, color_started, curses_up, spoken;
static unsigned pairs_ready;   /* bit t: theme t's pairs are set on this terminal */

/* Each theme has pairs of its own, so switching never redefines a pair that
 * cells on the screen still use (ncurses then rewalks the screen, and keeps
 * bookkeeping it never frees). */
static int pair_of(enum style s)
{
	return 1 + (int)(cur - themes) * STYLE_COUNT + (int)s;
}

bool theme_no_color_env(void)
{
	/* no-color.org: present at all means no colour. */
	return getenv("NO_COLOR") != NULL;
}

static void init_pairs(void)
{
	color_on = false;
	if (!curses_up || !cur->color || theme_no_color_env() || !has_colors())
		return;
	if (!color_started) {
		if (start_color() == ERR)
			return;
		use_default_colors();
		color_started = true;
	}
	unsigned bit = 1u << (cur - themes);
	if (pair_of(STYLE_COUNT - 1) >= COLOR_PAIRS)
		return;   /* a terminal with few pairs (the Linux console has 64) */
	if (!(pairs_ready & bit))
		for (int s = 0; s < STYLE_COUNT; s++)
			if (cur->rows[s].fg >= 0)
				init_pair((short)pair_of((enum style)s), cur->rows[s].fg, cur->rows[s].bg);
	pairs_ready |= bit;
	color_on = true;
}

/* The current theme on the terminal: its pairs, and its background (a theme
 * with one paints every cell, blanks included). */
static void apply(void)
{
	init_pairs();
	bkgdset(color_on && cur->rows[STYLE_NORMAL].fg >= 0 ? COLOR_PAIR(pair_of(STYLE_NORMAL)) | ' ' : ' ');
}

void theme_init(void)
{
	curses_up = true;
	color_started = false;   /* a new terminal (initscr, newterm) */
	pairs_ready = 0;
	apply();
}

bool theme_known(const char *name)
{
	for (int i = 0; name && i < N_THEMES; i++)
		if (strcmp(themes[i].name, name) == 0)
			return true;
	return false;
}

bool theme_select(const char *name)
{
	for (int i = 0; name && i < N_THEMES; i++)
		if (strcmp(themes[i].name, name) == 0) {
			cur = &themes[i];
			if (curses_up)
				apply();
			return true;
		}
	return false;
}

const char *theme_current(void) { return cur->name; }

const char *theme_name_at(int i) { return i >= 0 && i < N_THEMES ? themes[i].name : NULL; }

bool theme_has_color(void) { return color_on; }

attr_t theme_mono_attr(enum style s)
{
	return (unsigned)s < STYLE_COUNT ? cur->rows[s].mono : A_NORMAL;
}

attr_t theme_attr(enum style s)
{
	if ((unsigned)s >= STYLE_COUNT)
		return A_NORMAL;
	attr_t a = cur->rows[s].mono;
	if (color_on && cur->rows[s].fg >= 0)
		a |= COLOR_PAIR(pair_of(s));
	return a;
}

const char *theme_style_name(enum style s)
{
	return (unsigned)s < STYLE_COUNT ? style_names[s] : "?";
}

const char *theme_glyph_ok(void) { return text_utf8() ? "\u2713" : "Y"; }
const char *theme_glyph_fail(void) { return text_utf8() ? "\u2717" : "x"; }
const char *theme_glyph_tag(void) { return "*"; }

void theme_set_spoken(bool on) { spoken = on; }
bool theme_spoken(void) { return spoken; }

const char *theme_mark(bool ok, const char *word)
{
	if (spoken && word && *word)
		return word;
	return ok ? theme_glyph_ok() : theme_glyph_fail();
}

const char *theme_mark_pass(void) { return theme_mark(true, _("pass")); }
const char *theme_mark_fail(void) { return theme_mark(false, _("fail")); }

int theme_mark_cols(void)
{
	if (!spoken)
		return 1;
	int a = text_width(_("pass")), b = text_width(_("fail"));
	return a > b ? a : b;
}
