/* cursor — the opaque next_cursor of lists: a keyset position (a time and an
 * id, or an id alone) as base64url text, versioned so that its form can
 * change without clients noticing. */
#ifndef ANZHI_SERVER_CURSOR_H
#define ANZHI_SERVER_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#define CURSOR_MAX 96

/* at may be NULL or "" (an id-only position). */
void cursor_encode(const char *at, int64_t id, char out[CURSOR_MAX]);
/* 0 and the position, or -1 when text is not a cursor this service made. */
int cursor_decode(const char *text, char at[20], int64_t *id);

#endif
