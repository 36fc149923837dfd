/* h_policies — 政策法规: the list (title, issuer, 文号, date) and one
 * document's text with its source, from the documents loaded at start
 * (policies.c). */
#include <string.h>

#include "server/handlers.h"
#include "server/policies.h"

static json_t *str_or_null(const char *s)
{
	return *s ? json_string(s) : json_null();
}

/* The members the list and the reader share. */
static json_t *head(const struct policy_doc *d)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:b}", "id", d->id, "title", d->title, "issuer",
			 d->issuer, "number", str_or_null(d->number), "date", str_or_null(d->date),
			 "summary", d->summary);
}

void h_policy_list(struct srv_req *rq, struct srv_reply *rp)
{
	const struct policy_library *lib = rq->ctx->policies;
	json_t *items = json_array();
	for (size_t i = 0; lib && i < lib->n; i++)
		json_array_append_new(items, head(&lib->docs[i]));
	srv_json(rp, 200, json_pack("{s:o}", "items", items));
}

void h_policy_read(struct srv_req *rq, struct srv_reply *rp)
{
	const struct policy_doc *d =
		rq->ctx->policies ? policies_find(rq->ctx->policies, rq->params[0]) : NULL;
	if (!d) {
		srv_problem(rp, 404, "not_found", NULL, "no such policy document");
		return;
	}
	json_t *o = head(d), *see = json_array();
	for (int i = 0; i < d->n_see; i++)
		json_array_append_new(see, json_string(d->see[i]));
	json_object_set_new(o, "effective", str_or_null(d->effective));
	json_object_set_new(o, "source", json_string(d->source));
	json_object_set_new(o, "see", see);
	json_object_set_new(o, "text", json_string(d->text));
	srv_json(rp, 200, o);
}
