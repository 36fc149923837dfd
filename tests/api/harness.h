/* harness — what every API test needs: a real anzhid on a free loopback
 * port with a temporary data directory (and the demo), and HTTPS calls to it
 * with libcurl, pinned to the key the server printed. */
#ifndef ANZHI_TESTS_API_HARNESS_H
#define ANZHI_TESTS_API_HARNESS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "tests/api/record.h"

/* Every test binary runs its group through the recorder, so each exchange is
 * recorded under the name of the test that made it (see record.h). */
#undef cmocka_run_group_tests_name
#define cmocka_run_group_tests_name(group, tests, setup, teardown) \
	record_run_group(group, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)

struct server {
	pid_t pid;
	int port;
	char dir[256];
	char db[80];             /* PostgreSQL runs: the database's URI, else "" */
	char pin[128];
	char base[64];           /* https://127.0.0.1:PORT/api/v1 */
	json_t *demo;            /* DIR/demo-accounts.json */
	char log[300];           /* the server's stderr (removed with the data) */
	int out_fd;
};

struct resp {
	long status;
	char *body;
	size_t len;
	json_t *json;            /* parsed body when JSON */
	char etag[32];
	char retry_after[16];
	char content_type[96];
	json_t *headers;         /* every response header, lower-case name → value */
};

/* One part of a multipart body: a form value (filename NULL) or a file. */
struct part {
	const char *name;
	const char *filename;
	const void *data;
	size_t len;
};

/* Starts anzhid with --demo plus extra args (NULL-terminated list, may be
 * NULL). dir: reuse this data directory when not NULL. 0 on success.
 * With ANZHI_TEST_BACKEND=postgresql in the environment (tests/run under
 * tests/pgenv) the records go to a PostgreSQL database of the data
 * directory's own (--db), made on first start, dropped with the directory. */
int server_start(struct server *s, const char *dir, const char *const *extra);
/* SIGTERM and wait; returns the exit status (or -1). keep: leave the data dir. */
int server_stop(struct server *s, int keep);

/* 1 when the tests run on PostgreSQL. */
int backend_is_pg(void);
/* The database URI (PostgreSQL) or file (SQLite) of data directory dir. */
void server_db_of(const char *dir, char *out, size_t len);
/* "--data DIR" for the anzhid verbs, with "--db URI" on PostgreSQL (a
 * buffer of the caller's thread, good until the next call). */
const char *store_args(const char *dir);
/* Runs one SQL query on the server's store with its backend's command-line
 * client (sqlite3 or psql): the first row into out, columns joined by '|'.
 * 0 when the query ran. */
int db_query(const struct server *s, const char *sql, char *out, size_t len);
/* Runs `anzhid ARGS` (the $ANZHID binary) through the shell, stdin from
 * input (one line) when not NULL; stdout and stderr into out. Returns the
 * exit status. */
int anzhid_run(const char *args, const char *input, char *out, size_t outlen);

/* One call. body may be NULL; headers is a NULL-terminated list or NULL.
 * path is under /api/v1. Returns 0 when the exchange happened, and records it. */
int http(struct server *s, const char *method, const char *path, const char *token,
	 const char *body, const char *const *headers, struct resp *r);
/* The same from a loopback source address of 127/8 (the kernel routes all
 * of it to lo): the service sees the call come from there. NULL: 127.0.0.1. */
int http_from(struct server *s, const char *source, const char *method, const char *path,
	      const char *token, const char *body, const char *const *headers, struct resp *r);
/* Multipart upload of kind + file (bytes, with a filename). */
int upload(struct server *s, const char *path, const char *token, const char *kind,
	   const char *filename, const void *data, size_t len, struct resp *r);
/* A request whose body declares `declared` bytes (Content-Length) and would
 * send them all, without "Expect: 100-continue": *sent receives how many
 * bytes libcurl took before the answer stopped it. headers may add a
 * Content-Type (default application/json). */
int http_stream(struct server *s, const char *method, const char *path, const char *token,
		uint64_t declared, const char *const *headers, uint64_t *sent, struct resp *r);
/* upload() with an Idempotency-Key (NULL: none). */
int upload_keyed(struct server *s, const char *path, const char *token, const char *idem_key,
		 const char *kind, const char *filename, const void *data, size_t len,
		 struct resp *r);
/* Multipart upload of any parts, in order. */
int upload_parts(struct server *s, const char *path, const char *token,
		 const struct part *parts, size_t n, struct resp *r);
void resp_free(struct resp *r);
/* The value of header name (case-insensitive) in r, or NULL. */
const char *resp_header(struct resp *r, const char *name, char *out, size_t len);

/* Adds an account with `anzhid user add` on the running server's data (role
 * reviewer/supervisor with region, or unit/agent with the unit's USCC in
 * region). 0 on success. */
int server_add_user(struct server *s, const char *username, const char *role,
		    const char *region, const char *password);

/* Logs in; returns a malloc'd token or NULL. */
char *login(struct server *s, const char *user, const char *password);
/* The demo account's unit USCC / the addable ID numbers. */
const char *demo_unit_of(struct server *s, const char *user);
const char *demo_addable(struct server *s, size_t i);

/* The string at a JSON path like "counts.registered" or "items.0.id" in r. */
json_t *jget(json_t *root, const char *path);
const char *jstr(json_t *root, const char *path);
long long jint(json_t *root, const char *path);

/* ID numbers and certificate numbers computed with the core (valid ones). */
void make_idno(const char *first17, char out[19]);

#endif
