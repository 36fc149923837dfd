/* h_placement — the unit's placement list and records: list, add, import
 * last year's, view, change, delete, re-register, register months. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/access.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/placement.h"
#include "server/store.h"
#include "wire/enums.h"
#include "wire/wire.h"

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

static int prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (toupper((unsigned char)*s) != toupper((unsigned char)*prefix))
			return 0;
	return 1;
}

/* q: part of the name (a surname finds everyone who has it; UTF-8 is
 * self-synchronising, so a byte search never matches half a character), or
 * the start of an ID number. */
static int matches_q(const json_t *p, const char *q)
{
	const json_t *person = json_object_get(p, "person");
	if (!q || !*q)
		return 1;
	if (strstr(sget(person, "name"), q))
		return 1;
	return strlen(q) >= 2 && prefix_ci(sget(person, "idno"), q);
}

static void count_status(json_t *counts, const json_t *p)
{
	const char *st = sget(p, "status"), *by = sget(p, "confirmed_by");
	enum placement_status ps = wire_placement_status_parse(st);
	const char *key = ps < 0 ? st : wire_placement_status_word(wire_placement_count_as(ps));
	json_t *v = json_object_get(counts, key);
	if (v)
		json_integer_set(v, json_integer_value(v) + 1);
	json_t *reg = json_object_get(counts, "registered");
	json_integer_set(reg, json_integer_value(reg) + 1);
	if (ps == PLACEMENT_CONFIRMED) {
		json_t *c = json_object_get(counts, strcmp(by, "manual") == 0 ? "confirmed_manual"
									       : "confirmed_system");
		json_integer_set(c, json_integer_value(c) + 1);
	}
}

void h_placement_list(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	const char *q = srv_query(rq, "q"), *status = srv_query(rq, "status");
	const char *cursor = srv_query(rq, "cursor"), *limit_s = srv_query(rq, "limit");
	json_t *unit = access_unit(rq, rp, rq->params[0]);
	if (!unit)
		return;
	json_decref(unit);
	if (access_year(rp, rq->params[1], &year) != 0)
		return;
	enum placement_status filter = status && *status ? wire_placement_status_parse(status)
							  : PLACEMENT_STATUS_UNKNOWN;
	if (status && *status && filter == PLACEMENT_STATUS_UNKNOWN) {
		srv_problem(rp, 422, "invalid_field", "status", "unknown status '%s'", status);
		return;
	}
	long limit = limit_s ? strtol(limit_s, NULL, 10) : 50;
	if (limit < 1 || limit > 500) {
		srv_problem(rp, 422, "invalid_field", "limit", "limit is 1–500");
		return;
	}
	long long after = cursor ? strtoll(cursor, NULL, 10) : 0;

	json_t *all = store_placement_list(rq->st, rq->params[0], year);
	json_t *counts = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "registered", 0,
				   "confirmed", 0, "confirmed_system", 0, "confirmed_manual", 0,
				   "pending", 0, "incomplete", 0, "partially_rejected", 0,
				   "rejected", 0);
	json_t *items = json_array(), *next = json_null();
	long total = 0;
	size_t i;
	json_t *p;
	json_array_foreach(all, i, p) {
		count_status(counts, p);
		if (!matches_q(p, q) || (filter >= 0 && !wire_placement_filter_matches(
							filter, wire_placement_status_parse(sget(p, "status")))))
			continue;
		total++;
		json_int_t id = json_integer_value(json_object_get(p, "id"));
		if (id <= after)
			continue;
		if ((long)json_array_size(items) == limit) {
			if (json_is_null(next)) {
				char c[32];
				snprintf(c, sizeof c, "%lld", (long long)json_integer_value(json_object_get(
					json_array_get(items, (size_t)limit - 1), "id")));
				json_decref(next);
				next = json_string(c);
			}
			continue;
		}
		json_array_append_new(items, eval_placement_item(p));
	}
	json_decref(all);
	srv_json(rp, 200, json_pack("{s:o, s:o, s:o, s:i}", "counts", counts, "items", items,
				    "next_cursor", next, "total", (int)total));
}

void h_placement_create(struct srv_req *rq, struct srv_reply *rp)
{
	int year;
	char now[20], idtext[24];
	json_t *p = NULL;
	json_t *unit = access_unit(rq, rp, rq->params[0]);
	if (!unit)
		return;
	if (access_year(rp, rq->params[1], &year) != 0 ||
	    access_year_open(rq, rp, rq->params[0], year) != 0 || placement_body(rq, rp, &p) != 0)
		goto out;
	eval_now(now);
	json_object_set_new(p, "uscc", json_string(rq->params[0]));
	json_object_set_new(p, "year", json_integer(year));
	json_object_set_new(p, "months", json_array());
	json_object_set_new(p, "submitted_at", json_string(now));
	if (placement_save(rq, rp, p, unit, 1) != 0)
		goto out;
	snprintf(idtext, sizeof idtext, "%lld", (long long)json_integer_value(json_object_get(p, "id")));
	if (access_audit(rq, rp, "placement", idtext, "create", NULL, p) != 0)
		goto out;
	placement_reply(rq, rp, 201, p);
out:
	json_decref(p);
	json_decref(unit);
}

void h_placement_import_previous(struct srv_req *rq, struct srv_reply *rp)
{
	int year, imported = 0, skipped = 0;
	char now[20], idtext[24];
	json_t *unit = access_unit(rq, rp, rq->params[0]);
	if (!unit)
		return;
	json_t *prev = NULL;
	if (access_year(rp, rq->params[1], &year) != 0 ||
	    access_year_open(rq, rp, rq->params[0], year) != 0)
		goto out;
	eval_now(now);
	prev = store_placement_list(rq->st, rq->params[0], year - 1);
	size_t i;
	json_t *old;
	json_array_foreach(prev, i, old) {
		json_t *p = json_pack("{s:s, s:i, s:O, s:O, s:O, s:[], s:s}", "uscc", rq->params[0],
				      "year", year, "person", json_object_get(old, "person"),
				      "contracts", json_object_get(old, "contracts"), "certificates",
				      json_object_get(old, "certificates"), "months", "submitted_at",
				      now);
		/* A person already on this year's list is left as it is. */
		json_t *same = store_placement_by_idno(rq->st, sget(json_object_get(old, "person"),
								   "idno"), year);
		int here = 0;
		size_t j;
		json_t *s;
		json_array_foreach(same, j, s)
			here |= strcmp(sget(s, "uscc"), rq->params[0]) == 0;
		json_decref(same);
		if (here) {
			skipped++;
			json_decref(p);
			continue;
		}
		if (placement_save(rq, rp, p, unit, 1) != 0) {
			json_decref(p);
			goto out;
		}
		snprintf(idtext, sizeof idtext, "%lld",
			 (long long)json_integer_value(json_object_get(p, "id")));
		int rc = access_audit(rq, rp, "placement", idtext, "import-previous", NULL, p);
		json_decref(p);
		if (rc != 0)
			goto out;
		imported++;
	}
	srv_json(rp, 200, json_pack("{s:i, s:i}", "imported", imported, "skipped", skipped));
out:
	json_decref(prev);
	json_decref(unit);
}

void h_placement_get(struct srv_req *rq, struct srv_reply *rp)
{
	json_t *unit;
	json_t *p = access_placement(rq, rp, rq->params[0], &unit);
	if (!p)
		return;
	placement_reply(rq, rp, 200, p);
	json_decref(p);
	json_decref(unit);
}

/* The guards every change to one placement passes: visible, year open, If-Match. */
static json_t *writable(struct srv_req *rq, struct srv_reply *rp, json_t **unit, int if_match)
{
	json_t *p = access_placement(rq, rp, rq->params[0], unit);
	if (!p)
		return NULL;
	if (access_year_open(rq, rp, sget(p, "uscc"),
			     (int)json_integer_value(json_object_get(p, "year"))) != 0 ||
	    (if_match && access_if_match(rq, rp, json_integer_value(json_object_get(p, "version"))) !=
				 0)) {
		json_decref(p);
		json_decref(*unit);
		*unit = NULL;
		return NULL;
	}
	return p;
}

void h_placement_put(struct srv_req *rq, struct srv_reply *rp)
{
	json_t *unit, *body = NULL, *before = NULL;
	json_t *p = writable(rq, rp, &unit, 1);
	if (!p)
		return;
	if (placement_body(rq, rp, &body) != 0)
		goto out;
	/* a placement is one person: another ID number is another placement
	 * (delete and add), never an edit that silently moves the months */
	if (strcmp(sget(json_object_get(body, "person"), "idno"),
		   sget(json_object_get(p, "person"), "idno")) != 0) {
		srv_problem(rp, 422, "invalid_field", "person.idno",
			    "the ID number of a registered person cannot change");
		goto out;
	}
	before = json_deep_copy(p);
	json_object_set(p, "person", json_object_get(body, "person"));
	json_object_set(p, "contracts", json_object_get(body, "contracts"));
	json_object_set(p, "certificates", json_object_get(body, "certificates"));
	if (placement_save(rq, rp, p, unit, 0) != 0 ||
	    access_audit(rq, rp, "placement", rq->params[0], "update", before, p) != 0)
		goto out;
	placement_reply(rq, rp, 200, p);
out:
	json_decref(before);
	json_decref(body);
	json_decref(p);
	json_decref(unit);
}

void h_placement_delete(struct srv_req *rq, struct srv_reply *rp)
{
	json_t *unit;
	json_t *p = writable(rq, rp, &unit, 1);
	if (!p)
		return;
	if (store_placement_delete(rq->st, json_integer_value(json_object_get(p, "id"))) != STORE_OK)
		srv_problem(rp, 500, "internal", NULL, "could not delete");
	else if (access_audit(rq, rp, "placement", rq->params[0], "delete", p, NULL) == 0)
		srv_json(rp, 204, NULL);
	json_decref(p);
	json_decref(unit);
}

void h_placement_reregister(struct srv_req *rq, struct srv_reply *rp)
{
	json_t *unit;
	json_t *p = writable(rq, rp, &unit, 0);
	if (!p)
		return;
	/* SPEC §4: 重新登记 is for a person already 已审核确认; the others are
	 * still being checked or reviewed and are simply edited */
	if (wire_placement_status_parse(sget(p, "status")) != PLACEMENT_CONFIRMED) {
		srv_problem(rp, 409, "conflict", NULL,
			    "only a confirmed person can be re-registered");
		json_decref(p);
		json_decref(unit);
		return;
	}
	json_t *before = json_deep_copy(p);
	if (placement_save(rq, rp, p, unit, 1) == 0 &&
	    access_audit(rq, rp, "placement", rq->params[0], "reregister", before, p) == 0)
		placement_reply(rq, rp, 200, p);
	json_decref(before);
	json_decref(p);
	json_decref(unit);
}

void h_months_put(struct srv_req *rq, struct srv_reply *rp)
{
	struct wire_error we;
	json_t *unit, *months = NULL, *before = NULL;
	json_t *p = writable(rq, rp, &unit, 1);
	if (!p)
		return;
	if (!rq->body) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {\"months\":[\"YYYYMM\",…]}");
		goto out;
	}
	if (!wire_months_validate(rq->body, (int)json_integer_value(json_object_get(p, "year")),
				  &months, &we)) {
		srv_problem(rp, strcmp(we.code, "invalid_json") == 0 ? 400 : 422, we.code,
			    we.field[0] ? we.field : NULL, "%s", we.detail);
		goto out;
	}
	before = json_deep_copy(p);
	eval_set_months(p, months);
	if (placement_save(rq, rp, p, unit, 0) != 0 ||
	    access_audit(rq, rp, "placement", rq->params[0], "months", before, p) != 0)
		goto out;
	placement_reply(rq, rp, 200, p);
out:
	json_decref(before);
	json_decref(months);
	json_decref(p);
	json_decref(unit);
}
