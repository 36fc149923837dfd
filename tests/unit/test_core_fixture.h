/* Shared by the test_core_*.c files: loads data/policy/150000.json (tests run
 * from the repo root) into a struct policy, failing the test when it cannot. */
#ifndef ANZHI_TEST_CORE_FIXTURE_H
#define ANZHI_TEST_CORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "core/policy.h"

static inline char *fixture_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The Inner Mongolia policy; aborts the test on failure. */
static inline void fixture_policy(struct policy *p)
{
	struct core_error err = {0};
	char *text = fixture_read("data/policy/150000.json");

	if (!text) {
		fprintf(stderr, "cannot read data/policy/150000.json (run from the repo root)\n");
		abort();
	}
	if (!policy_load(text, "150000.json", p, &err)) {
		fprintf(stderr, "policy_load: %s\n", err.msg);
		free(text);
		abort();
	}
	free(text);
}

#endif
