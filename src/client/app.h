/* app: the types every screen and the engine share — the view on the screen
 * stack, the canvas a screen draws into, the screen table's row, the reply a
 * finished request delivers, and the session.  Screens see only this header
 * (plus the widgets in src/ui); they never call curl or the loop directly. */
#ifndef ANZHI_APP_H
#define ANZHI_APP_H

#include <curses.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/actions.h"
#include "ui/gfxcaps.h"
#include "wire/enums.h"

struct pager;
struct table;

struct app;

/* A region of the terminal a screen draws into. */
struct canvas {
	WINDOW *w;
	int y, x, rows, cols;
	int cur_y, cur_x;     /* set by draw() to show the terminal cursor; -1 = hidden */
	/* Set by every draw(): where the focus is — the selected row, the
	 * focused field (its caret), the current month.  The engine places the
	 * terminal cursor there in its accessible mode (braille, screen readers). */
	int focus_y, focus_x;
};

static inline void canvas_focus(struct canvas *c, int y, int x)
{
	c->focus_y = y;
	c->focus_x = x;
}

/* A field with the focus at (y, x): its caret shows (and is the focus). */
static inline void canvas_caret(struct canvas *c, int y, int x)
{
	c->cur_y = c->focus_y = y;
	c->cur_x = c->focus_x = x;
}

/* One screen on the stack: its row in the screen table and private state. */
struct view {
	const struct screen *scr;
	void *state;          /* scr->state_size bytes, zeroed */
	unsigned gen;         /* replies carry it: a reply for a left screen is dropped */
	struct app *app;
};

/* Arguments a screen is opened with (what each field means is the screen's). */
struct screen_args {
	long id;              /* placement id, notice id… */
	int year;             /* business year, 0 = the session's */
	const char *text;
	json_t *json;         /* borrowed: the screen takes its own reference */
	/* Non-NULL: the record may only be read, and why (translated) — the
	 * year's list is locked, say. */
	const char *locked;
};

/* What a finished request hands its screen. */
struct api_reply {
	int tag;              /* the screen's own label for the request */
	long status;          /* HTTP status, 0 when no answer came */
	bool ok;              /* 2xx */
	json_t *body;         /* parsed JSON (NULL for none); freed after reply() */
	const char *etag;     /* ETag header or NULL */
	const char *code;     /* problem `code` or NULL */
	const char *field;    /* problem `field` or NULL */
	const char *message;  /* translated one-line reason for a failure, or NULL */
	const char *detail;   /* the problem's English `detail`, secondary text, or NULL */
	const char *file;     /* for downloads: the file written */
	int batch_left;       /* a batch's request: how many are still to answer (0 = all done) */
	long retry_after;     /* seconds the service asks to wait (429 Retry-After), 0 = none */
};

enum handled {
	H_NONE     = 0,
	H_REDRAW   = 1u << 0,
	H_CLOSE    = 1u << 1,   /* pop this screen */
	H_QUIT     = 1u << 2,
	H_UNKNOWN  = 1u << 3,   /* not meaningful now: the loop's own handling runs */
	H_NEXT_ROW = 1u << 4,   /* then move the list's cursor one row down */
};

/* What an action needs to make sense; the loop checks a row's needs before
 * running it and says "not available here" (and why) when one fails. */
enum need {
	NEED_ROW      = 1u << 0,   /* a line under the cursor (the screen's list) */
	NEED_RECORD   = 1u << 1,   /* the record the screen shows has loaded */
	NEED_SESSION  = 1u << 2,   /* signed in */
	NEED_UNIT     = 1u << 3,   /* the session acts for a unit (unit user, agent) */
	NEED_UNLOCKED = 1u << 4,   /* the year's list is not locked (declaration open) */
	NEED_BELOW    = 1u << 5,   /* a screen below to go back to */
};

/* One row of a screen's action table: what `act` runs, what it needs, which
 * roles may (ROLE_BIT()s of wire/enums.h; 0 = any) and whether the hint bar
 * shows it (in table order).  run == NULL lists one of the loop's own
 * actions (moving, paging, tags, help, quit…) for the hint bar.  A handler
 * returning H_UNKNOWN lets the loop's own handling run. */
struct screen_action {
	enum action act;
	unsigned (*run)(struct view *v, enum action act);
	unsigned needs;
	unsigned roles;
	bool hint;
};

struct screen {
	const char *name;     /* also its keymap's name; one row in screens/screens.def */
	size_t state_size;
	int  (*open)(struct view *v, const struct screen_args *args);  /* 0 = ok */
	void (*draw)(struct view *v, struct canvas *c);
	/* The actions of this screen (help and the hint bar show these, the
	 * loop's list/pager actions when the screen has a list/pager, and the
	 * generic ones). */
	const struct screen_action *actions;
	int nactions;
	void (*reply)(struct view *v, const struct api_reply *r);
	void (*close)(struct view *v);
	/* Optional: which of NEED_ROW, NEED_RECORD, NEED_UNLOCKED hold now
	 * (without it the record and the list count as loaded and unlocked, and
	 * NEED_ROW is the list's). */
	unsigned (*holds)(struct view *v);
	/* Optional: the list the screen shows (the one with the focus), or NULL
	 * when none has it.  The loop moves its cursor, pages, searches again
	 * (table.search in the columns table.search_cols) and keeps its tags
	 * (when it has a tag column); list_moved() then follows the cursor. */
	struct table *(*list)(struct view *v);
	void (*list_moved)(struct view *v);
	unsigned list_caps;   /* LIST_TAGS, LIST_SEARCH: what else the list offers */
	/* Optional: the text the screen shows in a pager; the loop scrolls it. */
	struct pager *(*pager)(struct view *v);
	/* Optional: true while a text field has the focus; printable keys and the
	 * editing keys then go to key() instead of the keymap. */
	bool (*wants_text)(struct view *v);
	unsigned (*key)(struct view *v, int key);
	/* Optional: the answer to a prompt or confirm dialog the screen asked for;
	 * text is NULL when cancelled ("y" for a confirmed dialog). */
	unsigned (*answer)(struct view *v, int tag, const char *text);
	/* Optional: the screen is on top again (the one above it closed). */
	void (*resume)(struct view *v);
	/* Optional: a pipe the screen watches (app_watch) is readable or
	 * closed: read what is there without blocking. */
	void (*readable)(struct view *v, int fd);
	/* Optional: after curses has updated the terminal, write what curses
	 * cannot draw (sixel or kitty pictures, with app_write_at).  repaint:
	 * the terminal under it was cleared or painted over since the last
	 * call (a full redraw, a dialog gone, the screen back on top), so write
	 * it again even if unchanged.  Not called while a dialog is up.
	 * Returns whether such graphics of the screen are on the terminal
	 * now; when the screen leaves the top, the engine then repaints the
	 * whole terminal, which wipes them. */
	bool (*overlay)(struct view *v, bool repaint);
	/* Optional: changes not saved yet (a form's fields, the grid's ticks).
	 * Before anything drops the screen — back, previous step, quit, logout,
	 * another screen replacing the stack — the loop asks: save, discard or
	 * stay (leave.c).  save() starts saving and returns the request's id (0
	 * when it could not start: the screen says why and the user stays); the
	 * leave goes on once that answer left the screen clean.  discard()
	 * drops the changes and their draft. */
	bool (*dirty)(struct view *v);
	int  (*save)(struct view *v);
	void (*discard)(struct view *v);
	/* Optional: the business year the screen shows (the status bar shows
	 * the top-most one), 0 = none. */
	int (*year)(struct view *v);
	/* Optional: why NEED_UNLOCKED fails here (translated), NULL = the
	 * loop's own words. */
	const char *(*locked_why)(struct view *v);
};

enum { LIST_TAGS = 1u << 0, LIST_SEARCH = 1u << 1 };

/* .actions = t, .nactions = its length */
#define SCREEN_ACTIONS(t) .actions = (t), .nactions = (int)(sizeof(t) / sizeof((t)[0]))

/* The signed-in user (USER of doc/api.md), strings owned by the app. */
struct session {
	char *token;
	char *username, *display_name, *role, *unit, *unit_name;
	char *region;          /* federation staff's region ("150900"), else NULL */
	int year;
	int unread;
};

/* ---- services the engine offers to screens (src/client/loop.c, api.c) ---- */

struct session *app_session(struct app *a);
/* Replaces the session from a USER object (and token when non-NULL). */
void app_set_user(struct app *a, const json_t *user, const char *token);
const char *app_server(struct app *a);
struct keymap_set *app_keymap(struct app *a);
/* How many rows a list asks for at a time (config page_size, 1-500). */
int app_page_size(struct app *a);
/* The largest material file to send (bytes): config upload_limit_mb, else
 * 100 MB — for when the service does not say (GET /health max_upload_bytes). */
long long app_upload_limit(struct app *a);

/* A flash message in the status bar (printf-style, already translated); the
 * message log keeps it whole; an error rings the bell when asked for. */
void app_flash(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A line only the message log keeps, not shown: the English detail behind
 * a message the user was given in their words (the service's, curl's, the
 * core's). */
void app_log_detail(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Pushes a screen over the current one (done after the handler returns). */
void app_push(struct app *a, const struct screen *s, const struct screen_args *args);
/* Replaces the whole stack with one screen (login → list). */
void app_reset(struct app *a, const struct screen *s, const struct screen_args *args);
/* A one-line prompt at the bottom; answer(tag, text) when done. flags: */
#define PROMPT_PATH   1u   /* Tab completes file names */
#define PROMPT_MASKED 2u
void app_prompt(struct view *v, int tag, const char *label, const char *init, unsigned flags);
void app_confirm(struct view *v, int tag, const char *question);
/* Logging out, as the logout action does: screens with unsaved changes are
 * asked about first (save, discard or stay), and staying keeps the session. */
void app_sign_out(struct view *v);
/* The keys bound to an action now, for labels ("Space t"). */
const char *app_keys_for(struct view *v, enum action act, char *buf, size_t bufsz);
/* The same on another screen ("P on the list"). */
const char *app_keys_on(struct app *a, const struct screen *s, enum action act, char *buf,
			size_t bufsz);
/* The screen under v on the stack, NULL at the bottom (help reads it). */
struct view *app_view_below(struct view *v);
/* The actions that act on v's screen now (its table's, its list's or
 * pager's, the generic ones whose session and role needs hold), into out;
 * returns how many. */
int app_live_actions(struct view *v, enum action *out, int max);

/* The rows a bulk action acts on: the tagged rows, else the cursor row
 * (htop's rule), however many.  for (ok = app_selection_first(&sel, t, &row);
 * ok; ok = app_selection_next(&sel, &row)) …  app_selection_count says how
 * many there are and whether they are tagged ones. */
struct app_selection {
	const struct table *t;
	int next;
	bool tagged;
};
int  app_selection_count(const struct table *t, bool *tagged);
bool app_selection_first(struct app_selection *sel, const struct table *t, int *row);
bool app_selection_next(struct app_selection *sel, int *row);
/* Suspends curses, runs argv with the terminal, resumes. Returns exit status. */
int app_run_external(struct app *a, char *const argv[]);

/* Watches fd (a pipe from a child process v started): the loop wakes when
 * it is readable or closed and calls v's .readable().  At most a few at a
 * time: false when no slot is free.  app_unwatch before closing fd. */
bool app_watch(struct view *v, int fd);
void app_unwatch(struct app *a, int fd);

/* How pictures show on this terminal: asked of the terminal on the first
 * call (the `graphics` setting first; a reply within a second), the same
 * answer after. */
struct app_graphics {
	enum gfx_mode mode;   /* GFX_SIXEL, GFX_KITTY, GFX_SYMBOLS, GFX_NONE */
	int cell_w, cell_h;   /* pixels of one cell (10 x 20 when not said) */
};
const struct app_graphics *app_graphics(struct app *a);
/* Writes bytes straight to the terminal at cell (y, x), the cursor put
 * back after: only from .overlay(), when curses has updated the terminal. */
void app_write_at(struct app *a, int y, int x, const char *bytes, size_t n);
/* This update clears the whole terminal and repaints it (what was written
 * past curses is gone): for a picture that shrank or moved. */
void app_repaint_all(struct app *a);

/* The screens the engine itself opens, handed to app_run by main(): the
 * engine includes no screen (they are registered in screens/screens.def). */
struct app_screens {
	const struct screen *login;     /* first, after logout, when the session ends */
	const struct screen *help;      /* ACT_HELP: args.text = the screen's name */
	const struct screen *notices;   /* ACT_NOTICES */
	/* a text to read: args.json {"title", "body", "at_end"}; ACT_MESSAGES
	 * shows the message log in it */
	const struct screen *pager;
	const struct screen *account;   /* ACT_ACCOUNT: the user centre (用户中心) */
	const struct screen *sessions;  /* ACT_SESSIONS */
	/* ACT_FEDERATION: the federation's menu of its work (reviewer roles) */
	const struct screen *federation;
};

/* The session's messages as text, "HH:MM:SS  message" lines, newest last
 * (malloc'd; the message log screen shows it). */
char *app_messages_text(struct app *a);

/* Requests (never block).  Returns a request id (> 0) or 0 when it could not
 * start (a flash says why).  The reply goes to v's screen if v is still on the
 * stack. body is JSON text or NULL.  A tag of API_TAG_NONE marks a request
 * whose answer nobody needs (not even a 401). */
enum { API_TAG_NONE = -1 };
int api_call(struct view *v, int tag, const char *method, const char *path,
	     const json_t *body, const char *if_match);
/* A save the user asked for: api_call, and "Saving..." in the status bar. */
int api_save(struct view *v, int tag, const char *method, const char *path,
	     const json_t *body, const char *if_match);
int api_upload(struct view *v, int tag, const char *path, const char *kind,
	       const char *file);
/* An upload with more text parts: fields are "name=value" lines. */
int api_upload_form(struct view *v, int tag, const char *path, const char *fields,
		    const char *file);
/* A multipart POST: the text part `field` (its value `text`) and up to 9
 * "file" parts streamed from disk (a feedback's text and files, a
 * cancellation's reason and signed application). */
int api_upload_parts(struct view *v, int tag, const char *path, const char *field,
		     const char *text, const char *const *files, int nfiles);
/* The body into the file dest; reply() gets it as r->file and must take it
 * there (read it, or rename it elsewhere): it is removed after reply(). */
int api_download(struct view *v, int tag, const char *path, const char *dest);
/* Progress of a running request (bytes); false when it is not running. */
bool api_progress(struct app *a, int id, long long *now, long long *total);
void api_cancel(struct app *a, int id);
/* A bulk action's requests (one per row, however many), sent a few at a
 * time: each answer goes to v's reply() with `tag` and r->batch_left.  Build
 * it when asking the user (the rows are then fixed), send it on "yes", drop
 * it on "no"; once sent the engine frees it. */
struct app_batch;
struct app_batch *app_batch_new(struct view *v, int tag);
void app_batch_add(struct app_batch *b, const char *method, const char *path, const char *if_match);
int  app_batch_size(const struct app_batch *b);
void app_batch_send(struct app_batch *b);
void app_batch_drop(struct app_batch *b);
/* The outbox: writes that go out in the background (the reviewer's
 * decisions), each with its Idempotency-Key and If-Match, held a few seconds
 * (undo takes the newest back), retried with backoff when the network fails,
 * kept as failed when the service refuses (412, 409…) until the user resends
 * or drops it. Kept on disk per server and user, resent at the next start. */
enum outbox_state {
	OUTBOX_HELD,      /* just added: undo can still take it back */
	OUTBOX_READY,     /* to go out */
	OUTBOX_SENDING,
	OUTBOX_RETRY,     /* the network failed: again after a wait */
	OUTBOX_FAILED,    /* the service refused it: the user decides */
};
struct outbox_item {
	int id;
	long ref;                 /* the record it writes (a placement id) */
	const char *label, *method, *path, *body;   /* body: JSON text */
	enum outbox_state state;
	int attempts;
	double wait;              /* seconds until a held or retried entry goes */
	long status;              /* the last answer's HTTP status, 0 = none / network */
	const char *code, *message;   /* the last failure ("" when none) */
};
/* Adds a write (body copied); returns its id, 0 when no one is signed in. */
int  app_outbox_add(struct app *a, const char *method, const char *path, const char *if_match,
		    const json_t *body, long ref, const char *label);
int  app_outbox_count(struct app *a, int *failed);
bool app_outbox_get(struct app *a, int i, struct outbox_item *out);   /* oldest first */
/* A write to ref is in the outbox (in any state) or the service took one
 * this session: a case the reviewer has done with. */
bool app_outbox_sent(struct app *a, long ref);
/* Takes back the newest entry unless it is being sent or failed: its ref
 * (and, when body is not NULL, its body: a new reference), else 0. */
long app_outbox_undo(struct app *a, json_t **body);
void app_outbox_resend(struct app *a, int id);
void app_outbox_drop(struct app *a, int id);
/* How many entries the service has taken so far (moves when one is acknowledged). */
unsigned app_outbox_acked(struct app *a);

/* The translated text of a problem `code` ("precondition_failed"), or NULL. */
const char *api_problem_text(const char *code);
bool api_busy(struct app *a);

#endif
