/* drafts: what a form or the month grid held unsaved, kept on disk until it
 * is saved or discarded — written when anzhi ends with changes not saved
 * (the terminal gone, a signal, the session expired).  One JSON file per
 * draft in $XDG_STATE_HOME/anzhi/drafts/<user>/ (else ~/.local/state/…),
 * 0600 in 0700 folders: drafts hold personal data.
 *
 * A draft document is the screen's own, plus what the drafts list shows:
 *   {"kind":"person"|"months", "id":placement id (0 = a new person),
 *    "year":2025, "title":"景*东 152630*****4043330" (masked), …}
 * and "key" and "saved_at", which drafts_save sets. */
#ifndef ANZHI_CLIENT_DRAFTS_H
#define ANZHI_CLIENT_DRAFTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct draft_info {
	char key[64];
	char kind[16];
	long id;
	int year;
	char title[160];
	char saved_at[20];    /* "2025-03-01 10:00:00", local time */
};

/* "person-17", "months-17"; drafts_new_key: "person-new-<16 hex>" for a
 * person not saved yet (each new form its own). */
void drafts_key(char *buf, size_t bufsz, const char *kind, long id);
void drafts_new_key(char *buf, size_t bufsz);

/* The masked name and ID number into doc's "title" (lists never show them
 * whole, SPEC §4). */
void drafts_set_title(json_t *doc, const char *name, const char *idno);

/* Writes doc as user's draft `key` (replacing one of that key); false when
 * it could not be written. */
bool drafts_save(const char *user, const char *key, json_t *doc);
/* user's draft `key` (a new reference), NULL when there is none. */
json_t *drafts_load(const char *user, const char *key);
void drafts_drop(const char *user, const char *key);
/* user's drafts, newest first, into *out (free it); returns how many. */
int drafts_list(const char *user, struct draft_info **out);
int drafts_count(const char *user);

#endif
