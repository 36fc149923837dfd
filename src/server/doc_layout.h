/* doc_layout — private to the doc_*.c files: a document as a list of blocks
 * (headings, paragraphs, a label/value grid, tables, boxes to write in, the
 * signature areas), which the kinds build (doc_kinds.c) and the renderer
 * flows onto A4 pages (doc_render.c). Strings are UTF-8, owned by the layout;
 * allocation is glib's (it aborts when memory runs out). */
#ifndef ANZHI_SERVER_DOC_LAYOUT_H
#define ANZHI_SERVER_DOC_LAYOUT_H

#include <cairo.h>
#include <glib.h>
#include <stdarg.h>
#include <stddef.h>

#include "server/doc.h"

enum doc_block_type {
	DOC_BLOCK_HEADING,          /* a bold line */
	DOC_BLOCK_PARA,             /* wrapped text */
	DOC_BLOCK_FIELDS,           /* bordered grid: label | value | label | value */
	DOC_BLOCK_TABLE,            /* bordered table; its header repeats on each page */
	DOC_BLOCK_BOX,              /* bordered box: a label and blank lines to write in */
	DOC_BLOCK_SIGN_UNIT,        /* lines the unit signs and stamps by hand */
	DOC_BLOCK_SIGN_FEDERATION,  /* the federation's name, the date and its seal */
};

#define DOC_TABLE_MAX_COLS 8

struct doc_field {
	char *label, *value;
	int wide;                   /* the value takes the rest of the row */
};

struct doc_block {
	enum doc_block_type type;
	char *text;                 /* heading, paragraph, box label, sign lines ('\n') */
	int indent;                 /* paragraph: first line indented two characters */
	int lines;                  /* box: blank lines */
	struct doc_field *fields;
	size_t nfields;
	int ncols;                  /* table */
	double widths[DOC_TABLE_MAX_COLS];  /* relative */
	unsigned right;             /* bit c: column c right-aligned */
	char **cells;               /* header row, then rows, row-major */
	size_t nrows;               /* rows after the header */
	int total_row;              /* the last row is a total (bold) */
};

struct doc_layout {
	enum doc_kind kind;
	char *title;
	char *number_word;          /* the kind's word in the document number: 认, 承 … */
	char *uscc, *unit;
	int year;
	char *federation;
	char seal_regions[3][7];    /* nearest first */
	struct doc_block *blocks;
	size_t nblocks, cap;
};

struct doc_layout *doc_layout_new(enum doc_kind kind, const char *title, const char *number_word,
				  const struct doc_unit *u, int year);
void doc_add_heading(struct doc_layout *l, const char *text);
void doc_add_para(struct doc_layout *l, int indent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct doc_block *doc_add_fields(struct doc_layout *l);
void doc_field(struct doc_block *b, int wide, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
struct doc_block *doc_add_table(struct doc_layout *l, int ncols, const char *const *header,
				const double *widths, unsigned right);
void doc_table_row(struct doc_block *b, const char *const *cells);
void doc_add_box(struct doc_layout *l, const char *label, int lines);
void doc_add_sign_unit(struct doc_layout *l, const char *lines);
void doc_add_sign_federation(struct doc_layout *l);

/* The persons table of the certifications, with its total row. */
void doc_add_persons(struct doc_layout *l, const struct doc_person *p, size_t n);

/* "二〇二六年一月十五日" for a Unix time in Asia/Shanghai. */
void doc_date_zh(int64_t t, char *buf, size_t size);
/* "1-12月", "1-3、7-12月" for bits of months (bit m-1 = month m); "" for none. */
void doc_months_zh(unsigned months, char *buf, size_t size);

/* The seal image for the layout: the first of its regions with a PNG in
 * DATADIR/seals (then the province root's). 0 with path filled, -1 none. */
int doc_seal_path(const struct doc_layout *l, const char *datadir, char *path, size_t size);

/* ---- the renderer's parts */

/* What the seal's metadata line and the new Info dictionary say. */
struct doc_seal_meta {
	enum doc_kind kind;
	const char *title, *uscc, *unit, *federation;
	int year;
	const char *signed_at;      /* ISO 8601 */
	const char *pdf_date;       /* D:YYYYMMDDHHMMSS+08'00' */
	const char *code;
};
/* Appends the seal (wire/docseal.h) to the PDF cairo wrote and signs every
 * byte but the signature. 0, or -1 with err. */
int doc_seal_append(GByteArray *pdf, const struct doc_seal_meta *m, const struct doc_key *key,
		    char *err, size_t errlen);
/* Draws text as a QR code (level M, quiet zone included) in a size × size
 * square at (x, y). 0, or -1 when it does not encode. */
int doc_qr_draw(cairo_t *cr, const char *text, double x, double y, double size);

#endif
