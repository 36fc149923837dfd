/* cli_session: the session `anzhi login` keeps for the command-line verbs
 * (anzhi review, anzhi tax export, anzhi logout) — the token with its
 * server, pin, user and expiry in $XDG_STATE_HOME/anzhi/session.json
 * (~/.local/state/anzhi/session.json), the file 0600 in a 0700 directory.
 * The service ends a session after AUTH idle seconds without a request, so
 * every answered request moves the kept expiry on. */
#ifndef ANZHI_CLIENT_CLI_SESSION_H
#define ANZHI_CLIENT_CLI_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "client/cli_http.h"
#include "client/config.h"

struct cli_session {
	char server[512];
	char pin[256];
	char cafile[512];
	char username[64];
	char role[16];
	char token[128];
	long long expires_at;    /* Unix seconds; the service's idle limit from the last answer */
	long long idle_seconds;  /* the login's expires_in */
};

enum cli_session_state { CLI_SESSION_OK, CLI_SESSION_NONE, CLI_SESSION_EXPIRED, CLI_SESSION_BAD };

/* $XDG_STATE_HOME/anzhi/session.json, else $HOME/.local/state/anzhi/session.json. */
bool cli_session_path(char *buf, size_t size);
/* Writes s (0600, whole then renamed; the directory made 0700); 0 or -1. */
int cli_session_save(const struct cli_session *s);
/* Reads the kept session; EXPIRED when its expiry has passed (s still filled). */
enum cli_session_state cli_session_load(struct cli_session *s);
/* Removes the file (absent is fine); 0 or -1. */
int cli_session_remove(void);

/* For a command that needs the session: loads it and points cfg at its
 * server, pin and CA file. Says on stderr why not ("anzhi CMD: …": log in
 * first, the session expired) and returns -1. */
int cli_session_open(const char *cmd, struct cli_session *s, struct config *cfg);
/* A request with the session's token; on an answer other than 401 the kept
 * expiry moves on; on 401 the session is gone (expired or ended elsewhere):
 * the file is removed. Same return as cli_http_call. */
int cli_session_call(struct cli_session *s, const struct config *cfg,
		     const struct cli_http_req *rq, struct cli_http *r);

#endif
