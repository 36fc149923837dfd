/* eval — runs the core's month checks on a placement against registry data
 * and derives month results, counts, needs and the placement status
 * (doc/api.md "Placement status"). The facts are gathered once per placement
 * (eval_facts_*); eval_run then checks the months and tallies, with no store
 * access, so the seeder can feed facts it made itself. */
#ifndef ANZHI_SERVER_EVAL_H
#define ANZHI_SERVER_EVAL_H

#include <stdbool.h>

#include "core/checks.h"
#include "server/records.h"
#include "server/srv.h"

#define EVAL_MAX_ROWS 64

/* The facts of one placement that do not depend on the month. */
struct eval_facts {
	const char *uscc;                 /* the placing unit */
	struct ymd birth;
	enum gender gender;
	bool has_group;
	enum retire_group group;
	int area_class;                   /* 1..3 */
	struct contract_facts contracts[EVAL_MAX_ROWS];
	size_t n_contracts;
	struct cert_facts certs[EVAL_MAX_ROWS];
	size_t n_certs;
	int any_dispatch;
	struct wage_record wages[EVAL_MAX_ROWS];
	struct insurance_payment social[EVAL_MAX_ROWS], medical[EVAL_MAX_ROWS];
	int64_t import[SOURCE__COUNT][EVAL_MAX_ROWS];   /* the import of each row above */
	size_t n[SOURCE__COUNT];          /* rows of wages, social, medical */
	int elsewhere[EVAL_MAX_ROWS];     /* months confirmed at other units */
	size_t n_elsewhere;
	struct { int64_t id; char label[48]; } labels[8];   /* "wages 2025-12-31" by import */
	int n_labels;
};

/* Person, contracts and certificates of p; area_class 1..3 (0: the policy's
 * default). 0, or -1 with err filled (a stored ID number that is invalid). */
int eval_facts_from_placement(const struct srv_ctx *ctx, const struct placement *p,
			      int area_class, struct eval_facts *f, char *err, size_t errlen);
/* Adds one registry payment, month YYYYMM (seeder and store alike). */
void eval_facts_add_payment(struct eval_facts *f, enum registry_source src, int ym,
			    const char *payer, int64_t fen, int64_t import_id);
/* Registry payments of the person's year, months confirmed at other units and
 * the labels of the imports involved, from the store. */
int eval_facts_load(struct store *st, const struct placement *p, struct eval_facts *f);

/* Checks the registered months of p (only those whose month number 1..12 has
 * its bit in only, or all when only is 0) and tallies the whole placement.
 * have: the material kinds uploaded (bits). Reviewer decisions stay unless
 * reset. Months whose outcome changed are marked dirty. */
void eval_run(const struct policy *policy, const struct eval_facts *f, struct placement *p,
	      unsigned have, int reset, unsigned only);

/* Facts from the store, then eval_run over every month: what a save does.
 * 0, or -1 with err filled. */
int eval_placement(struct srv_ctx *ctx, struct store *st, struct placement *p,
		   int area_class, int reset, char *err, size_t errlen);

/* Current time "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai. */
void eval_now(char buf[20]);

#endif
