/* cancel (单位注销安置登记): the unit asks to cancel its registration of the
 * year (the unit closed, say): s saves the 注销业务申请书 to print, sign and
 * stamp; a files the request with a reason and the signed application; the
 * outcome (approved: the year is cancelled; rejected with the reason) shows
 * here.  The screen is unitreq's. */
#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/unitreq.h"

static const struct unitreq_kind cancellation = {
	.rq = { .title = N_("Cancel registration"), .collection = "/cancellations",
		.text_member = "reason", .many_files = false },
	.word = "cancellation",
	.min_files = 1,
	.max_files = 1,
	.title = N_("Cancel registration"),
	.ask_text = N_("Why the year's registration is to be cancelled (up to 300 bytes):"),
	.ask_file = N_("The signed cancellation application, file {1} (Tab completes):"),
	.sent = N_("Cancellation request sent: the federation reviews it, its answer shows here and in the notices"),
	.intro = N_("s saves the cancellation application: print it, sign and stamp it, then a files the request with it."),
	.form_kind = "cancellation-form",
};

static int cancel_open(struct view *v, const struct screen_args *args)
{
	return unitreq_open(v, args, &cancellation);
}

static const struct screen_action cancel_actions[] = {
	{ .act = ACT_DOWNLOAD, .run = unitreq_download, .needs = NEED_UNIT, .hint = true },
	{ .act = ACT_NEW_REQUEST, .run = unitreq_new, .needs = NEED_UNIT, .hint = true },
	{ .act = ACT_OPEN, .run = unitreq_view, .needs = NEED_ROW | NEED_UNIT, .hint = true },
	{ .act = ACT_REFRESH, .run = unitreq_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_cancel = {
	.name = "cancel",
	.state_size = sizeof(struct unitreq_state),
	.open = cancel_open,
	.draw = unitreq_draw,
	SCREEN_ACTIONS(cancel_actions),
	.reply = unitreq_reply,
	.close = unitreq_close,
	.answer = unitreq_answer,
	.list = unitreq_list,
	.year = unitreq_year,
};
