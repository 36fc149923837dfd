/* store_months — placement_months rows: one per registered month, with the
 * seven checks as a bitmask (bit k = check k of core/checks.h failed) and a
 * reason code per failed check, the imports the registry checks used, the
 * certificate shown beside them, the result and the reviewer's decision. */
#include <stdio.h>
#include <string.h>

#include "core/policy.h"
#include "server/store_int.h"

_Static_assert(CHECK__COUNT == 7, "placement_months has one reason column per check");
_Static_assert(SOURCE__COUNT == 3, "placement_months has one import column per source");

enum { C_MONTH, C_RESULT, C_FAILED, C_NEEDS, C_REASON, C_SOURCE = C_REASON + CHECK__COUNT,
       C_CERT_TYPE = C_SOURCE + SOURCE__COUNT, C_CERT_LEVEL, C_WEIGHT, C_REVIEWER_ID,
       C_REVIEWER, C_REVIEWED_AT, C_REVIEW_REASON };

/* Column k of a month row read from column c on. */
#define MC(k) (c + (k))

void st_month_row(struct db_stmt *s, int c, struct placement *p)
{
	enum cert_type ct;
	if (p->n_months >= 12)
		return;
	struct placement_month *m = &p->months[p->n_months++];
	memset(m, 0, sizeof *m);
	m->ym = (int)db_col_int(s, MC(C_MONTH));
	m->result = wire_month_decision_parse(db_col_text(s, MC(C_RESULT)));
	m->failed = (unsigned)db_col_int(s, MC(C_FAILED));
	m->needs = (unsigned)db_col_int(s, MC(C_NEEDS));
	for (int k = 0; k < CHECK__COUNT; k++) {
		enum check_reason why = REASON_NONE;
		const char *t = db_col_text(s, MC(C_REASON + k));
		if (t && !checks_reason_parse(t, &why))
			why = REASON_NONE;
		m->reason[k] = (unsigned char)why;
	}
	for (int i = 0; i < SOURCE__COUNT; i++)
		m->source[i] = db_col_int(s, MC(C_SOURCE + i));
	m->cert_type = policy_cert_type_parse(db_col_str(s, MC(C_CERT_TYPE)), &ct) ? (int)ct : -1;
	m->cert_level = (int)db_col_int(s, MC(C_CERT_LEVEL));
	m->weight = (int)db_col_int(s, MC(C_WEIGHT));
	st_review_read(s, MC(C_REVIEWER_ID), &m->review);
}

int st_months_label(struct store *st, struct placement *p, struct st_labels *labels)
{
	int n = labels->n;
	struct st_label *seen = labels->seen;
	for (int i = 0; i < p->n_months; i++)
		for (int k = 0; k < SOURCE__COUNT; k++) {
			struct placement_month *m = &p->months[i];
			int j = 0;
			if (!m->source[k])
				continue;
			while (j < n && seen[j].id != m->source[k])
				j++;
			if (j == n) { /* not seen yet: look it up (the last slot is reused when full) */
				j = n < 8 ? n++ : 7;
				int rc = store_import_label(st, m->source[k], seen[j].label,
							    sizeof seen[j].label);
				if (rc == STORE_ERROR)
					return rc;
				if (rc == STORE_NOTFOUND)
					seen[j].label[0] = '\0';
				seen[j].id = m->source[k];
			}
			memcpy(m->source_label[k], seen[j].label, sizeof seen[j].label);
			labels->n = n;
		}
	return STORE_OK;
}

int st_months_load(struct store *st, struct placement *p, struct st_labels *labels)
{
	struct db_stmt *s = db_q(st->db,
		"SELECT " ST_MONTH_COLS " FROM placement_months m WHERE m.placement_id = ?"
		" ORDER BY m.month",
		"i", p->id);
	int rc = s ? DB_ROW : DB_ERROR;
	p->n_months = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW)
		st_month_row(s, 0, p);
	db_done(s);
	return rc == DB_DONE ? st_months_label(st, p, labels) : STORE_ERROR;
}

/* Dirty months go four to a statement (one step each, not four). */
#define MONTH_INSERT                                                                         \
	"INSERT INTO placement_months (placement_id, month, result, failed, needs, r_wage,"      \
	" r_social, r_medical, r_certificate, r_age, r_contract, r_exclusive, src_wage,"        \
	" src_social, src_medical, cert_type, cert_level, weight, reviewer_id, reviewer_name,"  \
	" reviewed_at, review_reason) VALUES "
#define MONTH_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define MONTH_UPSERT                                                                         \
	" ON CONFLICT (placement_id, month) DO UPDATE SET result = excluded.result,"            \
	" failed = excluded.failed, needs = excluded.needs, r_wage = excluded.r_wage,"          \
	" r_social = excluded.r_social, r_medical = excluded.r_medical,"                       \
	" r_certificate = excluded.r_certificate, r_age = excluded.r_age,"                     \
	" r_contract = excluded.r_contract, r_exclusive = excluded.r_exclusive,"               \
	" src_wage = excluded.src_wage, src_social = excluded.src_social,"                     \
	" src_medical = excluded.src_medical, cert_type = excluded.cert_type,"                 \
	" cert_level = excluded.cert_level, weight = excluded.weight,"                         \
	" reviewer_id = excluded.reviewer_id, reviewer_name = excluded.reviewer_name,"         \
	" reviewed_at = excluded.reviewed_at, review_reason = excluded.review_reason"
#define MONTH_COLS_N 22
static const char upsert_1[] = MONTH_INSERT MONTH_ROW MONTH_UPSERT;
static const char upsert_4[] =
	MONTH_INSERT MONTH_ROW ", " MONTH_ROW ", " MONTH_ROW ", " MONTH_ROW MONTH_UPSERT;

static const char *opt_text(const char *t)
{
	return t && *t ? t : NULL;
}

void st_review_read(struct db_stmt *s, int c, struct review_mark *r)
{
	r->reviewer_id = db_col_int(s, c);
	st_col_copy(s, c + 1, r->reviewer, sizeof r->reviewer);
	st_col_copy(s, c + 2, r->reviewed_at, sizeof r->reviewed_at);
	st_col_copy(s, c + 3, r->reason, sizeof r->reason);
}

int st_review_bind(struct db_stmt *s, int c, const struct review_mark *r)
{
	int bad = r->reviewer_id > 0 ? db_bind_int(s, c, r->reviewer_id) : db_bind_null(s, c);
	bad |= db_bind_text(s, c + 1, opt_text(r->reviewer));
	bad |= db_bind_text(s, c + 2, opt_text(r->reviewed_at));
	bad |= db_bind_text(s, c + 3, opt_text(r->reason));
	return bad ? DB_ERROR : DB_OK;
}

/* Binds one month's 22 values from parameter c on. */
static int bind_month(struct db_stmt *s, int c, int64_t placement_id,
		      const struct placement_month *m)
{
	int bad = db_bind_int(s, c++, placement_id);
	bad |= db_bind_int(s, c++, m->ym);
	bad |= db_bind_text(s, c++, opt_text(wire_month_decision_word(m->result)));
	bad |= db_bind_int(s, c++, m->failed);
	bad |= db_bind_int(s, c++, m->needs);
	for (int k = 0; k < CHECK__COUNT; k++)
		bad |= db_bind_text(s, c++, (m->failed & (1u << k))
				    ? checks_reason_name((enum check_reason)m->reason[k]) : NULL);
	for (int i = 0; i < SOURCE__COUNT; i++)
		bad |= m->source[i] > 0 ? db_bind_int(s, c++, m->source[i]) : db_bind_null(s, c++);
	bad |= db_bind_text(s, c++, m->cert_type >= 0
			    ? policy_cert_type_name((enum cert_type)m->cert_type) : NULL);
	bad |= m->cert_type >= 0 ? db_bind_int(s, c++, m->cert_level) : db_bind_null(s, c++);
	bad |= db_bind_int(s, c++, m->weight > 0 ? m->weight : 1);
	bad |= st_review_bind(s, c, &m->review);
	return bad ? DB_ERROR : DB_OK; /* every bind returns DB_OK (0) or DB_ERROR */
}

int st_months_write(struct store *st, struct placement *p, int replace)
{
	const struct placement_month *dirty[12];
	int n = 0;
	if (replace && db_run(db_q(st->db, "DELETE FROM placement_months WHERE placement_id = ?", "i",
				   p->id)) != DB_OK)
		return STORE_ERROR;
	for (int i = 0; i < p->n_months; i++)
		if (replace || p->months[i].dirty)
			dirty[n++] = &p->months[i];
	for (int i = 0; i < n;) {
		int rows = n - i >= 4 ? 4 : 1;
		struct db_stmt *s = db_sql(st->db, rows == 4 ? upsert_4 : upsert_1);
		int rc = s ? DB_OK : DB_ERROR;
		for (int r = 0; r < rows && rc == DB_OK; r++, i++)
			rc = bind_month(s, 1 + r * MONTH_COLS_N, p->id, dirty[i]);
		if (rc != DB_OK) {
			db_done(s);
			return STORE_ERROR;
		}
		if (db_send(s) != DB_OK)
			return STORE_ERROR;
	}
	for (int i = 0; i < p->n_months; i++)
		p->months[i].dirty = 0;
	return STORE_OK;
}
