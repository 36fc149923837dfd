/* scratch: one 0700 directory per client process for downloaded materials,
 * gone when the client ends.  It holds plain files only (no sub-directories),
 * so removing it is one pass of unlinkat. */
#include "base/scratch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[512];
static pid_t owner;

/* $XDG_RUNTIME_DIR is per user, 0700 and in memory: the place for it; /tmp
 * when the session has none (a plain su, a container). */
static const char *base_dir(void)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	if (x && x[0] == '/' && stat(x, &st) == 0 && S_ISDIR(st.st_mode) && access(x, W_OK | X_OK) == 0)
		return x;
	return "/tmp";
}

const char *scratch_dir(void)
{
	if (dir[0] && owner == getpid())
		return dir;
	int n = snprintf(dir, sizeof dir, "%s/anzhi-XXXXXX", base_dir());
	if (n < 0 || (size_t)n >= sizeof dir) {
		dir[0] = '\0';
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (!mkdtemp(dir)) {   /* mkdtemp makes it 0700 */
		dir[0] = '\0';
		return NULL;
	}
	owner = getpid();
	return dir;
}

bool scratch_path(char *buf, size_t bufsz, const char *name)
{
	const char *d = scratch_dir();
	if (!d || strchr(name, '/'))
		return false;
	int n = snprintf(buf, bufsz, "%s/%s", d, name);
	return n > 0 && (size_t)n < bufsz;
}

void scratch_remove(void)
{
	if (!dir[0] || owner != getpid())
		return;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				unlinkat(fd, e->d_name, 0);
		closedir(d);
	} else if (fd >= 0)
		close(fd);
	rmdir(dir);
	dir[0] = '\0';
}
