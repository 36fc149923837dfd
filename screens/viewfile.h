/* viewfile: opens a downloaded file with the user's viewer ($ANZHI_VIEWER,
 * else xdg-open with a display, else run-mailcap, else $PAGER) — the way
 * materials and documents are shown until the workbench's in-terminal viewer
 * takes over. */
#ifndef ANZHI_SCREENS_VIEWFILE_H
#define ANZHI_SCREENS_VIEWFILE_H

#include "client/app.h"

/* Runs the viewer with the terminal; a failure is a flash message. */
void screen_view_file(struct view *v, const char *file);

#endif
