/* viewer: the material viewer's state, shared by its two files —
 * screens/viewer.c (opening, the download, decoding in a child, the keys)
 * and screens/viewer_draw.c (what it draws, through curses and past it).
 * Other screens open it as doc/hacking.md says; only these two include
 * this. */
#ifndef ANZHI_VIEWER_H
#define ANZHI_VIEWER_H

#include <stdbool.h>

#include "client/app.h"
#include "media/picture.h"
#include "media/render.h"
#include "ui/imgview.h"

enum { VIEWER_HEAD_ROWS = 2 };   /* the title and the line of facts above the picture */

struct viewer_state {
	long placement, material;
	/* Or a file a request carries (a feedback's, a cancellation's signed
	 * application) at this service path: the opener's "href" member. */
	char href[160];
	char *name, *kind, *uploaded;   /* cleaned, for the title and the facts */
	long long size;
	char file[600];        /* the whole download in the scratch directory, "" until then */
	enum picture_kind type;
	int req;               /* the download running, 0 = none */
	double req_started;
	const struct app_graphics *gfx;
	struct imgview view;
	struct render_job *job;
	bool job_same_page;
	struct rgba pic;       /* the page shown (the last one decoded) */
	int pic_page;
	unsigned pic_gen;
	int native_w;
	char problem[300];     /* why nothing, or nothing new, shows; "" when fine */
	/* block art of the frame drawn last */
	struct picture_cells cells;
	unsigned cells_gen;
	struct imgview_frame cells_frame;
	/* sixel or kitty: what is on the terminal, where */
	struct imgview_frame painted;
	unsigned painted_gen;
	int painted_y, painted_x;
	bool painted_any;
	int area_y, area_x;
	char save_to[4096];
};

/* viewer.c */
const char *viewer_mime(enum picture_kind k);  /* "image/png" … */
/* Decodes the page the view is at, at the size the zoom needs. */
void viewer_render(struct view *v, bool same_page);

/* viewer_draw.c: the screen's .draw and .overlay */
void viewer_draw(struct view *v, struct canvas *c);
bool viewer_overlay(struct view *v, bool repaint);

#endif
