/* api: the service's calls on top of net — URL and token, JSON in and out,
 * Idempotency-Key on POSTs, problem details turned into translated messages,
 * and delivery of each reply to the screen that asked (dropped when that screen
 * has gone). */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/engine.h"

/* problem `code` → message (English msgids; doc/api.md's stable codes) */
static const struct {
	const char *code, *msg;
} problems[] = {
	{ "invalid_json", N_("The service could not read the request") },
	{ "missing_field", N_("A required field is empty") },
	{ "invalid_field", N_("A field is not valid") },
	{ "unauthorized", N_("Not signed in, or the session has expired") },
	{ "not_found", N_("Not found") },
	{ "forbidden", N_("Your role may not do this") },
	{ "conflict", N_("Not possible in the record's present state") },
	{ "precondition_required", N_("The record's version is missing") },
	{ "precondition_failed", N_("Someone else changed this record meanwhile") },
	{ "too_large", N_("The file is too large (at most 100 MB)") },
	{ "quota_exceeded", N_("The unit's materials would exceed its storage quota: delete some first") },
	{ "unsupported_type", N_("Only jpeg, jpg, png and pdf files are accepted") },
	{ "rate_limited", N_("Too many attempts; wait a moment") },
	{ "idempotency_key_reused", N_("The service took this for a repeat of another request: send it again") },
	{ "unavailable", N_("The service is busy; try again in a moment") },
	{ "internal", N_("The service failed; try again later") },
	{ "month_not_pending", N_("The month no longer awaits review: decided already, or confirmed by the system") },
	{ "item_not_pending", N_("The dispatch item no longer awaits review") },
	{ "declaration_submitted", N_("The unit has submitted its declaration: review decisions are closed") },
	{ "not_decided", N_("No reviewer has decided it: nothing to reopen") },
	{ "not_your_decision", N_("Another reviewer decided it: a supervisor may reopen it") },
	{ "bad_credentials", N_("Wrong user name or password") },
	{ "invalid_credentials", N_("Wrong user name or password") },
	{ "weak_password", N_("Password not allowed: at least 8 characters, not the user name, "
			      "not a common password") },
	{ "totp_required", N_("Enter the 6-digit code of your authenticator, or a recovery code") },
	{ "totp_enrolment_required",
	  N_("A second factor is required for your role: set one up first") },
	{ "deadline_passed",
	  N_("The filing deadline has passed: ask the disabled persons' federation to reopen "
	     "filing") },
	{ "year_closed", N_("This business year is closed for filing") },
	/* rewards and graduate applications (doc/api.md, issue 12) */
	{ "four_eyes", N_("The second review must be done by another supervisor than the one who did the first review or applied") },
	{ "declaration_not_passed", N_("The year's declaration has not passed the annual review yet") },
	{ "excluded", N_("The policy excludes this unit from the reward") },
	{ "not_eligible", N_("The persons placed do not reach the reward") },
};

const char *api_problem_text(const char *code)
{
	for (size_t i = 0; code && i < sizeof problems / sizeof problems[0]; i++)
		if (strcmp(problems[i].code, code) == 0)
			return _(problems[i].msg);
	return NULL;
}

/* field path (indices removed) → label */
static const struct {
	const char *path, *label;
} fields[] = {
	{ "person.idno", N_("ID number") },
	{ "person.name", N_("Name") },
	{ "person.hukou_type", N_("Household type") },
	{ "person.hukou_region", N_("Household region") },
	{ "person.hukou_address", N_("Household address") },
	{ "person.phone", N_("Phone") },
	{ "person.education", N_("Education") },
	{ "person.guardian_name", N_("Guardian") },
	{ "person.guardian_phone", N_("Guardian phone") },
	{ "person.graduate", N_("Graduate") },
	{ "contracts", N_("Contracts") },
	{ "contracts[].start", N_("Start") },
	{ "contracts[].end", N_("End") },
	{ "contracts[].type", N_("Contract type") },
	{ "contracts[].monthly_wage", N_("Monthly wage") },
	{ "certificates", N_("Certificates") },
	{ "certificates[].number", N_("Certificate number") },
	{ "certificates[].level", N_("Level") },
	{ "certificates[].category", N_("Category") },
	{ "certificates[].valid_from", N_("Valid from") },
	{ "certificates[].valid_to", N_("Valid to") },
	{ "months", N_("Months") },
	{ "username", N_("User name") },
	{ "password", N_("Password") },
	{ "file", N_("File") },
	{ "filename", N_("File name") },
	{ "months[].reason", N_("Reason") },
	{ "staff", N_("Staff last year") },
	{ "bank", N_("Bank account") },
	{ "institution_category", N_("Institution category") },
	{ "concentrated", N_("Concentrated placement unit") },
};

const char *api_field_label(const char *path)
{
	if (!path)
		return NULL;
	char norm[128];
	size_t j = 0;
	for (const char *p = path; *p && j < sizeof norm - 1; p++) {
		if (*p == '[') {   /* contracts[0].start → contracts[].start */
			norm[j++] = '[';
			while (*p && *p != ']')
				p++;
			if (!*p)
				break;
			if (j < sizeof norm - 1)
				norm[j++] = ']';
			continue;
		}
		norm[j++] = *p;
	}
	norm[j] = '\0';
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(fields[i].path, norm) == 0)
			return _(fields[i].label);
	return NULL;
}

bool api_init(struct app *a)
{
	struct net_tls tls = { a->cfg.pin, a->cfg.cafile };
	a->net = net_new(&tls);
	size_t n = strlen(a->cfg.server);
	while (n && a->cfg.server[n - 1] == '/')
		n--;
	a->base = xasprintf("%.*s/api/v1", (int)n, a->cfg.server);
	return a->net != NULL;
}

void api_shutdown(struct app *a)
{
	net_free(a->net);   /* cancels what runs; callbacks find no screens */
	a->net = NULL;
	batch_drop_all(a);
	for (int i = 0; i < APP_MAX_REQS; i++) {
		free(a->reqs[i].file);
		a->reqs[i].file = NULL;
		a->reqs[i].id = 0;
	}
	free(a->base);
	a->base = NULL;
}

static struct app_req *req_slot(struct app *a, int id)
{
	for (int i = 0; i < APP_MAX_REQS; i++)
		if (a->reqs[i].id == id)
			return &a->reqs[i];
	return NULL;
}

static const char *transport_text(const struct net_result *r, char *buf, size_t bufsz,
				  const char *server)
{
	switch (r->curl_code) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(buf, bufsz, _("Cannot reach the service at %s"), server);
		break;
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		snprintf(buf, bufsz, "%s",
			 _("The service's key does not match the pinned key (--pin): not connecting"));
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
		snprintf(buf, bufsz, "%s", _("Secure connection failed (TLS)"));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(buf, bufsz, "%s", _("The service did not answer in time"));
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		snprintf(buf, bufsz, "%s", _("The connection to the service broke off"));
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		snprintf(buf, bufsz, _("Not a usable service address: %s"), server);
		break;
	case CURLE_READ_ERROR:
		snprintf(buf, bufsz, "%s", _("Cannot read the file to upload"));
		break;
	case CURLE_WRITE_ERROR:
		snprintf(buf, bufsz, "%s", _("Cannot write the downloaded file"));
		break;
	default:
		snprintf(buf, bufsz, "%s", _("Network error"));
	}
	return buf;
}

/* The screen says a failure in the user's words; the message log keeps, after
 * it, what the service or curl said (English, for whoever helps the user). */
static void log_details(struct app *a, const struct net_result *r, const struct api_reply *rep)
{
	if (rep->ok || r->cancelled)
		return;
	if (r->curl_code != CURLE_OK)
		app_log_detail(a, "curl %d: %s", (int)r->curl_code, r->curl_error);
	else if (rep->detail && *rep->detail)
		app_log_detail(a, "HTTP %ld %s%s%s: %s", r->status, rep->code, rep->field ? " " : "",
			       rep->field ? rep->field : "", rep->detail);
}

static void on_done(void *ctx, int id, const struct net_result *r)
{
	struct app *a = ctx;
	struct app_req *slot = req_slot(a, id);
	if (!slot)
		return;
	struct app_req rq = *slot;
	slot->id = 0;
	slot->file = NULL;
	slot->batch = NULL;
	slot->fn = NULL;
	struct view *v = rq.fn ? NULL : app_find_view(a, rq.gen);
	static char msg[400];
	struct api_reply rep = { 0 };
	rep.tag = rq.tag;
	rep.status = r->status;
	rep.etag = r->etag;
	rep.file = rq.file;
	json_t *body = NULL;
	if (!rq.file && r->body_len > 0) {
		body = json_loadb(r->body, r->body_len, 0, NULL);
	}
	rep.body = body;
	if (r->cancelled) {
		snprintf(msg, sizeof msg, "%s", _("Cancelled"));
		rep.message = msg;
		rep.code = "cancelled";
	} else if (r->curl_code != CURLE_OK) {
		rep.message = transport_text(r, msg, sizeof msg, a->cfg.server);
		rep.code = "transport";
	} else if (r->status >= 200 && r->status < 300) {
		rep.ok = true;
		if (!rq.file && r->body_len > 0 && !body) {
			rep.ok = false;
			rep.code = "garbage";
			snprintf(msg, sizeof msg, "%s", _("The service sent an answer anzhi cannot read"));
			rep.message = msg;
		}
	} else {
		const char *code = NULL, *field = NULL, *detail = NULL;
		if (json_is_object(body)) {
			code = json_string_value(json_object_get(body, "code"));
			field = json_string_value(json_object_get(body, "field"));
			detail = json_string_value(json_object_get(body, "detail"));
		}
		const char *text = api_problem_text(code);
		char wait[200];
		if (r->status == 429 && r->retry_after > 0) {   /* say for how long */
			if (r->retry_after >= 120)
				snprintf(wait, sizeof wait, _("Too many attempts: try again in %ld minutes"),
					 (r->retry_after + 59) / 60);
			else
				snprintf(wait, sizeof wait, _("Too many attempts: try again in %ld seconds"),
					 r->retry_after);
			text = wait;
		}
		if (!text) {
			if (r->status >= 500)
				snprintf(msg, sizeof msg, _("The service failed (HTTP %ld); try again later"),
					 r->status);
			else
				snprintf(msg, sizeof msg, _("The service refused the request (HTTP %ld)"),
					 r->status);
		} else {
			const char *fl = api_field_label(field);
			if (fl)
				snprintf(msg, sizeof msg, "%s: %s", fl, text);
			else
				snprintf(msg, sizeof msg, "%s", text);
		}
		rep.message = msg;
		rep.code = code ? code : "http";
		rep.field = field;
		rep.detail = detail;
	}
	if (rq.batch)
		rep.batch_left = batch_answered(rq.batch, r->cancelled);
	rep.retry_after = r->retry_after;
	if (rq.fn)
		rq.fn(a, rq.fn_ctx, &rep);
	if (v && v->scr->reply)
		v->scr->reply(v, &rep);
	log_details(a, r, &rep);
	leave_request_done(a, id);
	if (rq.batch)
		batch_continue(rq.batch);
	if (r->status == 401 && a->sess.token && rq.tag != API_TAG_NONE && v &&
	    v->scr != a->screens.login) {
		/* the session ended (expired, or the service restarted): sign in again */
		app_flash(a, true, "%s", _("Not signed in, or the session has expired"));
		free(a->sess.token);
		a->sess.token = NULL;
		app_reset(a, a->screens.login, NULL);
	}
	else if (rq.file)
		unlink(rq.file);   /* nobody wants the download any more */
	json_decref(body);
	free(rq.file);
}

static int start_req(struct app *a, unsigned gen, int tag, struct net_req *rq, const char *file,
		     api_done_fn fn, void *fn_ctx)
{
	struct app_req *slot = req_slot(a, 0);
	if (!slot) {
		app_flash(a, true, "%s", _("Too many requests at once"));
		return 0;
	}
	char auth[400];
	int h = 0;
	while (h < 7 && rq->headers[h])
		h++;
	if (a->sess.token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", a->sess.token);
		rq->headers[h++] = auth;
	}
	rq->headers[h] = NULL;
	bool was_busy = net_busy(a->net);
	int id = net_start(a->net, rq, on_done, a);
	if (!id) {
		app_flash(a, true, "%s", _("Cannot start the request"));
		return 0;
	}
	if (!was_busy)
		a->busy_since = clock_now();
	slot->id = id;
	slot->gen = gen;
	slot->tag = tag;
	slot->file = file ? xstrdup(file) : NULL;
	slot->batch = NULL;
	slot->fn = fn;
	slot->fn_ctx = fn_ctx;
	return id;
}

static int start(struct view *v, int tag, struct net_req *rq, const char *file)
{
	return start_req(v->app, v->gen, tag, rq, file, NULL, NULL);
}

int api_call_fn(struct app *a, api_done_fn fn, void *ctx, const char *method, const char *path,
		const char *body, const char *if_match, const char *idem)
{
	char *url = xasprintf("%s%s", a->base, path);
	char im[64], key[100];
	struct net_req rq = { .method = method, .url = url, .body = body };
	int h = 0;
	if (if_match) {
		snprintf(im, sizeof im, "If-Match: %s", if_match);
		rq.headers[h++] = im;
	}
	if (idem) {
		snprintf(key, sizeof key, "Idempotency-Key: %s", idem);
		rq.headers[h++] = key;
	}
	int id = start_req(a, 0, API_TAG_NONE, &rq, NULL, fn, ctx);
	free(url);
	return id;
}

int api_call(struct view *v, int tag, const char *method, const char *path,
	     const json_t *body, const char *if_match)
{
	struct app *a = v->app;
	char *url = xasprintf("%s%s", a->base, path);
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	struct net_req rq = { 0 };
	rq.method = method;
	rq.url = url;
	rq.body = text;
	rq.retry = strcmp(method, "GET") == 0;
	char im[64], idem[80];
	int h = 0;
	if (if_match) {
		snprintf(im, sizeof im, "If-Match: %s", if_match);
		rq.headers[h++] = im;
	}
	if (strcmp(method, "POST") == 0) {
		/* a retried POST must not submit twice: the service replays its answer */
		unsigned char rnd[16];
		char hex[33];
		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
		snprintf(idem, sizeof idem, "Idempotency-Key: %s", hex);
		rq.headers[h++] = idem;
		rq.retry = true;
	}
	int id = start(v, tag, &rq, NULL);
	free(text);
	free(url);
	return id;
}

int api_save(struct view *v, int tag, const char *method, const char *path,
	     const json_t *body, const char *if_match)
{
	int id = api_call(v, tag, method, path, body, if_match);
	if (id)
		app_flash(v->app, false, "%s", _("Saving..."));
	return id;
}

/* Starts a multipart POST with a fresh Idempotency-Key. */
static int upload(struct view *v, int tag, const char *path, struct net_req *rq)
{
	struct app *a = v->app;
	char *url = xasprintf("%s%s", a->base, path);
	rq->method = "POST";
	rq->url = url;
	char idem[80];
	unsigned char rnd[16];
	char hex[33];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", hex);
	rq->headers[0] = idem;
	int id = start(v, tag, rq, NULL);
	free(url);
	return id;
}

int api_upload_parts(struct view *v, int tag, const char *path, const char *field,
		     const char *text, const char *const *files, int nfiles)
{
	struct net_req rq = { 0 };
	rq.upload_field = field;
	rq.upload_kind = text ? text : "";
	for (int i = 0; i < nfiles && i < 9; i++) {
		if (i == 0)
			rq.upload_file = files[0];
		else
			rq.upload_more[i - 1] = files[i];
	}
	return upload(v, tag, path, &rq);
}

int api_upload(struct view *v, int tag, const char *path, const char *kind, const char *file)
{
	return api_upload_parts(v, tag, path, "kind", kind ? kind : "other", &file, 1);
}

int api_upload_form(struct view *v, int tag, const char *path, const char *parts,
		    const char *file)
{
	struct net_req rq = { 0 };
	rq.upload_file = file;
	rq.upload_fields = parts;
	return upload(v, tag, path, &rq);
}

int api_download(struct view *v, int tag, const char *path, const char *dest)
{
	struct app *a = v->app;
	char *url = xasprintf("%s%s", a->base, path);
	struct net_req rq = { 0 };
	rq.method = "GET";
	rq.url = url;
	rq.retry = true;
	rq.download_to = dest;
	int id = start(v, tag, &rq, dest);
	free(url);
	return id;
}

void api_req_set_batch(struct app *a, int id, struct app_batch *b)
{
	struct app_req *slot = req_slot(a, id);
	if (slot)
		slot->batch = b;
}

bool api_progress(struct app *a, int id, long long *now, long long *total)
{
	return a->net && net_progress(a->net, id, now, total);
}

void api_cancel(struct app *a, int id)
{
	if (a->net)
		net_cancel(a->net, id);
}

bool api_busy(struct app *a)
{
	return a->net && net_busy(a->net);
}

bool api_busy_foreground(struct app *a)
{
	for (int i = 0; i < APP_MAX_REQS; i++)
		if (a->reqs[i].id && !a->reqs[i].fn)
			return true;
	return false;
}
