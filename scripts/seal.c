/* seal.c — draws the generic demo seal data/seals/150000.png with cairo and
 * pango: a red ring, the federation's name along the arc, a star, and
 * "示例 / DEMO" across it, so that it can never pass for a real official seal.
 * A region replaces it with its own image at data/seals/<region>.png.
 *
 *   cc scripts/seal.c -o /tmp/seal $(pkg-config --cflags --libs pangocairo)
 *   /tmp/seal data/seals/150000.png "内蒙古自治区残疾人联合会"
 */
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define SIZE 360
#define RED 0.84, 0.08, 0.08

static void text_at(cairo_t *cr, const char *s, const char *font, double x, double y, double angle)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	PangoRectangle ink, log;
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_pixel_extents(l, &ink, &log);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, angle);
	cairo_move_to(cr, -log.width / 2.0, -log.height / 2.0);
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void star(cairo_t *cr, double cx, double cy, double r)
{
	for (int i = 0; i < 10; i++) {
		double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? r * 0.382 : r;
		if (i == 0)
			cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
		else
			cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: seal OUT.png NAME\n");
		return 2;
	}
	const double c = SIZE / 2.0;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, SIZE, SIZE);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, RED);
	cairo_set_line_width(cr, 11);
	cairo_arc(cr, c, c, c - 8, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 2);
	cairo_arc(cr, c, c, c - 20, 0, 2 * M_PI);
	cairo_stroke(cr);

	/* the name along the upper arc, one character at a time, upright to the centre */
	glong n = g_utf8_strlen(argv[2], -1);
	const double span = 1.30 * M_PI, r = c - 52;
	const char *p = argv[2];
	for (glong i = 0; i < n; i++) {
		const char *next = g_utf8_next_char(p);
		char ch[8] = { 0 };
		memcpy(ch, p, (size_t)(next - p));
		double a = -M_PI / 2 - span / 2 + span * (i + 0.5) / n;
		text_at(cr, ch, "Noto Sans CJK SC Bold 25", c + r * cos(a), c + r * sin(a), a + M_PI / 2);
		p = next;
	}
	star(cr, c, c - 6, 46);
	text_at(cr, "示例 DEMO", "Noto Sans CJK SC Bold 24", c, c + 70, 0);
	text_at(cr, "非正式印章 NOT AN OFFICIAL SEAL", "Noto Sans CJK SC 10", c, c + 104, 0);
	cairo_destroy(cr);
	cairo_status_t st = cairo_surface_write_to_png(s, argv[1]);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS ? 0 : 1;
}
