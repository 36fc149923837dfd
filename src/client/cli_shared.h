/* cli_shared: what the calculator commands (cli.c) and check-id
 * (cli_checkid.c) share — exit statuses, placeholder text, file helpers. */
#ifndef ANZHI_CLIENT_CLI_SHARED_H
#define ANZHI_CLIENT_CLI_SHARED_H

#include <stddef.h>

#include <jansson.h>

enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2 };

/* Replaces {1}..{5} in tmpl by args (translators may reorder them). */
void cli_subst(char *out, size_t size, const char *tmpl, const char *const args[5]);
/* Prints "anzhi CMD: message" to stderr and returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *opt, const char *tmpl, const char *detail);
/* The whole file as a NUL-terminated malloc'd string, or NULL. */
char *cli_read_file(const char *path);
/* $ANZHI_DATADIR, else the compiled-in data directory. */
const char *cli_datadir(void);
/* Prints root indented, keys in insertion order, and releases it. */
void cli_print_json(json_t *root);

int cli_check_id(int argc, char **argv);

#endif
