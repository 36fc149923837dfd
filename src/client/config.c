/* config: settings from the config file and the command line.  A table of keys
 * serves both, so `--server URL` and `server = URL` cannot drift apart. */
#include "client/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fileio.h"
#include "base/i18n.h"

struct key {
	const char *name;
	size_t off, size;
	bool yes_no;   /* a yes/no setting: checked, and a flag needs no value */
};

#define KEY(n) { #n, offsetof(struct config, n), sizeof ((struct config *)0)->n, false }
#define YES_NO(n) { #n, offsetof(struct config, n), sizeof ((struct config *)0)->n, true }
static const struct key keys[] = {
	KEY(server), KEY(pin), KEY(cafile), KEY(keymap), KEY(lang), KEY(page_size),
	YES_NO(accessible), YES_NO(bell), KEY(bell_command), KEY(theme),
	KEY(graphics),
	KEY(upload_limit_mb),
};
#undef KEY
#undef YES_NO

bool config_bool(const char *v, bool *out)
{
	static const struct { const char *word; bool yes; } words[] = {
		{ "yes", true }, { "true", true }, { "on", true }, { "1", true },
		{ "no", false }, { "false", false }, { "off", false }, { "0", false }, { "", false },
	};
	for (size_t i = 0; v && i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(v, words[i].word) == 0) {
			*out = words[i].yes;
			return true;
		}
	return false;
}

/* '-' and '_' are the same in a key's name: `--page-size` on the command
 * line is `page_size = …` in the file. */
static bool key_name_is(const char *key, const char *name, size_t len)
{
	if (strlen(key) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (key[i] != name[i] && !(key[i] == '_' && name[i] == '-'))
			return false;
	return true;
}

static const struct key *find_key(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_name_is(keys[i].name, name, len))
			return &keys[i];
	return NULL;
}

/* Stores v; false when it is too long, or not yes/no for a yes/no key. */
static bool set_key(struct config *c, const struct key *k, const char *v, size_t vlen)
{
	if (vlen >= k->size)
		return false;
	if (k->yes_no) {
		char word[16];
		bool yes;
		snprintf(word, sizeof word, "%.*s", (int)vlen, v);
		if (!config_bool(word, &yes))
			return false;
	}
	char *dst = (char *)c + k->off;
	memcpy(dst, v, vlen);
	dst[vlen] = '\0';
	return true;
}

static int fail(struct config_error *err, int errors, int line, const char *msg, const char *arg)
{
	if (errors == 0 && err) {
		/* msg is a translated template with one %s: substitute by hand so
		 * a translation can never become a format string */
		err->line = line;
		const char *at = strstr(msg, "%s");
		if (at)
			snprintf(err->msg, sizeof err->msg, "%.*s%s%s", (int)(at - msg), msg, arg, at + 2);
		else
			snprintf(err->msg, sizeof err->msg, "%s", msg);
	}
	return errors + 1;
}

int config_parse_text(struct config *c, const char *text, struct config_error *err)
{
	int errors = 0, lineno = 0;
	const char *p = text;
	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		const char *s = p, *e = p + n;
		p = eol ? eol + 1 : NULL;
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (s == e || *s == '#')
			continue;
		const char *eq = memchr(s, '=', (size_t)(e - s));
		if (!eq) {
			errors = fail(err, errors, lineno, _("expected 'key = value'"), "");
			continue;
		}
		const char *ke = eq;
		while (ke > s && isspace((unsigned char)ke[-1]))
			ke--;
		const char *v = eq + 1;
		while (v < e && isspace((unsigned char)*v))
			v++;
		const struct key *k = find_key(s, (size_t)(ke - s));
		if (!k) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(ke - s), s);
			errors = fail(err, errors, lineno, _("unknown setting '%s'"), name);
			continue;
		}
		if (!set_key(c, k, v, (size_t)(e - v)))
			errors = fail(err, errors, lineno, k->yes_no ? _("'%s' takes yes or no")
							     : _("value too long for '%s'"), k->name);
	}
	return errors;
}

bool config_path(const char *name, char *buf, size_t bufsz)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	int n;
	if (xdg && *xdg)
		n = snprintf(buf, bufsz, "%s/anzhi/%s", xdg, name);
	else {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return false;
		n = snprintf(buf, bufsz, "%s/.config/anzhi/%s", home, name);
	}
	return n > 0 && (size_t)n < bufsz;
}

enum { CONFIG_FILE_MAX = 64 << 10 };

int config_load(struct config *c, struct config_error *err)
{
	char path[1024];
	if (!config_path("config", path, sizeof path))
		return 0;
	char *text = file_read_all(path, CONFIG_FILE_MAX, NULL);
	if (!text && errno == EFBIG) {
		err->line = 0;
		snprintf(err->msg, sizeof err->msg, _("the file is larger than %d KB"), CONFIG_FILE_MAX >> 10);
		return 1;
	}
	if (!text)
		return 0;   /* no config file is the usual case */
	int n = config_parse_text(c, text, err);
	free(text);
	return n;
}

enum config_mode config_parse_args(struct config *c, int argc, char **argv,
				   struct config_error *err)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return CONFIG_HELP;
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0)
			return CONFIG_VERSION;
		if (strcmp(a, "--dump-keys-man") == 0)
			return CONFIG_DUMP_KEYS_MAN;
		if (strncmp(a, "--", 2) != 0) {
			fail(err, 0, 0, _("unexpected argument '%s' (see --help)"), a);
			return CONFIG_ERROR;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct key *k = find_key(name, len);
		if (!k) {
			fail(err, 0, 0, _("unknown option '%s' (see --help)"), a);
			return CONFIG_ERROR;
		}
		/* `--accessible` alone is yes; `--accessible=no` says otherwise */
		const char *v = eq ? eq + 1 : k->yes_no ? "yes" : (i + 1 < argc ? argv[++i] : NULL);
		if (!v) {
			fail(err, 0, 0, _("option '%s' needs a value"), a);
			return CONFIG_ERROR;
		}
		if (!set_key(c, k, v, strlen(v))) {
			fail(err, 0, 0, k->yes_no ? _("'%s' takes yes or no") : _("value too long for '%s'"), a);
			return CONFIG_ERROR;
		}
	}
	return CONFIG_RUN;
}

const char *config_usage(void)
{
	return _("Usage: anzhi [OPTIONS]\n"
		 "       anzhi calc ... | check-id ID | verify FILE.pdf\n"
		 "       anzhi login USERNAME | logout | review list|show|decide ... | tax export ...\n"
		 "Full-screen client for the online certification of proportional\n"
		 "employment of persons with disabilities.\n\n"
		 "  --server URL      the anzhid service (https://host:port)\n"
		 "  --pin sha256//KEY pin the server's public key (self-signed demo)\n"
		 "  --cafile FILE     trust the CA certificates in FILE\n"
		 "  --keymap NAME     default, vi or emacs\n"
		 "  --lang zh|en      language of the interface\n"
		 "  --page-size N     persons the list asks for at a time (1-500, 200)\n"
		 "  --accessible      for braille displays and screen readers: the cursor\n"
		 "                    on the focus, states in words\n"
		 "  --theme NAME      default, mono or high-contrast\n"
		 "  --bell            ring the bell on errors (--bell-command CMD runs CMD)\n"
		 "  --graphics MODE   pictures as auto, sixel, kitty, symbols or none\n"
		 "  --dump-keys-man   write the key reference (man 5) to stdout\n"
		 "  --help, --version\n\n"
		 "Settings are read first from $XDG_CONFIG_HOME/anzhi/config\n"
		 "(~/.config/anzhi/config) as 'key = value' lines; keys from\n"
		 "~/.config/anzhi/keys.\n");
}
