/* cli_shared: what the calculator commands (cli.c) and check-id
 * (cli_checkid.c) share — exit statuses and placeholder text. */
#ifndef ANZHI_CLIENT_CLI_SHARED_H
#define ANZHI_CLIENT_CLI_SHARED_H

#include <stddef.h>

enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2 };
enum { POLICY_FILE_MAX = 4 << 20 };

/* Replaces {1}..{5} in tmpl by args (translators may reorder them). */
void cli_subst(char *out, size_t size, const char *tmpl, const char *const args[5]);
/* Prints "anzhi CMD: message" to stderr and returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *opt, const char *tmpl, const char *detail);

int cli_check_id(int argc, char **argv);

#endif
