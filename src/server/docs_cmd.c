/* docs_cmd — the federation's commands for sealed documents:
 *   anzhid keys rotate --data DIR       a new signing key; new documents use it
 *   anzhid keys list --data DIR         every key, newest last
 *   anzhid keys revoke --data DIR ID    a key no document may be signed with again
 *   anzhid documents revoke --data DIR CODE --reason TEXT
 * Each change is one transaction with its audit row. */
#include <stdio.h>
#include <string.h>

#include "server/docs.h"
#include "wire/wire.h"

#define MAX_KEYS 256

/* A reason is shown to users: clean text (wire_text_ok), as review reasons. */
static int reason_ok(const char *s)
{
	return s && *s && strlen(s) <= REVIEW_REASON_MAX && wire_text_ok(s, strlen(s));
}

static int done(struct store *st, int rc, const char *what, const char *id, FILE *out)
{
	if (rc == STORE_OK && store_audit(st, 0, "cli", what, id, "revoke", NULL, NULL) == STORE_OK &&
	    store_commit(st) == STORE_OK) {
		fprintf(out, "revoked %s %s\n", what, id);
		return 0;
	}
	store_rollback(st);
	fprintf(stderr, "anzhid: %s %s: %s\n", what, id,
		rc == STORE_NOTFOUND ? "unknown, or already revoked" : store_errmsg(st));
	return 1;
}

static int key_rotate(struct srv_ctx *ctx, struct store *st, FILE *out)
{
	struct key_row k;
	char err[512];
	json_t *after = NULL;
	if (store_begin(st) != STORE_OK || docs_key_rotate(st, ctx->cfg.data_dir, &k, err,
							    sizeof err) != 0) {
		store_rollback(st);
		fprintf(stderr, "anzhid: keys rotate: %s\n", err);
		return 1;
	}
	after = json_pack("{s:s, s:s}", "id", k.id, "public_key", k.public_key);
	int rc = store_audit(st, 0, "cli", "signing_key", k.id, "create", NULL, after);
	json_decref(after);
	if (rc != STORE_OK || store_commit(st) != STORE_OK) {
		store_rollback(st);
		fprintf(stderr, "anzhid: keys rotate: %s\n", store_errmsg(st));
		return 1;
	}
	fprintf(out, "new signing key %s (public %s); new documents are signed with it\n", k.id,
		k.public_key);
	return 0;
}

static int key_list(struct store *st, FILE *out)
{
	struct key_row k[MAX_KEYS];
	int n = 0;
	if (store_key_list(st, k, MAX_KEYS, &n) != STORE_OK) {
		fprintf(stderr, "anzhid: keys list: %s\n", store_errmsg(st));
		return 1;
	}
	for (int i = 0; i < n; i++)
		fprintf(out, "%-8s %s  created %s%s%s\n", k[i].id, k[i].public_key, k[i].created_at,
			k[i].revoked_at[0] ? "  revoked " : "", k[i].revoked_at);
	return 0;
}

int docs_verb(struct srv_ctx *ctx, struct store *st, const char *const *args, int nargs,
	      const char *reason, FILE *out)
{
	const char *verb = nargs > 1 ? args[1] : "";
	char now[20];
	docs_time_text(docs_clock(), now);
	if (strcmp(args[0], "keys") == 0) {
		if (strcmp(verb, "rotate") == 0 && nargs == 2)
			return key_rotate(ctx, st, out);
		if (strcmp(verb, "list") == 0 && nargs == 2)
			return key_list(st, out);
		if (strcmp(verb, "revoke") == 0 && nargs == 3) {
			if (store_begin(st) != STORE_OK)
				return 1;
			return done(st, store_key_revoke(st, args[2], now), "signing_key", args[2],
				    out);
		}
		fprintf(stderr, "anzhid: keys rotate|list, or keys revoke ID\n");
		return 2;
	}
	char code[DOCSEAL_CODE_LEN + 1], key_id[DOCSEAL_KEY_ID_LEN + 1];
	if (strcmp(verb, "revoke") != 0 || nargs != 3 || !reason_ok(reason)) {
		fprintf(stderr, "anzhid: documents revoke CODE --reason TEXT (at most %d bytes)\n",
			REVIEW_REASON_MAX);
		return 2;
	}
	if (!docseal_code_parse(args[2], code, key_id)) {
		fprintf(stderr, "anzhid: %s is not a verification code\n", args[2]);
		return 2;
	}
	if (store_begin(st) != STORE_OK)
		return 1;
	return done(st, store_document_revoke(st, code, now, reason), "document", code, out);
}
