/* idem — Idempotency-Key on POSTs (issue 13): a key is bound to the request
 * it first came with — user, method, path and a digest of the body — so that
 * the same request again gets the first answer and changes nothing, while
 * the key on any other request is refused (422 idempotency_key_reused,
 * field Idempotency-Key) and changes nothing either. No libmicrohttpd types:
 * http.c calls these inside the write's transaction. */
#ifndef ANZHI_SERVER_IDEM_H
#define ANZHI_SERVER_IDEM_H

#include <stddef.h>

#include "server/srv.h"

/* The request's digest (hex BLAKE2b-256): of the body's bytes, or for a
 * multipart upload (form not NULL) of its text part (a material's kind, a
 * reason) and its files' digests. */
void idem_digest(const char *body, size_t len, const struct srv_form *form, char hex[65]);
/* Claims rq's key (a concurrent request with it waits for this one's
 * transaction). 1 when the key was seen: rp holds the first answer (same
 * request) or the 422 (another request); 0 when the request is new and the
 * key now held; -1 (500 in rp) when the store failed (store_retryable: the
 * transaction met a deadlock and may run again). */
int idem_replay(struct srv_req *rq, const char *digest, struct srv_reply *rp);
/* Keeps rp as the answer to rq's key. 0, or -1 with the 500 in rp. */
int idem_record(struct srv_req *rq, const char *digest, struct srv_reply *rp);
/* Lets go of rq's claim before a step that deferred commits: a write run in
 * several transactions claims its key at each step and keeps it only with
 * its answer (a retry sent meanwhile runs too, and the later of the two to
 * answer replays the first's). 0, or -1 with the 500 in rp. */
int idem_release(struct srv_req *rq, struct srv_reply *rp);

#endif
