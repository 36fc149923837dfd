/* idem — see idem.h. */
#include "server/idem.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/store.h"

static void update(crypto_generichash_state *g, const char *s, size_t n)
{
	crypto_generichash_update(g, (const unsigned char *)s, n);
}

void idem_digest(const char *body, size_t len, const struct srv_form *form, char hex[65])
{
	unsigned char h[32];
	crypto_generichash_state g;
	crypto_generichash_init(&g, NULL, 0, sizeof h);
	if (form) {
		update(&g, form->text, form->text_len);
		for (int i = 0; i < form->nfiles; i++) {
			update(&g, "\n", 1);
			update(&g, form->files[i].digest, strlen(form->files[i].digest));
		}
	} else if (body && len) {
		update(&g, body, len);
	}
	crypto_generichash_final(&g, h, sizeof h);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

int idem_replay(struct srv_req *rq, const char *digest, struct srv_reply *rp)
{
	struct idem_answer req = { 0 }, first;
	snprintf(req.method, sizeof req.method, "%s", rq->method);
	snprintf(req.path, sizeof req.path, "%s", rq->path);
	snprintf(req.digest, sizeof req.digest, "%s", digest);
	int rc = store_idem_claim(rq->st, rq->user.id, rq->idem_key, &req, (int64_t)time(NULL),
				  &first);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the idempotency key");
		return -1;
	}
	if (strcmp(first.method, rq->method) != 0 || strcmp(first.path, rq->path) != 0 ||
	    strcmp(first.digest, digest) != 0) {
		free(first.body);
		srv_problem(rp, 422, "idempotency_key_reused", "Idempotency-Key",
			    "this key came with another request: a new request takes a new key");
		return 1;
	}
	json_t *b = first.body[0] ? json_loads(first.body, JSON_DECODE_ANY, NULL) : NULL;
	free(first.body);
	srv_json(rp, first.status, b);
	json_t *ver = json_object_get(b, "version");
	if (json_is_integer(ver))
		srv_etag(rp, json_integer_value(ver));
	return 1;
}

int idem_record(struct srv_req *rq, const char *digest, struct srv_reply *rp)
{
	struct idem_answer a = { .status = rp->status };
	snprintf(a.method, sizeof a.method, "%s", rq->method);
	snprintf(a.path, sizeof a.path, "%s", rq->path);
	snprintf(a.digest, sizeof a.digest, "%s", digest);
	a.body = rp->text   ? strndup(rp->text, rp->text_len)
		 : rp->body ? json_dumps(rp->body, JSON_COMPACT)
			    : strdup("");
	int rc = a.body ? store_idem_put(rq->st, rq->user.id, rq->idem_key, &a, (int64_t)time(NULL))
			: STORE_ERROR;
	free(a.body);
	if (rc != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not record the idempotency key");
		return -1;
	}
	return 0;
}

int idem_release(struct srv_req *rq, struct srv_reply *rp)
{
	if (store_idem_release(rq->st, rq->user.id, rq->idem_key) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not release the idempotency key");
		return -1;
	}
	return 0;
}
