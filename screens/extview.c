/* extview — see extview.h. */
#include "screens/extview.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/i18n.h"

int extview_fetch(struct view *v, int tag, long pid, long long mid, char tmp[256])
{
	char path[128];
	const char *tmpdir = getenv("TMPDIR");
	snprintf(path, sizeof path, "/placements/%ld/materials/%lld", pid, mid);
	snprintf(tmp, 256, "%s/anzhi-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		app_flash(v->app, true, "%s", _("Cannot create a temporary file"));
		return 0;
	}
	close(fd);
	return api_download(v, tag, path, tmp);
}
