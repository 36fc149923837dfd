/* gfxcaps: the graphics decision and the parsing of the terminal's replies.
 * The replies: DA1 "ESC [ ? 62 ; 4 c" (4 = sixel), the cell size
 * "ESC [ 6 ; H ; W t", kitty's "ESC _ G i=31;OK ESC \". */
#include "ui/gfxcaps.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *word;
	enum gfx_choice choice;
} choices[] = {
	{ "auto", GFX_AUTO },          { "sixel", GFX_FORCE_SIXEL }, { "kitty", GFX_FORCE_KITTY },
	{ "symbols", GFX_FORCE_SYMBOLS }, { "none", GFX_FORCE_NONE },
};

bool gfxcaps_choice(const char *word, enum gfx_choice *out)
{
	if (!word || !*word) {
		*out = GFX_AUTO;
		return true;
	}
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		if (strcmp(choices[i].word, word) == 0) {
			*out = choices[i].choice;
			return true;
		}
	return false;
}

const char *gfxcaps_mode_name(enum gfx_mode m)
{
	static const char *const names[] = { "none", "symbols", "sixel", "kitty" };
	return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "none";
}

static bool starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* tmux and screen answer DA1 themselves and pass no kitty graphics */
static bool multiplexed(const struct gfx_env *env)
{
	return (env->tmux && *env->tmux) || (env->sty && *env->sty) || starts(env->term, "screen") ||
	       starts(env->term, "tmux");
}

bool gfxcaps_should_ask(enum gfx_choice c, const struct gfx_env *env)
{
	if (c != GFX_AUTO)
		return false;
	return env->term && *env->term && strcmp(env->term, "dumb") != 0 &&
	       !starts(env->term, "linux") && !starts(env->term, "vt100") && !starts(env->term, "vt220");
}

size_t gfxcaps_query(const struct gfx_env *env, char *buf, size_t bufsz)
{
	int n = snprintf(buf, bufsz, "%s\033[16t\033[c",
			 multiplexed(env) ? "" : "\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\");
	return n < 0 ? 0 : (size_t)n < bufsz ? (size_t)n : bufsz - 1;
}

/* The numbers of a parameter list "62;4;22" (at most max). */
static int params(const char *s, size_t n, int *out, int max)
{
	int k = 0;
	long v = 0;
	bool any = false;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == ';') {
			if (k < max)
				out[k++] = any ? (int)v : 0;
			v = 0;
			any = false;
		} else if (v < 100000) {
			v = v * 10 + (s[i] - '0');
			any = true;
		}
	}
	return k;
}

static void keep(char *keys, size_t *nk, const char *p, size_t n)
{
	memcpy(keys + *nk, p, n);
	*nk += n;
}

/* A CSI reply at buf[i] (ESC [ …): its length, or 0 when cut short. */
static size_t csi(const char *buf, size_t n, size_t i, struct gfx_reply *r, bool *is_reply,
		  bool *da1)
{
	size_t j = i + 2;
	bool priv = j < n && buf[j] == '?';
	if (priv)
		j++;
	size_t p0 = j;
	while (j < n && (isdigit((unsigned char)buf[j]) || buf[j] == ';'))
		j++;
	if (j >= n)
		return 0;
	int v[16];
	int k = params(buf + p0, j - p0, v, 16);
	*is_reply = true;
	if (priv && buf[j] == 'c') {
		*da1 = true;
		for (int x = 1; x < k; x++)   /* the first is the terminal's class */
			r->sixel = r->sixel || v[x] == 4;
	} else if (!priv && buf[j] == 't' && k == 3 && v[0] == 6 && v[1] > 0 && v[2] > 0) {
		r->cell_h = v[1];
		r->cell_w = v[2];
	} else
		*is_reply = false;
	return j + 1 - i;
}

/* An APC string at buf[i] (ESC _ … ESC \): its length, or 0 when cut short. */
static size_t apc(const char *buf, size_t n, size_t i, struct gfx_reply *r)
{
	for (size_t j = i + 2; j + 1 < n; j++)
		if (buf[j] == '\033' && buf[j + 1] == '\\') {
			const char *body = buf + i + 2;
			size_t len = j - (i + 2);
			if (len > 0 && body[0] == 'G' && memmem(body, len, ";OK", 3))
				r->kitty = true;
			return j + 2 - i;
		}
	return 0;
}

bool gfxcaps_parse(const char *buf, size_t n, bool at_end, struct gfx_reply *r, char *keys,
		   size_t *nkeys)
{
	memset(r, 0, sizeof *r);
	*nkeys = 0;
	bool done = false;
	size_t i = 0;
	while (i < n) {
		if (buf[i] != '\033') {
			keep(keys, nkeys, buf + i++, 1);
			continue;
		}
		size_t len = 0;
		bool reply = false;
		if (i + 1 < n && buf[i + 1] == '[') {
			len = csi(buf, n, i, r, &reply, &done);
		} else if (i + 1 < n && buf[i + 1] == '_') {
			len = apc(buf, n, i, r);
			reply = len > 0;
		} else if (i + 1 < n) {
			len = 1;   /* Esc, or Alt + a key */
		}
		if (len == 0) {   /* cut short */
			if (at_end)
				keep(keys, nkeys, buf + i, n - i);
			break;
		}
		if (!reply)
			keep(keys, nkeys, buf + i, len);
		i += len;
	}
	r->da1 = done;
	return done;
}

enum gfx_mode gfxcaps_decide(enum gfx_choice c, const struct gfx_env *env,
			     const struct gfx_reply *r, bool color)
{
	switch (c) {
	case GFX_FORCE_SIXEL:
		return GFX_SIXEL;
	case GFX_FORCE_KITTY:
		return GFX_KITTY;
	case GFX_FORCE_SYMBOLS:
		return color ? GFX_SYMBOLS : GFX_NONE;
	case GFX_FORCE_NONE:
		return GFX_NONE;
	case GFX_AUTO:
		break;
	}
	if (multiplexed(env)) {
		/* the outer terminal's variables are stale in here: only the
		 * multiplexer's own answer counts */
		if (r->sixel)
			return GFX_SIXEL;
	} else if (r->kitty) {
		return GFX_KITTY;
	} else if (r->sixel) {
		return GFX_SIXEL;
	} else if (!r->da1) {
		/* no answer in time (a slow link): the terminal's name */
		if ((env->kitty_window_id && *env->kitty_window_id) || starts(env->term, "xterm-kitty"))
			return GFX_KITTY;
		if (starts(env->term, "foot") || starts(env->term, "mlterm") ||
		    starts(env->term, "contour") || starts(env->term_program, "WezTerm"))
			return GFX_SIXEL;
	}
	return color ? GFX_SYMBOLS : GFX_NONE;
}
