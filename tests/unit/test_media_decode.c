/* Tests of src/media/decode: PNG and JPEG to pixels, the JPEG shrunk while
 * decoding when a smaller picture fills the box, EXIF orientation, CMYK,
 * and the pixel work (turns, shrinking, transparency over white). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jpeglib.h>
#include <png.h>

#include "media/decode.h"

/* A w x h RGBA picture: red left half, blue right half; alpha as given. */
static unsigned char *halves(int w, int h, unsigned char alpha)
{
	unsigned char *px = malloc((size_t)w * h * 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			unsigned char *p = px + ((size_t)y * w + x) * 4;
			p[0] = x < w / 2 ? 255 : 0;
			p[1] = 0;
			p[2] = x < w / 2 ? 0 : 255;
			p[3] = alpha;
		}
	return px;
}

static unsigned char *png_of(const unsigned char *px, int w, int h, png_uint_32 format, size_t *len)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	im.width = (png_uint_32)w;
	im.height = (png_uint_32)h;
	im.format = format;
	png_alloc_size_t n = 0;
	assert_true(png_image_write_to_memory(&im, NULL, &n, 0, px, 0, NULL));
	unsigned char *out = malloc(n);
	assert_true(png_image_write_to_memory(&im, out, &n, 0, px, 0, NULL));
	*len = n;
	return out;
}

static unsigned char *jpeg_of(int w, int h, J_COLOR_SPACE cs, int comps, const unsigned char *fill,
			      size_t *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	unsigned char *out = NULL;
	unsigned long n = 0;
	jpeg_mem_dest(&c, &out, &n);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = comps;
	c.in_color_space = cs;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = malloc((size_t)w * comps);
	for (int x = 0; x < w; x++)
		memcpy(row + x * comps, fill, (size_t)comps);
	while (c.next_scanline < c.image_height)
		jpeg_write_scanlines(&c, &row, 1);
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	*len = n;
	return out;
}

static const unsigned char *at(const struct rgba *img, int x, int y)
{
	return img->px + ((size_t)y * img->w + x) * 4;
}

static void test_decode_png_to_rgba_by_magic_bytes(void **st)
{
	(void)st;
	unsigned char *px = halves(40, 20, 255);
	size_t n;
	unsigned char *png = png_of(px, 40, 20, PNG_FORMAT_RGB, &n);
	assert_int_equal(picture_kind_of(png, n), PICTURE_PNG);
	struct rgba img;
	assert_int_equal(decode_png(png, n, &img), DECODE_OK);
	assert_int_equal(img.w, 40);
	assert_int_equal(img.h, 20);
	assert_int_equal(at(&img, 0, 0)[0], 255);
	assert_int_equal(at(&img, 39, 19)[2], 255);
	assert_int_equal(at(&img, 39, 19)[3], 255);
	rgba_free(&img);
	free(png);
	free(px);
}

static void test_decode_png_refuses_a_broken_file(void **st)
{
	(void)st;
	unsigned char *px = halves(8, 8, 255);
	size_t n;
	unsigned char *png = png_of(px, 8, 8, PNG_FORMAT_RGBA, &n);
	struct rgba img;
	assert_int_equal(decode_png(png, n / 2, &img), DECODE_BAD);   /* cut short */
	assert_null(img.px);
	assert_int_equal(decode_png((const unsigned char *)"%PDF-1.4", 8, &img), DECODE_BAD);
	free(png);
	free(px);
}

/* pdftoppm's page: "P6 W H 255" and raw RGB */
static void test_decode_ppm_from_pdftoppm(void **st)
{
	(void)st;
	unsigned char ppm[64];
	int n = snprintf((char *)ppm, sizeof ppm, "P6\n# poppler\n2 1\n255\n");
	memcpy(ppm + n, "\xff\x00\x00\x00\x00\xff", 6);
	struct rgba img;
	assert_int_equal(decode_ppm(ppm, (size_t)n + 6, &img), DECODE_OK);
	assert_int_equal(img.w, 2);
	assert_int_equal(img.h, 1);
	assert_memory_equal(at(&img, 0, 0), "\xff\x00\x00\xff", 4);
	assert_memory_equal(at(&img, 1, 0), "\x00\x00\xff\xff", 4);
	rgba_free(&img);
	assert_int_equal(decode_ppm(ppm, (size_t)n + 5, &img), DECODE_BAD);   /* cut short */
	assert_null(img.px);
	assert_int_equal(decode_ppm((const unsigned char *)"P6 2 1 65535\n", 13, &img), DECODE_BAD);
	assert_int_equal(decode_ppm((const unsigned char *)"P5 2 1 255\n\0\0", 13, &img), DECODE_BAD);
	assert_int_equal(decode_ppm((const unsigned char *)"P6 99999 99999 255\n", 19, &img),
			 DECODE_TOO_LARGE);
}

static void test_decode_kind_by_content_never_by_name(void **st)
{
	(void)st;
	assert_int_equal(picture_kind_of((const unsigned char *)"%PDF-1.7\n", 9), PICTURE_PDF);
	assert_int_equal(picture_kind_of((const unsigned char *)"\xFF\xD8\xFF\xE0", 4), PICTURE_JPEG);
	assert_int_equal(picture_kind_of((const unsigned char *)"GIF89a", 6), PICTURE_UNKNOWN);
	assert_int_equal(picture_kind_of((const unsigned char *)"\x89PNG", 4), PICTURE_UNKNOWN);
}

static void test_decode_jpeg_is_shrunk_while_decoding_to_fill_the_box(void **st)
{
	(void)st;
	const unsigned char grey[3] = { 128, 128, 128 };
	size_t n;
	unsigned char *jpg = jpeg_of(1600, 1200, JCS_RGB, 3, grey, &n);
	struct rgba img;
	int fw, fh;
	assert_int_equal(decode_jpeg(jpg, n, 400, 0, &img, &fw, &fh), DECODE_OK);
	assert_int_equal(fw, 1600);
	assert_int_equal(fh, 1200);
	assert_int_equal(img.w, 400);   /* 1/4: still fills 400 across */
	assert_int_equal(img.h, 300);
	assert_in_range(at(&img, 200, 150)[0], 120, 136);
	rgba_free(&img);
	assert_int_equal(decode_jpeg(jpg, n, 500, 0, &img, &fw, &fh), DECODE_OK);
	assert_int_equal(img.w, 800);   /* 1/4 would not fill 500: 1/2 */
	rgba_free(&img);
	assert_int_equal(decode_jpeg(jpg, n, 0, 0, &img, &fw, &fh), DECODE_OK);
	assert_int_equal(img.w, 1600);
	rgba_free(&img);
	free(jpg);
}

static void test_decode_jpeg_grey_and_adobe_cmyk_white(void **st)
{
	(void)st;
	const unsigned char grey[1] = { 200 }, cmyk_white[4] = { 255, 255, 255, 255 };
	size_t n;
	struct rgba img;
	int fw, fh;
	unsigned char *jpg = jpeg_of(16, 16, JCS_GRAYSCALE, 1, grey, &n);
	assert_int_equal(decode_jpeg(jpg, n, 0, 0, &img, &fw, &fh), DECODE_OK);
	assert_in_range(at(&img, 8, 8)[1], 195, 205);
	rgba_free(&img);
	free(jpg);
	/* libjpeg writes CMYK with Adobe's marker, whose values are inverted:
	 * all 255 is no ink, white paper */
	jpg = jpeg_of(16, 16, JCS_CMYK, 4, cmyk_white, &n);
	assert_int_equal(decode_jpeg(jpg, n, 0, 0, &img, &fw, &fh), DECODE_OK);
	assert_in_range(at(&img, 8, 8)[0], 250, 255);
	assert_in_range(at(&img, 8, 8)[2], 250, 255);
	rgba_free(&img);
	free(jpg);
	assert_int_equal(decode_jpeg((const unsigned char *)"\xFF\xD8\xFF\xE0", 4, 0, 0, &img, &fw, &fh),
			 DECODE_BAD);
}

/* A JPEG's first bytes with an EXIF APP1 segment whose IFD0 holds
 * Orientation = o, in the byte order given. */
static size_t exif_jpeg(unsigned char *b, int o, bool little)
{
	size_t i = 0;
	b[i++] = 0xFF, b[i++] = 0xD8;
	b[i++] = 0xFF, b[i++] = 0xE0, b[i++] = 0, b[i++] = 4, b[i++] = 'J', b[i++] = 'F';   /* APP0 */
	unsigned char tiff[26];
	size_t t = 0;
	tiff[t++] = little ? 'I' : 'M';
	tiff[t++] = little ? 'I' : 'M';
#define P16(v) (little ? (tiff[t++] = (v) & 0xFF, tiff[t++] = (v) >> 8) : (tiff[t++] = (v) >> 8, tiff[t++] = (v) & 0xFF))
#define P32(v) (little ? (P16((v) & 0xFFFF), P16((v) >> 16)) : (P16((v) >> 16), P16((v) & 0xFFFF)))
	P16(42);
	P32(8);
	P16(1);        /* one entry */
	P16(0x0112);   /* Orientation */
	P16(3);        /* SHORT */
	P32(1);
	P16(o);
	P16(0);
#undef P16
#undef P32
	size_t len = 2 + 6 + t;
	b[i++] = 0xFF, b[i++] = 0xE1, b[i++] = (unsigned char)(len >> 8), b[i++] = (unsigned char)len;
	memcpy(b + i, "Exif\0\0", 6);
	i += 6;
	memcpy(b + i, tiff, t);
	i += t;
	b[i++] = 0xFF, b[i++] = 0xDA;
	return i;
}

static void test_decode_exif_orientation_turns_the_photo_upright(void **st)
{
	(void)st;
	unsigned char b[128];
	static const int turns[9] = { 0, 0, 0, 2, 2, 1, 1, 3, 3 };
	for (int o = 1; o <= 8; o++) {
		assert_int_equal(decode_exif_turns(b, exif_jpeg(b, o, true)), turns[o]);
		assert_int_equal(decode_exif_turns(b, exif_jpeg(b, o, false)), turns[o]);
	}
	size_t n = exif_jpeg(b, 6, true);
	assert_int_equal(decode_exif_turns(b, n - 10), 0);   /* cut short: no orientation */
	const unsigned char plain[] = { 0xFF, 0xD8, 0xFF, 0xDA, 0, 2 };
	assert_int_equal(decode_exif_turns(plain, sizeof plain), 0);
}

static void test_decode_rotate_quarter_turns_clockwise(void **st)
{
	(void)st;
	/* 4 x 2: red left half, blue right half */
	struct rgba img = { halves(4, 2, 255), 4, 2 };
	rgba_rotate(&img, 1);   /* clockwise: the left (red) half goes to the top */
	assert_int_equal(img.w, 2);
	assert_int_equal(img.h, 4);
	assert_int_equal(at(&img, 0, 0)[0], 255);
	assert_int_equal(at(&img, 1, 3)[2], 255);
	rgba_rotate(&img, 3);   /* back */
	assert_int_equal(img.w, 4);
	assert_int_equal(at(&img, 0, 0)[0], 255);
	rgba_rotate(&img, 2);
	assert_int_equal(at(&img, 0, 0)[2], 255);
	rgba_free(&img);
}

static void test_decode_fit_shrinks_never_enlarges(void **st)
{
	(void)st;
	struct rgba img = { halves(400, 200, 255), 400, 200 };
	rgba_fit(&img, 100, 0, 0);
	assert_int_equal(img.w, 100);
	assert_int_equal(img.h, 50);
	assert_int_equal(at(&img, 10, 10)[0], 255);
	assert_int_equal(at(&img, 90, 10)[2], 255);
	rgba_fit(&img, 1000, 1000, 0);
	assert_int_equal(img.w, 100);
	rgba_fit(&img, 100, 10, 0);
	assert_int_equal(img.h, 10);
	assert_int_equal(img.w, 20);
	rgba_fit(&img, 0, 0, 50);
	assert_true((long)img.w * img.h <= 50);
	rgba_free(&img);
}

static void test_decode_transparency_lies_on_white_paper(void **st)
{
	(void)st;
	struct rgba img = { halves(2, 1, 0), 2, 1 };
	rgba_flatten(&img);
	assert_memory_equal(at(&img, 0, 0), "\xff\xff\xff\xff", 4);
	rgba_free(&img);
	img = (struct rgba){ halves(2, 1, 255), 2, 1 };
	rgba_flatten(&img);
	assert_memory_equal(at(&img, 0, 0), "\xff\x00\x00\xff", 4);
	rgba_free(&img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_png_to_rgba_by_magic_bytes),
		cmocka_unit_test(test_decode_png_refuses_a_broken_file),
		cmocka_unit_test(test_decode_ppm_from_pdftoppm),
		cmocka_unit_test(test_decode_kind_by_content_never_by_name),
		cmocka_unit_test(test_decode_jpeg_is_shrunk_while_decoding_to_fill_the_box),
		cmocka_unit_test(test_decode_jpeg_grey_and_adobe_cmyk_white),
		cmocka_unit_test(test_decode_exif_orientation_turns_the_photo_upright),
		cmocka_unit_test(test_decode_rotate_quarter_turns_clockwise),
		cmocka_unit_test(test_decode_fit_shrinks_never_enlarges),
		cmocka_unit_test(test_decode_transparency_lies_on_white_paper),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
