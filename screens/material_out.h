/* material_out: a downloaded material leaves the client — saved where the
 * user says (never over a file without asking), or opened with the system's
 * viewer for local users: $ANZHI_VIEWER, else the first usable mailcap entry
 * (~/.mailcap, /etc/mailcap; a terminal one, or a graphical one with a
 * display), else xdg-open with a display — otherwise why not. */
#ifndef ANZHI_MATERIAL_OUT_H
#define ANZHI_MATERIAL_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "client/app.h"

/* The path typed at the prompt as a file to write: "~/" expanded, a
 * directory gets name appended.  false when it does not fit. */
bool material_save_target(const char *typed, const char *name, char *out, size_t outsz);
/* A file name for the service's name of a material: no '/', no leading
 * dot, no control characters ("材料" when nothing is left). */
void material_safe_name(const char *name, char *out, size_t outsz);

enum save_result { SAVE_DONE, SAVE_EXISTS, SAVE_FAILED };
/* Copies from to to (mode 0600: materials hold personal data) through a
 * temporary file beside it; SAVE_EXISTS, changing nothing, when to exists
 * and !overwrite.  On SAVE_FAILED *err is the errno. */
enum save_result material_save(const char *from, const char *to, bool overwrite, int *err);
/* Why a file could not be written, in the user's words (translated). */
const char *material_errno_words(int err);

/* Opens file (of MIME type mime) with the system's viewer, as above; a
 * flash says what happened or why nothing could. */
void material_open_outside(struct view *v, const char *file, const char *mime, const char *title);

#endif
