/* engine: the loop's private state, shared by loop.c (terminal, keys, screen
 * stack), api.c (requests on top of net) and the bars.  Screens never include
 * this; they use app.h. */
#ifndef ANZHI_ENGINE_H
#define ANZHI_ENGINE_H

#include <signal.h>

#include "client/app.h"
#include "client/config.h"
#include "client/keymap.h"
#include "client/net.h"
#include "ui/field.h"

#define APP_MAX_STACK 16
#define APP_MAX_REQS  32

struct app_req {
	int id;               /* net id; 0 = free slot */
	unsigned gen;
	int tag;
	char *file;           /* download target */
};

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
	char flash[300];
	bool flash_error;
	double flash_at;
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
	} dialog;
	int seq[KEYMAP_MAX_SEQ];
	int nseq;
	bool quit;
	bool full_redraw;
	int selfpipe[2];
};

/* api.c */
bool api_init(struct app *a);
void api_shutdown(struct app *a);
/* The translated label of a problem's field path (also for tests). */
const char *api_field_label(const char *path);

/* app.c */
void app_want_clear(struct app *a);
void app_session_clear(struct session *s);   /* token wiped */

/* loop.c */
struct view *app_find_view(struct app *a, unsigned gen);
int app_run(const struct config *cfg, const struct app_screens *screens);

/* bars.c: status bar and hint bar (bottom two lines) */
void bars_draw(struct app *a, int rows, int cols);
double app_now(void);

#endif
