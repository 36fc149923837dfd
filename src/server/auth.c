/* auth — see auth.h. The semaphore bounds argon2's memory (64 MiB per hash
 * at MEMLIMIT_INTERACTIVE) whatever the thread count. */
#include "server/auth.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/srv.h"
#include "server/store.h"

static sem_t hash_slots;
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

/* A real hash to verify against when the username is unknown, so a miss
 * costs as much as a wrong password and timing does not reveal accounts. */
static void make_dummy(void)
{
	auth_hash_password("no such user: not a password", dummy_hash);
}

const char *auth_dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy_hash;
}

int auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return sem_init(&hash_slots, 0, 2);
}

static void slot_take(void)
{
	while (sem_wait(&hash_slots) != 0)
		;
}

int auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES])
{
	slot_take();
	int rc = crypto_pwhash_str(out, password, strlen(password),
				   crypto_pwhash_OPSLIMIT_INTERACTIVE,
				   crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sem_post(&hash_slots);
	return rc;
}

int auth_verify_password(const char *hash, const char *password)
{
	slot_take();
	int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	sem_post(&hash_slots);
	return rc;
}

void auth_token_hash(const char *token, char hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

int auth_session_create(struct store *st, int64_t user_id, char token[AUTH_TOKEN_CHARS])
{
	unsigned char raw[32];
	char hex[65];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, AUTH_TOKEN_CHARS, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	auth_token_hash(token, hex);
	return store_session_add(st, hex, user_id, (int64_t)time(NULL) + AUTH_IDLE_SECONDS) ==
			       STORE_OK ? 0 : -1;
}

int auth_bearer(struct store *st, const char *header, struct srv_user *u)
{
	char hex[65];
	int64_t uid;
	if (!header || strncmp(header, "Bearer ", 7) != 0)
		return -1;
	const char *tok = header + 7;
	if (strlen(tok) < 20 || strlen(tok) > 100)
		return -1;
	auth_token_hash(tok, hex);
	if (store_session_touch(st, hex, (int64_t)time(NULL), AUTH_IDLE_SECONDS, &uid) != STORE_OK)
		return -1;
	return store_user_by_id(st, uid, u) == STORE_OK ? 0 : -1;
}

long auth_failure_delay_ms(struct store *st, const char *username, const char *ip)
{
	(void)st;
	(void)username;
	(void)ip;
	return AUTH_FAILURE_DELAY_MS;
}

/* ------------------------------------------------------------ rate limit */

/* Failures live in the store (login_failures), so every instance on one
 * database counts the same ones. */
#define LIMIT_WINDOW 900
#define LIMIT_ACCOUNT 5
#define LIMIT_ADDRESS 20

/* Seconds until scope/name allows another try: the limit-th latest failure
 * in the window must first leave it. */
static int wait_for(struct store *st, const char *scope, const char *name, int limit,
		    int64_t now)
{
	int count;
	int64_t nth;
	if (store_login_failures(st, scope, name, now - LIMIT_WINDOW, limit, &count, &nth) !=
	    STORE_OK || count < limit)
		return 0;
	return (int)(nth + LIMIT_WINDOW - now) + 1;
}

int auth_limit_check(struct store *st, const char *username, const char *ip)
{
	int64_t now = (int64_t)time(NULL);
	int a = wait_for(st, "account", username, LIMIT_ACCOUNT, now);
	int b = wait_for(st, "address", ip, LIMIT_ADDRESS, now);
	return a > b ? a : b;
}

void auth_limit_failed(struct store *st, const char *username, const char *ip)
{
	int64_t now = (int64_t)time(NULL);
	store_login_failure_add(st, "account", username, now);
	store_login_failure_add(st, "address", ip, now);
}

void auth_limit_succeeded(struct store *st, const char *username)
{
	store_login_failures_clear(st, "account", username, (int64_t)time(NULL) - LIMIT_WINDOW);
}
