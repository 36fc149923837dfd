/* demo_scan — see demo_scan.h. Drawn with cairo and pango (already linked
 * for the sealed documents): paper a little off white, the proof's title,
 * a few lines of text, a red seal — enough for a reviewer to read in the
 * viewer, never mistaken for a real document (it says 演示). */
#include "server/demo_scan.h"

#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 at 100 dpi: legible in sixel or kitty graphics, small as a PNG. */
#define PAGE_W 827
#define PAGE_H 1169
#define MARGIN 90.0

/* What the demo's proof of each kind is called on paper. */
static const char *const titles[MATERIAL__COUNT] = {
	[MATERIAL_WAGE] = "工资发放证明",
	[MATERIAL_SOCIAL] = "社会保险缴费证明",
	[MATERIAL_MEDICAL] = "医疗保险缴费证明",
	[MATERIAL_CONTRACT] = "劳动合同",
	[MATERIAL_DISPATCH] = "劳务派遣协议（三方协议）",
	[MATERIAL_DEGREE] = "学历证书",
	[MATERIAL_CERTIFICATE] = "残疾人证（补充）",
	[MATERIAL_OTHER] = "情况说明",
	[MATERIAL_ESTABLISHMENT] = "事业单位编制本（摘页）",
	[MATERIAL_DISPATCH_LICENCE] = "劳务派遣经营许可证",
};

struct png_buf {
	unsigned char *p;
	size_t n, cap;
};

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
	struct png_buf *b = closure;
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (cap < b->n + len)
			cap *= 2;
		unsigned char *p = realloc(b->p, cap);
		if (!p)
			return CAIRO_STATUS_NO_MEMORY;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	return CAIRO_STATUS_SUCCESS;
}

/* text at (x, y), wrapped to width w, centred or not; the height it took. */
static double text(cairo_t *cr, const char *font, double x, double y, double w, int centre,
		   const char *s)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int h;
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	pango_layout_get_pixel_size(l, NULL, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return h;
}

static void seal(cairo_t *cr, double cx, double cy)
{
	cairo_save(cr);
	cairo_set_source_rgba(cr, 0.80, 0.10, 0.10, 0.85);
	cairo_set_line_width(cr, 5);
	cairo_new_path(cr);   /* no line from where the text ended */
	cairo_arc(cr, cx, cy, 78, 0, 2 * M_PI);
	cairo_stroke(cr);
	/* the star: its points every 144° from the top (no libm needed) */
	static const double star[5][2] = {
		{ 0, -1 }, { 0.5878, 0.8090 }, { -0.9511, -0.3090 }, { 0.9511, -0.3090 },
		{ -0.5878, 0.8090 },
	};
	cairo_move_to(cr, cx, cy - 30);
	for (int i = 1; i <= 5; i++)
		cairo_line_to(cr, cx + 26 * star[i % 5][0], cy - 4 + 26 * star[i % 5][1]);
	cairo_close_path(cr);
	cairo_fill(cr);
	text(cr, "Noto Serif CJK SC Bold 15", cx - 70, cy + 24, 140, 1, "演示专用章");
	cairo_restore(cr);
}

static void draw(cairo_t *cr, const char *title)
{
	static const char *const body =
		"兹证明，本文件所列人员在本单位工作，相关情况如下表所列，内容真实有效。\n\n"
		"本页为安置系统演示数据，不是真实材料，仅供审核练习之用。";
	static const char *const rows[][3] = {
		{ "月份", "在岗情况", "核对" },       { "2025年01月", "在岗", "已核对" },
		{ "2025年02月", "在岗", "已核对" }, { "2025年03月", "在岗", "已核对" },
		{ "2025年04月", "在岗", "已核对" }, { "2025年05月", "在岗", "已核对" },
		{ "2025年06月", "在岗", "已核对" },
	};
	double w = PAGE_W - 2 * MARGIN, y = MARGIN, col = w / 3;
	cairo_set_source_rgb(cr, 0.97, 0.96, 0.93);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.10, 0.10, 0.12);
	y += text(cr, "Noto Serif CJK SC Bold 30", MARGIN, y, w, 1, title) + 40;
	y += text(cr, "Noto Serif CJK SC 16", MARGIN, y, w, 0, body) + 36;
	cairo_set_line_width(cr, 1.5);
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		cairo_rectangle(cr, MARGIN, y, w, 44);
		cairo_stroke(cr);
		for (int c = 0; c < 3; c++)
			text(cr, r ? "Noto Serif CJK SC 15" : "Noto Serif CJK SC Bold 15",
			     MARGIN + c * col + 12, y + 10, col - 24, 0, rows[r][c]);
		y += 44;
	}
	text(cr, "Noto Serif CJK SC 16", PAGE_W / 2.0, PAGE_H - MARGIN - 160, w / 2, 0,
	     "（盖章）\n\n2026年01月10日");
	seal(cr, PAGE_W / 2.0 + 60, PAGE_H - MARGIN - 150);
}

int demo_scan_png(enum material_kind kind, unsigned char **png, size_t *len)
{
	struct png_buf b = { 0 };
	const char *title = (unsigned)kind < MATERIAL__COUNT && titles[kind] ? titles[kind]
									  : "证明材料";
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	draw(cr, title);
	cairo_destroy(cr);
	cairo_status_t st = cairo_surface_write_to_png_stream(s, append, &b);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		free(b.p);
		return -1;
	}
	*png = b.p;
	*len = b.n;
	return 0;
}
