/* store_dispatch — a dispatch (劳务派遣) placement's three review items as
 * dispatch_items rows: 劳务派遣资质, 三方协议, 劳动合同, each with its result and
 * the reviewer's mark (SPEC §4). A placement that is not a dispatch one has
 * no rows. */
#include <string.h>

#include "server/store_int.h"

void st_item_row(struct db_stmt *s, int c, struct placement *p)
{
	enum dispatch_item item;
	if (p->n_items == DISPATCH_ITEM__COUNT || !wire_dispatch_item_parse(db_col_text(s, c), &item))
		return;
	struct dispatch_row *r = &p->items[p->n_items++];
	memset(r, 0, sizeof *r);
	r->item = item;
	r->result = wire_month_decision_parse(db_col_text(s, c + 1));
	st_review_read(s, c + 2, &r->review);
}

void st_items_settle(struct placement *p)
{
	struct dispatch_row rows[DISPATCH_ITEM__COUNT];
	int n = p->n_items;
	memcpy(rows, p->items, (size_t)n * sizeof rows[0]);
	/* kept in item order whatever order the rows came in */
	p->n_items = 0;
	if (n == DISPATCH_ITEM__COUNT)
		for (int i = 0; i < DISPATCH_ITEM__COUNT; i++)
			for (int k = 0; k < n; k++)
				if (rows[k].item == (enum dispatch_item)i)
					p->items[p->n_items++] = rows[k];
	if (p->n_items != n)
		p->n_items = 0;   /* a partial set is no set: the next check makes it anew */
}

int st_items_load(struct store *st, struct placement *p)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " ST_ITEM_COLS " FROM dispatch_items WHERE placement_id = ?", "i", p->id);
	int rc = s ? DB_ROW : DB_ERROR;
	p->n_items = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		st_item_row(s, 0, p);
	db_done(s);
	if (rc != DB_DONE)
		return STORE_ERROR;
	st_items_settle(p);
	return STORE_OK;
}

static int write_item(struct store *st, int64_t placement_id, const struct dispatch_row *it)
{
	struct db_stmt *s = db_sql(st->db,
		"INSERT INTO dispatch_items (placement_id, item, result, reviewer_id, reviewer_name,"
		" reviewed_at, review_reason) VALUES (?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (placement_id, item) DO UPDATE SET result = excluded.result,"
		" reviewer_id = excluded.reviewer_id, reviewer_name = excluded.reviewer_name,"
		" reviewed_at = excluded.reviewed_at, review_reason = excluded.review_reason");
	const char *result = wire_month_decision_word(it->result);
	if (!s)
		return STORE_ERROR;
	int bad = db_bind_int(s, 1, placement_id);
	bad |= db_bind_text(s, 2, wire_dispatch_item_word(it->item));
	bad |= db_bind_text(s, 3, *result ? result : NULL);
	bad |= st_review_bind(s, 4, &it->review);
	if (bad) {
		db_done(s);
		return STORE_ERROR;
	}
	return db_run(s) == DB_OK ? STORE_OK : STORE_ERROR;
}

int st_items_write(struct store *st, struct placement *p)
{
	if (p->items_dirty &&
	    db_run(db_q(st->db, "DELETE FROM dispatch_items WHERE placement_id = ?", "i", p->id)) !=
		    DB_OK)
		return STORE_ERROR;
	for (int i = 0; i < p->n_items; i++) {
		if (!p->items_dirty && !p->items[i].dirty)
			continue;
		if (write_item(st, p->id, &p->items[i]) != STORE_OK)
			return STORE_ERROR;
		p->items[i].dirty = 0;
	}
	p->items_dirty = 0;
	return STORE_OK;
}
