/* i18n: picks the language and finds the catalog next to the binary, so a build
 * tree, an installed copy and the tests all find their translations. */
#include "base/i18n.h"

#include "base/datadir.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ANZHI_LOCALEDIR
#define ANZHI_LOCALEDIR "/usr/local/share/locale"
#endif

static bool utf8;
static enum i18n_lang lang = I18N_EN;
static char localedir[PATH_MAX];

static void find_localedir(void)
{
	const char *env = getenv("ANZHI_LOCALEDIR");
	if (env && *env) {
		snprintf(localedir, sizeof localedir, "%s", env);
		return;
	}
	/* build/release/locale beside a built binary, PREFIX/share/locale
	 * beside an installed one */
	if (datadir_beside_exe("/locale", localedir, sizeof localedir) ||
	    datadir_beside_exe("/../share/locale", localedir, sizeof localedir))
		return;
	snprintf(localedir, sizeof localedir, "%s", ANZHI_LOCALEDIR);
}

/* The language the environment names, the way gettext reads it. */
static const char *env_language(void)
{
	static const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return "";
}

enum i18n_lang i18n_init(const char *want)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);

	if (want && *want)
		lang = strncmp(want, "zh", 2) == 0 ? I18N_ZH : I18N_EN;
	else if (!utf8)
		lang = I18N_EN;
	else {
		const char *env = env_language();
		/* "C.UTF-8", "POSIX", "zh_CN…": Chinese; any other named language: English. */
		bool other = *env && strncmp(env, "zh", 2) != 0 && strncmp(env, "C", 1) != 0 &&
			     strncmp(env, "POSIX", 5) != 0;
		lang = other ? I18N_EN : I18N_ZH;
	}
	setenv("LANGUAGE", lang == I18N_ZH ? "zh_CN" : "en", 1);

	find_localedir();
	bindtextdomain("anzhi", localedir);
	bind_textdomain_codeset("anzhi", "UTF-8");
	textdomain("anzhi");
	return lang;
}

bool i18n_utf8(void) { return utf8; }
enum i18n_lang i18n_lang(void) { return lang; }
const char *i18n_localedir(void) { return localedir; }

void i18n_subst(char *out, size_t size, const char *tmpl, const char *const args[5])
{
	size_t n = 0;

	for (const char *p = tmpl; *p && n + 1 < size; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '5' && p[2] == '}') {
			const char *a = args[p[1] - '1'] ? args[p[1] - '1'] : "";
			size_t l = strlen(a);

			if (l > size - 1 - n)
				l = size - 1 - n;
			memcpy(out + n, a, l);
			n += l;
			p += 2;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}
