/* migrations_sqlite — the SQLite DDL of each schema step (see migrations.h).
 *
 * Step 1 (the pre-release document store: one JSON document per placement)
 * is retired: step 2 starts the relational schema afresh, dropping step 1's
 * tables without carrying their rows over — no store of version 1 ever left
 * a developer's machine. */
#include "server/migrations.h"

/* Step 2 starts afresh: whatever an earlier schema left goes (children
 * before the tables they refer to). */
#define DROP_OLD                                                                      \
	"DROP TABLE IF EXISTS placement_months; DROP TABLE IF EXISTS persons;"        \
	" DROP TABLE IF EXISTS contracts; DROP TABLE IF EXISTS certificates;"         \
	" DROP TABLE IF EXISTS materials; DROP TABLE IF EXISTS placements;"           \
	" DROP TABLE IF EXISTS declarations; DROP TABLE IF EXISTS unit_counts;"       \
	" DROP TABLE IF EXISTS region_counts; DROP TABLE IF EXISTS units;"            \
	" DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS sessions;"                 \
	" DROP TABLE IF EXISTS login_failures; DROP TABLE IF EXISTS idempotency;"     \
	" DROP TABLE IF EXISTS regions; DROP TABLE IF EXISTS imports;"                \
	" DROP TABLE IF EXISTS registry_persons; DROP TABLE IF EXISTS registry_certificates;" \
	" DROP TABLE IF EXISTS registry_payments; DROP TABLE IF EXISTS recheck_queue;" \
	" DROP TABLE IF EXISTS notices; DROP TABLE IF EXISTS notice_reads;"           \
	" DROP TABLE IF EXISTS audit;"

/* The queue's partial indexes hold only placements awaiting review. */
#define PENDING "WHERE status IN ('pending', 'pending_contract')"

static const char step2[] =
	DROP_OLD
	/* accounts, sessions, login failures, idempotency keys */
	"CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,"
	" unit TEXT, region TEXT, pwhash TEXT NOT NULL, created_at BIGINT NOT NULL);"
	"CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL,"
	" expires_at BIGINT NOT NULL, last_seen BIGINT NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE INDEX sessions_expiry ON sessions (expires_at);"
	"CREATE TABLE login_failures (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" scope TEXT NOT NULL, name TEXT NOT NULL, failed_at BIGINT NOT NULL);"
	"CREATE INDEX login_failures_key ON login_failures (scope, name, failed_at);"
	"CREATE TABLE idempotency (user_id BIGINT NOT NULL, idem_key TEXT NOT NULL,"
	" status INTEGER NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,"
	" PRIMARY KEY (user_id, idem_key)) WITHOUT ROWID;"
	"CREATE INDEX idempotency_age ON idempotency (created_at);"

	/* units (单位基本信息): the federation region and its 盟市 and province as
	 * columns, so that region subtrees are index ranges */
	"CREATE TABLE units (id INTEGER PRIMARY KEY AUTOINCREMENT, uscc TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, tax_no TEXT NOT NULL, org_code TEXT NOT NULL, kind TEXT NOT NULL,"
	" economic_type TEXT NOT NULL, industry TEXT NOT NULL,"
	" federation_region TEXT NOT NULL, region_city TEXT NOT NULL,"
	" region_province TEXT NOT NULL, tax_region TEXT NOT NULL, admin_region TEXT NOT NULL,"
	" legal_name TEXT NOT NULL, legal_idno TEXT NOT NULL, legal_phone TEXT NOT NULL,"
	" phone TEXT NOT NULL, staff_last_year BIGINT NOT NULL, contact_name TEXT NOT NULL,"
	" contact_phone TEXT NOT NULL, business_address TEXT NOT NULL,"
	" registered_address TEXT NOT NULL, bank_payee TEXT NOT NULL,"
	" bank_account TEXT NOT NULL, bank_name TEXT NOT NULL, wage_area_class INTEGER,"
	" version BIGINT NOT NULL);"
	"CREATE INDEX units_city ON units (region_city, id);"
	"CREATE INDEX units_county ON units (federation_region, id);"

	/* declarations (年审申报): one per unit and year, with the year's totals */
	"CREATE TABLE declarations (unit_id BIGINT NOT NULL REFERENCES units (id),"
	" year INTEGER NOT NULL, status TEXT NOT NULL, submitted_at TEXT, reviewed_at TEXT,"
	" review_reason TEXT, months_confirmed BIGINT NOT NULL, months_counted BIGINT NOT NULL,"
	" version BIGINT NOT NULL, PRIMARY KEY (unit_id, year)) WITHOUT ROWID;"
	/* the list's header counts, per unit-year and per region-year, by status
	 * key (confirmed split into confirmed_system / confirmed_manual) */
	"CREATE TABLE unit_counts (unit_id BIGINT NOT NULL, year INTEGER NOT NULL,"
	" status TEXT NOT NULL, n BIGINT NOT NULL,"
	" PRIMARY KEY (unit_id, year, status)) WITHOUT ROWID;"
	"CREATE TABLE region_counts (region TEXT NOT NULL, year INTEGER NOT NULL,"
	" status TEXT NOT NULL, n BIGINT NOT NULL,"
	" PRIMARY KEY (region, year, status)) WITHOUT ROWID;"

	/* placements (安置登记): what lists and the queue show, as columns */
	"CREATE TABLE placements (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" unit_id BIGINT NOT NULL REFERENCES units (id), year INTEGER NOT NULL,"
	" idno TEXT NOT NULL, name_masked TEXT NOT NULL, idno_masked TEXT NOT NULL,"
	" cert_no_masked TEXT NOT NULL, status TEXT NOT NULL, confirmed_by TEXT,"
	" months_registered INTEGER NOT NULL, months_confirmed INTEGER NOT NULL,"
	" months_counted INTEGER NOT NULL, months_rejected INTEGER NOT NULL,"
	" months_pending INTEGER NOT NULL, needs INTEGER NOT NULL, materials INTEGER NOT NULL,"
	" submitted_at TEXT NOT NULL, confirmed_at TEXT,"
	" region_province TEXT NOT NULL, region_city TEXT NOT NULL, region_county TEXT NOT NULL,"
	" version BIGINT NOT NULL, UNIQUE (unit_id, year, idno));"
	"CREATE INDEX placements_list ON placements (unit_id, year, id);"
	"CREATE INDEX placements_list_status ON placements (unit_id, year, status, id);"
	"CREATE INDEX placements_person ON placements (idno, year);"
	"CREATE INDEX placements_queue ON placements (year, submitted_at, id) " PENDING ";"
	"CREATE INDEX placements_queue_province ON placements"
	" (region_province, year, submitted_at, id) " PENDING ";"
	"CREATE INDEX placements_queue_city ON placements"
	" (region_city, year, submitted_at, id) " PENDING ";"
	"CREATE INDEX placements_queue_county ON placements"
	" (region_county, year, submitted_at, id) " PENDING ";"
	"CREATE INDEX placements_queue_unit ON placements"
	" (unit_id, year, submitted_at, id) " PENDING ";"

	/* the person, contracts and certificates as the unit entered them */
	"CREATE TABLE persons (placement_id INTEGER PRIMARY KEY"
	" REFERENCES placements (id) ON DELETE CASCADE, name TEXT NOT NULL,"
	" gender TEXT NOT NULL, birth TEXT NOT NULL, hukou_type TEXT, hukou_region TEXT NOT NULL,"
	" hukou_address TEXT NOT NULL, phone TEXT NOT NULL, education TEXT,"
	" guardian_name TEXT NOT NULL, guardian_phone TEXT NOT NULL, graduate INTEGER NOT NULL,"
	" retire_group TEXT);"
	/* seq: the position in the list the unit sent (ids are the client's) */
	"CREATE TABLE contracts (placement_id BIGINT NOT NULL"
	" REFERENCES placements (id) ON DELETE CASCADE, seq INTEGER NOT NULL, id BIGINT NOT NULL,"
	" dispatch INTEGER NOT NULL, relation TEXT NOT NULL, type TEXT NOT NULL,"
	" start_date TEXT NOT NULL, end_date TEXT, post TEXT NOT NULL, monthly_wage TEXT NOT NULL,"
	" dispatch_agency TEXT, si_unit TEXT, mi_unit TEXT,"
	" PRIMARY KEY (placement_id, seq)) WITHOUT ROWID;"
	"CREATE TABLE certificates (placement_id BIGINT NOT NULL"
	" REFERENCES placements (id) ON DELETE CASCADE, seq INTEGER NOT NULL, id BIGINT NOT NULL,"
	" number TEXT NOT NULL, type TEXT NOT NULL, category INTEGER NOT NULL,"
	" level INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,"
	" PRIMARY KEY (placement_id, seq)) WITHOUT ROWID;"

	/* one row per registered month: the seven checks (bit k of failed = check
	 * k of core/checks.h failed, r_* its reason code), the imports the
	 * registry checks used, the result and the reviewer's decision */
	"CREATE TABLE placement_months (placement_id BIGINT NOT NULL"
	" REFERENCES placements (id) ON DELETE CASCADE, month INTEGER NOT NULL,"
	" result TEXT, failed INTEGER NOT NULL, needs INTEGER NOT NULL,"
	" r_wage TEXT, r_social TEXT, r_medical TEXT, r_certificate TEXT, r_age TEXT,"
	" r_contract TEXT, r_exclusive TEXT,"
	" src_wage BIGINT, src_social BIGINT, src_medical BIGINT,"
	" cert_type TEXT, cert_level INTEGER, weight INTEGER NOT NULL,"
	" reviewer_id BIGINT, reviewer_name TEXT, reviewed_at TEXT, review_reason TEXT,"
	" PRIMARY KEY (placement_id, month)) WITHOUT ROWID;"

	"CREATE TABLE materials (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" placement_id BIGINT NOT NULL REFERENCES placements (id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, filename TEXT NOT NULL, size BIGINT NOT NULL,"
	" content_type TEXT NOT NULL, digest TEXT NOT NULL, uploaded_at TEXT NOT NULL);"
	"CREATE INDEX materials_placement ON materials (placement_id, id);"

	/* registry data (外部核验数据): dated imports; payments by person and month
	 * (source 1 wages, 2 social insurance, 3 medical insurance) */
	"CREATE TABLE imports (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,"
	" as_of TEXT NOT NULL, digest TEXT NOT NULL, rows_count BIGINT NOT NULL,"
	" created_at BIGINT NOT NULL, rechecked_at BIGINT);"
	"CREATE TABLE registry_persons (idno TEXT PRIMARY KEY, name TEXT NOT NULL,"
	" gender TEXT NOT NULL, birth TEXT NOT NULL, hukou_type TEXT, hukou_region TEXT NOT NULL,"
	" hukou_address TEXT NOT NULL, phone TEXT NOT NULL, education TEXT,"
	" import_id BIGINT) WITHOUT ROWID;"
	"CREATE TABLE registry_certificates (idno TEXT NOT NULL, number TEXT NOT NULL,"
	" type TEXT NOT NULL, level INTEGER NOT NULL, category INTEGER NOT NULL,"
	" valid_from TEXT NOT NULL, valid_to TEXT, import_id BIGINT,"
	" PRIMARY KEY (idno, number)) WITHOUT ROWID;"
	"CREATE TABLE registry_payments (idno TEXT NOT NULL, month INTEGER NOT NULL,"
	" source INTEGER NOT NULL, payer TEXT NOT NULL, amount_fen BIGINT NOT NULL,"
	" import_id BIGINT NOT NULL, PRIMARY KEY (idno, month, source, payer)) WITHOUT ROWID;"
	/* person-months an import touched, until their placements are re-checked */
	"CREATE TABLE recheck_queue (import_id BIGINT NOT NULL, idno TEXT NOT NULL,"
	" month INTEGER NOT NULL, PRIMARY KEY (import_id, idno, month)) WITHOUT ROWID;"

	"CREATE TABLE notices (id INTEGER PRIMARY KEY AUTOINCREMENT, uscc TEXT,"
	" title TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX notices_unit ON notices (uscc, created_at);"
	"CREATE TABLE notice_reads (notice_id BIGINT NOT NULL, user_id BIGINT NOT NULL,"
	" PRIMARY KEY (notice_id, user_id)) WITHOUT ROWID;"
	"CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,"
	" user_id BIGINT, ip TEXT, entity TEXT NOT NULL, entity_id TEXT, action TEXT NOT NULL,"
	" before_doc TEXT, after_doc TEXT);";

/* Step 3: sealed documents — the public halves of the signing keys (the
 * secret halves are files in DATA/keys), every document issued (its
 * verification code, what it is, its digest; revocable), and the latest file
 * of each unit-year-kind, so that a re-download is the same bytes. */
static const char step3[] =
	/* a store forced back to an older version runs this again after step 2
	 * started afresh: so does this step */
	"DROP TABLE IF EXISTS document_files; DROP TABLE IF EXISTS documents;"
	" DROP TABLE IF EXISTS signing_keys;"
	"CREATE TABLE signing_keys (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
	" public_key TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);"
	"CREATE TABLE documents (code TEXT PRIMARY KEY, kind TEXT NOT NULL,"
	" unit_id BIGINT NOT NULL REFERENCES units (id), year INTEGER NOT NULL,"
	" key_id TEXT NOT NULL, digest TEXT NOT NULL, content_version TEXT NOT NULL,"
	" issued_at TEXT NOT NULL, revoked_at TEXT, reason TEXT) WITHOUT ROWID;"
	"CREATE INDEX documents_unit ON documents (unit_id, year, kind);"
	"CREATE TABLE document_files (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" unit_id BIGINT NOT NULL REFERENCES units (id), year INTEGER NOT NULL, kind TEXT NOT NULL,"
	" content_version TEXT NOT NULL, key_id TEXT NOT NULL, code TEXT NOT NULL,"
	" pdf BLOB NOT NULL, UNIQUE (unit_id, year, kind));";

/* The three region levels of every unit, each (unit, region) once: a 盟市
 * that is its own county, or a province row, counts a unit once. */
#define UNIT_LEVELS                                                                \
	"(SELECT id, federation_region AS region FROM units UNION"                 \
	" SELECT id, region_city FROM units UNION SELECT id, region_province FROM units)"

/* Step 4 (issue 11, after the declaration): the declaration's state table
 * (doc/api.md) — the unit's 上年度在职职工工资总额; declarations with the time
 * they entered their status, the reviewer, the time sent to tax, the pending
 * feedback or cancellation and their regions (the 年审 queue is an index
 * range); feedback (年审认证反馈) and cancellation requests (注销) with their
 * files; tax records (发送税务); the overview's counters per region and year
 * (kept in the same transaction as every change, filled here from what an
 * older store holds); and the re-checks a locked (frozen) list skipped,
 * done when it opens again. Its tables are made afresh: a store labelled
 * older runs step 2 again, which starts every table it knows afresh, and
 * these only describe what step 2's tables held. */
static const char step4[] =
	"DROP TABLE IF EXISTS request_files; DROP TABLE IF EXISTS requests;"
	" DROP TABLE IF EXISTS tax_records; DROP TABLE IF EXISTS region_overview;"
	" DROP TABLE IF EXISTS recheck_deferred;"
	"ALTER TABLE units ADD COLUMN wages_last_year_fen BIGINT;"
	"ALTER TABLE declarations ADD COLUMN status_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE declarations ADD COLUMN sent_to_tax_at TEXT;"
	"ALTER TABLE declarations ADD COLUMN reviewer_id BIGINT;"
	"ALTER TABLE declarations ADD COLUMN reviewer_name TEXT;"
	"ALTER TABLE declarations ADD COLUMN feedback_id BIGINT;"
	"ALTER TABLE declarations ADD COLUMN cancellation_id BIGINT;"
	"ALTER TABLE declarations ADD COLUMN region_county TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE declarations ADD COLUMN region_city TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE declarations ADD COLUMN region_province TEXT NOT NULL DEFAULT '';"
	"UPDATE declarations SET"
	" region_county = (SELECT u.federation_region FROM units u WHERE u.id = declarations.unit_id),"
	" region_city = (SELECT u.region_city FROM units u WHERE u.id = declarations.unit_id),"
	" region_province = (SELECT u.region_province FROM units u WHERE u.id = declarations.unit_id),"
	" status_at = COALESCE(reviewed_at, submitted_at, '');"
	"CREATE INDEX declarations_queue ON declarations (year, status, status_at, unit_id);"
	"CREATE INDEX declarations_queue_province ON declarations"
	" (region_province, year, status, status_at, unit_id);"
	"CREATE INDEX declarations_queue_city ON declarations"
	" (region_city, year, status, status_at, unit_id);"
	"CREATE INDEX declarations_queue_county ON declarations"
	" (region_county, year, status, status_at, unit_id);"

	/* feedback and cancellation requests: one table, kind 'feedback' |
	 * 'cancellation'; text is the feedback's text or the cancellation's reason */
	"CREATE TABLE requests (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
	" unit_id BIGINT NOT NULL REFERENCES units (id), year INTEGER NOT NULL,"
	" text TEXT NOT NULL, status TEXT NOT NULL, declaration_status TEXT NOT NULL,"
	" files INTEGER NOT NULL, created_at TEXT NOT NULL, created_by BIGINT NOT NULL,"
	" created_by_name TEXT NOT NULL, reviewed_at TEXT, reviewer_id BIGINT, reviewer_name TEXT,"
	" review_reason TEXT, region_county TEXT NOT NULL, region_city TEXT NOT NULL,"
	" region_province TEXT NOT NULL, version BIGINT NOT NULL);"
	"CREATE INDEX requests_unit ON requests (kind, unit_id, year, id);"
	"CREATE INDEX requests_queue ON requests (kind, year, status, created_at, id);"
	"CREATE INDEX requests_queue_province ON requests"
	" (kind, region_province, year, status, created_at, id);"
	"CREATE INDEX requests_queue_city ON requests"
	" (kind, region_city, year, status, created_at, id);"
	"CREATE INDEX requests_queue_county ON requests"
	" (kind, region_county, year, status, created_at, id);"
	"CREATE TABLE request_files (request_id BIGINT NOT NULL REFERENCES requests (id),"
	" seq INTEGER NOT NULL, filename TEXT NOT NULL, size BIGINT NOT NULL,"
	" content_type TEXT NOT NULL, digest TEXT NOT NULL,"
	" PRIMARY KEY (request_id, seq)) WITHOUT ROWID;"

	/* tax records (发送税务): what the tax bureau receives, with the levy's
	 * steps as the core computed them (JSON text) */
	"CREATE TABLE tax_records (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" unit_id BIGINT NOT NULL REFERENCES units (id), year INTEGER NOT NULL,"
	" uscc TEXT NOT NULL, unit_name TEXT NOT NULL, tax_region TEXT NOT NULL,"
	" unit_kind TEXT NOT NULL, staff BIGINT NOT NULL, months_confirmed BIGINT NOT NULL,"
	" months_counted BIGINT NOT NULL, placed_persons TEXT NOT NULL, wages_fen BIGINT NOT NULL,"
	" avg_wage_fen BIGINT NOT NULL, social_avg_wage_fen BIGINT,"
	" social_avg_wage_example INTEGER NOT NULL, wage_cap_multiple INTEGER NOT NULL,"
	" wage_used_fen BIGINT NOT NULL, levy_fen BIGINT NOT NULL, exempt INTEGER NOT NULL,"
	" factor TEXT NOT NULL, steps TEXT NOT NULL, policy_version TEXT NOT NULL,"
	" status TEXT NOT NULL, sent_at TEXT NOT NULL, sent_by_name TEXT NOT NULL,"
	" withdrawn_at TEXT, region_county TEXT NOT NULL, region_city TEXT NOT NULL,"
	" region_province TEXT NOT NULL);"
	"CREATE INDEX tax_records_unit ON tax_records (unit_id, year, id);"
	"CREATE INDEX tax_records_year ON tax_records (year, id);"
	"CREATE INDEX tax_records_province ON tax_records (region_province, year, id);"
	"CREATE INDEX tax_records_city ON tax_records (region_city, year, id);"
	"CREATE INDEX tax_records_county ON tax_records (region_county, year, id);"

	/* the overview: counters per region (each of a unit's three levels) and
	 * year — key = a declaration status, months_confirmed, months_counted,
	 * levy_fen, tax_records, <kind>_<request status>; and per region at year
	 * 0 the units */
	"CREATE TABLE region_overview (region TEXT NOT NULL, year INTEGER NOT NULL,"
	" key TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (region, year, key)) WITHOUT ROWID;"
	"INSERT INTO region_overview (region, year, key, n)"
	" SELECT l.region, 0, 'units', COUNT(*) FROM " UNIT_LEVELS " l GROUP BY l.region;"
	"INSERT INTO region_overview (region, year, key, n)"
	" SELECT l.region, d.year, d.status, COUNT(*) FROM declarations d JOIN " UNIT_LEVELS
	" l ON l.id = d.unit_id WHERE d.status <> 'open' GROUP BY l.region, d.year, d.status;"
	"INSERT INTO region_overview (region, year, key, n)"
	" SELECT l.region, d.year, 'months_confirmed', SUM(d.months_confirmed) FROM declarations d"
	" JOIN " UNIT_LEVELS " l ON l.id = d.unit_id GROUP BY l.region, d.year;"
	"INSERT INTO region_overview (region, year, key, n)"
	" SELECT l.region, d.year, 'months_counted', SUM(d.months_counted) FROM declarations d"
	" JOIN " UNIT_LEVELS " l ON l.id = d.unit_id GROUP BY l.region, d.year;"

	/* placement-months a registry import touched while their list was
	 * locked: re-checked when the declaration opens again (bit m = month m) */
	"CREATE TABLE recheck_deferred (unit_id BIGINT NOT NULL, year INTEGER NOT NULL,"
	" placement_id BIGINT NOT NULL, months INTEGER NOT NULL,"
	" PRIMARY KEY (unit_id, year, placement_id)) WITHOUT ROWID;";

/* Step 5 (issue 13): sessions get an id users can name, an
 * absolute end (ends_at; expires_at is the sooner of it and the idle
 * expiry), the address and client they came from; login failures are kept
 * per (account, address); idempotency keys are bound to their request; the
 * registry look-up budget is a ring of look-up times per account (one row
 * per look-up of the budget, never more). Sessions, failures and keys live
 * for hours: their tables start afresh (everyone signs in again), and so
 * does the budget (a step 2 run again over a newer store leaves it). */
static const char step5[] =
	"DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS login_failures;"
	" DROP TABLE IF EXISTS idempotency; DROP TABLE IF EXISTS registry_budget;"
	"CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" token_hash TEXT NOT NULL UNIQUE, user_id BIGINT NOT NULL, created_at BIGINT NOT NULL,"
	" ends_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, last_seen BIGINT NOT NULL,"
	" ip TEXT NOT NULL, user_agent TEXT NOT NULL);"
	"CREATE INDEX sessions_user ON sessions (user_id, id);"
	"CREATE INDEX sessions_expiry ON sessions (expires_at);"
	"CREATE TABLE login_failures (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" username TEXT NOT NULL, address TEXT NOT NULL, failed_at BIGINT NOT NULL);"
	"CREATE INDEX login_failures_pair ON login_failures (username, address, failed_at);"
	"CREATE INDEX login_failures_address ON login_failures (address, failed_at);"
	"CREATE INDEX login_failures_age ON login_failures (failed_at);"
	"CREATE TABLE idempotency (user_id BIGINT NOT NULL, idem_key TEXT NOT NULL,"
	" method TEXT NOT NULL, path TEXT NOT NULL, request_digest TEXT NOT NULL,"
	" status INTEGER NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,"
	" PRIMARY KEY (user_id, idem_key)) WITHOUT ROWID;"
	"CREATE INDEX idempotency_age ON idempotency (created_at);"
	"CREATE TABLE registry_budget (user_id BIGINT NOT NULL, slot INTEGER NOT NULL,"
	" used_at BIGINT NOT NULL, PRIMARY KEY (user_id, slot)) WITHOUT ROWID;";

/* Step 6 (issue 10, the review workbench): a dispatch placement's three
 * review items (劳务派遣资质, 三方协议, 劳动合同) as rows, and the audit read by
 * placement for its history. A placement saved by an older anzhid gets its
 * items at its next change. */
static const char step6[] =
	/* a store forced back to an older version runs this again after step 2
	 * started afresh: so does this step */
	"DROP TABLE IF EXISTS dispatch_items; DROP INDEX IF EXISTS audit_entity;"
	"CREATE TABLE dispatch_items (placement_id BIGINT NOT NULL"
	" REFERENCES placements (id) ON DELETE CASCADE, item TEXT NOT NULL, result TEXT,"
	" reviewer_id BIGINT, reviewer_name TEXT, reviewed_at TEXT, review_reason TEXT,"
	" PRIMARY KEY (placement_id, item)) WITHOUT ROWID;"
	"CREATE INDEX audit_entity ON audit (entity, entity_id, id);";

/* Step 7 (issue 12, after the declaration's step 4): the over-quota reward
 * and graduate applications (SPEC §5.4, §5.5): the unit fields the reward's
 * exclusions read, the applications with the persons and months they counted (as computed when applied), and their attachments.
 * The list's indexes: one per region level, with and without the status
 * filter, keyset (year, id). A store below this step has none of its tables
 * (a test's store set back to an older version may: they go first). */
static const char step7[] =
	"DROP TABLE IF EXISTS application_attachments; DROP TABLE IF EXISTS application_months;"
	" DROP TABLE IF EXISTS application_persons; DROP TABLE IF EXISTS applications;"
	"ALTER TABLE units ADD COLUMN institution_category TEXT;"
	"ALTER TABLE units ADD COLUMN concentrated INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE units ADD COLUMN vat_refund INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX units_province ON units (region_province, id);"
	"CREATE TABLE applications (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
	" unit_id BIGINT NOT NULL REFERENCES units (id), year INTEGER NOT NULL,"
	" status TEXT NOT NULL, channel TEXT NOT NULL, staff TEXT NOT NULL, placed TEXT NOT NULL,"
	" required TEXT, excess TEXT, persons_rewarded TEXT, multiplier TEXT, min_wage_fen BIGINT,"
	" amount_fen BIGINT NOT NULL, months_counted BIGINT NOT NULL,"
	" policy_version TEXT NOT NULL, bank_payee TEXT NOT NULL, bank_account TEXT NOT NULL,"
	" bank_name TEXT NOT NULL, applied_by BIGINT NOT NULL, applied_by_name TEXT NOT NULL,"
	" applied_at TEXT NOT NULL, first_by BIGINT, first_by_name TEXT, first_result TEXT,"
	" first_reason TEXT, first_at TEXT, second_by BIGINT, second_by_name TEXT,"
	" second_result TEXT, second_reason TEXT, second_at TEXT,"
	" region_province TEXT NOT NULL, region_city TEXT NOT NULL, region_county TEXT NOT NULL,"
	" version BIGINT NOT NULL, UNIQUE (kind, unit_id, year));"
	"CREATE INDEX applications_province ON applications (kind, region_province, year, id);"
	"CREATE INDEX applications_province_status ON applications"
	" (kind, region_province, status, year, id);"
	"CREATE INDEX applications_city ON applications (kind, region_city, year, id);"
	"CREATE INDEX applications_city_status ON applications (kind, region_city, status, year, id);"
	"CREATE INDEX applications_county ON applications (kind, region_county, year, id);"
	"CREATE INDEX applications_county_status ON applications"
	" (kind, region_county, status, year, id);"
	"CREATE TABLE application_persons (application_id BIGINT NOT NULL"
	" REFERENCES applications (id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
	" placement_id BIGINT NOT NULL, name_masked TEXT NOT NULL, idno_masked TEXT NOT NULL,"
	" counted INTEGER NOT NULL, reason TEXT, months_counted INTEGER NOT NULL,"
	" PRIMARY KEY (application_id, seq)) WITHOUT ROWID;"
	"CREATE TABLE application_months (application_id BIGINT NOT NULL"
	" REFERENCES applications (id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
	" month INTEGER NOT NULL, counted INTEGER NOT NULL, weight INTEGER NOT NULL, reason TEXT,"
	" PRIMARY KEY (application_id, seq, month)) WITHOUT ROWID;"
	"CREATE TABLE application_attachments (id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, filename TEXT NOT NULL, size BIGINT NOT NULL,"
	" content_type TEXT NOT NULL, digest TEXT NOT NULL, uploaded_at TEXT NOT NULL);"
	"CREATE INDEX application_attachments_list ON application_attachments"
	" (application_id, id);";

/* Step 8 (issue 12, after the reward's step 7): the user centre and
 * administration — accounts that can be disabled and carry a version and a second factor (the TOTP secret sealed
 * with DATA/totp.key; recovery codes as keyed hashes), service settings, the
 * business years with their filing deadline, a declaration reopened for
 * filing after it, notices addressed to a region subtree, registry imports
 * run by the service (status, who, rows, what the re-check touched) and
 * policy table versions. Runs again after a forced-back step 2 like step 3:
 * its own tables start afresh, step 2's are new again. */
static const char step8[] =
	"DROP TABLE IF EXISTS recovery_codes; DROP TABLE IF EXISTS settings;"
	" DROP TABLE IF EXISTS business_years; DROP TABLE IF EXISTS policy_tables;"
	"ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;"
	"ALTER TABLE users ADD COLUMN created_by BIGINT;"
	"ALTER TABLE users ADD COLUMN totp_state INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE users ADD COLUMN totp_secret BLOB;"
	"ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;"
	"CREATE INDEX users_unit ON users (unit, id);"
	"CREATE TABLE recovery_codes (user_id BIGINT NOT NULL, code_hash TEXT NOT NULL,"
	" used_at BIGINT, PRIMARY KEY (user_id, code_hash)) WITHOUT ROWID;"
	"CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL,"
	" version BIGINT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE business_years (year INTEGER PRIMARY KEY, open INTEGER NOT NULL,"
	" deadline TEXT, version BIGINT NOT NULL);"
	"ALTER TABLE declarations ADD COLUMN filing_reopened_at TEXT;"
	"ALTER TABLE declarations ADD COLUMN filing_reopened_by BIGINT;"
	"ALTER TABLE notices ADD COLUMN region TEXT;"
	"ALTER TABLE notices ADD COLUMN region_city TEXT;"
	"ALTER TABLE notices ADD COLUMN region_province TEXT;"
	"ALTER TABLE notices ADD COLUMN author_id BIGINT;"
	"CREATE INDEX notices_region ON notices (region, id);"
	"CREATE INDEX notices_city ON notices (region_city, id);"
	"CREATE INDEX notices_province ON notices (region_province, id);"
	"ALTER TABLE imports ADD COLUMN status TEXT NOT NULL DEFAULT 'done';"
	"ALTER TABLE imports ADD COLUMN rows_total BIGINT NOT NULL DEFAULT 0;"
	"ALTER TABLE imports ADD COLUMN user_id BIGINT;"
	"ALTER TABLE imports ADD COLUMN filename TEXT;"
	"ALTER TABLE imports ADD COLUMN error TEXT;"
	"ALTER TABLE imports ADD COLUMN rechecked_placements BIGINT NOT NULL DEFAULT 0;"
	"ALTER TABLE imports ADD COLUMN rechecked_months BIGINT NOT NULL DEFAULT 0;"
	"ALTER TABLE imports ADD COLUMN changed_placements BIGINT NOT NULL DEFAULT 0;"
	"CREATE TABLE policy_tables (id INTEGER PRIMARY KEY AUTOINCREMENT, region TEXT NOT NULL,"
	" version TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, body TEXT NOT NULL,"
	" digest TEXT NOT NULL, user_id BIGINT, uploaded_at TEXT NOT NULL,"
	" UNIQUE (region, version));";

/* Step 9 (after administration's step 8): the bytes of materials,
 * requests' files and applications' attachments move into the store (any instance serves any file): one blob
 * per BLAKE2b digest with the count of the files naming it, in 1 MiB chunks
 * (a rowid table: SQLite keeps large rows out of the key's b-tree pages that
 * way); each unit's stored bytes (all its files: one quota). Files an older
 * anzhid left in DATA/materials are taken in at the next start
 * (materials.c). Each statement may run again on a store that has it. */
static const char step9[] =
	"CREATE TABLE IF NOT EXISTS blobs (digest TEXT PRIMARY KEY, size BIGINT NOT NULL, refs BIGINT NOT NULL,"
	" created_at BIGINT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS blob_chunks (digest TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,"
	" PRIMARY KEY (digest, seq));"
	"CREATE INDEX IF NOT EXISTS materials_digest ON materials (digest);"
	"CREATE INDEX IF NOT EXISTS request_files_digest ON request_files (digest);"
	"CREATE INDEX IF NOT EXISTS application_attachments_digest"
	" ON application_attachments (digest);"
	"CREATE TABLE IF NOT EXISTS unit_storage (unit_id BIGINT PRIMARY KEY, bytes BIGINT NOT NULL) WITHOUT ROWID;"
	"INSERT INTO unit_storage (unit_id, bytes) SELECT f.unit_id, SUM(f.size) FROM"
	" (SELECT p.unit_id, m.size FROM materials m JOIN placements p ON p.id = m.placement_id"
	" UNION ALL SELECT r.unit_id, rf.size FROM request_files rf"
	" JOIN requests r ON r.id = rf.request_id"
	" UNION ALL SELECT a.unit_id, aa.size FROM application_attachments aa"
	" JOIN applications a ON a.id = aa.application_id) f"
	" WHERE true GROUP BY f.unit_id ON CONFLICT (unit_id) DO NOTHING;";

const struct migration migrations_sqlite[] = {
	{ 2, step2 },
	{ 3, step3 },
	{ 4, step4 },
	{ 5, step5 },
	{ 6, step6 },
	{ 7, step7 },
	{ 8, step8 },
	{ 9, step9 },
};

const int migrations_sqlite_count = (int)(sizeof migrations_sqlite / sizeof migrations_sqlite[0]);
