/* render: a material's page to pixels in a child process, so decoding never
 * holds up the client's loop (and a hostile file can only break the child).
 * A PDF page comes from `pdftoppm -r DPI -f N -l N` (poppler-utils, a
 * separate program: anzhi links no GPL library) with the page count and size
 * from `pdfinfo`; PNG and JPEG are decoded in the child itself.  The child
 * sends the pixels down a pipe; the loop reads them as they come
 * (render_read on render_fd readable) and can stop it at any time. */
#ifndef ANZHI_MEDIA_RENDER_H
#define ANZHI_MEDIA_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "media/decode.h"

/* The most pixels a picture sent to the client may have (16 M, 64 MB). */
#define RENDER_MAX_PIXELS (16L << 20)

struct render_req {
	const char *file;
	enum picture_kind kind;
	int page;              /* 1-based (PDF) */
	int turns;             /* quarter turns clockwise asked for by the user */
	long box_w, box_h;     /* fill this box (h 0 = any height), never enlarging */
};

enum render_status {
	RENDER_OK,
	RENDER_MORE,           /* (render_read) still coming */
	RENDER_BAD_FILE,       /* not a readable image or PDF */
	RENDER_TOO_LARGE,
	RENDER_NO_PAGE,        /* the PDF has no such page */
	RENDER_NO_POPPLER,     /* pdftoppm or pdfinfo is not installed */
	RENDER_TOOL_FAILED,    /* pdftoppm failed otherwise */
	RENDER_FAILED,         /* the child died or could not start */
};

/* What came back. */
struct render_result {
	struct rgba img;       /* owned by the caller once RENDER_OK */
	int native_w;          /* the width it could have at most (turned) */
	int pages;             /* PDF page count, 1 for an image */
};

struct render_job;

/* Starts the child; NULL when fork or pipe failed. */
struct render_job *render_start(const struct render_req *rq);
int  render_fd(const struct render_job *j);
/* Reads what the pipe holds now (never blocks): RENDER_MORE until the
 * picture is whole (RENDER_OK, *out filled) or it failed.  Either way the
 * job is over then: render_free it. */
enum render_status render_read(struct render_job *j, struct render_result *out);
/* Stops the child (and its pdftoppm) if it still runs, and frees the job. */
void render_free(struct render_job *j);

/* pdfinfo's output for page N: the page count and the page's size in points
 * with its /Rotate applied (pure; for tests). */
bool render_parse_pdfinfo(const char *text, int page, int *pages, double *w_pt, double *h_pt);
/* The resolution that fits a page of w_pt x h_pt points into the box, within
 * 18-600 dpi and RENDER_MAX_PIXELS (pure). */
int render_dpi(double w_pt, double h_pt, long box_w, long box_h);

#endif
