/* ident_error: core identifier errors in words (ident_error.h). */
#include "base/ident_error.h"

#include <stdio.h>

#include "base/i18n.h"

const char *ident_error_label(int code)
{
	static const char *const labels[CORE_ERR__COUNT] = {
		[CORE_ERR_LENGTH] = N_("wrong length"),
		[CORE_ERR_CHAR] = N_("character not allowed"),
		[CORE_ERR_DATE] = N_("not a calendar date"),
		[CORE_ERR_CHECKSUM] = N_("wrong check character"),
		[CORE_ERR_MISMATCH] = N_("parts disagree"),
	};

	return code > 0 && code < CORE_ERR__COUNT && labels[code] ? _(labels[code]) : _("invalid");
}

void ident_error_text(char *buf, size_t bufsz, const char *what, const struct core_error *err)
{
	snprintf(buf, bufsz, "%s: %s (%s)", what, ident_error_label(err->code), err->msg);
}
