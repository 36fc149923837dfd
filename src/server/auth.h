/* auth — passwords (argon2id, at most two hashes at once, never on a
 * request thread: see defer.h and h_session.c), session tokens
 * (32 random bytes, stored only as their BLAKE2b hash, 8 h sliding idle
 * expiry within an absolute lifetime, a cap per user) and the login rate
 * limit. */
#ifndef ANZHI_SERVER_AUTH_H
#define ANZHI_SERVER_AUTH_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct srv_reply;
struct srv_user;
struct srv_config;

#define AUTH_IDLE_SECONDS (8 * 3600)
#define AUTH_TOKEN_CHARS 64
/* Longest username (bytes) an account may have and a login may name. */
#define AUTH_USERNAME_MAX 60

int auth_init(void);
/* argon2id string (crypto_pwhash_STRBYTES). 0 on success. */
int auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES]);
int auth_verify_password(const char *hash, const char *password);
/* A valid argon2id hash of nothing anyone knows (made once, on first use). */
const char *auth_dummy_hash(void);
/* A new session for user_id, from ip with user_agent (kept cleaned, at most
 * AUTH_AGENT_MAX bytes, for the user's list of sessions): token (base64url,
 * NUL-terminated) → store. It ends after cfg->session_lifetime s however
 * busy, and a user has at most cfg->sessions_per_user (the oldest end). */
#define AUTH_AGENT_MAX 200
int auth_session_create(struct store *st, const struct srv_config *cfg, int64_t user_id,
			const char *ip, const char *user_agent, char token[AUTH_TOKEN_CHARS]);
void auth_token_hash(const char *token, char hex[65]);
/* "Bearer TOKEN" → the user and the session's id, sliding the session's
 * idle expiry. 0 when valid. */
int auth_bearer(struct store *st, const char *header, struct srv_user *u, int64_t *session_id);

/* The login limiter. A failure counts for 15 minutes, per (account as typed,
 * address) and per address: 5 at one account from one address, or 20 from
 * one address at any accounts, and that address waits (429) — the account
 * itself is never locked, so failures from other addresses never keep its
 * user out. auth_limit_begin counts the attempt as a failure before its
 * password is hashed (attempts sent at once cannot pass together); it
 * returns the seconds to wait (0: go ahead, *attempt = its row), -1 when the
 * store failed. The attempt stays a failure unless auth_limit_succeeded
 * (which forgets the pair's failures) or auth_limit_forget (it never got to
 * its hash). */
int auth_limit_begin(struct store *st, const char *username, const char *ip, int64_t *attempt);
/* The same inside the caller's write transaction (a request's own secret
 * checked again: the current password, a second-factor code). The count
 * stands only when that transaction commits: the handler defers a step
 * (srv_defer_work, srv_defer_delay), which commits what it wrote. */
int auth_limit_take(struct store *st, const char *username, const char *ip, int64_t *attempt);
/* Answers a wait of auth_limit_begin or _take that is not 0 (429 with
 * Retry-After, or 503 when the store failed) and returns -1; 0 to go on. */
int auth_limit_answer(struct srv_reply *rp, int wait);
void auth_limit_succeeded(struct store *st, const char *username, const char *ip);
void auth_limit_forget(struct store *st, int64_t attempt);
/* Milliseconds to hold the answer to a failed login: 200 for the pair's
 * first failure in the window, twice as long for each next one, up to
 * 3200. No thread waits for it: the login handler sets a timer
 * (srv_defer_delay). */
long auth_failure_delay_ms(struct store *st, const char *username, const char *ip);

#endif
