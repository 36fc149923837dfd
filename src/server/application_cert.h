/* application_cert — the 奖励审核认定书 (reward certification) of an approved
 * reward application: what the documents module draws (struct
 * doc_reward_certification, doc.h), taken from the application as approved
 * — never recomputed — with the unit as its documents show it (docs_unit);
 * and the sealed PDF issued (docs.h) as the answer. */
#ifndef ANZHI_SERVER_APPLICATION_CERT_H
#define ANZHI_SERVER_APPLICATION_CERT_H

#include <jansson.h>

#include "server/doc.h"
#include "server/srv.h"
#include "server/store.h"

struct application_cert {
	struct doc_reward_certification doc;
	struct doc_person *persons;       /* owned: doc.persons points here */
};

/* The certificate of approved reward application a, with its PERSON[] as
 * stored (the counted persons only, by the full names the unit registered).
 * 0, or -1 (store). */
int application_cert_fill(struct srv_ctx *ctx, struct store *st, const struct application_row *a,
			  const json_t *persons, struct application_cert *out);
void application_cert_free(struct application_cert *c);

/* Issues the certificate as the sealed PDF and fills rp (a 500 when it
 * cannot be made). */
void application_cert_issue(struct srv_req *rq, struct srv_reply *rp,
			    const struct application_row *a, struct application_cert *c);

#endif
