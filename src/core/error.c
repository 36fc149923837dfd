/* error: filling and naming struct core_error (see error.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

static const char *const code_names[CORE_ERR__COUNT] = {
	[CORE_OK] = "ok",
	[CORE_ERR_LENGTH] = "length",
	[CORE_ERR_CHAR] = "char",
	[CORE_ERR_DATE] = "date",
	[CORE_ERR_CHECKSUM] = "checksum",
	[CORE_ERR_RANGE] = "range",
	[CORE_ERR_MISMATCH] = "mismatch",
	[CORE_ERR_FORMAT] = "format",
	[CORE_ERR_POLICY] = "policy",
	[CORE_ERR_OVERFLOW] = "overflow",
	[CORE_ERR_MISSING] = "missing",
	[CORE_ERR_NOMEM] = "nomem",
};

bool core_error_set(struct core_error *err, int code, const char *field,
		    const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return false;
	err->code = code;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return false;
}

void core_error_clear(struct core_error *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
}

const char *core_error_code_name(int code)
{
	if (code < 0 || code >= CORE_ERR__COUNT)
		return "unknown";
	return code_names[code];
}
