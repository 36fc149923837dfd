/* doc_layout — building a layout block by block, its content version, the
 * seal it carries, and the Chinese forms of dates and month lists. */
#include "server/doc_layout.h"

#include <glib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/fileio.h"

/* Bump when the drawing changes, so that cached documents are made anew. */
#define DOC_RENDER_REVISION 1

struct doc_layout *doc_layout_new(enum doc_kind kind, const char *title, const char *number_word,
				  const struct doc_unit *u, int year)
{
	struct doc_layout *l = g_new0(struct doc_layout, 1);
	l->kind = kind;
	l->title = g_strdup(title);
	l->number_word = g_strdup(number_word);
	l->uscc = g_strdup(u->uscc);
	l->unit = g_strdup(u->name);
	l->year = year;
	l->federation = g_strdup(u->federation_name);
	memcpy(l->seal_regions, u->seal_regions, sizeof l->seal_regions);
	if (!l->seal_regions[0][0])
		snprintf(l->seal_regions[0], sizeof l->seal_regions[0], "%.6s", u->federation_region);
	return l;
}

enum doc_kind doc_layout_kind(const struct doc_layout *l)
{
	return l->kind;
}

static struct doc_block *add_block(struct doc_layout *l, enum doc_block_type type)
{
	if (l->nblocks == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->blocks = g_renew(struct doc_block, l->blocks, l->cap);
	}
	struct doc_block *b = &l->blocks[l->nblocks++];
	memset(b, 0, sizeof *b);
	b->type = type;
	return b;
}

void doc_add_heading(struct doc_layout *l, const char *text)
{
	add_block(l, DOC_BLOCK_HEADING)->text = g_strdup(text);
}

void doc_add_para(struct doc_layout *l, int indent, const char *fmt, ...)
{
	va_list ap;
	struct doc_block *b = add_block(l, DOC_BLOCK_PARA);
	va_start(ap, fmt);
	b->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	b->indent = indent;
}

struct doc_block *doc_add_fields(struct doc_layout *l)
{
	return add_block(l, DOC_BLOCK_FIELDS);
}

void doc_field(struct doc_block *b, int wide, const char *label, const char *fmt, ...)
{
	va_list ap;
	b->fields = g_renew(struct doc_field, b->fields, b->nfields + 1);
	struct doc_field *f = &b->fields[b->nfields++];
	f->label = g_strdup(label);
	va_start(ap, fmt);
	f->value = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	f->wide = wide;
}

struct doc_block *doc_add_table(struct doc_layout *l, int ncols, const char *const *header,
				const double *widths, unsigned right)
{
	struct doc_block *b = add_block(l, DOC_BLOCK_TABLE);
	b->ncols = ncols < DOC_TABLE_MAX_COLS ? ncols : DOC_TABLE_MAX_COLS;
	memcpy(b->widths, widths, (size_t)b->ncols * sizeof *widths);
	b->right = right;
	b->cells = g_new0(char *, (size_t)b->ncols);
	for (int c = 0; c < b->ncols; c++)
		b->cells[c] = g_strdup(header[c]);
	return b;
}

void doc_table_row(struct doc_block *b, const char *const *cells)
{
	size_t at = (b->nrows + 1) * (size_t)b->ncols;
	b->cells = g_renew(char *, b->cells, at + (size_t)b->ncols);
	for (int c = 0; c < b->ncols; c++)
		b->cells[at + (size_t)c] = g_strdup(cells[c] ? cells[c] : "");
	b->nrows++;
}

void doc_add_box(struct doc_layout *l, const char *label, int lines)
{
	struct doc_block *b = add_block(l, DOC_BLOCK_BOX);
	b->text = g_strdup(label);
	b->lines = lines;
}

void doc_add_sign_unit(struct doc_layout *l, const char *lines)
{
	add_block(l, DOC_BLOCK_SIGN_UNIT)->text = g_strdup(lines);
}

void doc_add_sign_federation(struct doc_layout *l)
{
	add_block(l, DOC_BLOCK_SIGN_FEDERATION);
}

void doc_add_persons(struct doc_layout *l, const struct doc_person *p, size_t n)
{
	static const char *const head[] = { "序号", "姓名", "身份证号", "残疾类别等级",
					    "确认月份", "确认(月)", "核定(月)" };
	static const double widths[] = { 0.65, 1.2, 2.3, 1.3, 1.75, 0.9, 0.9 };
	struct doc_block *t = doc_add_table(l, 7, head, widths, 1u << 5 | 1u << 6);
	long confirmed = 0, counted = 0;
	for (size_t i = 0; i < n; i++) {
		char no[24], months[96], c1[16], c2[16];
		snprintf(no, sizeof no, "%zu", i + 1);
		doc_months_zh(p[i].months, months, sizeof months);
		snprintf(c1, sizeof c1, "%d", p[i].months_confirmed);
		snprintf(c2, sizeof c2, "%d", p[i].months_counted);
		const char *row[] = { no, p[i].name, p[i].idno_masked, p[i].certificate, months, c1, c2 };
		doc_table_row(t, row);
		confirmed += p[i].months_confirmed;
		counted += p[i].months_counted;
	}
	char c1[24], c2[24];
	snprintf(c1, sizeof c1, "%ld", confirmed);
	snprintf(c2, sizeof c2, "%ld", counted);
	const char *total[] = { "合计", n ? "" : "（无）", "", "", "", c1, c2 };
	doc_table_row(t, total);
	t->total_row = 1;
}

void doc_layout_free(struct doc_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nblocks; i++) {
		struct doc_block *b = &l->blocks[i];
		g_free(b->text);
		for (size_t f = 0; f < b->nfields; f++) {
			g_free(b->fields[f].label);
			g_free(b->fields[f].value);
		}
		g_free(b->fields);
		if (b->cells)
			for (size_t c = 0; c < (b->nrows + 1) * (size_t)b->ncols; c++)
				g_free(b->cells[c]);
		g_free(b->cells);
	}
	g_free(l->blocks);
	g_free(l->title);
	g_free(l->number_word);
	g_free(l->uscc);
	g_free(l->unit);
	g_free(l->federation);
	g_free(l);
}

/* ---------------------------------------------------------- the version */

static void hash_int(crypto_generichash_state *h, long long v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((unsigned long long)v >> (8 * i));
	crypto_generichash_update(h, b, sizeof b);
}

/* Length first, so that ("ab","c") and ("a","bc") differ. */
static void hash_str(crypto_generichash_state *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	hash_int(h, (long long)n);
	crypto_generichash_update(h, (const unsigned char *)(s ? s : ""), n);
}

static void hash_block(crypto_generichash_state *h, const struct doc_block *b)
{
	hash_int(h, b->type);
	hash_str(h, b->text);
	hash_int(h, b->indent);
	hash_int(h, b->lines);
	hash_int(h, (long long)b->nfields);
	for (size_t f = 0; f < b->nfields; f++) {
		hash_str(h, b->fields[f].label);
		hash_str(h, b->fields[f].value);
		hash_int(h, b->fields[f].wide);
	}
	hash_int(h, b->ncols);
	hash_int(h, (long long)b->nrows);
	hash_int(h, b->right);
	hash_int(h, b->total_row);
	for (int c = 0; c < b->ncols; c++)
		hash_int(h, (long long)(b->widths[c] * 1000));
	if (b->cells)
		for (size_t c = 0; c < (b->nrows + 1) * (size_t)b->ncols; c++)
			hash_str(h, b->cells[c]);
}

int doc_layout_version(const struct doc_layout *l, const char *datadir,
		       char out[DOC_VERSION_HEX + 1])
{
	crypto_generichash_state h;
	unsigned char d[DOC_VERSION_HEX / 2];
	char path[1200];
	size_t seal_len = 0;
	char *seal = doc_seal_path(l, datadir, path, sizeof path) == 0
			     ? srv_read_file(path, &seal_len)
			     : NULL;
	crypto_generichash_init(&h, NULL, 0, sizeof d);
	hash_int(&h, DOC_RENDER_REVISION);
	hash_int(&h, l->kind);
	hash_str(&h, l->title);
	hash_str(&h, l->number_word);
	hash_str(&h, l->uscc);
	hash_str(&h, l->unit);
	hash_int(&h, l->year);
	hash_str(&h, l->federation);
	hash_int(&h, (long long)l->nblocks);
	for (size_t i = 0; i < l->nblocks; i++)
		hash_block(&h, &l->blocks[i]);
	hash_int(&h, (long long)seal_len);
	if (seal)
		crypto_generichash_update(&h, (const unsigned char *)seal, seal_len);
	free(seal);
	crypto_generichash_final(&h, d, sizeof d);
	sodium_bin2hex(out, DOC_VERSION_HEX + 1, d, sizeof d);
	return 0;
}

/* ------------------------------------------------------------- the seal */

int doc_seal_path(const struct doc_layout *l, const char *datadir, char *path, size_t size)
{
	for (int i = 0; i < 3 && l->seal_regions[i][0]; i++) {
		snprintf(path, size, "%s/seals/%s.png", datadir, l->seal_regions[i]);
		if (access(path, R_OK) == 0)
			return 0;
	}
	/* the province root of the first region: 150924 → 150000 */
	if (l->seal_regions[0][0]) {
		snprintf(path, size, "%s/seals/%.2s0000.png", datadir, l->seal_regions[0]);
		if (access(path, R_OK) == 0)
			return 0;
	}
	return -1;
}

/* ------------------------------------------------------ dates and months */

static const char *const zh_digit[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

/* 1..31 as 一 … 十 … 二十一 … 三十一 */
static void zh_small(int n, GString *out)
{
	if (n >= 20)
		g_string_append(out, zh_digit[n / 10]);
	if (n >= 10)
		g_string_append(out, "十");
	if (n % 10 || n < 10)
		g_string_append(out, zh_digit[n % 10]);
}

void doc_date_zh(int64_t t, char *buf, size_t size)
{
	time_t s = (time_t)t + 8 * 3600; /* Asia/Shanghai has no DST */
	struct tm tm;
	char year[16];
	GString *out = g_string_new(NULL);
	gmtime_r(&s, &tm);
	snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
	for (int i = 0; i < 4; i++)
		g_string_append(out, zh_digit[year[i] - '0']);
	g_string_append(out, "年");
	zh_small(tm.tm_mon + 1, out);
	g_string_append(out, "月");
	zh_small(tm.tm_mday, out);
	g_string_append(out, "日");
	snprintf(buf, size, "%s", out->str);
	g_string_free(out, TRUE);
}

void doc_months_zh(unsigned months, char *buf, size_t size)
{
	GString *out = g_string_new(NULL);
	for (int m = 1; m <= 12; m++) {
		if (!(months & (1u << (m - 1))))
			continue;
		int end = m;
		while (end < 12 && (months & (1u << end)))
			end++;
		if (out->len)
			g_string_append(out, "、");
		if (end > m)
			g_string_append_printf(out, "%d-%d", m, end);
		else
			g_string_append_printf(out, "%d", m);
		m = end;
	}
	if (out->len)
		g_string_append(out, "月");
	snprintf(buf, size, "%s", out->str);
	g_string_free(out, TRUE);
}
