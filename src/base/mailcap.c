/* mailcap: RFC 1524 entries — "type; view command; flag; name=value…" with
 * '\' quoting the next character (also the line's end: a continuation). */
#include "base/mailcap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fileio.h"
#include "base/xalloc.h"

enum { MAILCAP_FILE_MAX = 1 << 20, LOGICAL_MAX = 4096 };

/* One logical line (continuations joined, still escaped) into buf; false at
 * the end of the text. */
static bool logical_line(const char **pos, char *buf, size_t bufsz)
{
	const char *p = *pos;
	if (!*p)
		return false;
	size_t n = 0;
	while (*p && *p != '\n') {
		if (p[0] == '\\' && p[1] == '\n') {   /* continuation */
			p += 2;
			continue;
		}
		if (p[0] == '\\' && p[1] == '\r' && p[2] == '\n') {
			p += 3;
			continue;
		}
		if (p[0] == '\\' && p[1] && n + 2 < bufsz) {
			buf[n++] = *p++;
		}
		if (n + 1 < bufsz)
			buf[n++] = *p;
		p++;
	}
	if (*p == '\n')
		p++;
	*pos = p;
	while (n && (buf[n - 1] == '\r' || isspace((unsigned char)buf[n - 1])))
		n--;
	buf[n] = '\0';
	return true;
}

/* The field at *s up to an unescaped ';' (escapes undone, blanks trimmed)
 * into out; *s moves past the ';'.  false when there is no field left. */
static bool next_field(const char **s, char *out, size_t outsz)
{
	const char *p = *s;
	if (!p)
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = 0;
	while (*p && *p != ';') {
		if (*p == '\\' && p[1])
			p++;
		if (n + 1 < outsz)
			out[n++] = *p;
		p++;
	}
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
	*s = *p == ';' ? p + 1 : NULL;
	return true;
}

static void set_flag(struct mailcap_entry *e, const char *f)
{
	if (strcasecmp(f, "needsterminal") == 0)
		e->needsterminal = true;
	else if (strcasecmp(f, "copiousoutput") == 0)
		e->copiousoutput = true;
	else if (strncasecmp(f, "test", 4) == 0) {
		const char *v = f + 4;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v++ != '=')
			return;
		while (*v == ' ' || *v == '\t')
			v++;
		snprintf(e->test, sizeof e->test, "%s", v);
	}
	/* print=, edit=, compose=, description=, nametemplate=…: not for viewing */
}

bool mailcap_next(const char **pos, struct mailcap_entry *e)
{
	char line[LOGICAL_MAX];
	while (logical_line(pos, line, sizeof line)) {
		const char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		memset(e, 0, sizeof *e);
		char field[LOGICAL_MAX];
		next_field(&s, e->type, sizeof e->type);
		if (!s || !next_field(&s, e->view, sizeof e->view) || !e->view[0] || !e->type[0])
			continue;   /* no command: nothing to run */
		while (s && next_field(&s, field, sizeof field))
			set_flag(e, field);
		return true;
	}
	return false;
}

bool mailcap_type_matches(const char *pattern, const char *mime)
{
	const char *slash = strchr(pattern, '/');
	size_t major = slash ? (size_t)(slash - pattern) : strlen(pattern);
	const char *mslash = strchr(mime, '/');
	size_t mmajor = mslash ? (size_t)(mslash - mime) : strlen(mime);
	if (major != mmajor || strncasecmp(pattern, mime, major) != 0)
		return false;
	if (!slash || strcmp(slash, "/*") == 0)
		return true;
	return mslash && strcasecmp(slash, mslash) == 0;
}

bool mailcap_in_terminal(const struct mailcap_entry *e)
{
	return e->needsterminal || e->copiousoutput;
}

bool mailcap_pick(const char *text, const char *mime, bool has_display,
		  bool (*test_ok)(const struct mailcap_entry *e, void *ctx), void *ctx,
		  struct mailcap_entry *out)
{
	const char *pos = text ? text : "";
	struct mailcap_entry e;
	while (mailcap_next(&pos, &e)) {
		if (!mailcap_type_matches(e.type, mime))
			continue;
		if (!has_display && !mailcap_in_terminal(&e))
			continue;
		if (e.test[0] && test_ok && !test_ok(&e, ctx))
			continue;
		*out = e;
		return true;
	}
	return false;
}

/* Appends s to out; false when it does not fit. */
static bool put(char *out, size_t outsz, size_t *n, const char *s, size_t len)
{
	if (*n + len >= outsz)
		return false;
	memcpy(out + *n, s, len);
	*n += len;
	out[*n] = '\0';
	return true;
}

/* The file single-quoted for sh ('it'\''s'). */
static bool put_quoted(char *out, size_t outsz, size_t *n, const char *file)
{
	if (!put(out, outsz, n, "'", 1))
		return false;
	for (const char *p = file; *p; p++)
		if (!(*p == '\'' ? put(out, outsz, n, "'\\''", 4) : put(out, outsz, n, p, 1)))
			return false;
	return put(out, outsz, n, "'", 1);
}

/* Characters a shell treats specially inside its own double quotes. */
static bool safe_in_quotes(const char *s)
{
	return !strpbrk(s, "'\"\\$`");
}

static bool safe_type(const char *mime)
{
	for (const char *p = mime; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("/.+-", *p))
			return false;
	return *mime != '\0';
}

bool mailcap_expand(const char *cmd, const char *file, const char *mime, char *out, size_t outsz)
{
	size_t n = 0;
	bool has_file = false;
	if (outsz == 0)
		return false;
	out[0] = '\0';
	for (const char *p = cmd; *p; p++) {
		if (*p != '%') {
			if (!put(out, outsz, &n, p, 1))
				return false;
			continue;
		}
		char c = p[1];
		if (c == 's') {
			/* inside the command's own quotes ('%s' or "%s") the name goes
			 * as is, which is safe only for a name without quotes */
			char before = p > cmd ? p[-1] : '\0';
			bool quoted = (before == '\'' || before == '"') && p[2] == before;
			if (quoted ? !(safe_in_quotes(file) && put(out, outsz, &n, file, strlen(file)))
				   : !put_quoted(out, outsz, &n, file))
				return false;
			has_file = true;
			p++;
		} else if (c == 't') {
			if (!safe_type(mime) || !put(out, outsz, &n, mime, strlen(mime)))
				return false;
			p++;
		} else if (c == '%') {
			if (!put(out, outsz, &n, "%", 1))
				return false;
			p++;
		} else if (c == '{') {
			const char *end = strchr(p, '}');
			if (!end)
				return false;
			p = end;   /* content-type parameters: materials have none */
		} else if (!put(out, outsz, &n, p, 1))
			return false;
	}
	if (!has_file)
		return put(out, outsz, &n, " < ", 3) && put_quoted(out, outsz, &n, file);
	return true;
}

char *mailcap_read(void)
{
	char list[2048];
	const char *env = getenv("MAILCAPS");
	const char *home = getenv("HOME");
	if (env && *env)
		snprintf(list, sizeof list, "%s", env);
	else
		snprintf(list, sizeof list, "%s/.mailcap:/etc/mailcap", home && *home ? home : "/nonexistent");
	char *all = NULL;
	size_t len = 0;
	for (char *save = NULL, *path = strtok_r(list, ":", &save); path;
	     path = strtok_r(NULL, ":", &save)) {
		size_t n = 0;
		char *text = file_read_all(path, MAILCAP_FILE_MAX, &n);
		if (!text)
			continue;
		all = xrealloc(all, len + n + 3);
		memcpy(all + len, text, n);
		len += n;
		/* a blank line: a file's last line never continues into the next */
		all[len++] = '\n';
		all[len++] = '\n';
		all[len] = '\0';
		free(text);
	}
	return all;
}
