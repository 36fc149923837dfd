/* csv — see csv.h. */
#include "server/csv.h"

#include <string.h>

int csv_split(char *line, char **cols, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *out = p;
		cols[n++] = p;
		if (*p == '"') {
			char *r = p + 1;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*out++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*out++ = *r++;
				}
			}
			if (*r != ',' && *r != '\0')
				return -1;
			char end = *r;
			*out = '\0';
			if (end == '\0')
				return n;
			p = r + 1;
			continue;
		}
		char *comma = strchr(p, ',');
		if (!comma)
			return n;
		*comma = '\0';
		p = comma + 1;
	}
	return *p ? -1 : n;
}

