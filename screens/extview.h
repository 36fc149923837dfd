/* extview: a material downloaded to a temporary file, to be shown with the
 * user's viewer (screens/viewfile.h) — for the unit's materials screen and
 * the review form alike (until materials are shown inside the terminal). */
#ifndef ANZHI_SCREENS_EXTVIEW_H
#define ANZHI_SCREENS_EXTVIEW_H

#include "client/app.h"

/* Starts downloading material mid of placement pid into a new temporary
 * file (its name into tmp); its reply carries `tag` and r->file. Returns the
 * request id, 0 when it could not start (a flash says why). */
int extview_fetch(struct view *v, int tag, long pid, long long mid, char tmp[256]);

#endif
