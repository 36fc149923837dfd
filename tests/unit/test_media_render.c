/* Tests of src/media/render: a page decoded in a child process — a PNG at
 * the size the box needs, a PDF page through pdftoppm with its page count
 * from pdfinfo, a page that is not there, poppler missing, a broken file,
 * and stopping a child midway (nothing left running). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "media/render.h"
#include "tests/unit/test_media_fixture.h"

static char dir[] = "/tmp/anzhi-render-XXXXXX";
static char png_file[300], pdf_file[300], bad_file[300];

static int setup(void **st)
{
	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(png_file, sizeof png_file, "%s/scan.png", dir);
	snprintf(pdf_file, sizeof pdf_file, "%s/contract.pdf", dir);
	snprintf(bad_file, sizeof bad_file, "%s/broken.pdf", dir);
	assert_true(fixture_write_png(png_file, 1000, 500));
	assert_true(fixture_write_pdf(pdf_file, 2));
	FILE *f = fopen(bad_file, "wb");
	fputs("%PDF-1.4\nthis is not a PDF at all\n", f);
	fclose(f);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	unlink(png_file);
	unlink(pdf_file);
	unlink(bad_file);
	rmdir(dir);
	return 0;
}

/* Runs a job to its end the way the loop does: poll, read what is there. */
static enum render_status run(const struct render_req *rq, struct render_result *res)
{
	struct render_job *j = render_start(rq);
	assert_non_null(j);
	enum render_status s;
	do {
		struct pollfd p = { render_fd(j), POLLIN, 0 };
		assert_true(poll(&p, 1, 20000) == 1);
		s = render_read(j, res);
	} while (s == RENDER_MORE);
	render_free(j);
	return s;
}

static const unsigned char *at(const struct rgba *img, int x, int y)
{
	return img->px + ((size_t)y * img->w + x) * 4;
}

static void test_render_png_at_the_width_the_view_needs(void **st)
{
	(void)st;
	struct render_req rq = { .file = png_file, .kind = PICTURE_PNG, .page = 1, .box_w = 400 };
	struct render_result res;
	assert_int_equal(run(&rq, &res), RENDER_OK);
	assert_int_equal(res.img.w, 400);
	assert_int_equal(res.img.h, 200);
	assert_int_equal(res.native_w, 1000);
	assert_int_equal(res.pages, 1);
	assert_int_equal(at(&res.img, 10, 10)[0], 255);
	assert_int_equal(at(&res.img, 390, 190)[2], 255);
	rgba_free(&res.img);
}

static void test_render_turned_a_quarter_the_box_is_upright(void **st)
{
	(void)st;
	struct render_req rq = { .file = png_file, .kind = PICTURE_PNG, .turns = 1, .box_w = 250 };
	struct render_result res;
	assert_int_equal(run(&rq, &res), RENDER_OK);
	assert_int_equal(res.img.w, 250);   /* on its side: 500 high became 250 across */
	assert_int_equal(res.img.h, 500);
	assert_int_equal(res.native_w, 500);
	assert_int_equal(at(&res.img, 125, 10)[0], 255);   /* the red left half is on top */
	rgba_free(&res.img);
}

static void test_render_pdf_page_through_pdftoppm_with_page_count(void **st)
{
	(void)st;
	struct render_req rq = { .file = pdf_file, .kind = PICTURE_PDF, .page = 2, .box_w = 800 };
	struct render_result res;
	assert_int_equal(run(&rq, &res), RENDER_OK);
	assert_int_equal(res.pages, 2);
	assert_in_range(res.img.w, 800, 810);   /* A4 at the dpi that fills 800 pixels */
	assert_in_range(res.img.h, 1131, 1146);
	assert_true(res.native_w > 3000);        /* up to 16 M pixels for zooming in */
	int band = res.img.h * (842 - 750) / 842, middle = res.img.h / 2;
	assert_true(at(&res.img, res.img.w / 2, band)[0] < 40);       /* the black band */
	assert_true(at(&res.img, res.img.w / 2, middle)[0] > 215);    /* white paper */
	int sq_y = res.img.h * (842 - 200) / 842, sq_x = res.img.w * 150 / 595;
	assert_true(at(&res.img, sq_x, sq_y)[2] > 200 && at(&res.img, sq_x, sq_y)[0] < 60);
	rgba_free(&res.img);
}

static void test_render_pdf_whole_page_fits_the_box(void **st)
{
	(void)st;
	struct render_req rq = { .file = pdf_file, .kind = PICTURE_PDF, .page = 1, .box_w = 800,
				 .box_h = 400 };
	struct render_result res;
	assert_int_equal(run(&rq, &res), RENDER_OK);
	assert_in_range(res.img.h, 400, 412);
	assert_true(res.img.w < 300);
	rgba_free(&res.img);
}

static void test_render_pdf_page_past_the_end_is_said(void **st)
{
	(void)st;
	struct render_req rq = { .file = pdf_file, .kind = PICTURE_PDF, .page = 3, .box_w = 400 };
	struct render_result res;
	assert_int_equal(run(&rq, &res), RENDER_NO_PAGE);
	assert_int_equal(res.pages, 2);
	assert_null(res.img.px);
}

static void test_render_broken_pdf_and_png_are_bad_files(void **st)
{
	(void)st;
	struct render_req rq = { .file = bad_file, .kind = PICTURE_PDF, .page = 1, .box_w = 400 };
	struct render_result res;
	assert_int_equal(run(&rq, &res), RENDER_BAD_FILE);
	rq.kind = PICTURE_PNG;
	assert_int_equal(run(&rq, &res), RENDER_BAD_FILE);
	rq.file = "/nonexistent/x.png";
	assert_int_equal(run(&rq, &res), RENDER_BAD_FILE);
}

static void test_render_without_poppler_says_so(void **st)
{
	(void)st;
	char *path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", "/nonexistent", 1);
	struct render_req rq = { .file = pdf_file, .kind = PICTURE_PDF, .page = 1, .box_w = 400 };
	struct render_result res;
	enum render_status s = run(&rq, &res);
	setenv("PATH", path, 1);
	free(path);
	assert_int_equal(s, RENDER_NO_POPPLER);
}

static void test_render_stopped_midway_leaves_nothing_running(void **st)
{
	(void)st;
	struct render_req rq = { .file = pdf_file, .kind = PICTURE_PDF, .page = 1, .box_w = 4000 };
	struct render_job *j = render_start(&rq);
	assert_non_null(j);
	render_free(j);   /* before it finished */
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void test_render_pdfinfo_and_dpi(void **st)
{
	(void)st;
	const char *info = "Title: x\nPages:           3\nPage    2 size:  595.276 x 841.89 pts (A4)\n"
			   "Page    2 rot:   90\nFile size: 1\n";
	int pages;
	double w, h;
	assert_true(render_parse_pdfinfo(info, 2, &pages, &w, &h));
	assert_int_equal(pages, 3);
	assert_true(w > 841 && w < 842);   /* turned by its /Rotate */
	assert_true(h > 595 && h < 596);
	assert_false(render_parse_pdfinfo(info, 1, &pages, &w, &h));   /* no size for page 1 */
	assert_int_equal(render_dpi(595, 842, 800, 0), 97);             /* 800 * 72 / 595 = 96.8 */
	assert_int_equal(render_dpi(595, 842, 800, 400), 35);           /* the height decides */
	assert_int_equal(render_dpi(595, 842, 100000, 0), 416);         /* 600 dpi would be > 16 M pixels */
	assert_int_equal(render_dpi(595, 842, 10, 0), 18);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_png_at_the_width_the_view_needs),
		cmocka_unit_test(test_render_turned_a_quarter_the_box_is_upright),
		cmocka_unit_test(test_render_pdf_page_through_pdftoppm_with_page_count),
		cmocka_unit_test(test_render_pdf_whole_page_fits_the_box),
		cmocka_unit_test(test_render_pdf_page_past_the_end_is_said),
		cmocka_unit_test(test_render_broken_pdf_and_png_are_bad_files),
		cmocka_unit_test(test_render_without_poppler_says_so),
		cmocka_unit_test(test_render_stopped_midway_leaves_nothing_running),
		cmocka_unit_test(test_render_pdfinfo_and_dpi),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
