/* h_units_admin — the administrator's employers (用人单位): one new unit, and
 * a CSV of units with the fields of SPEC §3 imported all or nothing (a bad
 * row named by line and field, as the registry imports do). The fields only the federation sets (残联主管部门,
 * 税务主管部门) are theirs to give here; units cannot change them. The list
 * is the search every federation role shares (h_unit_search.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "core/regions.h"
#include "server/access.h"
#include "server/csv.h"
#include "server/fileio.h"
#include "server/handlers.h"
#include "server/listing.h"
#include "server/store.h"
#include "wire/wire.h"

/* The CSV's header, in order: UNIT's keys; bank_* go into UNIT.bank. */
static const char *const csv_cols[] = {
	"uscc", "name", "tax_no", "org_code", "kind", "economic_type", "industry",
	"federation_region", "tax_region", "admin_region", "legal_name", "legal_idno",
	"legal_phone", "phone", "staff_last_year", "contact_name", "contact_phone",
	"business_address", "registered_address", "bank_payee", "bank_account", "bank_name",
	"wage_area_class",
};
#define CSV_NCOLS ((int)(sizeof csv_cols / sizeof csv_cols[0]))

/* Validates UNIT in (with "uscc") and adds it; on refusal fills rp with the
 * field prefixed by prefix ("" for a JSON body, "units.csv:3: " for a row)
 * and returns -1. */
static int add_unit(struct srv_req *rq, struct srv_reply *rp, const json_t *in,
		    const char *where, json_t **added)
{
	static const char *const regions[] = { "federation_region", "tax_region", "admin_region" };
	struct core_error ce;
	struct wire_error we;
	struct unit_ref existing;
	json_t *unit = NULL;
	int64_t id;
	const char *uscc = json_string_value(json_object_get(in, "uscc"));
	if (!uscc || !*uscc) {
		srv_problem(rp, 422, "missing_field", where[0] ? "file" : "uscc",
			    "%suscc: required", where);
		return -1;
	}
	if (!uscc_valid(uscc, &ce)) {
		srv_problem(rp, 422, "invalid_field", where[0] ? "file" : "uscc", "%suscc: %s", where,
			    ce.msg);
		return -1;
	}
	/* 税务主管部门 and 单位所属行政区 default to the federation department's region */
	json_t *full = json_deep_copy(in);
	json_t *fed = json_object_get(full, "federation_region");
	for (size_t i = 1; i < sizeof regions / sizeof regions[0] && json_is_string(fed); i++)
		if (!json_string_length(json_object_get(full, regions[i])))
			json_object_set(full, regions[i], fed);
	int valid = wire_unit_validate(full, uscc, &unit, &we);
	json_decref(full);
	if (!valid) {
		srv_problem(rp, 422, we.code[0] == 'm' ? "missing_field" : "invalid_field",
			    where[0] ? "file" : we.field, "%s%s: %s", where, we.field, we.detail);
		return -1;
	}
	for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
		const char *code = json_string_value(json_object_get(unit, regions[i]));
		if (code && *code && !regions_find(&rq->ctx->regions, code)) {
			srv_problem(rp, 422, "invalid_field", where[0] ? "file" : regions[i],
				    "%s%s: unknown region code %s", where, regions[i], code);
			json_decref(unit);
			return -1;
		}
	}
	if (store_unit_ref(rq->st, uscc, &existing) == STORE_OK ||
	    store_unit_insert(rq->st, unit, &id) == STORE_CONFLICT) {
		srv_problem(rp, 409, "conflict", where[0] ? "file" : "uscc",
			    "%suscc: unit %s already exists", where, uscc);
		json_decref(unit);
		return -1;
	}
	if (!json_object_get(unit, "version")) {
		srv_problem(rp, 500, "internal", NULL, "could not save the unit");
		json_decref(unit);
		return -1;
	}
	if (access_audit(rq, rp, "unit", uscc, "create", NULL, unit) != 0) {
		json_decref(unit);
		return -1;
	}
	*added = unit;
	return 0;
}

/* POST /units: a UNIT with its "uscc" → 201 UNIT. */
void h_unit_create(struct srv_req *rq, struct srv_reply *rp)
{
	json_t *unit;
	if (!json_is_object(rq->body)) {
		srv_problem(rp, 400, "invalid_json", NULL, "send a UNIT with its uscc");
		return;
	}
	if (add_unit(rq, rp, rq->body, "", &unit) != 0)
		return;
	srv_etag(rp, json_integer_value(json_object_get(unit, "version")));
	srv_json(rp, 201, unit);
}

/* One CSV row as the UNIT JSON the API takes. */
static json_t *row_unit(char **col)
{
	json_t *u = json_object(), *bank = json_object();
	for (int i = 0; i < CSV_NCOLS; i++) {
		const char *k = csv_cols[i];
		if (strncmp(k, "bank_", 5) == 0) {
			json_object_set_new(bank, strcmp(k, "bank_name") == 0 ? "bank" : k + 5,
					    json_string(col[i]));
		} else if (!strcmp(k, "staff_last_year") || !strcmp(k, "wage_area_class")) {
			char *end;
			long long v = strtoll(col[i], &end, 10);
			if (*col[i])
				json_object_set_new(u, k, *end ? json_string(col[i]) : json_integer(v));
		} else if (*col[i]) {
			json_object_set_new(u, k, json_string(col[i]));
		}
	}
	json_object_set_new(u, "bank", bank);
	return u;
}

static int header_ok(const char *line)
{
	char want[600] = "";
	for (int i = 0; i < CSV_NCOLS; i++)
		snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", i ? "," : "",
			 csv_cols[i]);
	return strcmp(line, want) == 0;
}

/* Every row of text, in one transaction (the route's): the first bad row
 * refuses the whole file. *n receives the units added. */
static int import_units(struct srv_req *rq, struct srv_reply *rp, char *text, const char *name,
			json_t *added)
{
	char *save = NULL, where[300];
	long line = 0;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *cols[CSV_NCOLS + 1];
		json_t *unit;
		line++;
		l[strcspn(l, "\r")] = '\0';
		if (line == 1) {
			if (strncmp(l, "\xEF\xBB\xBF", 3) == 0)
				l += 3; /* a BOM from spreadsheet exports */
			if (!header_ok(l)) {
				srv_problem(rp, 422, "invalid_field", "file",
					    "%s:1: header: expected the columns of doc/api.md "
					    "(uscc,name,tax_no,…,wage_area_class)", name);
				return -1;
			}
			continue;
		}
		if (*l == '\0' || *l == '#')
			continue;
		snprintf(where, sizeof where, "%s:%ld: ", name, line);
		int n = csv_split(l, cols, CSV_NCOLS + 1);
		if (n != CSV_NCOLS) {
			srv_problem(rp, 422, "invalid_field", "file", "%srow: expected %d columns, got %d",
				    where, CSV_NCOLS, n);
			return -1;
		}
		json_t *in = row_unit(cols);
		int rc = add_unit(rq, rp, in, where, &unit);
		json_decref(in);
		if (rc != 0)
			return -1;
		json_array_append_new(added, json_string(json_string_value(json_object_get(unit,
											 "uscc"))));
		json_decref(unit);
	}
	if (line == 0) {
		srv_problem(rp, 422, "invalid_field", "file", "%s: empty file", name);
		return -1;
	}
	return 0;
}

/* POST /units/import: multipart with the CSV as `file` → 201
 * {"imported":N,"units":[USCC…]}. */
void h_unit_import(struct srv_req *rq, struct srv_reply *rp)
{
	struct srv_upload *up = rq->upload;
	if (!up->has_file || up->size == 0) {
		srv_problem(rp, 422, "missing_field", "file", "the CSV file is required");
		return;
	}
	if (up->too_large) {
		srv_problem(rp, 413, "too_large", "file", "file exceeds the upload limit");
		return;
	}
	char *text = srv_read_file(up->tmp_path, NULL);
	if (!text) {
		srv_problem(rp, 500, "internal", NULL, "could not read the upload");
		return;
	}
	const char *name = up->filename[0] && wire_text_ok(up->filename, strlen(up->filename))
				   ? up->filename : "units.csv";
	json_t *added = json_array();
	if (import_units(rq, rp, text, name, added) == 0)
		srv_json(rp, 201, json_pack("{s:I, s:O}", "imported",
					    (json_int_t)json_array_size(added), "units", added));
	json_decref(added);
	free(text);
}
