/* actions: the client's action table (generated from actions.def).  Screens
 * act on these, keymaps bind keys to them, help and doc/anzhi-keys.5 describe
 * them; key literals never appear in screens. */
#ifndef ANZHI_ACTIONS_H
#define ANZHI_ACTIONS_H

enum action {
	ACT_NONE = 0,
#define ACTION(id, name, label, help) ACT_##id,
#include "client/actions.def"
#undef ACTION
	ACT_COUNT
};

const char  *action_name(enum action a);       /* "quit"; "none" for ACT_NONE; NULL when out of range */
const char  *action_help(enum action a);       /* translated help text ("" for ACT_NONE) */
const char  *action_label(enum action a);      /* translated short hint-bar label */
const char  *action_help_msgid(enum action a); /* untranslated (English) help, for the man page */
enum action  action_by_name(const char *name); /* ACT_NONE when unknown */

#endif
