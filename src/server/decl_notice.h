/* decl_notice — the notice (通知公告) a unit gets for every step of its
 * declaration it must know of: submitted (an acknowledgement), passed,
 * failed with the reason, feedback accepted or rejected, sent to tax,
 * cancellation approved or rejected, reopened. Titles and bodies in Chinese,
 * as the seed's notices are; one table. */
#ifndef ANZHI_SERVER_DECL_NOTICE_H
#define ANZHI_SERVER_DECL_NOTICE_H

#include "server/decl.h"

/* Adds the unit's notice for d's action (none for the unit's own withdraw,
 * feedback and cancellation request). 0, or -1 on a store error. */
int decl_notify(struct store *st, const struct decl *d);
/* The notice's title and body for action a with these values ({year},
 * {reason}, {confirmed}, {counted}, {time}); false when a has none. */
bool decl_notice_text(enum declaration_action a, int year, const char *reason,
		      long long confirmed, long long counted, const char *time, char *title,
		      size_t tlen, char *body, size_t blen);

#endif
