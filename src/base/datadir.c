/* datadir: the one data-directory lookup of the client. */
#include "base/datadir.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef ANZHI_DATADIR
#define ANZHI_DATADIR "/usr/local/share/anzhi"
#endif

const char *datadir(void)
{
	const char *d = getenv("ANZHI_DATADIR");
	return d && *d ? d : ANZHI_DATADIR;
}

bool datadir_file(char *buf, size_t bufsz, const char *rel)
{
	int n = snprintf(buf, bufsz, "%s/%s", datadir(), rel);
	return n > 0 && (size_t)n < bufsz;
}
