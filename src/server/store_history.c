/* store_history — a placement's history read back from the append-only
 * audit: its own rows, its materials' and its declaration's, newest first, a
 * keyset page at a time (the audit is indexed by entity and id). */
#include <stdio.h>

#include "server/store_int.h"

/* The audit's entity words of what belongs to a placement's history. */
#define HISTORY_WHERE                                                             \
	" ((a.entity IN ('placement', 'material') AND a.entity_id = ?)"           \
	" OR (a.entity = 'declaration' AND a.entity_id = ?)) AND a.id < ?"

int store_history_page(struct store *st, int64_t placement_id, const char *declaration_id,
		       int64_t before_id, int limit,
		       int (*fn)(void *arg, const struct history_row *r), void *arg,
		       int64_t *next_id)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)placement_id);
	struct db_stmt *s = db_q(st->db,
		"SELECT a.id, a.user_id, a.at, a.ip, a.entity, a.action, a.before_doc, a.after_doc,"
		" u.username, u.display_name, u.role FROM audit a LEFT JOIN users u ON u.id = a.user_id"
		" WHERE" HISTORY_WHERE " ORDER BY a.id DESC LIMIT ?",
		"ssii", id, declaration_id, before_id > 0 ? before_id : INT64_MAX,
		(int64_t)limit + 1);
	int rc = s ? DB_ROW : DB_ERROR, n = 0, bad = 0;
	int64_t last = 0;
	*next_id = 0;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (n++ == limit) {   /* a row beyond the page: there is a next one */
			*next_id = last;
			break;
		}
		struct history_row r = {
			.id = db_col_int(s, 0), .user_id = db_col_int(s, 1), .at = db_col_str(s, 2),
			.ip = db_col_text(s, 3), .entity = db_col_str(s, 4), .action = db_col_str(s, 5),
			.before = db_col_text(s, 6), .after = db_col_text(s, 7),
			.username = db_col_str(s, 8), .display_name = db_col_str(s, 9),
			.role = db_col_str(s, 10),
		};
		last = r.id;
		if (fn(arg, &r) != 0) {
			bad = 1;
			break;
		}
	}
	db_done(s);
	return !bad && (rc == DB_ROW || rc == DB_DONE) ? STORE_OK : STORE_ERROR;
}
