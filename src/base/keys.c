/* keys: the normalisation shared by typed keys and keys parsed from a keys
 * file, so a binding matches whatever the terminal sends. */
#include "base/keys.h"

int key_normalise(int code)
{
	if (code == '\r' || code == KEYCODE_FN(KEY_ENTER))
		return '\n';
	if (code == 0x7f || code == 0x08)
		return KEYCODE_FN(KEY_BACKSPACE);
	return code;
}

int key_from_wch(int rc, unsigned int wch)
{
	return key_normalise(rc == KEY_CODE_YES ? KEYCODE_FN((int)wch) : (int)wch);
}
