/* keymap_keys: key names <-> key codes for the keymap parser, help and the man
 * page ("<C-g>", "<Down>", "gg").  Split from keymap.c to keep each file to one
 * job; the public part is in keymap.h. */
#include "client/keymap.h"
#include "client/keymap_keys.h"
#include "base/i18n.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The first name of a code is the one we print. */
static const struct { const char *name; int code; } key_names[] = {
	{ "Space", ' ' },                      { "Enter", '\n' },
	{ "Return", '\n' },                    { "CR", '\n' },
	{ "Esc", 0x1b },                       { "Tab", '\t' },
	{ "S-Tab", KEYCODE_FN(KEY_BTAB) },     { "BS", KEYCODE_FN(KEY_BACKSPACE) },
	{ "Backspace", KEYCODE_FN(KEY_BACKSPACE) },
	{ "Del", KEYCODE_FN(KEY_DC) },         { "Delete", KEYCODE_FN(KEY_DC) },
	{ "Ins", KEYCODE_FN(KEY_IC) },         { "Insert", KEYCODE_FN(KEY_IC) },
	{ "Up", KEYCODE_FN(KEY_UP) },          { "Down", KEYCODE_FN(KEY_DOWN) },
	{ "Left", KEYCODE_FN(KEY_LEFT) },      { "Right", KEYCODE_FN(KEY_RIGHT) },
	{ "Home", KEYCODE_FN(KEY_HOME) },      { "End", KEYCODE_FN(KEY_END) },
	{ "PgUp", KEYCODE_FN(KEY_PPAGE) },     { "PageUp", KEYCODE_FN(KEY_PPAGE) },
	{ "PgDn", KEYCODE_FN(KEY_NPAGE) },     { "PageDown", KEYCODE_FN(KEY_NPAGE) },
	{ "lt", '<' },                         { "gt", '>' },
	{ "Hash", '#' },                       { "Bslash", '\\' },
	{ "Resize", KEYCODE_FN(KEY_RESIZE) },
};
#define N_KEY_NAMES (sizeof key_names / sizeof *key_names)

static int utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One UTF-8 character (lenient: the keys files are ours or the user's). */
static int utf8_decode1(const char *s, int *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = u[0] < 0x80 ? 1 : u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 0;
	if (n == 0)
		return 0;
	int v = n == 1 ? u[0] : u[0] & (0x3f >> (n - 1));
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (u[i] & 0x3f);
	}
	*cp = v;
	return n;
}

/* The name of one key without brackets ("C-g", "Down", "j", "M-v"); for
 * display a printable character is itself ("M-<"), in files it has a name
 * ("M-lt") where the file syntax needs one. */
static void bare_name(int code, char *out, size_t outsz, bool display)
{
	if (code >= KEYCODE_META(0)) {
		char inner[32];
		bare_name(code - KEYCODE_META(0), inner, sizeof inner, display);
		snprintf(out, outsz, "M-%s", inner);
		return;
	}
	if (display && code > 0x20 && code < KEYCODE_FN(0)) { /* "<", not "lt" */
		char u[5] = { 0 };
		utf8_encode((uint32_t)code, u);
		snprintf(out, outsz, "%s", u);
		return;
	}
	for (size_t i = 0; i < N_KEY_NAMES; i++)
		if (key_names[i].code == code) {
			snprintf(out, outsz, "%s", key_names[i].name);
			return;
		}
	if (code >= KEYCODE_FN(KEY_F(0)) && code <= KEYCODE_FN(KEY_F(63))) {
		snprintf(out, outsz, "F%d", code - KEYCODE_FN(KEY_F(0)));
	} else if (code >= KEYCODE_FN(0)) {
		snprintf(out, outsz, "Key%d", code - KEYCODE_FN(0));
	} else if (code == 0) {
		snprintf(out, outsz, "C-Space");
	} else if (code < 0x20) {
		snprintf(out, outsz, "C-%c", code <= 26 ? 'a' + code - 1 : "[\\]^_"[code - 27]);
	} else {
		char u[5] = { 0 };
		utf8_encode((uint32_t)code, u);
		snprintf(out, outsz, "%s", u);
	}
}

/* A key as the keys file writes it: "j", "<Down>", "<lt>". */
static void file_name(int code, char *out, size_t outsz)
{
	char bare[32];
	bare_name(code, bare, sizeof bare, false);
	bool plain = code > 0x20 && code < KEYCODE_FN(0) && code != '<' && code != '#' && code != '\\';
	snprintf(out, outsz, plain ? "%s" : "<%s>", bare);
}

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

size_t keymap_key_name(const int *keys, int nkeys, char *buf, size_t bufsz)
{
	size_t len = 0;
	if (buf && bufsz)
		buf[0] = '\0';
	for (int i = 0; i < nkeys; i++) {
		char one[40];
		file_name(keys[i], one, sizeof one);
		if (!append(buf, bufsz, &len, one))
			break;
	}
	return len;
}

/* What help and hints show: a single key bare, a sequence in file form. */
void keymap_display_name(const int *keys, int nkeys, char *out, size_t outsz)
{
	if (nkeys == 1)
		bare_name(keys[0], out, outsz, true);
	else
		keymap_key_name(keys, nkeys, out, outsz);
}

/* A name inside <…>: modifiers C- M- A-, then a key name, F<n> or a character. */
static int parse_special(const char *name)
{
	for (size_t i = 0; i < N_KEY_NAMES; i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].code;
	bool ctrl = false, meta = false;
	while (name[0] && name[1] == '-' && name[2]) {
		if (name[0] == 'C' || name[0] == 'c')
			ctrl = true;
		else if (strchr("MmAa", name[0]))
			meta = true;
		else
			return -1;
		name += 2;
	}
	int code = -1;
	for (size_t i = 0; i < N_KEY_NAMES && code < 0; i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			code = key_names[i].code;
	if (code < 0 && (name[0] == 'F' || name[0] == 'f') && name[1]) {
		char *end;
		long f = strtol(name + 1, &end, 10);
		if (*end == '\0' && f >= 0 && f <= 63)
			code = KEYCODE_FN(KEY_F((int)f));
	}
	if (code < 0) {
		int cp, n = utf8_decode1(name, &cp);
		if (n == 0 || name[n] != '\0')
			return -1;
		code = cp;
	}
	if (ctrl) {
		if (code >= 'a' && code <= 'z')
			code -= 'a' - 1;
		else if (code >= '@' && code <= '_')
			code -= '@';
		else if (code == ' ')
			code = 0;
		else if (code == '?')
			code = 0x7f;
		else
			return -1;
	}
	code = key_normalise(code);
	return meta ? KEYCODE_META(code) : code;
}

int keymap_parse_keys_err(const char *spec, int *keys, int maxkeys, char *err, size_t errsz)
{
	int n = 0;
	const char *p = spec;
	while (*p) {
		int code;
		if (*p == '<') {
			const char *q = strchr(p + 1, '>');
			if (q && q[-1] == '-' && q[1] == '>') /* <M->> */
				q++;
			if (!q || q == p + 1) {
				snprintf(err, errsz, _("unclosed '<' in '%s' (write <lt> for '<')"), spec);
				return -1;
			}
			char name[32];
			size_t len = (size_t)(q - p - 1);
			if (len >= sizeof name || (memcpy(name, p + 1, len), name[len] = '\0',
						    (code = parse_special(name)) < 0)) {
				snprintf(err, errsz, _("unknown key name '<%.*s>'"), (int)(len < 40 ? len : 40), p + 1);
				return -1;
			}
			p = q + 1;
		} else {
			int len = utf8_decode1(p, &code);
			if (len == 0) {
				snprintf(err, errsz, _("invalid UTF-8 in '%s'"), spec);
				return -1;
			}
			code = key_normalise(code);
			p += len;
		}
		if (n == maxkeys) {
			snprintf(err, errsz, _("'%s' is longer than %d keys"), spec, maxkeys);
			return -1;
		}
		keys[n++] = code;
	}
	if (n == 0)
		snprintf(err, errsz, "%s", _("no keys"));
	return n ? n : -1;
}

int keymap_parse_keys(const char *spec, int *keys, int maxkeys)
{
	char err[160];
	return spec ? keymap_parse_keys_err(spec, keys, maxkeys, err, sizeof err) : -1;
}
