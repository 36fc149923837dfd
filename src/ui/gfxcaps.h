/* gfxcaps: how the terminal can show a picture — sixel or kitty graphics,
 * Unicode block art (chafa's symbols), or not at all — decided from the
 * `graphics` setting, the environment's hints (TERM, TERM_PROGRAM, a
 * multiplexer) and the terminal's answers to a query (DA1 listing 4 for
 * sixel, kitty's graphics reply, the cell size in pixels).  Pure: the engine
 * writes the query and feeds the replies back. */
#ifndef ANZHI_GFXCAPS_H
#define ANZHI_GFXCAPS_H

#include <stdbool.h>
#include <stddef.h>

enum gfx_mode { GFX_NONE, GFX_SYMBOLS, GFX_SIXEL, GFX_KITTY };

/* The `graphics = auto|sixel|kitty|symbols|none` setting. */
enum gfx_choice { GFX_AUTO, GFX_FORCE_SIXEL, GFX_FORCE_KITTY, GFX_FORCE_SYMBOLS, GFX_FORCE_NONE };
/* "" is auto; false for a word that is none of them. */
bool gfxcaps_choice(const char *word, enum gfx_choice *out);
const char *gfxcaps_mode_name(enum gfx_mode m);   /* "sixel" … */

/* What the environment says (getenv's values; NULL when unset). */
struct gfx_env {
	const char *term, *term_program, *kitty_window_id, *tmux, *sty;
};

/* What the terminal answered. */
struct gfx_reply {
	bool da1;              /* its DA1 reply came (every VT100-like answers it) */
	bool sixel;            /* DA1 listed 4 */
	bool kitty;            /* kitty's graphics query was answered OK */
	int cell_w, cell_h;    /* pixels of one cell (CSI 16 t), 0 when not said */
};

/* Whether asking the terminal makes sense: not for a forced choice, and not
 * on the Linux console or a dumb terminal (which may print the query). */
bool gfxcaps_should_ask(enum gfx_choice c, const struct gfx_env *env);
/* The query to write: kitty's graphics query (not inside screen or tmux,
 * which would take or drop it), the cell size (CSI 16 t), and DA1 last —
 * its answer ends the wait.  Into buf; returns its length. */
size_t gfxcaps_query(const struct gfx_env *env, char *buf, size_t bufsz);

/* Reads what came back so far (buf[0..n)): fills r, copies every byte that
 * belongs to no reply (keys typed meanwhile) to keys (at most n bytes;
 * *nkeys set), and returns true once DA1's reply is complete.  A sequence
 * cut short at the end of buf waits for more bytes, unless at_end (the wait
 * is over): then it is keys too. */
bool gfxcaps_parse(const char *buf, size_t n, bool at_end, struct gfx_reply *r, char *keys,
		   size_t *nkeys);

/* The mode: the setting when forced (symbols and none still need colour for
 * block art: without colour, none), else kitty or sixel when the terminal
 * said so (or its name says so when it did not answer), else symbols with
 * colour, else none. */
enum gfx_mode gfxcaps_decide(enum gfx_choice c, const struct gfx_env *env,
			     const struct gfx_reply *r, bool color);

#endif
