/* fileio: whole-file reading, bounded, with errno kept for the caller's message. */
#include "base/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"

char *file_read_all(const char *path, size_t max, size_t *len)
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (!f) {
		if (!path)
			errno = EINVAL;
		return NULL;
	}
	size_t cap = 4096, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (max && n > max)
			break;
		if (cap - n < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	int bad = ferror(f) ? EIO : max && n > max ? EFBIG : 0;
	fclose(f);
	if (bad) {
		free(buf);
		errno = bad;
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}
