/* queue_filter — see queue_filter.h. */
#include "screens/queue_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "base/url.h"
#include "screens/status.h"
#include "ui/text.h"

static const enum placement_status statuses[] = { PLACEMENT_STATUS_UNKNOWN, PLACEMENT_PENDING,
						   PLACEMENT_PENDING_CONTRACT };

void qf_query(const struct queue_filter *f, char *buf, size_t len)
{
	char *unit = url_escape(f->unit);
	size_t n = 0;
	buf[0] = '\0';
	if (f->region[0])
		n += (size_t)snprintf(buf + n, len - n, "&region=%s", f->region);
	if (*unit && n < len)
		n += (size_t)snprintf(buf + n, len - n, "&unit=%s", unit);
	if (f->status && n < len)
		n += (size_t)snprintf(buf + n, len - n, "&status=%s",
				      wire_placement_status_word(statuses[f->status]));
	if (f->from[0] && n < len)
		n += (size_t)snprintf(buf + n, len - n, "&from=%s", f->from);
	if (f->to[0] && n < len)
		snprintf(buf + n, len - n, "&to=%s", f->to);
	free(unit);
}

void qf_text(const struct queue_filter *f, char *buf, size_t len)
{
	char name[96] = "", *u = text_clean(f->unit);
	size_t n = 0;
	buf[0] = '\0';
	if (f->region[0]) {
		region_name(f->region, name, sizeof name);
		n += (size_t)snprintf(buf + n, len - n, "%s %s  ", _("Region"), name[0] ? name : f->region);
	}
	if (*u && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s %s  ", _("Unit"), u);
	if (f->status && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s  ",
				      placement_status_label(statuses[f->status]));
	if ((f->from[0] || f->to[0]) && n < len)
		snprintf(buf + n, len - n, _("registered %s to %s"), f->from[0] ? f->from : "...",
			 f->to[0] ? f->to : "...");
	free(u);
}

void qf_next_status(struct queue_filter *f)
{
	f->status = (f->status + 1) % (int)(sizeof statuses / sizeof statuses[0]);
}

bool qf_set_dates(struct queue_filter *f, const char *text)
{
	char a[32] = "", b[32] = "", c[32] = "";
	if (sscanf(text, "%31s %31s %31s", a, b, c) == 3)
		return false;
	const char *in[2] = { a, b };
	char out[2][11] = { "", "" };
	for (int i = 0; i < 2; i++) {
		int y, m, d;
		char rest;
		if (!in[i][0] || strcmp(in[i], "-") == 0)
			continue;
		if (strlen(in[i]) != 10 || sscanf(in[i], "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 ||
		    m < 1 || m > 12 || d < 1 || d > 31)
			return false;
		memcpy(out[i], in[i], 11);
	}
	memcpy(f->from, out[0], sizeof f->from);
	memcpy(f->to, out[1], sizeof f->to);
	return true;
}

int qf_set_region(struct queue_filter *f, const char *within, const char *text)
{
	char code[7] = "";
	if (!text || !*text) {
		f->region[0] = '\0';
		return 1;
	}
	int n = region_match(within, text, code);
	if (n > 0)
		memcpy(f->region, code, sizeof code);
	return n;
}
