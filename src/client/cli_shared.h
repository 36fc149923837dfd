/* cli_shared: what the calculator commands (cli.c) and check-id
 * (cli_checkid.c) share — exit statuses and the usage error. */
#ifndef ANZHI_CLIENT_CLI_SHARED_H
#define ANZHI_CLIENT_CLI_SHARED_H

#include <stddef.h>

#include <jansson.h>

enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2 };

/* Prints "anzhi CMD: message" to stderr and returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *opt, const char *tmpl, const char *detail);
/* Prints root indented, keys in insertion order, and releases it. */
void cli_print_json(json_t *root);

int cli_check_id(int argc, char **argv);
int cli_verify(int argc, char **argv);
/* `anzhi tax export …` (cli_tax.c). */
int cli_tax(int argc, char **argv);

#endif
