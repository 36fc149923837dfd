/* disposition — see disposition.h. */
#include "server/disposition.h"

#include <stdio.h>
#include <string.h>

/* RFC 8187 attr-char: what filename* may carry unencoded. */
static int attr_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$&+-.^_`|~", c));
}

/* What may stand unescaped inside the quoted ASCII fallback. */
static int plain_char(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
}

void disposition_attachment(const char *name, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)(name && *name ? name : "download");
	char ascii[256], enc[800];
	size_t a = 0, e = 0;
	for (const unsigned char *q = p; *q && a + 1 < sizeof ascii; q++) {
		if ((*q & 0xc0) == 0x80)
			continue; /* one _ per character, not per byte */
		ascii[a++] = plain_char(*q) ? (char)*q : '_';
	}
	ascii[a] = '\0';
	for (const unsigned char *q = p; *q && e + 4 < sizeof enc; q++) {
		if (attr_char(*q))
			enc[e++] = (char)*q;
		else
			e += (size_t)snprintf(enc + e, sizeof enc - e, "%%%02X", *q);
	}
	enc[e] = '\0';
	snprintf(out, len, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc);
}
