/* import — registry CSV files (外部核验数据), one per source, all or nothing:
 * every row is validated (bad rows named by line and field) inside one
 * transaction, and the import itself is recorded (source, as-of date, file
 * digest, rows) so check results can name it. The person-months a payment
 * import touched are queued for recheck_pending (recheck.c), which the
 * import command runs next. Columns: doc/anzhid.8. */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/date.h"
#include "core/ident.h"
#include "core/money.h"
#include "core/policy.h"
#include "server/app.h"
#include "server/csv.h"
#include "server/eval.h"
#include "server/store.h"
#include "wire/wire.h"

#define MAX_COLS 12

struct source {
	const char *name;    /* command-line word */
	const char *stored;  /* import label */
	const char *header;  /* the exact first line */
	int ncols;
	int payment;         /* a registry_source + 1, 0 for persons and certificates */
};

static const struct source sources[] = {
	{ "wages", "wages", "idno,month,uscc,amount", 4, SOURCE_WAGES + 1 },
	{ "social-insurance", "social", "idno,month,uscc", 3, SOURCE_SOCIAL + 1 },
	{ "medical-insurance", "medical", "idno,month,uscc", 3, SOURCE_MEDICAL + 1 },
	{ "certificates", "certificates", "idno,number,type,level,category,valid_from,valid_to", 7,
	  0 },
	{ "persons", "persons",
	  "idno,name,gender,hukou_type,hukou_region,hukou_address,phone,education", 8, 0 },
};

struct row_ctx {
	struct store *st;
	int64_t import_id;
	const struct source *src;
	char *err;
	size_t errlen;
	const char *origin;
	long line;
};

__attribute__((format(printf, 3, 4)))
static int bad(struct row_ctx *c, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s:%ld: %s: %s", c->origin, c->line, field, msg);
	return -1;
}

static int check_idno(struct row_ctx *c, const char *s, struct idno *id)
{
	struct core_error ce;
	if (!idno_parse(s, id, &ce))
		return bad(c, "idno", "%s", ce.msg);
	return 0;
}

static int row_payment(struct row_ctx *c, char **col)
{
	struct idno id;
	struct core_error ce;
	int ym;
	int64_t fen = 0;
	if (check_idno(c, col[0], &id) != 0)
		return -1;
	if (!ym_parse(col[1], "month", &ym, &ce))
		return bad(c, "month", "%s", ce.msg);
	if (!uscc_valid(col[2], &ce))
		return bad(c, "uscc", "%s", ce.msg);
	if (c->src->payment == SOURCE_WAGES + 1) {
		if (!money_parse_fen(col[3], "amount", &fen, &ce))
			return bad(c, "amount", "%s", ce.msg);
		if (fen < 0)
			return bad(c, "amount", "must not be negative");
	}
	struct registry_payment pay = { .source = (enum registry_source)(c->src->payment - 1),
					.ym = ym_year(ym) * 100 + ym_month(ym), .fen = fen,
					.import_id = c->import_id };
	snprintf(pay.payer, sizeof pay.payer, "%s", col[2]);
	if (store_registry_payment_add(c->st, &pay, id.number, 1) != STORE_OK)
		return bad(c, "row", "%s", store_errmsg(c->st));
	return 0;
}

static int row_person(struct row_ctx *c, char **col)
{
	struct idno id;
	char birth[11];
	static const char *const hukou[] = { "urban", "rural", NULL };
	if (check_idno(c, col[0], &id) != 0)
		return -1;
	if (!*col[1] || strlen(col[1]) > WIRE_NAME_MAX)
		return bad(c, "name", "a name of 1–%d bytes is required", WIRE_NAME_MAX);
	if (!wire_text_ok(col[1], strlen(col[1])))
		return bad(c, "name", "not UTF-8 text, or holds control characters");
	if (strlen(col[5]) > WIRE_TEXT_MAX || !wire_text_ok(col[5], strlen(col[5])))
		return bad(c, "hukou_address", "at most %d bytes of UTF-8 text without control "
					       "characters", WIRE_TEXT_MAX);
	const char *gender = id.gender == GENDER_MALE ? "male" : "female";
	if (*col[2] && strcmp(col[2], gender) != 0)
		return bad(c, "gender", "the ID number says %s", gender);
	if (*col[3] && !wire_enum_ok(hukou, col[3]))
		return bad(c, "hukou_type", "expected urban or rural");
	if (*col[4] && (strlen(col[4]) != 6 || strspn(col[4], "0123456789") != 6))
		return bad(c, "hukou_region", "expected a 6-digit region code");
	if (!wire_phone_ok(col[6]))
		return bad(c, "phone", "not a phone number");
	if (*col[7] && !wire_enum_ok(wire_educations, col[7]))
		return bad(c, "education", "unknown education level");
	date_format(id.birth, birth);
	json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "idno",
			      id.number, "name", col[1], "gender", gender, "birth", birth,
			      "hukou_type", *col[3] ? json_string(col[3]) : json_null(),
			      "hukou_region", col[4], "hukou_address", col[5], "phone", col[6],
			      "education", *col[7] ? json_string(col[7]) : json_null());
	int rc = store_registry_person_put(c->st, p, c->import_id);
	json_decref(p);
	return rc == STORE_OK ? 0 : bad(c, "row", "%s", store_errmsg(c->st));
}

static int row_certificate(struct row_ctx *c, char **col)
{
	struct idno id;
	struct certno cn;
	struct core_error ce;
	struct ymd from, to;
	enum cert_type type;
	if (check_idno(c, col[0], &id) != 0)
		return -1;
	if (!policy_cert_type_parse(col[2], &type))
		return bad(c, "type", "expected disability or veteran");
	int level = atoi(col[3]), category = atoi(col[4]);
	if (level < 1 || level > (type == CERT_VETERAN ? 8 : 4))
		return bad(c, "level", "out of range");
	if (category < 1 || category > 7)
		return bad(c, "category", "expected 1–7");
	if (type == CERT_DISABILITY) {
		if (!certno_parse(col[1], &cn, &ce) ||
		    !certno_matches(cn.number, id.number, category, level, &ce))
			return bad(c, "number", "%s", ce.msg);
	}
	if (!date_parse(col[5], "valid_from", &from, &ce))
		return bad(c, "valid_from", "%s", ce.msg);
	if (*col[6] && !date_parse(col[6], "valid_to", &to, &ce))
		return bad(c, "valid_to", "%s", ce.msg);
	json_t *cert = json_pack("{s:s, s:s, s:s, s:o, s:i, s:i}", "number", col[1], "type",
				 policy_cert_type_name(type), "valid_from", col[5], "valid_to",
				 *col[6] ? json_string(col[6]) : json_null(), "level", level,
				 "category", category);
	int rc = store_registry_cert_put(c->st, id.number, cert, c->import_id);
	json_decref(cert);
	if (rc == STORE_NOTFOUND)
		return bad(c, "idno", "not in the registry: import persons first");
	return rc == STORE_OK ? 0 : bad(c, "row", "%s", store_errmsg(c->st));
}

const char *import_source_label(const char *source)
{
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if (strcmp(sources[i].name, source) == 0)
			return sources[i].stored;
	return NULL;
}

long import_count_rows(const char *text, size_t len)
{
	long rows = -1; /* the header is no row */
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (end > i && text[i] != '#' && text[i] != '\r')
			rows++;
		i = end + 1;
	}
	return rows > 0 ? rows : 0;
}

/* The import's row, made here (the command line) or by the service (kept:
 * its digest and counts are set when the rows are in). */
static int import_record(struct store *st, const struct import_input *in, const char *label,
			 const char *as_of, const char *digest, int64_t *id)
{
	if (in->import_id) {
		*id = in->import_id;
		return STORE_OK;
	}
	return store_import_add(st, label, as_of, digest, 0, id);
}

int import_run(struct srv_ctx *ctx, struct store *st, struct import_input *in, char *err,
	       size_t errlen)
{
	const struct source *src = NULL;
	char today[20], digest[65];
	unsigned char h[32];
	struct ymd d;
	const char *as_of = in->as_of;
	in->rows = 0;
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if (strcmp(sources[i].name, in->source) == 0)
			src = &sources[i];
	if (!src) {
		snprintf(err, errlen, "unknown source '%s' (wages, social-insurance, "
			 "medical-insurance, certificates, persons)", in->source);
		return -1;
	}
	eval_now(today);
	today[10] = '\0';
	if (!as_of)
		as_of = today;
	if (!date_parse(as_of, "as_of", &d, NULL)) {
		snprintf(err, errlen, "--as-of: expected YYYY-MM-DD");
		return -1;
	}
	crypto_generichash(h, sizeof h, (const unsigned char *)in->text, in->len, NULL, 0);
	sodium_bin2hex(digest, sizeof digest, h, sizeof h);

	char *copy = malloc(in->len + 1);
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(copy, in->text, in->len);
	copy[in->len] = '\0';
	struct row_ctx c = { st, 0, src, err, errlen, in->origin, 0 };
	/* the lock: the service's job waits here for its request to commit the
	 * import's row, and imports on one database run one at a time */
	if (store_begin(st) != STORE_OK || store_imports_lock(st) != STORE_OK ||
	    import_record(st, in, src->stored, as_of, digest, &c.import_id) != STORE_OK) {
		snprintf(err, errlen, "store: %s", store_errmsg(st));
		store_rollback(st);
		free(copy);
		return -1;
	}
	store_defer(st, 1); /* all or nothing: the rows need not wait for each other */
	int rc = 0;
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *cols[MAX_COLS];
		c.line++;
		line[strcspn(line, "\r")] = '\0';
		if (c.line == 1) {
			if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
				line += 3; /* a BOM from spreadsheet exports */
			if (strcmp(line, src->header) != 0) {
				rc = bad(&c, "header", "expected \"%s\"", src->header);
				break;
			}
			continue;
		}
		if (*line == '\0' || *line == '#')
			continue;
		if (in->cancel && *in->cancel) {
			rc = bad(&c, "import", "stopped: the service is stopping");
			break;
		}
		int n = csv_split(line, cols, MAX_COLS);
		if (n != src->ncols) {
			rc = bad(&c, "row", "expected %d columns, got %d", src->ncols, n);
			break;
		}
		rc = src->payment ? row_payment(&c, cols)
		     : strcmp(src->stored, "persons") == 0 ? row_person(&c, cols)
							   : row_certificate(&c, cols);
		if (rc != 0)
			break;
		if (++in->rows % IMPORT_PROGRESS_ROWS == 0 && in->progress)
			in->progress(in->arg, in->rows);
	}
	free(copy);
	store_defer(st, 0);
	if (rc == 0 && c.line == 0)
		rc = bad(&c, "header", "empty file");
	if (rc != 0) {
		store_rollback(st);
		in->rows = 0;
		return -1;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)c.import_id);
	json_t *after = json_pack("{s:s, s:s, s:s, s:I}", "source", src->stored, "as_of", as_of,
				  "digest", digest, "rows", (json_int_t)in->rows);
	int arc = store_audit(st, in->user_id, in->user_id ? in->ip : "cli", "import", id,
			      "create", NULL, after);
	json_decref(after);
	if (arc != STORE_OK || store_import_rows(st, c.import_id, in->rows) != STORE_OK ||
	    store_commit(st) != STORE_OK) {
		snprintf(err, errlen, "store: %s", store_errmsg(st));
		store_rollback(st);
		return -1;
	}
	in->import_id = c.import_id;
	/* statistics only: a failure leaves the planner with older ones */
	if (in->rows >= IMPORT_ANALYZE_ROWS)
		store_analyze(st);
	if (in->progress)
		in->progress(in->arg, in->rows);
	return 0;
}

int import_text(struct srv_ctx *ctx, struct store *st, const char *source, const char *text,
		size_t len, const char *origin, const char *as_of, long *rows, char *err,
		size_t errlen)
{
	struct import_input in = { .source = source, .text = text, .len = len, .origin = origin,
				   .as_of = as_of };
	int rc = import_run(ctx, st, &in, err, errlen);
	*rows = in.rows;
	return rc;
}

int import_csv(struct srv_ctx *ctx, struct store *st, const char *source, const char *file,
	       const char *as_of, long *rows, char *err, size_t errlen)
{
	FILE *f = fopen(file, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open", file);
		return -1;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			break;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	const char *base = strrchr(file, '/');
	int rc = import_text(ctx, st, source, buf, n, base ? base + 1 : file, as_of, rows, err,
			     errlen);
	free(buf);
	return rc;
}
