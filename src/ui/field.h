/* field: one single-line input field — wide-character editing with a cursor
 * (insert, backspace, delete, left/right, home/end, C-u/C-k), masked text,
 * select lists that cycle, and the service's error shown beside it.  The
 * editing part is pure (no curses) so it can be tested on its own. */
#ifndef ANZHI_FIELD_H
#define ANZHI_FIELD_H

#include <curses.h>
#include <stdbool.h>

#define FIELD_MAX 256

enum field_kind { FIELD_TEXT, FIELD_MASKED, FIELD_SELECT, FIELD_DATE, FIELD_READONLY };

struct field_option {
	const char *value;    /* what goes over the wire ("fixed") */
	const char *label;    /* English msgid shown translated ("Fixed term") */
};

struct field {
	const char *label;    /* English msgid */
	const char *path;     /* the API's field path: "person.idno", "contracts[].start" */
	enum field_kind kind;
	bool required;
	char buf[FIELD_MAX];  /* UTF-8 text (not for SELECT) */
	int cur;              /* cursor: byte offset into buf */
	const struct field_option *opts;
	int nopts;
	int sel;              /* SELECT: index into opts, -1 = none */
	char error[200];      /* the service's (or local) complaint, shown beside it */
};

void field_init(struct field *f, const char *label, const char *path, enum field_kind kind);
void field_init_select(struct field *f, const char *label, const char *path,
		       const struct field_option *opts, int nopts);
/* Sets the value (text, or the option whose value matches); cursor at the end. */
void field_set(struct field *f, const char *value);
/* The value to send: text, or the selected option's value ("" when none). */
const char *field_value(const struct field *f);
bool field_empty(const struct field *f);

/* Editing; each returns true when something changed. */
bool field_insert(struct field *f, int codepoint);  /* printable only; never overflows */
bool field_backspace(struct field *f);
bool field_delete(struct field *f);
bool field_left(struct field *f);
bool field_right(struct field *f);
bool field_home(struct field *f);
bool field_end(struct field *f);
bool field_kill_before(struct field *f);            /* C-u */
bool field_kill_after(struct field *f);             /* C-k */
bool field_cycle(struct field *f, int dir);         /* SELECT: next/previous option */
/* A key code (keymap.h codes) as an editing key; true when the field used it. */
bool field_key(struct field *f, int code);
/* True when code is a key field_key would take (so the loop routes it here). */
bool field_is_edit_key(int code);

/* Draws "label value" is the caller's; this draws the value box of `width`
 * columns at y,x (scrolled so the cursor shows) and returns the cursor column
 * (absolute) for the caller to place when active. */
int field_draw(WINDOW *w, int y, int x, int width, const struct field *f, bool active);

#endif
