/* termgfx: pictures past curses.  The terminal is asked once what it can
 * draw (gfxcaps' query written straight to it; its answers read back within
 * a second, and the keys typed meanwhile handed back to curses); sixel and
 * kitty bytes are written at a cell after curses has updated the terminal,
 * and written again when curses may have painted over them. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "client/engine.h"
#include "ui/theme.h"

enum { ANSWER_WAIT_MS = 1000, DEFAULT_CELL_W = 10, DEFAULT_CELL_H = 20 };

static bool write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0 && (errno == EINTR || errno == EAGAIN)) {
			if (errno == EAGAIN) {
				struct pollfd pf = { STDOUT_FILENO, POLLOUT, 0 };
				poll(&pf, 1, 1000);
			}
			continue;
		}
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Writes the query and reads the answers until DA1's (the last) or the
 * time is up; bytes that are not answers go back to curses as typed. */
static void ask(const struct gfx_env *env, struct gfx_reply *r)
{
	char q[128], buf[4096], keys[4096];
	size_t n = gfxcaps_query(env, q, sizeof q), len = 0, nkeys = 0;
	if (!write_all(q, n))
		return;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (len < sizeof buf) {
		long left = ANSWER_WAIT_MS - ms_since(&t0);
		struct pollfd pf = { STDIN_FILENO, POLLIN, 0 };
		if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
			break;
		ssize_t got = read(STDIN_FILENO, buf + len, sizeof buf - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
		if (gfxcaps_parse(buf, len, false, r, keys, &nkeys))
			break;
	}
	gfxcaps_parse(buf, len, true, r, keys, &nkeys);
	while (nkeys > 0)   /* ungetch is a stack: last byte first */
		ungetch((unsigned char)keys[--nkeys]);
}

const struct app_graphics *app_graphics(struct app *a)
{
	if (a->gfx_known)
		return &a->gfx;
	a->gfx_known = true;
	struct gfx_env env = { getenv("TERM"), getenv("TERM_PROGRAM"), getenv("KITTY_WINDOW_ID"),
			       getenv("TMUX"), getenv("STY") };
	enum gfx_choice choice = GFX_AUTO;
	gfxcaps_choice(a->cfg.graphics, &choice);   /* checked when anzhi started */
	struct gfx_reply r = { 0 };
	/* only a real terminal is asked (not the tests' fake one) */
	if (gfxcaps_should_ask(choice, &env) && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		ask(&env, &r);
	a->gfx.mode = gfxcaps_decide(choice, &env, &r, theme_has_color());
	a->gfx.cell_w = r.cell_w;
	a->gfx.cell_h = r.cell_h;
	struct winsize ws;
	if ((a->gfx.cell_w <= 0 || a->gfx.cell_h <= 0) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_xpixel && ws.ws_ypixel && ws.ws_col && ws.ws_row) {
		a->gfx.cell_w = ws.ws_xpixel / ws.ws_col;
		a->gfx.cell_h = ws.ws_ypixel / ws.ws_row;
	}
	if (a->gfx.cell_w <= 0 || a->gfx.cell_h <= 0) {
		a->gfx.cell_w = DEFAULT_CELL_W;
		a->gfx.cell_h = DEFAULT_CELL_H;
	}
	return &a->gfx;
}

void app_write_at(struct app *a, int y, int x, const char *bytes, size_t n)
{
	(void)a;
	char move[40];
	/* DECSC/DECRC: curses finds the cursor and attributes as it left them */
	int m = snprintf(move, sizeof move, "\0337\033[%d;%dH", y + 1, x + 1);
	write_all(move, (size_t)m);
	write_all(bytes, n);
	write_all("\0338", 2);
}

void app_repaint_all(struct app *a)
{
	clearok(curscr, TRUE);
	a->overlay_stale = true;
}

void termgfx_after_update(struct app *a, struct view *top, bool cleared, bool covered)
{
	if (cleared)
		a->overlay_stale = true;
	if (!top || !top->scr->overlay)
		return;
	if (a->dialog.active || covered) {   /* the text stays readable over the picture */
		if (a->overlay_gen)
			a->overlay_stale = true;
		return;
	}
	bool repaint = a->overlay_stale || a->overlay_gen != top->gen;
	a->overlay_gen = top->scr->overlay(top, repaint) ? top->gen : 0;
	a->overlay_stale = false;
}
