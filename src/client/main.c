/* main: the anzhi binary — the calculator commands first (cli_dispatch), then
 * settings (config file, flags), then the full-screen client. */
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/cli.h"
#include "client/config.h"
#include "client/engine.h"
#include "client/help.h"
#include "screens/screens.h"
#include "ui/gfxcaps.h"
#include "ui/text.h"
#include "ui/theme.h"

/* --lang must be known before gettext is set up, which comes before everything */
static const char *early_lang(int argc, char **argv, const struct config *c)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
	}
	return c->lang[0] ? c->lang : NULL;
}

int main(int argc, char **argv)
{
	struct config cfg = { 0 };
	struct config_error ferr = { 0 };
	int ferrs = config_load(&cfg, &ferr);
	i18n_init(early_lang(argc, argv, &cfg));
	int st = 0;
	if (cli_dispatch(argc, argv, &st))
		return st;
	text_init(i18n_utf8());
	if (ferrs) {
		char path[1024] = "config";
		config_path("config", path, sizeof path);
		fprintf(stderr, "anzhi: %s:%d: %s\n", path, ferr.line, ferr.msg);
		return 2;
	}
	struct config_error err = { 0 };
	switch (config_parse_args(&cfg, argc, argv, &err)) {
	case CONFIG_HELP:
		fputs(config_usage(), stdout);
		return 0;
	case CONFIG_VERSION:
		printf("anzhi %s\n", ANZHI_VERSION);
		return 0;
	case CONFIG_DUMP_KEYS_MAN:
		return help_write_man(stdout) == 0 ? 0 : 1;
	case CONFIG_ERROR:
		fprintf(stderr, "anzhi: %s\n", err.msg);
		return 2;
	case CONFIG_RUN:
		break;
	}
	if (!cfg.server[0]) {
		fprintf(stderr, "anzhi: %s\n",
			_("no service given: use --server URL or 'server = URL' in the config file"));
		return 2;
	}
	if (cfg.lang[0] && strcmp(cfg.lang, "zh") != 0 && strcmp(cfg.lang, "en") != 0) {
		fprintf(stderr, "anzhi: %s\n", _("--lang takes zh or en"));
		return 2;
	}
	if (cfg.theme[0] && !theme_known(cfg.theme)) {
		fprintf(stderr, "anzhi: %s\n", _("--theme takes default, mono or high-contrast"));
		return 2;
	}
	enum gfx_choice gfx;
	if (!gfxcaps_choice(cfg.graphics, &gfx)) {
		fprintf(stderr, "anzhi: %s\n", _("--graphics takes auto, sixel, kitty, symbols or none"));
		return 2;
	}
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "anzhi: %s\n", _("cannot initialise the libraries"));
		return 1;
	}
	static const struct app_screens screens = {
		.login = &screen_login, .help = &screen_help, .notices = &screen_notices,
		.pager = &screen_pager, .account = &screen_account,
		.sessions = &screen_sessions, .federation = &screen_fedmenu,
	};
	int rc = app_run(&cfg, &screens);
	curl_global_cleanup();
	return rc;
}
