/* coretext: one table, core error code → words. */
#include "client/coretext.h"

#include "base/i18n.h"
#include "core/error.h"

const char *core_error_words(int code)
{
	static const char *const words[CORE_ERR__COUNT] = {
		[CORE_ERR_LENGTH] = N_("wrong length"),
		[CORE_ERR_CHAR] = N_("character not allowed"),
		[CORE_ERR_DATE] = N_("not a calendar date"),
		[CORE_ERR_CHECKSUM] = N_("wrong check character"),
		[CORE_ERR_RANGE] = N_("out of the allowed range"),
		[CORE_ERR_MISMATCH] = N_("parts disagree"),
		[CORE_ERR_FORMAT] = N_("not a number in the expected form (e.g. 1980.50)"),
		[CORE_ERR_OVERFLOW] = N_("too large"),
		[CORE_ERR_MISSING] = N_("missing"),
	};

	return code > 0 && code < CORE_ERR__COUNT && words[code] ? _(words[code]) : _("invalid");
}
