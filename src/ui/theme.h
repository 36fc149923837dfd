/* theme: styles by role.  Every style has a colour form and a monochrome form
 * (bold / reverse / underline / dim) so meaning never rests on colour alone;
 * NO_COLOR (any value, even empty) turns colour off. */
#ifndef ANZHI_THEME_H
#define ANZHI_THEME_H

#include <curses.h>
#include <stdbool.h>

enum style { STYLE_NORMAL, STYLE_CURSOR, STYLE_TITLE, STYLE_HEADER, STYLE_OK, STYLE_FAIL,
             STYLE_PENDING, STYLE_TAGGED, STYLE_ERROR, STYLE_HINT, STYLE_HINT_KEY,
             STYLE_STATUS, STYLE_FIELD, STYLE_FIELD_ACTIVE, STYLE_DIM, STYLE_COUNT };

/* After initscr(): colour unless NO_COLOR is set or the terminal has none. */
void        theme_init(void);
attr_t      theme_attr(enum style s);       /* the attribute to use now (colour pair + mono) */
bool        theme_has_color(void);

/* Pure parts (no curses state needed; for tests and for theme_init). */
attr_t      theme_mono_attr(enum style s);  /* the non-colour attributes of a style */
bool        theme_no_color_env(void);       /* true when NO_COLOR is present in the environment */
const char *theme_style_name(enum style s); /* "fail" — for diagnostics */

const char *theme_glyph_ok(void);    /* "✓" (U+2713) or "Y" without UTF-8 (text_init) */
const char *theme_glyph_fail(void);  /* "✗" (U+2717) or "x" */
const char *theme_glyph_tag(void);   /* "*" */

#endif
