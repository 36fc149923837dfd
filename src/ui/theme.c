/* theme: one table of styles by role.  Each row has a monochrome form that
 * carries the meaning on its own and an optional foreground colour added on
 * top when the terminal has colour and NO_COLOR is not set. */
#include "ui/theme.h"
#include "ui/text.h"

#include <stdlib.h>

struct style_row {
	const char *name;
	attr_t mono;   /* used always: meaning never rests on colour alone */
	short fg;      /* -1: no colour pair */
};

static const struct style_row styles[STYLE_COUNT] = {
	[STYLE_NORMAL]       = { "normal",       A_NORMAL,                -1 },
	[STYLE_CURSOR]       = { "cursor",       A_REVERSE,               -1 },
	[STYLE_TITLE]        = { "title",        A_BOLD,                  COLOR_CYAN },
	[STYLE_HEADER]       = { "header",       A_BOLD | A_UNDERLINE,    -1 },
	[STYLE_OK]           = { "ok",           A_BOLD,                  COLOR_GREEN },
	[STYLE_FAIL]         = { "fail",         A_BOLD | A_UNDERLINE,    COLOR_RED },
	[STYLE_PENDING]      = { "pending",      A_DIM,                   COLOR_YELLOW },
	[STYLE_TAGGED]       = { "tagged",       A_BOLD,                  COLOR_MAGENTA },
	[STYLE_ERROR]        = { "error",        A_BOLD | A_REVERSE,      COLOR_RED },
	[STYLE_HINT]         = { "hint",         A_REVERSE,               -1 },
	[STYLE_HINT_KEY]     = { "hint-key",     A_REVERSE | A_BOLD,      -1 },
	[STYLE_STATUS]       = { "status",       A_REVERSE,               -1 },
	[STYLE_FIELD]        = { "field",        A_UNDERLINE,             -1 },
	[STYLE_FIELD_ACTIVE] = { "field-active", A_UNDERLINE | A_BOLD,    COLOR_CYAN },
	[STYLE_DIM]          = { "dim",          A_DIM,                   -1 },
};

static bool color_on;

bool theme_no_color_env(void)
{
	/* no-color.org: present at all means no colour. */
	return getenv("NO_COLOR") != NULL;
}

void theme_init(void)
{
	color_on = false;
	if (theme_no_color_env() || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (int s = 0; s < STYLE_COUNT; s++)
		if (s < COLOR_PAIRS && styles[s].fg >= 0)
			init_pair((short)s, styles[s].fg, -1);
	color_on = true;
}

bool theme_has_color(void) { return color_on; }

attr_t theme_mono_attr(enum style s)
{
	return (unsigned)s < STYLE_COUNT ? styles[s].mono : A_NORMAL;
}

attr_t theme_attr(enum style s)
{
	if ((unsigned)s >= STYLE_COUNT)
		return A_NORMAL;
	attr_t a = styles[s].mono;
	if (color_on && styles[s].fg >= 0)
		a |= COLOR_PAIR((int)s);
	return a;
}

const char *theme_style_name(enum style s)
{
	return (unsigned)s < STYLE_COUNT ? styles[s].name : "?";
}

const char *theme_glyph_ok(void) { return text_utf8() ? "\u2713" : "Y"; }
const char *theme_glyph_fail(void) { return text_utf8() ? "\u2717" : "x"; }
const char *theme_glyph_tag(void) { return "*"; }
