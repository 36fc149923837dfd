/* ident_error: a core identifier error (core/error.h) as people read it —
 * the translated kind of error ("wrong check character") and the core's
 * precise English detail after it — the same words in `anzhi check-id` and
 * beside the person form's ID number field. */
#ifndef ANZHI_BASE_IDENT_ERROR_H
#define ANZHI_BASE_IDENT_ERROR_H

#include <stddef.h>

#include "core/error.h"

/* "wrong check character", "wrong length"… (translated; "invalid" else). */
const char *ident_error_label(int code);
/* "<what>: <label> (<detail>)", e.g. "Not a valid ID number: wrong check
 * character (checksum: expected '0', got '1')". */
void ident_error_text(char *buf, size_t bufsz, const char *what, const struct core_error *err);

#endif
