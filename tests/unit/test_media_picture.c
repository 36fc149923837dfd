/* Tests of src/media/picture: the sixel sequence is sized to the cells (its
 * height a multiple of six, never past the area), kitty graphics come in
 * chunks of at most 4096 bytes with zlib-packed RGB that unpacks to the
 * picture and leave the cursor where it was, and block art gives each cell
 * one narrow block character in the picture's colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "media/picture.h"

/* w x h: left half red, right half blue */
static struct rgba halves(int w, int h)
{
	struct rgba img = { malloc((size_t)w * h * 4), w, h };
	for (int i = 0; i < w * h; i++) {
		unsigned char *p = img.px + (size_t)i * 4;
		bool left = i % w < w / 2;
		p[0] = left ? 255 : 0, p[1] = 0, p[2] = left ? 0 : 255, p[3] = 255;
	}
	return img;
}

static void test_sixel_sized_to_the_cells_its_height_in_sixes(void **st)
{
	(void)st;
	struct rgba img = halves(200, 100);
	struct picture_place p = { 0, 0, 200, 100, 20, 5, 10, 19 };   /* 200 x 95 pixels */
	size_t len;
	char *s = picture_encode(GFX_SIXEL, &img, &p, &len);
	assert_non_null(s);
	assert_int_equal(strlen(s), len);
	assert_int_equal(strncmp(s, "\033P", 2), 0);
	int w = 0, h = 0;
	const char *ra = strstr(s, "q\"1;1;");
	assert_non_null(ra);
	assert_int_equal(sscanf(ra, "q\"1;1;%d;%d", &w, &h), 2);
	assert_int_equal(w, 200);
	assert_true(h <= 95 && h > 95 - 6 && h % 6 == 0);   /* never into the row below */
	assert_int_equal(strcmp(s + len - 2, "\033\\"), 0);
	free(s);
	free(img.px);
}

static int b64(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(t, c);
	return c && p ? (int)(p - t) : -1;
}

static void test_kitty_chunks_unpack_to_the_picture_in_xterm_colours(void **st)
{
	(void)st;
	struct rgba img = halves(300, 200);
	struct picture_place p = { 0, 0, 300, 200, 30, 10, 10, 20 };
	size_t len;
	char *s = picture_encode(GFX_KITTY, &img, &p, &len);
	assert_non_null(s);
	int w, h, c, r;
	assert_int_equal(sscanf(s, "\033_Ga=T,f=24,o=z,s=%d,v=%d,c=%d,r=%d,C=1,q=2,", &w, &h, &c, &r), 4);
	assert_int_equal(w, 300);
	assert_int_equal(h, 200);
	assert_int_equal(c, 30);
	assert_int_equal(r, 10);
	/* the payload, chunk by chunk: m=1 on every chunk but the last */
	unsigned char *z = malloc(len);
	size_t zn = 0;
	unsigned acc = 0;
	int bits = 0, chunks = 0;
	bool last = false;
	for (const char *at = s; (at = strstr(at, "\033_G")); chunks++) {
		const char *semi = strchr(at, ';'), *end = strstr(at, "\033\\");
		assert_true(semi && end && semi < end);
		assert_false(last);
		last = strstr(at, "m=0") && strstr(at, "m=0") < semi;
		assert_true(end - semi - 1 <= 4096);
		for (const char *q = semi + 1; q < end && *q != '='; q++) {
			acc = acc << 6 | (unsigned)b64(*q);
			if ((bits += 6) >= 8) {
				bits -= 8;
				z[zn++] = (unsigned char)(acc >> bits);
			}
		}
		at = end;
	}
	assert_true(last);
	assert_true(chunks >= 1);
	uLongf raw = 300 * 200 * 3;
	unsigned char *rgb = malloc(raw);
	assert_int_equal(uncompress(rgb, &raw, z, zn), Z_OK);
	assert_int_equal(raw, 300 * 200 * 3);
	assert_memory_equal(rgb, "\xff\x00\x00", 3);                   /* red: a cube colour */
	assert_memory_equal(rgb + (299 * 3), "\x00\x00\xff", 3);
	free(rgb);
	free(z);
	free(s);
	free(img.px);
}

static void test_kitty_larger_than_the_cells_is_shrunk_first(void **st)
{
	(void)st;
	struct rgba img = halves(2000, 1000);
	struct picture_place p = { 0, 0, 2000, 1000, 40, 10, 10, 20 };   /* 400 x 200 pixels */
	size_t len;
	char *s = picture_encode(GFX_KITTY, &img, &p, &len);
	int w, h;
	assert_int_equal(sscanf(s, "\033_Ga=T,f=24,o=z,s=%d,v=%d,", &w, &h), 2);
	assert_int_equal(w, 400);
	assert_int_equal(h, 200);
	free(s);
	free(img.px);
}

static void test_block_art_one_narrow_block_a_cell_in_the_pictures_colours(void **st)
{
	(void)st;
	struct rgba img = halves(160, 80);
	struct picture_place p = { 0, 0, 160, 80, 16, 4, 10, 20 };
	struct picture_cells c;
	assert_true(picture_symbols(&img, &p, true, &c));
	assert_int_equal(c.cols, 16);
	assert_int_equal(c.rows, 4);
	for (int i = 0; i < c.cols * c.rows; i++) {
		wchar_t ch = c.cell[i].ch;
		assert_true(ch == L' ' || (ch >= 0x2580 && ch <= 0x259f));
	}
	/* red on the left, blue on the right: different colours */
	const struct picture_cell *l = &c.cell[0], *r = &c.cell[15];
	assert_true(l->fg != r->fg || l->bg != r->bg);
	picture_cells_free(&c);
	free(img.px);
}

/* LANG=C: no UTF-8 to send block elements in, ASCII characters instead */
static void test_block_art_without_utf8_is_ascii(void **st)
{
	(void)st;
	struct rgba img = halves(160, 80);
	for (int i = 0; i < 160 * 80; i += 7)   /* some texture for the characters to follow */
		img.px[(size_t)i * 4 + 1] = (unsigned char)(i * 37);
	struct picture_place p = { 0, 0, 160, 80, 16, 4, 10, 20 };
	struct picture_cells c;
	assert_true(picture_symbols(&img, &p, false, &c));
	for (int i = 0; i < c.cols * c.rows; i++)
		assert_true(c.cell[i].ch >= L' ' && c.cell[i].ch <= L'~');
	picture_cells_free(&c);
	free(img.px);
}

static void test_a_place_outside_the_picture_draws_nothing(void **st)
{
	(void)st;
	struct rgba img = halves(100, 100);
	struct picture_place p = { 50, 0, 100, 100, 10, 5, 10, 20 };   /* 50 + 100 > 100 */
	size_t len;
	assert_null(picture_encode(GFX_SIXEL, &img, &p, &len));
	assert_null(picture_encode(GFX_SYMBOLS, &img, &(struct picture_place){ 0, 0, 100, 100, 10, 5, 10, 20 }, &len));
	struct picture_cells c;
	assert_false(picture_symbols(&img, &p, true, &c));
	free(img.px);
}

/* Block art needs to know the terminal's colours: a 256-colour one. */
static int setup(void **st)
{
	(void)st;
	static FILE *out, *in;
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	assert_non_null(scr);
	start_color();
	return COLORS >= 256 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sixel_sized_to_the_cells_its_height_in_sixes),
		cmocka_unit_test(test_kitty_chunks_unpack_to_the_picture_in_xterm_colours),
		cmocka_unit_test(test_kitty_larger_than_the_cells_is_shrunk_first),
		cmocka_unit_test(test_block_art_one_narrow_block_a_cell_in_the_pictures_colours),
		cmocka_unit_test(test_block_art_without_utf8_is_ascii),
		cmocka_unit_test(test_a_place_outside_the_picture_draws_nothing),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
