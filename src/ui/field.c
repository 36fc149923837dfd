/* field: single-line input editing by characters (never by bytes) and drawing
 * by columns, so Chinese names edit and scroll correctly. */
#include "ui/field.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "base/i18n.h"
#include "base/keys.h"
#include "ui/text.h"
#include "ui/theme.h"

void field_init(struct field *f, const char *label, const char *path, enum field_kind kind)
{
	memset(f, 0, sizeof *f);
	f->label = label;
	f->path = path;
	f->kind = kind;
	f->sel = -1;
}

void field_init_select(struct field *f, const char *label, const char *path,
		       const struct field_option *opts, int nopts)
{
	field_init(f, label, path, FIELD_SELECT);
	f->opts = opts;
	f->nopts = nopts;
}

void field_set(struct field *f, const char *value)
{
	if (!value)
		value = "";
	if (f->kind == FIELD_SELECT) {
		f->sel = -1;
		for (int i = 0; i < f->nopts; i++)
			if (strcmp(f->opts[i].value, value) == 0)
				f->sel = i;
		return;
	}
	/* cut on a character boundary so the buffer stays valid UTF-8 */
	size_t n = strlen(value);
	if (n >= FIELD_MAX) {
		n = FIELD_MAX - 1;
		while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(f->buf, value, n);
	f->buf[n] = '\0';
	f->cur = (int)n;
}

const char *field_value(const struct field *f)
{
	if (f->kind == FIELD_SELECT)
		return f->sel >= 0 && f->sel < f->nopts ? f->opts[f->sel].value : "";
	return f->buf;
}

bool field_empty(const struct field *f)
{
	return field_value(f)[0] == '\0';
}

static bool editable(const struct field *f)
{
	return f->kind != FIELD_READONLY && f->kind != FIELD_SELECT;
}

bool field_insert(struct field *f, int cp)
{
	if (!editable(f) || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return false;
	char enc[4];
	int n;
	if (cp < 0x80) {
		enc[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		enc[0] = (char)(0xC0 | (cp >> 6));
		enc[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		enc[0] = (char)(0xE0 | (cp >> 12));
		enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		enc[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		enc[0] = (char)(0xF0 | (cp >> 18));
		enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		enc[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	size_t len = strlen(f->buf);
	if (len + (size_t)n >= FIELD_MAX)
		return false;
	memmove(f->buf + f->cur + n, f->buf + f->cur, len - (size_t)f->cur + 1);
	memcpy(f->buf + f->cur, enc, (size_t)n);
	f->cur += n;
	f->error[0] = '\0';
	return true;
}

bool field_backspace(struct field *f)
{
	if (!editable(f) || f->cur == 0)
		return false;
	int p = text_prev_char(f->buf, f->cur);
	memmove(f->buf + p, f->buf + f->cur, strlen(f->buf) - (size_t)f->cur + 1);
	f->cur = p;
	f->error[0] = '\0';
	return true;
}

bool field_delete(struct field *f)
{
	size_t len = strlen(f->buf);
	if (!editable(f) || (size_t)f->cur >= len)
		return false;
	int nx = text_next_char(f->buf, f->cur);
	memmove(f->buf + f->cur, f->buf + nx, len - (size_t)nx + 1);
	f->error[0] = '\0';
	return true;
}

bool field_left(struct field *f)
{
	if (f->cur == 0)
		return false;
	f->cur = text_prev_char(f->buf, f->cur);
	return true;
}

bool field_right(struct field *f)
{
	if ((size_t)f->cur >= strlen(f->buf))
		return false;
	f->cur = text_next_char(f->buf, f->cur);
	return true;
}

bool field_home(struct field *f)
{
	bool moved = f->cur != 0;
	f->cur = 0;
	return moved;
}

bool field_end(struct field *f)
{
	int end = (int)strlen(f->buf);
	bool moved = f->cur != end;
	f->cur = end;
	return moved;
}

bool field_kill_before(struct field *f)
{
	if (!editable(f) || f->cur == 0)
		return false;
	memmove(f->buf, f->buf + f->cur, strlen(f->buf) - (size_t)f->cur + 1);
	f->cur = 0;
	f->error[0] = '\0';
	return true;
}

bool field_kill_after(struct field *f)
{
	if (!editable(f) || f->buf[f->cur] == '\0')
		return false;
	f->buf[f->cur] = '\0';
	f->error[0] = '\0';
	return true;
}

bool field_cycle(struct field *f, int dir)
{
	if (f->kind != FIELD_SELECT || f->nopts == 0)
		return false;
	int s = f->sel + dir;
	if (f->sel < 0)
		s = dir > 0 ? 0 : f->nopts - 1;
	f->sel = (s % f->nopts + f->nopts) % f->nopts;
	f->error[0] = '\0';
	return true;
}

/* The editing keys, as a table: code → operation. */
struct edit_key {
	int code;
	bool (*op)(struct field *f);
};

static const struct edit_key edit_keys[] = {
	{ KEYCODE_FN(KEY_BACKSPACE), field_backspace },
	{ KEYCODE_FN(KEY_DC), field_delete },
	{ 0x04, field_delete },                 /* C-d */
	{ KEYCODE_FN(KEY_LEFT), field_left },
	{ 0x02, field_left },                   /* C-b */
	{ KEYCODE_FN(KEY_RIGHT), field_right },
	{ 0x06, field_right },                  /* C-f */
	{ KEYCODE_FN(KEY_HOME), field_home },
	{ 0x01, field_home },                   /* C-a */
	{ KEYCODE_FN(KEY_END), field_end },
	{ 0x05, field_end },                    /* C-e */
	{ 0x15, field_kill_before },            /* C-u */
	{ 0x0b, field_kill_after },             /* C-k */
};

bool field_is_edit_key(int code)
{
	if (code >= 0x20 && code < 0x110000 && code != 0x7f)
		return true;
	for (size_t i = 0; i < sizeof edit_keys / sizeof edit_keys[0]; i++)
		if (edit_keys[i].code == code)
			return true;
	return false;
}

bool field_key(struct field *f, int code)
{
	if (f->kind == FIELD_SELECT) {
		if (code == ' ' || code == KEYCODE_FN(KEY_RIGHT))
			return field_cycle(f, 1);
		if (code == KEYCODE_FN(KEY_LEFT))
			return field_cycle(f, -1);
		return code >= 0x20 && code < 0x110000;   /* swallow other typing */
	}
	for (size_t i = 0; i < sizeof edit_keys / sizeof edit_keys[0]; i++)
		if (edit_keys[i].code == code) {
			edit_keys[i].op(f);
			return true;
		}
	if (code >= 0x20 && code < 0x110000 && code != 0x7f) {
		field_insert(f, code);
		return true;
	}
	return false;
}

int field_draw(WINDOW *w, int y, int x, int width, const struct field *f, bool active)
{
	char shown[FIELD_MAX * 3];
	int curcol = 0;
	if (width < 1)
		return x;
	if (f->kind == FIELD_SELECT) {
		const char *lab = f->sel >= 0 ? _(f->opts[f->sel].label) : _("(choose)");
		snprintf(shown, sizeof shown, "%s%s", lab, active ? " <>" : "");
	} else if (f->kind == FIELD_MASKED) {
		size_t n = text_utf8_len(f->buf), i;
		for (i = 0; i < n && i < sizeof shown - 1; i++)
			shown[i] = '*';
		shown[i] = '\0';
		char pre[FIELD_MAX];
		memcpy(pre, f->buf, (size_t)f->cur);
		pre[f->cur] = '\0';
		curcol = (int)text_utf8_len(pre);
	} else {
		snprintf(shown, sizeof shown, "%s", f->buf);
		char pre[FIELD_MAX];
		memcpy(pre, f->buf, (size_t)f->cur);
		pre[f->cur] = '\0';
		curcol = text_width(pre);
	}
	/* scroll by whole characters until the cursor fits in the box */
	const char *start = shown;
	int skip = 0;
	if (f->kind != FIELD_SELECT && active) {   /* an idle field shows its start */
		while (curcol - skip > width - 1 && *start) {
			int nx = text_next_char(start, 0);
			char one[8];
			memcpy(one, start, (size_t)nx);
			one[nx] = '\0';
			skip += text_width(one);
			start += nx;
		}
	}
	char fitted[FIELD_MAX * 3 + 8];
	text_fit(fitted, sizeof fitted, start, width, TEXT_PAD);
	wattrset(w, theme_attr(active ? STYLE_FIELD_ACTIVE : STYLE_FIELD));
	mvwaddstr(w, y, x, fitted);
	wattrset(w, theme_attr(STYLE_NORMAL));
	return x + (curcol - skip);
}
