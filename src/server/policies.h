/* policies — the policy documents (政策法规) users read: one file per
 * document in DATADIR/policies/<id>.md, front matter then text (format in
 * doc/policy.md), loaded once at start and served by h_policies.c. A
 * document is the official text or a summary (摘要) that says so and names
 * its source; nothing here is generated. */
#ifndef ANZHI_SERVER_POLICIES_H
#define ANZHI_SERVER_POLICIES_H

#include <stdbool.h>
#include <stddef.h>

#define POLICIES_SEE_MAX 4

struct policy_doc {
	char id[64];                 /* the file name without .md: [a-z0-9-] */
	char title[256];
	char issuer[160];            /* 发文机关 */
	char number[96];             /* 文号, "" when it has none or it was not found */
	char date[11];               /* 发文日期 YYYY-MM-DD, "" when not known */
	char effective[11];          /* 施行日期, "" when not known */
	bool summary;                /* text: summary (摘要), else the official text */
	char source[512];            /* where the text (or its official text) is published */
	char see[POLICIES_SEE_MAX][512];
	int n_see;
	char *text;                  /* owned, UTF-8, lines end in \n */
};

struct policy_library {
	struct policy_doc *docs;     /* newest date first, then by id */
	size_t n;
};

/* Reads every DIR/<id>.md. 0, or -1 with err naming the file and the line. */
int policies_load(const char *dir, struct policy_library *lib, char *err, size_t errlen);
void policies_free(struct policy_library *lib);
const struct policy_doc *policies_find(const struct policy_library *lib, const char *id);
/* Parses one document's text (exposed for tests). */
int policies_parse(const char *id, const char *text, struct policy_doc *doc, char *err,
		   size_t errlen);

#endif
