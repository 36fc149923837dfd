/* engine: the loop's private state, shared by loop.c (terminal, keys, screen
 * stack), api.c (requests on top of net) and the bars.  Screens never include
 * this; they use app.h. */
#ifndef ANZHI_ENGINE_H
#define ANZHI_ENGINE_H

#include <signal.h>

#include "client/app.h"
#include "client/config.h"
#include "client/keymap.h"
#include "client/keyseq.h"
#include "client/msglog.h"
#include "client/net.h"
#include "ui/field.h"

#define APP_MAX_STACK 16
#define APP_MAX_REQS  32
#define APP_MAX_WATCH 4

/* A request of the engine's own (the outbox): its answer goes to fn, not to
 * a screen, whichever screen is on top. */
typedef void (*api_done_fn)(struct app *a, void *ctx, const struct api_reply *r);

#define MODAL_MAX_CHOICES 4

struct modal_choice {
	int key;              /* the key that chooses it ('s') */
	char label[48];       /* translated */
};

/* What would drop screens with unsaved changes (leave.c). */
enum leave_kind { LEAVE_CLOSE, LEAVE_QUIT, LEAVE_RESET, LEAVE_LOGOUT };

struct leave {
	bool active;          /* asked, or saving before it goes on */
	enum leave_kind kind;
	unsigned closing;     /* LEAVE_CLOSE: the view to close */
	unsigned asked;       /* the view with unsaved changes asked about */
	int save_req;         /* its save running, 0 = none */
	bool saved;           /* that save answered: go on if it left the view clean */
	bool granted;         /* the leave goes ahead: the next check passes */
	const struct screen *to;       /* LEAVE_RESET: the screen asked for */
	struct screen_args to_args;
};

struct app_req {
	int id;               /* net id; 0 = free slot */
	unsigned gen;
	int tag;
	char *file;           /* download target */
	struct app_batch *batch;   /* the bulk action it belongs to, or NULL */
	api_done_fn fn;       /* an engine request's receiver, or NULL */
	void *fn_ctx;
};

struct outbox;

struct app {
	struct config cfg;
	struct app_screens screens;
	struct net *net;
	struct keymap_set *keys;
	struct session sess;
	char *base;           /* "https://host:port/api/v1" */
	struct view *stack[APP_MAX_STACK];
	int depth;
	unsigned next_gen;
	/* a push or reset asked for by a handler, done after it returns */
	const struct screen *want;
	struct screen_args want_args;
	bool want_reset;
	/* status bar */
	char flash[1024];
	bool flash_error;
	double flash_at;
	/* the flash came after the last key: in the accessible mode the cursor
	 * sits on it (a screen reader says it) until the next key */
	bool flash_hold;
	struct msglog log;    /* every message of the session (`:messages`) */
	bool bell;            /* ring on an error flash (bell_command or the terminal's) */
	double bell_at;
	struct app_req reqs[APP_MAX_REQS];
	double busy_since;
	unsigned spin;
	/* the bottom line prompt and the confirm dialog */
	struct {
		bool active;
		unsigned gen;
		int tag;
		unsigned flags;
		char label[160];
		struct field f;
	} prompt;
	struct {
		bool active;
		unsigned gen;
		int tag;
		char question[300];
		/* the engine's own question (gen 0): its answers, each a key and
		 * its label, and who takes the key chosen (0 = cancelled) */
		int nchoices;
		struct modal_choice choices[MODAL_MAX_CHOICES];
		void (*engine_answer)(struct app *a, int key);
	} dialog;
	struct leave leave;   /* a leave waiting for the user or a save (leave.c) */
	int seq[KEYMAP_MAX_SEQ];
	int nseq;
	bool quit;
	bool full_redraw;
	int selfpipe[2];
	struct app_batch *batches;   /* bulk actions being sent (batch.c) */
	/* where the focus was at the last draw (the screen's, the dialog's
	 * answers, the prompt's caret), -1 = none; with cursor_at_focus the
	 * terminal cursor sits there: the accessible mode (app_set_accessible),
	 * off by default */
	int focus_y, focus_x;
	bool cursor_at_focus;
	struct outbox *outbox;       /* the signed-in user's decisions on their way (outbox.c) */
	/* pipes screens watch (app_watch): fd, and the screen's gen; fd -1 = free */
	struct {
		int fd;
		unsigned gen;
	} watch[APP_MAX_WATCH];
	/* graphics written past curses (screen .overlay): whose they are (gen,
	 * 0 = none) and whether curses painted over them since */
	unsigned overlay_gen;
	bool overlay_stale;
	struct app_graphics gfx;
	bool gfx_known;
};

/* app.c: the accessible mode on or off — the cursor on the focus, marks in
 * words (theme_set_spoken). */
void app_set_accessible(struct app *a, bool on);


/* api.c */
bool api_init(struct app *a);
void api_shutdown(struct app *a);
/* The translated label of a problem's field path (also for tests). */
const char *api_field_label(const char *path);

/* An engine request: body is JSON text (or NULL), idem the Idempotency-Key
 * to send (NULL: none); net's own retries are off (the caller retries).
 * Returns the request id or 0. */
int api_call_fn(struct app *a, api_done_fn fn, void *ctx, const char *method, const char *path,
		const char *body, const char *if_match, const char *idem);

/* A request a screen waits for is running (the engine's own do not count:
 * Esc never cancels the outbox). */
bool api_busy_foreground(struct app *a);

/* The request id belongs to batch b (batch.c). */
void api_req_set_batch(struct app *a, int id, struct app_batch *b);

/* batch.c: a request of b was answered (or cancelled, which stops b): how
 * many of b are still to answer; then batch_continue sends more (and frees b
 * when it is over). */
int  batch_answered(struct app_batch *b, bool cancelled);
void batch_continue(struct app_batch *b);
void batch_drop_all(struct app *a);

/* outbox.c: opened for the signed-in user (server and user name) when the
 * session starts, closed when it ends; tick sends what is due (after every
 * wake-up of the loop), due_ms says when the next send or retry is due (-1:
 * nothing waits); flush gives the entries ready to go up to `secs` to send
 * before anzhi ends (the rest stay on disk for the next start). */
void outbox_open(struct app *a);
void outbox_close(struct app *a);
void outbox_tick(struct app *a);
int  outbox_due_ms(struct app *a);
void outbox_flush(struct app *a, double secs);

/* app.c */
void app_want_clear(struct app *a);
void app_session_clear(struct session *s);   /* token wiped */

/* loop.c */
struct view *app_find_view(struct app *a, unsigned gen);
int app_run(const struct config *cfg, const struct app_screens *screens);
/* The engine without a terminal (app_run's parts; the unit tests drive it):
 * an app with its keys and network layer, NULL (err says why) on failure. */
struct app *app_new(const struct config *cfg, const struct app_screens *screens, char *err,
		    size_t errsz);
void app_free(struct app *a);
void app_settle(struct app *a);                 /* opens the screens asked for */
void app_draw(struct app *a);                   /* one redraw (curses must be up) */
void app_do(struct app *a, enum action act);    /* an action on the top screen */
void app_key(struct app *a, int code);          /* a key as read from the terminal */
struct view *app_top(struct app *a);
/* What a handler's H_* flags ask for: quit, close v, open the screens asked. */
void app_apply(struct app *a, struct view *v, unsigned h);

/* leave.c: nothing typed is lost on the way out.  leave_may: true when
 * `kind` (v closing, for LEAVE_CLOSE) drops no unsaved changes, or the user
 * has chosen; else it asks save / discard / stay and the leave goes on
 * later, from leave_poll (after replies) — or never, when the user stays.
 * leave_request_done: a request finished (the save it waits for?). */
bool leave_may(struct app *a, enum leave_kind kind, struct view *v);
void leave_request_done(struct app *a, int id);
void leave_poll(struct app *a);
void leave_forget(struct app *a);
/* The logout itself (dispatch.c), once leave_may allows it. */
void app_logout(struct app *a, struct view *v);

/* modal.c: the prompt and the dialog.  modal_key: true when one is up (it
 * took the key); modal_draw: the dialog before the bars, the prompt after
 * them (over the hint bar), each setting the focus. */
bool modal_key(struct app *a, int code);
/* The engine's own question with its answers; answer(key) gets the key of
 * the one chosen, 0 when cancelled (Esc). */
void modal_choose(struct app *a, const char *question, const struct modal_choice *c, int n,
		  void (*answer)(struct app *a, int key));
void modal_draw(struct app *a, int *fy, int *fx, bool bars_drawn);

/* dispatch.c: an action to the table row, list, pager or generic action
 * that handles it, needs checked; what is live on a screen */
unsigned dispatch_action(struct app *a, struct view *v, enum action act);
int  dispatch_hints(struct app *a, struct view *v, enum action *out, int max);
bool dispatch_modal_answer(enum action act, bool *yes);
/* For the test that every key binding acts somewhere: */
bool dispatch_screen_handles(const struct screen *s, enum action act);
bool dispatch_generic_handles(enum action act);

/* listdrv.c: the loop's list and pager drivers */
bool listdrv_can(unsigned list_caps, enum action act);
unsigned listdrv_act(struct app *a, struct view *v, struct table *t, enum action act);
bool pagerdrv_can(enum action act);
unsigned pagerdrv_act(struct pager *p, enum action act);

/* keyread.c: what follows an Esc read from the terminal.  esc: an Esc, then
 * codes[0..n) (Alt+codes[0] when that is bound); else codes[0..n) are keys
 * (an escape sequence decoded into one, or dropped, and what came after). */
struct esc_read {
	int codes[KEYSEQ_MAX];
	int n;
	bool esc;
};
void keyread_after_esc(struct esc_read *r);

/* termgfx.c: the terminal's graphics asked once (app_graphics); the
 * overlay's part of a redraw, after doupdate (cleared: the terminal was
 * cleared in this update; covered: text over the screen — the dialog, a
 * held message — that pictures must not hide). */
void termgfx_after_update(struct app *a, struct view *top, bool cleared, bool covered);

/* bars.c: status bar and hint bar (bottom two lines).  Returns the line a
 * message held for the accessible mode starts on (in that mode a message
 * wider than the bar is shown whole, wrapped upwards from the status bar,
 * until the next key), -1 when none is held. */
int bars_draw(struct app *a, int rows, int cols);

#endif
