/* policy_tables — which policy table is in force for a region and a business
 * year: the newest version the administrator uploaded (policy_tables) for
 * the region or, failing that, its nearest ancestor, whose validity overlaps
 * the year; else the table shipped in DATADIR/policy, loaded at start.
 * Uploaded tables are parsed once and kept: a version never changes (a
 * region's version numbers are unique). The one place that chooses. */
#ifndef ANZHI_SERVER_POLICY_TABLES_H
#define ANZHI_SERVER_POLICY_TABLES_H

#include <stdint.h>

#include "core/policy.h"
#include "server/srv.h"
#include "server/store.h"

/* What was chosen: an upload (row.id > 0) or the shipped table (row.id 0,
 * row.region/version/valid_* from it). */
int policy_tables_choose(struct srv_ctx *ctx, struct store *st, const char *region, int year,
		    struct policy_row *row);
/* The table in force, never NULL when the service has its shipped one. */
const struct policy *policy_tables_in_force(struct srv_ctx *ctx, struct store *st,
				       const char *region, int year);
/* The same for a unit's federation region. */
const struct policy *policy_tables_for_unit(struct srv_ctx *ctx, struct store *st, int64_t unit_id,
				       int year);
/* Frees the parsed uploads (at exit). */
void policy_tables_shutdown(void);

#endif
