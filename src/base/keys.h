/* keys: the key codes every layer shares.  A key is an int: a Unicode code
 * point for characters (Ctrl-X is 0x18, Esc 0x1b, Enter normalised to '\n',
 * Tab 9), KEYCODE_FN(k) for ncurses function keys (KEY_DOWN, KEY_F(2),
 * KEY_BTAB, KEY_RESIZE …) and KEYCODE_META(c) for Alt/Meta chords.  The
 * widgets (src/ui) and the engine (src/client) speak only these codes. */
#ifndef ANZHI_BASE_KEYS_H
#define ANZHI_BASE_KEYS_H

#include <curses.h>

#define KEYCODE_FN(k)    (0x110000 + (k))
#define KEYCODE_META(c)  (0x400000 + (c))
#define KEYCODE_ESC      0x1b

/* One Enter, one Backspace however the terminal sends them: '\r' and
 * KEY_ENTER -> '\n', 0x7f / 0x08 / KEY_BACKSPACE -> KEYCODE_FN(KEY_BACKSPACE). */
int key_normalise(int code);
/* What get_wch() returned (rc == KEY_CODE_YES for function keys), normalised. */
int key_from_wch(int rc, unsigned int wch);

#endif
