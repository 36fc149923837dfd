/* status: a placement's status word (SPEC §4) as a translated label and a style. */
#ifndef ANZHI_SCREENS_STATUS_H
#define ANZHI_SCREENS_STATUS_H

#include "ui/theme.h"

const char *status_label(const char *status);
enum style  status_style(const char *status);

#endif
