/* taxtext: a tax record (发送税务's TAX_RECORD) as text to read — the unit, the
 * figures the levy used and the levy with the core's steps, in the
 * calculator's words.  The declaration screen shows it after 发送税务, the
 * 税务查询 screen for the selected record. */
#ifndef ANZHI_SCREENS_TAXTEXT_H
#define ANZHI_SCREENS_TAXTEXT_H

#include <jansson.h>

/* {"title","body"} for the pager (the caller decrefs); server strings cleaned. */
json_t *taxtext_pager(const json_t *record);

#endif
