/* Tests of src/ui/imgview: an A4 page fitted to the width (legible), zoom
 * about the centre, pan within the page, a screenful down then the next
 * page, rotation, and the rectangle drawn at which cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/imgview.h"

/* 80 x 20 cells of 10 x 20 pixels: 800 x 400 pixels; an A4 page at the
 * width, 800 x 1131 pixels. */
static void a4(struct imgview *v)
{
	imgview_init(v);
	imgview_set_area(v, 80, 20, 10, 20);
	v->pages = 3;
	imgview_set_picture(v, 800, 1131, false);
}

static void test_view_a4_opens_fitted_to_its_width_at_the_top(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	struct imgview_frame f;
	assert_true(imgview_frame(&v, &f));
	assert_int_equal(f.col, 0);
	assert_int_equal(f.ncols, 80);
	assert_int_equal(f.nrows, 20);
	assert_int_equal(f.sx, 0);
	assert_int_equal(f.sw, 800);
	assert_int_equal(f.sy, 0);
	assert_int_equal(f.sh, 400);   /* one pixel of the page per pixel of the terminal */
}

static void test_view_zoom_in_keeps_the_centre_and_asks_for_a_sharper_page(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	v.y = 300;   /* centre of the view at page pixel 500 down, 400 across */
	assert_true(imgview_zoom(&v, +1));   /* 1.5 x */
	long w, h;
	imgview_zoomed_size(&v, &w, &h);
	assert_int_equal(w, 1200);
	struct imgview_frame f;
	imgview_frame(&v, &f);
	assert_in_range(f.sx + f.sw / 2, 399, 401);
	assert_in_range(f.sy + f.sh / 2, 499, 501);
	assert_true(imgview_wants_sharper(&v, 4960));
	long bw, bh;
	imgview_render_box(&v, &bw, &bh);
	assert_int_equal(bw, 1200);
	assert_int_equal(bh, 0);
	/* the sharper page arrives: the same place shows */
	imgview_set_picture(&v, 1200, 1697, true);
	imgview_frame(&v, &f);
	assert_int_equal(f.sw, 800);
	assert_false(imgview_wants_sharper(&v, 4960));
	/* an image at its full size cannot be made sharper */
	imgview_set_picture(&v, 800, 1131, true);
	assert_false(imgview_wants_sharper(&v, 800));
}

static void test_view_zoom_steps_end_at_the_whole_page_and_four_times(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	assert_true(imgview_zoom(&v, -1));
	assert_int_equal(v.zoom, IMGVIEW_FIT_PAGE);
	assert_false(imgview_zoom(&v, -1));
	for (int i = 0; i < IMGVIEW_ZOOM_MAX + 1; i++)
		assert_true(imgview_zoom(&v, +1));
	assert_false(imgview_zoom(&v, +1));
	long w, h;
	imgview_zoomed_size(&v, &w, &h);
	assert_int_equal(w, 3200);
}

static void test_view_whole_page_is_centred_and_fit_toggles_back(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	imgview_fit(&v);
	assert_int_equal(v.zoom, IMGVIEW_FIT_PAGE);
	struct imgview_frame f;
	imgview_frame(&v, &f);
	assert_int_equal(f.nrows, 20);
	assert_int_equal(f.sh, 1131);
	assert_int_equal(f.sw, 800);
	assert_int_equal(f.ncols, 28);   /* 400 / 1131 * 800 = 283 pixels */
	assert_int_equal(f.col, (80 - 28) / 2);
	imgview_fit(&v);
	assert_int_equal(v.zoom, IMGVIEW_FIT_WIDTH);
}

static void test_view_pan_stays_on_the_page(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	assert_false(imgview_pan(&v, 0, -1));   /* at the top already */
	assert_false(imgview_pan(&v, 1, 0));    /* the width fits: nothing across */
	assert_true(imgview_pan(&v, 0, 1));
	assert_int_equal(v.y, 50);
	for (int i = 0; i < 100; i++)
		imgview_pan(&v, 0, 1);
	assert_int_equal(v.y, 1131 - 400);
	imgview_zoom(&v, +1);
	assert_true(imgview_pan(&v, 1, 0));
	assert_true(imgview_pan(&v, -8, 0));
	assert_int_equal(v.x, 0);
}

static void test_view_screenful_down_then_the_next_page(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	assert_true(imgview_scroll(&v, +1));
	assert_int_equal(v.y, 350);   /* an eighth of the view stays */
	assert_true(imgview_scroll(&v, +1));
	assert_int_equal(v.y, 700);
	assert_true(imgview_scroll(&v, +1));    /* the rest of the page */
	assert_int_equal(v.y, 1131 - 400);
	assert_false(imgview_scroll(&v, +1));   /* at the end: the caller turns the page */
	assert_true(imgview_goto(&v, 2));
	imgview_set_picture(&v, 800, 1131, false);
	assert_int_equal(v.y, 0);
	assert_false(imgview_goto(&v, 4));   /* there are 3 */
	assert_false(imgview_goto(&v, 0));
	/* paging back shows the previous page's end */
	assert_true(imgview_goto(&v, 1));
	v.to_bottom = true;
	imgview_set_picture(&v, 800, 1131, false);
	assert_int_equal(v.y, 1131 - 400);
}

static void test_view_unknown_page_count_lets_next_page_try(void **st)
{
	(void)st;
	struct imgview v;
	imgview_init(&v);
	assert_true(imgview_goto(&v, 2));
	assert_int_equal(v.page, 2);
}

static void test_view_rotate_is_quarter_turns(void **st)
{
	(void)st;
	struct imgview v;
	a4(&v);
	for (int i = 1; i <= 4; i++) {
		imgview_rotate(&v);
		assert_int_equal(v.rotation, i % 4);
	}
	/* a page turned on its side fills the width too */
	imgview_rotate(&v);
	imgview_set_picture(&v, 1131, 800, false);
	struct imgview_frame f;
	imgview_frame(&v, &f);
	assert_int_equal(f.ncols, 80);
	assert_int_equal(f.sw, 1131);
	assert_int_equal(f.sh, 566);
}

static void test_view_small_picture_is_centred_not_enlarged_beyond_the_cells(void **st)
{
	(void)st;
	struct imgview v;
	imgview_init(&v);
	imgview_set_area(&v, 80, 20, 10, 20);
	imgview_set_picture(&v, 1, 1, false);   /* the demo's 1x1 PNG */
	struct imgview_frame f;
	assert_true(imgview_frame(&v, &f));
	assert_int_equal(f.sw, 1);
	assert_int_equal(f.sh, 1);
	assert_true(f.ncols >= 1 && f.ncols <= 80);
	assert_true(f.nrows >= 1 && f.nrows <= 20);
}

static void test_view_no_picture_no_frame(void **st)
{
	(void)st;
	struct imgview v;
	imgview_init(&v);
	imgview_set_area(&v, 80, 20, 10, 20);
	struct imgview_frame f;
	assert_false(imgview_frame(&v, &f));
	imgview_set_picture(&v, 800, 1131, false);
	imgview_set_area(&v, 0, 0, 10, 20);
	assert_false(imgview_frame(&v, &f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_a4_opens_fitted_to_its_width_at_the_top),
		cmocka_unit_test(test_view_zoom_in_keeps_the_centre_and_asks_for_a_sharper_page),
		cmocka_unit_test(test_view_zoom_steps_end_at_the_whole_page_and_four_times),
		cmocka_unit_test(test_view_whole_page_is_centred_and_fit_toggles_back),
		cmocka_unit_test(test_view_pan_stays_on_the_page),
		cmocka_unit_test(test_view_screenful_down_then_the_next_page),
		cmocka_unit_test(test_view_unknown_page_count_lets_next_page_try),
		cmocka_unit_test(test_view_rotate_is_quarter_turns),
		cmocka_unit_test(test_view_small_picture_is_centred_not_enlarged_beyond_the_cells),
		cmocka_unit_test(test_view_no_picture_no_frame),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
