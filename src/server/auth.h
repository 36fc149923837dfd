/* auth — passwords (argon2id, at most two hashes at once, never on a
 * request thread: see defer.h and h_session.c), session tokens
 * (32 random bytes, stored only as their BLAKE2b hash, 8 h sliding idle
 * expiry) and the login rate limit. */
#ifndef ANZHI_SERVER_AUTH_H
#define ANZHI_SERVER_AUTH_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct srv_user;

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
/* A new token for user_id: token (base64url, NUL-terminated) → store. */
int auth_session_create(struct store *st, int64_t user_id, char token[AUTH_TOKEN_CHARS]);
void auth_token_hash(const char *token, char hex[65]);
/* "Bearer TOKEN" → the user, sliding the session's expiry. 0 when valid. */
int auth_bearer(struct store *st, const char *header, struct srv_user *u);

/* Milliseconds to hold the answer to a failed login, asked after the
 * failure was recorded (auth_limit_failed). No thread waits for it: the
 * login handler sets a timer (srv_defer_delay). The place for a delay that
 * grows per (account, address). */
#define AUTH_FAILURE_DELAY_MS 200
long auth_failure_delay_ms(struct store *st, const char *username, const char *ip);

/* Login limiting: 5 failures / 15 min per account, 20 per address → wait.
 * auth_limit_check returns seconds to wait (0 = go ahead). The failures are
 * rows in the store. */
int auth_limit_check(struct store *st, const char *username, const char *ip);
void auth_limit_failed(struct store *st, const char *username, const char *ip);
void auth_limit_succeeded(struct store *st, const char *username);

#endif
