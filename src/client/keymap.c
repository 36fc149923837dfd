/* keymap: the parser and lookups behind every key binding.  One parser reads
 * the compiled-in keymaps, the user's file and `:bind`; bindings live in one
 * array tagged with their screen and source, so a later source overrides an
 * earlier one while clashes inside one source are reported, never silently
 * resolved. */
#include "client/keymap.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/keymap_keys.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The compiled-in keymaps (build/gen/keymaps.c, from keymaps/ *.keys by
 * scripts/embed.sh). */
extern const char keymap_text_default[];
extern const char keymap_text_vi[];
extern const char keymap_text_emacs[];

static const char *const screen_names[] = {
#define KEYMAP_SCREEN(n) n,
#include "client/keymap.def"
#undef KEYMAP_SCREEN
};
enum { N_SCREENS = sizeof screen_names / sizeof *screen_names, GENERIC = 0 };

struct binding {
	int keys[KEYMAP_MAX_SEQ];
	int nkeys;
	int screen;
	enum action act;   /* ACT_NONE: unbound here, shadowing generic */
	int source;
	int line;
	bool dead;
};

struct alias { char word[32]; enum action act; };

struct keymap_set {
	struct binding *b;
	size_t n, cap;
	struct alias *al;
	size_t nal, capal;
	int sources;
};

/* ---------------------------------------------------------------- screens */

static int screen_index(const char *name)
{
	for (int i = 0; name && i < N_SCREENS; i++)
		if (strcmp(screen_names[i], name) == 0)
			return i;
	return -1;
}

bool keymap_screen_known(const char *screen) { return screen_index(screen) >= 0; }
int keymap_screen_count(void) { return N_SCREENS; }
const char *keymap_screen_name(int i) { return i >= 0 && i < N_SCREENS ? screen_names[i] : NULL; }

/* Appends s to buf at *len when it fits whole; false when it does not. */
static bool append(char *buf, size_t bufsz, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (!buf || *len + n + 1 > bufsz)
		return false;
	memcpy(buf + *len, s, n + 1);
	*len += n;
	return true;
}

/* ---------------------------------------------------------------- the set */

struct keymap_set *keymap_set_new(void)
{
	return xcalloc(1, sizeof(struct keymap_set));
}

void keymap_set_free(struct keymap_set *ks)
{
	if (!ks)
		return;
	free(ks->b);
	free(ks->al);
	free(ks);
}

struct diagctx {
	struct keymap_diag *d;
	int max, n, line;
	const char *origin;
};

__attribute__((format(printf, 2, 3)))
static void diag(struct diagctx *dc, const char *fmt, ...)
{
	if (dc->d && dc->n < dc->max) {
		struct keymap_diag *d = &dc->d[dc->n];
		snprintf(d->origin, sizeof d->origin, "%s", dc->origin);
		d->line = dc->line;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(d->msg, sizeof d->msg, fmt, ap);
		va_end(ap);
	}
	dc->n++;
}

enum relation { REL_NONE, REL_EQUAL, REL_PREFIX };  /* PREFIX: one starts the other */

static enum relation relate(const int *a, int na, const int *b, int nb)
{
	int n = na < nb ? na : nb;
	if (memcmp(a, b, (size_t)n * sizeof *a) != 0)
		return REL_NONE;
	return na == nb ? REL_EQUAL : REL_PREFIX;
}

static void push(struct keymap_set *ks, const struct binding *nb)
{
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? 2 * ks->cap : 64;
		ks->b = xrealloc(ks->b, ks->cap * sizeof *ks->b);
	}
	ks->b[ks->n++] = *nb;
}

static void bind_keys(struct keymap_set *ks, struct diagctx *dc, const struct binding *nb)
{
	/* Inside one source a clash is the author's mistake: report, keep the first. */
	for (size_t i = 0; i < ks->n; i++) {
		const struct binding *e = &ks->b[i];
		if (e->dead || e->screen != nb->screen || e->source != nb->source || e->act == ACT_NONE)
			continue;
		enum relation r = relate(e->keys, e->nkeys, nb->keys, nb->nkeys);
		if (r == REL_NONE)
			continue;
		char en[64], nn[64];
		keymap_key_name(e->keys, e->nkeys, en, sizeof en);
		keymap_key_name(nb->keys, nb->nkeys, nn, sizeof nn);
		if (r == REL_EQUAL)
			diag(dc, _("conflict: %s in %s is already bound to %s on line %d"), nn,
			     screen_names[nb->screen], action_name(e->act), e->line);
		else
			diag(dc, _("conflict: %s and %s (line %d) in %s: one is a prefix of the other; "
			     "the first is kept"), nn, en, e->line, screen_names[nb->screen]);
		return;
	}
	/* An earlier source (the defaults, under the user's file) gives way. */
	for (size_t i = 0; i < ks->n; i++) {
		struct binding *e = &ks->b[i];
		if (!e->dead && e->screen == nb->screen &&
		    relate(e->keys, e->nkeys, nb->keys, nb->nkeys) != REL_NONE)
			e->dead = true;
	}
	push(ks, nb);
}

static void unbind_keys(struct keymap_set *ks, struct binding *nb)
{
	for (size_t i = 0; i < ks->n; i++) {
		struct binding *e = &ks->b[i];
		if (!e->dead && e->screen == nb->screen &&
		    relate(e->keys, e->nkeys, nb->keys, nb->nkeys) == REL_EQUAL)
			e->dead = true;
	}
	/* In a screen, unbinding also hides the generic binding of those keys. */
	if (nb->screen != GENERIC) {
		nb->act = ACT_NONE;
		push(ks, nb);
	}
}

static void add_alias(struct keymap_set *ks, const char *word, enum action a)
{
	for (size_t i = 0; i < ks->nal; i++)
		if (strcmp(ks->al[i].word, word) == 0) {
			ks->al[i].act = a;
			return;
		}
	if (ks->nal == ks->capal) {
		ks->capal = ks->capal ? 2 * ks->capal : 16;
		ks->al = xrealloc(ks->al, ks->capal * sizeof *ks->al);
	}
	snprintf(ks->al[ks->nal].word, sizeof ks->al[ks->nal].word, "%s", word);
	ks->al[ks->nal++].act = a;
}

/* One statement, already split into words. */
static void load_statement(struct keymap_set *ks, struct diagctx *dc, int source,
			   char **w, int nw)
{
	const char *cmd = w[0];
	bool is_bind = strcmp(cmd, "bind") == 0, is_unbind = strcmp(cmd, "unbind") == 0;

	if (strcmp(cmd, "alias") == 0) {
		if (nw != 3) {
			diag(dc, _("usage: alias <word> <action>"));
			return;
		}
		enum action a = action_by_name(w[2]);
		if (a == ACT_NONE)
			diag(dc, _("unknown action '%.60s'"), w[2]);
		else if (strlen(w[1]) >= sizeof ks->al->word)
			diag(dc, _("alias '%.40s…' is too long"), w[1]);
		else
			add_alias(ks, w[1], a);
		return;
	}
	if (!is_bind && !is_unbind) {
		diag(dc, _("unknown command '%.60s' (bind, unbind, alias)"), cmd);
		return;
	}
	if (nw != (is_bind ? 4 : 3)) {
		diag(dc, "%s", is_bind ? _("usage: bind <screen> <keys> <action>")
				       : _("usage: unbind <screen> <keys>"));
		return;
	}
	struct binding nb = { .source = source, .line = dc->line };
	nb.screen = screen_index(w[1]);
	if (nb.screen < 0) {
		diag(dc, _("unknown screen '%.60s'"), w[1]);
		return;
	}
	char err[160];
	nb.nkeys = keymap_parse_keys_err(w[2], nb.keys, KEYMAP_MAX_SEQ, err, sizeof err);
	if (nb.nkeys < 0) {
		diag(dc, "%s", err);
		return;
	}
	if (is_bind && strcmp(w[3], "none") != 0) {
		nb.act = action_by_name(w[3]);
		if (nb.act == ACT_NONE) {
			diag(dc, _("unknown action '%.60s'"), w[3]);
			return;
		}
		bind_keys(ks, dc, &nb);
	} else {
		unbind_keys(ks, &nb);
	}
}

int keymap_set_load(struct keymap_set *ks, const char *text, const char *origin,
		    struct keymap_diag *diags, int max_diags)
{
	struct diagctx dc = { diags, max_diags, 0, 0, origin ? origin : "?" };
	if (!ks || !text)
		return 0;
	int source = ++ks->sources;

	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		dc.line++;
		char line[512];
		if (len >= sizeof line) {
			diag(&dc, _("line too long"));
		} else {
			memcpy(line, p, len);
			line[len] = '\0';
			char *w[6], *save = NULL;
			int nw = 0;
			for (char *t = strtok_r(line, " \t\r", &save); t && nw < 6;
			     t = strtok_r(NULL, " \t\r", &save)) {
				if (t[0] == '#')
					break;
				w[nw++] = t;
			}
			if (nw > 0)
				load_statement(ks, &dc, source, w, nw);
		}
		p += len + (eol ? 1 : 0);
	}
	return dc.n;
}

const char *keymap_builtin_text(const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "default") == 0)
		return keymap_text_default;
	if (strcmp(name, "vi") == 0)
		return keymap_text_vi;
	if (strcmp(name, "emacs") == 0)
		return keymap_text_emacs;
	return NULL;
}

int keymap_load_defaults(struct keymap_set *ks, struct keymap_diag *d, int max)
{
	return keymap_set_load(ks, keymap_text_default, "default.keys", d, max);
}

int keymap_load_named(struct keymap_set *ks, const char *name, struct keymap_diag *d, int max)
{
	const char *text = keymap_builtin_text(name);
	if (!text) {
		struct diagctx dc = { d, max, 0, 0, "keymap" };
		diag(&dc, _("unknown keymap '%.40s' (default, vi, emacs)"), name ? name : "");
		return -1;
	}
	char origin[64];
	snprintf(origin, sizeof origin, "%s.keys", name);
	return keymap_set_load(ks, text, origin, d, max);
}

enum { KEYS_FILE_MAX = 1 << 20 };

int keymap_load_file(struct keymap_set *ks, const char *path, struct keymap_diag *d, int max)
{
	struct diagctx dc = { d, max, 0, 0, path ? path : "?" };
	char *text = file_read_all(path, KEYS_FILE_MAX, NULL);
	if (!text) {
		if (path && errno == ENOENT)
			return 0;
		if (errno == EFBIG)
			diag(&dc, _("file is larger than %d MB"), KEYS_FILE_MAX >> 20);
		else
			diag(&dc, _("cannot read: %s"), strerror(errno));
		return dc.n;
	}
	dc.n = keymap_set_load(ks, text, path, d, max);
	free(text);
	return dc.n;
}

/* ---------------------------------------------------------------- lookups */

/* The match in one screen's own map; *shadow when it unbinds the keys. */
static enum keymap_match lookup_in(const struct keymap_set *ks, int screen, const int *keys,
				   int nkeys, enum action *out, bool *shadow)
{
	const struct binding *exact = NULL;
	bool prefix = false;
	for (size_t i = 0; i < ks->n; i++) {
		const struct binding *e = &ks->b[i];
		if (e->dead || e->screen != screen)
			continue;
		if (e->nkeys == nkeys && relate(e->keys, e->nkeys, keys, nkeys) == REL_EQUAL)
			exact = e;
		else if (e->nkeys > nkeys && e->act != ACT_NONE &&
			 relate(e->keys, e->nkeys, keys, nkeys) == REL_PREFIX)
			prefix = true;
	}
	if (exact && exact->act != ACT_NONE) {
		*out = exact->act;
		return KEYMAP_ACTION;
	}
	if (prefix)
		return KEYMAP_PREFIX;
	*shadow = exact != NULL;
	return KEYMAP_NONE;
}

enum keymap_match keymap_lookup(const struct keymap_set *ks, const char *screen,
				const int *keys, int nkeys, enum action *out)
{
	enum action dummy;
	if (!out)
		out = &dummy;
	*out = ACT_NONE;
	if (!ks || !keys || nkeys <= 0 || nkeys > KEYMAP_MAX_SEQ)
		return KEYMAP_NONE;
	int s = screen_index(screen);
	bool shadow = false;
	if (s > GENERIC) {
		enum keymap_match m = lookup_in(ks, s, keys, nkeys, out, &shadow);
		if (m != KEYMAP_NONE || shadow)
			return m;
	}
	return lookup_in(ks, GENERIC, keys, nkeys, out, &shadow);
}

/* True when typing e's keys in `screen` never reaches the generic map. */
static bool shadowed(const struct keymap_set *ks, int screen, const struct binding *g)
{
	for (size_t i = 0; i < ks->n; i++) {
		const struct binding *e = &ks->b[i];
		if (!e->dead && e->screen == screen &&
		    relate(e->keys, e->nkeys, g->keys, g->nkeys) != REL_NONE)
			return true;
	}
	return false;
}

/* Bindings of a in one map, the latest source first (the user's choice is the
 * one hints show), file order within a source. */
static size_t collect(const struct keymap_set *ks, int screen, int shadow_screen, enum action a,
		      const struct binding **out, size_t max)
{
	size_t n = 0;
	for (int src = ks->sources; src >= 1; src--)
		for (size_t i = 0; i < ks->n && n < max; i++) {
			const struct binding *e = &ks->b[i];
			if (e->dead || e->screen != screen || e->source != src || e->act != a)
				continue;
			if (shadow_screen > GENERIC && shadowed(ks, shadow_screen, e))
				continue;
			out[n++] = e;
		}
	return n;
}

static size_t keys_for(const struct keymap_set *ks, const char *screen, enum action a,
		       char *buf, size_t bufsz, size_t limit, bool (*skip)(int key))
{
	size_t len = 0;
	if (buf && bufsz)
		buf[0] = '\0';
	if (!ks || a == ACT_NONE)
		return 0;
	int s = screen_index(screen);
	const struct binding *found[32];
	size_t n = 0;
	if (s > GENERIC)
		n = collect(ks, s, -1, a, found, 32);
	n += collect(ks, GENERIC, s, a, found + n, 32 - n);
	if (skip) {   /* keys that would not reach the keymap now (typed into a field) */
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (!skip(found[i]->keys[0]))
				found[k++] = found[i];
		n = k;
	}
	/* For a hint, a single key beats a sequence (q, not <C-x><C-c>). */
	size_t from = 0;
	if (limit == 1)
		for (size_t i = 1; i < n; i++)
			if (found[i]->nkeys < found[from]->nkeys)
				from = i;
	for (size_t i = from; i < n && i < from + limit; i++) {
		char one[64];
		keymap_display_name(found[i]->keys, found[i]->nkeys, one, sizeof one);
		if ((len && !append(buf, bufsz, &len, " ")) || !append(buf, bufsz, &len, one))
			break;
	}
	return len;
}

size_t keymap_keys_for(const struct keymap_set *ks, const char *screen, enum action a,
		       char *buf, size_t bufsz)
{
	return keys_for(ks, screen, a, buf, bufsz, SIZE_MAX, NULL);
}

size_t keymap_keys_where(const struct keymap_set *ks, const char *screen, enum action a,
			 bool (*skip)(int key), char *buf, size_t bufsz)
{
	return keys_for(ks, screen, a, buf, bufsz, SIZE_MAX, skip);
}

size_t keymap_first_key_where(const struct keymap_set *ks, const char *screen, enum action a,
			      bool (*skip)(int key), char *buf, size_t bufsz)
{
	return keys_for(ks, screen, a, buf, bufsz, 1, skip);
}

size_t keymap_first_key_for(const struct keymap_set *ks, const char *screen, enum action a,
			    char *buf, size_t bufsz)
{
	return keys_for(ks, screen, a, buf, bufsz, 1, NULL);
}

enum action keymap_command(const struct keymap_set *ks, const char *word)
{
	if (!word)
		return ACT_NONE;
	for (size_t i = 0; ks && i < ks->nal; i++)
		if (strcmp(ks->al[i].word, word) == 0)
			return ks->al[i].act;
	return action_by_name(word);
}

bool keymap_binding_at(const struct keymap_set *ks, const char *screen, int i,
		       int *keys, int *nkeys, enum action *a)
{
	int s = screen_index(screen);
	if (!ks || s < 0 || i < 0)
		return false;
	for (size_t k = 0; k < ks->n; k++) {
		const struct binding *e = &ks->b[k];
		if (e->dead || e->screen != s || e->act == ACT_NONE)
			continue;
		if (i-- == 0) {
			if (keys)
				memcpy(keys, e->keys, (size_t)e->nkeys * sizeof *keys);
			if (nkeys)
				*nkeys = e->nkeys;
			if (a)
				*a = e->act;
			return true;
		}
	}
	return false;
}

bool keymap_alias_at(const struct keymap_set *ks, int i, const char **word, enum action *a)
{
	if (!ks || i < 0 || (size_t)i >= ks->nal)
		return false;
	if (word)
		*word = ks->al[i].word;
	if (a)
		*a = ks->al[i].act;
	return true;
}
