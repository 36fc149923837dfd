/* error: the one error value of the pure core.  Every core function that can
 * fail returns false (or a status) and fills a struct core_error: a stable
 * machine code, the offending field (a JSON-ish path: "idno", "tiers[1].factor")
 * and a plain-English message.  The service maps code+field to RFC 9457 problem
 * details, the client to a translated message; msg is secondary text. */
#ifndef ANZHI_CORE_ERROR_H
#define ANZHI_CORE_ERROR_H

#include <stdbool.h>

enum core_err_code {
	CORE_OK = 0,
	CORE_ERR_LENGTH,    /* wrong length: "length: got 17, want 18" */
	CORE_ERR_CHAR,      /* a character not allowed at a position */
	CORE_ERR_DATE,      /* not a calendar date / month */
	CORE_ERR_CHECKSUM,  /* check character wrong: "checksum: expected 'X', got '3'" */
	CORE_ERR_RANGE,     /* number out of its allowed range */
	CORE_ERR_MISMATCH,  /* two facts disagree (certificate vs. ID number) */
	CORE_ERR_FORMAT,    /* malformed text (decimal, CSV line, option value) */
	CORE_ERR_POLICY,    /* policy table malformed or has no row for a date */
	CORE_ERR_OVERFLOW,  /* exact arithmetic would overflow */
	CORE_ERR_MISSING,   /* a required value is absent */
	CORE_ERR_NOMEM,     /* allocation failed */
	CORE_ERR__COUNT
};

struct core_error {
	int code;           /* enum core_err_code */
	char field[64];     /* which input: "idno", "staff", "150000.json: tiers[1].factor" */
	char msg[160];      /* English, precise: what is wrong and what was expected */
};

/* Fills err (if not NULL) with code, field and a printf-style message.
 * Always returns false so callers can `return core_error_set(...)`. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
bool core_error_set(struct core_error *err, int code, const char *field,
		    const char *fmt, ...);

/* Resets err to CORE_OK with empty field and message. */
void core_error_clear(struct core_error *err);

/* Stable lowercase name of a code: "length", "char", "date", "checksum",
 * "range", "mismatch", "format", "policy", "overflow", "missing", "nomem";
 * "ok" for 0, "unknown" otherwise. */
const char *core_error_code_name(int code);

#endif
