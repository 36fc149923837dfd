/* recheck_read — reads a batch of placements for the re-check (see
 * recheck_int.h): one statement per kind of row for the whole batch
 * (store_batch.c), the rows handed to each placement of their person. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "server/recheck_int.h"

static int fail(struct reader *rd, const char *what)
{
	snprintf(rd->err, sizeof rd->err, "re-check: %s: %s", what, store_errmsg(rd->st));
	return -1;
}

/* The label of an import into f (as eval_facts_load gives it), from the
 * reader's own list. */
static void facts_label(struct reader *rd, struct eval_facts *f, int64_t import_id)
{
	int n = (int)(sizeof f->labels / sizeof f->labels[0]), i, j;
	for (i = 0; i < f->n_labels; i++)
		if (f->labels[i].id == import_id)
			return;
	if (f->n_labels >= n)
		return;
	for (j = 0; j < rd->nlabels && rd->labels[j].id != import_id; j++)
		;
	if (j == rd->nlabels) {
		int rc = store_import_label(rd->st, import_id, rd->labels[j % 16].label,
					    sizeof rd->labels[0].label);
		if (rc == STORE_ERROR)
			rd->failed = 1;
		if (rc != STORE_OK)
			return;
		j %= 16;
		rd->labels[j].id = import_id;
		if (rd->nlabels < 16)
			rd->nlabels++;
	}
	f->labels[f->n_labels].id = import_id;
	memcpy(f->labels[f->n_labels++].label, rd->labels[j].label, sizeof rd->labels[j].label);
}

/* by_idno: the batch's positions sorted by ID number (insertion: 64 at most). */
static void index_idnos(struct batch *b)
{
	b->nby = 0;
	for (int i = 0; i < b->count; i++) {
		if (!b->idno[i])
			continue;
		int k = b->nby++;
		while (k > 0 && strcmp(b->idno[b->by_idno[k - 1]], b->idno[i]) > 0) {
			b->by_idno[k] = b->by_idno[k - 1];
			k--;
		}
		b->by_idno[k] = i;
	}
	b->last[0] = '\0';
	b->last_n = 0;
}

/* The batch's placements of this person (rows come grouped by person, so
 * mostly the last answer again): *first in by_idno, and how many. */
static int find_idno(struct batch *b, const char *idno, int *first)
{
	if (strcmp(idno, b->last) != 0) {
		int lo = 0, hi = b->nby;
		while (lo < hi) { /* the first position not below idno */
			int mid = (lo + hi) / 2;
			if (strcmp(b->idno[b->by_idno[mid]], idno) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		int n = 0;
		while (lo + n < b->nby && strcmp(b->idno[b->by_idno[lo + n]], idno) == 0)
			n++;
		snprintf(b->last, sizeof b->last, "%s", idno);
		b->last_first = lo;
		b->last_n = n;
	}
	*first = b->last_first;
	return b->last_n;
}

static void on_payment(void *arg, const char *idno, const struct registry_payment *pay)
{
	struct reader *rd = arg;
	struct batch *b = rd->b;
	int first, n = find_idno(b, idno, &first);
	for (int k = first; k < first + n; k++) {
		struct eval_facts *f = &b->facts[b->by_idno[k]];
		eval_facts_add_payment(f, pay->source, pay->ym, pay->payer, pay->fen, pay->import_id);
		facts_label(rd, f, pay->import_id);
	}
}

/* A month this person has confirmed: elsewhere for the placements of
 * other units. */
static void on_confirmed(void *arg, const char *idno, int64_t unit_id, int ym)
{
	struct batch *b = arg;
	int first, n = find_idno(b, idno, &first);
	for (int k = first; k < first + n; k++) {
		int i = b->by_idno[k];
		struct eval_facts *f = &b->facts[i];
		if (b->p[i].unit_id != unit_id && f->n_elsewhere < EVAL_MAX_ROWS)
			f->elsewhere[f->n_elsewhere++] = ym_make(ym / 100, ym % 100);
	}
}

/* Each person of the batch once, with the months any of their placements
 * checks (a month's checks look at that month's payments alone). */
static int persons_and_months(const struct batch *b, int year, struct store_months *who)
{
	unsigned months[STORE_BATCH];
	int n = 0;
	for (int k = 0; k < b->nby; k++) {
		int i = b->by_idno[k];
		if (n == 0 || strcmp(who[n - 1].idno, b->idno[i]) != 0) {
			who[n] = (struct store_months){ .idno = b->idno[i] };
			months[n++] = 0;
		}
		months[n - 1] |= b->t[i].mask & 0x1ffeu; /* bits 1..12 */
	}
	for (int k = 0; k < n; k++) {
		who[k].from_ym = year * 100 + (months[k] ? __builtin_ctz(months[k]) : 1);
		who[k].to_ym = year * 100 + (months[k] ? 31 - __builtin_clz(months[k]) : 12);
	}
	return n;
}

int batch_read(struct reader *rd, struct batch *b, const struct todo *t, int count)
{
	int64_t ids[STORE_BATCH] = { 0 };
	char why[160];
	b->t = t;
	b->count = count;
	b->nby = 0;
	for (int i = 0; i < count; i++)
		ids[i] = t[i].id;
	if (store_placements_load_many(rd->st, ids, count, b->p, b->area) != STORE_OK) {
		b->count = 0; /* nothing to free: load_many freed what it made */
		return fail(rd, "load");
	}
	int year = 0;
	for (int i = 0; i < count; i++) {
		b->idno[i] = NULL;
		b->locked[i] = 0;
		if (!b->p[i].id)
			continue; /* deleted since the import */
		if (eval_facts_from_placement(rd->ctx, &b->p[i], b->area[i], &b->facts[i], why,
					      sizeof why) != 0) {
			snprintf(rd->err, sizeof rd->err, "re-check of placement %lld: %s",
				 (long long)b->p[i].id, why);
			return -1;
		}
		b->idno[i] = json_string_value(json_object_get(b->p[i].person, "idno"));
		year = b->p[i].year; /* one import: one business year */
	}
	index_idnos(b);
	if (!year)
		return 0;
	struct store_months who[STORE_BATCH];
	int n = persons_and_months(b, year, who);
	rd->failed = 0;
	rd->b = b;
	if (store_payments_many(rd->st, who, n, on_payment, rd) != STORE_OK || rd->failed ||
	    store_material_kinds_many(rd->st, ids, count, b->kinds) != STORE_OK)
		return fail(rd, "facts");
	return 0;
}

int batch_settle(struct store *st, struct batch *b, int check_locks, char *err, size_t errlen)
{
	int64_t ids[STORE_BATCH] = { 0 };
	const char *idnos[STORE_BATCH];
	int n = 0, year = 0;
	for (int i = 0; i < b->count; i++)
		ids[i] = b->t[i].id;
	memset(b->locked, 0, sizeof b->locked);
	if (check_locks && b->count > 0 &&
	    store_lists_locked_many(st, ids, b->count, b->locked) != STORE_OK) {
		snprintf(err, errlen, "re-check: declaration: %s", store_errmsg(st));
		return -1;
	}
	for (int i = 0; i < b->count; i++)
		if (b->idno[i] && !b->locked[i]) {
			idnos[n++] = b->idno[i];
			year = b->p[i].year;
		}
	if (n > 0 && store_confirmed_many(st, idnos, n, year, on_confirmed, b) != STORE_OK) {
		snprintf(err, errlen, "re-check: facts: %s", store_errmsg(st));
		return -1;
	}
	return 0;
}

void batch_free(struct batch *b)
{
	for (int i = 0; i < b->count; i++)
		placement_free(&b->p[i]);
	b->count = 0;
}
