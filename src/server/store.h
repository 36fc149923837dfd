/* store — everything anzhid keeps, behind one interface. Handlers call only
 * this; the store_*.c files implement it once, in the portable SQL of db.h,
 * over a db.h connection (SQLite now, PostgreSQL next). Records are rows: a
 * placement is a placements row, its person, contracts, certificates and one
 * placement_months row per registered month; list counts and year totals are
 * kept up to date in the same transaction as every change. Read paths build
 * the API's JSON from columns.
 *
 * Every function returns STORE_OK, STORE_NOTFOUND, STORE_CONFLICT (a unique
 * key already taken) or STORE_ERROR; the last message is store_errmsg(). */
#ifndef ANZHI_SERVER_STORE_H
#define ANZHI_SERVER_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "wire/enums.h"

#include "core/regions.h"
#include "server/records.h"

enum store_status { STORE_OK = 0, STORE_NOTFOUND = 1, STORE_CONFLICT = 2, STORE_ERROR = -1 };

struct store;
struct srv_user;
struct jw;

/* Opens the store at target: a SQLite file (DATA/anzhid.db by default) or a
 * postgresql:// URI (db.h). Refuses a store whose schema is newer than this
 * binary knows. regions (kept, not copied) places units in their 盟市. */
int store_open(struct store **out, const char *target, const struct region_table *regions,
	       char *err, size_t errlen);
void store_close(struct store *st);
const char *store_errmsg(struct store *st);
/* What messages call the store: its file, or its URI without a password. */
const char *store_name(struct store *st);
/* The last error was a deadlock or serialisation failure between
 * concurrent writers (PostgreSQL): roll back and run the transaction again. */
int store_retryable(struct store *st);
/* The schema version the store has and the newest this binary knows. */
int store_schema(struct store *st, int *have, int *latest);
/* Applies the numbered migrations not yet applied, each in a transaction. */
int store_migrate(struct store *st);
/* Copies the live store to path (online backup, safe while serving). */
int store_backup(struct store *st, const char *path, char *err, size_t errlen);

/* While on, rows that loaders write (placements' details and months,
 * registry rows, payments) may be sent without waiting for each (PostgreSQL
 * pipelines them); an error among them comes with a later call or the
 * commit. For a transaction that is all or nothing: imports, seeds. */
void store_defer(struct store *st, int on);
/* After a load of many rows (a seed, a large import), outside a transaction:
 * the database's planner statistics brought up to date (db_analyze). */
int store_analyze(struct store *st);

/* One write transaction (taken at once, so concurrent writers queue). */
int store_begin(struct store *st);
/* True inside one (a function called from a write handler or outside). */
int store_in_txn(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* ------------------------------------------------------------------ users */
int store_user_by_name(struct store *st, const char *username, struct srv_user *u,
		       char *pwhash, size_t pwlen);
int store_user_by_id(struct store *st, int64_t id, struct srv_user *u);
int store_user_add(struct store *st, const struct srv_user *u, const char *pwhash);
int store_user_set_password(struct store *st, const char *username, const char *pwhash);
json_t *store_user_list(struct store *st);

/* Accounts as the administrator and a unit's legal person see them
 * (store_accounts.c): ACCOUNT {"id","username","display_name","role","unit",
 * "region","disabled","totp","created_at","version"}. */
json_t *store_account_get(struct store *st, int64_t id);
struct account_query {
	const char *role;            /* NULL: any */
	const char *unit;            /* a USCC, NULL: any */
	const char *q;               /* part of the username or display name, NULL: any */
	int64_t after_id;            /* keyset: ids after this one */
	int limit;
};
/* Appends ACCOUNTs to items; next_id 0 on the last page. */
int store_account_page(struct store *st, const struct account_query *q, json_t *items,
		       int64_t *next_id);
int store_user_create(struct store *st, const struct srv_user *u, const char *pwhash,
		      int64_t created_by, int64_t *id);
/* display_name, role, unit, region, disabled of u->id when its version is
 * still u->version (else NOTFOUND); version + 1. */
int store_user_update(struct store *st, const struct srv_user *u);
int store_user_pwhash(struct store *st, int64_t id, char *pwhash, size_t len);
/* A new password hash; version + 1 (sessions are the caller's business). */
int store_user_set_hash(struct store *st, int64_t id, const char *pwhash);
/* Ends every session of the user but the one whose token hashes to
 * keep_token_hash (NULL: all of them). */
int store_sessions_end_others(struct store *st, int64_t user_id, const char *keep_token_hash);

/* The second factor: the state, the secret sealed by totp.c and the last
 * time step a code was accepted for (a code is good once). */
enum { STORE_TOTP_NONE = 0, STORE_TOTP_PENDING = 1, STORE_TOTP_ON = 2 };
struct totp_row {
	int state;
	unsigned char sealed[128];
	size_t sealed_len;
	int64_t last_step;
};
int store_totp_get(struct store *st, int64_t user_id, struct totp_row *t);
/* Sets state and secret (NULL: none, and the recovery codes go too). */
int store_totp_set(struct store *st, int64_t user_id, int state, const unsigned char *sealed,
		   size_t len);
/* pending → on, the confirming code's step used; NOTFOUND unless pending. */
int store_totp_confirm(struct store *st, int64_t user_id, int64_t step);
/* Records step as used; CONFLICT when it (or a later one) already was. */
int store_totp_step_use(struct store *st, int64_t user_id, int64_t step);
/* Replaces the user's recovery codes (their keyed hashes, hex). */
int store_recovery_codes_set(struct store *st, int64_t user_id, char hashes[][65], int n);
/* Uses one: NOTFOUND when unknown or already used. */
int store_recovery_code_use(struct store *st, int64_t user_id, const char *hash, int64_t now);
int store_recovery_codes_left(struct store *st, int64_t user_id, int64_t *n);

/* Service settings: name → text value, with a version (0 = never set:
 * insert; else the version expected, NOTFOUND when stale). */
int store_setting_get(struct store *st, const char *name, char *value, size_t len,
		      int64_t *version);
int store_setting_put(struct store *st, const char *name, const char *value, int64_t version);

/* sessions (store_sessions.c): token_hash is hex BLAKE2b of the token. A
 * session ends `lifetime` s after it began however busy it is, or `idle` s
 * after its last use; a user has at most `cap`: a login beyond ends the
 * oldest. */
struct session_new {
	const char *token_hash;
	int64_t user_id;
	int64_t now, idle, lifetime;
	const char *ip, *user_agent;
	int cap;
};
int store_session_add(struct store *st, const struct session_new *n);
/* Finds a live session; slides its idle expiry (never past its end). */
int store_session_touch(struct store *st, const char *token_hash, int64_t now, int64_t idle,
			int64_t *user_id, int64_t *session_id);
int store_session_delete(struct store *st, const char *token_hash);
/* The user's live sessions, oldest first: [{"id","created_at","last_seen",
 * "ip","user_agent","current"}] (current: the one of id current_id). */
json_t *store_session_list(struct store *st, int64_t user_id, int64_t now, int64_t current_id);
/* Ends the user's session id; NOTFOUND when the user has no such session. */
int store_session_end(struct store *st, int64_t user_id, int64_t id);

/* login failures (store_sessions.c): one row per failed login (username as
 * sent, address), kept for the limiter's window. _add forgets every row
 * before forget_before first. _failures counts the failures of (username,
 * address) — of the address alone when username is NULL — after `since`, up
 * to limit, and gives the time of the limit-th latest (or of the oldest,
 * when fewer). */
int store_login_failure_add(struct store *st, const char *username, const char *address,
			    int64_t at, int64_t forget_before, int64_t *id);
int store_login_failures(struct store *st, const char *username, const char *address,
			 int64_t since, int limit, int *count, int64_t *nth_latest);
/* Forgets one row (a login that never got to its hash), or a pair's rows
 * (it logged in). */
int store_login_failure_forget(struct store *st, int64_t id);
/* In a transaction: the address's failures are this transaction's to count
 * and add to until it ends (concurrent logins from it wait: on PostgreSQL
 * they would not see each other's uncommitted failures). */
int store_login_failures_lock(struct store *st, const char *address);
int store_login_failures_clear(struct store *st, const char *username, const char *address);

/* idempotency: the first answer to (user, key) within STORE_IDEM_SECONDS,
 * with the request it answered (method, path, digest of the body). */
#define STORE_IDEM_SECONDS (24 * 3600)
struct idem_answer {
	char method[8];
	char path[512];
	char digest[65];
	int status;
	char *body;                  /* _get: malloc'd, the caller frees */
};
/* Claim, in the write's transaction: STORE_NOTFOUND when the key is new and
 * now held by this transaction, bound to req's method, path and digest (a
 * concurrent request with the key waits for it to end); STORE_OK with the
 * first request and its answer in *first (body malloc'd) when it was used
 * before. _put records the claimed key's answer (or a key never claimed). */
int store_idem_claim(struct store *st, int64_t user_id, const char *key,
		     const struct idem_answer *req, int64_t now, struct idem_answer *first);
int store_idem_get(struct store *st, int64_t user_id, const char *key, struct idem_answer *a);
int store_idem_put(struct store *st, int64_t user_id, const char *key,
		   const struct idem_answer *a, int64_t now);
/* Lets go of a claim this transaction holds, before a deferred step
 * commits: the key stays free until a step that answers claims it again. */
int store_idem_release(struct store *st, int64_t user_id, const char *key);

/* ------------------------------------------------------------------ units */

/* What access checks and lists need of a unit, without the whole UNIT. */
struct unit_ref {
	int64_t id;
	char uscc[19];
	char name[304];
	char federation_region[7];   /* 残联主管部门 */
	char region_city[7];         /* its 盟市 (level 2), or itself above that */
	char region_province[7];
	int wage_area_class;         /* 1..3, 0 when not set */
	int64_t version;
};
/* A unit's figures the declaration needs (单位信息维护). */
struct unit_figures {
	char kind[24];               /* UNIT.kind */
	char tax_region[7];
	int64_t staff_last_year;     /* 上年度职工数 (在职职工人数) */
	int has_wages;
	int64_t wages_last_year_fen; /* 上年度在职职工工资总额 */
};
int store_unit_figures(struct store *st, int64_t unit_id, struct unit_figures *f);

int store_unit_ref(struct store *st, const char *uscc, struct unit_ref *u);
int store_unit_ref_by_id(struct store *st, int64_t id, struct unit_ref *u);
/* The API's UNIT (with version) or NULL. */
json_t *store_unit_get(struct store *st, const char *uscc);
/* UNIT as wire_unit_validate gives it (plus "version" on update). */
int store_unit_insert(struct store *st, json_t *unit, int64_t *id);
int store_unit_update(struct store *st, json_t *unit); /* bumps version; stale → NOTFOUND */
int store_unit_any(struct store *st, int *any);
/* GET /units (the window's search): units of one region level's subtree,
 * keyset by id. uscc: that unit only (exact); else name_like, a LIKE …
 * ESCAPE '!' pattern on the name or the USCC, or NULL for all. Writes
 * UNIT_ITEMs into the array open in items; *next_id: the cursor (0: none). */
struct unit_query {
	const char *region_column;   /* its level: "region_province" | "region_city" | "region_county" */
	const char *region;
	const char *uscc;
	const char *name_like, *uscc_like;
	int64_t after_id;
	int limit;
};
int store_unit_page(struct store *st, const struct unit_query *q, struct jw *items,
		    int64_t *next_id);

/* ----------------------------------------------------------- declarations */
/* store_decl.c. The declaration moves only through its state table
 * (decl_fsm.c); the store keeps its row and the overview's counters. */

struct year_row {
	enum declaration_status status;   /* open | submitted | passed | … */
	char submitted_at[20], reviewed_at[20], sent_to_tax_at[20];
	char status_at[20];          /* when it entered its status ("" for a new one) */
	char review_reason[REVIEW_REASON_MAX + 1];
	int64_t reviewer_id;         /* who passed or failed it, 0 none */
	char reviewer[64];
	int64_t feedback_id;         /* the feedback awaiting review, 0 none */
	int64_t cancellation_id;     /* the cancellation request awaiting review, 0 none */
	int64_t months_confirmed, months_counted;
	int64_t version;             /* 0 before the first status change */
};

/* The unit's declaration for the year; an open one with zero totals when
 * there is none yet (STORE_OK either way). */
int store_year_get(struct store *st, int64_t unit_id, int year, struct year_row *y);
/* Writes y's status, times, reviewer, reason and pending requests (not the
 * totals) if the stored version is still y->version (else NOTFOUND), then
 * version+1; the overview's counters move from the stored status to y's. */
int store_year_put(struct store *st, int64_t unit_id, int year, const struct year_row *y);
/* Moves the declaration to status (times and reason may be NULL) through
 * store_year_put: what the demo's seeder uses. */
int store_year_set_status(struct store *st, int64_t unit_id, int year,
			  enum declaration_status status, const char *submitted_at,
			  const char *reviewed_at, const char *reason);

/* GET /review/declarations: one status's declarations of a region subtree
 * (or everywhere: region_column NULL), oldest status_at first. */
struct decl_query {
	int year;
	const char *region_column;   /* "region_province" | "region_city" | "region_county" | NULL */
	const char *region;
	enum declaration_status status;
	const char *after_at;        /* keyset: status_at and unit id of the last row */
	int64_t after_id;
	int limit;
};
struct decl_item {
	int64_t unit_id;
	const char *uscc, *unit_name, *federation_region;
	const struct year_row *y;
};
/* fn for each row of the page; next_at/next_id: the cursor (next_id 0: the
 * last page). */
int store_decl_page(struct store *st, const struct decl_query *q,
		    int (*fn)(void *arg, const struct decl_item *it), void *arg, char next_at[20],
		    int64_t *next_id);

/* --------------------------------------------------------------- overview */
/* store_overview.c: counters per region (its whole subtree) and year, moved
 * in the transaction of every change — never a scan of the year. */
struct overview_counts {
	int64_t units;                         /* registered units (any year) */
	int64_t status[DECLARATION_STATUS__COUNT]; /* declarations; [OPEN] = units − the rest */
	int64_t persons;                       /* placements on the units' lists */
	int64_t months_confirmed, months_counted;
	int64_t levy_fen, tax_records;         /* current tax records */
	int64_t requests[2][REQUEST_STATUS__COUNT]; /* [0] feedback, [1] cancellations */
};
int store_overview(struct store *st, const char *region, int year, struct overview_counts *o);

struct status_counts {
	int64_t n[SK__COUNT];
};
int store_unit_counts(struct store *st, int64_t unit_id, int year, struct status_counts *c);
int store_region_counts(struct store *st, const char *region, int year, struct status_counts *c);

/* ------------------------------------------------------------- placements */

/* Loads the whole placement (person, contracts, certificates, months with the
 * labels of the imports their checks used). NOTFOUND when there is none. */
int store_placement_load(struct store *st, int64_t id, struct placement *p);
/* Inserts p (p->id and p->version = 1 set); CONFLICT when the person is
 * already on the unit's list for the year. */
int store_placement_insert(struct store *st, struct placement *p, const struct unit_ref *u);
/* Writes p back if its stored version is still p->version (else NOTFOUND),
 * then version+1: the row, the months marked dirty (all when the set
 * changed), the details when details_dirty; counts and year totals move by
 * the difference. */
int store_placement_save(struct store *st, struct placement *p);
int store_placement_delete(struct store *st, int64_t id);
/* 1 in *found when the person is on the unit's list for the year. */
int store_placement_on_list(struct store *st, int64_t unit_id, int year, const char *idno,
			    int *found);
/* Up to max ids of the unit's year after after_id, in id order; *n = how many. */
int store_placement_ids(struct store *st, int64_t unit_id, int year, int64_t after_id,
			int64_t *ids, int max, int *n);
/* Months (YYYYMM) of year that another unit has confirmed for this person. */
int store_confirmed_elsewhere(struct store *st, const char *idno, int year, int64_t unit_id,
			      int *yms, int max, int *n);

/* ------------------------------------------------------- lists and queue */

/* GET …/placements: the unit's list, keyset-paged by id. */
struct list_query {
	int64_t unit_id;
	int year;
	const char *q;               /* part of the name, or an ID number prefix */
	enum placement_status status; /* the filter, PLACEMENT_STATUS_UNKNOWN for none */
	int64_t after_id;            /* from the cursor, 0 = first page */
	int limit;
};
/* Writes ITEMs into the array open in items; next_id = the cursor for the
 * next page (0: none); total = items matching the filters. */
int store_list_page(struct store *st, const struct list_query *q, struct jw *items,
		    int64_t *next_id, int64_t *total);

/* GET /review/placements: placements awaiting review across units, in order
 * of registration time (submitted_at, id). Scope: exactly one of the region
 * columns (province, city, county) or none (everything), optionally one
 * unit (unit_id) or units whose name holds unit_name. */
struct queue_query {
	int year;
	const char *region_column;   /* "region_province" | "region_city" | "region_county" | NULL */
	const char *region;
	int64_t unit_id;             /* 0: any */
	const char *unit_name;       /* part of a unit name, or NULL */
	enum placement_status status; /* PENDING, PENDING_CONTRACT, or UNKNOWN for both */
	const char *from, *to;       /* submitted_at bounds "YYYY-MM-DD…", or NULL */
	const char *after_at;        /* keyset: submitted_at and id of the last row */
	int64_t after_id;
	int limit;
};
/* Writes queue ITEMs into the array open in items; next_at and next_id: the
 * cursor (next_id 0: last page); counts per status over the query without its
 * status filter; total = items matching every filter. */
int store_queue_page(struct store *st, const struct queue_query *q, struct jw *items,
		     char next_at[20], int64_t *next_id, int64_t counts[2], int64_t *total);

/* -------------------------------------------------------------- materials */
/* {"id","kind","filename","size","content_type","digest","uploaded_at"}; the
 * blob of its digest must be in the store (store_blob_put): it gains a
 * reference, and the unit's stored bytes grow by the size. */
int store_material_add(struct store *st, int64_t placement_id, json_t *m, int64_t *id);
json_t *store_material_list(struct store *st, int64_t placement_id);
json_t *store_material_get(struct store *st, int64_t placement_id, int64_t id);
/* Removes the material; its blob goes with the last material that names it,
 * and the unit's stored bytes shrink by the size. */
int store_material_delete(struct store *st, int64_t placement_id, int64_t id);
/* Bits (1 << enum material_kind) of the kinds the placement has. */
int store_material_kinds(struct store *st, int64_t placement_id, unsigned *kinds);

/* ------------------------------------------------------------------ blobs */
/* The bytes of materials (store_blobs.c): one blob per BLAKE2b digest (hex),
 * kept in chunks of STORE_BLOB_CHUNK bytes, written and read one chunk at a
 * time (never whole in memory); refs counts the materials, request files and
 * application attachments that name it (one store, one quota: unit_storage). */
#define STORE_BLOB_CHUNK (1024 * 1024)

/* Reads up to len bytes into buf: the count (0 at the end), -1 on error. */
typedef long (*store_reader)(void *arg, void *buf, size_t len);
/* Makes sure the blob of digest is stored: when it is not, its size bytes
 * are read from read(arg) into chunks. The blob's row stays locked until
 * the transaction ends (a concurrent delete of its last material waits). */
int store_blob_put(struct store *st, const char *digest, int64_t size, store_reader read,
		   void *arg);
/* The size of a stored blob (NOTFOUND: none). */
int store_blob_size(struct store *st, const char *digest, int64_t *size);
/* Chunk seq (0, 1, …) of a blob into buf (cap >= STORE_BLOB_CHUNK). */
int store_blob_chunk(struct store *st, const char *digest, int64_t seq, void *buf, size_t cap,
		     size_t *len);
/* A file an older anzhid kept in DATA/materials: stored as the blob of
 * digest with as many references as files (materials, request files,
 * attachments) name it, when any do and it is not stored yet (*taken 1). */
int store_blob_adopt(struct store *st, const char *digest, store_reader read, void *arg,
		     int64_t size, int *taken);
/* Removes blobs no file names (refs 0) and chunks of no blob;
 * *n removed. */
int store_blob_sweep(struct store *st, int64_t *n);
/* The bytes of a unit's materials (their sizes summed). */
int store_unit_storage(struct store *st, int64_t unit_id, int64_t *bytes);

/* --------------------------------------------------------------- registry */
int store_import_add(struct store *st, const char *source, const char *as_of,
		     const char *digest, int64_t rows, int64_t *id);
int store_import_rows(struct store *st, int64_t id, int64_t rows);
/* "wages 2025-12-31"-style label of an import */
int store_import_label(struct store *st, int64_t id, char *label, size_t len);
/* The registry person {"idno","name","gender","birth","hukou_type",
 * "hukou_region","hukou_address","phone","education"} (certificates apart). */
int store_registry_person_put(struct store *st, const json_t *person, int64_t import_id);
/* CERT {"number","type","level","category","valid_from","valid_to"}; the
 * person must be in the registry (else NOTFOUND). */
int store_registry_cert_put(struct store *st, const char *idno, const json_t *cert,
			    int64_t import_id);
/* REGISTRY_PERSON with its certificates, or NULL. */
json_t *store_registry_person_get(struct store *st, const char *idno);
/* 1 in *found when the person has a placement (any year) at a unit whose
 * region_column ("region_province" | "region_city" | "region_county") is
 * region. */
int store_person_placed_in(struct store *st, const char *idno, const char *region_column,
			   const char *region, int *found);
/* Takes one look-up of the user's registry budget: at most `budget` in any
 * `window` seconds. STORE_OK, or STORE_CONFLICT with *wait = seconds until
 * the oldest look-up leaves the window. The budget is a ring of `budget`
 * rows per user (their last look-up times), claimed by compare-and-set, so
 * instances on one database share it exactly and it never grows. */
int store_registry_budget_take(struct store *st, int64_t user_id, int budget, int64_t window,
			       int64_t now, int64_t *wait);

/* One payment: amount in fen (0 for insurance). */
struct registry_payment {
	enum registry_source source;
	int ym;
	char payer[19];
	int64_t fen;
	int64_t import_id;
};
/* Adds a payment row. Rows of earlier imports for the same source, person and
 * month are replaced (the newer import is the authority for that month);
 * rows of the same import for the same payer add up. With recheck set the
 * person-month is queued for store_recheck_*. */
int store_registry_payment_add(struct store *st, const struct registry_payment *pay,
			       const char *idno, int recheck);
/* A person's payments of every source in months [from, to], month order. */
int store_registry_payments(struct store *st, const char *idno, int from_ym, int to_ym,
			    struct registry_payment *out, int max, int *n);

/* Person-months an import queued: the placements to re-check. Calls fn for
 * each (placement id, month) whose placement registered that month, grouped
 * by placement (ascending id), with the placement's unit and year. */
int store_recheck_each(struct store *st, int64_t import_id,
		       int (*fn)(void *arg, int64_t placement_id, int ym, int64_t unit_id,
				 int year),
		       void *arg);
/* A re-check a locked (frozen) list must not take now: the placement's
 * months (bit m = month m) wait for the declaration to open again. */
int store_recheck_defer(struct store *st, int64_t unit_id, int year, int64_t placement_id,
			unsigned months);
/* The unit-year's deferred re-checks, each placement once, then forgotten. */
int store_recheck_deferred(struct store *st, int64_t unit_id, int year,
			   int (*fn)(void *arg, int64_t placement_id, unsigned months), void *arg);
/* The import's re-check is done: its queue goes, rechecked_at is set. */
int store_recheck_done(struct store *st, int64_t import_id, int64_t at);
/* The oldest import whose re-check has not finished, 0 when none. */
int store_recheck_pending(struct store *st, int64_t *import_id);

/* ------------------------------------------------------- batched reads */
/* For work over many placements at once (the re-check, store_batch.c): one
 * statement per kind of row for up to STORE_BATCH placements or persons. */
#define STORE_BATCH 64

/* Loads the placements of ids (n <= STORE_BATCH, ascending) into out[i] with
 * their units' wage area class in area[i] (0: none); a placement no longer
 * there has out[i].id 0. Locked as store_placement_load locks one. */
int store_placements_load_many(struct store *st, const int64_t *ids, int n,
			       struct placement *out, int *area);
typedef void (*store_payment_fn)(void *arg, const char *idno,
				 const struct registry_payment *pay);
/* A person and the months [from_ym, to_ym] (YYYYMM) wanted of them. */
struct store_months {
	const char *idno;
	int from_ym, to_ym;
};
/* Every payment of the persons who[] (n <= STORE_BATCH, each person once) in
 * their months, by person and month: a re-check reads only the months it
 * checks (a month's checks look at that month's payments alone). */
int store_payments_many(struct store *st, const struct store_months *who, int n,
			store_payment_fn fn, void *arg);
typedef void (*store_confirmed_fn)(void *arg, const char *idno, int64_t unit_id, int ym);
/* Every month of year the persons idnos have confirmed, at whichever unit
 * (the caller leaves its own out); in a write, their placements locked. */
int store_confirmed_many(struct store *st, const char *const *idnos, int n, int year,
			 store_confirmed_fn fn, void *arg);
/* Whether each placement of ids (ascending) is on a list its declaration
 * locks (wire_declaration_locks_list: submitted, passed, …): locked[i] 1. */
int store_lists_locked_many(struct store *st, const int64_t *ids, int n, unsigned char *locked);
/* Bits (1 << enum material_kind) of the kinds each placement of ids has. */
int store_material_kinds_many(struct store *st, const int64_t *ids, int n, unsigned *kinds);

/* ------------------------------------------------------------- bulk load */
/* For the seeder filling an empty store (store_bulk.c): the same rows as
 * above without the per-change counters, which the loader sets at the end
 * from its own tallies. */
int store_bulk_mode(struct store *st, int on);
int store_bulk_placement(struct store *st, struct placement *p, const struct unit_ref *u);
int store_bulk_payments(struct store *st, const char *idno, const struct registry_payment *pays,
			int n);
/* store_registry_cert_put of a person the loader has just put (not looked up). */
int store_bulk_registry_cert(struct store *st, const char *idno, const json_t *cert,
			     int64_t import_id);
/* Sets a unit-year's counts and its declaration's totals. */
int store_bulk_unit_totals(struct store *st, int64_t unit_id, int year,
			   const struct status_counts *c, int64_t confirmed, int64_t counted);
/* Sets a region-year's counts. */
int store_bulk_region_counts(struct store *st, const char *region, int year,
			     const struct status_counts *c);

/* ----------------------------------------------------------- applications */
/* Over-quota reward and graduate applications (store_applications.c). */

struct app_person;

struct application_review {
	int64_t by;                  /* user id, 0 when the step has not happened */
	char by_name[64];            /* username */
	char result[8];              /* "pass" | "fail" | "" */
	char reason[REVIEW_REASON_MAX + 1];
	char at[20];
};

struct application_row {
	int64_t id;                  /* 0 until inserted */
	enum application_kind kind;
	int64_t unit_id;
	char uscc[19];
	char unit_name[304];
	int year;
	enum application_status status;
	enum application_channel channel;
	char staff[32], placed[32];  /* decimal strings */
	int has_reward;              /* the reward's numbers below are set (kind reward) */
	char required[32], excess[32], persons_rewarded[16], multiplier[16];
	int64_t min_wage_fen;
	int64_t amount_fen;
	int64_t months_counted;
	char policy_version[32];
	char bank_payee[304], bank_account[48], bank_name[304];
	int64_t applied_by;
	char applied_by_name[64];
	char applied_at[20];
	struct application_review first, second;
	int64_t version;
};

/* Inserts the application with its persons (the units' region columns come
 * from the unit); a->id and a->version = 1 set. CONFLICT when the unit has
 * one of this kind for the year. */
int store_application_insert(struct store *st, struct application_row *a,
			     const struct app_person *persons, int n);
/* NOTFOUND when there is none (of any kind: the caller checks a->kind). */
int store_application_get(struct store *st, int64_t id, struct application_row *a);
/* The unit's application of a kind for a year: its id, or 0. */
int store_application_of_unit(struct store *st, enum application_kind kind, int64_t unit_id,
			      int year, int64_t *id);
/* PERSON[] as the API shows them, in the order counted. */
json_t *store_application_persons(struct store *st, int64_t id);
/* Writes a->status and both review steps if the stored version is still
 * a->version (else NOTFOUND), then version+1 (a->version follows). */
int store_application_review(struct store *st, struct application_row *a);

/* GET /rewards, /graduate-applications: keyset (year, id) over one index
 * range — the region column of the scope's level (or one unit), the status
 * when filtered; the year filter bounds the range. */
struct application_query {
	enum application_kind kind;
	const char *region_column;   /* "region_province" | "region_city" | "region_county" */
	const char *region;
	int64_t unit_id;             /* > 0: this unit's only (then no region) */
	const char *status;          /* NULL: any */
	int year;                    /* 0: any */
	int after_year;              /* keyset: the last row's year and id */
	int64_t after_id;
	int limit;
};
/* Writes APPLICATION_ITEMs into the array open in items; *next_year and
 * *next_id: the cursor (next_id 0: last page). */
int store_application_page(struct store *st, const struct application_query *q, struct jw *items,
			   int *next_year, int64_t *next_id);

/* Attachments (附件): {"id","kind","filename","size","content_type","digest",
 * "uploaded_at"} as materials: the blob of its digest must be in the store
 * (material_file_accept put it there); it gains a reference, and the
 * application's unit's stored bytes grow by the size. */
int store_application_attachment_add(struct store *st, int64_t application_id, json_t *m,
				     int64_t *id);
json_t *store_application_attachments(struct store *st, int64_t application_id);
json_t *store_application_attachment_get(struct store *st, int64_t application_id, int64_t id);

/* Months (YYYYMM) of year that units other than unit_id have confirmed for
 * the person, each with whether that unit's placement has a dispatch
 * contract (劳务派遣). */
int store_confirmed_elsewhere_dispatch(struct store *st, const char *idno, int year,
				       int64_t unit_id, int *yms, int *dispatch, int max, int *n);
/* -------------------------------------------------------------- documents */
/* Sealed documents (store_docs.c): the signing keys' public halves, every
 * document issued (by verification code; revocable) and the latest file of
 * each unit-year-kind. Times are "YYYY-MM-DD HH:MM:SS" (Asia/Shanghai). */

struct key_row {
	char id[16];                 /* docseal key id */
	char public_key[48];         /* base64 of the raw 32 bytes */
	char created_at[20];
	char revoked_at[20];         /* "" while in use */
};
int store_key_add(struct store *st, const struct key_row *k);
/* The newest key not revoked; NOTFOUND when there is none. */
int store_key_newest(struct store *st, struct key_row *k);
int store_key_get(struct store *st, const char *id, struct key_row *k);
/* NOTFOUND when unknown or already revoked. */
int store_key_revoke(struct store *st, const char *id, const char *at);
/* Every key, oldest first, up to max; *n = how many were written. */
int store_key_list(struct store *st, struct key_row *out, int max, int *n);

struct document_row {
	char code[32];               /* the verification code, canonical */
	char kind[32];               /* commitment | cancellation-form | certification | … */
	int64_t unit_id;
	char uscc[19];               /* filled by get */
	char unit_name[304];         /* filled by get */
	int year;
	char key_id[16];
	char digest[65];             /* BLAKE2b-256 hex of the file */
	char content_version[40];
	char issued_at[20];
	char revoked_at[20];         /* "" while valid */
	char reason[REVIEW_REASON_MAX + 1];
};
/* Records an issued document; CONFLICT when the code is already recorded. */
int store_document_add(struct store *st, const struct document_row *d);
int store_document_get(struct store *st, const char *code, struct document_row *d);
/* How many documents of a kind the unit's year has had (revoked or not). */
int store_document_count(struct store *st, int64_t unit_id, int year, const char *kind,
			 int64_t *n);
/* Revokes one document (the verification service then says so); NOTFOUND
 * when the code is unknown or already revoked. */
int store_document_revoke(struct store *st, const char *code, const char *at,
			  const char *reason);
/* Revokes every valid document of the unit's year, of one kind (or every
 * kind when kind is NULL); *n = how many. What reopening a declaration does. */
int store_documents_revoke_unit(struct store *st, int64_t unit_id, int year, const char *kind,
				const char *at, const char *reason, int64_t *n);

/* The cached file of unit-year-kind when it has this content version and
 * key and its document is not revoked: *pdf malloc'd, code filled.
 * NOTFOUND otherwise. */
int store_docfile_get(struct store *st, int64_t unit_id, int year, const char *kind,
		      const char *version, const char *key_id, unsigned char **pdf, size_t *len,
		      char *code, size_t codelen);
/* Keeps this file as the unit-year-kind's latest (replacing the one before). */
int store_docfile_put(struct store *st, int64_t unit_id, int year, const char *kind,
		      const char *version, const char *key_id, const char *code,
		      const unsigned char *pdf, size_t len);

/* A placed person as a certification lists them: the full name the unit
 * registered, the masked ID number, the first certificate, the months. */
struct cert_person {
	char name[96];
	char idno_masked[24];
	char cert_type[16];          /* disability | veteran | "" */
	int cert_category, cert_level;
	unsigned months;             /* bit m-1: month m confirmed */
	int months_confirmed, months_counted;
};
/* The unit-year's persons with confirmed months, in list order: *out
 * malloc'd (NULL when none). */
int store_cert_persons(struct store *st, int64_t unit_id, int year, struct cert_person **out,
		       size_t *n);

/* -------------------------------------------------- feedback, cancellation */
/* store_requests.c: a unit's feedback (年审认证反馈, kind "feedback") and
 * cancellation requests (注销, kind "cancellation") with their files. */

enum request_kind { REQUEST_FEEDBACK, REQUEST_CANCELLATION, REQUEST_KIND__COUNT };
#define REQUEST_TEXT_MAX 2000
#define REQUEST_FILES_MAX 8

struct request_row {
	int64_t id;
	enum request_kind kind;
	int64_t unit_id;
	char uscc[19];
	char unit_name[304];
	int year;
	char text[REQUEST_TEXT_MAX + 1];     /* the feedback's text, the cancellation's reason */
	enum request_status status;
	enum declaration_status declaration_status; /* the declaration's when filed */
	int files;
	char created_at[20];
	int64_t created_by;
	char created_by_name[64];
	char reviewed_at[20];
	int64_t reviewer_id;
	char reviewer[64];
	char review_reason[REVIEW_REASON_MAX + 1];
	int64_t version;
};
struct request_file {
	int seq;                     /* 1.. */
	char filename[256];
	int64_t size;
	char content_type[32];
	char digest[65];
};

/* Inserts r (filed by r->created_by) with its files (each file's blob stored
 * first: it gains a reference, the unit's stored bytes grow); sets r->id and
 * version 1. */
int store_request_add(struct store *st, struct request_row *r, const struct unit_ref *u,
		      const struct request_file *files, int n);
/* NOTFOUND when there is no request id of that kind. */
int store_request_get(struct store *st, enum request_kind kind, int64_t id,
		      struct request_row *r);
int store_request_files(struct store *st, int64_t id, struct request_file *out, int max,
			int *n);
/* Writes r's status and review if the stored version is still r->version
 * (else NOTFOUND), version+1; the overview's counters follow. */
int store_request_review(struct store *st, struct request_row *r);

/* The reviewers' queue (unit_id 0: a region subtree, oldest first, one
 * status) or a unit-year's requests (unit_id set: every status, newest
 * first). */
struct request_query {
	enum request_kind kind;
	int year;
	int64_t unit_id;
	const char *region_column, *region;
	enum request_status status;
	const char *after_at;        /* keyset: created_at and id (the unit's list: id) */
	int64_t after_id;
	int limit;
};
int store_request_page(struct store *st, const struct request_query *q,
		       int (*fn)(void *arg, const struct request_row *r), void *arg,
		       char next_at[20], int64_t *next_id);

/* ------------------------------------------------------------ tax records */
/* store_tax.c: what 发送税务 sends to the tax bureau. */

#define TAX_STEPS_MAX 4096

struct tax_row {
	int64_t id;
	int64_t unit_id;
	int year;
	char uscc[19];
	char unit_name[304];
	char tax_region[7];
	char unit_kind[24];
	int64_t staff, months_confirmed, months_counted;
	char placed_persons[24];
	int64_t wages_fen, avg_wage_fen;
	int has_social_avg;
	int64_t social_avg_wage_fen;
	int social_avg_wage_example;   /* the policy's figure is an example, not official */
	int wage_cap_multiple;         /* 0: no cap */
	int64_t wage_used_fen, levy_fen;
	int exempt;
	char factor[24];
	char steps[TAX_STEPS_MAX];     /* the levy's steps, a JSON array */
	char policy_version[32];
	enum tax_record_status status;
	char sent_at[20], sent_by[64], withdrawn_at[20];
};

/* Inserts t (current) and moves the overview's levy counters; sets t->id. */
int store_tax_add(struct store *st, struct tax_row *t, const struct unit_ref *u);
/* The unit-year's current record becomes withdrawn (an accepted feedback
 * reopened the declaration); NOTFOUND when it has none. */
int store_tax_withdraw(struct store *st, int64_t unit_id, int year, const char *at);
/* GET /tax-records: a region subtree's (or every) records of a year, in the
 * order they were sent (id). */
struct tax_query {
	int year;
	const char *region_column, *region;
	int64_t after_id;
	int limit;
};
int store_tax_page(struct store *st, const struct tax_query *q,
		   int (*fn)(void *arg, const struct tax_row *t), void *arg, int64_t *next_id);

/* ---------------------------------------------------------------- notices */
/* Notices (store_notices.c) go to one unit (uscc), to the units of a region
 * subtree (region: its federation department within it), or to everyone
 * (both NULL). */
int store_notice_add(struct store *st, const char *uscc, const char *title, const char *body,
		     const char *created_at, int64_t *id);
/* Publishes to a region subtree (region NULL: everyone); author a user id. */
int store_notice_publish(struct store *st, const char *region, const char *title,
			 const char *body, const char *created_at, int64_t author, int64_t *id);
/* Who reads: a unit user (uscc and its federation region's county, 盟市 and
 * province), federation staff (region: their subtree's notices and those
 * above it), or the administrator (all). */
struct notice_audience {
	int64_t user_id;
	const char *uscc;
	const char *levels[3];       /* county, 盟市, province of the unit, or NULLs */
	const char *staff_region;    /* federation staff */
	int all;                     /* admin */
};
/* Newest first, keyset on (created_at, id) below (before_at, before_id)
 * (NULL, 0: from the newest); NOTICEs appended to items, the next page's
 * position in next_at/next_id (0 on the last page). */
int store_notice_page(struct store *st, const struct notice_audience *a, const char *before_at,
		      int64_t before_id, int limit, json_t *items, char next_at[20],
		      int64_t *next_id);
json_t *store_notice_list(struct store *st, const struct notice_audience *a);
int store_notice_unread(struct store *st, const struct notice_audience *a, int64_t *n);
/* NOTFOUND when the notice is not the audience's; *again when read before. */
int store_notice_read(struct store *st, const struct notice_audience *a, int64_t id,
		      int *again);

/* ------------------------------------------------------- administration */
/* (store_admin.c) */
struct business_year {
	int year;
	int open;
	char deadline[11];           /* "YYYY-MM-DD", "" for none */
	int64_t version;             /* 0: not stored yet */
};
int store_business_year_get(struct store *st, int year, struct business_year *y);
/* Inserts (version 0) or updates when y->version is still stored (else
 * NOTFOUND; CONFLICT when inserting a year that exists). */
int store_business_year_put(struct store *st, const struct business_year *y);
int store_business_years(struct store *st, struct business_year *out, int max, int *n);
/* The unit-year may be submitted after the deadline (the federation reopened it). */
int store_filing_reopen(struct store *st, int64_t unit_id, int year, const char *at,
			int64_t by);
/* at: when it was reopened, "" when it was not. */
int store_filing_reopened(struct store *st, int64_t unit_id, int year, char at[20]);

struct import_row {
	int64_t id;
	char source[24], as_of[11], status[12], filename[256], username[64], digest[65];
	char error[512];
	int64_t rows, rows_total, created_at, rechecked_at;
	int64_t rechecked_placements, rechecked_months, changed_placements;
	int64_t user_id;             /* start only */
};
/* A registry import the service runs: recorded `running` before it starts. */
int store_import_start(struct store *st, const struct import_row *im, int64_t *id);
/* status done | failed, the rows imported, why it failed (or NULL). */
int store_import_finish(struct store *st, int64_t id, const char *status, int64_t rows,
			const char *error);
int store_import_recheck_stats(struct store *st, int64_t id, int64_t placements, int64_t months,
			       int64_t changed);
/* At start: imports left `running` by a stopped service are failed. */
int store_imports_interrupted(struct store *st);
/* In a transaction: imports are this transaction's until it ends (the
 * service's request that records one and the job that runs it, on any
 * instance, or the command, wait for each other; PostgreSQL: SQLite's write
 * lock does that already). */
int store_imports_lock(struct store *st);
int store_import_get(struct store *st, int64_t id, struct import_row *im);
/* Newest first: ids below before_id (0: from the newest). */
int store_import_page(struct store *st, int64_t before_id, int limit, struct import_row *out,
		      int *n);

struct policy_row {
	int64_t id;
	char region[7], version[32], valid_from[11], valid_to[11], digest[65];
	char uploaded_at[20], uploaded_by[64];
};
/* CONFLICT when the region already has that version. */
int store_policy_table_add(struct store *st, const struct policy_row *p, int64_t user_id,
			   const char *body, int64_t *id);
/* Every version (of region, or of all when NULL), by region, newest first. */
int store_policy_tables(struct store *st, const char *region, struct policy_row *out, int max,
			int *n);
/* The newest version of region whose validity overlaps [year_start, year_end]. */
int store_policy_table_for(struct store *st, const char *region, const char *year_start,
			   const char *year_end, struct policy_row *p);
/* The JSON text of a version (malloc'd) or NULL. */
char *store_policy_table_body(struct store *st, int64_t id);

/* audit: append-only */
int store_audit(struct store *st, int64_t user_id, const char *ip, const char *entity,
		const char *entity_id, const char *action, json_t *before, json_t *after);

/* One audit row of a placement's history with the user who made it (user_id
 * 0 and names "" for the service's own commands). Strings valid only during
 * the callback. */
struct history_row {
	int64_t id, user_id;
	const char *at, *ip, *entity, *action, *before, *after;   /* JSON texts or NULL */
	const char *username, *display_name, *role;
};
/* The history of a placement (its own audit rows, its materials', and its
 * unit-year's declaration's, entity_id declaration_id "USCC/YEAR"), newest
 * first, rows with id below before_id (0: from the newest), at most limit:
 * fn for each; *next_id = the cursor of the next page (0: none). */
int store_history_page(struct store *st, int64_t placement_id, const char *declaration_id,
		       int64_t before_id, int limit,
		       int (*fn)(void *arg, const struct history_row *r), void *arg,
		       int64_t *next_id);

#endif
