/* msglog: a ring of the session's messages with their times. */
#include "client/msglog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

void msglog_add(struct msglog *l, time_t at, enum msg_kind kind, const char *text)
{
	if (!text || !*text)
		return;
	int slot = (l->first + l->n) % MSGLOG_MAX;
	if (l->n == MSGLOG_MAX) {   /* full: the oldest makes room */
		free(l->e[l->first].text);
		l->first = (l->first + 1) % MSGLOG_MAX;
		slot = (l->first + l->n - 1) % MSGLOG_MAX;
	} else
		l->n++;
	char *t = xstrdup(text);
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	l->e[slot] = (struct msglog_entry){ at, kind, t };
}

int msglog_count(const struct msglog *l)
{
	return l->n;
}

const struct msglog_entry *msglog_at(const struct msglog *l, int i)
{
	return i >= 0 && i < l->n ? &l->e[(l->first + i) % MSGLOG_MAX] : NULL;
}

static const char *kind_label(enum msg_kind k)
{
	return k == MSG_ERROR ? _("Error: ") : k == MSG_DETAIL ? _("Detail: ") : "";
}

char *msglog_text(const struct msglog *l)
{
	if (l->n == 0)
		return xasprintf("%s\n", _("No messages yet."));
	size_t cap = 1;
	for (int i = 0; i < l->n; i++)
		cap += strlen(msglog_at(l, i)->text) + strlen(kind_label(msglog_at(l, i)->kind)) + 16;
	char *out = xmalloc(cap);
	size_t len = 0;
	for (int i = 0; i < l->n; i++) {
		const struct msglog_entry *e = msglog_at(l, i);
		struct tm tm;
		char when[16] = "--:--:--";
		if (localtime_r(&e->at, &tm))
			strftime(when, sizeof when, "%H:%M:%S", &tm);
		len += (size_t)snprintf(out + len, cap - len, "%s  %s%s\n", when, kind_label(e->kind), e->text);
	}
	return out;
}

void msglog_free(struct msglog *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->e[(l->first + i) % MSGLOG_MAX].text);
	l->first = l->n = 0;
}
