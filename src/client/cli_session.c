/* cli_session: see cli_session.h. */
#include "client/cli_session.h"

#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

static bool state_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;
	if (xdg && *xdg)
		n = snprintf(buf, size, "%s/anzhi", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/state/anzhi", home);
	else
		return false;
	return n > 0 && (size_t)n < size;
}

bool cli_session_path(char *buf, size_t size)
{
	char dir[1024];
	if (!state_dir(dir, sizeof dir))
		return false;
	int n = snprintf(buf, size, "%s/session.json", dir);
	return n > 0 && (size_t)n < size;
}

/* mkdir -p, each new level 0700; the anzhi directory itself made 0700 even
 * when it was there before (it holds tokens and the outbox). */
static int make_dir(const char *dir)
{
	char p[1024];
	snprintf(p, sizeof p, "%s", dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		return -1;
	return chmod(p, 0700);
}

int cli_session_save(const struct cli_session *s)
{
	char dir[1024], path[1100], tmp[1200];
	if (!state_dir(dir, sizeof dir) || !cli_session_path(path, sizeof path) ||
	    make_dir(dir) != 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "server", s->server,
			      "pin", s->pin, "cafile", s->cafile, "username", s->username, "role",
			      s->role, "token", s->token, "expires_at", (json_int_t)s->expires_at,
			      "idle_seconds", (json_int_t)s->idle_seconds);
	char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	int fd = text ? mkstemp(tmp) : -1;
	if (fd < 0) {
		free(text);
		return -1;
	}
	size_t len = strlen(text);
	bool ok = fchmod(fd, 0600) == 0 && write(fd, text, len) == (ssize_t)len &&
		  write(fd, "\n", 1) == 1;
	sodium_memzero(text, len);
	free(text);
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Copies member k of j into buf; false when it is not a string that fits. */
static bool copy_str(const json_t *j, const char *k, char *buf, size_t size)
{
	const char *v = json_string_value(json_object_get(j, k));
	if (!v || strlen(v) >= size)
		return false;
	memcpy(buf, v, strlen(v) + 1);
	return true;
}

enum cli_session_state cli_session_load(struct cli_session *s)
{
	char path[1100];
	memset(s, 0, sizeof *s);
	if (!cli_session_path(path, sizeof path))
		return CLI_SESSION_NONE;
	json_error_t jerr;
	json_t *j = json_load_file(path, 0, &jerr);
	if (!j)
		return access(path, F_OK) == 0 ? CLI_SESSION_BAD : CLI_SESSION_NONE;
	bool ok = copy_str(j, "server", s->server, sizeof s->server) &&
		  copy_str(j, "pin", s->pin, sizeof s->pin) &&
		  copy_str(j, "cafile", s->cafile, sizeof s->cafile) &&
		  copy_str(j, "username", s->username, sizeof s->username) &&
		  copy_str(j, "role", s->role, sizeof s->role) &&
		  copy_str(j, "token", s->token, sizeof s->token) && s->token[0] && s->server[0] &&
		  json_is_integer(json_object_get(j, "expires_at"));
	s->expires_at = json_integer_value(json_object_get(j, "expires_at"));
	s->idle_seconds = json_integer_value(json_object_get(j, "idle_seconds"));
	json_decref(j);
	if (!ok)
		return CLI_SESSION_BAD;
	return s->expires_at <= (long long)time(NULL) ? CLI_SESSION_EXPIRED : CLI_SESSION_OK;
}

int cli_session_remove(void)
{
	char path[1100];
	if (!cli_session_path(path, sizeof path))
		return -1;
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* "anzhi CMD: " + the translated template with {1} = arg. */
static void say(const char *cmd, const char *tmpl, const char *arg)
{
	char line[1400];
	const char *args[5] = { arg, NULL, NULL, NULL, NULL };
	i18n_subst(line, sizeof line, tmpl, args);
	fprintf(stderr, "anzhi %s: %s\n", cmd, line);
}

int cli_session_open(const char *cmd, struct cli_session *s, struct config *cfg)
{
	char path[1100] = "session.json", when[32] = "";
	cli_session_path(path, sizeof path);
	switch (cli_session_load(s)) {
	case CLI_SESSION_OK:
		break;
	case CLI_SESSION_NONE:
		say(cmd, _("not logged in: log in first with anzhi login USERNAME"), NULL);
		return -1;
	case CLI_SESSION_EXPIRED: {
		time_t t = (time_t)s->expires_at;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		say(cmd, _("the session expired at {1}: log in again with anzhi login"), when);
		return -1;
	}
	case CLI_SESSION_BAD:
		say(cmd, _("the kept session ({1}) is unreadable: log in again with anzhi login"),
		    path);
		return -1;
	}
	snprintf(cfg->server, sizeof cfg->server, "%s", s->server);
	snprintf(cfg->pin, sizeof cfg->pin, "%s", s->pin);
	snprintf(cfg->cafile, sizeof cfg->cafile, "%s", s->cafile);
	return 0;
}

int cli_session_call(struct cli_session *s, const struct config *cfg,
		     const struct cli_http_req *rq, struct cli_http *r)
{
	struct cli_http_req with = *rq;
	with.token = s->token;
	int rc = cli_http_call(cfg, &with, r);
	if (rc != 0)
		return rc;
	if (r->status == 401) {
		cli_session_remove();
	} else if (s->idle_seconds > 0) {
		s->expires_at = (long long)time(NULL) + s->idle_seconds;
		cli_session_save(s);
	}
	return rc;
}
