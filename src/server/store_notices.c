/* store_notices — notices (通知公告) to one unit, to the units of a region
 * subtree, or to everyone, and who has read which. A notice's region is kept
 * with its 盟市 and province, as units' are, so "the notices of a unit" is
 * an equality test on at most three codes and "those in a subtree" one on
 * three columns. Newest first, keyset by (created_at, id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/store_int.h"

int store_notice_add(struct store *st, const char *uscc, const char *title, const char *body,
		     const char *created_at, int64_t *id)
{
	int64_t got;
	int rc = db_one_int(db_q(st->db,
		"INSERT INTO notices (uscc, title, body, created_at) VALUES (?, ?, ?, ?) RETURNING id",
		"ssss", uscc, title, body, created_at), &got);
	if (rc != DB_ROW)
		return st_rc(rc == DB_DONE ? DB_ERROR : rc);
	if (id)
		*id = got;
	return STORE_OK;
}

int store_notice_publish(struct store *st, const char *region, const char *title,
			 const char *body, const char *created_at, int64_t author, int64_t *id)
{
	char city[7] = "", province[7] = "";
	if (region)
		st_region_levels(st, region, city, province);
	int rc = db_one_int(db_q(st->db,
		"INSERT INTO notices (uscc, title, body, created_at, region, region_city,"
		" region_province, author_id) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"ssssssi", title, body, created_at, region, region ? city : NULL,
		region ? province : NULL, author), id);
	return rc == DB_ROW ? STORE_OK : st_rc(rc == DB_DONE ? DB_ERROR : rc);
}

/* The audience's filter: the admin's flag, the unit, the unit's three
 * levels, the staff's subtree (three times); unused ones bind "" (no notice
 * has an empty code). Parameters 1–8. */
#define AUDIENCE                                                                          \
	"(? = 1 OR (n.uscc IS NULL AND n.region IS NULL) OR n.uscc = ?"                     \
	" OR (n.uscc IS NULL AND n.region IN (?, ?, ?))"                                    \
	" OR (n.uscc IS NULL AND (n.region = ? OR n.region_city = ? OR n.region_province = ?)))"

static int bind_audience(struct db_stmt *s, int first, const struct notice_audience *a)
{
	const char *staff = a->staff_region ? a->staff_region : "";
	int rc = db_bind_int(s, first, a->all ? 1 : 0);
	if (rc == DB_OK)
		rc = db_bind_text(s, first + 1, a->uscc ? a->uscc : "");
	for (int i = 0; i < 3 && rc == DB_OK; i++)
		rc = db_bind_text(s, first + 2 + i, a->levels[i] ? a->levels[i] : "");
	for (int i = 0; i < 3 && rc == DB_OK; i++)
		rc = db_bind_text(s, first + 5 + i, staff);
	return rc;
}

static json_t *notice_json(struct db_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o}", "id", (json_int_t)db_col_int(s, 0),
			 "title", db_col_str(s, 1), "body", db_col_str(s, 2), "created_at",
			 db_col_str(s, 3), "read", db_col_int(s, 4) > 0, "region",
			 st_col_json_str(s, 5), "author", st_col_json_str(s, 6));
}

int store_notice_page(struct store *st, const struct notice_audience *a, const char *before_at,
		      int64_t before_id, int limit, json_t *items, char next_at[20],
		      int64_t *next_id)
{
	struct db_stmt *s = db_sql(st->db,
		"SELECT n.id, n.title, n.body, n.created_at,"
		" (SELECT COUNT(*) FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = ?),"
		" n.region, u.display_name FROM notices n LEFT JOIN users u ON u.id = n.author_id"
		" WHERE " AUDIENCE " AND (n.created_at, n.id) < (?, ?)"
		" ORDER BY n.created_at DESC, n.id DESC LIMIT ?");
	int n = 0, rc = s ? DB_OK : DB_ERROR;
	if (rc == DB_OK)
		rc = db_bind_int(s, 1, a->user_id);
	if (rc == DB_OK)
		rc = bind_audience(s, 2, a);
	if (rc == DB_OK)
		rc = db_bind_text(s, 10, before_at && *before_at ? before_at : "9999-12-31 23:59:59");
	if (rc == DB_OK)
		rc = db_bind_int(s, 11, before_id > 0 ? before_id : INT64_MAX);
	if (rc == DB_OK)
		rc = db_bind_int(s, 12, (int64_t)limit + 1);
	*next_id = 0;
	next_at[0] = '\0';
	if (rc == DB_OK)
		rc = DB_ROW;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (n == limit) {
			rc = DB_DONE;
			break;
		}
		json_array_append_new(items, notice_json(s));
		*next_id = db_col_int(s, 0);
		st_col_copy(s, 3, next_at, 20);
		n++;
	}
	if (rc == DB_DONE && n < limit) {
		*next_id = 0;
		next_at[0] = '\0';
	}
	db_done(s);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

json_t *store_notice_list(struct store *st, const struct notice_audience *a)
{
	json_t *items = json_array();
	char at[20];
	int64_t next;
	if (store_notice_page(st, a, NULL, 0, 1000, items, at, &next) != STORE_OK) {
		json_decref(items);
		return NULL;
	}
	return items;
}

int store_notice_unread(struct store *st, const struct notice_audience *a, int64_t *n)
{
	struct db_stmt *s = db_sql(st->db,
		"SELECT COUNT(*) FROM notices n WHERE " AUDIENCE " AND NOT EXISTS"
		" (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = ?)");
	int rc = s ? bind_audience(s, 1, a) : DB_ERROR;
	if (rc == DB_OK)
		rc = db_bind_int(s, 9, a->user_id);
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	return db_one_int(s, n) == DB_ROW ? STORE_OK : STORE_ERROR;
}

int store_notice_read(struct store *st, const struct notice_audience *a, int64_t id, int *again)
{
	struct db_stmt *s = db_sql(st->db,
		"SELECT (SELECT COUNT(*) FROM notice_reads r WHERE r.notice_id = n.id"
		" AND r.user_id = ?) FROM notices n WHERE n.id = ? AND " AUDIENCE);
	int64_t seen = 0;
	int rc = s ? db_bind_int(s, 1, a->user_id) : DB_ERROR;
	if (rc == DB_OK)
		rc = db_bind_int(s, 2, id);
	if (rc == DB_OK)
		rc = bind_audience(s, 3, a);
	if (rc != DB_OK) {
		db_done(s);
		return STORE_ERROR;
	}
	rc = db_one_int(s, &seen);
	if (rc != DB_ROW)
		return rc == DB_DONE ? STORE_NOTFOUND : STORE_ERROR;
	*again = seen > 0;
	return st_rc(db_run(db_q(st->db,
		"INSERT INTO notice_reads (notice_id, user_id) VALUES (?, ?)"
		" ON CONFLICT (notice_id, user_id) DO NOTHING",
		"ii", id, a->user_id)));
}
