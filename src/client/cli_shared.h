/* cli_shared: what the command-line verbs share — exit statuses, the usage
 * error, JSON output and the service's refusals. */
#ifndef ANZHI_CLIENT_CLI_SHARED_H
#define ANZHI_CLIENT_CLI_SHARED_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "client/cli_http.h"

enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2 };

/* Prints "anzhi CMD: message" to stderr and returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *opt, const char *tmpl, const char *detail);
/* Prints root indented, keys in insertion order, and releases it. */
void cli_print_json(json_t *root);

/* Says on stderr why the service refused r (its message, status, code,
 * field and detail) or could not be reached; returns CLI_INVALID. */
int cli_refused(const char *cmd, const struct cli_http *r);

int cli_check_id(int argc, char **argv);
int cli_verify(int argc, char **argv);
/* `anzhi tax export …` (cli_tax.c). */
int cli_tax(int argc, char **argv);
/* `anzhi login`, `anzhi logout` (cli_login.c). */
int cli_login(int argc, char **argv);
int cli_logout(int argc, char **argv);
/* `anzhi review list|show|decide …` (cli_review.c, cli_decide.c). */
int cli_review(int argc, char **argv);
int cli_review_decide(int argc, char **argv);
/* A case (placement) id as typed: digits only, > 0. */
bool cli_parse_id(const char *s, long *id);

#endif
