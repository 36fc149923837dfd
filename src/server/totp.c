/* totp — see totp.h. */
#include "server/totp.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server/store.h"

static unsigned char seal_key[crypto_secretbox_KEYBYTES];
static int have_key;
static pthread_once_t oath_once = PTHREAD_ONCE_INIT;

static void oath_start(void)
{
	oath_init();
}

int totp_init(const char *data_dir, char *err, size_t errlen)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/totp.key", data_dir);
	pthread_once(&oath_once, oath_start);
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT) {
		unsigned char k[crypto_secretbox_KEYBYTES];
		crypto_secretbox_keygen(k);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
		int ok = fd >= 0 && write(fd, k, sizeof k) == (ssize_t)sizeof k && fsync(fd) == 0;
		if (fd >= 0)
			close(fd);
		sodium_memzero(k, sizeof k);
		if (!ok) {
			snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
			unlink(path);
			return -1;
		}
		fd = open(path, O_RDONLY | O_NOFOLLOW);
	}
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (sb.st_mode & 077)
		fchmod(fd, 0600); /* the key opens every second factor: this account only */
	ssize_t got = read(fd, seal_key, sizeof seal_key);
	close(fd);
	if (got != (ssize_t)sizeof seal_key) {
		snprintf(err, errlen, "%s: expected %zu bytes", path, sizeof seal_key);
		return -1;
	}
	have_key = 1;
	return 0;
}

int totp_code(const unsigned char *secret, size_t len, int64_t t, char out[TOTP_DIGITS + 1])
{
	pthread_once(&oath_once, oath_start);
	return oath_totp_generate((const char *)secret, len, (time_t)t, TOTP_STEP, 0, TOTP_DIGITS,
				  out) == OATH_OK ? 0 : -1;
}

int totp_match(const unsigned char *secret, size_t len, int64_t now, const char *code,
	       int64_t *step)
{
	int pos;
	uint64_t counter;
	pthread_once(&oath_once, oath_start);
	if (!code || strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
		return -1;
	if (oath_totp_validate3((const char *)secret, len, (time_t)now, TOTP_STEP, 0, 1, &pos,
				&counter, code) < 0)
		return -1;
	*step = (int64_t)counter;
	return 0;
}

int totp_seal(const unsigned char *secret, size_t len, unsigned char *out, size_t cap,
	      size_t *outlen)
{
	size_t n = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	if (!have_key || cap < n)
		return -1;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, secret, len, out, seal_key);
	*outlen = n;
	return 0;
}

int totp_open(const unsigned char *sealed, size_t len, unsigned char *secret, size_t cap,
	      size_t *outlen)
{
	const size_t over = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
	if (!have_key || len < over || cap < len - over)
		return -1;
	if (crypto_secretbox_open_easy(secret, sealed + crypto_secretbox_NONCEBYTES,
				       len - crypto_secretbox_NONCEBYTES, sealed, seal_key) != 0)
		return -1;
	*outlen = len - over;
	return 0;
}

int totp_base32(const unsigned char *secret, size_t len, char *out, size_t cap)
{
	char *b32 = NULL;
	size_t n = 0;
	if (oath_base32_encode((const char *)secret, len, &b32, &n) != OATH_OK)
		return -1;
	while (n > 0 && b32[n - 1] == '=')
		n--;
	int ok = n < cap;
	if (ok) {
		memcpy(out, b32, n);
		out[n] = '\0';
	}
	free(b32);
	return ok ? 0 : -1;
}

/* Percent-encodes what a URI label or query value may not hold as is. */
static void uri_escape(const char *s, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && n + 4 < cap; p++) {
		if (isalnum(*p) || strchr("-._~", *p)) {
			out[n++] = (char)*p;
		} else {
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
}

void totp_uri(const char *account, const char *base32, char *out, size_t cap)
{
	char acct[256];
	uri_escape(account, acct, sizeof acct);
	snprintf(out, cap,
		 "otpauth://totp/anzhi:%s?secret=%s&issuer=anzhi&algorithm=SHA1&digits=%d&period=%d",
		 acct, base32, TOTP_DIGITS, TOTP_STEP);
}

static const char code_chars[] = "abcdefghjkmnpqrstuvwxyz23456789"; /* no i l o 0 1 */

void totp_recovery_code(char out[TOTP_RECOVERY_CHARS + 1])
{
	for (int i = 0; i < TOTP_RECOVERY_CHARS; i++)
		out[i] = i == 5 ? '-' : code_chars[randombytes_uniform(sizeof code_chars - 1)];
	out[TOTP_RECOVERY_CHARS] = '\0';
}

int totp_recovery_hash(int64_t user_id, const char *code, char hex[65])
{
	char norm[32];
	size_t n = 0;
	unsigned char h[32], salt[8];
	for (const char *c = code; *c; c++) {
		if (*c == '-' || *c == ' ')
			continue;
		if (n + 1 >= sizeof norm || !isalnum((unsigned char)*c))
			return -1;
		norm[n++] = (char)tolower((unsigned char)*c);
	}
	if (n != TOTP_RECOVERY_CHARS - 1 || !have_key)
		return -1;
	/* Random codes of 50 bits need no slow hash; the key of the data
	 * directory keeps a copied database from testing guesses offline. */
	for (int i = 0; i < 8; i++)
		salt[i] = (unsigned char)((uint64_t)user_id >> (8 * i));
	crypto_generichash_state s;
	crypto_generichash_init(&s, seal_key, sizeof seal_key, sizeof h);
	crypto_generichash_update(&s, salt, sizeof salt);
	crypto_generichash_update(&s, (const unsigned char *)norm, n);
	crypto_generichash_final(&s, h, sizeof h);
	sodium_bin2hex(hex, 65, h, sizeof h);
	return 0;
}

/* ------------------------------------------------------------- the setting */

int totp_required_roles(struct store *st, char *out, size_t cap)
{
	int rc = store_setting_get(st, TOTP_SETTING, out, cap, NULL);
	if (rc == STORE_NOTFOUND)
		out[0] = '\0';
	return rc == STORE_ERROR ? -1 : 0;
}

int totp_role_listed(const char *roles, const char *role)
{
	size_t n = strlen(role);
	for (const char *p = roles; (p = strstr(p, role)) != NULL; p += n)
		if ((p == roles || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

int totp_enrolment_due(struct srv_req *rq)
{
	char roles[96];
	if (rq->user.totp_on || totp_required_roles(rq->st, roles, sizeof roles) != 0)
		return 0;
	return totp_role_listed(roles, rq->user.role);
}

/* ------------------------------------------------------------------ login */

static enum totp_login by_code(struct srv_req *rq, const struct srv_user *u, const char *code)
{
	struct totp_row t;
	unsigned char secret[64];
	size_t len;
	int64_t step;
	if (store_totp_get(rq->st, u->id, &t) != STORE_OK ||
	    totp_open(t.sealed, t.sealed_len, secret, sizeof secret, &len) != 0)
		return TOTP_LOGIN_WRONG;
	int ok = totp_match(secret, len, (int64_t)time(NULL), code, &step) == 0;
	sodium_memzero(secret, sizeof secret);
	/* a code is good once: its step (or a later one) used is a replay */
	if (!ok || step <= t.last_step || store_totp_step_use(rq->st, u->id, step) != STORE_OK)
		return TOTP_LOGIN_WRONG;
	return TOTP_LOGIN_PASS;
}

static enum totp_login by_recovery(struct srv_req *rq, const struct srv_user *u,
				   const char *code)
{
	char hex[65];
	if (totp_recovery_hash(u->id, code, hex) != 0 ||
	    store_recovery_code_use(rq->st, u->id, hex, (int64_t)time(NULL)) != STORE_OK)
		return TOTP_LOGIN_WRONG;
	store_audit(rq->st, u->id, rq->ip, "user", u->username, "recovery_code_used", NULL, NULL);
	return TOTP_LOGIN_PASS;
}

enum totp_login totp_login_check(struct srv_req *rq, struct srv_reply *rp,
				 const struct srv_user *u)
{
	const char *code = json_string_value(json_object_get(rq->body, "totp"));
	const char *recovery = json_string_value(json_object_get(rq->body, "recovery_code"));
	if (!u->totp_on)
		return TOTP_LOGIN_PASS;
	if (code && *code)
		return by_code(rq, u, code);
	if (recovery && *recovery)
		return by_recovery(rq, u, recovery);
	srv_problem(rp, 401, "totp_required", "totp",
		    "the password is right: now send it again with the 6-digit code of your "
		    "authenticator (\"totp\") or a recovery code (\"recovery_code\")");
	return TOTP_LOGIN_ANSWERED;
}
