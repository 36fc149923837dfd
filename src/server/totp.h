/* totp — the second factor: RFC 6238 time-based one-time codes (30 s
 * steps, 6 digits, HMAC-SHA-1, what authenticator apps use) through liboath,
 * the secret sealed at rest with a key of the data directory (libsodium
 * secretbox, DATA/totp.key, 0600), one-time recovery codes kept as keyed
 * hashes, and the administrator's setting of which roles must have one.
 * libsodium has no SHA-1, which RFC 6238's apps and test vectors need:
 * hence liboath (LGPL, linked dynamically). */
#ifndef ANZHI_SERVER_TOTP_H
#define ANZHI_SERVER_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "server/srv.h"

#define TOTP_DIGITS 6
#define TOTP_STEP 30
#define TOTP_SECRET_BYTES 20          /* 160 bits, RFC 4226's recommendation */
#define TOTP_BASE32_MAX 40
#define TOTP_RECOVERY_CODES 10
#define TOTP_RECOVERY_CHARS 11        /* "abcde-fghij" */
#define TOTP_SETTING "totp_required_roles"

/* Loads DATA/totp.key, making it (random, 0600) on first use. */
int totp_init(const char *data_dir, char *err, size_t errlen);

/* The code for time t (Unix seconds) of a raw secret; 0 on success. */
int totp_code(const unsigned char *secret, size_t len, int64_t t, char out[TOTP_DIGITS + 1]);
/* 0 when code is the code of now's step or of one step either side (clocks
 * drift); *step receives the step it matched. -1 otherwise. */
int totp_match(const unsigned char *secret, size_t len, int64_t now, const char *code,
	       int64_t *step);

/* Seals / opens a secret with the data directory's key. */
int totp_seal(const unsigned char *secret, size_t len, unsigned char *out, size_t cap,
	      size_t *outlen);
int totp_open(const unsigned char *sealed, size_t len, unsigned char *secret, size_t cap,
	      size_t *outlen);

/* RFC 4648 base32 without padding, as authenticator apps take it. */
int totp_base32(const unsigned char *secret, size_t len, char *out, size_t cap);
/* otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30 */
void totp_uri(const char *account, const char *base32, char *out, size_t cap);

/* A random recovery code "abcde-fghij" (base32 letters and digits, 50 bits) and
 * its keyed hash for the store (what the user types is normalised: case,
 * spaces and dashes do not matter). */
void totp_recovery_code(char out[TOTP_RECOVERY_CHARS + 1]);
int totp_recovery_hash(int64_t user_id, const char *code, char hex[65]);

/* The roles the administrator requires a second factor of ("unit,reviewer"),
 * "" when none. */
int totp_required_roles(struct store *st, char *out, size_t cap);
/* True when role is in the list of totp_required_roles. */
int totp_role_listed(const char *roles, const char *role);
/* True when rq's user must enrol before anything else (http.c answers 403
 * `totp_enrolment_required` to all but the ROUTE_ENROL routes). */
int totp_enrolment_due(struct srv_req *rq);

/* The login's second step (h_session.c): after the password was right. */
enum totp_login { TOTP_LOGIN_PASS, TOTP_LOGIN_ANSWERED, TOTP_LOGIN_WRONG };
/* PASS: no factor needed, or the code / recovery code in rq->body is good
 * (and now used); ANSWERED: 401 `totp_required` in rp (no code sent);
 * WRONG: a wrong, replayed or used code — the caller counts it as a failed
 * login. */
enum totp_login totp_login_check(struct srv_req *rq, struct srv_reply *rp,
				 const struct srv_user *u);

#endif
