/* keymap_keys: the key-name helpers keymap.c and help.c share (private to
 * the keymap module; the public key functions are in keymap.h). */
#ifndef ANZHI_KEYMAP_KEYS_H
#define ANZHI_KEYMAP_KEYS_H

#include <stddef.h>

/* keymap_parse_keys with the reason for a failure in err. */
int  keymap_parse_keys_err(const char *spec, int *keys, int maxkeys, char *err, size_t errsz);
/* What help and hints show: a single key bare ("C-g", "Down", "<"), a
 * sequence in keys-file form ("gg", "<C-x><C-c>"). */
void keymap_display_name(const int *keys, int nkeys, char *out, size_t outsz);

#endif
