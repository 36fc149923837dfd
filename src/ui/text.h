/* text: the one module that owns text on the terminal — display width in
 * columns, cleaning server strings of control characters and escape sequences,
 * fitting to a column count (marker, padding, alignment) and stepping through
 * UTF-8 by characters.  Everything here works in columns, never in bytes. */
#ifndef ANZHI_TEXT_H
#define ANZHI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* From i18n_utf8(): false gives the ASCII fallback — a character beyond ASCII
 * becomes a placeholder of its width ("??" for a CJK one, "?" else), so the
 * columns stay aligned in a C/POSIX locale.  The locale must already be set
 * (setlocale) for wcwidth to know CJK. */
void   text_init(bool utf8);
bool   text_utf8(void);

/* Display columns of UTF-8 s (wcwidth; CJK = 2; invalid bytes count 1; control
 * chars count as their replacement, i.e. 1).  NULL is 0. */
int    text_width(const char *s);

/* malloc'd copy for display of ANY server string: C0, DEL, C1 controls, ESC
 * sequences (CSI, OSC, DCS … as a whole) and invalid UTF-8 (including overlong
 * and surrogate forms) replaced by U+FFFD ("?" when !utf8, and any other
 * character beyond ASCII by its placeholder); newline/tab become a space.
 * Never NULL for non-NULL s (xmalloc); NULL for NULL. */
char  *text_clean(const char *s);

/* The longest prefix of s within `cols` columns into dst; when cut, the last
 * column is the marker '~'; never splits a UTF-8 sequence or a double-width char
 * (pads with a space when a wide char does not fit; without UTF-8 a character
 * beyond ASCII is written as its placeholder); TEXT_PAD pads with spaces to
 * exactly cols; TEXT_RIGHT aligns right (implies padding on the left).  Returns
 * bytes written (dst always NUL-terminated when dstsz > 0; output is also cut,
 * on a character boundary, when dst is too small). s should be clean. */
#define TEXT_PAD   1u
#define TEXT_RIGHT 2u
size_t text_fit(char *dst, size_t dstsz, const char *s, int cols, unsigned flags);
/* "512 B", "3.4 KB", "101.0 MB" (binary units, as the upload limit is). */
void text_size(long long n, char *buf, size_t bufsz);

int    text_prefix_bytes(const char *s, int cols);   /* bytes of the longest prefix <= cols */
size_t text_utf8_len(const char *s);                 /* code points (an invalid byte is one) */
int    text_prev_char(const char *s, int byte_pos);  /* byte offset of the previous char (0 at start) */
int    text_next_char(const char *s, int byte_pos);  /* byte offset of the next char (strlen at end) */

/* Whether what the user typed can be part of a masked value as shown
 * ("景*东", "150924*****1031033"): each '*' stands for any one character,
 * ASCII letters match either case; at least one character must match a
 * shown one ("杨" is not found in "景*东").  An empty `typed` matches nothing. */
bool   text_masked_match(const char *shown, const char *typed);

#endif
