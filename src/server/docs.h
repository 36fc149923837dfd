/* docs — the service's side of sealed documents (doc.h draws and signs them):
 * the signing keys, the clock, the documents' data from the store, and
 * issuing — a cached file when the content and key are unchanged, else a new
 * one, recorded under its verification code.
 *
 * Keys: the secret half of each key is DATA/keys/<id>.key (its 32-byte seed
 * in hex; file 0600, directory 0700), the public half a signing_keys row
 * (GET /keys publishes every one). New documents use the newest key not
 * revoked; old public keys stay published, so old documents still verify.
 *
 * Test mode, never on by default: ANZHID_TEST_CLOCK=<Unix seconds> fixes the
 * signing clock, ANZHID_TEST_KEY_SEED=<64 hex digits> makes the next key from
 * that seed — so that a document is the same bytes on every run. */
#ifndef ANZHI_SERVER_DOCS_H
#define ANZHI_SERVER_DOCS_H

#include <stdint.h>
#include <stdio.h>

#include "server/doc.h"
#include "server/srv.h"
#include "server/store.h"

/* Unix seconds now, or ANZHID_TEST_CLOCK's. */
int64_t docs_clock(void);
/* "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai for t. */
void docs_time_text(int64_t t, char buf[20]);
/* A line for the service's log when a test variable is set, else NULL. */
const char *docs_test_mode(void);

/* Makes a new key: the secret file, then its row. The caller runs it inside
 * a transaction. 0, or -1 with err. */
int docs_key_rotate(struct store *st, const char *data_dir, struct key_row *made, char *err,
		    size_t errlen);
/* Makes the first key when the store has none (serve's start). 1 made, 0
 * there was one, -1 error. */
int docs_key_ensure(struct store *st, const char *data_dir, struct key_row *made, char *err,
		    size_t errlen);
/* The newest key with its secret half; -1 with err when none or its file is
 * missing or does not match the published half. */
int docs_key_current(struct store *st, const char *data_dir, struct doc_key *key, char *err,
		     size_t errlen);

/* The unit as its documents show it (names of its kind and federation, the
 * region chain for the seal). -1 when the unit cannot be read. */
int docs_unit(struct srv_ctx *ctx, struct store *st, const char *uscc, struct doc_unit *u);
/* The layout of one kind for the unit's year, from the store; NULL with err
 * when it cannot be made (reward-certification is made by the reward
 * workflow from its own data: NULL here). */
struct doc_layout *docs_layout(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u,
			       int year, enum doc_kind kind, char *err, size_t errlen);

/* The document of layout l for the unit's year: the cached file when its
 * content version and the current key are unchanged and it is not revoked,
 * else a new one, signed now, recorded (documents) and cached. Runs its own
 * write transaction (call it outside one). out->pdf is the file. */
int docs_issue(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u, int year,
	       const struct doc_layout *l, struct doc_file *out, char *err, size_t errlen);

/* Issues layout l (taken, freed here) for the unit's year with docs_issue —
 * call it outside a write transaction — and fills rp with the PDF as an
 * attachment named KIND-USCC-YEAR.pdf, or with a 500 problem. */
void docs_reply(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u, int year,
		struct doc_layout *l);

/* The store verbs `anzhid keys rotate|list|revoke ID` and `anzhid documents
 * revoke CODE --reason TEXT`: the exit status. */
int docs_verb(struct srv_ctx *ctx, struct store *st, const char *const *args, int nargs,
	      const char *reason, FILE *out);

#endif
