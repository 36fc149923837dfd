/* config: the client's settings — ~/.config/anzhi/config ($XDG_CONFIG_HOME) with
 * `key = value` lines, then the command-line flags on top (flag > file). */
#ifndef ANZHI_CONFIG_H
#define ANZHI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
	char server[512];
	char pin[256];
	char cafile[512];
	char keymap[32];
	char lang[8];
	char page_size[8];    /* persons asked for at a time (1-500), "" = 200 */
	char upload_limit_mb[8];   /* a material's size limit when the service says none, "" = 100 */
};

enum config_mode { CONFIG_RUN, CONFIG_HELP, CONFIG_VERSION, CONFIG_DUMP_KEYS_MAN, CONFIG_ERROR };

struct config_error {
	int line;           /* 0 for a flag */
	char msg[256];
};

/* Parses `key = value` text (# comments, blank lines); unknown keys and bad lines
 * are errors; returns the number of errors (the first is in err). */
int config_parse_text(struct config *c, const char *text, struct config_error *err);
/* Reads the config file (missing is fine); path chosen by config_path(). */
int config_load(struct config *c, struct config_error *err);
/* $XDG_CONFIG_HOME/anzhi/NAME, else $HOME/.config/anzhi/NAME. */
bool config_path(const char *name, char *buf, size_t bufsz);
/* Applies flags over c; CONFIG_ERROR fills err. */
enum config_mode config_parse_args(struct config *c, int argc, char **argv,
				   struct config_error *err);
/* Usage text (translated). */
const char *config_usage(void);

#endif
