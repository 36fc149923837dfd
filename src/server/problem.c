/* problem — RFC 9457 problem details with the stable codes of doc/api.md. */
#include "server/srv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct problem_kind {
	const char *code;
	const char *title;
};

/* code → title; the type URI is derived from the code. */
static const struct problem_kind kinds[] = {
	{ "invalid_json", "Invalid JSON" },
	{ "missing_field", "Missing field" },
	{ "invalid_field", "Invalid field" },
	{ "unauthorized", "Unauthorized" },
	{ "not_found", "Not found" },
	{ "forbidden", "Forbidden" },
	{ "conflict", "Conflict" },
	{ "declaration_not_passed", "Declaration not passed" },
	{ "excluded", "Excluded by the rules" },
	{ "not_eligible", "Not eligible" },
	{ "four_eyes", "Four eyes" },
	{ "precondition_required", "Precondition required" },
	{ "precondition_failed", "Precondition failed" },
	{ "too_large", "Payload too large" },
	{ "unsupported_type", "Unsupported media type" },
	{ "rate_limited", "Too many requests" },
	{ "idempotency_key_reused", "Idempotency key reused" },
	{ "method_not_allowed", "Method not allowed" },
	{ "month_not_pending", "Month not awaiting review" },
	{ "item_not_pending", "Dispatch item not awaiting review" },
	{ "declaration_submitted", "Declaration submitted" },
	{ "not_decided", "Not decided by a reviewer" },
	{ "not_your_decision", "Decided by another reviewer" },
	{ "unavailable", "Service unavailable" },
	{ "internal", "Internal error" },
	{ "weak_password", "Password not allowed" },
	{ "totp_required", "Second factor required" },
	{ "totp_enrolment_required", "Second factor enrolment required" },
	{ "deadline_passed", "Filing deadline passed" },
	{ "year_closed", "Business year closed" },
};

void srv_json(struct srv_reply *rp, int status, json_t *body)
{
	if (rp->body)
		json_decref(rp->body);
	free(rp->text);
	rp->text = NULL;
	rp->status = status;
	rp->body = body;
	rp->problem = 0;
}

void srv_json_text(struct srv_reply *rp, int status, char *text, size_t len)
{
	srv_json(rp, status, NULL);
	rp->text = text;
	rp->text_len = len;
}

void srv_etag(struct srv_reply *rp, json_int_t version)
{
	snprintf(rp->etag, sizeof rp->etag, "\"%lld\"", (long long)version);
}

int srv_problem(struct srv_reply *rp, int status, const char *code, const char *field,
		const char *fmt, ...)
{
	const char *title = "Error";
	char detail[512], type[128], dashed[48];
	va_list ap;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].code, code) == 0)
			title = kinds[i].title;
	snprintf(dashed, sizeof dashed, "%s", code);
	for (char *p = dashed; *p; p++)
		if (*p == '_')
			*p = '-';
	snprintf(type, sizeof type, "https://anzhi.invalid/problems/%s", dashed);
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);

	json_t *b = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title", title,
			      "status", status, "code", code, "detail", detail);
	if (field && b)
		json_object_set_new(b, "field", json_string(field));
	srv_json(rp, status, b);
	rp->problem = 1;
	return status;
}
