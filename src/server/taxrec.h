/* taxrec — a tax record (发送税务, SPEC §5.3): the unit's 在职职工人数 and
 * wages, the declaration's totals, and the levy due as the core computes it
 * (levy_compute, SPEC §7.1) with every step and the wage figures it used —
 * the social average wage from the policy table, flagged when the table's
 * figure is an example. Pure: no store, no HTTP. */
#ifndef ANZHI_SERVER_TAXREC_H
#define ANZHI_SERVER_TAXREC_H

#include <jansson.h>

#include "core/error.h"
#include "core/levy.h"
#include "core/policy.h"
#include "server/store.h"

/* The levy's inputs from the unit's figures and the year's counted months
 * (placed persons = counted ÷ 12, exact). */
void taxrec_levy_input(const struct unit_figures *f, int year, int64_t months_counted,
		       struct levy_input *in);
/* Fills t's figures, levy and steps (not its unit, times or id). false with
 * err when the core cannot compute it (staff 0, unknown unit kind). */
bool taxrec_make(const struct policy *p, const struct unit_figures *f, int year,
		 int64_t months_confirmed, int64_t months_counted, struct tax_row *t,
		 struct core_error *err);
/* The API's TAX_RECORD (doc/api.md). */
json_t *taxrec_json(const struct tax_row *t);

#endif
