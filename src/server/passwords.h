/* passwords — what a new password must be (every account, every way it is
 * set: an agent made by its unit, an account made or reset by the admin, a
 * user changing their own), and a password hashed or checked on the
 * hashing pool between two steps of a write (no request thread runs
 * argon2id: see srv_defer_work). */
#ifndef ANZHI_SERVER_PASSWORDS_H
#define ANZHI_SERVER_PASSWORDS_H

#include <sodium.h>
#include <stddef.h>

#include "server/srv.h"

#define PASSWORD_MIN 8
#define PASSWORD_MAX 200

/* 0 when pw may be username's new password; else -1 and why (English). */
int password_acceptable(const char *username, const char *pw, char *why, size_t len);

/* A job for the pool: verify `check` against check_hash, then (when that
 * passed or nothing was to be checked) hash `make`. The passwords are copied
 * into locked memory and wiped once used. */
struct pwjob {
	char *check, *make;
	char check_hash[crypto_pwhash_STRBYTES];
	int check_ok;
	char made[crypto_pwhash_STRBYTES];
	int made_ok;
	struct srv_ctx *ctx;
	int64_t attempt;   /* a limiter attempt (auth_limit_take) the check stands for */
	int ran;
};

/* Makes the job (owned by rq: freed when the request ends) and defers it
 * to the pool; the handler is called again with step 1 and finds it in
 * rq->step_state. check/check_hash or make may be NULL. -1 with a 500 in rp
 * when it cannot. */
int pwjob_defer(struct srv_req *rq, struct srv_reply *rp, const char *check,
		const char *check_hash, const char *make);
/* The same for a check the limiter counted as attempt: a job dropped before
 * it ran (the pool full, stopping) is no guess and the attempt is forgotten. */
int pwjob_defer_counted(struct srv_req *rq, struct srv_reply *rp, int64_t attempt,
			const char *check, const char *check_hash, const char *make);

#endif
