/* store_applications — over-quota reward and graduate applications as rows:
 * the applications row (what lists show, the numbers as applied, both review
 * steps), one application_persons row per person counted or left out and one
 * application_months row per registered month, and the attachments. The
 * persons are written once, when the unit applies: the application is what
 * was applied for, whatever happens to the placements later. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/application_calc.h"
#include "server/jsonw.h"
#include "server/store_int.h"

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---------------------------------------------------------------- writing */

static int insert_persons(struct store *st, int64_t id, const struct app_person *persons, int n)
{
	for (int i = 0; i < n; i++) {
		const struct app_person *p = &persons[i];
		if (db_run(db_q(st->db,
				"INSERT INTO application_persons (application_id, seq, placement_id,"
				" name_masked, idno_masked, counted, reason, months_counted)"
				" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				"iiissisi", id, (int64_t)i, p->placement_id,
				p->name_masked, p->idno_masked, (int64_t)p->counted,
				or_null(wire_left_out_word(p->reason)), (int64_t)p->months_counted)) !=
		    DB_OK)
			return STORE_ERROR;
		for (int k = 0; k < p->n_months; k++) {
			const struct app_month *m = &p->months[k];
			if (db_run(db_q(st->db,
					"INSERT INTO application_months (application_id, seq, month,"
					" counted, weight, reason) VALUES (?, ?, ?, ?, ?, ?)",
					"iiiiis", id, (int64_t)i, (int64_t)m->ym, (int64_t)m->counted,
					(int64_t)m->weight, or_null(wire_left_out_word(m->reason)))) !=
			    DB_OK)
				return STORE_ERROR;
		}
	}
	return STORE_OK;
}

int store_application_insert(struct store *st, struct application_row *a,
			     const struct app_person *persons, int n)
{
	struct unit_ref u;
	int rc = store_unit_ref_by_id(st, a->unit_id, &u);
	if (rc != STORE_OK)
		return rc;
	struct db_stmt *s = db_sql(st->db,
		"INSERT INTO applications (kind, unit_id, year, status, channel, staff, placed,"
		" required, excess, persons_rewarded, multiplier, min_wage_fen, amount_fen,"
		" months_counted, policy_version, bank_payee, bank_account, bank_name, applied_by,"
		" applied_by_name, applied_at, region_province, region_city, region_county, version)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
		" RETURNING id");
	int i = 1, b = DB_OK;
	if (s) {
		b |= db_bind_text(s, i++, wire_application_kind_word(a->kind));
		b |= db_bind_int(s, i++, a->unit_id);
		b |= db_bind_int(s, i++, a->year);
		b |= db_bind_text(s, i++, wire_application_status_word(a->status));
		b |= db_bind_text(s, i++, wire_channel_word(a->channel));
		b |= db_bind_text(s, i++, a->staff);
		b |= db_bind_text(s, i++, a->placed);
		/* the reward's numbers; NULL for a graduate application */
		b |= db_bind_text(s, i++, a->has_reward ? a->required : NULL);
		b |= db_bind_text(s, i++, a->has_reward ? a->excess : NULL);
		b |= db_bind_text(s, i++, a->has_reward ? a->persons_rewarded : NULL);
		b |= db_bind_text(s, i++, a->has_reward ? a->multiplier : NULL);
		b |= a->has_reward ? db_bind_int(s, i++, a->min_wage_fen) : db_bind_null(s, i++);
		b |= db_bind_int(s, i++, a->amount_fen);
		b |= db_bind_int(s, i++, a->months_counted);
		b |= db_bind_text(s, i++, a->policy_version);
		b |= db_bind_text(s, i++, a->bank_payee);
		b |= db_bind_text(s, i++, a->bank_account);
		b |= db_bind_text(s, i++, a->bank_name);
		b |= db_bind_int(s, i++, a->applied_by);
		b |= db_bind_text(s, i++, a->applied_by_name);
		b |= db_bind_text(s, i++, a->applied_at);
		b |= db_bind_text(s, i++, u.region_province);
		b |= db_bind_text(s, i++, u.region_city);
		b |= db_bind_text(s, i++, u.federation_region);
	}
	if (!s || b != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int64_t id;
	rc = db_one_int(s, &id);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	a->id = id;
	a->version = 1;
	return insert_persons(st, id, persons, n);
}

static int bind_review(struct db_stmt *s, int i, const struct application_review *r)
{
	int b = r->by ? db_bind_int(s, i, r->by) : db_bind_null(s, i);
	b |= db_bind_text(s, i + 1, or_null(r->by_name));
	b |= db_bind_text(s, i + 2, or_null(r->result));
	b |= db_bind_text(s, i + 3, or_null(r->reason));
	b |= db_bind_text(s, i + 4, or_null(r->at));
	return b;
}

int store_application_review(struct store *st, struct application_row *a)
{
	struct db_stmt *s = db_sql(st->db,
		"UPDATE applications SET status = ?, first_by = ?, first_by_name = ?,"
		" first_result = ?, first_reason = ?, first_at = ?, second_by = ?,"
		" second_by_name = ?, second_result = ?, second_reason = ?, second_at = ?,"
		" version = version + 1 WHERE id = ? AND version = ?");
	if (!s)
		return STORE_ERROR;
	if (db_bind_text(s, 1, wire_application_status_word(a->status)) != DB_OK ||
	    bind_review(s, 2, &a->first) != DB_OK || bind_review(s, 7, &a->second) != DB_OK ||
	    db_bind_int(s, 12, a->id) != DB_OK || db_bind_int(s, 13, a->version) != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int rc = st_change(st, s);
	if (rc == STORE_OK)
		a->version++;
	return rc;
}

/* ---------------------------------------------------------------- reading */

#define APP_COLS                                                                            \
	"a.id, a.kind, a.unit_id, u.uscc, u.name, a.year, a.status, a.channel, a.staff,"         \
	" a.placed, a.required, a.excess, a.persons_rewarded, a.multiplier, a.min_wage_fen,"     \
	" a.amount_fen, a.months_counted, a.policy_version, a.bank_payee, a.bank_account,"      \
	" a.bank_name, a.applied_by, a.applied_by_name, a.applied_at, a.first_by,"              \
	" a.first_by_name, a.first_result, a.first_reason, a.first_at, a.second_by,"            \
	" a.second_by_name, a.second_result, a.second_reason, a.second_at, a.version"

static void review_cols(struct db_stmt *s, int c, struct application_review *r)
{
	r->by = db_col_int(s, c);
	st_col_copy(s, c + 1, r->by_name, sizeof r->by_name);
	st_col_copy(s, c + 2, r->result, sizeof r->result);
	st_col_copy(s, c + 3, r->reason, sizeof r->reason);
	st_col_copy(s, c + 4, r->at, sizeof r->at);
}

static void row_cols(struct db_stmt *s, struct application_row *a)
{
	memset(a, 0, sizeof *a);
	a->id = db_col_int(s, 0);
	a->kind = wire_application_kind_parse(db_col_str(s, 1));
	a->unit_id = db_col_int(s, 2);
	st_col_copy(s, 3, a->uscc, sizeof a->uscc);
	st_col_copy(s, 4, a->unit_name, sizeof a->unit_name);
	a->year = (int)db_col_int(s, 5);
	a->status = wire_application_status_parse(db_col_str(s, 6));
	a->channel = wire_channel_parse(db_col_str(s, 7));
	st_col_copy(s, 8, a->staff, sizeof a->staff);
	st_col_copy(s, 9, a->placed, sizeof a->placed);
	a->has_reward = !db_col_null(s, 10);
	st_col_copy(s, 10, a->required, sizeof a->required);
	st_col_copy(s, 11, a->excess, sizeof a->excess);
	st_col_copy(s, 12, a->persons_rewarded, sizeof a->persons_rewarded);
	st_col_copy(s, 13, a->multiplier, sizeof a->multiplier);
	a->min_wage_fen = db_col_int(s, 14);
	a->amount_fen = db_col_int(s, 15);
	a->months_counted = db_col_int(s, 16);
	st_col_copy(s, 17, a->policy_version, sizeof a->policy_version);
	st_col_copy(s, 18, a->bank_payee, sizeof a->bank_payee);
	st_col_copy(s, 19, a->bank_account, sizeof a->bank_account);
	st_col_copy(s, 20, a->bank_name, sizeof a->bank_name);
	a->applied_by = db_col_int(s, 21);
	st_col_copy(s, 22, a->applied_by_name, sizeof a->applied_by_name);
	st_col_copy(s, 23, a->applied_at, sizeof a->applied_at);
	review_cols(s, 24, &a->first);
	review_cols(s, 29, &a->second);
	a->version = db_col_int(s, 34);
}

int store_application_get(struct store *st, int64_t id, struct application_row *a)
{
	/* in a write, locked: a review and an attachment added at once take
	 * turns, each seeing the status the other left */
	struct db_stmt *s = db_q(st->db, ST_LOCKING(st,
		"SELECT " APP_COLS " FROM applications a JOIN units u ON u.id = a.unit_id"
		" WHERE a.id = ?"), "i", id);
	if (!s)
		return STORE_ERROR;
	int rc = db_step(s);
	if (rc == DB_ROW)
		row_cols(s, a);
	db_done(s);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
}

int store_application_of_unit(struct store *st, enum application_kind kind, int64_t unit_id,
			      int year, int64_t *id)
{
	*id = 0;
	int rc = db_one_int(db_q(st->db,
		"SELECT id FROM applications WHERE kind = ? AND unit_id = ? AND year = ?", "sii",
		wire_application_kind_word(kind), unit_id, (int64_t)year), id);
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The months of every person of the application, then the persons: two
 * reads in (seq, month) order, merged. */
json_t *store_application_persons(struct store *st, int64_t id)
{
	json_t *persons = json_array();
	struct db_stmt *s = db_q(st->db,
		"SELECT seq, placement_id, name_masked, idno_masked, counted, reason, months_counted"
		" FROM application_persons WHERE application_id = ? ORDER BY seq", "i", id);
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		json_array_append_new(persons,
			json_pack("{s:I, s:s, s:s, s:b, s:o, s:I, s:[]}", "placement_id",
				  (json_int_t)db_col_int(s, 1), "name_masked", db_col_str(s, 2),
				  "idno_masked", db_col_str(s, 3), "counted", (int)db_col_int(s, 4),
				  "reason", str_or_null(db_col_text(s, 5)), "months_counted",
				  (json_int_t)db_col_int(s, 6), "months"));
	db_done(s);
	if (rc != DB_DONE) {
		json_decref(persons);
		return NULL;
	}
	s = db_q(st->db,
		"SELECT seq, month, counted, weight, reason FROM application_months"
		" WHERE application_id = ? ORDER BY seq, month", "i", id);
	rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		char ym[16];
		json_t *months = json_object_get(json_array_get(persons, (size_t)db_col_int(s, 0)),
						 "months");
		snprintf(ym, sizeof ym, "%06lld", (long long)db_col_int(s, 1));
		json_array_append_new(months,
			json_pack("{s:s, s:b, s:I, s:o}", "month", ym, "counted",
				  (int)db_col_int(s, 2), "weight", (json_int_t)db_col_int(s, 3),
				  "reason", str_or_null(db_col_text(s, 4))));
	}
	db_done(s);
	if (rc != DB_DONE) {
		json_decref(persons);
		return NULL;
	}
	return persons;
}

/* ------------------------------------------------------------------- list */

#define ITEM_COLS                                                                         \
	"a.id, a.kind, u.uscc, u.name, a.year, a.status, a.channel, a.staff, a.placed,"        \
	" a.excess, a.amount_fen, a.applied_at, a.version"
#define PAGE_FROM " FROM applications a JOIN units u ON u.id = a.unit_id WHERE a.kind = ? AND "
/* The year filter is the keyset's lower bound and an upper bound on year, so
 * that the scope's index (kind, region, [status,] year, id) is one range. */
#define PAGE_TAIL " AND (a.year, a.id) > (?, ?) AND a.year <= ? ORDER BY a.year, a.id LIMIT ?"

struct page_sql {
	const char *column;
	const char *any, *status;    /* without and with the status filter */
};

#define SCOPE(col)                                                                           \
	{ col, "SELECT " ITEM_COLS PAGE_FROM "a." col " = ?" PAGE_TAIL,                          \
	  "SELECT " ITEM_COLS PAGE_FROM "a." col " = ? AND a.status = ?" PAGE_TAIL }

static const struct page_sql scopes[] = {
	SCOPE("region_province"),
	SCOPE("region_city"),
	SCOPE("region_county"),
	SCOPE("unit_id"),
};

static void item(struct jw *w, struct db_stmt *s)
{
	char amount[24];
	money_format_fen(db_col_int(s, 10), amount, sizeof amount);
	jw_object(w);
	jw_kint(w, "id", db_col_int(s, 0));
	jw_kstr(w, "kind", db_col_str(s, 1));
	jw_kstr(w, "uscc", db_col_str(s, 2));
	jw_kstr(w, "unit_name", db_col_str(s, 3));
	jw_kint(w, "year", db_col_int(s, 4));
	jw_kstr(w, "status", db_col_str(s, 5));
	jw_kstr(w, "channel", db_col_str(s, 6));
	jw_kstr(w, "staff", db_col_str(s, 7));
	jw_kstr(w, "placed", db_col_str(s, 8));
	jw_kstr(w, "excess", db_col_text(s, 9));
	jw_kstr(w, "amount", amount);
	jw_kstr(w, "applied_at", db_col_str(s, 11));
	jw_kint(w, "version", db_col_int(s, 12));
	jw_end(w);
}

int store_application_page(struct store *st, const struct application_query *q, struct jw *items,
			   int *next_year, int64_t *next_id)
{
	const struct page_sql *sc = &scopes[3];
	for (size_t i = 0; i < 3 && q->unit_id <= 0; i++)
		if (q->region_column && strcmp(scopes[i].column, q->region_column) == 0)
			sc = &scopes[i];
	if (q->unit_id <= 0 && sc == &scopes[3])
		return STORE_ERROR; /* a scope is required */
	struct db_stmt *s = db_sql(st->db, q->status ? sc->status : sc->any);
	int i = 1, b = DB_OK;
	int from_year = q->year > q->after_year ? q->year : q->after_year;
	int64_t from_id = q->year > q->after_year ? 0 : q->after_id;
	*next_year = 0;
	*next_id = 0;
	if (!s)
		return STORE_ERROR;
	b |= db_bind_text(s, i++, wire_application_kind_word(q->kind));
	b |= q->unit_id > 0 ? db_bind_int(s, i++, q->unit_id) : db_bind_text(s, i++, q->region);
	if (q->status)
		b |= db_bind_text(s, i++, q->status);
	b |= db_bind_int(s, i++, from_year);
	b |= db_bind_int(s, i++, from_id);
	b |= db_bind_int(s, i++, q->year ? q->year : 9999);
	b |= db_bind_int(s, i++, (int64_t)q->limit + 1);
	if (b != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	int n = 0, rc, last_year = 0;
	int64_t last_id = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		if (n++ == q->limit) { /* a row beyond the page: the cursor is the page's last */
			*next_year = last_year;
			*next_id = last_id;
			break;
		}
		last_id = db_col_int(s, 0);
		last_year = (int)db_col_int(s, 4);
		item(items, s);
	}
	db_done(s);
	return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

/* ------------------------------------------------------------ attachments */

#define ATT_COLS "id, kind, filename, size, content_type, digest, uploaded_at"

static const char *jtext(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

static json_t *attachment_row(struct db_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(s, 0),
			 "kind", db_col_str(s, 1), "filename", db_col_str(s, 2), "size",
			 (json_int_t)db_col_int(s, 3), "content_type", db_col_str(s, 4), "digest",
			 db_col_str(s, 5), "uploaded_at", db_col_str(s, 6));
}

int store_application_attachment_add(struct store *st, int64_t application_id, json_t *m,
				     int64_t *id)
{
	int64_t unit_id, size = (int64_t)json_integer_value(json_object_get(m, "size"));
	int rc = db_one_int(db_q(st->db, "SELECT unit_id FROM applications WHERE id = ?", "i",
				 application_id), &unit_id);
	if (rc != DB_ROW)
		return rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	rc = db_one_int(db_q(st->db,
		"INSERT INTO application_attachments (application_id, kind, filename, size,"
		" content_type, digest, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"ississs", application_id, jtext(m, "kind"), jtext(m, "filename"),
		size, jtext(m, "content_type"), jtext(m, "digest"), jtext(m, "uploaded_at")), id);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	/* its blob gains a reference, the unit's stored bytes the size */
	if (st_blob_hold(st, jtext(m, "digest"), unit_id, size) != STORE_OK)
		return STORE_ERROR;
	json_object_set_new(m, "id", json_integer(*id));
	return STORE_OK;
}

json_t *store_application_attachments(struct store *st, int64_t application_id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " ATT_COLS " FROM application_attachments WHERE application_id = ?"
		" ORDER BY id", "i", application_id);
	json_t *a = json_array();
	int rc = s ? DB_ROW : DB_ERROR;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		json_array_append_new(a, attachment_row(s));
	db_done(s);
	if (rc != DB_DONE) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *store_application_attachment_get(struct store *st, int64_t application_id, int64_t id)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " ATT_COLS " FROM application_attachments WHERE application_id = ? AND id = ?",
		"ii", application_id, id);
	json_t *m = NULL;
	if (s && db_step(s) == DB_ROW)
		m = attachment_row(s);
	db_done(s);
	return m;
}

/* ------------------------------------------------------ other units' months */

int store_confirmed_elsewhere_dispatch(struct store *st, const char *idno, int year,
				       int64_t unit_id, int *yms, int *dispatch, int max, int *n)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT m.month, (SELECT COUNT(*) FROM contracts c WHERE c.placement_id = p.id"
		" AND c.dispatch = 1) FROM placements p"
		" JOIN placement_months m ON m.placement_id = p.id"
		" WHERE p.idno = ? AND p.year = ? AND p.unit_id <> ?"
		" AND m.result IN ('system', 'valid')",
		"sii", idno, (int64_t)year, unit_id);
	int rc = s ? DB_ROW : DB_ERROR;
	*n = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		if (*n < max) {
			yms[*n] = (int)db_col_int(s, 0);
			dispatch[(*n)++] = db_col_int(s, 1) > 0;
		}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}
