/* keyseq: escape sequences the terminfo does not know, read as one key.
 * ncurses decodes the sequences the terminal's terminfo lists; others — an
 * xterm's ESC [ F (End) under TERM=screen in tmux, PuTTY's or Xshell's under
 * TERM=xterm — arrive as Esc, '[', 'F' …, which would cancel a form and then
 * run '[' (the previous year).  keyseq_parse reads what followed an Esc as a
 * CSI (ESC [ …) or SS3 (ESC O …) sequence: the common xterm/VT keys (arrows,
 * Home, End, Insert, Delete, PgUp, PgDn, F1–F12, S-Tab, the keypad) become
 * their key codes, modifiers included (ESC [ 1 ; 5 H, ESC [ 4 ; 2 ~); any
 * other complete sequence is dropped whole.  Pure: the engine's key reader
 * feeds it. */
#ifndef ANZHI_CLIENT_KEYSEQ_H
#define ANZHI_CLIENT_KEYSEQ_H

enum { KEYSEQ_MAX = 16 };   /* longer "sequences" are not keys */

enum keyseq_result {
	KEYSEQ_NONE,     /* not a sequence: an Esc alone, or Esc then a key (Alt+key) */
	KEYSEQ_MORE,     /* a sequence has begun: more characters are needed */
	KEYSEQ_KEY,      /* a key: *key, made of the first *used characters */
	KEYSEQ_IGNORE,   /* a complete sequence that is no key we know: drop *used */
};

/* c[0..n): the key codes read after an Esc.  Modifiers: on F1–F12 as
 * ncurses numbers them (Shift +12, Ctrl +24, Ctrl+Shift +36, Alt +48); Alt on
 * the other keys gives KEYCODE_META(key); Shift and Ctrl leave them as they
 * are (Ctrl-End is End). */
enum keyseq_result keyseq_parse(const int *c, int n, int *key, int *used);

#endif
