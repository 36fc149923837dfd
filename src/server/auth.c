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

/* A User-Agent kept for the user's list of sessions: printable ASCII (what
 * RFC 9110 allows; anything else becomes '?'), at most AUTH_AGENT_MAX bytes. */
static void agent_clean(const char *ua, char out[AUTH_AGENT_MAX + 1])
{
	size_t n = 0;
	for (; ua && ua[n] && n < AUTH_AGENT_MAX; n++)
		out[n] = ua[n] >= 0x20 && ua[n] < 0x7f ? ua[n] : '?';
	out[n] = '\0';
}

int auth_session_create(struct store *st, const struct srv_config *cfg, int64_t user_id,
			const char *ip, const char *user_agent, char token[AUTH_TOKEN_CHARS])
{
	unsigned char raw[32];
	char hex[65], agent[AUTH_AGENT_MAX + 1];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, AUTH_TOKEN_CHARS, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	auth_token_hash(token, hex);
	agent_clean(user_agent, agent);
	struct session_new n = { .token_hash = hex, .user_id = user_id,
				 .now = (int64_t)time(NULL), .idle = AUTH_IDLE_SECONDS,
				 .lifetime = cfg->session_lifetime, .ip = ip, .user_agent = agent,
				 .cap = cfg->sessions_per_user };
	return store_session_add(st, &n) == STORE_OK ? 0 : -1;
}

int auth_bearer(struct store *st, const char *header, struct srv_user *u, int64_t *session_id)
{
	char hex[65];
	int64_t uid;
	if (!header || strncmp(header, "Bearer ", 7) != 0)
		return -1;
	const char *tok = header + 7;
	if (strlen(tok) < 20 || strlen(tok) > 100)
		return -1;
	auth_token_hash(tok, hex);
	if (store_session_touch(st, hex, (int64_t)time(NULL), AUTH_IDLE_SECONDS, &uid,
				session_id) != STORE_OK)
		return -1;
	return store_user_by_id(st, uid, u) == STORE_OK && !u->disabled ? 0 : -1;
}

/* ------------------------------------------------------------ rate limit */

/* Failures are rows in the store (login_failures), so every instance on one
 * database counts the same ones; a failure counts for LIMIT_WINDOW s. */
#define LIMIT_WINDOW 900
#define LIMIT_PAIR 5       /* at one account from one address */
#define LIMIT_ADDRESS 20   /* from one address, at any accounts */
#define DELAY_FIRST_MS 200 /* the pair's first failure is answered this late, */
#define DELAY_MAX_MS 3200  /* each next one twice as late, up to this */

/* Seconds until (username, ip) — or ip alone, username NULL — may try again:
 * the limit-th latest failure in the window must first leave it. */
static int wait_for(struct store *st, const char *username, const char *ip, int limit,
		    int64_t now)
{
	int count;
	int64_t nth;
	if (store_login_failures(st, username, ip, now - LIMIT_WINDOW, limit, &count, &nth) !=
	    STORE_OK)
		return -1;
	return count < limit ? 0 : (int)(nth + LIMIT_WINDOW - now) + 1;
}

int auth_limit_take(struct store *st, const char *username, const char *ip, int64_t *attempt)
{
	int64_t now = (int64_t)time(NULL);
	*attempt = 0;
	/* Attempts from one address sent at once, to any instance, wait for
	 * each other here until the caller's transaction ends. */
	if (store_login_failures_lock(st, ip) != STORE_OK)
		return -1;
	int a = wait_for(st, username, ip, LIMIT_PAIR, now);
	int b = a < 0 ? -1 : wait_for(st, NULL, ip, LIMIT_ADDRESS, now);
	int wait = a < 0 || b < 0 ? -1 : a > b ? a : b;
	if (wait == 0 && store_login_failure_add(st, username, ip, now, now - LIMIT_WINDOW,
						 attempt) != STORE_OK)
		wait = -1;
	return wait;
}

int auth_limit_begin(struct store *st, const char *username, const char *ip, int64_t *attempt)
{
	/* Checked and counted in one transaction: attempts sent at once see
	 * each other. */
	if (store_begin(st) != STORE_OK)
		return -1;
	int wait = auth_limit_take(st, username, ip, attempt);
	if (wait < 0 || store_commit(st) != STORE_OK) {
		store_rollback(st);
		*attempt = 0;
		return -1;
	}
	return wait;
}

int auth_limit_answer(struct srv_reply *rp, int wait)
{
	if (wait < 0) {
		srv_problem(rp, 503, "unavailable", NULL, "busy: try again in a second");
		rp->retry_after = 1;
		return -1;
	}
	if (wait > 0) {
		srv_problem(rp, 429, "rate_limited", NULL, "too many failed logins: wait %d s", wait);
		rp->retry_after = wait;
		return -1;
	}
	return 0;
}

void auth_limit_forget(struct store *st, int64_t attempt)
{
	if (attempt > 0)
		store_login_failure_forget(st, attempt);
}

void auth_limit_succeeded(struct store *st, const char *username, const char *ip)
{
	store_login_failures_clear(st, username, ip);
}

long auth_failure_delay_ms(struct store *st, const char *username, const char *ip)
{
	int count;
	int64_t nth;
	int64_t now = (int64_t)time(NULL);
	if (store_login_failures(st, username, ip, now - LIMIT_WINDOW, LIMIT_PAIR, &count, &nth) !=
		    STORE_OK ||
	    count < 1)
		count = 1;
	long ms = DELAY_FIRST_MS;
	for (int i = 1; i < count && ms < DELAY_MAX_MS; i++)
		ms *= 2;
	return ms < DELAY_MAX_MS ? ms : DELAY_MAX_MS;
}
