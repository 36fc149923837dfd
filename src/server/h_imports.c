/* h_imports — registry imports (外部核验数据) run by the service: the list
 * (source, as-of date, rows, who, when, status, what the re-check touched),
 * one import with its progress while it runs, and a new one from an
 * uploaded CSV (multipart: source, as_of, file), answered 202 at once while
 * import_job.c imports it off the request threads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "server/access.h"
#include "server/app.h"
#include "server/eval.h"
#include "server/fileio.h"
#include "server/handlers.h"
#include "server/import_job.h"
#include "server/listing.h"
#include "server/store.h"
#include "server/upload.h"
#include "wire/wire.h"

#define IMPORTS_PAGE_MAX 500

static void time_text(int64_t t, char out[20])
{
	time_t s = (time_t)t + 8 * 3600; /* Asia/Shanghai */
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* IMPORT: the row, with the progress of a running import taken from the job. */
static json_t *import_json(const struct import_row *im)
{
	char created[20], rechecked[20];
	long done = im->rows;
	if (strcmp(im->status, "running") == 0 && import_job_progress(im->id, &done) != 0)
		done = 0;
	time_text(im->created_at, created);
	if (im->rechecked_at)
		time_text(im->rechecked_at, rechecked);
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:s, s:o, s:o, s:I, s:I,"
			 " s:I, s:s}",
			 "id", (json_int_t)im->id, "source", im->source, "as_of", im->as_of,
			 "status", im->status, "rows_done", (json_int_t)done, "rows_total",
			 (json_int_t)(im->rows_total > done ? im->rows_total : done), "rows",
			 (json_int_t)im->rows, "filename",
			 im->filename[0] ? json_string(im->filename) : json_null(), "user",
			 im->username[0] ? json_string(im->username) : json_null(), "created_at",
			 created, "error", im->error[0] ? json_string(im->error) : json_null(),
			 "rechecked_at", im->rechecked_at ? json_string(rechecked) : json_null(),
			 "rechecked", (json_int_t)im->rechecked_months, "rechecked_placements",
			 (json_int_t)im->rechecked_placements, "changed_placements",
			 (json_int_t)im->changed_placements, "digest", im->digest);
}

void h_import_list(struct srv_req *rq, struct srv_reply *rp)
{
	char at[20];
	int64_t before;
	int limit, n;
	if (listing_page_params(rq, rp, &limit, at, &before) != 0)
		return;
	struct import_row *rows = calloc((size_t)limit + 1, sizeof *rows);
	if (!rows || store_import_page(rq->st, before, limit + 1, rows, &n) != STORE_OK) {
		free(rows);
		srv_problem(rp, 500, "internal", NULL, "could not list the imports");
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++)
		json_array_append_new(items, import_json(&rows[i]));
	int64_t next = n > limit ? rows[limit - 1].id : 0;
	free(rows);
	srv_json(rp, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
				    listing_cursor_json(NULL, next)));
}

void h_import_get(struct srv_req *rq, struct srv_reply *rp)
{
	struct import_row im;
	char *end;
	long long id = strtoll(rq->params[0], &end, 10);
	if (*end || id <= 0 || store_import_get(rq->st, id, &im) != STORE_OK) {
		srv_problem(rp, 404, "not_found", NULL, "no such import");
		return;
	}
	srv_json(rp, 200, import_json(&im));
}

int h_import_precheck(struct srv_req *rq, struct srv_reply *rp)
{
	if (!import_job_busy())
		return 0;
	srv_problem(rp, 409, "conflict", NULL, "an import is running: wait until it is done");
	return -1;
}

/* The file's data rows: read once here for rows_total. */
static long rows_of(const char *path)
{
	size_t len;
	char *text = srv_read_file(path, &len);
	long n = text ? import_count_rows(text, len) : 0;
	free(text);
	return n;
}

void h_import_create(struct srv_req *rq, struct srv_reply *rp)
{
	struct srv_upload *up = rq->upload;
	const char *source = upload_value(rq->form, "source"), *as_of = upload_value(rq->form, "as_of");
	const char *label = import_source_label(source);
	char dir[1100], path[1200], today[20];
	struct ymd d;
	struct import_row im;
	memset(&im, 0, sizeof im);
	if (h_import_precheck(rq, rp) != 0)
		return;
	if (!*source) {
		srv_problem(rp, 422, "missing_field", "source", "source is required");
		return;
	}
	if (!label) {
		srv_problem(rp, 422, "invalid_field", "source",
			    "one of wages, social-insurance, medical-insurance, certificates, "
			    "persons");
		return;
	}
	if (*as_of && !date_parse(as_of, "as_of", &d, NULL)) {
		srv_problem(rp, 422, "invalid_field", "as_of", "a date YYYY-MM-DD");
		return;
	}
	if (!up->has_file || up->size == 0) {
		srv_problem(rp, 422, "missing_field", "file", "the CSV file is required");
		return;
	}
	if (up->too_large) {
		srv_problem(rp, 413, "too_large", "file", "file exceeds the upload limit");
		return;
	}
	if (up->filename_too_long || !wire_text_ok(up->filename, strlen(up->filename))) {
		srv_problem(rp, 422, "invalid_field", "filename", "not a clean file name");
		return;
	}
	eval_now(today);
	today[10] = '\0';
	snprintf(im.source, sizeof im.source, "%s", label);
	snprintf(im.as_of, sizeof im.as_of, "%.10s", *as_of ? as_of : today);
	snprintf(im.filename, sizeof im.filename, "%s", up->filename);
	snprintf(im.digest, sizeof im.digest, "%.64s", up->digest);
	im.rows_total = rows_of(up->tmp_path);
	im.user_id = rq->user.id;
	int64_t id;
	snprintf(dir, sizeof dir, "%s/imports", rq->ctx->cfg.data_dir);
	if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || store_imports_lock(rq->st) != STORE_OK ||
	    store_import_start(rq->st, &im, &id) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not record the import");
		return;
	}
	snprintf(path, sizeof path, "%s/%lld.csv", dir, (long long)id);
	if (rename(up->tmp_path, path) != 0) {
		srv_problem(rp, 500, "internal", NULL, "could not keep the file");
		return;
	}
	char id_text[24];
	snprintf(id_text, sizeof id_text, "%lld", (long long)id);
	json_t *after = json_pack("{s:s, s:s, s:s, s:I}", "source", im.source, "as_of", im.as_of,
				  "filename", im.filename, "rows_total", (json_int_t)im.rows_total);
	int rc = access_audit(rq, rp, "import", id_text, "upload", NULL, after);
	json_decref(after);
	if (rc != 0) {
		unlink(path);
		return;
	}
	/* the job waits for this transaction's commit before its own begins */
	if (import_job_start(rq->ctx, id, path, im.filename[0] ? im.filename : "upload.csv", source,
			     im.as_of, rq->user.id, rq->ip) != 0) {
		unlink(path);
		srv_problem(rp, 409, "conflict", NULL, "an import is running: wait until it is done");
		return;
	}
	snprintf(im.status, sizeof im.status, "running");
	im.id = id;
	im.created_at = (int64_t)time(NULL);
	snprintf(im.username, sizeof im.username, "%s", rq->user.username);
	srv_json(rp, 202, import_json(&im));
}
