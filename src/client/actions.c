/* actions: name, label and help lookups over the table in actions.def.
 * Labels and help texts are looked up under the gettext context "action" so
 * that short words ("Save", "Cancel") never collide with other msgids. */
#include "client/actions.h"
#include "base/i18n.h"

#include <string.h>

/* Here N_ must expand to the bare literal so it can be pasted after the
 * context prefix: "action" "\004" "Quit" is one msgid with a context. */
#undef N_
#define N_(s) s
#define CTX "action\004"

static const struct {
	const char *name;
	const char *label;   /* CTX-prefixed */
	const char *help;    /* CTX-prefixed */
} table[ACT_COUNT] = {
	[ACT_NONE] = { "none", CTX "", CTX "" },
#define ACTION(id, name, label, help) [ACT_##id] = { name, CTX label, CTX help },
#include "client/actions.def"
#undef ACTION
};

static bool valid(enum action a) { return (unsigned)a < ACT_COUNT; }

/* gettext with context: the msgid without its context when untranslated. */
static const char *ctx_gettext(const char *key)
{
	const char *bare = key + sizeof CTX - 1;
	if (!*bare)
		return "";
	const char *t = gettext(key);
	return t == key ? bare : t;
}

const char *action_name(enum action a) { return valid(a) ? table[a].name : NULL; }

const char *action_help(enum action a) { return valid(a) ? ctx_gettext(table[a].help) : ""; }

const char *action_label(enum action a) { return valid(a) ? ctx_gettext(table[a].label) : ""; }

const char *action_help_msgid(enum action a)
{
	return valid(a) ? table[a].help + sizeof CTX - 1 : "";
}

enum action action_by_name(const char *name)
{
	if (!name)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(table[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}
