/* status: the placement status table — wire word, label, style. */
#include "screens/status.h"

#include <string.h>

#include "base/i18n.h"

static const struct {
	const char *word, *label;
	enum style style;
} statuses[] = {
	{ "incomplete", N_("Incomplete"), STYLE_DIM },
	{ "pending", N_("Pending review"), STYLE_PENDING },
	{ "pending_contract", N_("Pending review (contract)"), STYLE_PENDING },
	{ "confirmed", N_("Confirmed"), STYLE_OK },
	{ "partially_rejected", N_("Partly rejected"), STYLE_FAIL },
	{ "rejected", N_("Rejected"), STYLE_FAIL },
};

const char *status_label(const char *status)
{
	for (size_t i = 0; status && i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(statuses[i].word, status) == 0)
			return _(statuses[i].label);
	return status ? status : "";
}

enum style status_style(const char *status)
{
	for (size_t i = 0; status && i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(statuses[i].word, status) == 0)
			return statuses[i].style;
	return STYLE_NORMAL;
}
