/* settings: what can change while anzhi runs — the accessible mode, the bell,
 * the theme — from the config file and flags at start and from `:set` on the
 * command line (vim's syntax: `:set accessible`, `:set noaccessible`,
 * `:set theme=high-contrast`, `:set bell?`, `:set` for all of them). */
#ifndef ANZHI_SETTINGS_H
#define ANZHI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* The config's values (already checked: yes/no words, a known theme). */
void settings_from_config(struct app *a);
/* A `:set` line's arguments; says what it did (or why not) in the status bar. */
void settings_command(struct app *a, const char *args);
/* The current values, "accessible=no bell=no theme=default …", for `:set`. */
size_t settings_describe(const struct app *a, char *buf, size_t bufsz);

#endif
