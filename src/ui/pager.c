/* pager: wrapping by columns so CJK text never splits a character or
 * overflows the line. */
#include "ui/pager.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ui/text.h"
#include "ui/theme.h"

void pager_set(struct pager *p, const char *text)
{
	pager_free(p);
	/* clean each line on its own so the newlines survive */
	size_t cap = strlen(text) * 3 + 1, len = 0;
	p->text = xmalloc(cap + 1);
	const char *s = text;
	while (*s) {
		size_t n = strcspn(s, "\n");
		char *line = xmalloc(n + 1);
		memcpy(line, s, n);
		line[n] = '\0';
		char *c = text_clean(line);
		size_t cl = strlen(c);
		if (len + cl + 2 > cap) {
			cap = (len + cl + 2) * 2;
			p->text = xrealloc(p->text, cap + 1);
		}
		memcpy(p->text + len, c, cl);
		len += cl;
		p->text[len++] = '\n';
		free(c);
		free(line);
		s += n;
		if (*s == '\n')
			s++;
	}
	p->text[len] = '\0';
	p->width = 0;
	p->top = 0;
}

static void free_lines(struct pager *p)
{
	for (int i = 0; i < p->nlines; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
}

void pager_free(struct pager *p)
{
	free_lines(p);
	free(p->text);
	p->text = NULL;
}

static bool ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool starts_with_any(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strncmp(s, *set, strlen(*set)) == 0)
			return true;
	return false;
}

static int width_of(const char *s, int bytes)
{
	char *tmp = xmalloc((size_t)bytes + 1);
	memcpy(tmp, s, (size_t)bytes);
	tmp[bytes] = '\0';
	int w = text_width(tmp);
	free(tmp);
	return w;
}

/* Where a line that does not fit in b bytes should end: after the last
 * separator ("，" "," "、" a space…) when that keeps at least half the line,
 * else at the last place that splits no run of ASCII letters/digits and starts
 * no line with a comma, else at b ("202505,202506" stays whole if it can). */
static int break_at(const char *q, int b, int width)
{
	static const char *const after[] = { "，", ",", "、", "；", ";", "。", " ", "：", NULL };
	static const char *const never_first[] = { "，", ",", "、", "；", ";", "。", "：", ":", ")", "）", NULL };
	int sep = 0, soft = 0;
	for (int pos = text_next_char(q, 0); pos > 0 && pos <= b; pos = text_next_char(q, pos)) {
		int prev = text_prev_char(q, pos);
		if (starts_with_any(q + prev, after))
			sep = pos;
		if (!(ascii_alnum(q[prev]) && ascii_alnum(q[pos])) && !starts_with_any(q + pos, never_first))
			soft = pos;
		if (q[pos] == '\0')
			break;
	}
	if (sep && width_of(q, sep) * 2 >= width)
		return sep;
	return soft ? soft : b;
}

int pager_wrap(const char *text, int width, char ***out)
{
	int n = 0, cap = 16;
	char **lines = xmalloc((size_t)cap * sizeof *lines);
	const char *s = text;
	if (width < 1)
		width = 1;
	while (*s) {
		size_t linelen = strcspn(s, "\n");
		char *line = xmalloc(linelen + 1);
		memcpy(line, s, linelen);
		line[linelen] = '\0';
		const char *q = line;
		/* continuation lines keep the line's indent (help, calculation steps) */
		int indent = (int)strspn(line, " ");
		if (indent > width / 2)
			indent = 0;
		do {
			int pad = q == line ? 0 : indent, room = width - pad;
			int b = text_prefix_bytes(q, room);
			if (b == 0 && *q)
				b = text_next_char(q, 0);   /* a char wider than the line */
			else if (q[b])
				b = break_at(q, b, room);
			if (n == cap) {
				cap *= 2;
				lines = xrealloc(lines, (size_t)cap * sizeof *lines);
			}
			lines[n] = xmalloc((size_t)(pad + b) + 1);
			memset(lines[n], ' ', (size_t)pad);
			memcpy(lines[n] + pad, q, (size_t)b);
			lines[n][pad + b] = '\0';
			n++;
			q += b;
			while (*q == ' ')   /* no continuation starts with a blank */
				q++;
		} while (*q);
		free(line);
		s += linelen;
		if (*s == '\n')
			s++;
	}
	*out = lines;
	return n;
}

void pager_draw(struct pager *p, WINDOW *w, int y, int x, int h, int wd)
{
	if (!p->text)
		return;
	if (wd != p->width) {
		free_lines(p);
		p->nlines = pager_wrap(p->text, wd, &p->lines);
		p->width = wd;
	}
	p->height = h;
	if (p->top > p->nlines - h)
		p->top = p->nlines - h;
	if (p->top < 0)
		p->top = 0;
	wattrset(w, theme_attr(STYLE_NORMAL));
	for (int i = 0; i < h && p->top + i < p->nlines; i++)
		mvwaddstr(w, y + i, x, p->lines[p->top + i]);
}

int pager_put_wrapped(WINDOW *w, int y, int x, int width, int maxlines, const char *text)
{
	char **lines;
	int n = pager_wrap(text, width, &lines), used = 0;
	for (int i = 0; i < n; i++) {
		if (used < maxlines) {
			/* through text_fit: placeholders where the locale is not UTF-8 */
			char buf[1024];
			text_fit(buf, sizeof buf, lines[i], width, 0);
			mvwaddstr(w, y + used++, x, buf);
		}
		free(lines[i]);
	}
	free(lines);
	return used;
}

void pager_show_end(struct pager *p)
{
	p->top = INT_MAX;   /* pager_draw settles it on the last page */
}

int pager_page_lines(const struct pager *p)
{
	return p->height > 1 ? p->height - 1 : 1;
}

void pager_scroll(struct pager *p, long lines)
{
	long top = (long)p->top + lines;
	p->top = top < 0 ? 0 : top > p->nlines ? p->nlines : (int)top;
}

bool pager_find(struct pager *p, const char *needle, bool from_next)
{
	if (!needle || !*needle || p->nlines == 0)
		return false;
	for (int i = 0; i < p->nlines; i++) {
		int at = (p->top + (from_next ? 1 : 0) + i) % p->nlines;
		if (strstr(p->lines[at], needle)) {
			p->top = at;
			return true;
		}
	}
	return false;
}
