/* cli_verify: `anzhi verify FILE.pdf` checks a sealed document (承诺书,
 * 审核认定书 …) offline: its Ed25519 signature over every byte but itself,
 * under the federation's public key named by the seal — from --key FILE, the
 * keys kept at the last login ($XDG_STATE_HOME/anzhi/keys.json), or fetched
 * once from the configured service (GET /keys) and kept. `--online` also asks
 * the service whether the document was revoked. `anzhi verify --code CODE`
 * checks the QR code's text: well-formed and of a known key (offline), or
 * what the service recorded (--online).
 * Exit: 0 valid, 1 invalid (any changed byte, unknown or revoked key,
 * revoked document), 2 usage or could not check. */
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "base/i18n.h"
#include "client/cli_http.h"
#include "client/cli_shared.h"
#include "client/config.h"
#include "client/keystore.h"
#include "ui/text.h"
#include "wire/docseal.h"

enum { DOC_FILE_MAX = 64 << 20 };

static const char usage[] = N_(
	"usage: anzhi verify [--online] [--key FILE] FILE.pdf\n"
	"       anzhi verify [--online] [--key FILE] --code CODE\n"
	"         [--server URL] [--pin sha256//KEY] [--cafile FILE]\n"
	"  Checks a document anzhid issued: exit 0 valid, 1 invalid, 2 usage or\n"
	"  could not check. Keys: --key FILE, else those kept at login\n"
	"  ($XDG_STATE_HOME/anzhi/keys.json), else GET /keys from the service.\n");

struct verify_opts {
	const char *file, *code, *key_file;
	bool online;
	struct config cfg;
};

static const struct {
	const char *word, *label;
} kinds[] = {
	{ "commitment", N_("commitment letter") },
	{ "cancellation-form", N_("cancellation application") },
	{ "certification", N_("review certification") },
	{ "reward-certification", N_("reward certification") },
};

/* docseal's faults, translated */
static const char *const faults[DOCSEAL__FAULTS] = {
	[DOCSEAL_OK] = N_("sealed"),
	[DOCSEAL_NO_SEAL] = N_("no anzhi seal in the file (not a document anzhid issued)"),
	[DOCSEAL_BAD_RANGE] = N_("the seal's byte range is malformed"),
	[DOCSEAL_NOT_WHOLE] = N_("the seal's byte range does not cover the whole file"),
	[DOCSEAL_BAD_HEX] = N_("the signature is not 128 lowercase hex digits"),
	[DOCSEAL_BAD_META] = N_("the seal's metadata line is missing or malformed"),
};

static const char *kind_label(const char *word)
{
	for (size_t i = 0; word && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].word, word) == 0)
			return _(kinds[i].label);
	return word ? word : "";
}

/* Prints a translated template with {1}..{3} replaced by cleaned strings. */
static void say(FILE *f, const char *tmpl, const char *a, const char *b, const char *c)
{
	char *ca = text_clean(a ? a : ""), *cb = text_clean(b ? b : ""), *cc = text_clean(c ? c : "");
	const char *args[5] = { ca, cb, cc, NULL, NULL };
	char line[2048];
	i18n_subst(line, sizeof line, tmpl, args);
	fprintf(f, "%s\n", line);
	free(ca);
	free(cb);
	free(cc);
}

static int invalid(const char *tmpl, const char *a, const char *b)
{
	char reason[1024];
	const char *args[5] = { a, b, NULL, NULL, NULL };
	i18n_subst(reason, sizeof reason, tmpl, args);
	say(stdout, _("invalid: {1}"), reason, NULL, NULL);
	return CLI_INVALID;
}

/* ---------------------------------------------------------------- options */

static int parse(int argc, char **argv, struct verify_opts *o)
{
	struct config_error ferr = { 0 };
	memset(o, 0, sizeof *o);
	config_load(&o->cfg, &ferr);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		char *field = NULL;
		size_t fsize = 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(_(usage), stdout);
			return -1;
		}
		if (strcmp(a, "--online") == 0) {
			o->online = true;
			continue;
		}
		if (strcmp(a, "--key") == 0)
			dst = &o->key_file;
		else if (strcmp(a, "--code") == 0)
			dst = &o->code;
		else if (strcmp(a, "--server") == 0)
			field = o->cfg.server, fsize = sizeof o->cfg.server;
		else if (strcmp(a, "--pin") == 0)
			field = o->cfg.pin, fsize = sizeof o->cfg.pin;
		else if (strcmp(a, "--cafile") == 0)
			field = o->cfg.cafile, fsize = sizeof o->cfg.cafile;
		else if (a[0] == '-' && a[1])
			return cli_usage_error("verify", a, _("unknown option {2}"), NULL);
		else if (!o->file) {
			o->file = a;
			continue;
		} else {
			return cli_usage_error("verify", a, _("one file at a time ({2})"), NULL);
		}
		if (i + 1 >= argc || !argv[i + 1][0])
			return cli_usage_error("verify", a, _("option {2} needs a value"), NULL);
		if (dst)
			*dst = argv[++i];
		else if (snprintf(field, fsize, "%s", argv[++i]) >= (int)fsize)
			return cli_usage_error("verify", a, _("value too long for {2}"), NULL);
	}
	if (!!o->file == !!o->code)
		return cli_usage_error("verify", "", _("give one FILE.pdf or --code CODE (see --help)"),
				       NULL);
	if (o->online && !o->cfg.server[0])
		return cli_usage_error("verify", "--online",
				       _("{2} needs the service: --server URL or 'server =' in the config file"),
				       NULL);
	return 0;
}

/* ------------------------------------------------------------------- keys */

/* GET /keys from the service, kept as keys.json; NULL when it cannot. */
static json_t *fetch_keys(const struct verify_opts *o)
{
	struct cli_http r;
	json_t *k = NULL;
	if (cli_http_get(&o->cfg, "/keys", &r) == 0 && r.status == 200) {
		k = json_loads(r.body, 0, NULL);
		if (k && json_is_array(json_object_get(k, "keys"))) {
			if (keystore_save(k) != 0)
				say(stderr, _("anzhi verify: could not keep the keys in {1}"), "keys.json",
				    NULL, NULL);
		} else {
			json_decref(k);
			k = NULL;
		}
	} else {
		say(stderr, _("anzhi verify: could not fetch the keys from {1}: {2}"), o->cfg.server,
		    r.status ? "HTTP error" : r.err, NULL);
	}
	cli_http_free(&r);
	return k;
}

/* The keys to check key id against: --key FILE; else the kept ones, fetched
 * from the service when there are none or they lack id. NULL when there are
 * none at all (*status = 2). */
static json_t *keys_for(const struct verify_opts *o, const char *id, int *status)
{
	const char *why;
	*status = CLI_USAGE;
	if (o->key_file) {
		json_t *k = keystore_read_file(o->key_file, &why);
		if (!k)
			say(stderr, "anzhi verify: {1}: {2}", o->key_file, why, NULL);
		return k;
	}
	json_t *k = keystore_load();
	struct keystore_key found;
	if ((!k || !keystore_find(k, id, &found)) && o->cfg.server[0]) {
		json_t *fresh = fetch_keys(o);
		if (fresh) {
			json_decref(k);
			k = fresh;
		}
	}
	if (!k)
		fputs(_("anzhi verify: no public keys: log in once, give --server URL, or --key FILE\n"),
		      stderr);
	return k;
}

/* 0 when id names a published key still in use (pk filled), else the exit. */
static int check_key(const json_t *keys, const char *id, unsigned char pk[32])
{
	struct keystore_key k;
	if (!keystore_find(keys, id, &k))
		return invalid(_("signed with key {1}, which the federation has not published"), id,
			       NULL);
	if (k.revoked_at)
		return invalid(_("signed with key {1}, which the federation revoked on {2}"), id,
			       k.revoked_at);
	memcpy(pk, k.pk, 32);
	return CLI_OK;
}

/* ----------------------------------------------------------------- online */

/* What the service's register says of code; its digest must be digest
 * (when given). The exit status; *rec = the record when it stands. */
static int ask_service(const struct verify_opts *o, const char *code, const char *digest,
		       json_t **rec)
{
	char path[96];
	struct cli_http r;
	snprintf(path, sizeof path, "/documents/%s", code);
	if (cli_http_get(&o->cfg, path, &r) != 0 || (r.status != 200 && r.status != 404)) {
		say(stderr, _("anzhi verify: could not ask the service: {1}"),
		    r.status ? "HTTP error" : r.err, NULL, NULL);
		cli_http_free(&r);
		return CLI_USAGE;
	}
	json_t *d = r.status == 200 ? json_loads(r.body, 0, NULL) : NULL;
	cli_http_free(&r);
	int st = CLI_OK;
	const char *got = json_string_value(json_object_get(d, "digest"));
	if (!d)
		st = invalid(_("the service has no record of this document"), NULL, NULL);
	else if (json_is_true(json_object_get(d, "revoked")))
		st = invalid(_("the federation revoked it on {1}: {2}"),
			     json_string_value(json_object_get(d, "revoked_at")),
			     json_string_value(json_object_get(d, "reason")));
	else if (digest && (!got || strcmp(got, digest) != 0))
		st = invalid(_("the service issued another file under this code"), NULL, NULL);
	if (st == CLI_OK)
		*rec = json_incref(d);
	json_decref(d);
	return st;
}

/* The register's line under a valid result, and the record freed. */
static void online_line(json_t *rec)
{
	if (!rec)
		return;
	say(stdout, _("  online:    issued {1}, not revoked"),
	    json_string_value(json_object_get(rec, "issued_at")), NULL, NULL);
	json_decref(rec);
}

/* ------------------------------------------------------------------ check */

static int verify_file(const struct verify_opts *o)
{
	size_t len = 0;
	struct docseal s;
	enum docseal_fault why;
	int st;
	unsigned char pk[32], d[32];
	char *pdf = file_read_all(o->file, DOC_FILE_MAX, &len);
	if (!pdf) {
		say(stderr, _("anzhi verify: cannot read {1}"), o->file, NULL, NULL);
		return CLI_USAGE;
	}
	const unsigned char *bytes = (const unsigned char *)pdf;
	if (!docseal_parse(bytes, len, &s, &why)) {
		free(pdf);
		return invalid("{1}", _(faults[why]), NULL);
	}
	json_t *keys = keys_for(o, s.key_id, &st);
	if (!keys) {
		free(pdf);
		return st;
	}
	st = check_key(keys, s.key_id, pk);
	json_decref(keys);
	if (st == CLI_OK && !docseal_verify(bytes, len, &s, pk))
		st = invalid(_("the signature does not match: the file was changed after signing"),
			     NULL, NULL);
	crypto_generichash(d, sizeof d, bytes, len, NULL, 0);
	free(pdf);
	char year[16], digest[65];
	json_t *rec = NULL;
	sodium_bin2hex(digest, sizeof digest, d, sizeof d);
	if (st == CLI_OK && o->online)
		st = ask_service(o, s.code, digest, &rec);
	if (st != CLI_OK)
		return st;
	snprintf(year, sizeof year, "%d", s.year);
	say(stdout, _("valid: {1}"), kind_label(s.kind), NULL, NULL);
	say(stdout, _("  unit:      {1} ({2})"), s.unit, s.uscc, NULL);
	say(stdout, _("  year:      {1}"), year, NULL, NULL);
	say(stdout, _("  key:       {1}"), s.key_id, NULL, NULL);
	say(stdout, _("  signed at: {1}"), s.signed_at, NULL, NULL);
	say(stdout, _("  code:      {1}"), s.code, NULL, NULL);
	online_line(rec);
	return CLI_OK;
}

static int verify_code(const struct verify_opts *o)
{
	char code[DOCSEAL_CODE_LEN + 1], id[DOCSEAL_KEY_ID_LEN + 1];
	unsigned char pk[32];
	int st;
	if (!docseal_code_parse(o->code, code, id))
		return invalid(_("not a well-formed verification code (mistyped?)"), NULL, NULL);
	json_t *keys = keys_for(o, id, &st);
	if (!keys)
		return st;
	st = check_key(keys, id, pk);
	json_decref(keys);
	json_t *rec = NULL;
	if (st == CLI_OK && o->online)
		st = ask_service(o, code, NULL, &rec);
	if (st != CLI_OK)
		return st;
	say(stdout, _("well-formed: {1}, of key {2}"), code, id, NULL);
	if (rec) {
		char year[16];
		snprintf(year, sizeof year, "%lld",
			 (long long)json_integer_value(json_object_get(rec, "year")));
		say(stdout, _("  document:  {1}"),
		    kind_label(json_string_value(json_object_get(rec, "kind"))), NULL, NULL);
		say(stdout, _("  unit:      {1} ({2})"),
		    json_string_value(json_object_get(rec, "unit_name")),
		    json_string_value(json_object_get(rec, "uscc")), NULL);
		say(stdout, _("  year:      {1}"), year, NULL, NULL);
	}
	online_line(rec);
	return CLI_OK;
}

int cli_verify(int argc, char **argv)
{
	struct verify_opts o;
	text_init(i18n_utf8());
	int st = parse(argc, argv, &o);
	if (st)
		return st < 0 ? CLI_OK : st;
	if (sodium_init() < 0) {
		fputs("anzhi verify: libsodium failed to start\n", stderr);
		return CLI_USAGE;
	}
	st = o.file ? verify_file(&o) : verify_code(&o);
	fflush(stdout);
	return st;
}
