/* seed_gen — the province seeder's generator: the plan (units, their regions
 * and sizes), and each person's details as a function of the person's index
 * (name, ID number, certificate, contract, registry payments, scenario), so
 * that both passes of seed.c build the same person. Private to seed*.c. */
#ifndef ANZHI_SERVER_SEED_GEN_H
#define ANZHI_SERVER_SEED_GEN_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "core/regions.h"
#include "server/eval.h"
#include "server/records.h"
#include "server/srv.h"
#include "server/store.h"

struct seed_city {
	const struct region *region;          /* a 盟市 (level 2) */
	const struct region *counties[32];    /* its 旗县区 in the region table */
	int ncounties;
	int weight;
	int64_t reviewer_id;
	long pending;                         /* cases awaiting review, for the accounts' order */
	int listed;
};

struct seed_unit {
	int city;
	char region[7];                       /* federation region (a county, or the 盟市) */
	int size;                             /* placements */
	int institution;
	int area_class;
	struct unit_ref ref;                  /* once inserted */
	struct status_counts counts;
	int64_t confirmed, counted;
};

/* One placed person: kept for the registry pass, sorted by ID number. */
struct seed_slot {
	char idno[19];
	int unit;
	int index;
};

struct seed {
	struct srv_ctx *ctx;
	struct store *st;
	int year;
	long n;
	struct seed_city cities[16];
	int ncities;
	int city_weight_total;
	struct seed_unit *units;
	int nunits;
	struct seed_slot *people;
	uint64_t *idno_set;                   /* open addressing: ID numbers handed out */
	size_t idno_cap;
	struct eval_facts *facts;
	json_t *staff;                        /* the federation's accounts: a reviewer per
					       * 盟市 in city order, the supervisor, the admin */
	char pwhash[160];
	char png_digest[65];     /* the sample proof every material shows */
	int64_t png_size;
	int64_t imp[SOURCE__COUNT], imp_persons;
	long rows[SOURCE__COUNT];
	long status_totals[SK__COUNT];
	double placements_done;               /* seconds into the seed when the registry began */
	char *err;
	size_t errlen;
};

struct seed_person_detail {
	char idno[19];
	char name[40];
	int male;
	char birth[11];
	int category, level;
	char scenario;       /* '.' passes; W L O M C X fail some months; D dispatch; H N fewer months */
	char review;         /* '.' no materials, 'm' materials in, 'v' 有效, 'i' 无效 */
	int months;          /* registered: months 1..months */
	int64_t wage_fen;
	char submitted_at[20];
	int year;            /* the business year */
};

/* Regions, units and their sizes (the largest first); allocations. */
int seed_plan(struct seed *sd);
void seed_free(struct seed *sd);
int seed_unit_insert(struct seed *sd, struct seed_unit *u);
/* Person index at unit u. idno NULL: a new ID number, unique in the seed;
 * else the one the person was given. */
void seed_person_make(struct seed *sd, long index, const struct seed_unit *u,
		      const char *idno, struct seed_person_detail *d);
/* PERSON (registry: the registry record's fields only). */
json_t *seed_person_json(const struct seed_person_detail *d, int registry);
json_t *seed_contract_json(const struct seed *sd, const struct seed_person_detail *d,
			   const struct seed_unit *u);
json_t *seed_cert_json(const struct seed_person_detail *d);
/* The facts the checks see: the placement's and the registry rows'. */
void seed_facts(struct seed *sd, const struct seed_person_detail *d, const struct seed_unit *u,
		const struct placement *p, struct eval_facts *f);
/* The registry's person, certificate and payments of d. */
int seed_registry_person(struct seed *sd, const struct seed_person_detail *d,
			 const struct seed_unit *u);

#endif
