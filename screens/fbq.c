/* fbq (认证反馈审核): the units' feedback on a review result — its text and
 * files (Enter views one) — accepted (the declaration reopens for
 * correction, its 审核认定书 revoked) or rejected with a reason.  The list,
 * detail and review are requestq's. */
#include "base/i18n.h"
#include "screens/requestq.h"
#include "screens/screens.h"

static const struct requestq_kind feedback = {
	.title = N_("Feedback review"),
	.collection = "/feedback",
	.text_member = "text",
	.many_files = true,
	.pass_q = N_("Accept the feedback of {1}? Its declaration reopens for correction."),
	.fail_q = N_("Reason the feedback of {1} is rejected:"),
	.passed = N_("Feedback accepted: the declaration is open again for the unit"),
	.rejected = N_("Feedback rejected: the unit reads the reason"),
};

static int fbq_open(struct view *v, const struct screen_args *args)
{
	return requestq_open(v, args, &feedback);
}

const struct screen screen_fbq = {
	.name = "fbq",
	.open = fbq_open,
	REQUESTQ_SCREEN,
};
