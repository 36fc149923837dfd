/* theme: styles by role, in a few themes.  Every style has a colour form and
 * a monochrome form (bold / reverse / underline / dim) so meaning never rests
 * on colour alone; NO_COLOR (any value, even empty) turns colour off.  Marks
 * (✓/✗) become words in the spoken (accessible) mode. */
#ifndef ANZHI_THEME_H
#define ANZHI_THEME_H

#include <curses.h>
#include <stdbool.h>

enum style { STYLE_NORMAL, STYLE_CURSOR, STYLE_TITLE, STYLE_HEADER, STYLE_OK, STYLE_FAIL,
             STYLE_PENDING, STYLE_TAGGED, STYLE_ERROR, STYLE_HINT, STYLE_HINT_KEY,
             STYLE_STATUS, STYLE_FIELD, STYLE_FIELD_ACTIVE, STYLE_DIM, STYLE_COUNT };

/* After initscr(): colour unless NO_COLOR is set, the terminal has none or
 * the theme uses none. */
void        theme_init(void);
/* The themes: "default", "mono" (no colour) and "high-contrast" (no dim
 * text, bold marks, bright on black).  theme_select switches (at once when
 * curses is up; the caller redraws); false for an unknown name. */
bool        theme_known(const char *name);
bool        theme_select(const char *name);
const char *theme_current(void);
const char *theme_name_at(int i);           /* NULL past the last */
attr_t      theme_attr(enum style s);       /* the attribute to use now (colour pair + mono) */
bool        theme_has_color(void);

/* Pure parts (no curses state needed; for tests and for theme_init). */
attr_t      theme_mono_attr(enum style s);  /* the non-colour attributes of a style */
bool        theme_no_color_env(void);       /* true when NO_COLOR is present in the environment */
const char *theme_style_name(enum style s); /* "fail" — for diagnostics */

const char *theme_glyph_ok(void);    /* "✓" (U+2713) or "Y" without UTF-8 (text_init) */
const char *theme_glyph_fail(void);  /* "✗" (U+2717) or "x" */
const char *theme_glyph_tag(void);   /* "*" */

/* A state shown as a mark: ✓/✗ (Y/x), or in the spoken mode (anzhi's
 * accessible mode) its word, since a screen reader says "check mark" and a
 * braille display shows a dot pattern.  theme_mark(ok, word): the caller's
 * translated word; theme_mark_pass/fail: a check's "pass"/"fail" (通过 /
 * 不通过).  A table column holding marks (table_col.marks) is widened to
 * theme_mark_cols() columns. */
void        theme_set_spoken(bool on);
bool        theme_spoken(void);
const char *theme_mark(bool ok, const char *word);
const char *theme_mark_pass(void);
const char *theme_mark_fail(void);
int         theme_mark_cols(void);      /* the widest word, 1 when not spoken */

#endif
