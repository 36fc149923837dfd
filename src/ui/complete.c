/* complete: Tab completion of file names, like a shell's but simpler: the
 * longest common prefix, a '/' after a unique directory, a few candidates
 * listed when it is ambiguous. */
#include "ui/complete.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool complete_path(char *buf, size_t bufsz, char *msg, size_t msgsz)
{
	char path[4096];
	if (buf[0] == '~' && (buf[1] == '/' || buf[1] == '\0') && getenv("HOME"))
		snprintf(path, sizeof path, "%s%s", getenv("HOME"), buf + 1);
	else
		snprintf(path, sizeof path, "%s", buf);
	if (msg && msgsz)
		msg[0] = '\0';
	char dir[4096];
	const char *base;
	char *slash = strrchr(path, '/');
	if (slash) {
		size_t n = (size_t)(slash - path) + 1;
		memcpy(dir, path, n);
		dir[n] = '\0';
		base = slash + 1;
	} else {
		snprintf(dir, sizeof dir, "./");
		base = path;
	}
	DIR *d = opendir(dir);
	if (!d)
		return false;
	size_t blen = strlen(base);
	char common[1024] = "";
	int matches = 0;
	bool have = false;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, base, blen) != 0)
			continue;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_name[0] == '.' && base[0] != '.')
			continue;
		if (!have) {
			snprintf(common, sizeof common, "%s", e->d_name);
			have = true;
		} else {
			size_t i = 0;
			while (common[i] && common[i] == e->d_name[i])
				i++;
			common[i] = '\0';
		}
		if (msg && msgsz && matches < 6) {
			size_t l = strlen(msg);
			snprintf(msg + l, msgsz - l, "%s%s", matches ? "  " : "", e->d_name);
		}
		matches++;
	}
	closedir(d);
	if (!have)
		return false;
	if (matches == 1 && msg)
		msg[0] = '\0';
	char out[4096];
	const char *prefix = slash ? buf : "";
	size_t keep = slash ? strlen(buf) - strlen(base) : 0;
	snprintf(out, sizeof out, "%.*s%s", (int)keep, prefix, common);
	if (matches == 1) {
		char full[8192];
		struct stat st;
		snprintf(full, sizeof full, "%s%s", dir, common);
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode) && strlen(out) + 1 < sizeof out)
			strcat(out, "/");
	}
	if (strlen(out) >= bufsz || strcmp(out, buf) == 0)
		return false;
	snprintf(buf, bufsz, "%s", out);
	return true;
}
