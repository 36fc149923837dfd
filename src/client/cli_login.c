/* cli_login: `anzhi login [--server URL] [--pin PIN] [--cafile FILE] USERNAME`
 * and `anzhi logout` — the session the command-line verbs use (cli_session).
 * The server, pin and CA file come from the config file as for the
 * full-screen client, the flags over them. The password is read from the
 * terminal without echo, or as one line of standard input when that is not a
 * terminal — never from an argument (other users see arguments in ps). An
 * account with a second factor is asked for its code the same way (the next
 * line of standard input). After the login the federation's public document
 * keys (GET /keys) are kept for `anzhi verify` (keystore). */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "client/cli_session.h"
#include "client/cli_shared.h"
#include "client/keystore.h"
#include "screens/status.h"
#include "ui/text.h"

static const char login_usage[] = N_(
	"usage: anzhi login [--server URL] [--pin sha256//KEY] [--cafile FILE] USERNAME\n"
	"  Asks for the password (standard input when it is not a terminal) and keeps\n"
	"  the session for anzhi review and anzhi tax in $XDG_STATE_HOME/anzhi/.\n");
static const char logout_usage[] = N_(
	"usage: anzhi logout\n"
	"  Ends the kept session on the service and removes it.\n");

enum { SECRET_MAX = 256 };

/* One line of stdin without its line end; false at end of input or when empty. */
static bool read_line(char *buf, size_t size)
{
	if (!fgets(buf, (int)size, stdin))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf[0] != '\0';
}

/* A secret: typed at the terminal without echo, else the next line of stdin. */
static bool read_secret(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &old) != 0)
		return read_line(buf, size);
	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	bool ok = read_line(buf, size);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return ok;
}

static void say(const char *cmd, const char *tmpl, const char *a, const char *b, const char *c)
{
	char line[2400];
	const char *args[5] = { a, b, c, NULL, NULL };
	i18n_subst(line, sizeof line, tmpl, args);
	fprintf(stderr, "anzhi %s: %s\n", cmd, line);
}

struct login_opts {
	struct config cfg;
	const char *username;
};

/* 0 parsed; -1 help printed; else the exit status. */
static int parse_login(int argc, char **argv, struct login_opts *o)
{
	struct config_error ferr = { 0 };
	memset(o, 0, sizeof *o);
	config_load(&o->cfg, &ferr);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		char *field = NULL;
		size_t size = 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(_(login_usage), stdout);
			return -1;
		}
		if (a[0] != '-') {
			if (o->username)
				return cli_usage_error("login", a, _("one user name only: {2}"), NULL);
			o->username = a;
			continue;
		}
		if (strcmp(a, "--server") == 0)
			field = o->cfg.server, size = sizeof o->cfg.server;
		else if (strcmp(a, "--pin") == 0)
			field = o->cfg.pin, size = sizeof o->cfg.pin;
		else if (strcmp(a, "--cafile") == 0)
			field = o->cfg.cafile, size = sizeof o->cfg.cafile;
		else if (strcmp(a, "--password") == 0)
			return cli_usage_error("login", a,
					       _("{2}: the password is never an argument; it is "
						 "asked for, or read from standard input"),
					       NULL);
		else
			return cli_usage_error("login", a, _("unknown option {2}"), NULL);
		if (i + 1 >= argc || !argv[i + 1][0])
			return cli_usage_error("login", a, _("option {2} needs a value"), NULL);
		snprintf(field, size, "%s", argv[++i]);
	}
	if (!o->username || strlen(o->username) > 60)
		return cli_usage_error("login", "", _("usage: anzhi login [--server URL] [--pin PIN] USERNAME"),
				       NULL);
	if (!o->cfg.server[0])
		return cli_usage_error("login", "--server",
				       _("{2} URL is needed, or 'server =' in the config file"), NULL);
	return 0;
}

/* POST /sessions with the password (and second-factor code); the body is wiped. */
static int post_session(const struct config *cfg, const char *user, const char *pass,
			const char *totp, struct cli_http *r)
{
	json_t *j = json_pack("{s:s, s:s}", "username", user, "password", pass);
	if (totp)
		json_object_set_new(j, "totp", json_string(totp));
	char *body = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!body)
		return -1;
	int rc = cli_http_call(cfg, &(struct cli_http_req){ .method = "POST", .path = "/sessions",
							    .body = body },
			       r);
	sodium_memzero(body, strlen(body));
	free(body);
	return rc;
}

/* The problem's `code` ("" when none); valid until the next call. */
static const char *problem_code(const struct cli_http *r)
{
	static char code[64];
	json_t *p = json_loadb(r->body, r->len, 0, NULL);
	const char *c = json_string_value(json_object_get(p, "code"));
	snprintf(code, sizeof code, "%s", c ? c : "");
	json_decref(p);
	return code;
}

/* The session from a 201 answer, kept; then the document keys. */
static int keep_session(const struct login_opts *o, const struct cli_http *r)
{
	json_t *j = json_loadb(r->body, r->len, 0, NULL);
	const char *token = json_string_value(json_object_get(j, "token"));
	json_int_t idle = json_integer_value(json_object_get(j, "expires_in"));
	const json_t *user = json_object_get(j, "user");
	struct cli_session s = { 0 };
	char path[1100] = "", when[32] = "";
	if (!token || strlen(token) >= sizeof s.token || idle <= 0) {
		json_decref(j);
		say("login", _("the service's answer holds no session"), NULL, NULL, NULL);
		return CLI_INVALID;
	}
	snprintf(s.server, sizeof s.server, "%s", o->cfg.server);
	snprintf(s.pin, sizeof s.pin, "%s", o->cfg.pin);
	snprintf(s.cafile, sizeof s.cafile, "%s", o->cfg.cafile);
	snprintf(s.username, sizeof s.username, "%s", o->username);
	const char *role = json_string_value(json_object_get(user, "role"));
	snprintf(s.role, sizeof s.role, "%s", role ? role : "");
	snprintf(s.token, sizeof s.token, "%s", token);
	s.idle_seconds = idle;
	s.expires_at = (long long)time(NULL) + idle;
	bool totp_missing = json_is_true(json_object_get(user, "totp_required")) &&
			    !json_is_true(json_object_get(user, "totp"));
	char *name = text_clean(json_string_value(json_object_get(user, "display_name")) ?
			json_string_value(json_object_get(user, "display_name")) : o->username);
	json_decref(j);
	cli_session_path(path, sizeof path);
	if (cli_session_save(&s) != 0) {
		say("login", _("cannot keep the session in {1}"), path, NULL, NULL);
		free(name);
		sodium_memzero(&s, sizeof s);
		return CLI_INVALID;
	}
	time_t t = (time_t)s.expires_at;
	struct tm tm;
	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char *user_name = text_clean(o->username);
	const char *args[5] = { user_name, name, role_label(wire_role_parse(s.role)), when, NULL };
	char line[1200];
	i18n_subst(line, sizeof line,
		   _("Logged in as {1} ({2}, {3}); the session lasts until {4}, longer while used."),
		   args);
	free(user_name);
	printf("%s\n", line);
	free(name);
	sodium_memzero(&s, sizeof s);
	if (totp_missing)
		say("login", _("your role needs a second factor: set it up in anzhi before other work"),
		    NULL, NULL, NULL);

	struct cli_http k;
	json_t *keys = NULL;
	if (cli_http_get(&o->cfg, "/keys", &k) == 0 && k.status == 200)
		keys = json_loadb(k.body, k.len, 0, NULL);
	if (!keys || keystore_save(keys) != 0)
		say("login", _("the federation's document keys could not be kept; anzhi verify will "
			       "fetch them when it needs them"),
		    NULL, NULL, NULL);
	json_decref(keys);
	cli_http_free(&k);
	return CLI_OK;
}

int cli_login(int argc, char **argv)
{
	struct login_opts o;
	char pass[SECRET_MAX], code[64];
	struct cli_http r;
	int st = parse_login(argc, argv, &o);
	if (st)
		return st < 0 ? CLI_OK : st;
	if (!read_secret(_("Password: "), pass, sizeof pass)) {
		say("login", _("no password given (type it, or give it as one line of standard input)"),
		    NULL, NULL, NULL);
		return CLI_USAGE;
	}
	int rc = post_session(&o.cfg, o.username, pass, NULL, &r);
	bool code_sent = false;
	if (rc == 0 && r.status == 401 && strcmp(problem_code(&r), "totp_required") == 0) {
		cli_http_free(&r);
		if (!read_secret(_("Second-factor code: "), code, sizeof code)) {
			sodium_memzero(pass, sizeof pass);
			say("login", _("this account needs a second-factor code: type it when asked, or "
				       "give it on the line after the password"),
			    NULL, NULL, NULL);
			return CLI_INVALID;
		}
		rc = post_session(&o.cfg, o.username, pass, code, &r);
		sodium_memzero(code, sizeof code);
		code_sent = true;
	}
	sodium_memzero(pass, sizeof pass);
	if (rc == 0 && r.status == 201) {
		st = keep_session(&o, &r);
	} else if (rc == 0 && r.status == 401) {
		/* after a code, the password was right: the service said totp_required */
		say("login", code_sent ? _("the second-factor code was not accepted")
					: _("wrong user name or password"),
		    NULL, NULL, NULL);
		st = CLI_INVALID;
	} else {
		st = cli_refused("login", &r);
	}
	cli_http_free(&r);
	return st;
}

int cli_logout(int argc, char **argv)
{
	struct cli_session s;
	struct config cfg = { 0 };
	struct cli_http r;
	if (argc > 2) {
		if (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0) {
			fputs(_(logout_usage), stdout);
			return CLI_OK;
		}
		return cli_usage_error("logout", argv[2], _("unknown option {2}"), NULL);
	}
	enum cli_session_state state = cli_session_load(&s);
	if (state == CLI_SESSION_NONE) {
		say("logout", _("not logged in"), NULL, NULL, NULL);
		return CLI_OK;
	}
	int st = CLI_OK;
	if (state == CLI_SESSION_OK) {
		snprintf(cfg.server, sizeof cfg.server, "%s", s.server);
		snprintf(cfg.pin, sizeof cfg.pin, "%s", s.pin);
		snprintf(cfg.cafile, sizeof cfg.cafile, "%s", s.cafile);
		int rc = cli_http_call(&cfg, &(struct cli_http_req){ .method = "DELETE",
								    .path = "/sessions/current",
								    .token = s.token },
				       &r);
		/* 401: the service had ended it already */
		if (rc != 0 || (r.status != 204 && r.status != 200 && r.status != 401)) {
			st = cli_refused("logout", &r);
			say("logout", _("the session may stay valid on the service until it expires"),
			    NULL, NULL, NULL);
		}
		cli_http_free(&r);
	}
	sodium_memzero(&s, sizeof s);
	if (cli_session_remove() != 0) {
		say("logout", _("cannot remove the kept session"), NULL, NULL, NULL);
		return CLI_INVALID;
	}
	if (st == CLI_OK)
		printf("%s\n", _("Logged out."));
	return st;
}
