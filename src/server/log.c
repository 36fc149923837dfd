/* log — stderr lines "2026-11-27T08:00:00Z GET /api/v1/me 200 3ms". */
#include "server/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/ident.h"

static void stamp(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void log_mask_path(const char *path, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	while (*path && o + 1 < len) {
		if (*path == '/') {
			buf[o++] = *path++;
			continue;
		}
		char seg[128], masked[64];
		size_t n = strcspn(path, "/");
		size_t take = n < sizeof seg ? n : sizeof seg - 1;
		memcpy(seg, path, take);
		seg[take] = '\0';
		enum ident_kind k = ident_kind_guess(seg);
		const char *out = seg;
		if ((k == IDENT_IDNO || k == IDENT_CERTNO) && mask_idno(seg, masked, sizeof masked))
			out = masked;
		else if (n >= 15 && k != IDENT_USCC) /* long and unrecognised: do not risk it */
			out = "*";
		int w = snprintf(buf + o, len - o, "%s", out);
		if (w < 0 || (size_t)w >= len - o)
			break;
		o += (size_t)w;
		path += n;
	}
	buf[o < len ? o : len - 1] = '\0';
}

void log_request(const char *method, const char *path, int status, long ms)
{
	char ts[32], safe[512];
	stamp(ts, sizeof ts);
	log_mask_path(path, safe, sizeof safe);
	fprintf(stderr, "%s %s %s %d %ldms\n", ts, method, safe, status, ms);
}

void log_vmsg(const char *fmt, va_list ap)
{
	char ts[32], line[1024];
	stamp(ts, sizeof ts);
	vsnprintf(line, sizeof line, fmt, ap);
	/* One line, whatever the caller ended with or put inside. */
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(stderr, "%s %s\n", ts, line);
}

void log_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(fmt, ap);
	va_end(ap);
}

/* Formats logged recently: when, and how many were skipped since. */
static struct {
	const char *fmt;
	time_t at;
	long skipped;
} recent[32];
static pthread_mutex_t recent_lock = PTHREAD_MUTEX_INITIALIZER;

void log_vmsg_throttled(const char *fmt, va_list ap, int every)
{
	time_t now = time(NULL);
	long skipped = -1;
	size_t i, oldest = 0;
	pthread_mutex_lock(&recent_lock);
	for (i = 0; i < sizeof recent / sizeof recent[0] && recent[i].fmt != fmt; i++)
		if (recent[i].at < recent[oldest].at)
			oldest = i;
	if (i == sizeof recent / sizeof recent[0]) { /* new: take the stalest slot */
		i = oldest;
		recent[i].fmt = fmt;
		recent[i].at = 0;
		recent[i].skipped = 0;
	}
	if (now - recent[i].at < every) {
		recent[i].skipped++;
	} else {
		skipped = recent[i].skipped;
		recent[i].at = now;
		recent[i].skipped = 0;
	}
	pthread_mutex_unlock(&recent_lock);
	if (skipped < 0)
		return;
	if (skipped == 0) {
		log_vmsg(fmt, ap);
		return;
	}
	char line[900];
	vsnprintf(line, sizeof line, fmt, ap);
	line[strcspn(line, "\r\n")] = '\0';
	log_msg("%s (and %ld more like it in the last %d s)", line, skipped, every);
}
