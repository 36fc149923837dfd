/* cli: the non-interactive commands of the `anzhi` binary — the calculator
 * (`anzhi calc levy|reward …`), `anzhi check-id NUMBER` and `anzhi verify`.  main() calls
 * cli_dispatch first; when it returns false the full-screen client starts. */
#ifndef ANZHI_CLIENT_CLI_H
#define ANZHI_CLIENT_CLI_H

#include <stdbool.h>

/* True when argv[1] is "calc", "check-id" or "verify": the command ran,
 * output went to stdout (errors to stderr) and *status is the exit status (0
 * ok, 1 invalid identifier or document, 2 bad arguments, unreadable policy,
 * or a check that could not be made). */
bool cli_dispatch(int argc, char **argv, int *status);

#endif
