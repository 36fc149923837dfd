/* cancelq (注销审核): the units' requests to cancel a year's registration —
 * the reason and the signed 注销业务申请书 (Enter views it) — approved (the
 * year is cancelled) or rejected with a reason.  The list, detail and review
 * are requestq's. */
#include "base/i18n.h"
#include "screens/requestq.h"
#include "screens/screens.h"

static const struct requestq_kind cancellation = {
	.title = N_("Cancellation review"),
	.collection = "/cancellations",
	.text_member = "reason",
	.many_files = false,
	.pass_q = N_("Approve the cancellation of {1}? The year's registration is cancelled."),
	.fail_q = N_("Reason the cancellation of {1} is rejected:"),
	.passed = N_("Cancellation approved: the year's registration is cancelled"),
	.rejected = N_("Cancellation rejected: the unit reads the reason"),
};

static int cancelq_open(struct view *v, const struct screen_args *args)
{
	return requestq_open(v, args, &cancellation);
}

const struct screen screen_cancelq = {
	.name = "cancelq",
	.open = cancelq_open,
	REQUESTQ_SCREEN,
};
