/* csv: see csv.h. */
#include "core/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

char *csv_field(const char *s)
{
	size_t n = strlen(s), quotes = 0;
	bool quoted = strpbrk(s, ",\"\r\n") != NULL;
	for (const char *p = s; *p; p++)
		quotes += *p == '"';
	char *out = malloc(n + quotes + 3), *o = out;
	if (!out)
		return NULL;
	if (quoted)
		*o++ = '"';
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	if (quoted)
		*o++ = '"';
	*o = '\0';
	return out;
}
