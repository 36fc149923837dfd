/* decode: materials' bytes to pixels — PNG (libpng), JPEG (libjpeg-turbo,
 * shrunk while decoding when a smaller picture will do, turned upright by
 * its EXIF orientation), a PDF page as pdftoppm's PPM,
 * and the pixel work on the result (quarter turns,
 * shrinking into a box, transparency over white paper).  Memory in, memory
 * out: no files, no terminal.  The render child runs it (render.c). */
#ifndef ANZHI_MEDIA_DECODE_H
#define ANZHI_MEDIA_DECODE_H

#include <stdbool.h>
#include <stddef.h>

/* Pixels as R, G, B, A bytes, rows packed (stride w * 4). */
struct rgba {
	unsigned char *px;
	int w, h;
};

enum picture_kind { PICTURE_UNKNOWN, PICTURE_PNG, PICTURE_JPEG, PICTURE_PDF };

enum decode_status {
	DECODE_OK,
	DECODE_BAD,         /* not a readable image */
	DECODE_TOO_LARGE,   /* more pixels than anzhi will hold */
};

/* The most pixels a decoded picture may have (64 M, 256 MB). */
#define DECODE_MAX_PIXELS (64L << 20)

/* By magic bytes (as the service types uploads), never by name. */
enum picture_kind picture_kind_of(const unsigned char *head, size_t n);

/* Binary PPM (P6, 8 bits: what pdftoppm writes) to RGBA. */
enum decode_status decode_ppm(const unsigned char *data, size_t n, struct rgba *out);
/* PNG of any colour type and depth to RGBA. */
enum decode_status decode_png(const unsigned char *data, size_t n, struct rgba *out);
/* JPEG (grey, YCbCr, CMYK) to RGBA, shrunk by 1/2, 1/4 or 1/8 while decoding
 * as far as the result still fills box_w x box_h (0 = no bound); *full_w and
 * *full_h get its full size. */
enum decode_status decode_jpeg(const unsigned char *data, size_t n, long box_w, long box_h,
			       struct rgba *out, int *full_w, int *full_h);
/* Quarter turns clockwise that show a JPEG upright (its EXIF Orientation;
 * mirrored orientations count as their turn), 0 when it has none. */
int decode_exif_turns(const unsigned char *data, size_t n);

/* Turns the picture clockwise by quarter turns (0-3). */
void rgba_rotate(struct rgba *img, int turns);
/* Shrinks (averaging) to fit in box_w x box_h (h 0 = any height), never
 * enlarging; also to at most max_px pixels. */
void rgba_fit(struct rgba *img, long box_w, long box_h, long max_px);
/* Transparent parts drawn over white, as on paper; alpha becomes opaque. */
void rgba_flatten(struct rgba *img);
void rgba_free(struct rgba *img);

#endif
