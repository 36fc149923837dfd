/* help: the help screen's lines, the hint bar and doc/anzhi-keys.5, all built
 * from the action table plus the keys actually bound, so rebinding a key
 * changes what the user is told. */
#ifndef ANZHI_HELP_H
#define ANZHI_HELP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "client/actions.h"
#include "client/keymap.h"

/* What acts on a screen right now: while a text field has the focus printable
 * keys (and the editing keys) go to the field, so bindings starting with one
 * are left out; `only`, when set, lists the actions the screen acts on (the
 * others are not shown at all).  NULL = every binding. */
struct help_ctx {
	bool typing;
	const enum action *only;
	int nonly;
};

/* Lines "  j Down      Move down" for every action bound in `screen` (then
 * generic), in two groups with a heading each ("This screen", "Everywhere"),
 * translated, aligned by columns; caller frees with help_lines_free. */
char **help_lines(const struct keymap_set *ks, const char *screen, int *count);
char **help_lines_ctx(const struct keymap_set *ks, const char *screen,
                      const struct help_ctx *ctx, int *count);
void   help_lines_free(char **lines, int count);

/* The hint bar: for the given actions, "key label" pairs as bound now (rebinding
 * changes it), fitted to `cols` columns (drop what does not fit; unbound actions
 * are left out).  Pairs are separated by two spaces.  Returns the length. */
size_t help_hint_bar(const struct keymap_set *ks, const char *screen,
                     const enum action *actions, int n, int cols, char *buf, size_t bufsz);
size_t help_hint_bar_ctx(const struct keymap_set *ks, const char *screen,
                         const struct help_ctx *ctx, const enum action *actions, int n,
                         int cols, char *buf, size_t bufsz);
/* Byte ranges of the keys in a hint bar built the same way, for STYLE_HINT_KEY:
 * fills starts/ends (byte offsets into buf) and returns the number of pairs. */
int    help_hint_bar_keys(const char *bar, int *starts, int *ends, int max);

/* doc/anzhi-keys.5 from the action table and the compiled-in default, vi and
 * emacs keymaps (English).  0 on success, -1 on a write error. */
int    help_write_man(FILE *out);

#endif
