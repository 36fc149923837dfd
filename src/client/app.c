/* app: the services the engine offers to screens (app.h) — the session, flash
 * messages, pushing screens, asking for a prompt or a confirmation, running an
 * external program with the terminal.  The loop (loop.c) acts on what these
 * record after each handler returns. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/bell.h"
#include "client/engine.h"
#include "ui/text.h"
#include "ui/theme.h"


struct session *app_session(struct app *a)
{
	return &a->sess;
}

const char *app_server(struct app *a)
{
	return a->cfg.server;
}

struct keymap_set *app_keymap(struct app *a)
{
	return a->keys;
}

static char *dup_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? text_clean(s) : NULL;
}

void app_set_user(struct app *a, const json_t *user, const char *token)
{
	struct session *s = &a->sess;
	if (token) {
		if (s->token)
			sodium_memzero(s->token, strlen(s->token));
		free(s->token);
		s->token = xstrdup(token);
	}
	free(s->username);
	free(s->display_name);
	free(s->role);
	free(s->unit);
	free(s->unit_name);
	free(s->region);
	s->username = dup_str(user, "username");
	s->display_name = dup_str(user, "display_name");
	s->role = dup_str(user, "role");
	s->unit = dup_str(user, "unit");
	s->unit_name = dup_str(user, "unit_name");
	s->region = dup_str(user, "region");
	s->year = (int)json_integer_value(json_object_get(user, "year"));
	s->unread = (int)json_integer_value(json_object_get(user, "unread_notices"));
	if (token)   /* a new session: its user's outbox (what a last session left goes now) */
		outbox_open(a);
}

void app_session_clear(struct session *s)
{
	if (s->token)
		sodium_memzero(s->token, strlen(s->token));
	free(s->token);
	free(s->username);
	free(s->display_name);
	free(s->role);
	free(s->unit);
	free(s->unit_name);
	free(s->region);
	memset(s, 0, sizeof *s);
}

void app_flash(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->flash, sizeof a->flash, fmt, ap);
	va_end(ap);
	a->flash_error = error;
	a->flash_at = clock_now();
	a->flash_hold = true;
	msglog_add(&a->log, time(NULL), error ? MSG_ERROR : MSG_INFO, a->flash);
	/* one ring for a burst of errors (a bulk action's refusals) */
	if (error && a->bell && a->flash_at - a->bell_at > 1.0) {
		bell_ring(a->cfg.bell_command);
		a->bell_at = a->flash_at;
	}
}

void app_log_detail(struct app *a, const char *fmt, ...)
{
	char line[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	msglog_add(&a->log, time(NULL), MSG_DETAIL, line);
}

char *app_messages_text(struct app *a)
{
	return msglog_text(&a->log);
}

void app_set_accessible(struct app *a, bool on)
{
	a->cursor_at_focus = on;
	theme_set_spoken(on);   /* the tables' marks read as words from the next draw */
}

static void want(struct app *a, const struct screen *s, const struct screen_args *args, bool reset)
{
	if (a->want_args.json)
		json_decref(a->want_args.json);
	free((char *)a->want_args.text);
	free((char *)a->want_args.locked);
	a->want = s;
	a->want_reset = reset;
	memset(&a->want_args, 0, sizeof a->want_args);
	if (args) {
		a->want_args.id = args->id;
		a->want_args.year = args->year;
		a->want_args.text = args->text ? xstrdup(args->text) : NULL;
		a->want_args.json = args->json ? json_incref(args->json) : NULL;
		a->want_args.locked = args->locked ? xstrdup(args->locked) : NULL;
	}
}

void app_push(struct app *a, const struct screen *s, const struct screen_args *args)
{
	want(a, s, args, false);
}

void app_reset(struct app *a, const struct screen *s, const struct screen_args *args)
{
	want(a, s, args, true);
}

void app_prompt(struct view *v, int tag, const char *label, const char *init, unsigned flags)
{
	struct app *a = v->app;
	a->prompt.active = true;
	a->prompt.gen = v->gen;
	a->prompt.tag = tag;
	a->prompt.flags = flags;
	snprintf(a->prompt.label, sizeof a->prompt.label, "%s", label);
	field_init(&a->prompt.f, "", "", (flags & PROMPT_MASKED) ? FIELD_MASKED : FIELD_TEXT);
	field_set(&a->prompt.f, init ? init : "");
}

void app_confirm(struct view *v, int tag, const char *question)
{
	struct app *a = v->app;
	a->dialog.active = true;
	a->dialog.gen = v->gen;
	a->dialog.tag = tag;
	snprintf(a->dialog.question, sizeof a->dialog.question, "%s", question);
}

const char *app_keys_for(struct view *v, enum action act, char *buf, size_t bufsz)
{
	return app_keys_on(v->app, v->scr, act, buf, bufsz);
}

const char *app_keys_on(struct app *a, const struct screen *s, enum action act, char *buf,
			size_t bufsz)
{
	keymap_first_key_for(a->keys, s->name, act, buf, bufsz);
	return buf;
}

int app_run_external(struct app *a, char *const argv[])
{
	def_prog_mode();
	endwin();
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	a->full_redraw = true;
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void app_want_clear(struct app *a)
{
	want(a, NULL, NULL, false);
}

int app_page_size(struct app *a)
{
	long n = a->cfg.page_size[0] ? strtol(a->cfg.page_size, NULL, 10) : 200;
	return n < 1 ? 1 : n > 500 ? 500 : (int)n;
}

long long app_upload_limit(struct app *a)
{
	long long mb = a->cfg.upload_limit_mb[0] ? strtoll(a->cfg.upload_limit_mb, NULL, 10) : 100;
	return (mb > 0 ? mb : 100) * 1024 * 1024;
}
