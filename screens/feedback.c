/* feedback (年审认证反馈): the unit disagrees with the annual review's result
 * — text and up to 8 files (JPEG, PNG, PDF) — and reads the outcome: accepted
 * (the declaration reopens for correction) or rejected with the reason.
 * The screen is unitreq's. */
#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/unitreq.h"

static const struct unitreq_kind feedback = {
	.rq = { .title = N_("Annual review feedback"), .collection = "/feedback",
		.text_member = "text", .many_files = true },
	.word = "feedback",
	.min_files = 0,
	.max_files = 8,
	.title = N_("Annual review feedback"),
	.ask_text = N_("Your feedback on the review result (up to 2000 bytes):"),
	.ask_file = N_("File {1} to attach (Tab completes; empty: send now):"),
	.sent = N_("Feedback sent: the federation reviews it, its answer shows here and in the notices"),
	.intro = N_("If you disagree with the review result, send your reasons and files; accepted feedback reopens the declaration."),
};

static int feedback_open(struct view *v, const struct screen_args *args)
{
	return unitreq_open(v, args, &feedback);
}

static const struct screen_action feedback_actions[] = {
	{ .act = ACT_NEW_REQUEST, .run = unitreq_new, .needs = NEED_UNIT, .hint = true },
	{ .act = ACT_OPEN, .run = unitreq_view, .needs = NEED_ROW | NEED_UNIT, .hint = true },
	{ .act = ACT_REFRESH, .run = unitreq_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_feedback = {
	.name = "feedback",
	.state_size = sizeof(struct unitreq_state),
	.open = feedback_open,
	.draw = unitreq_draw,
	SCREEN_ACTIONS(feedback_actions),
	.reply = unitreq_reply,
	.close = unitreq_close,
	.answer = unitreq_answer,
	.list = unitreq_list,
	.year = unitreq_year,
};
