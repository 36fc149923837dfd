/* help: the help screen's lines, the hint bar and doc/anzhi-keys.5, all built
 * from the action table plus the keys actually bound, so rebinding a key
 * changes what the user is told. */
#ifndef ANZHI_HELP_H
#define ANZHI_HELP_H

#include <stddef.h>
#include <stdio.h>
#include "client/actions.h"
#include "client/keymap.h"

/* Lines "  j Down      Move down" for every action bound in `screen` (then
 * generic), in two groups with a heading each ("This screen", "Everywhere"),
 * translated, aligned by columns; caller frees with help_lines_free. */
char **help_lines(const struct keymap_set *ks, const char *screen, int *count);
void   help_lines_free(char **lines, int count);

/* The hint bar: for the given actions, "key label" pairs as bound now (rebinding
 * changes it), fitted to `cols` columns (drop what does not fit; unbound actions
 * are left out).  Pairs are separated by two spaces.  Returns the length. */
size_t help_hint_bar(const struct keymap_set *ks, const char *screen,
                     const enum action *actions, int n, int cols, char *buf, size_t bufsz);
/* Byte ranges of the keys in a hint bar built the same way, for STYLE_HINT_KEY:
 * fills starts/ends (byte offsets into buf) and returns the number of pairs. */
int    help_hint_bar_keys(const char *bar, int *starts, int *ends, int max);

/* doc/anzhi-keys.5 from the action table and the compiled-in default, vi and
 * emacs keymaps (English).  0 on success, -1 on a write error. */
int    help_write_man(FILE *out);

#endif
