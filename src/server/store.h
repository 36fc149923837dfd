/* store — everything anzhid keeps, behind one interface. Handlers call only
 * this; store_sqlite.c implements it (a PostgreSQL store can follow: the SQL
 * stays portable and records travel as jansson documents).
 *
 * Every function returns STORE_OK, STORE_NOTFOUND, STORE_CONFLICT (a unique
 * key already taken) or STORE_ERROR; the last message is store_errmsg(). */
#ifndef ANZHI_SERVER_STORE_H
#define ANZHI_SERVER_STORE_H

#include <jansson.h>
#include <stdint.h>

enum store_status { STORE_OK = 0, STORE_NOTFOUND = 1, STORE_CONFLICT = 2, STORE_ERROR = -1 };

struct store;
struct srv_user;

int store_open(struct store **out, const char *data_dir, char *err, size_t errlen);
void store_close(struct store *st);
/* Applies the numbered migrations not yet applied (PRAGMA user_version). */
int store_migrate(struct store *st);
const char *store_errmsg(struct store *st);

/* One write transaction (taken at once, so concurrent writers queue). */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* users */
int store_user_by_name(struct store *st, const char *username, struct srv_user *u,
		       char *pwhash, size_t pwlen);
int store_user_by_id(struct store *st, int64_t id, struct srv_user *u);
int store_user_add(struct store *st, const struct srv_user *u, const char *pwhash);
int store_user_set_password(struct store *st, const char *username, const char *pwhash);
json_t *store_user_list(struct store *st);

/* sessions: token_hash is hex BLAKE2b of the token */
int store_session_add(struct store *st, const char *token_hash, int64_t user_id,
		      int64_t expires_at);
/* Finds a live session and slides its expiry to now + idle. */
int store_session_touch(struct store *st, const char *token_hash, int64_t now, int64_t idle,
			int64_t *user_id);
int store_session_delete(struct store *st, const char *token_hash);

/* units: documents shaped like the API's UNIT, with "version" */
json_t *store_unit_get(struct store *st, const char *uscc);
int store_unit_insert(struct store *st, json_t *unit);
int store_unit_update(struct store *st, json_t *unit); /* bumps version */
json_t *store_unit_list(struct store *st);

/* declarations (one per unit and year): {"status","submitted_at","reviewed_at","review_reason","version"} */
json_t *store_year_get(struct store *st, const char *uscc, int year);
int store_year_put(struct store *st, const char *uscc, int year, json_t *decl);

/* placements: documents {"id","uscc","year","person","contracts","certificates",
 * "months":[registered month records],"status","confirmed_by","submitted_at",
 * "confirmed_at","version"} */
json_t *store_placement_get(struct store *st, int64_t id);
int store_placement_insert(struct store *st, json_t *p, int64_t *id);
int store_placement_update(struct store *st, json_t *p); /* bumps version */
int store_placement_delete(struct store *st, int64_t id);
json_t *store_placement_list(struct store *st, const char *uscc, int year);
/* Placements of one person in one year at any unit (for the exclusive check). */
json_t *store_placement_by_idno(struct store *st, const char *idno, int year);

/* materials: {"id","placement_id","kind","filename","size","content_type","digest","uploaded_at"} */
int store_material_add(struct store *st, json_t *m, int64_t *id);
json_t *store_material_list(struct store *st, int64_t placement_id);
json_t *store_material_get(struct store *st, int64_t placement_id, int64_t id);
int store_material_delete(struct store *st, int64_t placement_id, int64_t id);

/* registry (外部核验数据) */
int store_import_add(struct store *st, const char *source, const char *as_of,
		     const char *digest, int64_t rows, int64_t *id);
int store_import_rows(struct store *st, int64_t id, int64_t rows);
/* "wages 2025-12-31"-style label of an import */
int store_import_label(struct store *st, int64_t id, char *label, size_t len);
int store_registry_person_put(struct store *st, json_t *person, int64_t import_id);
json_t *store_registry_person_get(struct store *st, const char *idno);
/* source: "wages" | "social" | "medical"; amount in fen (0 for insurance).
 * Rows of earlier imports for the same source, person and month are replaced:
 * the newer import is the authority for that month. */
int store_registry_payment_add(struct store *st, const char *source, const char *idno,
			       const char *month, const char *uscc, int64_t amount_fen,
			       int64_t import_id);
/* [{"month","uscc","amount_fen","import_id"}] for one person, months in [from,to] */
json_t *store_registry_payments(struct store *st, const char *source, const char *idno,
				const char *from_month, const char *to_month);

/* notices: for a unit (uscc) or everyone (uscc NULL) */
int store_notice_add(struct store *st, const char *uscc, const char *title, const char *body,
		     const char *created_at, int64_t *id);
json_t *store_notice_list(struct store *st, int64_t user_id, const char *uscc);
int store_notice_read(struct store *st, int64_t user_id, const char *uscc, int64_t id);

/* idempotency: the first answer to (user, key) */
int store_idem_get(struct store *st, int64_t user_id, const char *key, int *status,
		   char **body);
int store_idem_put(struct store *st, int64_t user_id, const char *key, int status,
		   const char *body, int64_t now);

/* audit: append-only */
int store_audit(struct store *st, int64_t user_id, const char *ip, const char *entity,
		const char *entity_id, const char *action, json_t *before, json_t *after);

#endif
