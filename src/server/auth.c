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

#define LIMIT_WINDOW 900
#define LIMIT_ACCOUNT 5
#define LIMIT_ADDRESS 20
#define LIMIT_SLOTS 256

struct limit_entry {
	char key[96];
	time_t fails[LIMIT_ADDRESS]; /* ring of failure times */
	int next;
};

static struct limit_entry limits[LIMIT_SLOTS];
static pthread_mutex_t limits_lock = PTHREAD_MUTEX_INITIALIZER;

static struct limit_entry *entry(const char *kind, const char *name, int create)
{
	char key[96];
	snprintf(key, sizeof key, "%s:%s", kind, name);
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	/* Open addressing; when full, the oldest-looking slot is reused. */
	for (int i = 0; i < LIMIT_SLOTS; i++) {
		struct limit_entry *e = &limits[(h + (uint64_t)i) % LIMIT_SLOTS];
		if (strcmp(e->key, key) == 0)
			return e;
		if (!e->key[0]) {
			if (!create)
				return NULL;
			snprintf(e->key, sizeof e->key, "%s", key);
			return e;
		}
	}
	if (!create)
		return NULL;
	struct limit_entry *e = &limits[h % LIMIT_SLOTS];
	memset(e, 0, sizeof *e);
	snprintf(e->key, sizeof e->key, "%s", key);
	return e;
}

/* Seconds until the entry allows another try, given the limit. */
static int wait_for(const struct limit_entry *e, int limit, time_t now)
{
	int recent = 0;
	time_t oldest_recent = now;
	if (!e)
		return 0;
	for (int i = 0; i < LIMIT_ADDRESS; i++)
		if (e->fails[i] && now - e->fails[i] < LIMIT_WINDOW) {
			recent++;
			if (e->fails[i] < oldest_recent)
				oldest_recent = e->fails[i];
		}
	if (recent < limit)
		return 0;
	return (int)(oldest_recent + LIMIT_WINDOW - now) + 1;
}

int auth_limit_check(const char *username, const char *ip)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&limits_lock);
	int a = wait_for(entry("u", username, 0), LIMIT_ACCOUNT, now);
	int b = wait_for(entry("a", ip, 0), LIMIT_ADDRESS, now);
	pthread_mutex_unlock(&limits_lock);
	return a > b ? a : b;
}

void auth_limit_failed(const char *username, const char *ip)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&limits_lock);
	struct limit_entry *e = entry("u", username, 1);
	e->fails[e->next] = now;
	e->next = (e->next + 1) % LIMIT_ACCOUNT;
	e = entry("a", ip, 1);
	e->fails[e->next] = now;
	e->next = (e->next + 1) % LIMIT_ADDRESS;
	pthread_mutex_unlock(&limits_lock);
}

void auth_limit_succeeded(const char *username)
{
	pthread_mutex_lock(&limits_lock);
	struct limit_entry *e = entry("u", username, 0);
	if (e)
		memset(e->fails, 0, sizeof e->fails);
	pthread_mutex_unlock(&limits_lock);
}
