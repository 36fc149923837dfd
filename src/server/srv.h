/* srv — the types every part of anzhid shares: the service context, one
 * request as a handler sees it, and the reply it fills. No libmicrohttpd or
 * SQLite types here: handlers see only these and store.h. */
#ifndef ANZHI_SERVER_SRV_H
#define ANZHI_SERVER_SRV_H

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/policy.h"
#include "core/regions.h"

struct store;
struct policy_library;

enum srv_role {
	SRV_ROLE_UNIT = 1,
	SRV_ROLE_AGENT = 2,
	SRV_ROLE_REVIEWER = 4,
	SRV_ROLE_SUPERVISOR = 8,
	SRV_ROLE_ADMIN = 16,
};
#define SRV_ROLES_UNIT (SRV_ROLE_UNIT | SRV_ROLE_AGENT)
#define SRV_ROLES_REGION (SRV_ROLE_REVIEWER | SRV_ROLE_SUPERVISOR)
#define SRV_ROLES_ALL 31

/* What app_open does with a store whose schema is older than this binary's
 * (a new, empty store always gets the schema). */
enum srv_schema {
	SRV_SCHEMA_REFUSE,       /* serve and most verbs: say "run anzhid migrate" */
	SRV_SCHEMA_MIGRATE,      /* anzhid migrate */
	SRV_SCHEMA_AS_IS,        /* anzhid backup: copy it untouched */
};

struct srv_config {
	char data_dir[1024];
	char db[1100];           /* the store: a postgresql:// URI, else DATA/anzhid.db */
	char datadir[1024];      /* shipped data: regions, policy (ANZHI_DATADIR) */
	char listen_host[64];
	int port;
	int threads;
	int year;                /* business year */
	int demo;
	int schema;              /* enum srv_schema: what app_open does to an older schema */
	uint64_t max_upload;     /* bytes per material */
	uint64_t max_json;       /* bytes per JSON body */
	int drain_seconds;       /* on SIGTERM: how long requests under way may finish */
	int head_timeout;        /* s: a request head must be complete within (connguard) */
	int body_timeout;        /* s: a body's base allowance… */
	uint64_t min_body_rate;  /* …plus a second per this many bytes declared */
	int max_connections;     /* in all */
	int max_connections_per_ip; /* 0: no limit (behind a proxy) */
	int session_lifetime;    /* s: a session ends this long after its login */
	int sessions_per_user;   /* a login beyond ends the user's oldest session */
};

struct srv_ctx {
	struct srv_config cfg;
	pthread_mutex_t stores_lock;
	struct store *stores[64]; /* one per worker thread, closed at shutdown */
	int nstores;
	struct region_table regions;
	struct policy policy;
	int have_policy;
	json_t *review_reasons;   /* GET /review/reasons (data/review-reasons.json) */
	struct policy_library *policies;   /* 政策法规 (policies.h), NULL until loaded */
};

struct srv_user {
	int64_t id;
	char username[64];
	char display_name[96];
	char role[16];
	char unit[24];
	char region[16];
	int role_bit;
	int disabled;            /* may not log in; its sessions were ended */
	int totp_on;             /* a confirmed second factor */
	int64_t version;
};

/* One file part of a multipart upload that http.c streamed to a temporary
 * file (upload.c). */
struct srv_upload {
	char filename[256];      /* as sent, last path component; checked by the handler */
	int filename_too_long;   /* it did not fit: over 255 bytes */
	char tmp_path[1200];
	uint64_t size;
	char digest[129];        /* blake2b-256 hex */
	char content_type[32];   /* by structure (filecheck), "" when not JPEG/PNG/PDF */
	char damaged[128];       /* why a JPEG/PNG/PDF is damaged or incomplete, else "" */
	int too_large;
	int has_file;
	int fd;
	void *hash_state;        /* crypto_generichash_state */
};

struct upload_rule;

#define SRV_FORM_FILES 8
#define SRV_FORM_TEXT 2000
#define SRV_FORM_VALUES 4

/* A multipart body under its route's rule (upload.h): one text part and up
 * to the rule's number of file parts. */
struct srv_form {
	const struct upload_rule *rule;
	char text[SRV_FORM_TEXT + 1]; /* the rule's text part (a material's kind, a reason) */
	size_t text_len;
	int text_too_long;       /* longer than the rule keeps */
	struct srv_upload files[SRV_FORM_FILES];
	int nfiles;              /* file parts kept */
	int file_parts;          /* file parts seen: more than the rule takes is refused */
	int part_open;           /* the current part began with an empty piece */
	int too_large;           /* a file went past the size cap */
	struct {                 /* other small values (an import's source, as_of) */
		char name[16];
		char value[64];  /* truncated past 63 bytes: the handler refuses it */
	} values[SRV_FORM_VALUES];
	int nvalues;
};

#define SRV_MAX_PARAMS 4

struct srv_req {
	struct srv_ctx *ctx;
	struct store *st;
	const char *method;
	const char *path;
	char params[SRV_MAX_PARAMS][96];
	int nparams;
	json_t *body;            /* parsed JSON body, NULL when none */
	char if_match[32];
	int has_if_match;
	char idem_key[72];
	char ip[64];
	struct srv_user user;
	int authed;
	int64_t session_id;      /* the session the request came with (authed) */
	struct srv_form *form;   /* a multipart body (ROUTE_UPLOAD), else unused */
	struct srv_upload *upload; /* its first file */
	void *conn;              /* opaque: http.c uses it for query lookups */
	int step;                /* 0 on the first call; +1 after each srv_defer_* */
	void *step_state;        /* a handler's state across steps, freed with… */
	void (*step_free)(void *state); /* …this when the request ends */
};

struct srv_reply {
	int status;
	json_t *body;            /* owned; NULL for 204 */
	char *text;              /* owned: a JSON body already written (jsonw), else NULL */
	size_t text_len;
	int problem;
	char etag[32];
	int retry_after;
	int file_fd;             /* >= 0: send this file */
	uint64_t file_size;
	char content_type[64];
	char download_name[256]; /* with file_fd or a stream: sent as an attachment of this name */
	/* else, when set: a body of stream_size bytes read piece by piece while
	 * it goes out (materials from the store): stream_read copies up to max
	 * bytes from pos into buf and returns how many, SRV_STREAM_END past the
	 * end or SRV_STREAM_ERROR (the connection is cut); stream_free(arg) when
	 * the response is done with it. */
	ssize_t (*stream_read)(void *arg, uint64_t pos, char *buf, size_t max);
	void (*stream_free)(void *arg);
	void *stream_arg;
	uint64_t stream_size;
};
#define SRV_STREAM_END (-1)
#define SRV_STREAM_ERROR (-2)

typedef void (*srv_handler)(struct srv_req *rq, struct srv_reply *rp);

/* A handler may finish later without holding its thread: it calls one of
 * these and returns (rp untouched); http.c suspends the connection and calls
 * the handler again, with rq->step + 1, once work(arg) ran on the hashing
 * pool or ms passed. Keep what the next step needs in rq->step_state. In a
 * ROUTE_WRITE route each step is its own transaction: what a step wrote
 * before deferring is committed. When the service cannot take the step (its
 * queue is full, it is stopping), http.c answers 503 `unavailable` with
 * Retry-After instead and the handler is not called again. -1 (a 500 in rp)
 * only when misused: a second request in one step (implemented in http.c). */
int srv_defer_work(struct srv_req *rq, struct srv_reply *rp, void (*work)(void *arg),
		   void *arg);
int srv_defer_delay(struct srv_req *rq, struct srv_reply *rp, long ms);

/* Query-string value or NULL (implemented in http.c). */
const char *srv_query(struct srv_req *rq, const char *key);
/* Request header value or NULL (implemented in http.c). */
const char *srv_header(struct srv_req *rq, const char *name);
/* This thread's store connection, opened on first use. */
struct store *srv_store(struct srv_ctx *ctx);

/* Replies. srv_json takes ownership of body; srv_json_text of text (JSON
 * written by jsonw, len bytes). */
void srv_json(struct srv_reply *rp, int status, json_t *body);
void srv_json_text(struct srv_reply *rp, int status, char *text, size_t len);
void srv_etag(struct srv_reply *rp, json_int_t version);
/* Fills an RFC 9457 problem; returns status for convenience. */
int srv_problem(struct srv_reply *rp, int status, const char *code, const char *field,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
