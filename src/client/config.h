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
	/* yes/no settings (config_bool): a flag without a value on the command
	 * line (`--accessible`) means yes */
	char accessible[8];   /* cursor on the focus, marks in words (braille, screen readers) */
	char bell[8];         /* ring on errors */
	char bell_command[512];   /* run instead of the terminal bell ("" = the bell) */
	char theme[32];       /* default, mono, high-contrast ("" = default) */
	char graphics[16];    /* auto|sixel|kitty|symbols|none: how pictures show, "" = auto */
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
/* A yes/no setting's value: yes/no, true/false, on/off, 1/0 ("" = no);
 * false when it is none of these. */
bool config_bool(const char *value, bool *out);
/* Usage text (translated). */
const char *config_usage(void);

#endif
