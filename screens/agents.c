/* agents (代理人账号管理, a in the user centre): the legal person's account
 * (role unit) lists its unit's agents, creates one (user name, name,
 * password), disables or enables one and sets a new password; the service
 * ends the agent's sessions then.  An agent's own account is answered 403,
 * which is shown in words. */
#include <stdio.h>

#include "base/i18n.h"
#include "screens/accounts.h"
#include "screens/screens.h"

static const struct accounts_ask asks[] = {
	{ "username", N_("New agent's user name: "), 0 },
	{ "display_name", N_("Agent's name: "), 0 },
	{ "password", N_("Agent's first password: "), PROMPT_MASKED },
};

static void agents_path(struct view *v, char *buf, size_t size)
{
	const char *unit = app_session(v->app)->unit;
	snprintf(buf, size, "/units/%s/agents", unit ? unit : "-");
}

static const struct accounts_kind agents = {
	.title = N_("Agent accounts"),
	.put_prefix = "/agents",
	.asks = asks,
	.nasks = 3,
	.path = agents_path,
};

static int agents_open(struct view *v, const struct screen_args *args)
{
	return accounts_open(v, &agents);
}

static void agents_reply(struct view *v, const struct api_reply *r)
{
	accounts_reply(v, r);
}

static const struct screen_action agents_actions[] = {
	{ .act = ACT_CREATE, .run = accounts_create, .hint = true },
	{ .act = ACT_DISABLE, .run = accounts_disable, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_RESET_PASSWORD, .run = accounts_reset, .needs = NEED_ROW, .hint = true },
	{ .act = ACT_REFRESH, .run = accounts_refresh },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_agents = {
	.name = "agents",
	.state_size = sizeof(struct accounts_state),
	.open = agents_open,
	.draw = accounts_draw,
	SCREEN_ACTIONS(agents_actions),
	.reply = agents_reply,
	.answer = accounts_answer,
	.close = accounts_close,
	.list = accounts_list,
};
