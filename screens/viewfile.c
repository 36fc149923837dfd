/* viewfile: see viewfile.h. */
#include "screens/viewfile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/program.h"

void screen_view_file(struct view *v, const char *file)
{
	const char *viewer = getenv("ANZHI_VIEWER");
	char *argv[4] = { NULL, NULL, NULL, NULL };
	if (viewer && *viewer) {
		argv[0] = (char *)viewer;
		argv[1] = (char *)file;
	} else if (program_has_display() && program_on_path("xdg-open")) {
		argv[0] = "xdg-open";
		argv[1] = (char *)file;
	} else if (program_on_path("run-mailcap")) {
		argv[0] = "run-mailcap";
		argv[1] = "--action=view";
		argv[2] = (char *)file;
	} else {
		const char *pager = getenv("PAGER");
		argv[0] = (char *)(pager && *pager ? pager : "less");
		argv[1] = (char *)file;
	}
	int st = app_run_external(v->app, argv);
	if (st != 0)
		app_flash(v->app, true, _("The viewer %s ended with status %d"), argv[0], st);
}
