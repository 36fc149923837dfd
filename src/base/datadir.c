/* datadir: the one data-directory lookup of both programs. */
#include "base/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ANZHI_DATADIR
#define ANZHI_DATADIR "/usr/local/share/anzhi"
#endif

bool datadir_beside_exe(const char *rel, char *buf, size_t bufsz)
{
	char exe[PATH_MAX];
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	int len = snprintf(buf, bufsz, "%s%s", exe, rel);
	return len > 0 && (size_t)len < bufsz && stat(buf, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *datadir(void)
{
	static char installed[PATH_MAX];
	static int looked; /* set once, before any thread starts */
	const char *d = getenv("ANZHI_DATADIR");
	if (d && *d)
		return d;
	if (!looked)
		looked = datadir_beside_exe("/../share/anzhi", installed, sizeof installed) ? 1 : -1;
	return looked > 0 ? installed : ANZHI_DATADIR;
}

bool datadir_file(char *buf, size_t bufsz, const char *rel)
{
	int n = snprintf(buf, bufsz, "%s/%s", datadir(), rel);
	return n > 0 && (size_t)n < bufsz;
}
