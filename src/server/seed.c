/* seed — `anzhid seed --data DIR --placements N [--year Y]`: fills an empty
 * store with a deterministic province. Employers spread over Inner Mongolia's
 * 盟市 and 旗县 by weight (data/regions, seed_data.c), a few large and many
 * small, the largest first; each placed person with a valid ID number (GB
 * 11643) born in the unit's region, a certificate, a contract and registry
 * rows — wages, social and medical insurance — that pass most months and fail
 * some in the ways SPEC §4 lists; materials and reviewer decisions so that
 * every placement status occurs. Check results come from the core, on the same
 * facts the registry rows hold, exactly as a re-check would find them.
 *
 * Two passes keep every index append-ordered: units and their placements in
 * unit order, then the registry in ID-number order. Details of person i follow
 * from i alone (seed_person_make), so the second pass rebuilds them. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/app.h"
#include "server/auth.h"
#include "server/eval.h"
#include "server/materials.h"
#include "server/seed_gen.h"
#include "server/store.h"

#define SEED_PASSWORD "seed1234"
#define COMMIT_EVERY 5000

static int failf(struct seed *sd, const char *what)
{
	snprintf(sd->err, sd->errlen, "%s: %s", what, store_errmsg(sd->st));
	return -1;
}

static int batch(struct seed *sd, long done)
{
	if (done % COMMIT_EVERY)
		return 0;
	if (store_commit(sd->st) != STORE_OK || store_begin(sd->st) != STORE_OK)
		return failf(sd, "commit");
	return 0;
}

static int add_account(struct seed *sd, const char *username, const char *display,
		       const char *role, const char *unit, const char *region, json_t *list,
		       int64_t *id)
{
	struct srv_user u = { 0 };
	snprintf(u.username, sizeof u.username, "%s", username);
	snprintf(u.display_name, sizeof u.display_name, "%s", display);
	snprintf(u.role, sizeof u.role, "%s", role);
	snprintf(u.unit, sizeof u.unit, "%s", unit ? unit : "");
	snprintf(u.region, sizeof u.region, "%s", region ? region : "");
	if (store_user_add(sd->st, &u, sd->pwhash) != STORE_OK ||
	    (id && store_user_by_name(sd->st, username, &u, NULL, 0) != STORE_OK))
		return failf(sd, "account");
	if (id)
		*id = u.id;
	json_t *o = json_pack("{s:s, s:s, s:s}", "username", username, "password", SEED_PASSWORD,
			      "role", role);
	if (unit)
		json_object_set_new(o, "unit", json_string(unit));
	if (region)
		json_object_set_new(o, "region", json_string(region));
	json_array_append_new(list, o);
	return 0;
}

/* A reviewer per 盟市 first (their ids go into the seeded decisions). */
static int seed_reviewers(struct seed *sd)
{
	char name[32], display[128];
	sd->staff = json_array();
	if (auth_hash_password(SEED_PASSWORD, sd->pwhash) != 0) {
		snprintf(sd->err, sd->errlen, "out of memory hashing");
		return -1;
	}
	for (int c = 0; c < sd->ncities; c++) {
		const struct region *r = sd->cities[c].region;
		snprintf(name, sizeof name, "reviewer-%s", r->code);
		snprintf(display, sizeof display, "%s残联 审核员", r->name);
		if (add_account(sd, name, display, "reviewer", NULL, r->code, sd->staff,
				&sd->cities[c].reviewer_id) != 0)
			return -1;
	}
	return 0;
}

/* The unit user of the largest unit first, then the reviewers with the
 * longest queue first, a supervisor and an administrator. */
static int write_accounts(struct seed *sd, FILE *out)
{
	char path[1200];
	json_t *list = json_array();
	const struct seed_unit *big = &sd->units[0];
	const char *province = sd->cities[0].region->parent;
	if (add_account(sd, "unit1", big->ref.name, "unit", big->ref.uscc, NULL, list, NULL) != 0 ||
	    add_account(sd, "supervisor", "残联 业务主管", "supervisor", NULL, province, sd->staff,
			NULL) != 0 ||
	    add_account(sd, "admin", "系统管理员", "admin", NULL, NULL, sd->staff, NULL) != 0) {
		json_decref(list);
		return -1;
	}
	/* reviewers by pending cases, most first (stable: city order breaks ties) */
	for (int done = 0; done < sd->ncities; done++) {
		int best = -1;
		for (int c = 0; c < sd->ncities; c++)
			if (!sd->cities[c].listed &&
			    (best < 0 || sd->cities[c].pending > sd->cities[best].pending))
				best = c;
		sd->cities[best].listed = 1;
		json_array_append(list, json_array_get(sd->staff, (size_t)best));
	}
	json_array_append(list, json_array_get(sd->staff, (size_t)sd->ncities));     /* supervisor */
	json_array_append(list, json_array_get(sd->staff, (size_t)sd->ncities + 1)); /* admin */
	json_t *doc = json_pack("{s:i, s:s, s:o}", "year", sd->year, "password", SEED_PASSWORD,
				"accounts", list);
	snprintf(path, sizeof path, "%s/seed-accounts.json", sd->ctx->cfg.data_dir);
	int rc = json_dump_file(doc, path, JSON_INDENT(2));
	json_decref(doc);
	if (rc != 0) {
		snprintf(sd->err, sd->errlen, "cannot write %s", path);
		return -1;
	}
	fprintf(out, "seed: accounts (password %s) in %s\n", SEED_PASSWORD, path);
	return 0;
}

/* ---------------------------------------------------------- placements */

static int add_materials(struct seed *sd, const struct placement *p, unsigned kinds)
{
	for (int k = 0; k < MATERIAL__COUNT; k++) {
		if (!(kinds & (1u << k)))
			continue;
		char name[64];
		int64_t mid;
		snprintf(name, sizeof name, "%s-证明.png", checks_material_name((enum material_kind)k));
		json_t *m = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}", "kind",
				      checks_material_name((enum material_kind)k), "filename", name,
				      "size", (json_int_t)sd->png_size, "content_type", "image/png", "digest",
				      sd->png_digest, "uploaded_at", p->submitted_at);
		int rc = store_material_add(sd->st, p->id, m, &mid);
		json_decref(m);
		if (rc != STORE_OK)
			return failf(sd, "material");
	}
	return 0;
}

/* The reviewer's decision on the months and items awaiting it. */
static void decide(struct seed *sd, struct placement *p, const struct seed_city *city,
		   enum month_decision result)
{
	struct review_mark by;
	char name[48], at[48];
	snprintf(name, sizeof name, "reviewer-%s", city->region->code);
	snprintf(at, sizeof at, "%04d-03-%02d 10:30:00", sd->year + 1, 1 + (int)(p->id % 28));
	review_mark_set(&by, city->reviewer_id, name, at,
			result == MONTH_DECISION_INVALID ? "缴费凭证显示由其他单位缴纳" : NULL);
	placement_decide_pending(p, result, &by);
}

static int place_one(struct seed *sd, struct seed_unit *u, long index)
{
	struct placement p;
	struct seed_person_detail d;
	int yms[12];
	seed_person_make(sd, index, u, NULL, &d);
	placement_init(&p);
	p.year = sd->year;
	p.unit_id = u->ref.id;
	snprintf(p.uscc, sizeof p.uscc, "%s", u->ref.uscc);
	snprintf(p.submitted_at, sizeof p.submitted_at, "%s", d.submitted_at);
	p.person = seed_person_json(&d, 0);
	p.contracts = seed_contract_json(sd, &d, u);
	p.certificates = json_pack("[o]", seed_cert_json(&d));
	p.details_dirty = 1;
	for (int m = 0; m < d.months; m++)
		yms[m] = sd->year * 100 + m + 1;
	placement_set_months(&p, yms, d.months);

	seed_facts(sd, &d, u, &p, sd->facts);
	eval_run(&sd->ctx->policy, sd->facts, &p, 0, 1, 0);
	unsigned have = d.review != '.' ? p.needs : 0;
	if (have)
		eval_run(&sd->ctx->policy, sd->facts, &p, have, 1, 0);
	if (d.review == 'v' || d.review == 'i') {
		decide(sd, &p, &sd->cities[u->city], d.review == 'v' ? MONTH_DECISION_VALID : MONTH_DECISION_INVALID);
		eval_run(&sd->ctx->policy, sd->facts, &p, have, 0, 0);
	}
	int rc = store_bulk_placement(sd->st, &p, &u->ref) == STORE_OK ? 0 : failf(sd, "placement");
	if (rc == 0)
		rc = add_materials(sd, &p, have);
	if (rc == 0) {
		int key = status_key_of(p.status, p.confirmed_by);
		u->counts.n[key]++;
		u->confirmed += p.months_confirmed;
		u->counted += p.months_counted;
		sd->status_totals[key]++;
		if (key == SK_PENDING || key == SK_PENDING_CONTRACT)
			sd->cities[u->city].pending++;
		sd->people[index].unit = (int)(u - sd->units);
		sd->people[index].index = (int)index;
		memcpy(sd->people[index].idno, d.idno, sizeof d.idno);
	}
	placement_free(&p);
	return rc;
}

static int seed_placements(struct seed *sd)
{
	long index = 0;
	for (int k = 0; k < sd->nunits; k++) {
		struct seed_unit *u = &sd->units[k];
		if (seed_unit_insert(sd, u) != 0)
			return -1;
		for (int j = 0; j < u->size; j++, index++)
			if (place_one(sd, u, index) != 0 || batch(sd, index + 1) != 0)
				return -1;
		if (store_bulk_unit_totals(sd->st, u->ref.id, sd->year, &u->counts, u->confirmed,
					   u->counted) != STORE_OK)
			return failf(sd, "unit totals");
	}
	return 0;
}

/* Region counts: each unit's at its county, 盟市 and province, once each. */
static int seed_region_counts(struct seed *sd)
{
	struct { char code[7]; struct status_counts c; } agg[64];
	int n = 0;
	memset(agg, 0, sizeof agg);
	for (int k = 0; k < sd->nunits; k++) {
		const struct unit_ref *r = &sd->units[k].ref;
		const char *levels[3] = { r->federation_region, r->region_city, r->region_province };
		for (int lv = 0; lv < 3; lv++) {
			if (lv > 0 && strcmp(levels[lv], levels[lv - 1]) == 0)
				continue;
			int i = 0;
			while (i < n && strcmp(agg[i].code, levels[lv]) != 0)
				i++;
			if (i == n && n < 64)
				snprintf(agg[n++].code, 7, "%s", levels[lv]);
			if (i < n)
				for (int s = 0; s < SK__COUNT; s++)
					agg[i].c.n[s] += sd->units[k].counts.n[s];
		}
	}
	for (int i = 0; i < n; i++)
		if (store_bulk_region_counts(sd->st, agg[i].code, sd->year, &agg[i].c) != STORE_OK)
			return failf(sd, "region counts");
	return 0;
}

/* ------------------------------------------------------------ registry */

static int cmp_idno(const void *a, const void *b)
{
	return strcmp(((const struct seed_slot *)a)->idno, ((const struct seed_slot *)b)->idno);
}

static int seed_registry(struct seed *sd)
{
	char label[16];
	static const char *const names[] = { "wages", "social", "medical" };
	snprintf(label, sizeof label, "%d-12-31", sd->year);
	if (store_import_add(sd->st, "persons", label, "seed", sd->n, &sd->imp_persons) != STORE_OK)
		return failf(sd, "imports");
	for (int s = 0; s < SOURCE__COUNT; s++)
		if (store_import_add(sd->st, names[s], label, "seed", 0, &sd->imp[s]) != STORE_OK)
			return failf(sd, "imports");
	qsort(sd->people, (size_t)sd->n, sizeof sd->people[0], cmp_idno);
	for (long i = 0; i < sd->n; i++) {
		struct seed_person_detail d;
		struct seed_unit *u = &sd->units[sd->people[i].unit];
		seed_person_make(sd, sd->people[i].index, u, sd->people[i].idno, &d);
		if (seed_registry_person(sd, &d, u) != 0 || batch(sd, i + 1) != 0)
			return -1;
	}
	for (int s = 0; s < SOURCE__COUNT; s++)
		if (store_import_rows(sd->st, sd->imp[s], sd->rows[s]) != STORE_OK)
			return failf(sd, "imports");
	return 0;
}

/* ---------------------------------------------------------------- main */

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void report(const struct seed *sd, FILE *out, double secs)
{
	fprintf(out, "seed: %ld placements at %d units, business year %d, in %.1f s"
		" (placements %.1f s, registry %.1f s)\n", sd->n, sd->nunits, sd->year, secs,
		sd->placements_done, secs - sd->placements_done);
	fprintf(out, "seed: largest unit %s %s: %d placements\n", sd->units[0].ref.uscc,
		sd->units[0].ref.name, sd->units[0].size);
	for (int k = 0; k < SK__COUNT; k++)
		fprintf(out, "seed:   %-20s %ld\n", status_key_name((enum status_key)k),
			sd->status_totals[k]);
	fprintf(out, "seed: registry rows: %ld wages, %ld social, %ld medical\n",
		sd->rows[SOURCE_WAGES], sd->rows[SOURCE_SOCIAL], sd->rows[SOURCE_MEDICAL]);
}

static int seed_all(struct seed *sd, FILE *out, const struct timespec *t0)
{
	if (seed_reviewers(sd) != 0 || seed_placements(sd) != 0 || seed_region_counts(sd) != 0)
		return -1;
	sd->placements_done = since(t0);
	if (seed_registry(sd) != 0 || write_accounts(sd, out) != 0)
		return -1;
	if (store_audit(sd->st, 0, "cli", "seed", NULL, "create", NULL, NULL) != STORE_OK)
		return failf(sd, "audit");
	return 0;
}

int seed_province(struct srv_ctx *ctx, struct store *st, long n, FILE *out, char *err,
		  size_t errlen)
{
	struct timespec t0;
	int any, rc = -1;
	struct seed *sd = calloc(1, sizeof *sd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!sd) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*sd = (struct seed){ .ctx = ctx, .st = st, .year = ctx->cfg.year, .n = n, .err = err,
			     .errlen = errlen };
	if (store_unit_any(st, &any) != STORE_OK) {
		failf(sd, "store");
		goto out;
	}
	if (any) {
		snprintf(err, errlen, "the store in %s already has data; seed fills an empty store"
			 " only: give a new --data directory", ctx->cfg.data_dir);
		goto out;
	}
	if (seed_plan(sd) != 0)
		goto out;
	if (store_bulk_mode(st, 1) != STORE_OK || store_begin(st) != STORE_OK ||
	    materials_put_sample_png(st, sd->png_digest, &sd->png_size) != 0) {
		failf(sd, "begin");
		goto out;
	}
	if (seed_all(sd, out, &t0) != 0) {
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != STORE_OK || store_analyze(st) != STORE_OK) {
		failf(sd, "commit");
		goto out;
	}
	report(sd, out, since(&t0));
	rc = 0;
out:
	store_bulk_mode(st, 0);
	seed_free(sd);
	return rc;
}
