/* h_placement — the unit's placement records: add, import last year's, view,
 * change, delete, re-register, register months. (The list is in h_lists.c.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/placement.h"
#include "server/store.h"
#include "wire/wire.h"

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

/* Audits one placement change; the documents are the API's PLACEMENT (after
 * is p, or nothing when p is NULL: deleted). */
static int audit(struct srv_req *rq, struct srv_reply *rp, int64_t id,
		 const struct placement *p, const char *action, json_t *before)
{
	char text[24];
	json_t *after = p ? placement_json(p, NULL) : NULL;
	snprintf(text, sizeof text, "%lld", (long long)id);
	int rc = access_audit(rq, rp, "placement", text, action, before, after);
	json_decref(after);
	return rc;
}

void h_placement_create(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	int year;
	placement_init(&p);
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0 ||
	    access_year_open(rq, rp, u.id, year) != 0 || placement_body(rq, rp, &p) != 0)
		goto out;
	p.year = year;
	snprintf(p.uscc, sizeof p.uscc, "%s", u.uscc);
	p.unit_id = u.id;
	eval_now(p.submitted_at);
	if (placement_save(rq, rp, &p, &u, 1) == 0 && audit(rq, rp, p.id, &p, "create", NULL) == 0)
		placement_reply(rq, rp, 201, &p);
out:
	placement_free(&p);
}

/* Copies one of last year's placements into year as a draft, unless the
 * person is already on this year's list. 1 copied, 0 skipped, -1 failed. */
static int copy_previous(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u,
			 int64_t old_id, int year, const char *now)
{
	struct placement old, p;
	int here = 0, rc = -1;
	placement_init(&p);
	if (store_placement_load(rq->st, old_id, &old) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read last year's list");
		return -1;
	}
	if (store_placement_on_list(rq->st, u->id, year, sget(old.person, "idno"), &here) !=
	    STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read this year's list");
		goto out;
	}
	if (here) {
		rc = 0;
		goto out;
	}
	p.person = json_incref(old.person);
	p.contracts = json_incref(old.contracts);
	p.certificates = json_incref(old.certificates);
	p.details_dirty = 1;
	p.year = year;
	p.unit_id = u->id;
	snprintf(p.uscc, sizeof p.uscc, "%s", u->uscc);
	snprintf(p.submitted_at, sizeof p.submitted_at, "%s", now);
	if (placement_save(rq, rp, &p, u, 1) == 0 && audit(rq, rp, p.id, &p, "import-previous", NULL) == 0)
		rc = 1;
out:
	placement_free(&p);
	placement_free(&old);
	return rc;
}

void h_placement_import_previous(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	int year, imported = 0, skipped = 0, n;
	int64_t ids[200], after = 0;
	char now[20];
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0 ||
	    access_year_open(rq, rp, u.id, year) != 0)
		return;
	eval_now(now);
	do {
		if (store_placement_ids(rq->st, u.id, year - 1, after, ids, 200, &n) != STORE_OK) {
			srv_problem(rp, 500, "internal", NULL, "could not read last year's list");
			return;
		}
		for (int i = 0; i < n; i++) {
			int rc = copy_previous(rq, rp, &u, ids[i], year, now);
			if (rc < 0)
				return;
			imported += rc;
			skipped += !rc;
		}
		after = n ? ids[n - 1] : after;
	} while (n == 200);
	srv_json(rp, 200, json_pack("{s:i, s:i}", "imported", imported, "skipped", skipped));
}

void h_placement_get(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	if (access_placement(rq, rp, rq->params[0], &p, &u) != 0)
		return;
	placement_reply(rq, rp, 200, &p);
	placement_free(&p);
}

/* The guards every change to one placement passes: visible, year open, If-Match. */
static int writable(struct srv_req *rq, struct srv_reply *rp, struct placement *p,
		    struct unit_ref *u, int if_match)
{
	if (access_placement(rq, rp, rq->params[0], p, u) != 0)
		return -1;
	if (access_year_open(rq, rp, u->id, p->year) != 0 ||
	    (if_match && access_if_match(rq, rp, p->version) != 0)) {
		placement_free(p);
		return -1;
	}
	return 0;
}

void h_placement_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p, body;
	json_t *before = NULL;
	placement_init(&body);
	if (writable(rq, rp, &p, &u, 1) != 0)
		return;
	if (placement_body(rq, rp, &body) != 0)
		goto out;
	/* a placement is one person: another ID number is another placement
	 * (delete and add), never an edit that silently moves the months */
	if (strcmp(sget(body.person, "idno"), sget(p.person, "idno")) != 0) {
		srv_problem(rp, 422, "invalid_field", "person.idno",
			    "the ID number of a registered person cannot change");
		goto out;
	}
	before = placement_json(&p, NULL);
	placement_free(&p);
	p.person = json_incref(body.person);
	p.contracts = json_incref(body.contracts);
	p.certificates = json_incref(body.certificates);
	p.details_dirty = 1;
	if (placement_save(rq, rp, &p, &u, 0) == 0 && audit(rq, rp, p.id, &p, "update", before) == 0)
		placement_reply(rq, rp, 200, &p);
out:
	json_decref(before);
	placement_free(&body);
	placement_free(&p);
}

void h_placement_delete(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	if (writable(rq, rp, &p, &u, 1) != 0)
		return;
	json_t *before = placement_json(&p, NULL);
	if (store_placement_delete(rq->st, p.id) != STORE_OK)
		srv_problem(rp, 500, "internal", NULL, "could not delete");
	else if (audit(rq, rp, p.id, NULL, "delete", before) == 0)
		srv_json(rp, 204, NULL);
	json_decref(before);
	placement_free(&p);
}

void h_placement_reregister(struct srv_req *rq, struct srv_reply *rp)
{
	struct unit_ref u;
	struct placement p;
	if (writable(rq, rp, &p, &u, 0) != 0)
		return;
	/* SPEC §4: 重新登记 is for a person already 已审核确认; the others are
	 * still being checked or reviewed and are simply edited */
	if (p.status != PLACEMENT_CONFIRMED) {
		srv_problem(rp, 409, "conflict", NULL, "only a confirmed person can be re-registered");
		placement_free(&p);
		return;
	}
	json_t *before = placement_json(&p, NULL);
	if (placement_save(rq, rp, &p, &u, 1) == 0 && audit(rq, rp, p.id, &p, "reregister", before) == 0)
		placement_reply(rq, rp, 200, &p);
	json_decref(before);
	placement_free(&p);
}

void h_months_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct wire_error we;
	struct unit_ref u;
	struct placement p;
	json_t *months = NULL, *before = NULL;
	if (writable(rq, rp, &p, &u, 1) != 0)
		return;
	if (!rq->body) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"months\":[\"YYYYMM\",…]}");
		goto out;
	}
	if (!wire_months_validate(rq->body, p.year, &months, &we)) {
		srv_problem(rp, strcmp(we.code, "invalid_json") == 0 ? 400 : 422, we.code,
			    we.field[0] ? we.field : NULL, "%s", we.detail);
		goto out;
	}
	int yms[12], n = 0;
	size_t i;
	json_t *v;
	json_array_foreach(months, i, v)
		if (n < 12)
			yms[n++] = atoi(json_string_value(v));
	before = placement_json(&p, NULL);
	placement_set_months(&p, yms, n);
	if (placement_save(rq, rp, &p, &u, 0) == 0 && audit(rq, rp, p.id, &p, "months", before) == 0)
		placement_reply(rq, rp, 200, &p);
out:
	json_decref(before);
	json_decref(months);
	placement_free(&p);
}
