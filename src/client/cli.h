/* cli: the non-interactive commands of the `anzhi` binary — the calculator
 * (`anzhi calc levy|reward …`), `anzhi check-id NUMBER`, `anzhi verify` and
 * `anzhi tax export`.  main() calls cli_dispatch first; when it returns false
 * the full-screen client starts. */
#ifndef ANZHI_CLIENT_CLI_H
#define ANZHI_CLIENT_CLI_H

#include <stdbool.h>

/* True when argv[1] is "calc", "check-id", "verify" or "tax": the command ran,
 * output went to stdout (errors to stderr) and *status is the exit status (0
 * ok, 1 invalid identifier or document or a refused export, 2 bad arguments,
 * unreadable policy, or a check that could not be made). */
bool cli_dispatch(int argc, char **argv, int *status);

#endif
