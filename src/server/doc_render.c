/* doc_render — a layout onto A4 pages with cairo and pango: the title and
 * document number, the blocks flowed down the pages (tables split between
 * rows, their header repeated), the signature areas, and on every page a
 * footer with the QR verification code, the key and the page number. Two
 * passes: the first counts the pages ("共 N 页"), the second draws. Then the
 * seal and signature are appended (doc_sign.c). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/doc_layout.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (25 * MM)
#define TOP (22 * MM)
#define WIDTH (PAGE_W - 2 * LEFT)
#define QR_SIZE (18 * MM)
#define FOOTER_TOP (PAGE_H - 13 * MM - QR_SIZE - 10)
#define BOTTOM (FOOTER_TOP - 8)
#define PAD 4.5
#define RULE 0.6
#define SEAL_SIZE (42 * MM)

enum font_role { F_TITLE, F_BODY, F_HEAD, F_LABEL, F_CELL, F_CELL_BOLD, F_SMALL, F_TINY, F_CODE,
		 F__COUNT };

/* Sizes in points (the context's resolution is 72 dpi). Two faces only,
 * serif and serif bold: each face embedded costs tens of KB, and cairo
 * 1.16's subsetter embeds Noto Sans CJK almost whole (~900 KB) once Latin
 * capitals and CJK meet in it. */
static const struct {
	const char *desc;
	double spacing;     /* line height as a multiple of the font's (≈1.45 em) */
} fonts[F__COUNT] = {
	[F_TITLE] = { "Noto Serif CJK SC, serif Bold 20", 1.0 },
	[F_BODY] = { "Noto Serif CJK SC, serif 12", 1.12 },
	[F_HEAD] = { "Noto Serif CJK SC, serif Bold 12", 1.0 },
	[F_LABEL] = { "Noto Serif CJK SC, serif 10", 0.95 },
	[F_CELL] = { "Noto Serif CJK SC, serif 10.5", 0.95 },
	[F_CELL_BOLD] = { "Noto Serif CJK SC, serif Bold 10.5", 0.95 },
	[F_SMALL] = { "Noto Serif CJK SC, serif 9.5", 1.0 },
	[F_TINY] = { "Noto Serif CJK SC, serif 7.5", 1.0 },
	[F_CODE] = { "Noto Serif CJK SC, serif 6.5", 1.0 },
};

struct rc {
	cairo_t *cr;
	int draw;                   /* the second pass */
	int page, pages;
	double y;                   /* the top of what comes next */
	const struct doc_layout *l;
	cairo_surface_t *seal;
	const char *code, *key_id;
	char number[96];            /* 编号 */
	char signed_text[32];       /* "2026-01-15 10:00:00" */
	char date_zh[64];
	PangoContext *pc;           /* one for every layout: fonts are looked up once */
	PangoFontDescription *font[F__COUNT];
};

/* ------------------------------------------------------------------ text */

static PangoLayout *text(struct rc *r, enum font_role f, const char *s, double width,
			 PangoAlignment align, int indent)
{
	PangoLayout *lay = pango_layout_new(r->pc);
	pango_layout_set_font_description(lay, r->font[f]);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	if (width > 0)
		pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(lay, align);
	pango_layout_set_line_spacing(lay, (float)fonts[f].spacing);
	if (indent) {
		double em = pango_font_description_get_size(r->font[f]) / (double)PANGO_SCALE;
		pango_layout_set_indent(lay, (int)(2 * em * PANGO_SCALE));
		pango_layout_set_justify(lay, TRUE);
	}
	pango_layout_set_text(lay, s, -1);
	return lay;
}

static double height(PangoLayout *lay)
{
	PangoRectangle ink, logical;
	pango_layout_get_extents(lay, &ink, &logical);
	return logical.height / (double)PANGO_SCALE;
}

/* Draws (second pass) and frees; returns its height. */
static double put(struct rc *r, PangoLayout *lay, double x, double y)
{
	double h = height(lay);
	if (r->draw) {
		cairo_set_source_rgb(r->cr, 0, 0, 0);
		cairo_move_to(r->cr, x, y);
		pango_cairo_show_layout(r->cr, lay);
	}
	g_object_unref(lay);
	return h;
}

static double text_height(struct rc *r, enum font_role f, const char *s, double width)
{
	PangoLayout *lay = text(r, f, s, width, PANGO_ALIGN_LEFT, 0);
	double h = height(lay);
	g_object_unref(lay);
	return h;
}

static void rect(struct rc *r, double x, double y, double w, double h, double fill)
{
	if (!r->draw)
		return;
	cairo_rectangle(r->cr, x, y, w, h);
	if (fill < 1) {
		cairo_set_source_rgb(r->cr, fill, fill, fill);
		cairo_fill_preserve(r->cr);
	}
	cairo_set_source_rgb(r->cr, 0, 0, 0);
	cairo_set_line_width(r->cr, RULE);
	cairo_stroke(r->cr);
}

/* ---------------------------------------------------------------- pages */

static void footer(struct rc *r)
{
	char line[512];
	const double rw = 44 * MM; /* the right column: the QR, the code under it */
	double y = FOOTER_TOP, tw = WIDTH - rw - 6;
	if (!r->draw)
		return;
	cairo_set_source_rgb(r->cr, 0.4, 0.4, 0.4);
	cairo_set_line_width(r->cr, 0.4);
	cairo_move_to(r->cr, LEFT, y);
	cairo_line_to(r->cr, LEFT + WIDTH, y);
	cairo_stroke(r->cr);
	snprintf(line, sizeof line, "验证码：%s", r->code);
	y += 6 + put(r, text(r, F_SMALL, line, tw, PANGO_ALIGN_LEFT, 0), LEFT, y + 6);
	snprintf(line, sizeof line,
		 "核验：扫描右侧二维码，或运行 anzhi verify 本文件；不借助本系统的离线核验方法见"
		 "随附文档 verify.md（Ed25519 签名覆盖签名值以外的全部字节）。");
	y += 2 + put(r, text(r, F_TINY, line, tw, PANGO_ALIGN_LEFT, 0), LEFT, y + 2);
	snprintf(line, sizeof line, "签发：%s　密钥：%s　签发时间：%s（北京时间）", r->l->federation,
		 r->key_id, r->signed_text);
	put(r, text(r, F_TINY, line, tw, PANGO_ALIGN_LEFT, 0), LEFT, y + 2);
	snprintf(line, sizeof line, "第 %d 页　共 %d 页", r->page, r->pages);
	put(r, text(r, F_SMALL, line, WIDTH, PANGO_ALIGN_CENTER, 0), LEFT, PAGE_H - 11 * MM);
	doc_qr_draw(r->cr, r->code, LEFT + WIDTH - rw + (rw - QR_SIZE) / 2, FOOTER_TOP + 3, QR_SIZE);
	put(r, text(r, F_CODE, r->code, rw, PANGO_ALIGN_CENTER, 0), LEFT + WIDTH - rw,
	    FOOTER_TOP + 4 + QR_SIZE);
}

static void new_page(struct rc *r)
{
	if (r->page > 0) {
		footer(r);
		if (r->draw)
			cairo_show_page(r->cr);
	}
	r->page++;
	r->y = TOP;
	char line[256];
	snprintf(line, sizeof line, "编号：%s", r->number);
	if (r->page == 1) {
		r->y += put(r, text(r, F_TITLE, r->l->title, WIDTH, PANGO_ALIGN_CENTER, 0), LEFT, r->y);
		r->y += 6;
		r->y += put(r, text(r, F_SMALL, line, WIDTH, PANGO_ALIGN_RIGHT, 0), LEFT, r->y) + 10;
		return;
	}
	char cont[256];
	snprintf(cont, sizeof cont, "%s（续）", r->l->title);
	double h = put(r, text(r, F_SMALL, cont, WIDTH, PANGO_ALIGN_LEFT, 0), LEFT, r->y);
	put(r, text(r, F_SMALL, line, WIDTH, PANGO_ALIGN_RIGHT, 0), LEFT, r->y);
	r->y += h + 4;
	if (r->draw) {
		cairo_set_line_width(r->cr, 0.4);
		cairo_move_to(r->cr, LEFT, r->y);
		cairo_line_to(r->cr, LEFT + WIDTH, r->y);
		cairo_stroke(r->cr);
	}
	r->y += 10;
}

/* Starts a new page unless h fits below y. */
static void need(struct rc *r, double h)
{
	if (r->y + h > BOTTOM)
		new_page(r);
}

/* --------------------------------------------------------------- blocks */

static void heading(struct rc *r, const struct doc_block *b)
{
	double h = text_height(r, F_HEAD, b->text, WIDTH);
	need(r, h + 40); /* never alone at a page's foot */
	r->y += 4;
	r->y += put(r, text(r, F_HEAD, b->text, WIDTH, PANGO_ALIGN_CENTER, 0), LEFT, r->y) + 6;
}

static void para(struct rc *r, const struct doc_block *b)
{
	PangoLayout *lay = text(r, F_BODY, b->text, WIDTH, PANGO_ALIGN_LEFT, b->indent);
	need(r, height(lay));
	r->y += put(r, lay, LEFT, r->y) + 2;
}

/* One bordered row of cells: x offsets and widths, a text each; label cells
 * shaded. Returns the row's height (drawn at y). */
static double cells_row(struct rc *r, int n, const double *x, const double *w,
			char *const *s, const enum font_role *f, const double *shade, unsigned right,
			int measure_only)
{
	double h = 0;
	for (int c = 0; c < n; c++) {
		double th = text_height(r, f[c], s[c], w[c] - 2 * PAD);
		if (th > h)
			h = th;
	}
	h += 2 * PAD;
	if (measure_only)
		return h;
	for (int c = 0; c < n; c++) {
		rect(r, x[c], r->y, w[c], h, shade[c]);
		PangoLayout *lay = text(r, f[c], s[c], w[c] - 2 * PAD,
					right & (1u << c) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 0);
		double th = height(lay);
		put(r, lay, x[c] + PAD, r->y + (h - th) / 2);
	}
	return h;
}

static void fields(struct rc *r, const struct doc_block *b)
{
	const double lw = WIDTH * 0.2, vw = WIDTH * 0.3;
	r->y += 2;
	for (size_t i = 0; i < b->nfields;) {
		const struct doc_field *a = &b->fields[i];
		const struct doc_field *c = i + 1 < b->nfields && !a->wide && !b->fields[i + 1].wide
						    ? &b->fields[i + 1]
						    : NULL;
		double x[4] = { LEFT, LEFT + lw, LEFT + lw + vw, LEFT + 2 * lw + vw };
		double w[4] = { lw, c ? vw : WIDTH - lw, lw, vw };
		char *s[4] = { a->label, a->value, c ? c->label : NULL, c ? c->value : NULL };
		enum font_role f[4] = { F_LABEL, F_CELL, F_LABEL, F_CELL };
		double shade[4] = { 0.92, 1, 0.92, 1 };
		int n = c ? 4 : 2;
		need(r, cells_row(r, n, x, w, s, f, shade, 0, 1));
		r->y += cells_row(r, n, x, w, s, f, shade, 0, 0);
		i += c ? 2 : 1;
	}
	r->y += 8;
}

static void table(struct rc *r, const struct doc_block *b)
{
	double x[DOC_TABLE_MAX_COLS], w[DOC_TABLE_MAX_COLS], sum = 0, at = LEFT;
	double shade_head[DOC_TABLE_MAX_COLS], shade_body[DOC_TABLE_MAX_COLS];
	enum font_role fh[DOC_TABLE_MAX_COLS], fb[DOC_TABLE_MAX_COLS], ft[DOC_TABLE_MAX_COLS];
	for (int c = 0; c < b->ncols; c++)
		sum += b->widths[c];
	for (int c = 0; c < b->ncols; c++) {
		x[c] = at;
		w[c] = WIDTH * b->widths[c] / sum;
		at += w[c];
		shade_head[c] = 0.88;
		shade_body[c] = 1;
		fh[c] = F_CELL_BOLD;
		fb[c] = F_CELL;
		ft[c] = F_CELL_BOLD;
	}
	char **head = b->cells;
	double hh = cells_row(r, b->ncols, x, w, head, fh, shade_head, 0, 1);
	double first = b->nrows ? cells_row(r, b->ncols, x, w, b->cells + b->ncols, fb, shade_body,
					    b->right, 1)
				: 0;
	need(r, hh + first);
	r->y += cells_row(r, b->ncols, x, w, head, fh, shade_head, 0, 0);
	for (size_t i = 0; i < b->nrows; i++) {
		char **row = b->cells + (i + 1) * (size_t)b->ncols;
		const enum font_role *f = b->total_row && i + 1 == b->nrows ? ft : fb;
		double h = cells_row(r, b->ncols, x, w, row, f, shade_body, b->right, 1);
		if (r->y + h > BOTTOM) {
			new_page(r);
			r->y += cells_row(r, b->ncols, x, w, head, fh, shade_head, 0, 0);
		}
		r->y += cells_row(r, b->ncols, x, w, row, f, shade_body, b->right, 0);
	}
	r->y += 8;
}

static void box(struct rc *r, const struct doc_block *b)
{
	double lh = text_height(r, F_LABEL, b->text, WIDTH - 2 * PAD);
	double h = lh + 2 * PAD + b->lines * 22.0;
	need(r, h);
	rect(r, LEFT, r->y, WIDTH, h, 1);
	put(r, text(r, F_LABEL, b->text, WIDTH - 2 * PAD, PANGO_ALIGN_LEFT, 0), LEFT + PAD,
	    r->y + PAD);
	r->y += h + 8;
}

static void sign_unit(struct rc *r, const struct doc_block *b)
{
	gchar **lines = g_strsplit(b->text, "\n", 0);
	int n = (int)g_strv_length(lines);
	need(r, 12 + n * 28.0);
	r->y += 12;
	for (int i = 0; i < n; i++) {
		put(r, text(r, F_BODY, lines[i], WIDTH * 0.55, PANGO_ALIGN_LEFT, 0), LEFT + WIDTH * 0.42,
		    r->y);
		r->y += 28;
	}
	g_strfreev(lines);
}

static void sign_federation(struct rc *r, const struct doc_block *b)
{
	const double cx = LEFT + WIDTH - 40 * MM, cw = 80 * MM;
	need(r, SEAL_SIZE + 20);
	double top = r->y + 10;
	double y = top + SEAL_SIZE / 2 - 16;
	y += put(r, text(r, F_BODY, r->l->federation, cw, PANGO_ALIGN_CENTER, 0), cx - cw / 2, y);
	put(r, text(r, F_BODY, r->date_zh, cw, PANGO_ALIGN_CENTER, 0), cx - cw / 2, y + 4);
	if (r->draw && r->seal) {
		double s = SEAL_SIZE / cairo_image_surface_get_width(r->seal);
		cairo_save(r->cr);
		cairo_translate(r->cr, cx - SEAL_SIZE / 2, top);
		cairo_scale(r->cr, s, s);
		cairo_set_source_surface(r->cr, r->seal, 0, 0);
		/* ink on paper: the name and date stay legible under the red */
		cairo_set_operator(r->cr, CAIRO_OPERATOR_MULTIPLY);
		cairo_paint_with_alpha(r->cr, 0.9);
		cairo_restore(r->cr);
	}
	r->y = top + SEAL_SIZE + 6;
}

static void (*const block_fns[])(struct rc *, const struct doc_block *) = {
	[DOC_BLOCK_HEADING] = heading,
	[DOC_BLOCK_PARA] = para,
	[DOC_BLOCK_FIELDS] = fields,
	[DOC_BLOCK_TABLE] = table,
	[DOC_BLOCK_BOX] = box,
	[DOC_BLOCK_SIGN_UNIT] = sign_unit,
	[DOC_BLOCK_SIGN_FEDERATION] = sign_federation,
};

static void flow(struct rc *r)
{
	r->page = 0;
	new_page(r);
	for (size_t i = 0; i < r->l->nblocks; i++)
		block_fns[r->l->blocks[i].type](r, &r->l->blocks[i]);
	footer(r);
	if (r->draw)
		cairo_show_page(r->cr);
}

/* ----------------------------------------------------------------- render */

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void times(int64_t t, char iso[32], char shown[32], char pdf[32])
{
	time_t s = (time_t)t + 8 * 3600;
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
	strftime(shown, 32, "%Y-%m-%d %H:%M:%S", &tm);
	strftime(pdf, 32, "D:%Y%m%d%H%M%S+08'00'", &tm);
}

/* The 8 bytes the code names a document by: everything that makes it. */
static void code_ident(const struct doc_layout *l, const char *version, const char *iso,
		       const struct doc_issue *is, unsigned char ident[DOCSEAL_IDENT_BYTES])
{
	char *s = g_strdup_printf("anzhi-doc/1\n%s\n%s\n%d\n%s\n%s\n%s\n%lld",
				  docseal_kind_word(l->kind), l->uscc, l->year, version, iso,
				  is->key->id, (long long)is->serial);
	crypto_generichash(ident, DOCSEAL_IDENT_BYTES, (const unsigned char *)s, strlen(s), NULL, 0);
	g_free(s);
}

static void set_metadata(cairo_surface_t *s, const struct doc_layout *l, const char *iso,
			 const char *code)
{
	char *subject = g_strdup_printf("%s %d年度", l->unit, l->year);
	char *keywords = g_strdup_printf("anzhi %s %s %d %s", docseal_kind_word(l->kind), l->uscc,
					 l->year, code);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, l->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, l->federation);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, subject);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "anzhid " ANZHI_VERSION);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	g_free(subject);
	g_free(keywords);
}

/* The pages as cairo writes them (no seal yet). */
static int draw_pages(struct rc *r, const char *iso, GByteArray *bytes, char *err, size_t errlen)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, bytes, PAGE_W, PAGE_H);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_metadata(s, r->l, iso, r->code);
	r->cr = cairo_create(s);
	/* a PDF surface's font options already turn hinting off: layouts measure
	 * the same on every machine with the same fonts */
	r->pc = pango_cairo_create_context(r->cr);
	pango_cairo_context_set_resolution(r->pc, 72);
	for (int f = 0; f < F__COUNT; f++)
		r->font[f] = pango_font_description_from_string(fonts[f].desc);
	r->draw = 0;
	flow(r);
	r->pages = r->page;
	r->draw = 1;
	flow(r);
	for (int f = 0; f < F__COUNT; f++)
		pango_font_description_free(r->font[f]);
	g_object_unref(r->pc);
	cairo_destroy(r->cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "cairo: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int doc_render(const struct doc_layout *l, const struct doc_issue *is, struct doc_file *out,
	       char *err, size_t errlen)
{
	struct rc r = { .l = l, .key_id = is->key->id };
	char version[DOC_VERSION_HEX + 1], iso[32], pdfdate[32], seal_path[1200];
	unsigned char ident[DOCSEAL_IDENT_BYTES];
	memset(out, 0, sizeof *out);
	if (doc_font_check(err, errlen) != 0)
		return -1;
	if (doc_seal_path(l, is->datadir, seal_path, sizeof seal_path) != 0) {
		snprintf(err, errlen, "no seal image for region %s in %s/seals", l->seal_regions[0],
			 is->datadir);
		return -1;
	}
	r.seal = cairo_image_surface_create_from_png(seal_path);
	if (cairo_surface_status(r.seal) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s: %s", seal_path,
			 cairo_status_to_string(cairo_surface_status(r.seal)));
		cairo_surface_destroy(r.seal);
		return -1;
	}
	doc_layout_version(l, is->datadir, version);
	times(is->signed_at, iso, r.signed_text, pdfdate);
	code_ident(l, version, iso, is, ident);
	docseal_code_make(ident, is->key->id, out->code);
	r.code = out->code;
	snprintf(r.number, sizeof r.number, "%s〔%d〕%s-%.4s%.4s号", l->number_word, l->year,
		 l->seal_regions[0], out->code, out->code + 5);
	doc_date_zh(is->signed_at, r.date_zh, sizeof r.date_zh);

	GByteArray *bytes = g_byte_array_new();
	int rc = draw_pages(&r, iso, bytes, err, errlen);
	cairo_surface_destroy(r.seal);
	struct doc_seal_meta m = { .kind = l->kind, .title = l->title, .uscc = l->uscc,
				   .unit = l->unit, .federation = l->federation, .year = l->year,
				   .signed_at = iso, .pdf_date = pdfdate, .code = out->code };
	if (rc == 0)
		rc = doc_seal_append(bytes, &m, is->key, err, errlen);
	if (rc != 0) {
		g_byte_array_free(bytes, TRUE);
		return -1;
	}
	unsigned char d[32];
	crypto_generichash(d, sizeof d, bytes->data, bytes->len, NULL, 0);
	sodium_bin2hex(out->digest, sizeof out->digest, d, sizeof d);
	snprintf(out->signed_at, sizeof out->signed_at, "%s", iso);
	out->kind = l->kind;
	out->pdf = malloc(bytes->len);
	if (out->pdf) {
		memcpy(out->pdf, bytes->data, bytes->len);
		out->len = bytes->len;
	}
	g_byte_array_free(bytes, TRUE);
	if (!out->pdf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void doc_file_free(struct doc_file *f)
{
	free(f->pdf);
	f->pdf = NULL;
	f->len = 0;
}
