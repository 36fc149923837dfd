/* decode: PNG through libpng's simplified API, JPEG through libjpeg-turbo
 * with DCT scaling, EXIF orientation read from the APP1 segment, and the
 * pixel operations the viewer needs. */
#include "media/decode.h"

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "base/xalloc.h"

enum picture_kind picture_kind_of(const unsigned char *head, size_t n)
{
	if (n >= 8 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0)
		return PICTURE_PNG;
	if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
		return PICTURE_JPEG;
	if (n >= 5 && memcmp(head, "%PDF-", 5) == 0)
		return PICTURE_PDF;
	return PICTURE_UNKNOWN;
}

/* ------------------------------------------------------------ PPM */

/* The next header number of a PPM at *i (blanks and # comments before it);
 * -1 when there is none. */
static long ppm_number(const unsigned char *d, size_t n, size_t *i)
{
	for (;;) {
		while (*i < n && (d[*i] == ' ' || d[*i] == '\t' || d[*i] == '\n' || d[*i] == '\r'))
			(*i)++;
		if (*i < n && d[*i] == '#') {
			while (*i < n && d[*i] != '\n')
				(*i)++;
			continue;
		}
		break;
	}
	long v = -1;
	while (*i < n && d[*i] >= '0' && d[*i] <= '9' && v < 1000000)
		v = (v < 0 ? 0 : v * 10) + (d[(*i)++] - '0');
	return v;
}

enum decode_status decode_ppm(const unsigned char *data, size_t n, struct rgba *out)
{
	memset(out, 0, sizeof *out);
	size_t i = 2;
	if (n < 2 || data[0] != 'P' || data[1] != '6')
		return DECODE_BAD;
	long w = ppm_number(data, n, &i), h = ppm_number(data, n, &i), max = ppm_number(data, n, &i);
	if (w <= 0 || h <= 0 || max != 255 || i >= n)
		return DECODE_BAD;
	if (w * h > DECODE_MAX_PIXELS)
		return DECODE_TOO_LARGE;
	i++;   /* the one blank after the maximum */
	if (n - i < (size_t)(w * h * 3))
		return DECODE_BAD;
	out->px = xmalloc((size_t)(w * h * 4));
	for (size_t p = 0; p < (size_t)(w * h); p++) {
		memcpy(out->px + p * 4, data + i + p * 3, 3);
		out->px[p * 4 + 3] = 255;
	}
	out->w = (int)w;
	out->h = (int)h;
	return DECODE_OK;
}

/* ------------------------------------------------------------ PNG */

enum decode_status decode_png(const unsigned char *data, size_t n, struct rgba *out)
{
	memset(out, 0, sizeof *out);
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, data, n))
		return DECODE_BAD;
	if (im.width == 0 || im.height == 0 || (long)im.width * (long)im.height > DECODE_MAX_PIXELS) {
		png_image_free(&im);
		return DECODE_TOO_LARGE;
	}
	im.format = PNG_FORMAT_RGBA;
	unsigned char *px = xmalloc(PNG_IMAGE_SIZE(im));
	if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
		free(px);
		png_image_free(&im);
		return DECODE_BAD;
	}
	out->px = px;
	out->w = (int)im.width;
	out->h = (int)im.height;
	return DECODE_OK;
}

/* ------------------------------------------------------------ JPEG */

struct jpeg_fail {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

static void jpeg_on_error(j_common_ptr c)
{
	longjmp(((struct jpeg_fail *)c->err)->jump, 1);
}

static void jpeg_quiet(j_common_ptr c, int level)
{
	(void)c;
	(void)level;   /* warnings about a slightly broken file are not ours to print */
}

/* The largest of 1/8, 1/4, 1/2, 1 whose result still fills the box (no box:
 * full size), but at least what keeps within the pixel limit. */
static int jpeg_denominator(long w, long h, long box_w, long box_h)
{
	int d = 1;
	if (box_w > 0 || box_h > 0)
		while (d < 8 && (!box_w || (w + 2 * d - 1) / (2 * d) >= box_w) &&
		       (!box_h || (h + 2 * d - 1) / (2 * d) >= box_h))
			d *= 2;
	while (d < 8 && ((w + d - 1) / d) * ((h + d - 1) / d) > DECODE_MAX_PIXELS)
		d *= 2;
	return d;
}

/* CMYK (Adobe's files store it inverted) to RGB, in place. */
static void cmyk_to_rgb(unsigned char *px, long npx, bool inverted)
{
	for (long i = 0; i < npx; i++) {
		unsigned char *p = px + i * 4;
		int c = p[0], m = p[1], y = p[2], k = p[3];
		if (!inverted) {
			c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
		}
		p[0] = (unsigned char)(c * k / 255);
		p[1] = (unsigned char)(m * k / 255);
		p[2] = (unsigned char)(y * k / 255);
		p[3] = 255;
	}
}

enum decode_status decode_jpeg(const unsigned char *data, size_t n, long box_w, long box_h,
			       struct rgba *out, int *full_w, int *full_h)
{
	memset(out, 0, sizeof *out);
	struct jpeg_decompress_struct c;
	struct jpeg_fail fail;
	unsigned char *volatile px = NULL;
	c.err = jpeg_std_error(&fail.pub);
	fail.pub.error_exit = jpeg_on_error;
	fail.pub.emit_message = jpeg_quiet;
	if (setjmp(fail.jump)) {
		jpeg_destroy_decompress(&c);
		free(px);
		return DECODE_BAD;
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, data, (unsigned long)n);
	if (jpeg_read_header(&c, TRUE) != JPEG_HEADER_OK)
		longjmp(fail.jump, 1);
	*full_w = (int)c.image_width;
	*full_h = (int)c.image_height;
	c.scale_num = 1;
	c.scale_denom = (unsigned)jpeg_denominator(c.image_width, c.image_height, box_w, box_h);
	bool cmyk = c.jpeg_color_space == JCS_CMYK || c.jpeg_color_space == JCS_YCCK;
	c.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	jpeg_start_decompress(&c);
	long w = c.output_width, h = c.output_height;
	if (w <= 0 || h <= 0 || w * h > DECODE_MAX_PIXELS || c.output_components != 4) {
		jpeg_destroy_decompress(&c);
		return w * h > DECODE_MAX_PIXELS ? DECODE_TOO_LARGE : DECODE_BAD;
	}
	px = xmalloc((size_t)(w * h * 4));
	while (c.output_scanline < c.output_height) {
		JSAMPROW row = px + (size_t)c.output_scanline * (size_t)w * 4;
		jpeg_read_scanlines(&c, &row, 1);
	}
	if (cmyk)
		cmyk_to_rgb(px, w * h, c.saw_Adobe_marker);
	jpeg_finish_decompress(&c);
	jpeg_destroy_decompress(&c);
	out->px = px;
	out->w = (int)w;
	out->h = (int)h;
	return DECODE_OK;
}

/* ------------------------------------------------------------ EXIF */

static unsigned get16(const unsigned char *p, bool le)
{
	return le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static uint32_t get32(const unsigned char *p, bool le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
		  : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Orientation 1-8 (TIFF tag 0x0112 of IFD0) → clockwise quarter turns. */
static int tiff_turns(const unsigned char *t, size_t n)
{
	static const int turns[9] = { 0, 0, 0, 2, 2, 1, 1, 3, 3 };
	if (n < 8 || !((t[0] == 'I' && t[1] == 'I') || (t[0] == 'M' && t[1] == 'M')))
		return 0;
	bool le = t[0] == 'I';
	if (get16(t + 2, le) != 42)
		return 0;
	uint32_t ifd = get32(t + 4, le);
	if (ifd > n || n - ifd < 2)
		return 0;
	unsigned count = get16(t + ifd, le);
	for (unsigned i = 0; i < count; i++) {
		size_t e = ifd + 2 + (size_t)i * 12;
		if (e + 12 > n)
			return 0;
		if (get16(t + e, le) == 0x0112 && get16(t + e + 2, le) == 3) {
			unsigned v = get16(t + e + 8, le);
			return v <= 8 ? turns[v] : 0;
		}
	}
	return 0;
}

int decode_exif_turns(const unsigned char *d, size_t n)
{
	if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return 0;
	size_t i = 2;
	while (i + 4 <= n) {
		if (d[i] != 0xFF)
			return 0;
		unsigned char m = d[i + 1];
		if (m == 0xFF) {   /* fill byte */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) {   /* no length */
			i += 2;
			continue;
		}
		if (m == 0xDA || m == 0xD9)   /* the image data: no EXIF before it */
			return 0;
		size_t len = (size_t)(d[i + 2] << 8 | d[i + 3]);
		if (len < 2 || i + 2 + len > n)
			return 0;
		const unsigned char *seg = d + i + 4;
		if (m == 0xE1 && len - 2 >= 14 && memcmp(seg, "Exif\0\0", 6) == 0)
			return tiff_turns(seg + 6, len - 2 - 6);
		i += 2 + len;
	}
	return 0;
}

/* ------------------------------------------------------------ pixels */

void rgba_rotate(struct rgba *img, int turns)
{
	turns &= 3;
	if (!turns || !img->px)
		return;
	int w = img->w, h = img->h;
	int nw = turns == 2 ? w : h, nh = turns == 2 ? h : w;
	uint32_t *src = (uint32_t *)(void *)img->px;
	uint32_t *dst = xmalloc((size_t)w * (size_t)h * 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int dx, dy;
			if (turns == 1)
				dx = h - 1 - y, dy = x;
			else if (turns == 2)
				dx = w - 1 - x, dy = h - 1 - y;
			else
				dx = y, dy = w - 1 - x;
			dst[(size_t)dy * (size_t)nw + (size_t)dx] = src[(size_t)y * (size_t)w + (size_t)x];
		}
	free(img->px);
	img->px = (unsigned char *)dst;
	img->w = nw;
	img->h = nh;
}

void rgba_fit(struct rgba *img, long box_w, long box_h, long max_px)
{
	long w = img->w, h = img->h, tw = w, th = h;
	if (!img->px || w <= 0 || h <= 0)
		return;
	if (box_w > 0 && tw > box_w) {
		th = th * box_w / tw;
		tw = box_w;
	}
	if (box_h > 0 && th > box_h) {
		tw = tw * box_h / th;
		th = box_h;
	}
	while (max_px > 0 && tw * th > max_px) {
		tw = tw * 9 / 10;
		th = th * 9 / 10;
	}
	tw = tw < 1 ? 1 : tw;
	th = th < 1 ? 1 : th;
	if (tw == w && th == h)
		return;
	unsigned char *dst = xmalloc((size_t)(tw * th * 4));
	for (long y = 0; y < th; y++) {
		long y0 = y * h / th, y1 = (y + 1) * h / th;
		if (y1 <= y0)
			y1 = y0 + 1;
		for (long x = 0; x < tw; x++) {
			long x0 = x * w / tw, x1 = (x + 1) * w / tw;
			if (x1 <= x0)
				x1 = x0 + 1;
			uint64_t sum[4] = { 0, 0, 0, 0 };
			for (long sy = y0; sy < y1; sy++) {
				const unsigned char *p = img->px + ((size_t)sy * (size_t)w + (size_t)x0) * 4;
				for (long sx = x0; sx < x1; sx++, p += 4)
					for (int k = 0; k < 4; k++)
						sum[k] += p[k];
			}
			uint64_t cnt = (uint64_t)((y1 - y0) * (x1 - x0));
			unsigned char *q = dst + ((size_t)y * (size_t)tw + (size_t)x) * 4;
			for (int k = 0; k < 4; k++)
				q[k] = (unsigned char)((sum[k] + cnt / 2) / cnt);
		}
	}
	free(img->px);
	img->px = dst;
	img->w = (int)tw;
	img->h = (int)th;
}

void rgba_flatten(struct rgba *img)
{
	size_t n = (size_t)img->w * (size_t)img->h;
	for (size_t i = 0; img->px && i < n; i++) {
		unsigned char *p = img->px + i * 4;
		unsigned a = p[3];
		if (a == 255)
			continue;
		for (int k = 0; k < 3; k++)
			p[k] = (unsigned char)((p[k] * a + 255 * (255 - a) + 127) / 255);
		p[3] = 255;
	}
}

void rgba_free(struct rgba *img)
{
	free(img->px);
	memset(img, 0, sizeof *img);
}
