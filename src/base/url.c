/* url: percent-escaping for the query strings the screens build. */
#include "base/url.h"

#include <string.h>

#include "base/xalloc.h"

char *url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *q = xmalloc(strlen(s) * 3 + 1), *o = q;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return q;
}
