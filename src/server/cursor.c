/* cursor — see cursor.h. Text "c1|AT|ID" in URL-safe base64 without padding. */
#include "server/cursor.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cursor_encode(const char *at, int64_t id, char out[CURSOR_MAX])
{
	char plain[64];
	int n = snprintf(plain, sizeof plain, "c1|%.19s|%lld", at ? at : "", (long long)id);
	sodium_bin2base64(out, CURSOR_MAX, (const unsigned char *)plain, (size_t)n,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int cursor_decode(const char *text, char at[20], int64_t *id)
{
	unsigned char plain[64];
	size_t n;
	if (!text || strlen(text) >= CURSOR_MAX ||
	    sodium_base642bin(plain, sizeof plain - 1, text, strlen(text), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return -1;
	plain[n] = '\0';
	const char *s = (const char *)plain;
	const char *bar = strncmp(s, "c1|", 3) == 0 ? strchr(s + 3, '|') : NULL;
	if (!bar || bar - (s + 3) > 19)
		return -1;
	char *end;
	long long v = strtoll(bar + 1, &end, 10);
	if (*end || end == bar + 1 || v < 0)
		return -1;
	snprintf(at, 20, "%.*s", (int)(bar - (s + 3)), s + 3);
	*id = v;
	return 0;
}
