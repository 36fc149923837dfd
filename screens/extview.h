/* extview: a material shown outside anzhi — downloaded to a temporary file,
 * then opened with $ANZHI_VIEWER, else xdg-open (with a display), else
 * run-mailcap, else $PAGER — for the unit's materials screen and the review
 * form alike (until materials are shown inside the terminal). */
#ifndef ANZHI_SCREENS_EXTVIEW_H
#define ANZHI_SCREENS_EXTVIEW_H

#include "client/app.h"

/* Starts downloading material mid of placement pid into a new temporary
 * file (its name into tmp); its reply carries `tag` and r->file. Returns the
 * request id, 0 when it could not start (a flash says why). */
int extview_fetch(struct view *v, int tag, long pid, long long mid, char tmp[256]);
/* Opens the downloaded file with the user's viewer (the terminal is theirs
 * meanwhile); removes it afterwards. */
void extview_show(struct view *v, const char *file);

#endif
