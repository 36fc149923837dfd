/* keymap: one parser for keymaps/default.keys (compiled in), vi/emacs keymaps,
 * the user's ~/.config/anzhi/keys and `:bind` on the command line; per-screen
 * maps with a generic fallback, multi-key sequences, conflicts reported.
 *
 * Key codes are those of base/keys.h; the engine folds an Esc immediately
 * followed by a key (same read) into KEYCODE_META(key) and an escape sequence
 * the terminfo does not know into one key (keyseq.h).
 *
 * File syntax, one statement a line, `#` starts a comment:
 *   bind   <screen> <keys> <action>     e.g.  bind placements <C-x>k delete
 *   unbind <screen> <keys>
 *   alias  <word> <action>              a `:` command word, e.g. alias q quit
 * Keys: `j`, `G`, `<Down>`, `<C-g>`, `<M-v>`, `<Space>`, `<Enter>`, `<Esc>`,
 * `<Tab>`, `<S-Tab>`, `<F2>`, `<PgDn>`, `<PgUp>`, `<Home>`, `<End>`, `<BS>`,
 * `<Del>`, `<Ins>`, `<Up>`, `<Left>`, `<Right>`, `<lt>` ('<'), `<gt>`, `<Hash>`
 * ('#'), and sequences like `gg` or `<C-x>k`. */
#ifndef ANZHI_KEYMAP_H
#define ANZHI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include "base/keys.h"
#include "client/actions.h"

#define KEYMAP_MAX_SEQ   4            /* the longest key sequence */

struct keymap_set;
struct keymap_diag { char origin[64]; int line; char msg[160]; }; /* a conflict or error */

struct keymap_set *keymap_set_new(void);                  /* empty */
void   keymap_set_free(struct keymap_set *ks);

/* Parse text; each call is one source, later sources override earlier ones.
 * Screen "generic" is the fallback for every screen.  Returns the number of
 * diagnostics (written up to max_diags; the count may exceed it): errors
 * (unknown action/screen/key name, bad syntax — with line number) and conflicts
 * (the same keys bound twice in one source, or one binding a prefix of another
 * in the same screen and source — reported, the first one kept).  A later source
 * rebinding keys (or binding a prefix/extension of them) replaces them silently:
 * that is an override, not a conflict. */
int    keymap_set_load(struct keymap_set *ks, const char *text, const char *origin,
                       struct keymap_diag *diags, int max_diags);
/* The compiled-in keymaps/default.keys. */
int    keymap_load_defaults(struct keymap_set *ks, struct keymap_diag *d, int max);
/* "vi", "emacs" (also compiled in), loaded on top of what is there; "default"
 * loads the defaults.  -1 (and one diagnostic) when the name is unknown. */
int    keymap_load_named(struct keymap_set *ks, const char *name, struct keymap_diag *d, int max);
/* Reads a keys file (e.g. ~/.config/anzhi/keys); a missing file is 0 diagnostics,
 * an unreadable one is 1. */
int    keymap_load_file(struct keymap_set *ks, const char *path, struct keymap_diag *d, int max);
const char *keymap_builtin_text(const char *name);        /* "default", "vi", "emacs"; NULL */

enum keymap_match { KEYMAP_NONE, KEYMAP_PREFIX, KEYMAP_ACTION };
/* keys[0..nkeys) typed so far in `screen`: the screen's own map first, then
 * generic.  PREFIX: wait for more keys; NONE: drop them (and beep). */
enum keymap_match keymap_lookup(const struct keymap_set *ks, const char *screen,
                                const int *keys, int nkeys, enum action *out);
/* "j Down" — display names of every key bound to `a` in screen, then generic
 * (ones the screen shadows left out); single keys bare ("C-g", "Space"),
 * sequences in keys-file form ("gg", "<C-x><C-c>").  Returns the length; buf is
 * "" when none. */
size_t keymap_keys_for(const struct keymap_set *ks, const char *screen, enum action a,
                       char *buf, size_t bufsz);
/* The key a hint shows for a: the first of keymap_keys_for, preferring a
 * single key to a sequence. */
size_t keymap_first_key_for(const struct keymap_set *ks, const char *screen, enum action a,
                            char *buf, size_t bufsz);
/* The same, leaving out bindings whose first key skip() says would not reach
 * the keymap now (a letter while a text field has the focus). */
size_t keymap_keys_where(const struct keymap_set *ks, const char *screen, enum action a,
                         bool (*skip)(int key), char *buf, size_t bufsz);
size_t keymap_first_key_where(const struct keymap_set *ks, const char *screen, enum action a,
                              bool (*skip)(int key), char *buf, size_t bufsz);
size_t keymap_key_name(const int *keys, int nkeys, char *buf, size_t bufsz); /* "<C-g>", "gg" */
/* Parses keys-file key syntax into codes; returns the count, -1 on error. */
int    keymap_parse_keys(const char *spec, int *keys, int maxkeys);

/* A `:` command word: an alias (`alias q quit`) or an action name; ACT_NONE. */
enum action keymap_command(const struct keymap_set *ks, const char *word);
/* The i-th alias (in definition order); false at the end. */
bool   keymap_alias_at(const struct keymap_set *ks, int i, const char **word, enum action *a);

/* Screen names (keymap.def); keymap_screen_known("generic") is true. */
bool         keymap_screen_known(const char *screen);
int          keymap_screen_count(void);
const char  *keymap_screen_name(int i);

/* Iteration over the effective bindings of one screen (not generic), in the
 * order they were bound; for help and the man page.  Returns false at the end. */
bool   keymap_binding_at(const struct keymap_set *ks, const char *screen, int i,
                         int *keys, int *nkeys, enum action *a);

#endif
