/* accounts — what the agents screen (代理人账号管理) and the administrator's
 * users screen share: the list of ACCOUNTs (names masked nowhere: these are
 * accounts, not persons), disabling or enabling the selected one, setting
 * its password, and asking for a new account's fields one prompt at a time.
 * Each screen says where its accounts live (its paths) and which fields a
 * new one needs. */
#ifndef ANZHI_SCREENS_ACCOUNTS_H
#define ANZHI_SCREENS_ACCOUNTS_H

#include "client/app.h"
#include "ui/table.h"

/* A field a new account is asked for: its JSON key and prompt (msgid). */
struct accounts_ask {
	const char *key;
	const char *prompt;
	unsigned flags;          /* PROMPT_MASKED for the password */
};

struct accounts_kind {
	const char *title;       /* msgid */
	const char *put_prefix;  /* "/agents" or "/users": PUT <prefix>/<id> */
	const struct accounts_ask *asks;
	int nasks;
	/* the list's and the create call's path (the unit's agents need its USCC) */
	void (*path)(struct view *v, char *buf, size_t size);
	/* Optional: puts an answer into the new account (NULL: under its key). */
	void (*set)(json_t *draft, const char *key, const char *text);
};

struct accounts_state {
	const struct accounts_kind *kind;
	struct table t;
	json_t *items;
	bool loaded;
	json_t *draft;           /* the new account's fields asked so far */
	int asked;
	long target;             /* the account a password prompt is for (its row) */
};

/* The screen's state must start with struct accounts_state. */
int accounts_open(struct view *v, const struct accounts_kind *kind);
void accounts_load(struct view *v);
void accounts_draw(struct view *v, struct canvas *c);
unsigned accounts_create(struct view *v, enum action a);
unsigned accounts_disable(struct view *v, enum action a);
unsigned accounts_reset(struct view *v, enum action a);
unsigned accounts_refresh(struct view *v, enum action a);
/* The prompts' answers (tags of accounts.c); a screen's own tags above
 * ACCOUNTS_TAGS_END. */
unsigned accounts_answer(struct view *v, int tag, const char *text);
/* Replies to accounts.c's requests; false when the tag is the screen's own. */
bool accounts_reply(struct view *v, const struct api_reply *r);
void accounts_close(struct view *v);
struct table *accounts_list(struct view *v);
/* The account under the cursor (NULL: none). */
const json_t *accounts_cursor(struct view *v);
/* PUT <prefix>/<id> body with the account's version; the list reloads after. */
void accounts_put(struct view *v, const json_t *acct, json_t *body);

enum { ACCOUNTS_TAGS_END = 20 };

#endif
