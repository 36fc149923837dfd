/* recheck — after a registry import, the checks of every placement-month it
 * touched run again: the import's queued person-months are joined to the
 * placements that registered them (nothing else is read), each placement is
 * loaded once, only those months are re-checked, and the placement is saved
 * when anything changed (version + 1, counts and totals moved). Runs in
 * transactions of a few hundred placements so that the service keeps
 * writing meanwhile; an interrupted re-check is finished by the next import
 * command (recheck_pending). A large one reads its batches ahead on two more
 * connections while the writer checks and saves (recheck_ahead.c): a
 * placement another writer changed after it was read is read again under the
 * write lock (its save finds the newer version), so no write is lost.
 *
 * A placement whose declaration locks the list (wire_declaration_locks_list:
 * submitted, passed, sent to tax, cancelled) is frozen: its months are not
 * re-checked but deferred, and re-checked by recheck_deferred when the
 * declaration opens again (withdrawn, failed, feedback accepted, reopened). */
#ifndef ANZHI_SERVER_RECHECK_H
#define ANZHI_SERVER_RECHECK_H

#include <stdint.h>

#include "server/srv.h"

struct recheck_stats {
	long placements;   /* placements with a touched month, re-checked */
	long months;       /* placement-months re-checked */
	long changed;      /* placements whose checks, results or status changed */
	long deferred;     /* placements of a locked list, left for its reopening */
	long reread;       /* changed by another writer after they were read ahead:
			      read again under the write lock */
};

int recheck_import(struct srv_ctx *ctx, struct store *st, int64_t import_id,
		   struct recheck_stats *rs, char *err, size_t errlen);
/* Re-checks every import whose re-check has not run or was interrupted;
 * total adds up their stats. */
int recheck_pending(struct srv_ctx *ctx, struct store *st, struct recheck_stats *total,
		    char *err, size_t errlen);
/* The declaration of unit_id's year opened again: the re-checks its locked
 * list deferred run now, inside the caller's transaction. */
int recheck_deferred(struct srv_ctx *ctx, struct store *st, int64_t unit_id, int year,
		     struct recheck_stats *rs, char *err, size_t errlen);

#endif
