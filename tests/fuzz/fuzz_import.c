/* fuzz_import: the registry CSV importer of anzhid (src/server/import.c:
 * import_text) on arbitrary text — the files an administrator loads from the
 * social-insurance, medical-insurance, tax and federation systems.  A store in
 * a temporary directory takes the imports (each all or nothing).  Besides "no
 * crash, no UB, no leak": a refusal says why (a non-empty message) and counts
 * no rows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/app.h"
#include "server/store.h"
#include "tests/fuzz/fuzz.h"

static struct srv_ctx ctx;
static struct store *st;
static char dir[64] = "/tmp/anzhi-fuzz-import-XXXXXX";

static void cleanup(void)
{
	char cmd[128];

	store_close(st);
	app_close(&ctx);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_import: could not remove %s\n", dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[256];

	(void)argc, (void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(ctx.cfg.data_dir, sizeof ctx.cfg.data_dir, "%s", dir);
	snprintf(ctx.cfg.datadir, sizeof ctx.cfg.datadir, "%s", ANZHI_DATADIR);
	if (app_open(&ctx, &st, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz_import: app_open: %s\n", err);
		abort();
	}
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const SOURCES[] = {"wages", "social-insurance", "medical-insurance",
					      "certificates", "persons"};
	char err[256] = "";
	long rows = -1;
	int rc;

	if (n < 1 || n > 65536)
		return 0;
	/* first byte: the source; the rest: the file */
	rc = import_text(&ctx, st, SOURCES[data[0] % 5], (const char *)data + 1, n - 1,
			 "fuzz.csv", "2025-12-31", &rows, err, sizeof err);
	if (rc != 0)
		REQUIRE(err[0] != '\0' && memchr(err, '\0', sizeof err));
	else
		REQUIRE(rows >= 0);
	return 0;
}
