/* docs_keys — the federation's signing keys (see docs.h): secret seeds in
 * DATA/keys/<id>.key, public halves in the store; and the clock documents
 * are signed by (fixed by ANZHID_TEST_CLOCK in tests only). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server/docs.h"
#include "server/fileio.h"

static const char *test_var(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

int64_t docs_clock(void)
{
	const char *fixed = test_var("ANZHID_TEST_CLOCK");
	char *end;
	if (fixed) {
		long long t = strtoll(fixed, &end, 10);
		if (*end == '\0' && t > 0)
			return t;
	}
	return (int64_t)time(NULL);
}

void docs_time_text(int64_t t, char buf[20])
{
	time_t s = (time_t)t + 8 * 3600; /* Asia/Shanghai has no DST */
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

const char *docs_test_mode(void)
{
	if (test_var("ANZHID_TEST_CLOCK") || test_var("ANZHID_TEST_KEY_SEED"))
		return "TEST MODE: documents are signed with ANZHID_TEST_CLOCK / "
		       "ANZHID_TEST_KEY_SEED (never in production)";
	return NULL;
}

static void key_path(const char *data_dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/keys/%s.key", data_dir, id);
}

/* The new key's seed: random, or the test variable's. */
static int new_seed(unsigned char seed[crypto_sign_SEEDBYTES], char *err, size_t errlen)
{
	const char *hex = test_var("ANZHID_TEST_KEY_SEED");
	size_t n = 0;
	if (!hex) {
		randombytes_buf(seed, crypto_sign_SEEDBYTES);
		return 0;
	}
	if (strlen(hex) != 2 * crypto_sign_SEEDBYTES ||
	    sodium_hex2bin(seed, crypto_sign_SEEDBYTES, hex, strlen(hex), NULL, &n, NULL) != 0 ||
	    n != crypto_sign_SEEDBYTES) {
		snprintf(err, errlen, "ANZHID_TEST_KEY_SEED is not 64 hex digits");
		return -1;
	}
	return 0;
}

/* Writes the seed as hex to DIR/keys/<id>.key, mode 0600, never over a file. */
static int write_seed(const char *data_dir, const char *id,
		      const unsigned char seed[crypto_sign_SEEDBYTES], char *err, size_t errlen)
{
	char dir[1100], path[1200], hex[2 * crypto_sign_SEEDBYTES + 2];
	snprintf(dir, sizeof dir, "%s/keys", data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	chmod(dir, 0700);
	key_path(data_dir, id, path, sizeof path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	sodium_bin2hex(hex, sizeof hex, seed, crypto_sign_SEEDBYTES);
	strcat(hex, "\n");
	ssize_t w = write(fd, hex, strlen(hex));
	int ok = w == (ssize_t)strlen(hex) && fsync(fd) == 0;
	close(fd);
	sodium_memzero(hex, sizeof hex);
	if (!ok) {
		snprintf(err, errlen, "%s: could not write the key", path);
		unlink(path);
		return -1;
	}
	return 0;
}

int docs_key_rotate(struct store *st, const char *data_dir, struct key_row *made, char *err,
		    size_t errlen)
{
	unsigned char seed[crypto_sign_SEEDBYTES], pk[32], sk[64];
	char path[1200];
	memset(made, 0, sizeof *made);
	if (new_seed(seed, err, errlen) != 0)
		return -1;
	crypto_sign_seed_keypair(pk, sk, seed);
	sodium_memzero(sk, sizeof sk);
	docseal_key_id(pk, made->id);
	sodium_bin2base64(made->public_key, sizeof made->public_key, pk, sizeof pk,
			  sodium_base64_VARIANT_ORIGINAL);
	docs_time_text(docs_clock(), made->created_at);
	int rc = write_seed(data_dir, made->id, seed, err, errlen);
	sodium_memzero(seed, sizeof seed);
	if (rc != 0)
		return -1;
	rc = store_key_add(st, made);
	if (rc != STORE_OK) {
		snprintf(err, errlen, "%s",
			 rc == STORE_CONFLICT ? "that key is already published" : store_errmsg(st));
		key_path(data_dir, made->id, path, sizeof path);
		unlink(path);
		return -1;
	}
	return 0;
}

int docs_key_ensure(struct store *st, const char *data_dir, struct key_row *made, char *err,
		    size_t errlen)
{
	struct key_row k;
	int rc = store_key_newest(st, &k);
	if (rc == STORE_OK)
		return 0;
	if (rc != STORE_NOTFOUND) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	if (store_begin(st) != STORE_OK) {
		snprintf(err, errlen, "store busy");
		return -1;
	}
	if (docs_key_rotate(st, data_dir, made, err, errlen) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st) != STORE_OK) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	return 1;
}

int docs_key_current(struct store *st, const char *data_dir, struct doc_key *key, char *err,
		     size_t errlen)
{
	struct key_row k;
	char path[1200], b64[48];
	unsigned char seed[crypto_sign_SEEDBYTES];
	size_t n = 0, len = 0;
	if (store_key_newest(st, &k) != STORE_OK) {
		snprintf(err, errlen, "no signing key: run anzhid keys rotate --data DIR");
		return -1;
	}
	key_path(data_dir, k.id, path, sizeof path);
	char *hex = srv_read_file(path, &len);
	int ok = hex && sodium_hex2bin(seed, sizeof seed, hex, len, "\n", &n, NULL) == 0 &&
		 n == sizeof seed;
	if (hex) {
		sodium_memzero(hex, len);
		free(hex);
	}
	if (!ok) {
		snprintf(err, errlen, "signing key %s: %s is missing or unreadable", k.id, path);
		return -1;
	}
	crypto_sign_seed_keypair(key->pk, key->sk, seed);
	sodium_memzero(seed, sizeof seed);
	docseal_key_id(key->pk, key->id);
	sodium_bin2base64(b64, sizeof b64, key->pk, sizeof key->pk, sodium_base64_VARIANT_ORIGINAL);
	if (strcmp(key->id, k.id) != 0 || strcmp(b64, k.public_key) != 0) {
		sodium_memzero(key, sizeof *key);
		snprintf(err, errlen, "signing key %s: %s holds another key", k.id, path);
		return -1;
	}
	return 0;
}
