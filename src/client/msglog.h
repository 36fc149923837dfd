/* msglog: the session's messages — every status-bar message in full (the bar
 * cuts it at the terminal's width) and what only the log keeps (the service's
 * English `detail`, curl's words for a network failure) — with their times,
 * newest last, like vim's :messages and mutt's message log.  Pure: no curses. */
#ifndef ANZHI_MSGLOG_H
#define ANZHI_MSGLOG_H

#include <stdbool.h>
#include <time.h>

#define MSGLOG_MAX 300

enum msg_kind { MSG_INFO, MSG_ERROR, MSG_DETAIL };

struct msglog_entry {
	time_t at;
	enum msg_kind kind;
	char *text;          /* one line (newlines become spaces), as given */
};

struct msglog {
	struct msglog_entry e[MSGLOG_MAX];   /* a ring: the oldest goes first */
	int first, n;
};

void msglog_add(struct msglog *l, time_t at, enum msg_kind kind, const char *text);
int  msglog_count(const struct msglog *l);
/* The i-th entry, 0 = the oldest kept; NULL past the end. */
const struct msglog_entry *msglog_at(const struct msglog *l, int i);
/* Every entry as "HH:MM:SS  text" lines (local time), an error's text after
 * "Error: ", the service's after "Detail: " (translated), newest last;
 * malloc'd.  A note says so when the log is empty. */
char *msglog_text(const struct msglog *l);
void msglog_free(struct msglog *l);

#endif
