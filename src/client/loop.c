/* loop: the client's one thread.  Waits in curl_multi_poll on curl's sockets,
 * the terminal and a self-pipe the signal handlers write to; after each wake-up
 * reads every pending key, runs the transfers, delivers replies, and redraws
 * once.  Owns the screen stack; the keys go to the prompt or dialog when one
 * is up (modal.c), else through the keymap to dispatch.c. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/scratch.h"
#include "base/xalloc.h"
#include "client/engine.h"
#include "client/settings.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { MIN_COLS = 80, MIN_ROWS = 24, DEAD_READS = 3 };

static volatile sig_atomic_t got_winch, got_term;
static int wake_fd = -1;

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGWINCH)
		got_winch = 1;
	else
		got_term = 1;
	if (wake_fd >= 0) {
		ssize_t r = write(wake_fd, "x", 1);
		(void)r;
	}
	errno = saved;
}

/* ------------------------------------------------------------ screen stack */

static struct view *top(struct app *a)
{
	return a->depth ? a->stack[a->depth - 1] : NULL;
}

struct view *app_view_below(struct view *v)
{
	struct app *a = v->app;
	for (int i = 1; i < a->depth; i++)
		if (a->stack[i] == v)
			return a->stack[i - 1];
	return NULL;
}

struct view *app_find_view(struct app *a, unsigned gen)
{
	for (int i = 0; i < a->depth; i++)
		if (a->stack[i]->gen == gen)
			return a->stack[i];
	return NULL;
}

static void pop(struct app *a)
{
	struct view *v = top(a);
	if (!v)
		return;
	/* off the stack first: a request the screen cancels while closing then
	 * finds no screen to deliver to */
	a->depth--;
	if (v->scr->close)
		v->scr->close(v);
	free(v->state);
	free(v);
	if (a->prompt.active && !app_find_view(a, a->prompt.gen) && a->prompt.gen)
		a->prompt.active = false;
	if (a->dialog.active && a->dialog.gen && !app_find_view(a, a->dialog.gen))
		a->dialog.active = false;
	struct view *under = top(a);
	if (under && under->scr->resume && !a->want_reset && !a->quit)
		under->scr->resume(under);
}

static void open_wanted(struct app *a)
{
	while (a->want) {
		if (a->want_reset && !leave_may(a, LEAVE_RESET, NULL))
			break;   /* asked first; leave.c keeps what was asked for */
		const struct screen *s = a->want;
		struct screen_args args = a->want_args;
		bool reset = a->want_reset;
		a->want = NULL;
		memset(&a->want_args, 0, sizeof a->want_args);
		if (reset)
			while (a->depth)
				pop(a);
		a->want_reset = false;
		if (a->depth == APP_MAX_STACK) {
			app_flash(a, true, "%s", _("Too many screens open"));
		} else {
			struct view *v = xcalloc(1, sizeof *v);
			v->scr = s;
			v->state = xcalloc(1, s->state_size ? s->state_size : 1);
			v->gen = ++a->next_gen;
			v->app = a;
			a->stack[a->depth++] = v;
			if (s->open && s->open(v, &args) != 0)
				pop(a);
		}
		json_decref(args.json);
		free((char *)args.text);
		free((char *)args.locked);
	}
}

void app_apply(struct app *a, struct view *v, unsigned h)
{
	/* unsaved changes are asked about first (leave.c) */
	if ((h & H_QUIT) && leave_may(a, LEAVE_QUIT, NULL))
		a->quit = true;
	if ((h & H_CLOSE) && v == top(a) && (a->depth > 1 || a->want) &&
	    leave_may(a, LEAVE_CLOSE, v))
		pop(a);
	open_wanted(a);
}

/* ------------------------------------------------------------ actions */

static void cancel_all(struct app *a)
{
	for (int i = 0; i < APP_MAX_REQS; i++)
		if (a->reqs[i].id && !a->reqs[i].fn)   /* the outbox's go on */
			api_cancel(a, a->reqs[i].id);
	app_flash(a, false, "%s", _("Cancelled"));
}

static void run_action(struct app *a, enum action act)
{
	struct view *v = top(a);
	if (!v)
		return;
	if ((act == ACT_CANCEL || act == ACT_BACK) && api_busy_foreground(a)) {
		cancel_all(a);
		return;
	}
	app_apply(a, v, dispatch_action(a, v, act));
}

/* ------------------------------------------------------------ keys */

static void handle_key(struct app *a, int code)
{
	if (code == KEYCODE_FN(KEY_RESIZE)) {
		a->full_redraw = true;
		return;
	}
	/* a flash stays until the user has had time to read it; the cursor
	 * leaves it at the first key */
	if (a->flash[0] && clock_now() - a->flash_at > 2.0)
		a->flash[0] = '\0';
	a->flash_hold = false;
	if (modal_key(a, code))   /* the prompt or the dialog takes every key */
		return;
	struct view *v = top(a);
	if (!v)
		return;
	if (a->nseq == 0 && v->scr->wants_text && v->scr->key && v->scr->wants_text(v) &&
	    field_is_edit_key(code)) {
		unsigned h = v->scr->key(v, code);
		if (!(h & H_UNKNOWN)) {
			app_apply(a, v, h);
			return;
		}
	}
	a->seq[a->nseq++] = code;
	enum action act = ACT_NONE;
	enum keymap_match m = keymap_lookup(a->keys, v->scr->name, a->seq, a->nseq, &act);
	if (m == KEYMAP_PREFIX && a->nseq < KEYMAP_MAX_SEQ)
		return;
	a->nseq = 0;
	if (m == KEYMAP_ACTION)
		run_action(a, act);
}

/* Whether Alt + code means something on the screen now. */
static bool meta_bound(struct app *a, int code)
{
	enum action act;
	int k[1] = { KEYCODE_META(code) };
	struct view *v = top(a);
	return v && !a->prompt.active && !a->dialog.active &&
	       keymap_lookup(a->keys, v->scr->name, k, 1, &act) != KEYMAP_NONE;
}

/* Reads every key ncurses has; false when the terminal is gone. */
static bool drain_keys(struct app *a, bool readable)
{
	static int dead;
	bool any = false;
	for (;;) {
		wint_t wch;
		int rc = get_wch(&wch);
		if (rc == ERR)
			break;
		any = true;
		int code = key_from_wch(rc, (unsigned)wch);
		if (code == KEYCODE_ESC) {
			/* an escape sequence ncurses did not know is one key (or
			 * none); Esc followed at once by a key is Alt + key */
			struct esc_read r;
			int i = 0;
			keyread_after_esc(&r);
			if (r.esc && r.n > 0 && meta_bound(a, r.codes[0]))
				handle_key(a, KEYCODE_META(r.codes[i++]));
			else if (r.esc)
				handle_key(a, KEYCODE_ESC);
			for (; i < r.n && !a->quit; i++)
				handle_key(a, r.codes[i]);
			continue;
		}
		handle_key(a, code);
		if (a->quit)
			break;
	}
	if (readable && !any) {
		/* readable yet nothing to read: EOF or EIO — the SSH link dropped */
		if (++dead >= DEAD_READS)
			return false;
	} else if (any)
		dead = 0;
	return true;
}

/* ------------------------------------------------------------ drawing */

static void draw_too_small(bool cursor_on_it)
{
	erase();
	const char *msg = _("Terminal too small: anzhi needs 80x24");
	char buf[256];
	text_fit(buf, sizeof buf, msg, COLS > 0 ? COLS : 1, 0);
	attrset(theme_attr(STYLE_ERROR));
	mvaddstr(LINES / 2, 0, buf);
	attrset(A_NORMAL);
	char size[64];
	snprintf(size, sizeof size, "%dx%d", COLS, LINES);
	mvaddstr(LINES / 2 + 1, 0, size);
	move(LINES / 2, 0);   /* the accessible mode's cursor: on the notice */
	curs_set(cursor_on_it ? 1 : 0);
	leaveok(stdscr, cursor_on_it ? FALSE : TRUE);
	wnoutrefresh(stdscr);
}

static void redraw(struct app *a)
{
	struct view *v = top(a);
	if (a->overlay_gen && (!v || v->gen != a->overlay_gen)) {
		/* pictures of a screen no longer on top: clearing the terminal
		 * wipes them (curses does not know they are there) */
		a->full_redraw = true;
		a->overlay_gen = 0;
	}
	bool cleared = a->full_redraw;
	if (a->full_redraw) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col &&
		    (ws.ws_row != LINES || ws.ws_col != COLS))
			resizeterm(ws.ws_row, ws.ws_col);
		clearok(curscr, TRUE);
		a->full_redraw = false;
	}
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		a->focus_y = LINES / 2;   /* the notice */
		a->focus_x = 0;
		draw_too_small(a->cursor_at_focus);
		doupdate();
		a->overlay_stale = true;
		return;
	}
	struct canvas c = { stdscr, 0, 0, LINES - 2, COLS, -1, -1, -1, -1 };
	if (v && v->scr->draw) {
		/* the screen repaints its area into the virtual screen; only the
		 * difference reaches the terminal */
		for (int y = 0; y < c.rows; y++) {
			move(y, 0);
			clrtoeol();
		}
		v->scr->draw(v, &c);
	}
	int fy = c.focus_y, fx = c.focus_x;
	modal_draw(a, &fy, &fx, false);   /* the dialog over the screen */
	int held = bars_draw(a, LINES, COLS);
	modal_draw(a, &fy, &fx, true);    /* the prompt over the hint bar */
	a->focus_y = fy;
	a->focus_x = fx;
	/* the terminal cursor: where text is typed (the prompt, a field), or in
	 * the accessible mode at the focus whatever it is — or on a new message
	 * until the next key, so that a screen reader says it */
	int cy = -1, cx = -1;
	if (a->cursor_at_focus && held >= 0 && !a->prompt.active) {
		cy = held;
		cx = 1;
	} else if (a->prompt.active || (a->cursor_at_focus && fy >= 0)) {
		cy = fy;
		cx = fx;
	} else if (c.cur_y >= 0 && !a->dialog.active) {
		cy = c.cur_y;
		cx = c.cur_x;
	}
	if (cy >= 0)
		move(cy, cx);
	curs_set(cy >= 0 ? 1 : 0);
	/* a hidden cursor need not be moved back anywhere: fewer bytes per update */
	leaveok(stdscr, cy < 0 ? TRUE : FALSE);
	wnoutrefresh(stdscr);
	doupdate();
	/* a message held over the screen (accessible mode) covers the picture as a dialog does */
	termgfx_after_update(a, v, cleared, held >= 0);
}

/* ------------------------------------------------------------ watched pipes */

bool app_watch(struct view *v, int fd)
{
	struct app *a = v->app;
	for (int i = 0; i < APP_MAX_WATCH; i++)
		if (a->watch[i].fd < 0) {
			a->watch[i].fd = fd;
			a->watch[i].gen = v->gen;
			return true;
		}
	return false;
}

void app_unwatch(struct app *a, int fd)
{
	for (int i = 0; i < APP_MAX_WATCH; i++)
		if (a->watch[i].fd == fd)
			a->watch[i].fd = -1;
}

/* The watched pipes with something to read, or closed, to their screens.
 * Asked with poll() here: curl_multi_poll does not report a hang-up. */
static void deliver_watched(struct app *a)
{
	struct pollfd pf[APP_MAX_WATCH];
	unsigned gen[APP_MAX_WATCH];
	int n = 0;
	for (int i = 0; i < APP_MAX_WATCH; i++)
		if (a->watch[i].fd >= 0) {
			pf[n] = (struct pollfd){ a->watch[i].fd, POLLIN, 0 };
			gen[n++] = a->watch[i].gen;
		}
	if (n == 0 || poll(pf, (nfds_t)n, 0) <= 0)
		return;
	for (int i = 0; i < n; i++) {
		if (!pf[i].revents)
			continue;
		struct view *v = app_find_view(a, gen[i]);
		if (v && v->scr->readable)
			v->scr->readable(v, pf[i].fd);
		else
			app_unwatch(a, pf[i].fd);   /* its screen is gone */
	}
}

/* ------------------------------------------------------------ set-up */

static void load_keys(struct app *a)
{
	struct keymap_diag d[4];
	char conflicts[300] = "";
	a->keys = keymap_set_new();
	int n = keymap_load_defaults(a->keys, d, 4);
	if (n > 0 && !conflicts[0])
		snprintf(conflicts, sizeof conflicts, "%s:%d: %s", d[0].origin, d[0].line, d[0].msg);
	if (a->cfg.keymap[0] && strcmp(a->cfg.keymap, "default") != 0) {
		n = keymap_load_named(a->keys, a->cfg.keymap, d, 4);
		if (n != 0 && !conflicts[0])
			snprintf(conflicts, sizeof conflicts, "%s: %s", a->cfg.keymap,
				 n < 0 || n > 0 ? d[0].msg : "");
	}
	char path[1024];
	if (config_path("keys", path, sizeof path)) {
		n = keymap_load_file(a->keys, path, d, 4);
		if (n > 0 && !conflicts[0])
			snprintf(conflicts, sizeof conflicts, "%s:%d: %s", d[0].origin, d[0].line,
				 d[0].msg);
	}
	if (conflicts[0])
		app_flash(a, true, _("Key bindings: %s"), conflicts);
}

static void term_init(void)
{
	set_escdelay(100);
	initscr();
	raw();          /* C-s, C-q, C-c reach us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	idlok(stdscr, TRUE);
	theme_init();
	curs_set(0);
}

static void install_signals(int fd)
{
	wake_fd = fd;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);   /* replaces ncurses' own: we resize in the loop */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

struct app *app_new(const struct config *cfg, const struct app_screens *screens, char *err,
		    size_t errsz)
{
	struct app *a = xcalloc(1, sizeof *a);
	a->cfg = *cfg;
	a->screens = *screens;
	if (pipe(a->selfpipe) != 0) {
		snprintf(err, errsz, "%s", strerror(errno));
		free(a);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(a->selfpipe[i], F_SETFL, O_NONBLOCK);
		fcntl(a->selfpipe[i], F_SETFD, FD_CLOEXEC);
	}
	for (int i = 0; i < APP_MAX_WATCH; i++)
		a->watch[i].fd = -1;
	if (!api_init(a)) {
		snprintf(err, errsz, "%s", _("cannot start the network layer"));
		close(a->selfpipe[0]);
		close(a->selfpipe[1]);
		free(a);
		return NULL;
	}
	load_keys(a);
	settings_from_config(a);
	return a;
}

/* Closes the screens from the top (the person form saves its draft). */
static void close_all(struct app *a)
{
	a->quit = true;
	leave_forget(a);
	while (a->depth)
		pop(a);
	app_want_clear(a);
}

void app_free(struct app *a)
{
	close_all(a);
	outbox_close(a);
	api_shutdown(a);
	scratch_remove();   /* downloaded materials go with the client, however it ends */
	keymap_set_free(a->keys);
	app_session_clear(&a->sess);
	msglog_free(&a->log);
	close(a->selfpipe[0]);
	close(a->selfpipe[1]);
	free(a);
}

void app_draw(struct app *a)
{
	redraw(a);
}

void app_settle(struct app *a)
{
	leave_poll(a);
	open_wanted(a);
}

void app_key(struct app *a, int code)
{
	handle_key(a, code);
	open_wanted(a);
}

void app_do(struct app *a, enum action act)
{
	run_action(a, act);
	open_wanted(a);
}

struct view *app_top(struct app *a)
{
	return top(a);
}

int app_run(const struct config *cfg, const struct app_screens *screens)
{
	char err[300];
	struct app *a = app_new(cfg, screens, err, sizeof err);
	if (!a) {
		fprintf(stderr, "anzhi: %s\n", err);
		return 1;
	}
	term_init();
	install_signals(a->selfpipe[1]);
	app_reset(a, a->screens.login, NULL);
	open_wanted(a);
	/* Chinese then shows as "??" (the layout intact): say why, in ASCII —
	 * no translation of this line could be shown where it is shown */
	if (!text_utf8())
		app_flash(a, false, "%s", N_("Not a UTF-8 locale: Chinese shows as ??; use e.g. LANG=zh_CN.UTF-8"));
	int rc = 0;
	while (!a->quit) {
		redraw(a);
		struct curl_waitfd fds[2 + APP_MAX_WATCH] = {
			{ .fd = STDIN_FILENO, .events = CURL_WAIT_POLLIN },
			{ .fd = a->selfpipe[0], .events = CURL_WAIT_POLLIN },
		};
		unsigned nfds = 2;
		for (int i = 0; i < APP_MAX_WATCH; i++)
			if (a->watch[i].fd >= 0)
				fds[nfds++] = (struct curl_waitfd){ .fd = a->watch[i].fd,
								    .events = CURL_WAIT_POLLIN };
		/* block while idle; tick for the spinner while a transfer runs, and
		 * wake for the outbox's next send or retry */
		int timeout = api_busy(a) ? 100 : -1, due = outbox_due_ms(a);
		if (due >= 0 && (timeout < 0 || due < timeout))
			timeout = due;
		if (net_wait(a->net, fds, nfds, timeout) < 0) {
			rc = 1;
			break;
		}
		if (fds[1].revents) {
			char buf[64];
			while (read(a->selfpipe[0], buf, sizeof buf) > 0)
				;
		}
		if (got_term)
			break;
		if (got_winch) {
			got_winch = 0;
			a->full_redraw = true;
		}
		bool readable = fds[0].revents & CURL_WAIT_POLLIN;
		if (!drain_keys(a, readable))
			break;   /* terminal gone */
		if (a->quit)
			break;
		net_perform(a->net);
		outbox_tick(a);
		deliver_watched(a);
		leave_poll(a);   /* a save asked for on the way out has answered */
		open_wanted(a);
		a->spin++;
	}
	if (!got_term && app_outbox_count(a, NULL) > 0) {
		/* decisions still to go: a few seconds for them, the rest next time */
		app_flash(a, false, "%s", _("Sending the outbox before leaving..."));
		redraw(a);
		outbox_flush(a, 5.0);
	}
	close_all(a);   /* while curses is up: a screen may still draw or flash */
	endwin();
	wake_fd = -1;
	app_free(a);
	return rc;
}
