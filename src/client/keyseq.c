/* keyseq: CSI and SS3 key sequences (ECMA-48 syntax; the keys of xterm,
 * VT220, rxvt, PuTTY and the Linux console) as tables. */
#include "client/keyseq.h"

#include <stdbool.h>

#include "base/keys.h"

/* ESC [ n ~ : the VT220 editing and function keys */
static const struct { int n, key; } tilde_keys[] = {
	{ 1, KEY_HOME }, { 2, KEY_IC }, { 3, KEY_DC }, { 4, KEY_END }, { 5, KEY_PPAGE },
	{ 6, KEY_NPAGE }, { 7, KEY_HOME }, { 8, KEY_END },
	{ 11, KEY_F(1) }, { 12, KEY_F(2) }, { 13, KEY_F(3) }, { 14, KEY_F(4) }, { 15, KEY_F(5) },
	{ 17, KEY_F(6) }, { 18, KEY_F(7) }, { 19, KEY_F(8) }, { 20, KEY_F(9) }, { 21, KEY_F(10) },
	{ 23, KEY_F(11) }, { 24, KEY_F(12) },
};

/* ESC [ x and ESC O x : cursor keys, Home/End, F1–F4, Shift-Tab */
static const struct { char final; int key; } letter_keys[] = {
	{ 'A', KEY_UP }, { 'B', KEY_DOWN }, { 'C', KEY_RIGHT }, { 'D', KEY_LEFT },
	{ 'H', KEY_HOME }, { 'F', KEY_END }, { 'P', KEY_F(1) }, { 'Q', KEY_F(2) },
	{ 'R', KEY_F(3) }, { 'S', KEY_F(4) }, { 'Z', KEY_BTAB },
};

/* ESC O x : the keypad in application mode (PuTTY, xterm) types its symbol */
static const char keypad_chars[] = "*+,-./0123456789";   /* ESC O j … ESC O y */

static bool param_byte(int c) { return c >= 0x30 && c <= 0x3f; }
static bool inter_byte(int c) { return c >= 0x20 && c <= 0x2f; }
static bool final_byte(int c) { return c >= 0x40 && c <= 0x7e; }

/* The numbers of "n;m": at most two, 1 when absent. */
static void params(const int *c, int from, int to, int *p1, int *p2)
{
	int v[2] = { 0, 0 }, k = 0;
	bool seen[2] = { false, false };
	for (int i = from; i < to; i++) {
		if (c[i] == ';') {
			if (++k > 1)
				break;
		} else if (c[i] >= '0' && c[i] <= '9' && v[k] < 100000) {
			v[k] = v[k] * 10 + (c[i] - '0');
			seen[k] = true;
		}
	}
	*p1 = seen[0] ? v[0] : 1;
	*p2 = seen[1] ? v[1] : 1;
}

/* A key with xterm's modifier parameter m (1 + Shift 1, Alt 2, Ctrl 4). */
static int with_modifiers(int fnkey, int m)
{
	int mods = m > 1 && m <= 16 ? m - 1 : 0;
	bool shift = mods & 1, alt = mods & 2, ctrl = mods & 4;
	if (fnkey >= KEY_F(1) && fnkey <= KEY_F(12)) {
		int add = alt ? (ctrl ? 0 : 48 + (shift ? 12 : 0)) : (ctrl ? 24 : 0) + (shift ? 12 : 0);
		return KEYCODE_FN(fnkey + add);
	}
	if (fnkey == KEY_BTAB)
		return KEYCODE_FN(KEY_BTAB);
	return alt ? KEYCODE_META(KEYCODE_FN(fnkey)) : KEYCODE_FN(fnkey);
}

static enum keyseq_result csi(const int *c, int n, int *key, int *used)
{
	if (n >= 2 && c[1] == '[') {   /* the Linux console's F1–F5: ESC [ [ A … E */
		if (n < 3)
			return KEYSEQ_MORE;
		*used = 3;
		if (c[2] >= 'A' && c[2] <= 'E') {
			*key = KEYCODE_FN(KEY_F(c[2] - 'A' + 1));
			return KEYSEQ_KEY;
		}
		return final_byte(c[2]) ? KEYSEQ_IGNORE : KEYSEQ_NONE;
	}
	int i = 1;
	while (i < n && param_byte(c[i]))
		i++;
	while (i < n && inter_byte(c[i]))
		i++;
	if (i >= n)
		return i >= KEYSEQ_MAX ? KEYSEQ_IGNORE : KEYSEQ_MORE;
	if (!final_byte(c[i]))
		return KEYSEQ_NONE;   /* not a sequence after all: Alt-[ then a key */
	*used = i + 1;
	int p1, p2;
	params(c, 1, i, &p1, &p2);
	if (c[i] == '~') {
		for (unsigned k = 0; k < sizeof tilde_keys / sizeof tilde_keys[0]; k++)
			if (tilde_keys[k].n == p1) {
				*key = with_modifiers(tilde_keys[k].key, p2);
				return KEYSEQ_KEY;
			}
		return KEYSEQ_IGNORE;   /* bracketed paste marks, F13+ of odd terminals … */
	}
	for (unsigned k = 0; k < sizeof letter_keys / sizeof letter_keys[0]; k++)
		if (letter_keys[k].final == c[i]) {
			*key = with_modifiers(letter_keys[k].key, p2);
			return KEYSEQ_KEY;
		}
	return KEYSEQ_IGNORE;
}

static enum keyseq_result ss3(const int *c, int n, int *key, int *used)
{
	int i = 1;
	while (i < n && param_byte(c[i]))   /* some send ESC O 2 P for Shift-F1 */
		i++;
	if (i >= n)
		return i >= KEYSEQ_MAX ? KEYSEQ_IGNORE : KEYSEQ_MORE;
	if (!final_byte(c[i]))
		return KEYSEQ_NONE;
	*used = i + 1;
	int p1, p2;
	params(c, 1, i, &p1, &p2);
	int m = i > 1 ? p1 : 1;
	for (unsigned k = 0; k < sizeof letter_keys / sizeof letter_keys[0]; k++)
		if (letter_keys[k].final == c[i]) {
			*key = with_modifiers(letter_keys[k].key, m);
			return KEYSEQ_KEY;
		}
	if (c[i] == 'M') {
		*key = '\n';   /* the keypad's Enter */
		return KEYSEQ_KEY;
	}
	if (c[i] >= 'j' && c[i] <= 'y') {
		*key = keypad_chars[c[i] - 'j'];
		return KEYSEQ_KEY;
	}
	return KEYSEQ_IGNORE;
}

enum keyseq_result keyseq_parse(const int *c, int n, int *key, int *used)
{
	*used = 0;
	if (n < 1 || (c[0] != '[' && c[0] != 'O'))
		return KEYSEQ_NONE;
	if (n < 2)
		return KEYSEQ_MORE;
	return c[0] == '[' ? csi(c, n, key, used) : ss3(c, n, key, used);
}
