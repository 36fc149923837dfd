/* import_job — registry imports the service runs (POST /imports): the
 * uploaded file is kept as DATA/imports/<id>.csv, and one worker thread
 * imports it (all or nothing, import.c) and re-checks the months it touched
 * (recheck.c) while GET /imports/{id} reads the progress. One import at a
 * time: it holds the store's write lock while its rows go in. At stop the
 * running import is told to stop, rolled back and recorded as failed. */
#ifndef ANZHI_SERVER_IMPORT_JOB_H
#define ANZHI_SERVER_IMPORT_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "server/srv.h"

/* True while an import runs in this process. */
int import_job_busy(void);
/* Starts the import of row id (recorded `running`) from path, which the
 * job removes when done; name (the uploaded file's) is what errors name.
 * -1 when one already runs (or no thread). */
int import_job_start(struct srv_ctx *ctx, int64_t id, const char *path, const char *name,
		     const char *source, const char *as_of, int64_t user_id, const char *ip);
/* 0 with the rows done so far when import id runs here, else -1. */
int import_job_progress(int64_t id, long *rows_done);
/* Stops the running import (if any) and waits for its thread. */
void import_job_stop(void);

#endif
